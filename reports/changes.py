"""The "what changed since the last report" section: status changes, new delays (with moved milestones),
revised figures and new risks, between the previous period's due date and this one's."""

from datetime import date, datetime
from typing import Any

import polars as pl

from actionplan.enums import ReportState
from actionplan.rules import is_overdue
from reports.i18n import Lang, field_label, field_value, format_date, format_number
from reports.model import TROUBLE, Changes, Frames, NewDelay, NewRisk, Revision, SlipRow, StatusChange
from reports.rules import end_of, revision_diffs


def build_changes(
    frames: Frames,
    init_rows: list[dict[str, Any]],
    cur: dict[int, dict[str, Any]],
    prev: dict[int, dict[str, Any]],
    period: dict[str, Any],
    previous: dict[str, Any] | None,
    as_of: date,
    slip_rows: list[SlipRow],
    *,
    lang: Lang,
) -> Changes:
    status_changes: list[StatusChange] = []
    new_delays: list[NewDelay] = []
    new_risks: list[NewRisk] = []
    prev_as_of = min(as_of, previous["due"]) if previous else None
    window_start = end_of(previous["due"]) if previous else datetime.min
    new_slips = frames.slips.filter((pl.col("at") > window_start) & (pl.col("at") <= end_of(as_of)))
    slips_by_init: dict[int, list[str]] = {}
    for s in new_slips.iter_rows(named=True):
        days = format_number(s["days_slipped"], lang)
        moved = (
            f"flyttet fra {format_date(s['old_due'], lang)} til {format_date(s['new_due'], lang)} ({days} dage)"
            if lang == "da"
            else f"moved from {format_date(s['old_due'], lang)} to {format_date(s['new_due'], lang)} ({days} days)"
        )
        slips_by_init.setdefault(s["initiative_id"], []).append(f"{s['milestone']}: {moved}")
    for row in init_rows:
        iid = row["initiative_id"]
        now_r, then_r = cur.get(iid), prev.get(iid)
        now_s = now_r["status"] if now_r else None
        then_s = then_r["status"] if then_r else None
        provisional = bool(now_r and now_r["state"] == ReportState.SUBMITTED.value)
        title = row[f"title_{lang}"]
        if previous is not None and now_r is not None and now_s != then_s:
            status_changes.append(StatusChange(row["code"], title, then_s, now_s, provisional))
        overdue_now = is_overdue(row["deadline"], now_s, as_of)
        overdue_then = prev_as_of is not None and is_overdue(row["deadline"], then_s, prev_as_of)
        delayed_now = now_s in TROUBLE or overdue_now
        delayed_then = then_s in TROUBLE or overdue_then
        if (delayed_now and not delayed_then and previous is not None) or iid in slips_by_init:
            new_delays.append(
                NewDelay(
                    row["code"],
                    title,
                    now_s,
                    overdue_now,
                    (now_r["explanation"] or "") if now_r else "",
                    slips_by_init.get(iid, []),
                )
            )
        risks_now = (now_r["risks"] or "").strip() if now_r else ""
        risks_then = (then_r["risks"] or "").strip() if then_r else ""
        if risks_now and risks_now != risks_then:
            new_risks.append(NewRisk(row["code"], title, risks_now, provisional))

    revised: list[Revision] = []
    if previous is not None:
        report_period = dict(
            zip(frames.reports["report_id"].to_list(), frames.reports["period_id"].to_list(), strict=True)
        )
        report_init = dict(
            zip(frames.reports["report_id"].to_list(), frames.reports["initiative_id"].to_list(), strict=True)
        )
        label_of = dict(zip(frames.periods["period_id"].to_list(), frames.periods["label"].to_list(), strict=True))
        code_of = {r["initiative_id"]: r["code"] for r in init_rows}
        last: dict[int, dict[str, Any]] = {}
        for rev in frames.revisions.iter_rows(named=True):
            before = last.get(rev["report_id"])
            last[rev["report_id"]] = rev
            if before is None or not (window_start < rev["at"] <= end_of(as_of)):
                continue
            rid = rev["report_id"]
            if rid not in report_period or label_of.get(report_period[rid]) is None:
                continue
            for field_name, old, new in revision_diffs(before["content"], rev["content"]):
                revised.append(
                    Revision(
                        initiative=code_of.get(report_init[rid], "?"),
                        period=label_of[report_period[rid]],
                        version=rev["version"],
                        field=field_name,
                        before=old,
                        after=new,
                        reason=rev["reason"],
                        at=rev["at"],
                        field_label=field_label(field_name, lang),
                        before_text=field_value(field_name, old, lang),
                        after_text=field_value(field_name, new, lang),
                    )
                )
    return Changes(status_changes, new_delays, revised, new_risks)
