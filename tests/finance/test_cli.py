"""``basishulp finance index | allocate | meerkosten`` (data-formats.md §2), as subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

RATES = "2019=3.327,2020=3.149,2021=3.089,2022=3.089"
MEMBERS = "Xonar=43.9,Mondriaan=19.6,Koraal=10.4,Radar=11.2,Alcander=9.4,Meander=3.6,Welsun=1.9"
MEERKOSTEN = [
    "--budget",
    "33577000",
    "--budget-clients",
    "2100",
    "--actual-costs",
    "38905262",
    "--actual-client-months",
    "27600",
    "--months",
    "12",
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "basishulp.cli", "finance", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def document(*args: str) -> dict:
    result = run(*args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_index_contract_example() -> None:
    doc = document("index", "--base", "28579461", "--rates", RATES, "--from-year", "2019")
    assert doc["rows"][0] == {"year": 2019, "rate": 3.327, "cumulative": 1.03327, "amount": 29530300}
    assert [r["year"] for r in doc["rows"]] == [2019, 2020, 2021, 2022]


def test_index_with_an_amount_per_year_reproduces_seed_003() -> None:
    base = "2019=28579461,2020=28579461,2021=26808295,2022=24987128"
    doc = document("index", "--base", base, "--rates", RATES, "--from-year", "2020")
    assert [r["amount"] for r in doc["rows"]] == [28579461, 29479428, 28506674, 27390882]
    assert doc["rows"][0]["cumulative"] == 1


def test_index_accepts_thousands_separators_in_lists() -> None:
    doc = document("index", "--base", "2019=28,579,461", "--rates", "2019=3.327", "--from-year", "2019")
    assert doc["rows"][0]["amount"] == 29530300


def test_allocate_sums_exactly() -> None:
    doc = document("allocate", "--total", "3263000", "--keys", MEMBERS)
    assert doc["total"] == 3263000
    assert [r["name"] for r in doc["rows"]] == [
        "Xonar",
        "Mondriaan",
        "Koraal",
        "Radar",
        "Alcander",
        "Meander",
        "Welsun",
    ]
    assert doc["rows"][0] == {"name": "Xonar", "weight": 43.9, "amount": 1432457}
    assert sum(r["amount"] for r in doc["rows"]) == 3263000


def test_allocate_in_thousands() -> None:
    doc = document("allocate", "--total", "3263000", "--keys", MEMBERS, "--unit", "1000")
    assert doc["rows"][0]["amount"] == 1432000
    assert sum(r["amount"] for r in doc["rows"]) == 3263000


def test_allocate_ties_go_to_the_larger_weight_then_the_name() -> None:
    doc = document("allocate", "--total", "1", "--keys", "b=1,a=1")
    assert {r["name"]: r["amount"] for r in doc["rows"]} == {"a": 1, "b": 0}
    doc = document("allocate", "--total", "2", "--keys", "a=1,b=2,c=1")  # quotas 0.5, 1, 0.5
    assert {r["name"]: r["amount"] for r in doc["rows"]} == {"a": 1, "b": 1, "c": 0}


def test_meerkosten_contract_example() -> None:
    assert document("meerkosten", *MEERKOSTEN) == {
        "meerkosten": 5328262,
        "volume_effect": 3197810,
        "price_effect": 2130452,
        "budget_price": 1332.42,
        "actual_price": 1409.61,
    }


def test_meerkosten_actual_price_ordering_says_so() -> None:
    doc = document("meerkosten", *MEERKOSTEN, "--ordering", "actual-price", "--volume-price", "1178.33")
    assert doc["ordering"] == "actual-price"
    assert doc["volume_effect"] + doc["price_effect"] == doc["meerkosten"]


def test_tables_are_dutch() -> None:
    result = run("meerkosten", *MEERKOSTEN)
    assert result.returncode == 0
    assert "5.328.262" in result.stdout
    assert "1.332,42" in result.stdout
    assert "volume tegen budgetprijs" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("index", "--base", "abc", "--rates", RATES, "--from-year", "2019"), "--base amount: 'abc' is not a number"),
        (("index", "--base", "1", "--rates", "2019=3,2021=3", "--from-year", "2019"), "no rate for 2020"),
        (("index", "--base", "1", "--rates", RATES, "--from-year", "2018"), "no rate for the start year 2018"),
        (("index", "--base", "1", "--rates", "19=3", "--from-year", "2019"), "'19' is not a year"),
        (("allocate", "--total", "10", "--keys", "a=1,a=2"), "'a' is given twice"),
        (("allocate", "--total", "10", "--keys", "a=0,b=0"), "all weights are 0"),
        (("allocate", "--total", "10", "--keys", "a=-1,b=2"), "negative weight for a"),
        (("allocate", "--total", "10", "--keys", "a"), "expected name=weight"),
        (("allocate", "--total", "10", "--keys", "a=1", "--unit", "0.5"), "--unit must be a whole number"),
        (("meerkosten", *MEERKOSTEN[:-1], "0"), "--months must be 1 or more"),
        (("meerkosten", *MEERKOSTEN, "--volume-price", "1000"), "only with the actual-price ordering"),
        (("allocate", "--keys", "a=1"), "required: --total"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: tuple[str, ...], message: str) -> None:
    result = run(*args, "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
