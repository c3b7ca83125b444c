"""Editions side by side: crosswalks between editions, and migrating and merging answer files. Pure."""
