"""Page one of the briefing: what the minister asks, answered in sentences generated from the report model.

Plain functions of a `StatusReport` (the web overview reuses them): the status counts, what changed since
the previous period and why, what needs a decision or a push, the not-reported initiatives with their last
known status, a closing verdict in the plan's final period, and where the data come from.

Longer than 400 lines on purpose: every sentence of page one, in both languages, one function per section in
reading order, sharing the small wording helpers at the top (`_t`, `_n`, `join_words`); split, a sentence's
Danish and English wording would be further from the helpers they must agree with.
"""

from dataclasses import dataclass, field

from reports.i18n import (
    CERTAINTY,
    CONFIDENCE,
    Lang,
    actor_label,
    format_change_pp,
    format_date,
    format_money,
    format_percent,
    format_period,
)
from reports.model import GOOD, STATUS_COLUMNS, TROUBLE, InitiativeLine, StatusReport
from reports.words import plural

# Status marks that do not rely on colour: a shape (and the words beside it) tells them apart.
SHAPES = {
    "on_track": "●",
    "completed": "✔",
    "at_risk": "▲",
    "delayed": "■",
    "not_started": "○",
    "cancelled": "✕",
    "no_report": "–",
    None: "–",
}
# Status words inside a sentence (lower case), in the ministerial register.
IN_SENTENCE = {
    "da": {
        "not_started": "ikke påbegyndt",
        "on_track": "på rette spor",
        "at_risk": "i risiko for forsinkelse",
        "delayed": "forsinket",
        "completed": "gennemført",
        "cancelled": "aflyst",
        "no_report": "ikke indberettet",
    },
    "en": {
        "not_started": "not started",
        "on_track": "on track",
        "at_risk": "at risk of delay",
        "delayed": "delayed",
        "completed": "completed",
        "cancelled": "cancelled",
        "no_report": "not reported",
    },
}
UNCERTAIN_MARK = "†"
MEDIUM_MARK = "*"


@dataclass
class SummaryItem:
    """One sentence of page one; `initiatives` are the codes it is about (the PDF and HTML link them)."""

    text: str
    initiatives: list[str] = field(default_factory=list)


@dataclass
class Summary:
    counts: dict[str, int]  # status (and "no_report") -> initiatives
    total: int
    reported: int
    not_reported: list[str]
    share_on_track: float | None
    previous_share_on_track: float | None
    change_pp: float | None
    headline: str
    changes: list[SummaryItem]
    decisions: list[SummaryItem]
    not_reported_items: list[SummaryItem]
    verdict: list[str]
    sources: list[str]


def _t(lang: Lang, da: str, en: str) -> str:
    return da if lang == "da" else en


def _the(period: str, lang: Lang) -> str:
    """English sentences speak of "the second half of 2025"."""
    return (
        f"the {period}" if lang == "en" and period.endswith(tuple("0123456789")) and " half of " in period else period
    )


