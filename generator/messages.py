"""Plain-language messages for every problem code, in German (default) and English.

Each entry is ``code: (german, english)``; ``{name}`` placeholders come from the problem's
parameters. A hint how to fix it stands in parentheses at the end. A ``suggestion`` parameter,
when not empty, adds "did you mean …?".
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # reading files
    "not_utf8": (
        "Die Datei ist nicht in UTF-8 gespeichert (Byte {byte}) (im Editor als „UTF-8“ speichern)",
        "the file is not saved as UTF-8 (byte {byte}) (save it as \"UTF-8\" in your editor)",
    ),
    "empty_file": ("Die Datei ist leer (Inhalt ergänzen oder Datei löschen)", "the file is empty (add content or delete the file)"),
    "front_matter_missing": (
        "Der Kopfbereich fehlt (die Datei muss mit einer Zeile „---“ beginnen, dann die Felder, dann wieder „---“)",
        "front matter is missing (the file must start with a line \"---\", then the fields, then \"---\" again)",
    ),
    "front_matter_unclosed": (
        "Der Kopfbereich wird nicht geschlossen (nach den Feldern fehlt eine Zeile „---“)",
        "front matter is not closed (a line \"---\" is missing after the fields)",
    ),
    "front_matter_empty": ("Der Kopfbereich ist leer (Titel, Kategorie und Termine eintragen)", "front matter is empty (add title, category and schedule)"),
    "yaml_syntax": ("YAML-Syntaxfehler: {detail} (Einrückung und Doppelpunkte prüfen)", "YAML syntax error: {detail} (check indentation and colons)"),
    "yaml_tab": (
        "Tabulator-Zeichen sind in YAML nicht erlaubt (mit Leerzeichen einrücken)",
        "tab characters are not allowed in YAML (indent with spaces)",
    ),
    "yaml_mapping_values": (
        "Doppelpunkt an unerwarteter Stelle (Text mit Doppelpunkt in Anführungszeichen setzen oder Einrückung prüfen)",
        "unexpected colon (put text containing a colon in quotes, or check the indentation)",
    ),
    "yaml_expected_colon": (
        "Hier fehlt ein Doppelpunkt nach dem Feldnamen (Form: „feld: wert“)",
        "a colon is missing after the field name (form: \"field: value\")",
    ),
    "yaml_unclosed_quote": (
        "Anführungszeichen werden nicht geschlossen (schließendes \" oder ' ergänzen)",
        "a quote is not closed (add the closing \" or ')",
    ),
    "yaml_unclosed_bracket": (
        "Die eckige Klammer „[“ wird nicht geschlossen (schließende „]“ ergänzen)",
        "the square bracket \"[\" is not closed (add the closing \"]\")",
    ),
    "yaml_unclosed_brace": (
        "Die geschweifte Klammer „{{“ wird nicht geschlossen (schließende „}}“ ergänzen)",
        "the curly brace \"{{\" is not closed (add the closing \"}}\")",
    ),
    "yaml_alias": ("Unbekannter Verweis mit * (Sternchen am Anfang in Anführungszeichen setzen)", "undefined alias (quote text starting with *)"),
    "yaml_not_mapping": (
        "Die Datei muss aus Feldern der Form „feld: wert“ bestehen",
        "the file must consist of fields of the form \"field: value\"",
    ),
    "yaml_bad_key": ("Ungültiger Feldname (Feldnamen sind einfache Wörter)", "invalid field name (field names are plain words)"),
    "duplicate_key": (
        "Feld steht doppelt, zuerst in Zeile {first_line} (eines der beiden löschen)",
        "field given twice, first on line {first_line} (delete one of them)",
    ),
    "bad_slug": (
        "Der Name „{slug}“ ist als Adresse ungeeignet (nur Kleinbuchstaben a-z, Ziffern und Bindestriche, z. B. „senioren-cafe“)",
        "the name \"{slug}\" cannot be used in addresses (only lower-case a-z, digits and hyphens, e.g. \"senior-cafe\")",
    ),
    "site_missing": ("site.yaml fehlt (aus dem Beispielinhalt kopieren)", "site.yaml is missing (copy it from the example content)"),
    "centre_file_missing": (
        "Im Ordner des Zentrums „{slug}“ fehlt centre.yaml (mit „knz new centre {slug}“ anlegen)",
        "centre.yaml is missing in the folder of centre \"{slug}\" (create it with \"knz new centre {slug}\")",
    ),
    "not_markdown": ("Datei wird ignoriert: Angebote sind .md-Dateien", "file ignored: offerings are .md files"),
    # typed fields
    "missing": ("Pflichtfeld fehlt (bitte ergänzen)", "required field is missing (please add it)"),
    "unknown_field": ("unbekanntes Feld{suggestion_text} (Schreibweise prüfen oder Feld entfernen)", "unknown field{suggestion_text} (check the spelling or remove the field)"),
    "wrong_type_text": ("„{input}“ ist kein Text (Text angeben)", "\"{input}\" is not text (give a text)"),
    "wrong_type_number": ("„{input}“ ist keine Zahl (z. B. 3.5)", "\"{input}\" is not a number (e.g. 3.5)"),
    "wrong_type_integer": ("„{input}“ ist keine ganze Zahl (z. B. 12)", "\"{input}\" is not a whole number (e.g. 12)"),
    "wrong_type_bool": ("„{input}“ ist weder true noch false (true oder false schreiben)", "\"{input}\" is neither true nor false (write true or false)"),
    "wrong_type_list": ("hier wird eine Liste erwartet (z. B. [a, b] oder Zeilen mit „- “)", "a list is expected here (e.g. [a, b] or lines starting with \"- \")"),
    "wrong_type_mapping": ("hier werden Unterfelder erwartet (eingerückt in den nächsten Zeilen)", "sub-fields are expected here (indented on the following lines)"),
    "date": ("„{input}“ ist kein gültiges Datum (Form JJJJ-MM-TT, z. B. 2027-03-09)", "\"{input}\" is not a valid date (form YYYY-MM-DD, e.g. 2027-03-09)"),
    "too_small": ("{input} ist zu klein (mindestens {limit})", "{input} is too small (at least {limit})"),
    "too_large": ("{input} ist zu groß (höchstens {limit})", "{input} is too large (at most {limit})"),
    "too_short": ("die Liste ist leer (mindestens einen Eintrag angeben)", "the list is empty (give at least one entry)"),
    "choice": ("„{input}“ ist nicht erlaubt{suggestion_text} (erlaubt: {expected})", "\"{input}\" is not allowed{suggestion_text} (allowed: {expected})"),
    "choice_or_mapping": (
        "„{input}“ ist nicht erlaubt (erlaubt: {expected}, oder Unterfelder wie {example})",
        "\"{input}\" is not allowed (allowed: {expected}, or sub-fields like {example})",
    ),
    "change_twice": (
        "für den {input} gibt es schon eine Änderung in Zeile {first_line} (beide zu einer zusammenfassen)",
        "there is already a change for {input} on line {first_line} (merge the two into one)",
    ),
    "unknown_room_none": (
        "„{input}“ ist kein Raum dieses Zentrums (in centre.yaml sind keine Räume eingetragen)",
        "\"{input}\" is not a room of this centre (centre.yaml lists no rooms)",
    ),
    "step_free_entrance": (
        "das Angebot ist als stufenlos markiert, aber der Eingang des Hauses hat Stufen (Angabe im Angebot oder in centre.yaml prüfen)",
        "the offering is marked step-free but the entrance of the house has steps (check the offering or centre.yaml)",
    ),
    "change_time_all_day": (
        "ein ganztägiger Termin hat keine Uhrzeit (time entfernen oder in der Regel eine Uhrzeit statt all_day angeben)",
        "an all-day date has no time (remove time, or give the rule a time instead of all_day)",
    ),
    "pattern": ("„{input}“ hat nicht die erwartete Form", "\"{input}\" does not have the expected form"),
    "postcode": ("„{input}“ ist keine Postleitzahl (fünf Ziffern in Anführungszeichen, z. B. \"01127\")", "\"{input}\" is not a postcode (five digits in quotes, e.g. \"01127\")"),
    "invalid": ("ungültiger Wert: {detail}", "invalid value: {detail}"),
    "text_empty": ("der Text ist leer (Text eintragen oder Feld entfernen)", "the text is empty (add text or remove the field)"),
    "text_type": ("hier wird ein Text erwartet, oder je Sprache ein Text (de: …, en: …)", "a text is expected, or one text per language (de: …, en: …)"),
    "language_code": ("„{input}“ ist kein Sprachcode (zweibuchstabig, z. B. de, en, ar, uk)", "\"{input}\" is not a language code (two letters, e.g. de, en, ar, uk)"),
    "slug": ("„{input}“ ist kein gültiger Schlüssel (Kleinbuchstaben, Ziffern, Bindestriche)", "\"{input}\" is not a valid key (lower-case letters, digits, hyphens)"),
    "time_range": ("„{input}“ ist keine Uhrzeitspanne (Form 14:00-16:00)", "\"{input}\" is not a time range (form 14:00-16:00)"),
    "time_invalid": ("„{input}“ enthält keine gültige Uhrzeit (Stunden 0-23, Minuten 0-59)", "\"{input}\" contains an invalid time (hours 0-23, minutes 0-59)"),
    "time_end_before_start": (
        "in „{input}“ liegt das Ende vor dem Beginn (Form Beginn-Ende; über Mitternacht geht nicht)",
        "in \"{input}\" the end is before the start (form start-end; past midnight is not possible)",
    ),
    "weekday": ("„{input}“ ist kein Wochentag{suggestion_text} (monday … sunday)", "\"{input}\" is not a weekday{suggestion_text} (monday … sunday)"),
    "monthly_day": (
        "„{input}“ ist keine Angabe wie „2nd wednesday“{suggestion_text} (1st, 2nd, 3rd, 4th, 5th oder last, dann der Wochentag)",
        "\"{input}\" is not a position like \"2nd wednesday\"{suggestion_text} (1st, 2nd, 3rd, 4th, 5th or last, then the weekday)",
    ),
    "on_list": (
        "„{input}“ sind mehrere Wochentage (als Liste in eckigen Klammern schreiben: [{items}])",
        "\"{input}\" are several days (write them as a list in square brackets: [{items}])",
    ),
    "unknown_page": (
        "„{input}“ ist keine Seite aus content/pages{suggestion_text} (bekannt: {expected})",
        "\"{input}\" is not a page in content/pages{suggestion_text} (known: {expected})",
    ),
    "email": ("„{input}“ ist keine E-Mail-Adresse", "\"{input}\" is not an e-mail address"),
    "timezone": ("„{input}“ ist keine bekannte Zeitzone (z. B. Europe/Berlin)", "\"{input}\" is not a known time zone (e.g. Europe/Berlin)"),
    "base_url": ("„{input}“ ist keine Web-Adresse (mit https:// beginnen)", "\"{input}\" is not a web address (start with https://)"),
    "until_before_from": ("das Ende {end} liegt vor dem Beginn {start} (Daten tauschen)", "the end {end} is before the start {start} (swap the dates)"),
    "age_order": ("das Höchstalter {end} liegt unter dem Mindestalter {start}", "the maximum age {end} is below the minimum age {start}"),
    "rule_kind": (
        "die Regel braucht „repeat: weekly“ oder „repeat: monthly“ mit „on“, oder eine Liste „dates“",
        "the rule needs \"repeat: weekly\" or \"repeat: monthly\" with \"on\", or a list \"dates\"",
    ),
    "rule_on_without_repeat": ("„on“ gilt nur mit „repeat: weekly“ oder „repeat: monthly“ (repeat ergänzen)", "\"on\" needs \"repeat: weekly\" or \"repeat: monthly\" (add repeat)"),
    "rule_on_missing": ("bei „repeat: {repeat}“ fehlt „on“ (z. B. on: [tuesday] oder on: [2nd wednesday])", "\"repeat: {repeat}\" needs \"on\" (e.g. on: [tuesday] or on: [2nd wednesday])"),
    "rule_on_weekly": ("bei „repeat: weekly“ stehen hier nur Wochentage (für „2nd wednesday“ repeat: monthly schreiben)", "\"repeat: weekly\" takes weekdays only (for \"2nd wednesday\" write repeat: monthly)"),
    "rule_on_monthly": ("bei „repeat: monthly“ steht hier z. B. „2nd wednesday“ oder „last friday“", "\"repeat: monthly\" takes e.g. \"2nd wednesday\" or \"last friday\""),
    "rule_time_missing": ("die Uhrzeit fehlt (time: 14:00-16:00, oder all_day: true für ganztägig)", "the time is missing (time: 14:00-16:00, or all_day: true for all day)"),
    "rule_time_and_all_day": ("„time“ und „all_day: true“ schließen sich aus (eines entfernen)", "\"time\" and \"all_day: true\" exclude each other (remove one)"),
    "change_cancelled_and_moved": ("ein Termin kann nicht zugleich abgesagt und verlegt sein", "a date cannot be both cancelled and moved"),
    "change_empty": (
        "die Änderung ändert nichts (cancelled: true, moved_to, time oder room angeben)",
        "the change changes nothing (give cancelled: true, moved_to, time or room)",
    ),
    # references between files
    "unknown_district": ("„{input}“ ist kein Stadtteil aus site.yaml{suggestion_text} (bekannt: {expected})", "\"{input}\" is not a district from site.yaml{suggestion_text} (known: {expected})"),
    "unknown_category": ("„{input}“ ist keine Kategorie aus site.yaml{suggestion_text} (bekannt: {expected})", "\"{input}\" is not a category from site.yaml{suggestion_text} (known: {expected})"),
    "unknown_audience": ("„{input}“ ist keine Zielgruppe aus site.yaml{suggestion_text} (bekannt: {expected})", "\"{input}\" is not an audience from site.yaml{suggestion_text} (known: {expected})"),
    "unknown_room": ("„{input}“ ist kein Raum dieses Zentrums{suggestion_text} (bekannt: {expected})", "\"{input}\" is not a room of this centre{suggestion_text} (known: {expected})"),
    "unknown_provider": (
        "„{input}“ ist weder der Träger noch ein Partner dieses Zentrums{suggestion_text} (bekannt: {expected})",
        "\"{input}\" is neither the operator nor a partner of this centre{suggestion_text} (known: {expected})",
    ),
    "unknown_closure": (
        "„{input}“ ist kein Schließkalender aus content/closures{suggestion_text} (bekannt: {expected})",
        "\"{input}\" is not a closure calendar in content/closures{suggestion_text} (known: {expected})",
    ),
    "holidays_unknown": ("keine Feiertage bekannt für {input} (Länder- und Landescode prüfen, z. B. DE und SN)", "no holidays known for {input} (check country and state code, e.g. DE and SN)"),
    "duplicate_id_line": (
        "der Schlüssel „{input}“ wird auch in Zeile {first_line} verwendet (Schlüssel müssen eindeutig sein)",
        "the key \"{input}\" is also used on line {first_line} (keys must be unique)",
    ),
    "duplicate_id": ("der Schlüssel „{input}“ wird auch in {other} verwendet (Schlüssel müssen eindeutig sein)", "the key \"{input}\" is also used in {other} (keys must be unique)"),
    "outside_programme": (
        "{input} liegt außerhalb des Programmzeitraums {start} bis {end} (Datum prüfen)",
        "{input} lies outside the programme period {start} to {end} (check the date)",
    ),
    "change_not_occurrence": (
        "am {input} findet laut Terminplan kein Termin statt{suggestion_text} (Datum prüfen)",
        "there is no date on {input} in the schedule{suggestion_text} (check the date)",
    ),
    "except_not_occurrence": (
        "{input} ist kein Termin dieser Regel{suggestion_text} (Datum prüfen)",
        "{input} is not a date of this rule{suggestion_text} (check the date)",
    ),
    "no_occurrences": ("der Terminplan ergibt keinen einzigen Termin (Regeln und Zeitraum prüfen)", "the schedule yields no date at all (check the rules and period)"),
    # warnings
    "room_double_booked": (
        "Raum „{room}“ ist am {date} doppelt belegt: {time} auch durch „{other}“ ({other_time})",
        "room \"{room}\" is double-booked on {date}: {time} also by \"{other}\" ({other_time})",
    ),
    "step_free_room": (
        "das Angebot ist als stufenlos markiert, aber Raum „{room}“ ist nicht barrierefrei (Raum oder Angabe prüfen)",
        "the offering is marked step-free but room \"{room}\" is not barrier-free (check room or claim)",
    ),
    "no_contact": (
        "weder das Angebot noch das Zentrum nennen Telefon oder E-Mail (contact ergänzen)",
        "neither the offering nor the centre gives a phone or e-mail (add contact)",
    ),
    "image_no_alt": (
        "Bild „{input}“ ohne Alternativtext (beschreiben, was das Bild zeigt)",
        "image \"{input}\" has no alt text (describe what the picture shows)",
    ),
    "image_missing": (
        "das Bild „{input}“ gibt es nicht (Pfad relativ zum Ordner content angeben, z. B. bilder/haus.jpg)",
        "the picture \"{input}\" does not exist (give the path relative to the content folder, e.g. bilder/haus.jpg)",
    ),
    "image_outside": (
        "„{input}“ liegt nicht im Ordner content (Bild in content/bilder legen und Pfad wie bilder/haus.jpg angeben)",
        "\"{input}\" is not inside the content folder (put the picture in content/bilder and write e.g. bilder/haus.jpg)",
    ),
    "image_type": (
        "„{input}“ ist kein Bildformat, das wir zeigen (JPEG, PNG, WebP, GIF oder AVIF verwenden)",
        "\"{input}\" is not a picture format we show (use JPEG, PNG, WebP, GIF or AVIF)",
    ),
    "all_past": (
        "alle Termine liegen in der Vergangenheit (letzter: {input}) (Termine aktualisieren oder Angebot entfernen)",
        "all dates lie in the past (last: {input}) (update the dates or remove the offering)",
    ),
    "moved_onto_skipped": (
        "der Termin wird auf den {input} verlegt, an dem die Regel sonst aussetzt ({reason}) (Datum prüfen)",
        "the date is moved to {input}, a day the rule otherwise leaves out ({reason}) (check the date)",
    ),
    "cancelled_no_reason": (
        "Absage ohne Grund (reason ergänzen, damit Besucher wissen, warum)",
        "cancellation without a reason (add reason so residents know why)",
    ),
}


SUGGESTION = ("; meinten Sie „{suggestion}“?", "; did you mean \"{suggestion}\"?")


def render_message(code: str, params: dict[str, object], lang: str = "de") -> str:
    index = 1 if lang == "en" else 0
    template = MESSAGES.get(code, ("{code}: {params}", "{code}: {params}"))[index]
    values = {key: ("" if value is None else value) for key, value in params.items()}
    suggestion = values.get("suggestion")
    values["suggestion_text"] = SUGGESTION[index].format(suggestion=suggestion) if suggestion else ""
    values.setdefault("code", code)
    values.setdefault("params", params)

    class _Default(dict):
        def __missing__(self, key: str) -> str:
            return "?"

    return template.format_map(_Default(values))
