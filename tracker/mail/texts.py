"""The words of every mail, in Danish and English, as plain text and HTML (Jinja2, HTML autoescaped)."""

from dataclasses import dataclass
from typing import Any

from jinja2 import DictLoader, Environment, StrictUndefined, select_autoescape

from reports.words import plural
from tracker.fora.texts import FORA_TEMPLATES

LANGUAGES = ("da", "en")


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str
    language: str


_INITIATIVE_LINES = "{% for i in initiatives %}  - {{ i.code }} {{ i.title }}\n{% endfor %}"
_INITIATIVE_LIST = "<ul>{% for i in initiatives %}<li><b>{{ i.code }}</b> {{ i.title }}</li>{% endfor %}</ul>"
_ORG_BLOCKS_TEXT = (
    "{% for o in organisations %}{{ o.code }} {{ o.name }}{% if not o.email %} ({{ no_address }}){% endif %}\n"
    "{% for i in o.initiatives %}  - {{ i.code }} {{ i.title }}\n{% endfor %}\n{% endfor %}"
)
_ORG_BLOCKS_HTML = (
    "{% for o in organisations %}<h3>{{ o.code }} {{ o.name }}{% if not o.email %} <small>({{ no_address }})</small>"
    "{% endif %}</h3><ul>{% for i in o.initiatives %}<li><b>{{ i.code }}</b> {{ i.title }}</li>{% endfor %}</ul>"
    "{% endfor %}"
)

