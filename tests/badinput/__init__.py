"""The bad-input corpus: hostile inputs fed to the real command line, one table-driven case each."""
