"""Where the engine's time goes: each SQL statement of one ``kpi flows`` run, timed.

Usage:
    .venv/bin/python bench/stages.py [FILE] [--period 2023-H1]

Runs the same code as ``basishulp kpi flows FILE --period P`` in this process and
prints the wall time of every statement sent to DuckDB (CSV load with validity
checks, the summary with the duplicate-id check, the flow query, ...), then the
total. Start-up (Python and imports) is not included; ``bench/run.py`` measures the
command end to end.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from basishulp.kpi import engine  # noqa: E402
from basishulp.kpi.domain.periods import parse_period  # noqa: E402
from basishulp.kpi.engine import csvread  # noqa: E402


class _Timed:
    """A DuckDB connection that times every statement."""

    def __init__(self, con: object, log: list[tuple[float, str]]):
        self._con = con
        self._log = log

    def execute(self, sql: str, *args: object) -> object:
        t0 = time.perf_counter()
        result = self._con.execute(sql, *args)  # type: ignore[attr-defined]
        self._log.append((time.perf_counter() - t0, " ".join(sql.split())))
        return result

    def __getattr__(self, name: str) -> object:
        return getattr(self._con, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=ROOT / "bench" / "data" / "national.csv")
    parser.add_argument("--period", default="2023-H1")
    args = parser.parse_args()
    log: list[tuple[float, str]] = []
    connect = csvread._connect
    csvread._connect = lambda *a, **k: _Timed(connect(*a, **k), log)  # type: ignore[assignment,return-value]
    t0 = time.perf_counter()
    result = engine.file_kpis(args.file, "flows", parse_period(args.period), None)
    total = time.perf_counter() - t0
    for seconds, sql in log:
        if seconds >= 0.005:
            print(f"{seconds:7.3f} s  {sql[:100]}")
    print(f"{sum(s for s, _ in log):7.3f} s  in DuckDB ({len(log)} statements)")
    print(f"{total:7.3f} s  total in process; {len(result.rows)} groups, threads {engine.default_threads()}")


if __name__ == "__main__":
    main()
