"""Re-exports the crosswalk model (dcmm.core.editions.crosswalk) and its reader (dcmm.files.crosswalk)."""

from dcmm.core.editions.crosswalk import Crosswalk
from dcmm.files.crosswalk import find_crosswalk, load_crosswalk

__all__ = ["Crosswalk", "find_crosswalk", "load_crosswalk"]
