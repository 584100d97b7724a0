"""Shapes of the token API: what the secretariat sends to create a token, and what it reads back."""

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from tracker.auth.models import Role
from tracker.progress.schemas import no_cpr


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organisation: str = Field(min_length=1, max_length=16, description="Organisation code, e.g. REDEN")
    role: Role
    label: Annotated[str, AfterValidator(no_cpr)] = Field(default="", max_length=200, examples=["Reden International"])
    expires_in_days: Annotated[int, Field(ge=1, le=730)] = 365


class TokenPublic(BaseModel):
    id: int
    prefix: str
    organisation: str
    role: Role
    label: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None


class TokenCreated(TokenPublic):
    secret: str = Field(description="Shown once; only its hash is stored")


class TokensPublic(BaseModel):
    data: list[TokenPublic]
    count: int
