"""Disclosure control (issue #5, docs/privacy.md): the published-count mechanism and a
differencing attack on it."""

from __future__ import annotations

import hashlib
import math
import random
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from basishulp.kpi.domain.disclosure import (
    ALPHA,
    Cell,
    noise,
    noisy_mean,
    output_probability,
    pmf,
    publish,
    published_share,
    uniform,
)

SUPPRESSED = Cell(None)


def _outputs(n: int) -> list[Cell]:
    """Every output with a probability above 1e-30 for the true count ``n``."""
    return [SUPPRESSED, *(Cell(v) for v in range(10, n + 80, 5))]


@given(st.integers(0, 5000), st.floats(min_value=1e-12, max_value=1 - 1e-12))
def test_a_published_count_is_a_multiple_of_five_of_at_least_ten_or_suppressed(n, u):
    cell = publish(n, u)
    assert cell.value is None or (cell.value % 5 == 0 and cell.value >= 10)
    assert publish(n, u) == cell  # the same question gets the same answer
    assert str(cell) == ("<8" if cell.value is None else str(cell.value))


@pytest.mark.parametrize("n", [0, 1, 7, 8, 12, 13, 40, 1699])
def test_output_probabilities_sum_to_one(n):
    assert math.isclose(sum(output_probability(o, n) for o in _outputs(n)), 1.0, rel_tol=1e-12)


def test_the_noise_follows_its_distribution():
    """The inverse distribution function maps equal slices of (0, 1) to the perturbations
    in proportion to ``pmf``: count over a fine grid of u."""
    grid = 200_000
    counts = Counter(noise((i + 0.5) / grid) for i in range(grid))
    for z in range(-8, 9):
        assert abs(counts[z] / grid - pmf(z)) < 2 / grid, z
    assert pmf(0) == pytest.approx(0.5)  # α = 1/3: half the cells keep their count before rounding


def test_the_implementation_publishes_with_the_modelled_probabilities():
    """``publish`` with random keys has the output distribution that the attack below
    assumes (``output_probability``); a deterministic rounding would fail here."""
    rng = random.Random(5)
    for n in (3, 9, 12, 13, 100):
        draws = 40_000
        seen = Counter(publish(n, rng.random() or 0.5) for _ in range(draws))
        for cell in _outputs(n):
            p = output_probability(cell, n)
            if p > 0.01:
                assert abs(seen[cell] / draws - p) < 5 * math.sqrt(p * (1 - p) / draws) + 1e-9, (n, cell)


@settings(max_examples=300)
@given(st.integers(0, 400))
def test_one_client_more_changes_the_odds_of_any_output_by_at_most_three(n):
    """ε = ln 3: P(o | n + 1) / P(o | n) lies in [1/3, 3] for every output o; suppression
    and rounding come after the noise and keep the bound."""
    for cell in _outputs(n + 1):
        with_client, without = output_probability(cell, n + 1), output_probability(cell, n)
        assert with_client > 0 and without > 0, (n, cell)
        assert ALPHA - 1e-9 <= with_client / without <= 1 / ALPHA + 1e-9, (n, cell)


CATEGORIES = ("01", "02", "03", "04", "05")


def _table(population: list[tuple[str, str]], key: bytes) -> dict[str, Cell]:
    """A municipality's table for one population of (client, category): one count per
    category and the total, with the noise keyed on the population (as the app does)."""
    fingerprint = hashlib.sha256(repr(sorted(population)).encode()).hexdigest()
    counts = Counter(category for _client, category in population)
    table = {c: publish(counts[c], uniform(key, fingerprint, c)) for c in CATEGORIES}
    table["total"] = publish(len(population), uniform(key, fingerprint, "total"))
    return table


def _likelihood(table: dict[str, Cell], counts: Counter[str], total: int) -> float:
    p = output_probability(table["total"], total)
    for c in CATEGORIES:
        p *= output_probability(table[c], counts[c])
    return p


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(CATEGORIES), min_size=0, max_size=40),
    st.sampled_from(CATEGORIES),
    st.binary(min_size=16, max_size=16),
)
def test_a_differencing_attack_never_reveals_the_one_client(categories, secret, key):
    """Two populations that differ by one client x (say the tables of 30 June and
    1 July, when x's request came in). The attacker knows everyone else, sees both
    published tables and weighs every hypothesis about x: absent, or in each category.
    No hypothesis is ever ruled out, and none is more than 3² = 9 times as likely as
    another: the attacker is never certain where x is, or whether x is there at all."""
    population = [(f"c{i}", c) for i, c in enumerate(categories)]
    before = _table(population, key)
    after = _table([*population, ("x", secret)], key)
    known = Counter(categories)
    hypotheses = {"absent": (known, len(population))}
    for c in CATEGORIES:
        hypotheses[c] = (known + Counter({c: 1}), len(population) + 1)
    # the attacker's evidence: the table after, given what they know of the table before
    likelihoods = {h: _likelihood(after, counts, total) for h, (counts, total) in hypotheses.items()}
    assert min(likelihoods.values()) > 0, likelihoods
    assert max(likelihoods.values()) / min(likelihoods.values()) <= (1 / ALPHA) ** 2 + 1e-6
    # the table before says nothing about x: the same for every hypothesis
    assert _likelihood(before, known, len(population)) > 0


def test_the_noise_is_drawn_again_for_every_cell_when_the_data_change():
    """One client more changes the fingerprint, so every cell of the table gets new
    noise, not just the client's own cell: which cells changed says nothing."""
    key = b"k" * 16
    population = [(f"c{i}", CATEGORIES[i % 5]) for i in range(200)]
    changed = 0
    for j in range(20):
        before = _table(population, key)
        after = _table([*population, (f"x{j}", "01")], key)
        changed += sum(before[c] != after[c] for c in CATEGORIES[1:])  # cells x is not in
        population = population[1:]
    assert changed > 0


def test_uniform_is_keyed_and_in_the_open_interval():
    assert uniform(b"a", "x") == uniform(b"a", "x")
    assert uniform(b"a", "x") != uniform(b"b", "x") != uniform(b"a", "y")
    assert all(0 < uniform(bytes([i]), "cell") < 1 for i in range(256))


def test_shares_come_from_the_published_counts():
    assert published_share(Cell(15), Cell(60)) == Decimal("0.250")
    assert published_share(Cell(None), Cell(60)) is None
    assert published_share(Cell(15), Cell(None)) is None
    assert published_share(Cell(70), Cell(60)) == Decimal("1.000")  # noise can overshoot


def test_a_noisy_mean_is_suppressed_for_small_groups_and_close_for_large_ones():
    assert noisy_mean([100, 200], 730, 0.5, 0.5) is None  # 2 journeys: below 8
    values = [300] * 200
    assert noisy_mean(values, 730, 0.5, 0.5) == 300  # u = 0.5: no noise
    means = [noisy_mean(values, 730, u, 0.5) for u in (0.1, 0.3, 0.7, 0.9)]
    assert all(m is not None and abs(m - 300) <= 8 for m in means)  # one 730-step on a sum of 60,000
    assert noisy_mean([5000] * 20, 730, 0.5, 0.5) == 730  # clipped: one value adds at most the bound


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="negative"):
        publish(-1, 0.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        noise(0.0)
