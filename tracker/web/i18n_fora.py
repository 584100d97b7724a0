"""The words of the secretariat's meeting form (several decisions and action items), Danish and English.

Merged into `tracker.web.i18n.TEXTS`; kept apart so the fora pages and the rest of the pages can grow without
editing one long table.
"""

TEXTS: dict[str, tuple[str, str]] = {
    "fora.record.decisions_legend": ("Beslutninger", "Decisions"),
    "fora.record.items_legend": ("Opfølgningspunkter", "Action items"),
    "fora.record.rows_hint": (
        "Udfyld én række pr. beslutning eller opfølgningspunkt. Tomme rækker gemmes ikke.",
        "Fill in one row per decision or action item. Empty rows are not saved.",
    ),
    "fora.record.add_decision": ("Tilføj en række til en beslutning", "Add a row for a decision"),
    "fora.record.add_item": ("Tilføj en række til et opfølgningspunkt", "Add a row for an action item"),
    "fora.record.choose_owner": ("Vælg organisation", "Choose an organisation"),
    "fora.record.owner_members": ("Forummets medlemmer", "The forum's members"),
    "fora.record.owner_others": ("Andre organisationer", "Other organisations"),
    "fora.record.no_initiative": ("Intet bestemt initiativ", "No particular initiative"),
    "fora.record.deadline_hint": ("Dag, måned og år, fx 15.12.2026", "Day, month and year, for example 15.12.2026"),
    "fora.row.decision": ("Beslutning {n}", "Decision {n}"),
    "fora.row.item": ("Opfølgningspunkt {n}", "Action item {n}"),
    "fora.field.decision.text": ("beslutningen", "the decision"),
    "fora.field.decision.initiative": ("initiativ", "initiative"),
    "fora.field.item.text": ("hvad skal gøres", "what is to be done"),
    "fora.field.item.owner": ("ansvarlig organisation", "owner organisation"),
    "fora.field.item.deadline": ("frist", "deadline"),
    "fora.field.item.initiative": ("initiativ", "initiative"),
    "fora.label.decision.text": ("Beslutningen", "The decision"),
    "fora.label.initiative": ("Initiativ, den angår", "Initiative it concerns"),
    "fora.label.item.text": ("Hvad skal gøres", "What is to be done"),
    "fora.label.item.owner": ("Ansvarlig organisation", "Owner organisation"),
    "fora.label.item.deadline": ("Frist", "Deadline"),
    "fora.error.in_row": ("{row}, {field}: {message}", "{row}, {field}: {message}"),
    "fora.error.required": ("skal udfyldes", "is required"),
    "fora.error.date": ("skriv en gyldig dato, fx 15.12.2026", "enter a valid date, for example 15.12.2026"),
    "fora.error.unknown_organisation": ("ukendt organisation {code}", "unknown organisation {code}"),
    "fora.error.unknown_initiative": ("ukendt initiativ {code}", "unknown initiative {code}"),
    "fora.error.cpr": (
        "teksten indeholder noget, der ligner et CPR-nummer. Fjern det; tracker'en gemmer ikke data om personer",
        "the text contains something that looks like a CPR number. Remove it; the tracker keeps no data on persons",
    ),
    "fora.error.too_long": (
        "teksten er for lang (højst {limit} tegn)",
        "the text is too long (at most {limit} characters)",
    ),
    "fora.error.too_many": ("for mange rækker", "too many rows"),
    # The meeting pack on the forum's page (members and the secretariat)
    "fora.pack.heading": ("Mødemappe", "Meeting pack"),
    "fora.pack.intro": (
        "Status for forummets initiativer fra godkendte indberetninger, hvad der er forsinket og kræver beslutning, "
        "indikatorerne og de åbne opfølgningspunkter fra tidligere møder.",
        "Status of the forum's initiatives from approved reports, what is late and needs a decision, the indicators "
        "and the open action items from earlier meetings.",
    ),
    "fora.pack.date": ("Mødedato", "Meeting date"),
    "fora.pack.format": ("Format", "Format"),
    "fora.pack.format.pdf": ("PDF", "PDF"),
    "fora.pack.format.html": ("Webside (HTML)", "Web page (HTML)"),
    "fora.pack.submit": ("Hent mødemappen", "Get the meeting pack"),
    "fora.pack.error.date": ("Skriv mødedatoen, fx 01.12.2026", "Enter the meeting date, for example 01.12.2026"),
}
