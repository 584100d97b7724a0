"""Token administration over HTTP (secretariat only). The secret is in the creation response, once."""

from litestar import Controller, Response, get, post
from litestar.params import JSONBody

from actionplan.models import Organisation
from tracker.auth.guards import SECRETARIAT
from tracker.auth.models import ApiToken
from tracker.auth.schemas import TokenCreate, TokenCreated, TokenPublic, TokensPublic
from tracker.auth.service import create_token, list_tokens, revoke_token
from tracker.contract import problems
from tracker.deps import Caller, DbSession, Now, RowId
from tracker.errors import NotFound


def _public(token: ApiToken, organisation: str) -> dict[str, object]:
    return {
        "id": token.id,
        "prefix": token.prefix,
        "organisation": organisation,
        "role": token.role,
        "label": token.label,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "revoked_at": token.revoked_at,
        "last_used_at": token.last_used_at,
    }


class TokenController(Controller):
    path = "/tokens"
    tags = ["tokens"]
    guards = [SECRETARIAT]

    @post(
        "/",
        sync_to_thread=True,
        summary="Create an API token for an organisation (the secret is shown once)",
        operation_id="createToken",
        responses=problems(404),
    )
    def create_api_token(
        self, session: DbSession, principal: Caller, now: Now, data: JSONBody[TokenCreate]
    ) -> Response[TokenCreated]:
        token, secret = create_token(
            session,
            data.organisation,
            data.role,
            now=now,
            label=data.label,
            expires_in_days=data.expires_in_days,
            actor=principal.actor,
        )
        created = TokenCreated.model_validate(_public(token, data.organisation) | {"secret": secret})
        return Response(
            created, status_code=201, headers={"Cache-Control": "no-store", "Location": f"/tokens/{token.id}"}
        )

    @get("/", sync_to_thread=True, summary="List tokens (never their secrets)", operation_id="listTokens")
    def list_api_tokens(self, session: DbSession) -> TokensPublic:
        data = [TokenPublic.model_validate(_public(token, code)) for token, code in list_tokens(session)]
        return TokensPublic(data=data, count=len(data))

    @get("/{token_id:int}", sync_to_thread=True, summary="One token (never its secret)", operation_id="getToken")
    def get_api_token(self, session: DbSession, token_id: RowId) -> TokenPublic:
        for token, code in list_tokens(session):
            if token.id == token_id:
                return TokenPublic.model_validate(_public(token, code))
        raise NotFound(f"No token with id {token_id}.")

    @post(
        "/{token_id:int}/revoke",
        sync_to_thread=True,
        status_code=200,
        summary="Revoke a token at once",
        operation_id="revokeToken",
    )
    def revoke_api_token(self, session: DbSession, principal: Caller, now: Now, token_id: RowId) -> TokenPublic:
        token = revoke_token(session, token_id, now=now, actor=principal.actor)
        organisation = session.get(Organisation, token.organisation_id)
        return TokenPublic.model_validate(_public(token, organisation.code if organisation else "?"))


CONTROLLERS = [TokenController]
