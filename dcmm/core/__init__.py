"""The pure core: models, scoring, editions and the quick scan. Imports pydantic and the standard library only."""
