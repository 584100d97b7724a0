"""What the secretariat's forms for people, API tokens and sign-in mappings share: the roles and organisations
they offer, the page that shows a form again with its errors, and the service's refusals put beside the field
they concern."""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from litestar import Request
from litestar.response import Template
from sqlmodel import Session

from tracker.auth.models import Role
from tracker.errors import TrackerError
from tracker.plans.service import list_organisations
from tracker.web.i18n import Translator, translator
from tracker.web.pages import FormData, FormErrors, form_value, language, page

ROLES = [Role.REPORTER.value, Role.SECRETARIAT.value, Role.VIEWER.value]
T = TypeVar("T")


def organisation_choices(session: Session, lang: str) -> list[tuple[str, str]]:
    return [
        (o.code, f"{o.code} – {o.name_da if lang == 'da' else o.name_en}") for o in list_organisations(session).data
    ]


def read_form(data: FormData, *names: str) -> dict[str, str]:
    return {name: form_value(data, name) for name in names}


def check_role(errors: FormErrors, role: str, field: str, t: Translator) -> None:
    if role not in ROLES:
        errors.add(field, t("people.error.role"))


def submit(
    errors: FormErrors, call: Callable[[], T], refusals: Mapping[type[TrackerError], tuple[str, str]]
) -> T | None:
    """The service's answer when the form had no errors; a refusal named in `refusals` becomes (field, message)."""
    if errors:
        return None
    try:
        return call()
    except TrackerError as exc:
        for kind, (field, message) in refusals.items():
            if isinstance(exc, kind):
                errors.add(field, message)
                return None
        raise


def form_page(
    request: Request[Any, Any, Any],
    session: Session,
    template: str,
    *,
    title: str,
    form: dict[str, str],
    errors: FormErrors | None,
    status_code: int,
    **context: Any,
) -> Template:
    """A form page with the organisations and roles to choose from, the form as sent (or empty) and its errors."""
    lang = language(request)
    t = translator(lang)
    return page(
        request,
        template,
        title=t(title),
        organisations=organisation_choices(session, lang),
        roles=[(r, t(f"role.{r}")) for r in ROLES],
        form=form,
        errors=errors,
        status_code=status_code,
        **context,
    )
