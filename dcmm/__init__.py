"""dcmm: data-management capability maturity (GB/T 36073) self-assessment."""

__version__ = "0.1.0"
