"""Mail texts for action items and meeting packs (Danish and English), merged into `tracker.mail.texts`."""

_ITEM_TEXT = "{{ item.forum_name }} – mødet {{ item.held_on }}:\n  {{ item.text }}\n"
_ITEM_HTML = "<p><b>{{ item.forum_name }}</b> – {{ item.held_on }}</p><blockquote>{{ item.text }}</blockquote>"
_ITEM_TEXT_EN = "{{ item.forum_name }} – meeting of {{ item.held_on }}:\n  {{ item.text }}\n"

FORA_TEMPLATES: dict[str, dict[str, tuple[str, str, str]]] = {
    "action-reminder": {
        "da": (
            "Påmindelse: opfølgningspunkt fra {{ item.forum_name }} har frist {{ due }}",
            "Kære {{ organisation.name }}\n\nOm {{ days_left }} {{ days_left|plural('dag', 'dage') }}, senest {{ due }}, skal dette "
            "opfølgningspunkt, som {{ organisation.code }} er ansvarlig for, være klaret:\n\n" + _ITEM_TEXT + "\n"
            "Luk det med en kort note, når det er gjort: {{ items_url }}\n\n"
            "Med venlig hilsen\nSekretariatet for handlingsplanen mod menneskehandel\n",
            "<p>Kære {{ organisation.name }}</p><p>Om {{ days_left }} {{ days_left|plural('dag', 'dage') }}, senest <b>{{ due }}</b>, skal dette "
            "opfølgningspunkt, som {{ organisation.code }} er ansvarlig for, være klaret:</p>"
            + _ITEM_HTML
            + '<p><a href="{{ items_url }}">Luk det med en kort note</a>, når det er gjort.</p>'
            "<p>Med venlig hilsen<br>Sekretariatet for handlingsplanen mod menneskehandel</p>",
        ),
        "en": (
            "Reminder: an action item from {{ item.forum_name }} is due by {{ due }}",
            "Dear {{ organisation.name }}\n\nIn {{ days_left }} {{ days_left|plural('day', 'days') }}, by {{ due }}, this action item owned by "
            "{{ organisation.code }} is due:\n\n" + _ITEM_TEXT_EN + "\n"
            "Close it with a short note when done: {{ items_url }}\n\nKind regards\nThe action plan secretariat\n",
            "<p>Dear {{ organisation.name }}</p><p>In {{ days_left }} {{ days_left|plural('day', 'days') }}, by <b>{{ due }}</b>, this action item "
            "owned by {{ organisation.code }} is due:</p>"
            + _ITEM_HTML
            + '<p><a href="{{ items_url }}">Close it with a short note</a> when done.</p>'
            "<p>Kind regards<br>The action plan secretariat</p>",
        ),
    },
    "action-overdue": {
        "da": (
            "Overskredet frist: opfølgningspunkt fra {{ item.forum_name }} ({{ due }})",
            "Til {{ audience }}\n\nFristen for dette opfølgningspunkt, som {{ organisation.code }} "
            "{{ organisation.name }} er ansvarlig for, var {{ due }} ({{ days_overdue }} {{ days_overdue|plural('dag', 'dage') }} siden), og det er "
            "ikke lukket:\n\n" + _ITEM_TEXT + "\nSe det: {{ item_url }}\n",
            "<p>Til {{ audience }}</p><p>Fristen for dette opfølgningspunkt, som {{ organisation.code }} "
            "{{ organisation.name }} er ansvarlig for, var <b>{{ due }}</b> ({{ days_overdue }} {{ days_overdue|plural('dag', 'dage') }} siden), og "
            "det er ikke lukket:</p>" + _ITEM_HTML + '<p><a href="{{ item_url }}">Se det</a></p>',
        ),
        "en": (
            "Overdue: action item from {{ item.forum_name }} (due {{ due }})",
            "To {{ audience }}\n\nThis action item owned by {{ organisation.code }} {{ organisation.name }} was due "
            "on {{ due }} ({{ days_overdue }} {{ days_overdue|plural('day', 'days') }} ago) and is not closed:\n\n"
            + _ITEM_TEXT_EN
            + "\nSee it: {{ item_url }}\n",
            "<p>To {{ audience }}</p><p>This action item owned by {{ organisation.code }} {{ organisation.name }} was "
            "due on <b>{{ due }}</b> ({{ days_overdue }} {{ days_overdue|plural('day', 'days') }} ago) and is not closed:</p>"
            + _ITEM_HTML
            + '<p><a href="{{ item_url }}">See it</a></p>',
        ),
    },
    "forum-pack": {
        "da": (
            "Mødemappe: {{ forum }} {{ held_on }}",
            "Til medlemmerne af {{ forum }}\n\nMødemappen til mødet {{ held_on }} (status for periode {{ period }}) er "
            "vedhæftet som PDF ({{ filename }}). Den kan også hentes her: {{ link }}\n\n"
            "Med venlig hilsen\nSekretariatet for handlingsplanen mod menneskehandel\n",
            "<p>Til medlemmerne af {{ forum }}</p><p>Mødemappen til mødet {{ held_on }} (status for periode "
            "{{ period }}) er vedhæftet som PDF ({{ filename }}). Den kan også hentes her: "
            '<a href="{{ link }}">{{ link }}</a></p>'
            "<p>Med venlig hilsen<br>Sekretariatet for handlingsplanen mod menneskehandel</p>",
        ),
        "en": (
            "Meeting pack: {{ forum }} {{ held_on }}",
            "To the members of {{ forum }}\n\nThe meeting pack for the meeting on {{ held_on }} (status for period "
            "{{ period }}) is attached as a PDF ({{ filename }}). It can also be downloaded here: {{ link }}\n\n"
            "Kind regards\nThe action plan secretariat\n",
            "<p>To the members of {{ forum }}</p><p>The meeting pack for the meeting on {{ held_on }} (status for "
            "period {{ period }}) is attached as a PDF ({{ filename }}). It can also be downloaded here: "
            '<a href="{{ link }}">{{ link }}</a></p><p>Kind regards<br>The action plan secretariat</p>',
        ),
    },
}
AUDIENCE = {
    "organisation": {"da": "den ansvarlige organisation", "en": "the owner organisation"},
    "secretariat": {"da": "sekretariatet", "en": "the secretariat"},
}
