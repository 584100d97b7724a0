"""The words of the import pages (template download, upload, preview, confirmation), Danish and English.

Merged into `tracker.web.i18n.TEXTS`. The import service's own messages (row errors, refusals) are the API's,
in English; the pages show them marked `lang="en"`.
"""

TEXTS: dict[str, tuple[str, str]] = {
    "nav.import": ("Import", "Import"),
    "import.title": ("Import af regneark", "Import a spreadsheet"),
    "import.intro": (
        "Hent skabelonen, udfyld den i Excel, og upload den igen. Du ser præcis hvad der ændres, før noget "
        "gemmes; intet gemmes før du bekræfter.",
        "Download the template, fill it in in Excel and upload it again. You see exactly what will change before "
        "anything is saved; nothing is saved until you confirm.",
    ),
    "import.template.heading": ("1. Hent skabelonen", "1. Download the template"),
    "import.template.intro": (
        "Skabelonen er udfyldt med det, der allerede er indberettet for organisationen i perioden.",
        "The template is filled in with what is already reported for the organisation in the period.",
    ),
    "import.template.period": ("Periode", "Period"),
    "import.template.organisation": ("Organisation", "Organisation"),
    "import.template.button": ("Hent skabelonen (xlsx)", "Download the template (xlsx)"),
    "import.template.none": (
        "Der er ingen åben periode at indberette for lige nu.",
        "There is no open period to report for just now.",
    ),
    "import.upload.heading": ("2. Upload regnearket", "2. Upload the spreadsheet"),
    "import.upload.file": ("Regneark (xlsx)", "Spreadsheet (xlsx)"),
    "import.upload.hint_reporter": (
        "Den udfyldte fremdriftsskabelon for din organisation.",
        "The filled-in progress template of your organisation.",
    ),
    "import.upload.hint_secretariat": (
        "En udfyldt fremdriftsskabelon eller planens regneark (planen i importformatet).",
        "A filled-in progress template or the plan workbook (the plan in the import layout).",
    ),
    "import.upload.submit": (
        "Indsend rapporterne til sekretariatet, når de er importeret",
        "Submit the reports to the secretariat once they are imported",
    ),
    "import.upload.button": ("Upload og se ændringerne", "Upload and see the changes"),
    "import.pending.heading": ("Venter på din bekræftelse", "Waiting for your confirmation"),
    "import.pending.expires": ("udløber {when}", "expires {when}"),
    "import.unnamed": ("unavngivet fil", "unnamed file"),
    "import.kind.label": ("Type", "Kind"),
    "import.kind.plan": ("Planens regneark", "Plan workbook"),
    "import.kind.progress": ("Fremdriftsskabelon", "Progress template"),
    "import.preview.title": ("Tjek ændringerne fra {filename}", "Check the changes from {filename}"),
    "import.preview.intro": (
        "Intet er gemt endnu. Sådan ændres data, hvis du bekræfter:",
        "Nothing is saved yet. This is how the data changes if you confirm:",
    ),
    "import.preview.submit": (
        "Rapporterne indsendes til sekretariatet, når de er importeret.",
        "The reports are submitted to the secretariat once imported.",
    ),
    "import.preview.listed": (
        "Viser de første {shown} af {total} ændringer.",
        "Showing the first {shown} of {total} changes.",
    ),
    "import.preview.expires": (
        "Forhåndsvisningen gælder til {when}; derefter skal filen uploades igen.",
        "The preview is valid until {when}; after that, upload the file again.",
    ),
    "import.preview.others": (
        "Filen er uploadet af en anden; kun den, der uploadede den, kan bekræfte den.",
        "Someone else uploaded the file; only they can confirm it.",
    ),
    "import.confirm": ("Bekræft og gem ændringerne", "Confirm and save the changes"),
    "import.cancel": ("Annullér", "Cancel"),
    "import.counts": ("Opsummering", "Summary"),
    "import.count.rows": ("Rækker læst", "Rows read"),
    "import.count.created": ("Nye", "New"),
    "import.count.updated": ("Ændrede", "Changed"),
    "import.count.unchanged": ("Uændrede", "Unchanged"),
    "import.count.rejected": ("Rækker med fejl", "Rows with errors"),
    "import.changes.heading": ("Ændringer", "Changes"),
    "import.changes.where": ("Række i regnearket", "Row in the spreadsheet"),
    "import.where": ("{sheet}, række {row}", "{sheet}, row {row}"),
    "import.whole": ("Rapporten", "The report"),
    "import.created": ("Oprettes", "Created"),
    "import.removed": ("Fjernes", "Removed"),
    "import.exists": ("Findes", "Exists"),
    "import.whole_row": ("Hele rækken", "The whole row"),
    "import.entity.target": ("Mål", "Target"),
    "import.entity.observation": ("Måling", "Observation"),
    "import.entity.partner": ("Samarbejdspartner", "Partner"),
    "import.entity.initiative": ("Initiativ", "Initiative"),
    "import.entity.indicator": ("Indikator", "Indicator"),
    "import.entity.milestone": ("Milepæl", "Milestone"),
    "import.entity.organisation": ("Organisation", "Organisation"),
    "import.entity.period": ("Periode", "Period"),
    "import.entity.plan": ("Plan", "Plan"),
    "import.entity.focus_area": ("Indsatsområde", "Focus area"),
    "import.errors.heading": ("Fejl i regnearket", "Errors in the spreadsheet"),
    "import.errors.intro": (
        "Intet er importeret. Ret fejlene i regnearket og upload det igen.",
        "Nothing is imported. Correct the errors in the spreadsheet and upload it again.",
    ),
    "import.errors.annotated": (
        "Hent regnearket med fejlene markeret (xlsx)",
        "Download the spreadsheet with the errors marked (xlsx)",
    ),
    "import.errors.listed": (
        "Viser de første {shown} af {total} fejl; alle er markeret i regnearket.",
        "Showing the first {shown} of {total} errors; all are marked in the spreadsheet.",
    ),
    "import.col.sheet": ("Ark", "Sheet"),
    "import.col.row": ("Række", "Row"),
    "import.col.column": ("Kolonne", "Column"),
    "import.col.cell": ("Celle", "Cell"),
    "import.col.message": ("Fejl", "Error"),
    "import.warnings.heading": ("Ikke læst", "Not read"),
    "import.batch.title": ("Import nr. {id}", "Import no. {id}"),
    "import.result.label": ("Resultat", "Result"),
    "import.result.applied": ("Importeret", "Imported"),
    "import.result.no-changes": ("Ingen ændringer", "No changes"),
    "import.result.dry-run": ("Forhåndsvisning (intet gemt)", "Preview (nothing saved)"),
    "import.result.rejected": ("Afvist (intet gemt)", "Rejected (nothing saved)"),
    "import.back": ("Tilbage til import", "Back to import"),
    "import.error.no_file": ("Vælg et regneark (xlsx) at uploade.", "Choose a spreadsheet (xlsx) to upload."),
    "import.error.busy": (
        "Der kører allerede andre importer; prøv igen om et minut.",
        "Other imports are running; try again in a minute.",
    ),
    "import.error.file": ("Filen kan ikke importeres: {detail}", "The file cannot be imported: {detail}"),
    "import.error.rows": (
        "Regnearket har {count} fejl; intet er importeret.",
        "The spreadsheet has {count} {count:error|errors}; nothing is imported.",
    ),
    "import.error.stale": (
        "Data er ændret siden forhåndsvisningen (en anden har gemt i mellemtiden), så intet er importeret. "
        "Se de opdaterede ændringer nedenfor.",
        "The data changed since the preview (someone else saved in between), so nothing is imported. See the "
        "updated changes below.",
    ),
    "import.error.period": ("Vælg en åben periode.", "Choose an open period."),
    "flash.import_applied": ("Regnearket er importeret.", "The spreadsheet is imported."),
    "flash.import_no_changes": (
        "Regnearket ændrer intet: data er allerede sådan.",
        "The spreadsheet changes nothing: the data is already like that.",
    ),
    "flash.import_cancelled": ("Uploaden er annulleret; intet er gemt.", "The upload is cancelled; nothing is saved."),
    # OpenID Connect sign-in and the secretariat's mapping (controllers/oidc.py)
    "nav.admin_mapping": ("Log ind-tilknytning", "Sign-in mapping"),
    "oidc.other": ("Eller log ind via din organisation", "Or sign in through your organisation"),
    "oidc.refused.title": ("Du kan ikke logge ind", "You cannot sign in"),
    "oidc.refused.unmapped": (
        "Din organisation er ikke tilknyttet – kontakt sekretariatet.",
        "Your organisation is not linked – contact the secretariat.",
    ),
    "oidc.refused.ambiguous": (
        "Dit login passer på flere organisationer eller roller – kontakt sekretariatet.",
        "Your sign-in matches several organisations or roles – contact the secretariat.",
    ),
    "oidc.refused.disabled": (
        "Din adgang er lukket – kontakt sekretariatet.",
        "Your access is closed – contact the secretariat.",
    ),
    "oidc.refused.email": (
        "Login-udbyderen oplyste ingen bekræftet e-mailadresse.",
        "The sign-in provider gave no verified e-mail address.",
    ),
    "oidc.refused.state": (
        "Login blev ikke startet i denne browser, eller det tog for lang tid. Prøv igen.",
        "The sign-in was not started in this browser, or it took too long. Try again.",
    ),
    "oidc.refused.provider": (
        "Login kunne ikke bekræftes hos login-udbyderen. Prøv igen.",
        "The sign-in could not be verified with the provider. Try again.",
    ),
    "oidc.refused.again": ("Til log ind", "To sign-in"),
    "mapping.title": ("Tilknytning af log ind", "Sign-in mapping"),
    "mapping.intro": (
        "Når nogen logger ind via organisationens login (OpenID Connect), giver denne tabel dem organisation og "
        "rolle: organisationens værdi (fx CVR-nummer) og eventuelt en rettighed. Passer intet, får de ikke adgang.",
        "When someone signs in through their organisation's login (OpenID Connect), this table gives them an "
        "organisation and a role: the organisation's value (e.g. a CVR number) and optionally a right. If nothing "
        "matches, they get no access.",
    ),
    "mapping.off": (
        "Log ind via OpenID Connect er ikke slået til (TRACKER_OIDC_ISSUER og TRACKER_OIDC_CLIENT_ID).",
        "Sign-in through OpenID Connect is not switched on (TRACKER_OIDC_ISSUER and TRACKER_OIDC_CLIENT_ID).",
    ),
    "mapping.caption": ("Tilknytninger", "Mappings"),
    "mapping.col.value": ("Organisationens værdi", "Organisation value"),
    "mapping.col.right": ("Rettighed", "Right"),
    "mapping.any": ("(enhver)", "(any)"),
    "mapping.delete": ("Slet", "Delete"),
    "mapping.none": ("Der er ingen tilknytninger endnu.", "There are no mappings yet."),
    "mapping.add": ("Tilføj en tilknytning", "Add a mapping"),
    "mapping.value_hint": ("Fx et CVR-nummer", "E.g. a CVR number"),
    "mapping.right_hint": ("Tom: enhver fra organisationen", "Empty: anyone from the organisation"),
    "mapping.add_button": ("Tilføj", "Add"),
    "mapping.error.value": ("Skriv organisationens værdi", "Enter the organisation's value"),
    "mapping.error.exists": ("Den tilknytning findes allerede", "That mapping exists already"),
    "flash.mapping_added": ("Tilknytningen er tilføjet.", "The mapping is added."),
    "flash.mapping_deleted": ("Tilknytningen er slettet.", "The mapping is deleted."),
    # Row errors of the import service, by their code: a plain sentence before the service's own detail.
    "import.code.required": ("Feltet skal udfyldes.", "The field is required."),
    "import.code.not-a-date": ("Ikke en dato (skriv fx 31.12.2025).", "Not a date (write e.g. 31.12.2025)."),
    "import.code.not-a-number": ("Ikke et tal (skriv fx 1.250.000 eller 87,5).", "Not a number."),
    "import.code.not-a-whole-number": ("Skal være et helt tal.", "Must be a whole number."),
    "import.code.out-of-range": ("Tallet er uden for det tilladte.", "The number is out of range."),
    "import.code.date-out-of-range": ("Datoen er uden for det tilladte.", "The date is out of range."),
    "import.code.date-order": ("Datoerne står i forkert rækkefølge.", "The dates are in the wrong order."),
    "import.code.too-long": ("Teksten er for lang.", "The text is too long."),
    "import.code.invalid": ("Værdien er ikke gyldig.", "The value is not valid."),
    "import.code.duplicate": ("Rækken står der to gange.", "The row appears twice."),
    "import.code.not-allowed": ("Værdien er ikke en af de tilladte.", "The value is not one of those allowed."),
    "import.code.not-yes-or-no": ("Skriv ja eller nej.", "Write yes or no."),
    "import.code.unknown-initiative": ("Ukendt initiativ.", "Unknown initiative."),
    "import.code.unknown-period": ("Ukendt periode.", "Unknown period."),
    "import.code.unknown-indicator": ("Ukendt indikator for initiativet.", "Unknown indicator of the initiative."),
    "import.code.unknown-category": ("Ukendt kategori for indikatoren.", "Unknown category of the indicator."),
    "import.code.unknown-organisation": ("Ukendt organisation.", "Unknown organisation."),
    "import.code.unknown-focus-area": ("Ukendt indsatsområde.", "Unknown focus area."),
    "import.code.not-your-organisation": (
        "Du kan kun indberette for din egen organisation.",
        "You can report for your own organisation only.",
    ),
    "import.code.not-your-initiative": (
        "Kun initiativets ansvarlige organisation indberetter på det.",
        "Only the initiative's lead reports on it.",
    ),
    "import.code.period-locked": ("Perioden er låst.", "The period is locked."),
    "import.code.report-not-editable": (
        "Rapporten er indsendt eller godkendt og kan ikke ændres her.",
        "The report is submitted or approved and cannot be changed here.",
    ),
    "import.code.no-report-row": (
        "Værdierne hører til en rapport, der ikke står i arket Rapporter.",
        "The values belong to a report that is not in the Reports sheet.",
    ),
    "import.code.personal-data": (
        "Cellen ligner et CPR-nummer; trackeren gemmer kun samlede tal.",
        "The cell looks like a CPR number; the tracker keeps aggregate figures only.",
    ),
    "import.code.formula-not-allowed": ("Formler er ikke tilladt; skriv værdien.", "Formulas are not allowed."),
    "import.code.error-cell": ("Cellen indeholder en fejl fra Excel.", "The cell holds an Excel error."),
    "import.code.missing-sheet": ("Et ark mangler i regnearket.", "A sheet is missing."),
    "import.code.missing-column": ("En kolonne mangler.", "A column is missing."),
    "import.code.missing-header": ("Overskriftsrækken mangler.", "The header row is missing."),
    "import.code.duplicate-column": ("En kolonne står der to gange.", "A column appears twice."),
    "import.code.unknown-column": ("Ukendt kolonne.", "Unknown column."),
    "import.code.code-in-other-plan": ("Koden bruges i en anden plan.", "The code is used in another plan."),
    "import.code.no-header": (
        "Cellen har data, men dens kolonne har ingen overskrift.",
        "The cell has data but its column has no header.",
    ),
    "import.code.cannot-load": ("Planen kunne ikke gemmes.", "The plan could not be stored."),
    # Refusals of the bulk write, by the workflow's problem type (the row's report changed meanwhile, ...).
    "import.code.precondition-failed": (
        "Rapporten er ændret af en anden imens; hent en ny skabelon og prøv igen.",
        "The report was changed by someone else meanwhile; download a new template and try again.",
    ),
    "import.code.not-found": ("Der findes ingen rapport at indsende endnu.", "There is no report to submit yet."),
    "import.code.forbidden": ("Du må ikke ændre denne rapport.", "You may not change this report."),
    "import.code.invalid-transition": (
        "Rapporten kan ikke ændres eller indsendes i sin nuværende tilstand.",
        "The report cannot be changed or submitted in its current state.",
    ),
    # Warnings of the import (nothing is refused): a plain sentence before the service's own detail.
    "import.code.sheet-not-read": (
        "Arket læses ikke og gemmes ikke; intet i det er importeret.",
        "The sheet is not read and not kept; nothing in it was imported.",
    ),
    "import.code.ignored-column": (
        "Kolonnen er ikke en, trackeren læser; den er sprunget over.",
        "The column is not one the tracker reads; it was skipped.",
    ),
}
