"""The terminal questionnaire: assess an organisation key by key, with a live score (Textual)."""
