"""The screens of the terminal questionnaire, one per module, each with its own .tcss file."""
