"""Editions side by side: crosswalks between editions, migrating and merging answer files, the quick scan."""
