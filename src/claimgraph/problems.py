"""Problems found in the data, with where they are and how to fix them.

Every stage reports :class:`Problem` objects instead of raising on the first error, so
``claimgraph check`` can list all of them at once.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Literal, NamedTuple

Severity = Literal["error", "warning", "info"]


class Location(NamedTuple):
    """A place in a file. ``line`` and ``column`` are 1-based; 0 means unknown.

    A named tuple, not a frozen dataclass: the YAML reader makes one for every key and value
    (about 4 million at 100,000 claims), and a tuple is made in half the time.
    """

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.path}:{self.line}:{self.column}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: what, where, and how to fix it."""

    location: Location
    message: str
    hint: str = ""
    severity: Severity = "error"
    code: str = ""
    #: optional multi-line detail, such as a diff, printed below the one-line message
    detail: str = ""

    def as_text(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message}"
        if self.hint:
            text += f" (fix: {self.hint})"
        if self.detail:
            text += "\n" + "\n".join("    " + line for line in self.detail.rstrip("\n").splitlines())
        return text

    def as_github(self) -> str:
        level = {"error": "error", "warning": "warning", "info": "notice"}[self.severity]
        props = [f"file={_gh_escape_property(self.location.path)}"]
        if self.location.line:
            props.append(f"line={self.location.line}")
        if self.location.column:
            props.append(f"col={self.location.column}")
        if self.code:
            props.append(f"title={_gh_escape_property(self.code)}")
        body = self.message + (f" Fix: {self.hint}" if self.hint else "")
        if self.detail:
            body += "\n" + self.detail
        return f"::{level} {','.join(props)}::{_gh_escape_data(body)}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["location"] = self.location._asdict()
        return data


@dataclass
class ProblemList:
    """Problems collected across stages, in the order they were found."""

    items: list[Problem] = field(default_factory=list)

    def add(self, location: Location, message: str, hint: str = "", *,
            severity: Severity = "error", code: str = "") -> None:
        self.items.append(Problem(location, message, hint, severity, code))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def format_problems(problems: Iterable[Problem], fmt: str) -> str:
    """Render problems as ``text`` (one per line), ``github`` annotations or ``json``."""
    problems = list(problems)
    if fmt == "json":
        return json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(p.as_github() for p in problems)
    return "\n".join(p.as_text() for p in problems)


def relative_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` when inside it, for messages people click on."""
    try:
        return path.resolve().relative_to(resolved(root)).as_posix()
    except ValueError:
        return str(path)


def resolved(root: Path) -> Path:
    """``root.resolve()``, cached for the process when ``root`` is absolute: a project root is
    resolved for every claim file and article text (two to five ``lstat`` calls each time).
    A relative root depends on the working directory, so it is resolved every time."""
    return _resolved_absolute(root) if root.is_absolute() else root.resolve()


@lru_cache(maxsize=16)
def _resolved_absolute(root: Path) -> Path:
    return root.resolve()


def _gh_escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_property(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")
