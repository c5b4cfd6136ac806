"""The flow definitions run unchanged on PySpark (local mode) through Ibis."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

import pytest

from basishulp.kpi.domain.indicators import flows
from basishulp.kpi.domain.journeys import latest_date
from basishulp.kpi.domain.periods import parse_period
from basishulp.kpi.engine import compute
from basishulp.kpi.engine.core import KpiRun
from basishulp.trajecten.domain.csvfile import parse_trajectories, write_trajectories
from basishulp.trajecten.domain.records import TrajectoryRecord

pytestmark = pytest.mark.spark

COLUMNS = ("trajectory_id", "client_id", "municipality", "area", "care_unit", "quadrant", "start_date", "end_date")


def _small_file_records() -> list[TrajectoryRecord]:
    rng = random.Random(7)
    records = []
    for i in range(150):
        start = date(2022, 6, 1) + timedelta(days=rng.randrange(500))
        end = start + timedelta(days=rng.choice([0, 20, 30, 31, 60, 200])) if rng.random() < 0.8 else None
        records.append(
            TrajectoryRecord(
                f"T{i:04d}",
                f"C{rng.randrange(50)}",
                rng.choice(["GM0917", "GM0882", "GM0986", "GM0363"]),
                rng.choice(["U1", "U2", "P1"]),
                rng.choice(["K1", "K2", "K3"]),
                start,
                end,
                rng.choice(["", "HRL-1"]),
            )
        )
    # round-trip through the file format, as the CLI would read it
    buf = io.StringIO()
    write_trajectories(records, buf)
    return parse_trajectories(io.StringIO(buf.getvalue(), newline="")).records


@pytest.fixture(scope="module")
def spark():
    ibis = pytest.importorskip("ibis")
    try:
        import ibis.backends.pyspark
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the environment
        pytest.skip(f"the Ibis pyspark backend cannot be imported: {exc}")
    session = (
        SparkSession.builder.master("local[1]")
        .appName("basishulp-kpi-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield session, ibis.pyspark.connect(session)
    session.stop()


def test_flows_on_spark_equal_duckdb_and_reference(spark):
    from pyspark.sql.types import DateType, StringType, StructField, StructType

    session, backend = spark
    records = _small_file_records()
    schema = StructType(
        [StructField(name, DateType() if name.endswith("_date") else StringType(), True) for name in COLUMNS]
    )
    rows = [
        (r.trajectory_id, r.client_id, r.municipality, r.area, r.care_unit, r.quadrant, r.start_date, r.end_date)
        for r in records
    ]
    session.createDataFrame(rows, schema).createOrReplaceTempView("trajectories")
    period = parse_period("2023-H1")
    as_of = latest_date(records)
    assert as_of is not None
    run = KpiRun(backend.table("trajectories"), as_of)
    for dimension in ("municipality", "care_unit"):
        on_spark = run.flows(period, dimension)
        assert on_spark == flows(records, period, as_of, dimension)
        assert on_spark == compute(records, period, as_of, dimension)[0]
