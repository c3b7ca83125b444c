"""Named migrations, applied in order: each file's revision id is its name."""
