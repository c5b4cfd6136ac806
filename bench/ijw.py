"""iJw import benchmark: the demo database, its 2023 trajectories of all three
municipalities exported as JW305/JW307 messages, then imported into a copy of the
database (which holds the same trajectories under other ids, so every message is new
to it), with and without the XSDs. Prints and stores messages per second.

    python bench/ijw.py [--xsd-dir DIR] [--out bench/ijw-results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(args: list[str], db: Path, extra: dict[str, str] | None = None) -> tuple[float, str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", **(extra or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.perf_counter()
    proc = subprocess.run([str(BIN / "basishulp"), *args], capture_output=True, text=True, env=env, check=False)  # noqa: S603
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"basishulp {' '.join(args)} failed:\n{proc.stderr}")
    return wall, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_xsd = ROOT.parent / "shared" / "standards" / "ijw-3.2"
    parser.add_argument("--xsd-dir", type=Path, default=default_xsd if default_xsd.is_dir() else None)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "ijw-results.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        demo = work / "demo.sqlite3"
        _run(["demo", "--no-serve"], demo)
        messages = work / "messages"
        for municipality in ("Heerlen", "Landgraaf", "Voerendaal"):
            _run(["ijw", "export", "--period", "2023", "--municipality", municipality, "--out", str(messages)], demo)
        count = len(list(messages.glob("*.xml")))
        results: dict[str, object] = {"messages": count}
        runs = [("without XSD", {"BASISHULP_IJW_XSD_DIR": ""}, [])]
        if args.xsd_dir is not None:
            runs.append(("with XSD", {}, ["--xsd-dir", str(args.xsd_dir)]))
        for name, env, flags in runs:
            copy = work / f"import-{len(results)}.sqlite3"
            shutil.copy(demo, copy)
            wall, out = _run(["ijw", "import", str(messages), "--json", *flags], copy, env)
            report = json.loads(out)
            assert report["imported"] == count, {k: report[k] for k in ("imported", "unchanged", "rejected")}
            results[name] = {"seconds": round(wall, 2), "messages_per_second": round(count / wall, 1)}
            print(f"{name}: {count} messages in {wall:.1f} s ({count / wall:.0f}/s)")
    args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
