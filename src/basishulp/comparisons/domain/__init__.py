"""Pure logic of the comparisons app: reading the CSV files and checking published
figures (no Django, no I/O)."""
