"""Toeleiding naar zorg: help requests, triage, matching, waiting lists, norms (domain.md §3.1)."""
