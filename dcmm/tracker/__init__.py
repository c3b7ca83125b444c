"""The provincial adoption tracker: certificate lists, self-assessments and targets in a database."""
