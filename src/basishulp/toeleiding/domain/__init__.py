"""The pure core of the intake workflow: no Django, no I/O (mypy strict)."""
