"""The pages' words in Danish and English: one table, both languages side by side, so none is forgotten.

Status names come from the status reports' own table (reports/i18n.py), so a page and a report never
call the same thing by two names.

Longer than 400 lines on purpose: it is the general pages' translation table (the fora, import and office
pages have theirs in `i18n_fora.py`, `i18n_imports.py`, `i18n_office.py`); the code is the last thirty lines.
"""

from typing import Any

from reports.i18n import STATUS
from reports.words import fill
from tracker.web.i18n_fora import TEXTS as FORA_TEXTS
from tracker.web.i18n_imports import TEXTS as IMPORT_TEXTS
from tracker.web.i18n_office import TEXTS as OFFICE_TEXTS

LANGUAGES = ("da", "en")

# key -> (Danish, English). Placeholders in {braces} are filled with str.format.
TEXTS: dict[str, tuple[str, str]] = {
    # Coordination fora (tracker/web/controllers/fora.py)
    "nav.fora": ("Samarbejdsfora", "Coordination fora"),
    "nav.items": ("Opfølgningspunkter", "Action items"),
    "fora.title": ("Samarbejdsfora", "Coordination fora"),
    "fora.intro": (
        "De fora, hvor handlingsplanen følges op, deres møder og beslutninger.",
        "The fora where the action plan is followed up, their meetings and decisions.",
    ),
    "fora.col.forum": ("Forum", "Forum"),
    "fora.col.cadence": ("Mødefrekvens", "Cadence"),
    "fora.col.last": ("Seneste møde", "Last meeting"),
    "fora.col.meetings": ("Møder", "Meetings"),
    "fora.per_year": ("{n} {n:møde|møder} om året", "{n} {n:meeting|meetings} a year"),
    "fora.no_cadence": ("Ikke fast", "Not fixed"),
    "fora.none_recorded": ("Intet møde registreret", "No meeting recorded"),
    "fora.behind": ("Har ikke holdt møde som planlagt", "Has not met as its cadence says"),
    "fora.secretariat": ("Formand eller sekretariat", "Chair or secretariat"),
    "fora.not_stated": ("Ikke oplyst", "Not stated"),
    "fora.members": ("Medlemmer", "Members"),
    "fora.members_none": ("Medlemmerne er ikke oplyst.", "The members are not stated."),
    "fora.meetings": ("Møder", "Meetings"),
    "fora.meeting.counts": (
        "{decisions} {decisions:beslutning|beslutninger}, {items} {items:åbent opfølgningspunkt|åbne opfølgningspunkter}",
        "{decisions} {decisions:decision|decisions}, {items} open {items:action item|action items}",
    ),
    "fora.meeting.title": ("Møde i {forum} den {date}", "Meeting of {forum} on {date}"),
    "fora.meeting.attendance": ("Deltagere", "Attended"),
    "fora.meeting.agenda": ("Dagsorden", "Agenda"),
    "fora.meeting.minutes": ("Referat", "Minutes"),
    "fora.meeting.decisions": ("Beslutninger", "Decisions"),
    "fora.meeting.items": ("Opfølgningspunkter", "Action items"),
    "fora.none": ("Ingen.", "None."),
    "fora.back": ("Tilbage til forummet", "Back to the forum"),
    "fora.overdue": ("Fristen er overskredet", "Past its deadline"),
    "fora.state.open": ("Åben", "Open"),
    "fora.state.in_progress": ("I gang", "In progress"),
    "fora.state.done": ("Lukket", "Closed"),
    "fora.items.title": ("Mine opfølgningspunkter", "My action items"),
    "fora.items.none": (
        "Din organisation har ingen åbne opfølgningspunkter.",
        "Your organisation has no open action items.",
    ),
    "fora.items.from": ("Fra mødet den {date} i", "From the meeting on {date} of"),
    "fora.items.col.item": ("Opfølgningspunkt", "Action item"),
    "fora.items.col.owner": ("Ansvarlig", "Owner"),
    "fora.items.col.deadline": ("Frist", "Deadline"),
    "fora.items.col.state": ("Tilstand", "State"),
    "fora.items.closing_note": ("Afsluttet med", "Closed with"),
    "fora.items.note": ("Kort note om, hvad der er gjort", "A short note on what was done"),
    "fora.items.note_hint": (
        "Skriv aldrig CPR-numre eller navne på borgere.",
        "Never write CPR numbers or citizens' names.",
    ),
    "fora.items.close": ("Luk opfølgningspunktet", "Close the action item"),
    "fora.record.heading": ("Registrér et møde", "Record a meeting"),
    "fora.record.date": ("Mødedato", "Meeting date"),
    "fora.record.date_hint": ("Dag, måned og år, fx 01.12.2026", "Day, month and year, for example 01.12.2026"),
    "fora.record.title": ("Overskrift", "Title"),
    "fora.record.agenda": ("Dagsorden", "Agenda"),
    "fora.record.attendance": ("Deltagende organisationer", "Attending organisations"),
    "fora.record.attendance_hint": (
        "Organisationskoder adskilt af komma, fx CMM, JM",
        "Organisation codes separated by commas, e.g. CMM, JM",
    ),
    "fora.record.minutes": ("Referat", "Minutes"),
    "fora.record.submit": ("Gem mødet", "Save the meeting"),
    "fora.error.field": ("{message}", "{message}"),
    "flash.meeting_recorded": ("Mødet er gemt.", "The meeting is saved."),
    "flash.item_closed": ("Opfølgningspunktet er lukket.", "The action item is closed."),
    "app.name": ("Handlingsplan mod menneskehandel", "Action plan against human trafficking"),
    # Layout
    "layout.skip": ("Gå til sidens indhold", "Skip to main content"),
    "layout.menu": ("Hovedmenu", "Main menu"),
    "layout.sign_out": ("Log ud", "Sign out"),
    "layout.accessibility": ("Tilgængelighedserklæring", "Accessibility statement"),
    "layout.footer_owner": (
        "Sekretariatet for handlingsplanen mod menneskehandel",
        "The secretariat of the action plan against human trafficking",
    ),
    "nav.reporting": ("Mine indberetninger", "My reports"),
    "nav.review": ("Til gennemgang", "Review queue"),
    "role.reporter": ("indberetter", "reporter"),
    "role.secretariat": ("sekretariat", "secretariat"),
    "role.viewer": ("læser", "reader"),
    "alert.success": ("Udført", "Done"),
    "alert.error": ("Fejl", "Error"),
    "alert.info": ("Information", "Information"),
    "alert.warning": ("Advarsel", "Warning"),
    # Forms and errors
    "form.optional": ("valgfrit", "optional"),
    "form.date_hint": ("Dag, måned og år, fx 30.09.2026", "Day, month and year, for example 30.09.2026"),
    "error.title_prefix": ("Fejl: ", "Error: "),
    "error.prefix": ("Fejl: ", "Error: "),
    "error.summary": ("Der er et problem", "There is a problem"),
    "errorpage.not_found.title": ("Siden findes ikke", "Page not found"),
    "errorpage.not_found.text": (
        "Siden findes ikke, eller du har ikke adgang til den. Tjek adressen, eller gå til forsiden.",
        "The page does not exist, or you do not have access to it. Check the address, or go to the front page.",
    ),
    "errorpage.forbidden.title": ("Du har ikke adgang", "You do not have access"),
    "errorpage.forbidden.text": (
        "Din rolle giver ikke adgang til denne side. Kontakt sekretariatet, hvis du mener, det er en fejl.",
        "Your role does not give access to this page. Contact the secretariat if you think this is a mistake.",
    ),
    "errorpage.csrf.title": ("Formularen er udløbet", "The form has expired"),
    "errorpage.csrf.text": (
        "Formularen kunne ikke sendes, fordi den var for gammel eller ufuldstændig. Intet er ændret. "
        "Gå tilbage, genindlæs siden, og prøv igen.",
        "The form could not be sent because it was too old or incomplete. Nothing was changed. "
        "Go back, reload the page and try again.",
    ),
    "errorpage.conflict.title": ("Handlingen kunne ikke udføres", "The action could not be carried out"),
    "errorpage.bad_request.title": ("Forespørgslen kunne ikke udføres", "The request could not be carried out"),
    "errorpage.unexpected.title": ("Der opstod en fejl", "Something went wrong"),
    "errorpage.unexpected.text": (
        "Der skete en uventet fejl. Intet er ændret. Prøv igen om lidt.",
        "An unexpected error occurred. Nothing was changed. Please try again shortly.",
    ),
    "errorpage.detail": ("Besked fra systemet", "Message from the system"),
    "errorpage.front": ("Gå til forsiden", "Go to the front page"),
    # Flash messages (keys set by see_other(..., flash=...))
    "flash.signed_in": ("Du er logget ind.", "You are signed in."),
    "flash.signed_out": ("Du er logget ud.", "You are signed out."),
    "flash.draft_saved": ("Kladden er gemt.", "The draft is saved."),
    "flash.submitted": ("Rapporten er indsendt til sekretariatet.", "The report is submitted to the secretariat."),
    "flash.carried_forward": (
        "Rapporten er indsendt uden ændringer i forhold til sidste godkendte rapport.",
        "The report is submitted with no changes since the last approved report.",
    ),
    "flash.approved": ("Rapporten er godkendt.", "The report is approved."),
    "flash.returned": ("Rapporten er sendt tilbage med din kommentar.", "The report is returned with your comment."),
    # Start page
    "start.title": ("Forside", "Front page"),
    "start.welcome": ("Velkommen, {name}.", "Welcome, {name}."),
    "start.viewer": (
        "Overblikket over handlingsplanen for ministerens kontor kommer her.",
        "The overview of the action plan for the minister's office will appear here.",
    ),
    "start.links": ("Her kan du", "Here you can"),
    # Sign-in
    "signin.title": ("Log ind", "Sign in"),
    "signin.intro": (
        "Skriv din e-mailadresse. Er adressen oprettet i trackeren, sender vi et link, som du logger ind med.",
        "Enter your e-mail address. If the address is registered in the tracker, we send you a link to sign in with.",
    ),
    "signin.email": ("E-mailadresse", "E-mail address"),
    "signin.submit": ("Send link", "Send link"),
    "signin.error.empty": ("Skriv din e-mailadresse", "Enter your e-mail address"),
    "signin.error.invalid": (
        "Skriv en gyldig e-mailadresse, fx navn@ministerium.dk",
        "Enter a valid e-mail address, for example name@ministry.dk",
    ),
    "signin.sent.title": ("Tjek din e-mail", "Check your e-mail"),
    "signin.sent.text": (
        "Hvis adressen er oprettet i trackeren, har vi sendt et link til den. Linket virker én gang og i {minutes} minutter.",
        "If the address is registered in the tracker, we have sent a link to it. The link works once and for {minutes} minutes.",
    ),
    "signin.sent.again": ("Fik du ingen mail? Bed om et nyt link", "No mail? Ask for a new link"),
    "signin.link.title": ("Log ind", "Sign in"),
    "signin.link.text": ("Tryk på knappen for at logge ind.", "Press the button to sign in."),
    "signin.link.submit": ("Log ind", "Sign in"),
    "signin.failed.title": ("Linket virker ikke", "The link does not work"),
    "signin.failed.text": (
        "Linket er brugt, udløbet eller ugyldigt. Bed om et nyt link.",
        "The link has been used, has expired or is not valid. Ask for a new link.",
    ),
    "signin.failed.again": ("Bed om et nyt link", "Ask for a new link"),
    # Report states
    "state.missing": ("Ikke påbegyndt", "Not started"),
    "state.draft": ("Kladde", "Draft"),
    "state.submitted": ("Indsendt", "Submitted"),
    "state.returned": ("Sendt tilbage", "Returned"),
    "state.approved": ("Godkendt", "Approved"),
    # Due list
    "due.title": ("Mine indberetninger", "My reports"),
    "due.intro": (
        "Statusrapporter, som {organisation} skal indsende i de åbne perioder. Manglende og overskredne står først.",
        "Progress reports {organisation} must submit in the open periods. Missing and overdue ones come first.",
    ),
    "due.organisation": ("Organisation", "Organisation"),
    "due.show": ("Vis", "Show"),
    "due.none": (
        "Der er ingen åbne perioder med rapporter at indsende.",
        "There are no open periods with reports due.",
    ),
    "due.period": ("Periode {period}", "Period {period}"),
    "due.deadline": ("Frist: {due}", "Due: {due}"),
    "due.caption": ("Rapporter for perioden {period}", "Reports for the period {period}"),
    "due.col.initiative": ("Initiativ", "Initiative"),
    "due.col.state": ("Status for rapporten", "Report state"),
    "due.col.deadline": ("Frist", "Due"),
    "due.overdue": ("Fristen er overskredet", "Overdue"),
    "due.returned_comment": ("Sekretariatets kommentar:", "The secretariat's comment:"),
    # Report form
    "report.title": ("Statusrapport for {code}, {period}", "Progress report for {code}, {period}"),
    "report.lead": ("Ansvarlig", "Lead"),
    "report.state": ("Rapportens status", "Report state"),
    "report.deadline": ("Initiativets slutdato", "Initiative deadline"),
    "report.history_link": ("Se initiativets historik", "See the initiative's history"),
    "report.readonly": (
        "Rapporten kan ikke ændres nu: den er indsendt, godkendt, eller perioden er låst.",
        "The report cannot be changed now: it is submitted or approved, or the period is locked.",
    ),
    "report.returned.heading": ("Sekretariatet har sendt rapporten tilbage", "The secretariat has returned the report"),
    "report.no_change.heading": ("Ingen ændringer i perioden?", "No changes this period?"),
    "report.no_change.text": (
        "Er intet ændret siden sidste godkendte rapport, kan du indsende den igen uændret med ét klik.",
        "If nothing has changed since the last approved report, you can submit it again unchanged with one click.",
    ),
    "report.no_change.button": ("Ingen ændringer i perioden", "No changes this period"),
    "report.form.heading": ("Rapporten", "The report"),
    "report.status": ("Hvordan går initiativet?", "How is the initiative going?"),
    "report.explanation": ("Forklaring", "Explanation"),
    "report.explanation.hint": (
        "Skal udfyldes, når initiativet er i risiko eller forsinket: hvad er årsagen, og hvad gøres der?",
        "Required when the initiative is at risk or delayed: what is the cause, and what is being done?",
    ),
    "report.narrative": ("Status i perioden", "Progress this period"),
    "report.narrative.hint": (
        "Beskriv personer samlet, fx «12 kvinder fik husly». Skriv aldrig CPR-numre eller navne.",
        "Describe people in aggregate, e.g. '12 women were housed'. Never write CPR numbers or names.",
    ),
    "report.next_steps": ("Næste skridt", "Next steps"),
    "report.risks": ("Risici", "Risks"),
    "report.spent": ("Forbrug i perioden (kr.)", "Spent this period (DKK)"),
    "report.spent.hint": ("Fx 1.250.000", "For example 1,250,000"),
    "report.confidence": ("Sikkerhed for levering", "Delivery confidence"),
    "report.confidence.hint": (
        "Hvor sikre er I på, at initiativet gennemføres inden fristen?",
        "How confident are you that the initiative is delivered by its deadline?",
    ),
    "report.confidence.none": ("Ingen vurdering", "No assessment"),
    "report.forecast": ("Forventet status i næste periode", "Expected status next period"),
    "report.forecast.none": ("Ingen vurdering", "No forecast"),
    "report.forecast_note": ("Bemærkning til forventningen", "Note on the forecast"),
    "report.indicators.heading": ("Indikatorer", "Indicators"),
    "report.indicators.text": (
        "Skriv periodens tal. Kun samlede tal, aldrig oplysninger om enkeltpersoner. Lad feltet stå tomt, hvis tallet ikke kendes.",
        "Enter the figures for the period. Aggregate figures only, never data on a person. Leave a field empty if the figure is not known.",
    ),
    "report.total": ("I alt", "Total"),
    # Disaggregation categories of indicators ("dimension:value"); unknown ones are shown as written.
    "category.sex": ("Køn", "Sex"),
    "category.sex.women": ("kvinder", "women"),
    "category.sex.men": ("mænd", "men"),
    "category.sex.trans": ("transpersoner", "trans persons"),
    "category.form": ("Udnyttelsesform", "Form of exploitation"),
    "category.form.sexual_exploitation": ("seksuel udnyttelse", "sexual exploitation"),
    "category.form.forced_labour": ("tvangsarbejde", "forced labour"),
    "category.form.criminal_activities": ("kriminelle handlinger", "criminal activities"),
    "category.form.other_or_unknown": ("andet eller ukendt", "other or unknown"),
    "category.stage": ("Trin", "Stage"),
    "category.stage.charged": ("sigtet", "charged"),
    "category.stage.indicted": ("tiltalt", "indicted"),
    "category.stage.convicted": ("dømt", "convicted"),
    "category.target_group": ("Målgruppe", "Target group"),
    "category.target_group.police": ("politi", "police"),
    "category.target_group.embassies": ("ambassader", "embassies"),
    "category.target_group.health": ("sundhedsvæsen", "health services"),
    "category.target_group.other": ("andre", "others"),
    "category.authority": ("Myndighed", "Authority"),
    "category.ngo": ("Organisation", "Organisation"),
    "report.milestones.heading": ("Milepæle", "Milestones"),
    "report.milestones.text": (
        "Angiv datoen, hvis en milepæl er nået. Flyttes en milepæl, skal du skrive en ny dato og en begrundelse.",
        "Give the date if a milestone was reached. If a milestone moves, enter a new date and a reason.",
    ),
    "report.milestone.due": ("Planlagt til {due}", "Due {due}"),
    "report.milestone.original": ("oprindeligt {due}", "originally {due}"),
    "report.milestone.done": ("Nået {day}", "Reached {day}"),
    "report.milestone.reached": ("Nået den", "Reached on"),
    "report.milestone.new_due": ("Ny dato", "New date"),
    "report.milestone.reason": ("Begrundelse for ny dato", "Reason for the new date"),
    "report.milestone.reason.hint": ("Skal udfyldes, når datoen flyttes", "Required when the date moves"),
    "report.save": ("Gem kladde", "Save draft"),
    "report.submit": ("Indsend til sekretariatet", "Submit to the secretariat"),
    "report.error.status": ("Vælg, hvordan initiativet går", "Choose how the initiative is going"),
    "report.error.explanation": (
        "Skriv en forklaring, når initiativet er i risiko eller forsinket",
        "Write an explanation when the initiative is at risk or delayed",
    ),
    "report.error.number": ("Skriv et tal, fx 1.234,5", "Enter a number, for example 1,234.5"),
    "report.error.negative": ("Tallet kan ikke være negativt", "The number cannot be negative"),
    "report.error.date": ("Skriv en gyldig dato, fx 30.09.2026", "Enter a valid date, for example 30.09.2026"),
    "report.error.milestone_both": (
        "Angiv enten at milepælen er nået eller en ny dato, ikke begge",
        "Give either the date it was reached or a new date, not both",
    ),
    "report.error.milestone_reason": ("Skriv, hvorfor milepælen flyttes", "Say why the milestone moves"),
    "report.error.cpr": (
        "Teksten indeholder noget, der ligner et CPR-nummer. Fjern det, og beskriv personer samlet.",
        "The text contains something that looks like a CPR number. Remove it and describe people in aggregate.",
    ),
    "report.error.too_long": (
        "Teksten er for lang (højst {limit} tegn)",
        "The text is too long (at most {limit} characters)",
    ),
    "report.error.no_change": (
        "Der er ingen godkendt rapport fra en tidligere periode at føre videre. Udfyld rapporten i stedet.",
        "There is no approved report from an earlier period to carry forward. Fill in the report instead.",
    ),
    "report.error.changed": (
        "Rapporten er ændret af en anden, mens du arbejdede. Genindlæs siden, og indtast dine ændringer igen.",
        "Someone else changed the report while you worked. Reload the page and enter your changes again.",
    ),
    # History
    "history.title": ("Historik for {code}", "History of {code}"),
    "history.back": ("Tilbage til Mine indberetninger", "Back to My reports"),
    "history.none": ("Der er ingen hændelser endnu.", "There are no events yet."),
    "history.col.at": ("Tidspunkt", "When"),
    "history.col.what": ("Hændelse", "Event"),
    "history.col.who": ("Hvem", "Who"),
    "history.col.details": ("Detaljer", "Details"),
    "event.report.create": ("Rapport oprettet", "Report created"),
    "event.report.update": ("Rapport ændret", "Report changed"),
    "event.report.submit": ("Indsendt", "Submitted"),
    "event.report.approve": ("Godkendt", "Approved"),
    "event.report.return": ("Sendt tilbage", "Returned"),
    "event.report.no-change": ("Indsendt uden ændringer", "Submitted with no changes"),
    "event.report.amend": ("Rettet af sekretariatet", "Amended by the secretariat"),
    "event.authz.denied": ("Afvist forsøg", "Refused attempt"),
    # Review
    "queue.title": ("Til gennemgang", "Review queue"),
    "queue.none": ("Der er ingen indsendte rapporter, som venter.", "No submitted reports are waiting."),
    "queue.intro": (
        "{count} {count:indsendt rapport venter|indsendte rapporter venter}. Den ældste står først.",
        "{count} submitted {count:report is|reports are} waiting. The oldest comes first.",
    ),
    "queue.col.submitted": ("Indsendt", "Submitted"),
    "queue.col.initiative": ("Initiativ", "Initiative"),
    "queue.col.period": ("Periode", "Period"),
    "queue.col.organisation": ("Organisation", "Organisation"),
    "queue.col.note": ("Bemærkning", "Note"),
    "queue.resubmitted": ("Genindsendt efter tilbagesendelse", "Resubmitted after return"),
    "queue.carried_forward": ("Uændret fra sidste periode", "Unchanged from last period"),
    "review.title": ("Gennemgå {code}, {period}", "Review {code}, {period}"),
    "review.submitted": ("Indsendt", "Submitted"),
    "review.carried": ("Uændret", "Unchanged"),
    "review.carried.yes": ("Ført videre fra sidste godkendte rapport", "Carried forward from the last approved report"),
    "review.changes.heading": ("Hvad er ændret", "What changed"),
    "review.changes.since": (
        "Sammenlignet med den sidst godkendte rapport ({period}).",
        "Compared with the last approved report ({period}).",
    ),
    "review.changes.first": (
        "Der er ingen godkendt rapport at sammenligne med; alle felter vises.",
        "There is no approved report to compare with; every field is shown.",
    ),
    "review.changes.none": ("Intet er ændret.", "Nothing changed."),
    "review.milestones.heading": ("Milepæle i denne rapport", "Milestones in this report"),
    "review.milestone.moved": (
        "flyttet fra {old} til {new} ({days} {days:dag|dage}).",
        "moved from {old} to {new} ({days} {days:day|days}).",
    ),
    "review.milestone.reason": ("Begrundelse", "Reason"),
    "review.decide.heading": ("Din afgørelse", "Your decision"),
    "review.comment": ("Kommentar til organisationen", "Comment to the organisation"),
    "review.comment.hint": (
        "Skal udfyldes, når du sender rapporten tilbage: skriv, hvad der skal rettes.",
        "Required when you return the report: say what must be corrected.",
    ),
    "review.approve": ("Godkend", "Approve"),
    "review.return": ("Send tilbage", "Return"),
    "review.error.comment": (
        "Skriv, hvad der skal rettes, før du sender rapporten tilbage",
        "Say what must be corrected before you return the report",
    ),
    "review.error.changed": (
        "Rapporten er ændret, siden du åbnede den. Genindlæs siden.",
        "The report has changed since you opened it. Reload the page.",
    ),
    "review.nothing_to_do": ("Rapporten venter ikke på gennemgang.", "The report is not waiting for review."),
    "review.back": ("Tilbage til køen", "Back to the queue"),
    "diff.field": ("Felt", "Field"),
    "diff.before": ("Før", "Before"),
    "diff.after": ("Efter", "After"),
    "diff.kind": ("Ændring", "Change"),
    "diff.changed": ("Ændret", "Changed"),
    "diff.added": ("Ny", "New"),
    "diff.removed": ("Fjernet", "Removed"),
    "diff.empty": ("(tom)", "(empty)"),
    "diff.indicator": ("Indikator {code}", "Indicator {code}"),
    "field.status": ("Status", "Status"),
    "field.narrative": ("Status i perioden", "Progress this period"),
    "field.next_steps": ("Næste skridt", "Next steps"),
    "field.risks": ("Risici", "Risks"),
    "field.explanation": ("Forklaring", "Explanation"),
    "field.spent_dkk": ("Forbrug (kr.)", "Spent (DKK)"),
    "field.forecast_status": ("Forventet status", "Expected status"),
    "field.forecast_note": ("Bemærkning til forventningen", "Note on the forecast"),
}
TEXTS.update(OFFICE_TEXTS)
TEXTS.update(FORA_TEXTS)
TEXTS.update(IMPORT_TEXTS)


class Translator:
    """t("key", name=...) in one language; a missing key is an error, never a silent English fallback."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "da"
        self._index = LANGUAGES.index(self.lang)

    def __call__(self, key: str, **values: Any) -> str:
        text = TEXTS[key][self._index]
        return fill(text, **values) if values else text

    def has(self, key: str) -> bool:
        return key in TEXTS

    def category(self, category: str) -> str:
        """An indicator category in words: "sex:women" -> "Køn: kvinder"; "" is the total."""
        if not category:
            return self("report.total")
        dimension, _, value = category.partition(":")
        name = self(f"category.{dimension}") if self.has(f"category.{dimension}") else dimension
        key = f"category.{dimension}.{value}"
        return f"{name}: {self(key) if self.has(key) else value}"

    def status(self, value: Any) -> str:
        """A progress status in words ("I risiko"), from the status reports' table."""
        if value is None:
            return "–"
        return STATUS[self.lang].get(str(getattr(value, "value", value)), str(value))


def translator(lang: str) -> Translator:
    return Translator(lang)
