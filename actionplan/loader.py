"""Load a plan (the built-in one or any file in the same JSON format) into the database, and its inverse.

Loading is an upsert keyed by codes: loading the same data twice changes nothing, and the returned
change list says exactly what a load changed (it doubles as the dry-run diff of a plan import).
`plan_data` reads a stored plan back into the same format (the workbook export and the plan import's merge
start from it).

Longer than 400 lines on purpose: `load_plan` and its inverse `plan_data` must change together (a field
added to the plan format is written by one and read by the other), so they live side by side.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, col, select

from actionplan import plan_file
from actionplan.fora import fora_data, load_fora
from actionplan.models import (
    FocusArea,
    Indicator,
    Initiative,
    InitiativePartner,
    Milestone,
    Observation,
    Organisation,
    Plan,
    ReportingPeriod,
    Target,
)

BUILTIN_PLAN = "mh-2022-2025.json"
M = TypeVar("M", bound=SQLModel)


@dataclass(frozen=True)
class Change:
    """One field of one entity that a load creates or changes."""

    entity: str
    key: str
    field: str
    old: Any
    new: Any


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list[Change] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def builtin_plan_data() -> dict[str, Any]:
    """The built-in 2022-2025 plan against human trafficking, as parsed JSON."""
    text = resources.files("actionplan").joinpath("data", BUILTIN_PLAN).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def read_plan_file(path: Path, *, known_organisations: set[str] | None = None) -> dict[str, Any]:
    """A plan data file (JSON in the built-in format), validated (`actionplan.plan_file`): a file with
    problems raises PlanFileError listing each with its path."""
    return plan_file.read_plan_file(path, known_organisations=known_organisations)


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


class Loader:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.result = LoadResult()

    def upsert(
        self,
        model: type[M],
        entity: str,
        key: str,
        lookup: dict[str, Any],
        values: dict[str, Any],
        source: dict[str, Any] | None = None,
    ) -> M:
        """Create the row, or update it with the values whose key the source carries.

        A key the source lacks (a column the workbook does not have, a field a plan file leaves out) changes
        nothing on an existing row: organisations are shared across plans, and one plan's workbook must not
        blank what another plan set. `values` is keyed by column; `_SOURCE_KEYS` maps columns whose source key
        differs.
        """
        statement = select(model)
        for name, value in lookup.items():
            statement = statement.where(getattr(model, name) == value)
        row = self.session.exec(statement).first()
        if row is not None and source is not None:
            values = {
                name: value
                for name, value in values.items()
                if _SOURCE_KEYS.get(name, name) in source or name in _ALWAYS
            }
        if row is None:
            row = model(**lookup, **values)
            self.session.add(row)
            self.session.flush()
            self.result.created += 1
            self.result.changes.append(Change(entity, key, "*", None, "created"))
            return row
        changed = False
        for name, new in values.items():
            old = getattr(row, name)
            if _differs(old, new):
                self.result.changes.append(Change(entity, key, name, old, new))
                setattr(row, name, new)
                changed = True
        if changed:
            self.session.add(row)
            self.result.updated += 1
        else:
            self.result.unchanged += 1
        return row


# Column -> the key in the plan data that carries it (when the names differ).
_SOURCE_KEYS = {
    "coordinator_id": "coordinator",
    "focus_area_id": "focus_area",
    "lead_id": "lead",
    "value": "value",
}
# Columns that follow from where the row sits in the data, not from a key of its own.
_ALWAYS = frozenset({"plan_id", "initiative_id"})


def _differs(old: Any, new: Any) -> bool:
    if isinstance(old, (int, float)) and isinstance(new, (int, float)) and not isinstance(old, bool):
        return float(old) != float(new)
    return bool(old != new)


def load_plan(session: Session, data: dict[str, Any]) -> LoadResult:
    """Create or update the plan in `data`; flushes, never commits."""
    loader = Loader(session)
    orgs: dict[str, Organisation] = {}
    for o in data.get("organisations", []):
        orgs[o["code"]] = loader.upsert(
            Organisation,
            "organisation",
            o["code"],
            {"code": o["code"]},
            {
                "name_da": o.get("name_da"),
                "name_en": o.get("name_en") or o.get("name_da"),
                "kind": o.get("kind"),
                "parent": o.get("parent"),
                "contact_email": o.get("contact_email"),
                "note": o.get("note"),
            },
            o,
        )

    def org(code: str) -> Organisation:
        if code not in orgs:
            found = session.exec(select(Organisation).where(Organisation.code == code)).first()
            if found is None:
                raise ValueError(f"unknown organisation code {code!r}")
            orgs[code] = found
        return orgs[code]

    p = data["plan"]
    coordinator = p.get("coordinator")
    plan = loader.upsert(
        Plan,
        "plan",
        p["slug"],
        {"slug": p["slug"]},
        {
            "title_da": p.get("title_da"),
            "title_en": p.get("title_en") or p.get("title_da"),
            "starts": _date(p.get("starts")),
            "ends": _date(p.get("ends")),
            "responsible": p.get("responsible"),
            "coordinator_id": org(coordinator).id if coordinator else None,
            "budget_dkk": p.get("budget_dkk"),
            "funding_source": p.get("funding_source"),
            "published": _date(p.get("published")),
            "publisher": p.get("publisher"),
            "reconstruction_note": p.get("reconstruction_note"),
            "sources": list(p.get("sources") or []),
        },
        p,
    )
    assert plan.id is not None

    areas: dict[str, FocusArea] = {}
    for f in data.get("focus_areas", []):
        areas[f["code"]] = loader.upsert(
            FocusArea,
            "focus_area",
            f["code"],
            {"plan_id": plan.id, "code": f["code"]},
            {
                "number": f.get("number"),
                "title_da": f.get("title_da"),
                "title_en": f.get("title_en") or f.get("title_da"),
                "is_official": f.get("is_official", True),
                "summary": f.get("summary"),
                "source_url": f.get("source_url"),
            },
            f,
        )

    periods: dict[str, ReportingPeriod] = {}
    for r in data.get("periods", []):
        values: dict[str, Any] = {
            "starts": _date(r.get("starts")),
            "ends": _date(r.get("ends")),
            "due": _date(r.get("due")),
        }
        if "state" in r:
            values["state"] = r["state"]
        periods[r["label"]] = loader.upsert(
            ReportingPeriod, "period", r["label"], {"plan_id": plan.id, "label": r["label"]}, values, r
        )

    for i in data.get("initiatives", []):
        if i.get("focus_area") and i["focus_area"] not in areas:
            raise ValueError(f"initiative {i['code']}: unknown focus area {i['focus_area']!r}")
        initiative = loader.upsert(
            Initiative,
            "initiative",
            i["code"],
            {"code": i["code"]},
            {
                "plan_id": plan.id,
                "focus_area_id": areas[i["focus_area"]].id if i.get("focus_area") else None,
                "title_da": i.get("title_da"),
                "title_en": i.get("title_en") or i.get("title_da"),
                "title_is_official": bool(i.get("title_is_official", False)),
                "description": i.get("description"),
                "lead_id": org(i["lead"]).id if i.get("lead") else None,
                "lead_as_in_source": i.get("lead_as_in_source"),
                "partners_note": i.get("partners_note"),
                "starts": _date(i.get("starts")),
                "deadline": _date(i.get("deadline")),
                "budget_dkk": i.get("budget_dkk"),
                "funding_note": i.get("funding_note"),
                "certainty": i.get("certainty", "medium"),
                "certainty_note": i.get("certainty_note"),
                "source_url": i.get("source_url"),
                "additional_sources": list(i.get("additional_sources") or []),
            },
            i,
        )
        assert initiative.id is not None
        if "partners" in i:
            _sync_partners(loader, initiative, [org(code) for code in i["partners"]])
        for m in i.get("milestones", []):
            due = _date(m.get("due"))
            loader.upsert(
                Milestone,
                "milestone",
                f"{i['code']}: {m['title']}",
                {"initiative_id": initiative.id, "title": m["title"]},
                {
                    "due": due,
                    "original_due": _date(m.get("original_due")) or due,
                    "done_on": _date(m.get("done_on")),
                },
                m,
            )
        for d in i.get("indicators", []):
            indicator = loader.upsert(
                Indicator,
                "indicator",
                d["code"],
                {"code": d["code"]},
                {
                    "initiative_id": initiative.id,
                    "name_da": d.get("name_da"),
                    "name_en": d.get("name_en") or d.get("name_da"),
                    "unit": d.get("unit"),
                    "direction": d.get("direction"),
                    "baseline": d.get("baseline"),
                    "baseline_date": _date(d.get("baseline_date")),
                    "cumulative": bool(d.get("cumulative", False)),
                    "disaggregation": d.get("disaggregation"),
                    "kind": d.get("kind"),
                    "source_url": d.get("source_url"),
                    "note": d.get("note"),
                },
                d,
            )
            for t in d.get("targets", []):
                if t["period"] not in periods:
                    raise ValueError(f"indicator {d['code']}: unknown period {t['period']!r}")
                loader.upsert(
                    Target,
                    "target",
                    f"{d['code']} {t['period']}",
                    {"indicator_id": indicator.id, "period_id": periods[t["period"]].id},
                    {"value": float(t["value"])},
                )
            for a in d.get("actuals", []):
                category = a.get("category") or ""
                loader.upsert(
                    Observation,
                    "observation",
                    f"{d['code']} {a['period']} {category} ({a['source_org']})".replace("  ", " "),
                    {
                        "indicator_id": indicator.id,
                        "period": str(a["period"]),
                        "category": category,
                        "source_org": a["source_org"],
                    },
                    {"value": float(a["value"]), "source_url": a.get("source_url"), "note": a.get("note")},
                )
    load_fora(loader, plan.id, data.get("fora", []))
    session.flush()
    return loader.result


def _sync_partners(loader: Loader, initiative: Initiative, partners: list[Organisation]) -> None:
    session = loader.session
    existing = {
        link.organisation_id: link
        for link in session.exec(
            select(InitiativePartner).where(InitiativePartner.initiative_id == initiative.id)
        ).all()
    }
    wanted = {o.id: o for o in partners}
    for org_id, o in wanted.items():
        if org_id not in existing:
            assert org_id is not None
            assert initiative.id is not None
            session.add(InitiativePartner(initiative_id=initiative.id, organisation_id=org_id))
            loader.result.changes.append(Change("partner", f"{initiative.code}: {o.code}", "*", None, "added"))
            loader.result.created += 1
    for org_id, link in existing.items():
        if org_id not in wanted:
            session.delete(link)
            loader.result.changes.append(Change("partner", f"{initiative.code}: #{org_id}", "*", "linked", None))
            loader.result.updated += 1


# ------------------------------------------------------------------------------ the inverse: stored -> data


def new_plan_data(session: Session) -> dict[str, Any]:
    """What a plan not stored yet starts from: no plan rows, but the organisations every plan shares."""
    organisations: list[dict[str, Any]] = []
    empty: dict[str, Any] = {
        "plan": {},
        "organisations": organisations,
        "focus_areas": [],
        "periods": [],
        "initiatives": [],
    }
    for o in session.exec(select(Organisation).order_by(col(Organisation.code))).all():
        organisations.append(
            {
                "code": o.code,
                "name_da": o.name_da,
                "name_en": o.name_en,
                "kind": o.kind,
                "parent": o.parent,
                "contact_email": o.contact_email,
                "note": o.note,
            }
        )
    return empty


def plan_data(session: Session, slug: str) -> dict[str, Any] | None:
    """The plan as stored, in the loader's JSON format (None when there is no such plan)."""
    plan = session.exec(select(Plan).where(Plan.slug == slug)).first()
    if plan is None:
        return None
    orgs = {o.id: o for o in session.exec(select(Organisation).order_by(col(Organisation.code))).all()}
    areas = session.exec(select(FocusArea).where(FocusArea.plan_id == plan.id).order_by(col(FocusArea.id))).all()
    area_code = {a.id: a.code for a in areas}
    periods = session.exec(
        select(ReportingPeriod).where(ReportingPeriod.plan_id == plan.id).order_by(col(ReportingPeriod.starts))
    ).all()
    period_label = {p.id: p.label for p in periods}
    initiatives = session.exec(
        select(Initiative).where(Initiative.plan_id == plan.id).order_by(col(Initiative.id))
    ).all()
    ids = [i.id for i in initiatives]
    partners: dict[int, list[str]] = {}
    for link in session.exec(select(InitiativePartner).where(col(InitiativePartner.initiative_id).in_(ids))).all():
        partners.setdefault(link.initiative_id, []).append(orgs[link.organisation_id].code)
    milestones: dict[int, list[Milestone]] = {}
    for m in session.exec(
        select(Milestone).where(col(Milestone.initiative_id).in_(ids)).order_by(col(Milestone.due), col(Milestone.id))
    ).all():
        milestones.setdefault(m.initiative_id, []).append(m)
    indicators: dict[int, list[Indicator]] = {}
    all_indicators = session.exec(
        select(Indicator).where(col(Indicator.initiative_id).in_(ids)).order_by(col(Indicator.id))
    ).all()
    for d in all_indicators:
        indicators.setdefault(d.initiative_id, []).append(d)
    indicator_ids = [d.id for d in all_indicators]
    targets: dict[int, list[Target]] = {}
    for t in session.exec(
        select(Target).where(col(Target.indicator_id).in_(indicator_ids)).order_by(col(Target.id))
    ).all():
        targets.setdefault(t.indicator_id, []).append(t)
    actuals: dict[int, list[Observation]] = {}
    for a in session.exec(
        select(Observation).where(col(Observation.indicator_id).in_(indicator_ids)).order_by(col(Observation.id))
    ).all():
        actuals.setdefault(a.indicator_id, []).append(a)

    return {
        "plan": {
            "slug": plan.slug,
            "title_da": plan.title_da,
            "title_en": plan.title_en,
            "starts": plan.starts,
            "ends": plan.ends,
            "responsible": plan.responsible,
            "coordinator": orgs[plan.coordinator_id].code if plan.coordinator_id else None,
            "budget_dkk": plan.budget_dkk,
            "funding_source": plan.funding_source,
            "published": plan.published,
            "publisher": plan.publisher,
            "reconstruction_note": plan.reconstruction_note,
            "sources": list(plan.sources),
        },
        "organisations": [
            {
                "code": o.code,
                "name_da": o.name_da,
                "name_en": o.name_en,
                "kind": o.kind,
                "parent": o.parent,
                "contact_email": o.contact_email,
                "note": o.note,
            }
            for o in orgs.values()
        ],
        "focus_areas": [
            {
                "code": a.code,
                "number": a.number,
                "title_da": a.title_da,
                "title_en": a.title_en,
                "is_official": a.is_official,
                "summary": a.summary,
                "source_url": a.source_url,
            }
            for a in areas
        ],
        "periods": [
            {"label": p.label, "starts": p.starts, "ends": p.ends, "due": p.due, "state": p.state} for p in periods
        ],
        "initiatives": [
            {
                "code": i.code,
                "focus_area": area_code[i.focus_area_id],
                "title_da": i.title_da,
                "title_en": i.title_en,
                "title_is_official": i.title_is_official,
                "description": i.description,
                "lead": orgs[i.lead_id].code,
                "lead_as_in_source": i.lead_as_in_source,
                "partners": partners.get(i.id or 0, []),
                "partners_note": i.partners_note,
                "starts": i.starts,
                "deadline": i.deadline,
                "budget_dkk": i.budget_dkk,
                "funding_note": i.funding_note,
                "certainty": i.certainty,
                "certainty_note": i.certainty_note,
                "source_url": i.source_url,
                "additional_sources": list(i.additional_sources),
                "milestones": [
                    {"title": m.title, "due": m.due, "original_due": m.original_due, "done_on": m.done_on}
                    for m in milestones.get(i.id or 0, [])
                ],
                "indicators": [
                    {
                        "code": d.code,
                        "name_da": d.name_da,
                        "name_en": d.name_en,
                        "unit": d.unit,
                        "direction": d.direction,
                        "baseline": d.baseline,
                        "baseline_date": d.baseline_date,
                        "cumulative": d.cumulative,
                        "disaggregation": d.disaggregation,
                        "kind": d.kind,
                        "source_url": d.source_url,
                        "note": d.note,
                        "targets": [
                            {"period": period_label[t.period_id], "value": t.value} for t in targets.get(d.id or 0, [])
                        ],
                        "actuals": [
                            {
                                "period": a.period,
                                "category": a.category,
                                "value": a.value,
                                "source_org": a.source_org,
                                "source_url": a.source_url,
                                "note": a.note,
                            }
                            for a in actuals.get(d.id or 0, [])
                        ],
                    }
                    for d in indicators.get(i.id or 0, [])
                ],
            }
            for i in initiatives
        ],
        "fora": fora_data(session, plan.id or 0),
    }
