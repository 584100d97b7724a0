"""Regenerate the initial migration from the models (while the schema is unreleased).

    python -m tracker.migrations.regenerate

Run it after changing a table; the test suite's autogenerate check fails until you do.
"""

import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from tracker.migrate import MIGRATIONS, alembic_config


def main() -> None:
    for old in (MIGRATIONS / "versions").glob("0001_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'empty.db'}")
        config = alembic_config(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.revision(config, message="initial schema", autogenerate=True, rev_id="0001")
    print("regenerated", *sorted(p.name for p in (MIGRATIONS / "versions").glob("0001_*.py")))


if __name__ == "__main__":
    main()
