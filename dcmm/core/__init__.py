"""The pure core: models and scoring. Imports pydantic and the standard library only."""
