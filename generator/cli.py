"""The ``knz`` command: check, build, serve, new, schema. It only calls the pipeline."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .build import build, check, default_today
from .problems import ContentError, Problem
from .write import UnsafeOutputError

TEXTS = {
    "de": {
        "summary_ok": "Keine Fehler gefunden.",
        "errors": "{errors} Fehler, {warnings} {warning_word}.",
        "warning_words": ("Warnung", "Warnungen"),
        "built": "Gebaut: {centres}, {offerings}, {occurrences}, {pages}, {feeds} in {seconds:.1f} s → {output}",
        "nouns": {
            "centres": ("Zentrum", "Zentren"), "offerings": ("Angebot", "Angebote"),
            "occurrences": ("Termin", "Termine"), "pages": ("Seite", "Seiten"), "feeds": ("Feed", "Feeds"),
        },
        "not_built": "Nicht gebaut: Der bisherige Ausgabeordner bleibt unverändert.",
        "open": "Zum Ansehen: {path}",
        "overlaps_content": "Ausgabeordner {output} und Inhaltsordner {other} überschneiden sich: beim Bauen würde der Inhalt gelöscht (einen eigenen Ordner wählen, z. B. --output output)",
        "foreign_files": "Der Ausgabeordner {output} enthält Dateien, die nicht von knz stammen; knz ersetzt beim Bauen den ganzen Ordner und baut deshalb nicht (einen leeren oder neuen Ordner wählen, oder diesen leeren)",
        "not_a_folder": "{output} ist eine Datei, kein Ordner (einen anderen Ausgabeordner wählen)",
    },
    "en": {
        "summary_ok": "No errors found.",
        "errors": "{errors} {error_word}, {warnings} {warning_word}.",
        "error_words": ("error", "errors"),
        "warning_words": ("warning", "warnings"),
        "built": "Built: {centres}, {offerings}, {occurrences}, {pages}, {feeds} in {seconds:.1f} s → {output}",
        "nouns": {
            "centres": ("centre", "centres"), "offerings": ("offering", "offerings"),
            "occurrences": ("date", "dates"), "pages": ("page", "pages"), "feeds": ("feed", "feeds"),
        },
        "not_built": "Not built: the previous output folder is left unchanged.",
        "open": "To view: {path}",
        "overlaps_content": "output folder {output} and content folder {other} overlap: building would delete the content (choose a folder of its own, e.g. --output output)",
        "foreign_files": "the output folder {output} holds files knz did not write; a build replaces the whole folder, so knz does not build (choose an empty or new folder, or empty this one)",
        "not_a_folder": "{output} is a file, not a folder (choose another output folder)",
    },
}


def _today(value: str | None) -> date:
    if value is None:
        return default_today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--today: {value!r} is not a date YYYY-MM-DD") from None


def _print_problems(problems: list[Problem], lang: str, strict: bool) -> int:
    errors = [p for p in problems if p.severity == "error" or strict]
    warnings = [p for p in problems if p.severity == "warning" and not strict]
    for problem in problems:
        print(problem.message(lang), file=sys.stderr)
    texts = TEXTS[lang]
    error_words = texts.get("error_words", ("", ""))
    warning_words = texts["warning_words"]
    print(
        texts["errors"].format(
            errors=len(errors),
            warnings=len(warnings),
            error_word=error_words[len(errors) != 1],
            warning_word=warning_words[len(warnings) != 1],
        ),
        file=sys.stderr,
    )
    return len(errors)


def cmd_check(args: argparse.Namespace) -> int:
    result = check(args.content, _today(args.today))
    if not result.problems:
        print(TEXTS[args.lang]["summary_ok"])
        return 0
    errors = _print_problems(result.problems, args.lang, args.strict)
    return 1 if errors else 0


def cmd_build(args: argparse.Namespace) -> int:
    try:
        summary = build(args.content, args.output, _today(args.today), strict=args.strict)
    except ContentError as exc:
        _print_problems(exc.problems, args.lang, args.strict)
        print(TEXTS[args.lang]["not_built"], file=sys.stderr)
        return 1
    except UnsafeOutputError as exc:
        print("knz build: " + TEXTS[args.lang][exc.code].format(output=exc.output, other=exc.other), file=sys.stderr)
        return 2
    if summary.warnings:
        _print_problems(summary.warnings, args.lang, False)
    texts = TEXTS[args.lang]
    counted = {
        key: f"{getattr(summary, key)} {words[getattr(summary, key) != 1]}" for key, words in texts["nouns"].items()
    }
    print(texts["built"].format(output=args.output, seconds=summary.seconds, **counted))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import new_centre, new_offering

    try:
        if args.kind == "centre":
            written = new_centre(args.content, args.slug)
        else:
            written = new_offering(args.content, args.centre, args.slug)
    except (FileExistsError, FileNotFoundError, ValueError) as exc:
        print(f"knz new: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(args.content, args.output, args.today, args.host, args.port, args.lang)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="knz",
        description="Website und Kalender-Feeds für Kultur- und Nachbarschaftszentren / "
        "website and calendar feeds for neighbourhood centres",
    )
    sub = top.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
        p.add_argument("--today", help="YYYY-MM-DD: what counts as upcoming (default: SOURCE_DATE_EPOCH or today)")
        p.add_argument("--lang", choices=["de", "en"], default="de", help="language of messages (default: de)")
        p.add_argument("--strict", action="store_true", help="treat warnings as errors")

    p = sub.add_parser("check", help="check the content and report every problem")
    common(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("build", help="build the website and feeds")
    common(p)
    p.add_argument("--output", type=Path, default=Path("output"), help="output folder (default: output)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="build, serve on localhost and rebuild on every change")
    common(p)
    p.add_argument("--output", type=Path, default=Path("output"))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("new", help="write a commented starter file")
    new_sub = p.add_subparsers(dest="kind", required=True)
    c = new_sub.add_parser("centre", help="knz new centre SLUG")
    c.add_argument("slug")
    c.add_argument("--content", type=Path, default=Path("content"))
    o = new_sub.add_parser("offering", help="knz new offering CENTRE SLUG")
    o.add_argument("centre")
    o.add_argument("slug")
    o.add_argument("--content", type=Path, default=Path("content"))
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("schema", help="write JSON Schema files for editor autocompletion")
    p.add_argument("--out", type=Path, default=Path("schema"), help="folder (default: schema)")
    p.set_defaults(func=cmd_schema)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except argparse.ArgumentTypeError as exc:
        print(f"knz: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
