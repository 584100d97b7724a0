"""Read API of the plan: plans, focus areas, organisations, periods, initiatives."""

from typing import Annotated

from litestar import Controller, get
from litestar.params import FromPath, QueryParameter

from tracker.auth.guards import ANY_ROLE
from tracker.deps import CurrentSettings, DbSession, Now
from tracker.plans import schemas as s
from tracker.plans import service

PlanFilter = Annotated[
    str | None, QueryParameter(name="plan", max_length=64, description="Plan slug, e.g. mh-2022-2025")
]
Code = Annotated[str | None, QueryParameter(max_length=16)]


class PlanController(Controller):
    path = "/plans"
    tags = ["plan"]
    guards = [ANY_ROLE]

    @get("/", sync_to_thread=True, summary="List plans")
    def list_plans(self, session: DbSession) -> s.PlansPublic:
        return service.list_plans(session)

    @get("/{slug:str}", sync_to_thread=True, summary="One plan with focus areas and reporting periods")
    def get_plan(self, session: DbSession, slug: FromPath[str]) -> s.PlanDetail:
        return service.get_plan(session, slug)


class FocusAreaController(Controller):
    path = "/focus-areas"
    tags = ["plan"]
    guards = [ANY_ROLE]

    @get("/", sync_to_thread=True, summary="List focus areas")
    def list_focus_areas(self, session: DbSession, plan: PlanFilter = None) -> s.FocusAreasPublic:
        return service.list_focus_areas(session, plan_slug=plan)


class OrganisationController(Controller):
    path = "/organisations"
    tags = ["plan"]
    guards = [ANY_ROLE]

    @get("/", sync_to_thread=True, summary="List organisations (ministries, agencies, NGOs)")
    def list_organisations(self, session: DbSession) -> s.OrganisationsPublic:
        return service.list_organisations(session)

    @get("/{code:str}", sync_to_thread=True, summary="One organisation and the initiatives it owns")
    def get_organisation(self, session: DbSession, code: FromPath[str]) -> s.OrganisationPublic:
        return service.get_organisation(session, code)


class PeriodController(Controller):
    path = "/periods"
    tags = ["plan"]
    guards = [ANY_ROLE]

    @get("/", sync_to_thread=True, summary="List reporting periods")
    def list_periods(
        self,
        session: DbSession,
        plan: PlanFilter = None,
        period_state: Annotated[str | None, QueryParameter(name="state", pattern="^(open|locked)$")] = None,
    ) -> s.PeriodsPublic:
        return service.list_periods(session, plan_slug=plan, state=period_state)


class InitiativeController(Controller):
    path = "/initiatives"
    tags = ["plan"]
    guards = [ANY_ROLE]

    @get("/", sync_to_thread=True, summary="List initiatives, filtered and paginated")
    def list_initiatives(
        self,
        session: DbSession,
        now: Now,
        settings: CurrentSettings,
        plan: PlanFilter = None,
        focus_area: Annotated[
            str | None, QueryParameter(max_length=16, description="Focus area code, e.g. IO1")
        ] = None,
        lead: Annotated[str | None, QueryParameter(max_length=16, description="Lead organisation code")] = None,
        partner: Annotated[str | None, QueryParameter(max_length=16, description="Partner organisation code")] = None,
        owner: Annotated[
            str | None, QueryParameter(max_length=16, description="Lead or partner organisation code")
        ] = None,
        overdue: Annotated[bool | None, QueryParameter(description="Past deadline and not completed")] = None,
        q: Annotated[str | None, QueryParameter(max_length=200, description="Text in the code or titles")] = None,
        page: Annotated[int, QueryParameter(ge=1, le=100_000)] = 1,
        page_size: Annotated[int, QueryParameter(ge=1, le=500)] = 50,
    ) -> s.InitiativesPublic:
        return service.list_initiatives(
            session,
            today=now.astimezone(settings.tz).date(),
            plan=plan,
            focus_area=focus_area,
            lead=lead,
            partner=partner,
            owner=owner,
            overdue=overdue,
            q=q,
            page=page,
            page_size=page_size,
        )

    @get("/{code:str}", sync_to_thread=True, summary="One initiative with owners, milestones and indicators")
    def get_initiative(self, session: DbSession, now: Now, settings: CurrentSettings, code: FromPath[str]) -> s.InitiativeDetail:
        return service.get_initiative(session, code, today=now.astimezone(settings.tz).date())


CONTROLLERS = [PlanController, FocusAreaController, OrganisationController, PeriodController, InitiativeController]