# kind -> language -> (subject, text, html)
TEMPLATES: dict[str, dict[str, tuple[str, str, str]]] = {
    "reminder": {
        "da": (
            "Påmindelse: statusrapporter for {{ period }} skal indsendes senest {{ due }}",
            "Kære {{ organisation.name }}\n\n"
            "Om {{ days_left }} {{ days_left|plural('dag', 'dage') }}, senest {{ due }}, skal der indsendes statusrapporter for perioden "
            "{{ period }}. Der mangler stadig rapporter for disse initiativer, som {{ organisation.code }} har "
            "ansvaret for:\n\n" + _INITIATIVE_LINES + "\n"
            "Se hvad der mangler: {{ due_url }}\nHent skabelonen: {{ template_url }}\n\n"
            "Intet nyt siden sidste godkendte rapport? Ét kald fører den videre som indsendt: "
            "POST {{ base_url }}/initiatives/<kode>/reports/{{ period }}/no-change\n\n"
            "Med venlig hilsen\nSekretariatet for handlingsplanen mod menneskehandel\n",
            "<p>Kære {{ organisation.name }}</p>"
            "<p>Om {{ days_left }} {{ days_left|plural('dag', 'dage') }}, senest <b>{{ due }}</b>, skal der indsendes statusrapporter for perioden "
            "{{ period }}. Der mangler stadig rapporter for disse initiativer, som {{ organisation.code }} har "
            "ansvaret for:</p>" + _INITIATIVE_LIST + '<p><a href="{{ due_url }}">Se hvad der mangler</a> · '
            '<a href="{{ template_url }}">Hent skabelonen</a></p>'
            "<p>Intet nyt siden sidste godkendte rapport? Ét kald fører den videre som indsendt: <code>POST {{ base_url }}/initiatives/&lt;kode&gt;/reports/{{ period }}/no-change</code></p>"
            "<p>Med venlig hilsen<br>Sekretariatet for handlingsplanen mod menneskehandel</p>",
        ),
        "en": (
            "Reminder: progress reports for {{ period }} are due by {{ due }}",
            "Dear {{ organisation.name }}\n\n"
            "In {{ days_left }} {{ days_left|plural('day', 'days') }}, by {{ due }}, progress reports for the period {{ period }} are due. "
            "Reports are still missing for these initiatives led by {{ organisation.code }}:\n\n"
            + _INITIATIVE_LINES
            + "\nSee what is due: {{ due_url }}\nDownload the template: {{ template_url }}\n\n"
            + "Nothing changed since the last approved report? One call carries it forward as submitted: "
            "POST {{ base_url }}/initiatives/<code>/reports/{{ period }}/no-change\n\n"
            "Kind regards\nThe action plan secretariat\n",
            "<p>Dear {{ organisation.name }}</p>"
            "<p>In {{ days_left }} {{ days_left|plural('day', 'days') }}, by <b>{{ due }}</b>, progress reports for the period {{ period }} are "
            "due. Reports are still missing for these initiatives led by {{ organisation.code }}:</p>"
            + _INITIATIVE_LIST
            + '<p><a href="{{ due_url }}">See what is due</a> · <a href="{{ template_url }}">Download the '
            "template</a></p><p>Nothing changed since the last approved report? One call carries it forward as submitted: <code>POST {{ base_url }}/initiatives/&lt;code&gt;/reports/{{ period }}/no-change</code></p>"
            "<p>Kind regards<br>The action plan secretariat</p>",
        ),
    },
    "overdue": {
        "da": (
            "Overskredet frist: statusrapporter for {{ period }} mangler",
            "Kære {{ organisation.name }}\n\n"
            "Fristen for statusrapporter for perioden {{ period }} var {{ due }} ({{ days_overdue }} {{ days_overdue|plural('dag', 'dage') }} siden). "
            "Der mangler stadig rapporter for:\n\n" + _INITIATIVE_LINES + "\n"
            "Se hvad der mangler: {{ due_url }}\nHent skabelonen: {{ template_url }}\n\n"
            "Intet nyt siden sidste godkendte rapport? Ét kald fører den videre som indsendt: "
            "POST {{ base_url }}/initiatives/<kode>/reports/{{ period }}/no-change\n\n"
            "Med venlig hilsen\nSekretariatet for handlingsplanen mod menneskehandel\n",
            "<p>Kære {{ organisation.name }}</p><p>Fristen for statusrapporter for perioden {{ period }} var "
            "<b>{{ due }}</b> ({{ days_overdue }} {{ days_overdue|plural('dag', 'dage') }} siden). Der mangler stadig rapporter for:</p>"
            + _INITIATIVE_LIST
            + '<p><a href="{{ due_url }}">Se hvad der mangler</a> · <a href="{{ template_url }}">Hent '
            "skabelonen</a></p><p>Intet nyt siden sidste godkendte rapport? Ét kald fører den videre som indsendt: <code>POST {{ base_url }}/initiatives/&lt;kode&gt;/reports/{{ period }}/no-change</code></p>"
            "<p>Med venlig hilsen<br>Sekretariatet for handlingsplanen mod menneskehandel</p>",
        ),
        "en": (
            "Overdue: progress reports for {{ period }} are missing",
            "Dear {{ organisation.name }}\n\n"
            "Progress reports for the period {{ period }} were due on {{ due }} ({{ days_overdue }} {{ days_overdue|plural('day', 'days') }} ago). "
            "Reports are still missing for:\n\n" + _INITIATIVE_LINES + "\n"
            "See what is due: {{ due_url }}\nDownload the template: {{ template_url }}\n\n"
            "Nothing changed since the last approved report? One call carries it forward as submitted: "
            "POST {{ base_url }}/initiatives/<code>/reports/{{ period }}/no-change\n\n"
            "Kind regards\nThe action plan secretariat\n",
            "<p>Dear {{ organisation.name }}</p><p>Progress reports for the period {{ period }} were due on "
            "<b>{{ due }}</b> ({{ days_overdue }} {{ days_overdue|plural('day', 'days') }} ago). Reports are still missing for:</p>"
            + _INITIATIVE_LIST
            + '<p><a href="{{ due_url }}">See what is due</a> · <a href="{{ template_url }}">Download the '
            "template</a></p><p>Nothing changed since the last approved report? One call carries it forward as submitted: <code>POST {{ base_url }}/initiatives/&lt;code&gt;/reports/{{ period }}/no-change</code></p>"
            "<p>Kind regards<br>The action plan secretariat</p>",
        ),
    },
    "escalation": {
        "da": (
            "Eskalering: {{ missing }} {{ missing|plural('statusrapport', 'statusrapporter') }} for {{ period }} mangler {{ days_overdue }} {{ days_overdue|plural('dag', 'dage') }} efter fristen",
            "Til sekretariatet\n\nFristen for perioden {{ period }} var {{ due }}. Disse rapporter mangler stadig "
            "({{ missing }} i alt):\n\n" + _ORG_BLOCKS_TEXT + "Overblik: {{ overview_url }}\n",
            "<p>Til sekretariatet</p><p>Fristen for perioden {{ period }} var <b>{{ due }}</b>. Disse rapporter "
            "mangler stadig ({{ missing }} i alt):</p>" + _ORG_BLOCKS_HTML + '<p><a href="{{ overview_url }}">'
            "Overblik</a></p>",
        ),
        "en": (
            "Escalation: {{ missing }} progress {{ missing|plural('report', 'reports') }} for {{ period }} missing {{ days_overdue }} {{ days_overdue|plural('day', 'days') }} after the due date",
            "To the secretariat\n\nThe period {{ period }} was due on {{ due }}. These reports are still missing "
            "({{ missing }} in all):\n\n" + _ORG_BLOCKS_TEXT + "Overview: {{ overview_url }}\n",
            "<p>To the secretariat</p><p>The period {{ period }} was due on <b>{{ due }}</b>. These reports are "
            "still missing ({{ missing }} in all):</p>" + _ORG_BLOCKS_HTML + '<p><a href="{{ overview_url }}">'
            "Overview</a></p>",
        ),
    },
    "returned": {
        "da": (
            "Returneret rapport ikke genindsendt: {{ initiative.code }} ({{ period }})",
            "Statusrapporten for {{ initiative.code }} {{ initiative.title }} for perioden {{ period }} blev "
            "sendt tilbage til {{ organisation.code }} {{ returned }} og er ikke genindsendt efter "
            "{{ days }} dage.\n\nSe hvad der mangler: {{ due_url }}\n",
            "<p>Statusrapporten for <b>{{ initiative.code }}</b> {{ initiative.title }} for perioden {{ period }} "
            "blev sendt tilbage til {{ organisation.code }} {{ returned }} og er ikke genindsendt efter "
            '{{ days }} dage.</p><p><a href="{{ due_url }}">Se hvad der mangler</a></p>',
        ),
        "en": (
            "Returned report not resubmitted: {{ initiative.code }} ({{ period }})",
            "The progress report for {{ initiative.code }} {{ initiative.title }} for the period {{ period }} was "
            "returned to {{ organisation.code }} on {{ returned }} and has not been resubmitted after "
            "{{ days }} days.\n\nSee what is due: {{ due_url }}\n",
            "<p>The progress report for <b>{{ initiative.code }}</b> {{ initiative.title }} for the period "
            "{{ period }} was returned to {{ organisation.code }} on {{ returned }} and has not been resubmitted "
            'after {{ days }} days.</p><p><a href="{{ due_url }}">See what is due</a></p>',
        ),
    },
    "briefing": {
        "da": (
            "Statusrapport om handlingsplanen: {{ plan }} ({{ occasion }})",
            "Til ministerens kontor\n\nDen aktuelle statusrapport for {{ plan }}, periode {{ period }}, er klar "
            "({{ occasion }}):\n\n{{ link }}\n\nMed venlig hilsen\nSekretariatet for handlingsplanen mod "
            "menneskehandel\n",
            "<p>Til ministerens kontor</p><p>Den aktuelle statusrapport for {{ plan }}, periode {{ period }}, er "
            'klar ({{ occasion }}):</p><p><a href="{{ link }}">{{ link }}</a></p>'
            "<p>Med venlig hilsen<br>Sekretariatet for handlingsplanen mod menneskehandel</p>",
        ),
        "en": (
            "Action plan status report: {{ plan }} ({{ occasion }})",
            "To the minister's office\n\nThe current status report for {{ plan }}, period {{ period }}, is ready "
            "({{ occasion }}):\n\n{{ link }}\n\nKind regards\nThe action plan secretariat\n",
            "<p>To the minister's office</p><p>The current status report for {{ plan }}, period {{ period }}, is "
            'ready ({{ occasion }}):</p><p><a href="{{ link }}">{{ link }}</a></p>'
            "<p>Kind regards<br>The action plan secretariat</p>",
        ),
    },
    "sign_in": {
        "da": (
            "Dit link til at logge ind i handlingsplanens tracker",
            "Kære {{ name }}\n\nBrug dette link til at logge ind. Det virker én gang og i {{ minutes }} minutter:\n\n"
            "{{ link }}\n\nHar du ikke bedt om at logge ind, kan du se bort fra denne mail.\n\n"
            "Med venlig hilsen\nSekretariatet for handlingsplanen mod menneskehandel\n",
            "<p>Kære {{ name }}</p><p>Brug dette link til at logge ind. Det virker én gang og i {{ minutes }} "
            'minutter:</p><p><a href="{{ link }}">Log ind</a></p><p>Har du ikke bedt om at logge ind, kan du se '
            "bort fra denne mail.</p><p>Med venlig hilsen<br>Sekretariatet for handlingsplanen mod menneskehandel</p>",
        ),
        "en": (
            "Your link to sign in to the action plan tracker",
            "Dear {{ name }}\n\nUse this link to sign in. It works once and for {{ minutes }} minutes:\n\n"
            "{{ link }}\n\nIf you did not ask to sign in, you can ignore this mail.\n\n"
            "Kind regards\nThe action plan secretariat\n",
            "<p>Dear {{ name }}</p><p>Use this link to sign in. It works once and for {{ minutes }} minutes:</p>"
            '<p><a href="{{ link }}">Sign in</a></p><p>If you did not ask to sign in, you can ignore this mail.</p>'
            "<p>Kind regards<br>The action plan secretariat</p>",
        ),
    },
    # The minister's briefing: page one of the status report in the body, its PDF attached.
    "briefing_report": {
        "da": (
            "Statusrapport: {{ plan_title }} – {{ period_name }} ({{ occasion }})",
            "Til ministerens kontor\n\nHer er statusrapporten for {{ plan_title }}, {{ period_name }} "
            "({{ occasion }}).\n\n{{ summary_text }}\n"
            "{% if attached %}Hele rapporten er vedhæftet som PDF.{% else %}Rapporten er for stor til at blive "
            "vedhæftet; hent den her.{% endif %}\n"
            "Rapporten som udstedt: {{ link }}\nOverblikket på nettet: {{ overview }}\n\n"
            "Med venlig hilsen\nSekretariatet for handlingsplanen mod menneskehandel\n",
            "<p>Til ministerens kontor</p><p>Her er statusrapporten for {{ plan_title }}, {{ period_name }} "
            "({{ occasion }}).</p>{{ summary_html }}"
            "<p>{% if attached %}Hele rapporten er vedhæftet som PDF.{% else %}Rapporten er for stor til at blive "
            "vedhæftet; hent den via linket.{% endif %}</p>"
            '<p><a href="{{ link }}">Rapporten som udstedt</a> · <a href="{{ overview }}">Overblikket på nettet</a></p>'
            "<p>Med venlig hilsen<br>Sekretariatet for handlingsplanen mod menneskehandel</p>",
        ),
        "en": (
            "Status report: {{ plan_title }} – {{ period_name }} ({{ occasion }})",
            "To the minister's office\n\nHere is the status report on {{ plan_title }}, {{ period_name }} "
            "({{ occasion }}).\n\n{{ summary_text }}\n"
            "{% if attached %}The full report is attached as a PDF.{% else %}The report is too large to attach; "
            "download it here.{% endif %}\n"
            "The report as issued: {{ link }}\nThe web overview: {{ overview }}\n\n"
            "Kind regards\nThe action plan secretariat\n",
            "<p>To the minister's office</p><p>Here is the status report on {{ plan_title }}, {{ period_name }} "
            "({{ occasion }}).</p>{{ summary_html }}"
            "<p>{% if attached %}The full report is attached as a PDF.{% else %}The report is too large to attach; "
            "download it from the link.{% endif %}</p>"
            '<p><a href="{{ link }}">The report as issued</a> · <a href="{{ overview }}">The web overview</a></p>'
            "<p>Kind regards<br>The action plan secretariat</p>",
        ),
    },
}

