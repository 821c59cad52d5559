"""Problems found in content: one record each, collected and reported together.

A problem names the file, line and column, the field, what is wrong and a hint how to fix it.
Messages are built from keyed templates in German and English (see ``messages.py``), so the
same check speaks the editor's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .messages import render_message

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, with everything needed to find and fix it."""

    path: str
    line: int
    column: int
    field: str
    code: str
    params: tuple[tuple[str, object], ...] = ()
    severity: Severity = "error"

    def message(self, lang: str = "de") -> str:
        """The one-line report: ``path:line:column: field: what is wrong (hint)``."""
        text = render_message(self.code, dict(self.params), lang)
        where = f"{self.path}:{self.line}:{self.column}"
        prefix = ""
        if self.severity == "warning":
            prefix = "Warnung: " if lang == "de" else "warning: "
        if self.field:
            return f"{where}: {prefix}{self.field}: {text}"
        return f"{where}: {prefix}{text}"


@dataclass
class ProblemList:
    """Collects problems while loading and validating; never raises on the first one."""

    root: Path
    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        path: Path | str,
        line: int,
        column: int,
        field_name: str,
        code: str,
        severity: Severity = "error",
        **params: object,
    ) -> None:
        self.items.append(
            Problem(
                path=self.relative(path),
                line=line,
                column=column,
                field=field_name,
                code=code,
                params=tuple(sorted(params.items())),
                severity=severity,
            )
        )

    def relative(self, path: Path | str) -> str:
        # Relative to the working directory, as compilers do, so terminals and editors can
        # open the spot; absolute when the file lies elsewhere.
        path = Path(path).resolve()
        try:
            return path.relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def sorted(self) -> list[Problem]:
        # Deduplicate: the same problem can be reached by two checks.
        return sorted(set(self.items), key=lambda p: (p.path, p.line, p.column, p.field, p.code))


class ContentError(Exception):
    """Raised by the pipeline when content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in content")
        self.problems = problems
