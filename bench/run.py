"""Benchmark the KPI engine against pandas and a single DuckDB scan (the floor).

Usage:
    .venv/bin/python bench/generate.py                      # bench/data/national.csv
    .venv/bin/python bench/run.py [--demo FILE] [--national FILE] [--period 2023-H1]

For each file it times, as subprocesses started the same way:
  engine  ``basishulp kpi flows FILE --period P --json`` (validation + journeys + flows)
  pandas  ``bench/pandas_impl.py`` (same flows, no validation)
  floor   one DuckDB scan of the CSV counting rows per municipality (python + duckdb)
  readall one DuckDB scan reading every column (max of each), for reference: the
          engine must read and validate every column, the floor reads one
and reports wall times, ratios, the peak RSS of each process (``/usr/bin/time``
or ``getrusage``), and whether engine and pandas give identical flows. Results go to
the terminal and to ``bench/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
PYTHON = str(BIN / "python") if (BIN / "python").exists() else sys.executable
FLOOR = (
    "import duckdb, sys; "
    'duckdb.sql("SELECT municipality, count(*) FROM read_csv(\'" + sys.argv[1] + "\', all_varchar = true) '
    'GROUP BY municipality").fetchall()'
)


READ_ALL = (
    "import duckdb, sys; "
    'duckdb.sql("SELECT count(*), max(COLUMNS(*)) '
    'FROM read_csv(\'" + sys.argv[1] + "\', all_varchar = true)").fetchall()'
)


def _env() -> dict[str, str]:
    """The same environment for every contender: bytecode cached under bench/data
    (this sandbox sets PYTHONDONTWRITEBYTECODE, which would recompile ibis, sqlglot
    and pandas from source in every process)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(ROOT / "bench" / "data" / "pycache")
    return env


def timed(cmd: list[str]) -> tuple[float, int | None, str]:
    """Wall seconds, peak RSS in MB and stdout of one subprocess."""
    time_bin = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if time_bin:
        cmd = [time_bin, "-f", "MAXRSS_KB=%M", *cmd]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=_env())  # noqa: S603
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")
    rss = None
    for line in proc.stderr.splitlines():
        if line.startswith("MAXRSS_KB="):
            rss = int(line.split("=", 1)[1]) // 1024
    if rss is None:
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        rss = after // 1024 if after > before else None
    return wall, rss, proc.stdout


def bench_file(path: Path, period: str, repeat: int) -> dict:
    engine_cmd = [str(BIN / "basishulp"), "kpi", "flows", str(path), "--period", period, "--json"]
    pandas_cmd = [PYTHON, str(ROOT / "bench" / "pandas_impl.py"), str(path), "--period", period, "--json"]
    floor_cmd = [PYTHON, "-c", FLOOR, str(path)]
    read_all_cmd = [PYTHON, "-c", READ_ALL, str(path)]
    result: dict = {"file": str(path), "size_mb": round(path.stat().st_size / 1e6, 1)}
    outputs = {}
    warm = [str(BIN / "basishulp"), "kpi", "flows", "--help"]
    timed(warm)  # fill the bytecode cache
    timed([PYTHON, "-c", "import pandas, numpy, duckdb"])
    contenders = (("floor", floor_cmd), ("readall", read_all_cmd), ("engine", engine_cmd), ("pandas", pandas_cmd))
    for name, cmd in contenders:
        runs = [timed(cmd) for _ in range(repeat)]
        best = min(runs, key=lambda r: r[0])
        result[name] = {"wall_s": round(best[0], 3), "all_s": [round(r[0], 3) for r in runs], "peak_rss_mb": best[1]}
        outputs[name] = best[2]
        print(f"  {name:<7} {best[0]:8.2f} s   peak RSS {best[1]} MB", flush=True)
    engine_doc = json.loads(outputs["engine"])
    pandas_doc = json.loads(outputs["pandas"])
    result["rows"] = len(engine_doc["rows"])
    result["identical_flows"] = engine_doc == pandas_doc
    result["total_row"] = engine_doc["rows"][0]
    e, p, f = result["engine"]["wall_s"], result["pandas"]["wall_s"], result["floor"]["wall_s"]
    result["pandas_over_engine"] = round(p / e, 2)
    result["engine_over_floor"] = round(e / f, 2)
    result["engine_over_readall"] = round(e / result["readall"]["wall_s"], 2)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="KPI engine benchmark")
    parser.add_argument("--demo", type=Path, help="demo-size trajectories.csv")
    parser.add_argument("--national", type=Path, default=ROOT / "bench" / "data" / "national.csv")
    parser.add_argument("--period", default="2023-H1")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command; the fastest counts")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    files = [("demo", args.demo)] if args.demo else []
    if not args.national.exists():
        raise SystemExit(f"{args.national} not found: run bench/generate.py first")
    files.append(("national", args.national))
    report = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "period": args.period,
        "targets": {"pandas_over_engine": ">= 5", "engine_over_floor": "<= 2.5", "engine_peak_rss_mb": "< 1024"},
        "results": {},
    }
    for label, path in files:
        print(f"{label}: {path}", flush=True)
        report["results"][label] = bench_file(path, args.period, args.repeat)
    print()
    header = f"{'file':<9}{'MB':>7}{'floor s':>9}{'readall s':>11}{'engine s':>10}{'pandas s':>10}"
    header += f"{'pandas/eng':>12}{'eng/floor':>11}{'eng RSS MB':>12}{'identical':>11}"
    print(header)
    print("-" * len(header))
    for label, r in report["results"].items():
        print(
            f"{label:<9}{r['size_mb']:>7}{r['floor']['wall_s']:>9.2f}{r['readall']['wall_s']:>11.2f}"
            f"{r['engine']['wall_s']:>10.2f}"
            f"{r['pandas']['wall_s']:>10.2f}{r['pandas_over_engine']:>12.2f}{r['engine_over_floor']:>11.2f}"
            f"{r['engine']['peak_rss_mb']!s:>12}{r['identical_flows']!s:>11}"
        )
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten {args.out}")


if __name__ == "__main__":
    main()
