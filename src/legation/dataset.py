"""A store as a Parquet dataset, for corpora bigger than one database file: every table as
Parquet, reports and merged events partitioned by month (Hive layout, ``month=2015-10``), so
DuckDB reads only the months a query asks for. ``Store`` opens such a directory in place,
read-only (``--parquet DIR``), with a view per table: every query command and the HTTP API
answer from it as from the database it came from.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from legation.schema import TABLES

PARTITIONED = ("events", "merged")  # by month of the event date ("undated" when none)
MONTH = "coalesce(left(event_date, 7), 'undated') AS month"


def write_dataset(con: duckdb.DuckDBPyConnection, out: Path) -> int:
    """Write every table under ``out`` (a new or empty directory); returns the reports written."""
    out.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        target = out / table
        if table in PARTITIONED:
            con.execute(f"COPY (SELECT *, {MONTH} FROM {table}) TO '{target}' "
                        "(FORMAT parquet, PARTITION_BY (month), OVERWRITE_OR_IGNORE)")
        else:
            target.mkdir(exist_ok=True)
            con.execute(f"COPY {table} TO '{target / 'data.parquet'}' (FORMAT parquet)")
    return con.execute("SELECT count(*) FROM events").fetchall()[0][0]


def open_dataset(path: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with a view for each table of the dataset at ``path``."""
    con = duckdb.connect()
    for table in TABLES:
        folder = path / table
        if not folder.is_dir():
            continue
        files = str(folder / "**" / "*.parquet").replace("'", "''")
        if table in PARTITIONED:
            con.execute(f"CREATE VIEW {table} AS SELECT * EXCLUDE (month) FROM "
                        f"read_parquet('{files}', hive_partitioning = true)")
        else:
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{files}')")
    return con