def join_words(words: list[str], lang: Lang) -> str:
    """`a, b og c` / `a, b and c`."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {_t(lang, 'og', 'and')} {words[-1]}"


def status_words(status: str | None, lang: Lang) -> str:
    return IN_SENTENCE[lang].get(status or "no_report", status or "")


def status_mark(status: str | None) -> str:
    return SHAPES.get(status, "–")


def certainty_mark(certainty: str) -> str:
    """† for a reconstructed, uncertain initiative, * for a partly supported one, nothing when firm."""
    return {"uncertain": UNCERTAIN_MARK, "medium": MEDIUM_MARK}.get(certainty, "")


def strip_text(line: InitiativeLine, lang: Lang) -> str:
    """The status strip as words, for screen readers and text extraction."""
    return "; ".join(f"{format_period(c.period, lang)}: {status_words(c.status, lang)}" for c in line.strip)


def _n(count: int, lang: Lang, one_da: str, many_da: str, one_en: str, many_en: str) -> str:
    if lang == "da":
        return f"{count} {plural(count, one_da, many_da)}"
    return f"{count} {plural(count, one_en, many_en)}"


def _explained(line: InitiativeLine, lang: Lang) -> str:
    text = line.explanation.strip()
    if text:
        return text if text.endswith((".", "!", "?")) else text + "."
    return _t(lang, "Der er ikke givet en forklaring.", "No explanation was given.")


def build_summary(report: StatusReport) -> Summary:
    """Page one of the briefing, in the report's language."""
    m = report.meta
    lang = m.lang
    h = report.headline
    lines = report.initiatives
    counts = dict.fromkeys(STATUS_COLUMNS, 0)
    for line in lines:
        counts[line.status if line.reported and line.status else "no_report"] += 1
    total = len(lines)
    not_reported = [line.initiative for line in lines if not line.reported]
    reported = total - len(not_reported)
    period = _the(format_period(m.period, lang), lang)
    previous = _the(format_period(m.previous_period, lang), lang)
    share = h.share_on_track if isinstance(h.share_on_track, float) else None
    prev_share = h.previous_share_on_track if isinstance(h.previous_share_on_track, float) else None
    change = h.change_pp if isinstance(h.change_pp, float) else None
    good = sum(counts[s] for s in GOOD)

    headline = _t(
        lang,
        f"Af planens {total} initiativer har {reported} en godkendt indberetning for {period}. "
        f"Af dem er {good} på rette spor eller gennemført ({format_percent(share, lang) or '–'})",
        f"Of the plan's {total} initiatives, {reported} have an approved report for {period}. "
        f"Of these, {good} are on track or completed ({format_percent(share, lang) or '–'})",
    )
    if prev_share is not None and change is not None:
        headline += _t(
            lang,
            f" mod {format_percent(prev_share, lang)} af de indberettede i {previous} ({format_change_pp(change, lang)}).",
            f" against {format_percent(prev_share, lang)} of those reported in {previous} ({format_change_pp(change, lang)}).",
        )
    else:
        headline += "."
    if not_reported:
        headline += " " + _t(
            lang,
            f"{_n(len(not_reported), lang, 'initiativ', 'initiativer', '', '')} har ingen godkendt indberetning "
            "og indgår ikke i andelen; deres seneste kendte status er vist nedenfor.",
            f"{_n(len(not_reported), lang, '', '', 'initiative has', 'initiatives have')} no approved report and "
            "are not counted in the share; their last known status is shown below.",
        ).replace("  ", " ")

    changes = _changes(report, lang)
    decisions = _decisions(report, lang)
    missing_items = _not_reported(report, lang)
    verdict = _verdict(report, counts, lang) if m.final_period or (m.plan_ends and m.as_of >= m.plan_ends) else []
    sources = _sources(report, lang)
    return Summary(
        counts=counts,
        total=total,
        reported=reported,
        not_reported=not_reported,
        share_on_track=share,
        previous_share_on_track=prev_share,
        change_pp=change,
        headline=headline,
        changes=changes,
        decisions=decisions,
        not_reported_items=missing_items,
        verdict=verdict,
        sources=sources,
    )


