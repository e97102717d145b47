"""Problems found in the data, with where they are and how to fix them.

Every stage reports :class:`Problem` objects instead of raising on the first error, so
``claimgraph check`` can list all of them at once.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Literal, NamedTuple

Severity = Literal["error", "warning", "info"]


class Location(NamedTuple):
    """A place in a file. ``line`` and ``column`` are 1-based; 0 means unknown.

    A named tuple, not a frozen dataclass: the YAML reader makes one for every key and value
    (millions in a large project), and a tuple is made faster.
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
        """One line (and the detail's lines, indented); values from the data cannot break the line,
        move the cursor or start a CI workflow command (see :func:`safe_line`)."""
        text = f"{self.location}: {self.severity}: {self.message}"
        if self.hint:
            text += f" (fix: {self.hint})"
        lines = [safe_line(text)]
        if self.detail:
            lines += [safe_line("    " + line) for line in self.detail.rstrip("\n").splitlines()]
        return "\n".join(lines)

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


def with_path_prefix(problems: Iterable[Problem], prefix: str) -> list[Problem]:
    """The problems with ``prefix`` (a folder ending in ``/``) before every project-relative path:
    paths relative to the repository's top when the project is one of its folders."""
    if not prefix:
        return list(problems)
    return [p if not p.location.path or Path(p.location.path).is_absolute()
            else replace(p, location=p.location._replace(path=prefix + p.location.path)) for p in problems]


def relative_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` when inside it, for messages people click on."""
    try:
        return path.resolve().relative_to(resolved(root)).as_posix()
    except ValueError:
        pass
    try:  # a link inside the project to somewhere else: the link's own name
        return path.absolute().relative_to(root.absolute()).as_posix()
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


#: control characters (C0 but tab, DEL, C1), invisible ones and the bidirectional overrides that reorder
#: what a terminal shows (a tab is kept: diffs of expected TSV answers hold them)
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def quoted(value: object, limit: int = 120) -> str:
    """``value`` for a message: quoted and escaped like Python's repr (no raw control or
    direction characters), and cut after ``limit`` characters."""
    text = str(value)
    return repr(text) if len(text) <= limit else repr(text[:limit]) + "..."


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\n``, ``\\x1b``, ``\\u202e``),
    so a value from the data shows as what it is and cannot act on the terminal."""
    return _UNPRINTABLE.sub(_escaped, text)


def _escaped(match: re.Match) -> str:
    char = match.group(0)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    if named:
        return named
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def safe_line(text: str) -> str:
    """:func:`printable`, and never beginning with ``::`` (a GitHub Actions workflow command)."""
    text = printable(text)
    stripped = text.lstrip()
    if stripped.startswith("::"):
        at = len(text) - len(stripped)
        text = text[:at] + "\\x3a" + text[at + 1:]
    return text


def _gh_escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_property(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")
