"""People who use the web pages, their one-time sign-in links and their sessions (secrets stored hashed only)."""

from datetime import datetime

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from actionplan.enums import enum_check
from actionplan.models import utcnow
from tracker.auth.models import Role


class User(SQLModel, table=True):
    """A person with a role in one organisation; the secretariat adds and disables them."""

    __tablename__ = "user"
    __table_args__ = (enum_check("role", Role),)

    id: int | None = Field(default=None, primary_key=True)
    # Stored lower-cased, so one address is one person whatever the capitals.
    email: str = Field(max_length=254, unique=True)
    name: str = Field(max_length=200)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    role: Role = Field(sa_type=String(16))
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    last_sign_in_at: datetime | None = None


class SignInLink(SQLModel, table=True):
    """A one-time sign-in link sent by mail: single use, short-lived, only its hash is kept."""

    __tablename__ = "sign_in_link"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    # The page to land on after signing in (a local path, checked when the link is made).
    next_path: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None


class WebSession(SQLModel, table=True):
    """A signed-in browser: the cookie holds a random id, the table its hash and both expiries."""

    __tablename__ = "web_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    # Absolute end, whatever the activity (created_at + the absolute lifetime).
    expires_at: datetime


class IdentityMapping(SQLModel, table=True):
    """How a person signing in through OpenID Connect gets an organisation and a role (kept by the secretariat).

    A row matches when the ID token's organisation claim equals `organisation_value` (e.g. a CVR number) and, if
    `role_value` is set, the role claim holds it (e.g. a right granted in MitID Erhverv). A sign-in that matches no
    row, or rows giving different organisations or roles, gets no access.
    """

    __tablename__ = "identity_mapping"
    __table_args__ = (enum_check("role", Role),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_value: str = Field(max_length=120, index=True)
    role_value: str = Field(default="", max_length=120)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    role: Role = Field(sa_type=String(16))
    created_at: datetime = Field(default_factory=utcnow)
