"""What Legation knows: CAMEO codes, verb patterns and actors, kept as data files."""
