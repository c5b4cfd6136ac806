"""The BSN validator (security.md §5, §6 check 1): test BSNs of the RvIG test range
only; every single-digit substitution and adjacent transposition of a valid number is
refused; so are 000000000, wrong lengths, letters and non-ASCII digits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from basishulp.trajecten.bsn import BSNError, normalise

#: Fictitious test persons of the RvIG GBA-V test environment (Haal Centraal BRP).
RVIG_TEST_BSNS = (
    "999993847", "999992077", "999993483", "999990482", "999993653", "999995017", "999990408",
    "999994669", "999992806", "999993926", "999991905", "999993550", "999990421",
)  # fmt: skip


@pytest.mark.parametrize("number", RVIG_TEST_BSNS)
def test_the_rvig_test_numbers_are_valid(number: str) -> None:
    assert normalise(number) == number


def test_the_test_person_with_leading_zeros() -> None:
    assert normalise("000009921") == "000009921"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("000000000", "000000000 is not a BSN"),
        ("12345", "a BSN has 9 digits, this one has 5"),
        ("9999938470", "a BSN has 9 digits, this one has 10"),
        ("99999384700", "a BSN has 9 digits, this one has 11"),
        ("99999384a", "a BSN has digits only"),
        ("９９９９９３８４７", "a BSN has digits only"),  # fullwidth digits
        ("٩٩٩٩٩٣٨٤٧", "a BSN has digits only"),  # Arabic-Indic digits
        ("999-993-847", "a BSN has digits only"),
        ("", "the BSN is empty"),
        ("   ", "the BSN is empty"),
        ("999993848", "this number does not pass the 11-proef, so it is not a BSN"),
    ],
)
def test_invalid_input_is_refused_with_the_reason(value: str, message: str) -> None:
    from django.utils import translation

    with translation.override("en"), pytest.raises(BSNError, match=message):
        normalise(value)


def test_spaces_and_dots_are_dropped_and_eight_digits_get_a_leading_zero() -> None:
    assert normalise(" 9999 93 847 ") == "999993847"
    assert normalise("999.993.847") == "999993847"
    assert normalise("00009921") == "000009921"  # eight digits: the leading zero was left off


@pytest.mark.parametrize("number", RVIG_TEST_BSNS)
def test_every_single_digit_substitution_is_refused(number: str) -> None:
    for position in range(9):
        for digit in "0123456789":
            if digit == number[position]:
                continue
            mutated = number[:position] + digit + number[position + 1 :]
            with pytest.raises(BSNError):
                normalise(mutated)


@pytest.mark.parametrize("number", RVIG_TEST_BSNS)
def test_every_adjacent_transposition_of_unequal_digits_is_refused(number: str) -> None:
    for i in range(8):
        if number[i] == number[i + 1]:
            continue
        swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
        with pytest.raises(BSNError):
            normalise(swapped)


def _with_check_digit(head: list[int]) -> str:
    rest = sum(d * w for d, w in zip(head, range(9, 1, -1), strict=True)) % 11
    return "".join(map(str, head)) + (str(rest) if rest < 10 else "x")


#: Digits drawn with replacement and the check digit solved (dropped when none fits).
valid_bsns = (
    st.lists(st.integers(0, 9), min_size=8, max_size=8)
    .map(_with_check_digit)
    .filter(lambda n: "x" not in n and n != "000000000")
)


@given(valid_bsns, st.integers(0, 8), st.integers(1, 9))
def test_generated_numbers_pass_and_their_substitutions_fail(number: str, position: int, shift: int) -> None:
    assert normalise(number) == number
    mutated = number[:position] + str((int(number[position]) + shift) % 10) + number[position + 1 :]
    with pytest.raises(BSNError):
        normalise(mutated)
