"""Money: lump sums, indexation, meerkosten, result sharing (domain.md §4)."""