def _changes(report: StatusReport, lang: Lang) -> list[SummaryItem]:
    m = report.meta
    previous = _the(format_period(m.previous_period, lang), lang)
    by_code = {line.initiative: line for line in report.initiatives}
    items: list[SummaryItem] = []
    if m.previous_period is None:
        return [SummaryItem(_t(lang, "Dette er planens første halvår.", "This is the plan's first half-year."))]
    rank = {"completed": 4, "on_track": 3, "not_started": 2, "at_risk": 1, "delayed": 0, "cancelled": 0}
    better = worse = 0
    for change in report.changes.status_changes:
        if change.before is None or change.after is None:
            continue
        line = by_code.get(change.initiative)
        worse_now = rank.get(change.after, 0) < rank.get(change.before, 0)
        worse += worse_now
        better += not worse_now
        text = _t(
            lang,
            f"{change.initiative} {change.title}: fra {status_words(change.before, lang)} til "
            f"{status_words(change.after, lang)}.",
            f"{change.initiative} {change.title}: from {status_words(change.before, lang)} to "
            f"{status_words(change.after, lang)}.",
        )
        if line is not None and (worse_now or line.explanation):
            text += " " + _t(lang, "Begrundelse: ", "Reason: ") + _explained(line, lang)
        items.append(SummaryItem(text, [change.initiative]))
    intro = _t(
        lang,
        f"Siden {previous} er {_n(better, lang, 'initiativ', 'initiativer', '', '')} gået frem "
        f"og {worse} gået tilbage.",
        f"Since {previous}, {_n(better, lang, '', '', 'initiative has', 'initiatives have')} improved "
        f"and {worse} slipped back.",
    ).replace("  ", " ")
    if not items:
        intro = _t(
            lang,
            f"Ingen af de indberettede initiativer har skiftet status siden {previous}.",
            f"None of the reported initiatives changed status since {previous}.",
        )
    items.insert(0, SummaryItem(intro))
    dropped = [
        line.initiative
        for line in report.initiatives
        if not line.reported and line.status_period == m.previous_period and line.status is not None
    ]
    if dropped:
        # Right after the overview: a missing report must not read as a deterioration.
        items.insert(
            1,
            SummaryItem(
                _t(
                    lang,
                    f"{join_words(dropped, lang)} indberettede for {previous}, men har ingen godkendt indberetning "
                    "for dette halvår. Det er ikke en forværring: status er ukendt, indtil indberetningen foreligger.",
                    f"{join_words(dropped, lang)} reported for {previous} but have no approved report this "
                    "half-year. That is not a deterioration: the status is unknown until the report arrives.",
                ),
                dropped,
            ),
        )
    for delay in report.changes.new_delays:
        for slip in delay.slips:
            items.append(
                SummaryItem(
                    _t(lang, f"{delay.initiative}: milepæl ", f"{delay.initiative}: milestone ") + slip + ".",
                    [delay.initiative],
                )
            )
    for revision in report.changes.revised_values:
        items.append(
            SummaryItem(
                _t(
                    lang,
                    f"{revision.initiative}: {revision.field_label.lower()} for {format_period(revision.period, lang)} "
                    f"rettet efter godkendelse fra {revision.before_text} til {revision.after_text}"
                    + (f" ({revision.reason.strip().rstrip('.')})." if revision.reason.strip() else "."),
                    f"{revision.initiative}: {revision.field_label.lower()} for {format_period(revision.period, lang)} "
                    f"revised after approval from {revision.before_text} to {revision.after_text}"
                    + (f" ({revision.reason.strip().rstrip('.')})." if revision.reason.strip() else "."),
                ),
                [revision.initiative],
            )
        )
    return items


def _decisions(report: StatusReport, lang: Lang) -> list[SummaryItem]:
    items: list[SummaryItem] = []
    for line in report.initiatives:
        if not line.reported:
            continue
        trouble = line.status in TROUBLE
        if not trouble and not line.overdue and line.confidence != "low":
            continue
        parts = []
        if trouble:
            parts.append(status_words(line.status, lang))
        if line.overdue and line.deadline is not None:
            parts.append(
                _t(
                    lang,
                    f"fristen {format_date(line.deadline, lang)} er overskredet",
                    f"the deadline of {format_date(line.deadline, lang)} has passed",
                )
            )
        if line.confidence == "low":
            parts.append(_t(lang, "lav sikkerhed for levering til tiden", "low confidence in delivery on time"))
        text = f"{line.initiative} {line.title} ({line.lead_name}): {join_words(parts, lang)}. {_explained(line, lang)}"
        items.append(SummaryItem(text, [line.initiative]))
    missing: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for line in report.initiatives:
        if line.missing:
            missing.setdefault(line.lead, []).append(line.initiative)
            names[line.lead] = line.lead_name
    due = format_date(report.meta.period_due, lang)
    for lead, codes in missing.items():
        items.append(
            SummaryItem(
                _t(
                    lang,
                    f"{names[lead]} har ikke indberettet for {join_words(codes, lang)}; fristen var {due}. "
                    "Sekretariatet rykker.",
                    f"{names[lead]} has not reported for {join_words(codes, lang)}; the due date was {due}. "
                    "The secretariat is chasing.",
                ),
                codes,
            )
        )
    if not items:
        items.append(
            SummaryItem(_t(lang, "Intet kræver beslutning i dette halvår.", "Nothing needs a decision this half-year."))
        )
    return items


