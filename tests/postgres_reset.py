"""Between tests, the run's PostgreSQL database goes back to empty (or to just the built-in plan) in milliseconds.

TRUNCATE of all the tables takes 0.4-1 s (PostgreSQL gives each table new files), and deleting and inserting
the plan's rows again ~0.1 s. So the run's database counts writes: after each statement that writes a table,
a trigger advances that table's counter (a sequence: sequences neither wait for nor roll back with a
transaction, so concurrent tests behave as without it). Before each test only the tables written since the
last reset are emptied, children first; the plan stays when no plan table was written. Every id sequence is
set back as `TRUNCATE ... RESTART IDENTITY` and re-inserting the plan would leave it.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, Table, insert, text

from tracker.models import metadata

PREFIX = "test_writes_"
PlanRows = list[tuple[Table, list[dict[str, Any]]]]

_COUNT_WRITES = f"""
    CREATE FUNCTION test_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM nextval(quote_ident('{PREFIX}' || TG_TABLE_NAME));
        RETURN NULL;
    END $$
"""
_COUNTERS = f"""
    SELECT substr(sequencename, {len(PREFIX) + 1}), last_value FROM pg_sequences
    WHERE schemaname = current_schema() AND starts_with(sequencename, '{PREFIX}')
"""
# Each sequence owned by a column of the named tables back at its start, as RESTART IDENTITY leaves it.
_RESTART_SEQUENCES = """
    SELECT setval(s.seqrelid, s.seqstart, false) FROM pg_sequence s
    JOIN pg_depend d ON d.objid = s.seqrelid AND d.classid = 'pg_class'::regclass
        AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    JOIN pg_class t ON t.oid = d.refobjid
    WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY(:names)
"""
# Tables with a row trigger on DELETE (the append-only audit trail refuses DELETE): these are truncated.
_DELETE_REFUSED = """
    SELECT DISTINCT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
    WHERE NOT g.tgisinternal AND (g.tgtype & 1) <> 0 AND (g.tgtype & 8) <> 0
        AND c.relnamespace = current_schema()::regnamespace
"""


def count_writes(engine: Engine) -> None:
    """Give every table of the (freshly migrated) database its write counter."""
    with engine.begin() as connection:
        connection.execute(text(_COUNT_WRITES))
        for table in metadata.sorted_tables:
            connection.execute(text(f'CREATE SEQUENCE "{PREFIX}{table.name}"'))
            connection.execute(
                text(
                    f'CREATE TRIGGER test_count_write AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table.name}" '
                    "FOR EACH STATEMENT EXECUTE FUNCTION test_count_write()"
                )
            )


def _empty(connection: Connection, names: set[str]) -> None:
    """Delete every row of the named tables, children first (tables that refuse DELETE are truncated)."""
    truncate = names & set(connection.execute(text(_DELETE_REFUSED)).scalars())
    if truncate:
        connection.execute(text("TRUNCATE " + ", ".join(f'"{name}"' for name in sorted(truncate)) + " CASCADE"))
    for table in reversed(metadata.sorted_tables):
        if table.name in names - truncate:
            connection.execute(table.delete())


def empty_all(engine: Engine) -> None:
    """Every table empty and every id sequence at its start (only the tables that have rows are touched)."""
    tables = metadata.sorted_tables
    has_rows = " UNION ALL ".join(f"SELECT '{t.name}' WHERE EXISTS (SELECT 1 FROM \"{t.name}\")" for t in tables)
    with engine.begin() as connection:
        _empty(connection, set(connection.execute(text(has_rows)).scalars()))
        connection.execute(text(_RESTART_SEQUENCES), {"names": [t.name for t in tables]})


def _counters(connection: Connection) -> dict[str, int | None]:
    return {name: count for name, count in connection.execute(text(_COUNTERS)).tuples()}


@dataclass
class PostgresTables:
    """What the run's database holds between tests: its write counters at the last reset, and whether the plan."""

    counters: dict[str, int | None] | None = None  # None: not known yet (empty everything)
    plan_ids: dict[str, int] = field(default_factory=dict)  # the plan's tables -> their highest id ({}: no plan)
    plan_tables: frozenset[str] = frozenset()

    def _written(self, connection: Connection) -> set[str] | None:
        now = _counters(connection)
        if self.counters is None or now.keys() != self.counters.keys():
            return None
        return {name for name, count in now.items() if count != self.counters[name]}

    def _remember(self, engine: Engine) -> None:
        with engine.connect() as connection:
            self.counters = _counters(connection)

    def reset(self, engine: Engine, *, keep_plan: bool) -> None:
        """Empty what the last test wrote; keep the plan when it is wanted and no plan table was written."""
        with engine.begin() as connection:
            written = self._written(connection)
        if written is None or not (keep_plan and self.plan_ids and not written & self.plan_tables):
            empty_all(engine)
            self.plan_ids = {}
        else:
            with engine.begin() as connection:
                _empty(connection, written)
                connection.execute(text(_RESTART_SEQUENCES), {"names": [t.name for t in metadata.sorted_tables]})
                self._move_past_plan(connection)
        self._remember(engine)

    def load_plan(self, engine: Engine, rows: PlanRows) -> None:
        """Insert the captured plan rows (parents first), unless they are still there from the last test."""
        if not self.plan_ids:
            with engine.begin() as connection:
                for table, table_rows in rows:
                    connection.execute(insert(table), table_rows)
                self.plan_ids = {
                    table.name: max(row["id"] for row in table_rows) for table, table_rows in rows if "id" in table.c
                }
                self.plan_tables = frozenset(table.name for table, _ in rows)
                self._move_past_plan(connection)
        self._remember(engine)

    def _move_past_plan(self, connection: Connection) -> None:
        if self.plan_ids:
            moves = ", ".join(
                f"setval(pg_get_serial_sequence('\"{name}\"', 'id'), {n})" for name, n in self.plan_ids.items()
            )
            connection.execute(text(f"SELECT {moves}"))
