"""Numbers and delimiters of the comparisons' CSV files (pure)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from basishulp.comparisons.domain.csvtext import ImportFileError, NumberError, decode, detect_delimiter, parse_number

NUMBERS = [
    ("2306", Decimal("2306")),
    ("2.306", Decimal("2306")),  # Dutch thousands separator
    ("3.384.810", Decimal("3384810")),
    ("1.153,5", Decimal("1153.5")),
    ("1153,5", Decimal("1153.5")),
    ("1153.5", Decimal("1153.5")),  # a point not followed by exactly three digits is a decimal point
    ("0,25", Decimal("0.25")),
    ("+778", Decimal("778")),
    ("-802", Decimal("-802")),
    ("−802", Decimal("-802")),  # the minus sign of typeset reports
    ("3 255", Decimal("3255")),  # older StatLine exports: a space between thousands
    (" 42 ", Decimal("42")),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_numbers(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1.23.4", "1,2,3", "12.34,5", "1.2345,6", "--1", "2.306,", "€ 12"])
def test_not_numbers(text):
    with pytest.raises(NumberError, match="is not a number"):
        parse_number(text)


def test_delimiter_is_the_more_frequent_one_outside_quotes():
    assert detect_delimiter('"Perioden";"Regio\'s";"Jongeren, totaal"') == ";"
    assert detect_delimiter("source,period,scope,measure,value") == ","
    assert detect_delimiter("bron;periode;gebied;maat;waarde") == ";"


def test_decode_accepts_a_byte_order_mark_and_refuses_other_encodings():
    assert decode("\ufeffbron;periode".encode(), "f.csv") == "bron;periode"
    with pytest.raises(ImportFileError) as info:
        decode("a;b\nHeerlen;Fryslân\n".encode("cp1252"), "f.csv")
    assert str(info.value.errors[0]) == "f.csv, line 2: the file is not UTF-8: save it as CSV UTF-8 and try again"
