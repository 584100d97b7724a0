"""API tokens: one per client, tied to an organisation and a role, stored only as a hash."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from actionplan.enums import enum_check
from actionplan.models import utcnow


class Role(StrEnum):
    REPORTER = "reporter"
    SECRETARIAT = "secretariat"
    VIEWER = "viewer"


class ApiToken(SQLModel, table=True):
    __tablename__ = "api_token"
    __table_args__ = (enum_check("role", Role),)

    id: int | None = Field(default=None, primary_key=True)
    # The first characters of the secret, shown in listings so people can tell tokens apart.
    prefix: str = Field(max_length=16, index=True)
    secret_hash: str = Field(max_length=64, unique=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    role: Role = Field(sa_type=String(16))
    label: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None