def _not_reported(report: StatusReport, lang: Lang) -> list[SummaryItem]:
    items = []
    for line in report.initiatives:
        if line.reported:
            continue
        if line.status is not None and line.status_period is not None:
            last = _t(
                lang,
                f"seneste kendte status: {status_words(line.status, lang)} ({format_period(line.status_period, lang)})",
                f"last known status: {status_words(line.status, lang)} ({format_period(line.status_period, lang)})",
            )
        else:
            last = _t(lang, "har aldrig indberettet", "has never reported")
        why = (
            _t(lang, "indberetning mangler", "report missing")
            if line.missing
            else _t(lang, "ikke godkendt", "not approved")
        )
        items.append(SummaryItem(f"{line.initiative} ({line.lead_name}, {why}): {last}.", [line.initiative]))
    return items


def _verdict(report: StatusReport, counts: dict[str, int], lang: Lang) -> list[str]:
    total = sum(counts.values())
    trouble = counts["at_risk"] + counts["delayed"]
    b = report.budget
    text = _t(
        lang,
        f"Planperioden er afsluttet. Af de {total} initiativer er {counts['completed']} gennemført, "
        f"{counts['on_track']} på rette spor, {trouble} forsinket eller i risiko for forsinkelse, "
        f"og for {counts['no_report']} foreligger der ingen godkendt slutindberetning.",
        f"The plan period has ended. Of the {total} initiatives, {counts['completed']} are completed, "
        f"{counts['on_track']} on track, {trouble} delayed or at risk of delay, "
        f"and {counts['no_report']} have no approved final report.",
    )
    lines = [text]
    if counts["on_track"]:
        lines.append(
            _t(
                lang,
                f"{counts['on_track']} initiativer er fortsat i gang efter planens udløb og bør enten afsluttes "
                "eller videreføres i en ny plan.",
                f"{counts['on_track']} initiatives are still running after the plan's end and should either be "
                "closed or carried into a new plan.",
            )
        )
    if b.plan_budget is not None:
        lines.append(budget_sentence(report))
    return lines


def budget_sentence(report: StatusReport) -> str:
    """Spending against the plan's total budget, with the difference explained."""
    lang = report.meta.lang
    b = report.budget
    total = len(b.rows)
    if b.plan_budget is None:
        return _t(lang, "Planens samlede budget er ikke fastsat.", "The plan's total budget is not set.")
    unset = total - b.allocated_count
    return _t(
        lang,
        f"Indberettet forbrug til dato er {format_money(b.spent_to_date_total, lang)} af planens samlede budget på "
        f"{format_money(b.plan_budget, lang)} ({format_percent(b.share_spent, lang)}). Forskellen på "
        f"{format_money(b.remaining, lang)} er ikke nødvendigvis et mindreforbrug: den dækker over forbrug, der ikke "
        f"er indberettet ({b.reporting_spend} af {total} initiativer har indberettet forbrug), og "
        f"{unset} af {total} initiativer har ingen fastsat bevilling i kilderne.",
        f"Reported spending to date is {format_money(b.spent_to_date_total, lang)} of the plan's total budget of "
        f"{format_money(b.plan_budget, lang)} ({format_percent(b.share_spent, lang)}). The difference of "
        f"{format_money(b.remaining, lang)} is not necessarily an underspend: it includes spending not reported "
        f"({b.reporting_spend} of {total} initiatives have reported spending), and {unset} of {total} initiatives "
        "have no allocation set in the sources.",
    )


