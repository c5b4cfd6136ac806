"""Report benchmark: the demo database, then ``basishulp report`` for 2023-H1 — HLV and
each municipality in PDF, Excel and HTML (the twelve files of ``--all``), timed as
whole commands, with the peak memory of the process (``/usr/bin/time -v`` where
available). Each run is new (the database is copied fresh, so no run is reused).

    python bench/report.py [--out bench/report-results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TIME = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)


def _run(args: list[str], db: Path) -> tuple[float, int | None]:
    """Wall seconds and peak resident memory (kB) of one command."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    command = [str(BIN / "basishulp"), *args]
    if TIME:
        command = [TIME, "-v", *command]
    t0 = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"basishulp {' '.join(args)} failed:\n{proc.stderr}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return wall, int(peak.group(1)) if peak else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "report-results.json")
    args = parser.parse_args()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        demo = work / "demo.sqlite3"
        _run(["demo", "--no-serve"], demo)
        cases = [
            ("HLV pdf", ["--format", "pdf"]),
            ("HLV xlsx", ["--format", "xlsx"]),
            ("HLV html", ["--format", "html"]),
            ("Landgraaf pdf", ["--municipality", "Landgraaf", "--format", "pdf"]),
            ("all 12 files", ["--all", "--format", "html,pdf,xlsx"]),
        ]
        for name, flags in cases:
            copy = work / "run.sqlite3"
            shutil.copy(demo, copy)
            out = work / ("out" if "--all" in flags else f"report.{flags[-1]}")
            wall, peak = _run(["report", "--period", "2023-H1", *flags, "--out", str(out)], copy)
            results[name] = {"seconds": round(wall, 1), "peak_rss_mb": None if peak is None else round(peak / 1024)}
            print(f"{name:15} {wall:6.1f} s  peak {results[name]['peak_rss_mb']} MB", flush=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
