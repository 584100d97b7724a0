"""Baseline B: a bare Litestar endpoint that inserts one row through SQLAlchemy into the tracker's database.

The floor for any write: same engine settings as the tracker (tracker.db.create_db_engine), a sync handler in
a thread, one session, one INSERT, one commit. No auth, no audit. Served with `uvicorn --factory`.
"""

from datetime import UTC, datetime

from litestar import Litestar, post
from litestar.datastructures import State
from pydantic import BaseModel
from sqlmodel import Field, Session, SQLModel

from tracker.db import create_db_engine
from tracker.settings import Settings


class BenchRow(SQLModel, table=True):
    __tablename__ = "bench_row"

    id: int | None = Field(default=None, primary_key=True)
    status: str = Field(max_length=16)
    narrative: str
    value: float
    at: datetime


class RowIn(BaseModel):
    status: str
    narrative: str
    value: float


def create_app() -> Litestar:
    engine = create_db_engine(Settings())
    # Only this table: the baseline must not depend on the tracker's schema.
    BenchRow.__table__.create(engine, checkfirst=True)  # type: ignore[attr-defined]

    @post("/rows", sync_to_thread=True)
    def insert_row(state: State, data: RowIn) -> dict[str, int | None]:
        with Session(state.engine, expire_on_commit=False) as session:
            row = BenchRow(status=data.status, narrative=data.narrative, value=data.value, at=datetime.now(UTC))
            session.add(row)
            session.commit()
            return {"id": row.id}

    return Litestar(route_handlers=[insert_row], state=State({"engine": engine}), on_shutdown=[engine.dispose])
