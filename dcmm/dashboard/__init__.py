"""The web dashboard: the tracker's progress pages for provincial offices, with accounts, over the tracker service."""