def _sources(report: StatusReport, lang: Lang) -> list[str]:
    m = report.meta
    lines = []
    as_of = format_date(m.data_as_of, lang) if m.data_as_of else _t(lang, "ingen godkendte data", "no approved data")
    lines.append(
        _t(
            lang,
            f"Data pr. {as_of} (seneste godkendelse af en indberetning, der indgår). Rapporten er dannet "
            f"{format_date(m.today, lang)}.",
            f"Data as of {as_of} (the latest approval of a report included). The report was generated on "
            f"{format_date(m.today, lang)}.",
        )
    )
    uncertain = [line.initiative for line in report.initiatives if line.certainty == "uncertain"]
    medium = [line.initiative for line in report.initiatives if line.certainty == "medium"]
    if uncertain or medium:
        lines.append(
            _t(
                lang,
                f"Planens initiativer er rekonstrueret fra offentlige kilder: {len(uncertain)} af "
                f"{len(report.initiatives)} er usikre ({UNCERTAIN_MARK}: {CERTAINTY[lang]['uncertain'].lower()}) og "
                f"{len(medium)} delvist belagt ({MEDIUM_MARK}).",
                f"The plan's initiatives are reconstructed from public sources: {len(uncertain)} of "
                f"{len(report.initiatives)} are uncertain ({UNCERTAIN_MARK}: {CERTAINTY[lang]['uncertain'].lower()}) and "
                f"{len(medium)} partly supported ({MEDIUM_MARK}).",
            )
        )
    approvers = sorted(
        {actor_label(line.approved_by, lang) for line in report.initiatives if line.reported and line.approved_by}
    )
    approved = [line for line in report.initiatives if line.reported and not line.not_yet_approved]
    if approved:
        who = join_words(approvers, lang) if approvers else _t(lang, "sekretariatet", "the secretariat")
        lines.append(
            _t(
                lang,
                f"{len(approved)} indberetninger er godkendt af {who}.",
                f"{len(approved)} reports were approved by {who}.",
            )
        )
    if m.include_submitted:
        lines.append(
            _t(
                lang,
                "Indsendte, endnu ikke godkendte indberetninger indgår og er markeret.",
                "Submitted reports not yet approved are included and marked.",
            )
        )
    return lines


def confidence_words(value: str | None, lang: Lang) -> str:
    return CONFIDENCE[lang].get(value or "", _t(lang, "ikke angivet", "not given"))


def _sections(report: StatusReport) -> list[tuple[str, list[str]]]:
    from reports.i18n import Labels

    labels = Labels(report.meta.lang)
    s: Summary = report.summary
    counts = [
        f"{status_mark(k)} {n} {status_words(k, report.meta.lang)}"
        for k, n in s.counts.items()
        if n or k not in ("not_started", "cancelled")
    ]
    sections = [
        (labels["summary_title"], [s.headline, "   ".join(counts)]),
        (labels["decisions"], [i.text for i in s.decisions]),
    ]
    if s.not_reported_items:
        sections.append((labels["not_reported"], [i.text for i in s.not_reported_items]))
    sections.append((labels["changes_brief"], [i.text for i in s.changes]))
    if s.verdict:
        sections.append((labels["verdict"], s.verdict))
    sections.append((labels["sources"], s.sources))
    return sections


def summary_text(report: StatusReport) -> str:
    """Page one as plain text (the briefing mail's body)."""
    out: list[str] = []
    for title, lines in _sections(report):
        out.append(title.upper())
        first = title == _sections(report)[0][0]
        out.extend(lines if first else [f"- {line}" for line in lines])
        out.append("")
    return "\n".join(out)


def summary_html(report: StatusReport) -> str:
    """Page one as an HTML fragment (escaped), for the briefing mail and the web overview."""
    import html

    out: list[str] = []
    for n, (title, lines) in enumerate(_sections(report)):
        out.append(f"<h2>{html.escape(title)}</h2>")
        if n == 0:
            out.extend(f"<p>{html.escape(line)}</p>" for line in lines)
        else:
            out.append("<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>")
    return "".join(out)
