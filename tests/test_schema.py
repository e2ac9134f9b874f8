"""The one schema spec: DuckDB tables, Arrow schemas and flat CSV columns agree."""

import duckdb
import pyarrow as pa
import pytest

from legation.schema import TABLES, arrow_schema, ddl, flat_columns


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    c.execute(ddl())
    return c


@pytest.mark.parametrize("table", sorted(TABLES))
def test_arrow_rows_insert_by_position(con: duckdb.DuckDBPyConnection, table: str) -> None:
    schema = arrow_schema(table)
    cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    assert cols == schema.names
    empty = pa.Table.from_pylist([], schema=schema)  # noqa: F841 (DuckDB replacement scan)
    con.execute(f"INSERT INTO {table} SELECT * FROM empty")


def test_constraints_come_from_the_spec(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO events (event_id, article_id, \"start\", \"end\", cameo, "
                    "cameo_root, quad_class) VALUES ('e', 'a', 0, 1, '010', '01', 7)")


def test_flat_columns_spread_structs(con: duckdb.DuckDBPyConnection) -> None:
    rel = con.query(f"SELECT {flat_columns('events')} FROM events")
    types = {str(t) for t in rel.types}
    assert not any(t.startswith("STRUCT") for t in types)
    assert {"source_country", "target_kb_id", "claimed_by_code", "place_lat"} <= set(rel.columns)
