"""Generate a national-scale ``trajectories.csv`` (data-formats.md §1) with DuckDB.

Usage: ``.venv/bin/python bench/generate.py [--clients N] [--seed S] [--out PATH]``

All randomness comes from ``hash(seed, client, k)`` so the file is identical for the
same arguments whatever the thread count. Shape: 342 municipalities (HLV among them,
sometimes written by name), about 2.5 trajectories per client spread over 2018-2024
with gaps below and above 30 days (so journeys merge and split), overlapping care at
two units, about 4% running trajectories, iJw end reasons and referrer codes.
"""

# The SQL is built from integers and generated codes only.
# ruff: noqa: S608
from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

HLV = ("GM0917", "GM0882", "GM0986")
N_MUNICIPALITIES = 342


def municipality_codes() -> list[str]:
    """342 distinct GM codes: the three HLV codes and 339 others."""
    codes = list(HLV)
    n = 3
    while len(codes) < N_MUNICIPALITIES:
        code = f"GM{n:04d}"
        if code not in codes:
            codes.append(code)
        n += 3
    return codes


def generate(out: Path, clients: int, seed: int) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    codes = municipality_codes()
    values = ", ".join(f"('{code}', {i})" for i, code in enumerate(codes))
    con.execute(f"CREATE TEMP TABLE munis AS SELECT * FROM (VALUES {values}) v(code, idx)")
    s = int(seed)
    # u(x) is a uniform number in [0, 1) derived from a hash; deterministic per (seed, client, k, salt).
    sql = f"""
    COPY (
      WITH c AS (
        SELECT range AS cid,
               (hash({s}, range, 1) % 1000000) / 1e6 AS u_muni,
               (hash({s}, range, 2) % 1000000) / 1e6 AS u_start,
               1 + CAST(hash({s}, range, 3) % 4 AS INTEGER) AS n_traj
        FROM range({int(clients)})
      ),
      cm AS (
        SELECT c.*,
          CASE WHEN u_muni < 0.012 THEN 0 WHEN u_muni < 0.017 THEN 1 WHEN u_muni < 0.018 THEN 2
               ELSE 3 + CAST(floor(pow((u_muni - 0.018) / 0.982, 1.7) * {N_MUNICIPALITIES - 3}) AS INTEGER) END AS midx
        FROM c
      ),
      t AS (
        SELECT cm.cid, cm.midx, k.k, cm.n_traj,
               DATE '2018-01-01' + CAST(u_start * 2150 AS INTEGER) AS client_start,
               (hash({s}, cid, k.k, 10) % 1000000) / 1e6 AS u_gap,
               (hash({s}, cid, k.k, 11) % 1000000) / 1e6 AS u_dur,
               (hash({s}, cid, k.k, 12) % 1000000) / 1e6 AS u_open,
               (hash({s}, cid, k.k, 13) % 1000000) / 1e6 AS u_reason,
               hash({s}, cid, k.k, 14) AS h_unit,
               hash({s}, cid, k.k, 15) AS h_misc
        FROM cm, LATERAL (SELECT unnest(range(cm.n_traj)) AS k) k
      ),
      offs AS (
        SELECT *,
          -- gap to the previous trajectory start: overlap, < 30 days after, or long after
          sum(CASE WHEN k = 0 THEN 0
                   WHEN u_gap < 0.3 THEN CAST(u_gap * 200 AS INTEGER)
                   WHEN u_gap < 0.7 THEN 60 + CAST(u_gap * 300 AS INTEGER)
                   ELSE 200 + CAST(u_gap * 900 AS INTEGER) END)
            OVER (PARTITION BY cid ORDER BY k ROWS UNBOUNDED PRECEDING) AS offset_days
        FROM t
      ),
      d AS (
        SELECT *, client_start + CAST(offset_days AS INTEGER) AS start_date,
               1 + CAST(pow(u_dur, 1.5) * 700 AS INTEGER) AS duration
        FROM offs
      )
      SELECT
        'T' || lpad(CAST(cid * 4 + k AS VARCHAR), 10, '0') AS trajectory_id,
        'P' || CAST(cid AS VARCHAR) AS client_id,
        CASE WHEN midx < 3 AND h_misc % 10 = 0 THEN (['Heerlen', 'Landgraaf', 'Voerendaal'])[midx + 1]
             ELSE m.code END AS municipality,
        CASE WHEN midx < 3 THEN (['HRL', 'LGR', 'VRD'])[midx + 1] || '-' || CAST(1 + h_misc % 6 AS VARCHAR)
             WHEN h_misc % 3 = 0 THEN NULL ELSE 'A' || CAST(midx AS VARCHAR) || '-' || CAST(h_misc % 4 AS VARCHAR) END
          AS area,
        'U' || lpad(CAST(h_unit % 600 AS VARCHAR), 4, '0') AS care_unit,
        CASE WHEN h_unit % 20 = 0 THEN 'K1' WHEN h_unit % 20 < 10 THEN 'K2' ELSE 'K3' END AS quadrant,
        strftime(start_date, '%Y-%m-%d') AS start_date,
        CASE WHEN (k = n_traj - 1 AND u_open < 0.1) OR start_date + duration > DATE '2024-06-30' THEN NULL
             ELSE strftime(start_date + duration, '%Y-%m-%d') END AS end_date,
        CASE WHEN (k = n_traj - 1 AND u_open < 0.1) OR start_date + duration > DATE '2024-06-30' THEN NULL
             WHEN u_reason < 0.72 THEN '31' WHEN u_reason < 0.85 THEN '34' WHEN u_reason < 0.90 THEN '32'
             WHEN u_reason < 0.94 THEN '20' WHEN u_reason < 0.97 THEN '38' WHEN u_reason < 0.99 THEN '35'
             ELSE NULL END AS end_reason,
        (['01', '02', '03', '04', '05', '06', '08', NULL])[1 + CAST(h_misc % 8 AS INTEGER)] AS referrer_type
      FROM d JOIN munis m ON m.idx = d.midx
      WHERE start_date <= DATE '2024-06-30'
      ORDER BY cid, k
    ) TO '{out}' (HEADER, DELIMITER ',', QUOTE '"')
    """
    con.execute(sql)
    n = con.execute(f"SELECT count(*) FROM read_csv('{out}', all_varchar = true)").fetchone()[0]  # type: ignore[index]
    con.close()
    return int(n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=2_400_000)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / "national.csv")
    args = parser.parse_args()
    t0 = time.perf_counter()
    n = generate(args.out, args.clients, args.seed)
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {n} trajectories, {size:.0f} MB in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