# Action items and meeting packs (tracker/fora/texts.py).
TEMPLATES.update(FORA_TEMPLATES)

# Small phrases the jobs put into the context.
PHRASES: dict[str, dict[str, str]] = {
    "no_address": {"da": "ingen e-mailadresse registreret", "en": "no e-mail address on file"},
    "occasion_period": {"da": "perioden {period} er afsluttet", "en": "the period {period} has closed"},
    "occasion_monthly": {"da": "månedlig status {month}", "en": "monthly status {month}"},
}


def phrase(name: str, language: str, **values: Any) -> str:
    return PHRASES[name][language].format(**values)


def _environment(html: bool) -> Environment:
    loader = DictLoader(
        {
            f"{kind}.{lang}.{part}": body
            for kind, languages in TEMPLATES.items()
            for lang, parts in languages.items()
            for part, body in zip(("subject", "text", "html"), parts, strict=True)
        }
    )
    autoescape = select_autoescape(enabled_extensions=(), default_for_string=html, default=html)
    environment = Environment(
        loader=loader, autoescape=autoescape, undefined=StrictUndefined, keep_trailing_newline=True
    )
    environment.filters["plural"] = plural  # {{ days|plural("dag", "dage") }}
    return environment


_TEXT = _environment(html=False)
_HTML = _environment(html=True)


def render(kind: str, language: str, **context: Any) -> RenderedMail:
    """Render one mail of `kind` in `language` ("da" or "en") from its context."""
    if language not in LANGUAGES:
        language = "da"
    context.setdefault("no_address", PHRASES["no_address"][language])
    subject = _TEXT.get_template(f"{kind}.{language}.subject").render(**context)
    text = _TEXT.get_template(f"{kind}.{language}.text").render(**context)
    html = _HTML.get_template(f"{kind}.{language}.html").render(**context)
    page = f'<!doctype html><html lang="{language}"><meta charset="utf-8"><body>{html}</body></html>'
    return RenderedMail(subject=" ".join(subject.split()), text=text, html=page, language=language)
