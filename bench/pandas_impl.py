"""Vectorised pandas implementation of the flow KPIs (for the benchmark only).

Same definitions as :mod:`basishulp.kpi.domain` (journeys with the 30-day rule,
closing judged on ``as_of``, flows per municipality of the opening trajectory) but
without the file validation the engine does. Usage:

    .venv/bin/python bench/pandas_impl.py FILE --period 2023-H1 [--as-of D] --json
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from basishulp.kpi.domain.periods import Period, parse_period
from basishulp.trajecten.domain.reference import HLV_CODES, MUNICIPALITIES, municipality_name

GAP = 30
_EPOCH = np.datetime64("1970-01-01", "D")
_OPEN = np.iinfo(np.int64).max // 4  # "running" end date: later than any real date


def _days(d: date) -> int:
    return int((np.datetime64(d, "D") - _EPOCH).astype(np.int64))


def load(path: str) -> pd.DataFrame:
    cols = ["trajectory_id", "client_id", "municipality", "start_date", "end_date"]
    df = pd.read_csv(path, usecols=cols, dtype=str, keep_default_na=False, engine="pyarrow")
    for c in ("trajectory_id", "client_id", "municipality", "start_date", "end_date"):
        df[c] = df[c].str.strip()
    by_name = {name.casefold(): code for code, name in MUNICIPALITIES.items()}
    m = df["municipality"]
    df["municipality"] = m.where(m.str.match(r"^GM\d{4}$"), m.str.casefold().map(by_name))
    start = pd.to_datetime(df["start_date"], format="%Y-%m-%d").to_numpy("datetime64[D]")
    end = pd.to_datetime(df["end_date"].replace("", None), format="%Y-%m-%d").to_numpy("datetime64[D]")
    df["start"] = (start - _EPOCH).astype(np.int64)
    end_days = (end - _EPOCH).astype("timedelta64[D]").astype(np.float64)
    end_days[np.isnat(end)] = np.nan
    df["end"] = end_days
    return df.drop(columns=["start_date", "end_date"])


def journeys(df: pd.DataFrame, as_of: int) -> pd.DataFrame:
    df = df[df["start"] <= as_of]
    end = df["end"].to_numpy(copy=True)
    end[end > as_of] = np.nan  # not known yet: still running
    df = df.assign(end_key=np.where(np.isnan(end), _OPEN, np.nan_to_num(end, nan=0)).astype(np.int64), end=end)
    df = df.sort_values(["client_id", "start", "trajectory_id"], kind="stable", ignore_index=True)
    client = df["client_id"].to_numpy()
    first = np.ones(len(df), dtype=bool)
    first[1:] = client[1:] != client[:-1]
    running = df.groupby("client_id", sort=False)["end_key"].cummax().to_numpy()
    previous = np.empty_like(running)
    previous[1:] = running[:-1]
    start = df["start"].to_numpy()
    new = first | ((previous != _OPEN) & (start > previous + GAP))
    jid = np.cumsum(new)
    g = df.groupby(jid, sort=False)
    j = pd.DataFrame(
        {
            "start": g["start"].first().to_numpy(),
            "municipality": g["municipality"].first().to_numpy(),
            "last_end": g["end_key"].max().to_numpy(),
        }
    )
    closed = (j["last_end"] != _OPEN) & (as_of >= j["last_end"] + GAP + 1)
    j["close"] = np.where(closed, j["last_end"], _OPEN)  # _OPEN = not closed
    return j


def flows(j: pd.DataFrame, period: Period) -> list[dict]:
    p0, p1 = _days(period.start), _days(period.end)
    s, c = j["start"], j["close"]
    cols = {
        "begin": (s < p0) & (c >= p0),
        "inflow": (s >= p0) & (s <= p1),
        "outflow": (c >= p0) & (c <= p1),
        "end": (s <= p1) & (c > p1),
    }
    months = list(period.months())
    for i, m in enumerate(months):
        cols[f"m{i}"] = (s <= _days(m.end)) & (c >= _days(m.start))
    flags = pd.DataFrame({k: v.astype(np.int64) for k, v in cols.items()})
    flags["group"] = j["municipality"].map(lambda code: municipality_name(code))
    per_group = flags.groupby("group", sort=False).sum()
    total = per_group.sum()
    known = [municipality_name(code) for code in HLV_CODES]
    names = known + sorted(set(per_group.index) - set(known))
    rows = []
    for name, values in [("total", total)] + [(n, per_group.loc[n] if n in per_group.index else None) for n in names]:

        def get(k: str, v: pd.Series | None = values) -> int:
            return 0 if v is None else int(v[k])

        in_care = sum(get(f"m{i}") for i in range(len(months)))
        average = (Decimal(in_care) / len(months)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        rows.append(
            {
                "group": name,
                "begin": get("begin"),
                "inflow": get("inflow"),
                "subtotal": get("begin") + get("inflow"),
                "outflow": get("outflow"),
                "end": get("end"),
                "monthly_average": float(average),
            }
        )
    return rows


def run(path: str, period: Period, as_of: date | None) -> dict:
    df = load(path)
    if as_of is None:
        latest = np.nanmax([df["start"].max(), np.nanmax(df["end"].to_numpy()) if len(df) else np.nan])
        effective = int(latest) if not np.isnan(latest) else _days(period.end)
    else:
        effective = _days(as_of)
    j = journeys(df, effective)
    as_of_text = str(_EPOCH + np.timedelta64(effective, "D"))
    return {
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "as_of": as_of_text,
        "rows": flows(j, period),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="pandas flows (benchmark)")
    parser.add_argument("file")
    parser.add_argument("--period", required=True)
    parser.add_argument("--as-of")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    as_of = date.fromisoformat(args.as_of) if args.as_of else None
    document = run(args.file, parse_period(args.period), as_of)
    json.dump(document, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
