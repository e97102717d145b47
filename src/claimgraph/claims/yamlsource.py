"""Read YAML so that every value remembers where it was written.

Scalars stay strings (YAML 1.1 would turn ``no`` into ``False`` and ``2023`` into an int);
the claim schema parses each field itself, so a wrong value gets a message about that
field. Aliases are refused: they are the "billion laughs" memory bomb, and claim files
never need them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from claimgraph.paths import UnsafePathError, read_file
from claimgraph.problems import Location

MAX_FILE_BYTES = 10 * 1024 * 1024


class YamlSourceError(Exception):
    """A YAML file that cannot be read; carries where and how to fix it."""

    def __init__(self, location: Location, message: str, hint: str = ""):
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message
        self.hint = hint


class YStr(str):
    """A string scalar with its location."""

    loc: Location


@dataclass
class YNull:
    """An empty or ``null`` scalar, with its location."""

    loc: Location


class YMap(dict):
    """A mapping with its location and the location of each key."""

    loc: Location
    key_locs: dict[str, Location]


class YList(list):
    """A sequence with its location."""

    loc: Location


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(AliasEvent):
            event = self.peek_event()
            mark = event.start_mark
            raise YamlSourceError(
                Location(self.name, mark.line + 1, mark.column + 1),
                f"YAML alias '*{event.anchor}' is not allowed",
                "write the value out in full; aliases can expand to huge documents",
            )
        return super().compose_node(parent, index)


def read_yaml(path: Path, display: str, *, root: Path | None = None) -> object:
    """Parse one YAML document from ``path`` into YMap / YList / YStr / YNull values.

    With ``root``, a file that leads outside that project (a symbolic link) is refused; a
    FIFO, device or folder always is (see :func:`claimgraph.paths.read_file`).

    Raises:
        YamlSourceError: unreadable file, not UTF-8, malformed YAML (with line and
            column), aliases, several documents, nesting deeper than :data:`MAX_DEPTH` levels, or a file
            over :data:`MAX_FILE_BYTES`.
    """
    try:
        raw = read_file(path, root)
    except FileNotFoundError:
        raise YamlSourceError(Location(display), "file not found", "check the path") from None
    except UnsafePathError as exc:
        raise YamlSourceError(Location(display), f"not read: {exc}",
                              "replace it with a regular file inside the project") from None
    except OSError as exc:
        raise YamlSourceError(Location(display), f"cannot read file: {exc.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise YamlSourceError(Location(display), f"file is larger than {MAX_FILE_BYTES} bytes",
                              "split it into one file per article")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlSourceError(Location(display, line), "file is not valid UTF-8",
                              "save the file as UTF-8") from None
    try:
        return _read_text(text, display)
    except RecursionError:
        raise YamlSourceError(_too_deep(text, display), f"YAML nested deeper than {MAX_DEPTH} levels",
                              "a claim file needs only a few levels; flatten the structure") from None


#: nesting beyond this is refused (found after the fact: reading is recursive)
MAX_DEPTH = 100


def _too_deep(text: str, display: str) -> Location:
    """Where the nesting first goes past :data:`MAX_DEPTH` (the parser's events are flat)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_CLoader or yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH and event.start_mark is not None:  # (a parsed event has its mark)
                    return Location(display, event.start_mark.line + 1, event.start_mark.column + 1)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return Location(display)


def _read_text(text: str, display: str) -> object:
    node = _compose_with_libyaml(text)
    if node is not None:
        return _convert(node, display)
    loader = _NoAliasLoader(text)
    loader.name = display
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
        what = " ".join(filter(None, [exc.context, exc.problem]))
        raise YamlSourceError(where, f"malformed YAML: {what}",
                              "check indentation, and quote text that contains ': ' or '#'") from None
    except yaml.YAMLError as exc:
        raise YamlSourceError(Location(display), f"malformed YAML: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        return YNull(Location(display, 1, 1))
    return _convert(node, display)


_CLoader = getattr(yaml, "CSafeLoader", None)


def load_plain(text: str, display: str, lines: list[int] | None = None) -> object:
    """``yaml.safe_load`` of a small document (a saved query's ``#+`` header), without aliases,
    merge keys or deep nesting. ``lines``: the file line of each line of ``text``, for messages.

    Raises:
        YamlSourceError: malformed YAML, an alias, or nesting deeper than :data:`MAX_DEPTH`.
    """
    def where(mark) -> Location:
        if mark is None:
            return Location(display)
        if lines is None:
            return Location(display, mark.line + 1, mark.column + 1)
        # the text's lines are parts of the file's lines: a column would mislead
        return Location(display, lines[min(mark.line, len(lines) - 1)] if lines else 1)

    loader = _NoAliasLoader(text)
    loader.name = display
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise YamlSourceError(where(None), f"YAML nested deeper than {MAX_DEPTH} levels") from None
        except YamlSourceError as exc:  # an alias: its line in the file, not in the header
            raise YamlSourceError(where(_Mark(exc.location.line - 1, exc.location.column - 1)),
                                  exc.message, exc.hint) from None
        except yaml.MarkedYAMLError as exc:
            what = " ".join(filter(None, [exc.context, exc.problem]))
            raise YamlSourceError(where(exc.problem_mark or exc.context_mark), f"malformed YAML: {what}") from None
        if node is None:
            return None
        _refuse_deep(node, display, where)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise YamlSourceError(where(None), f"malformed YAML: {' '.join(str(exc).split())}") from None
    finally:
        loader.dispose()


@dataclass
class _Mark:
    line: int
    column: int


def _refuse_deep(node: Node, display: str, where) -> None:
    pending = [(node, 1)]
    while pending:
        current, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise YamlSourceError(where(current.start_mark), f"YAML nested deeper than {MAX_DEPTH} levels")
        if isinstance(current, SequenceNode):
            pending += [(item, depth + 1) for item in current.value]
        elif isinstance(current, MappingNode):
            for key, value in current.value:
                if isinstance(key, ScalarNode) and key.value == "<<":
                    raise YamlSourceError(where(key.start_mark), "YAML merge keys ('<<') are not allowed",
                                          "write the fields out in full")
                pending += [(key, depth + 1), (value, depth + 1)]


def _compose_with_libyaml(text: str) -> Node | None:
    """Compose with libyaml (C, much faster) when that cannot change the outcome.

    Only for text without ``&`` or ``*`` (so no anchors or aliases to refuse) that libyaml
    reads without error; otherwise None, and the pure-Python loader runs, which gives the
    exact messages for aliases and malformed YAML.
    """
    if _CLoader is None or "&" in text or "*" in text or not text.strip():
        return None
    try:
        return yaml.compose(text, Loader=_CLoader)
    except yaml.YAMLError:
        return None


def _loc(node: Node, display: str) -> Location:
    return Location(display, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: Node, display: str) -> object:
    loc = _loc(node, display)
    if isinstance(node, ScalarNode):
        if node.tag == "tag:yaml.org,2002:null" and not node.style:  # plain: None (Python) or "" (libyaml)
            return YNull(loc)
        value = YStr(node.value)
        value.loc = loc
        return value
    if isinstance(node, SequenceNode):
        items = YList(_convert(item, display) for item in node.value)
        items.loc = loc
        return items
    if isinstance(node, MappingNode):
        mapping = YMap()
        mapping.loc = loc
        mapping.key_locs = {}
        for key_node, value_node in node.value:
            key_loc = _loc(key_node, display)
            if not isinstance(key_node, ScalarNode):
                raise YamlSourceError(key_loc, "a mapping key must be a plain name")
            key = key_node.value
            if key == "<<":
                raise YamlSourceError(key_loc, "YAML merge keys ('<<') are not allowed",
                                      "write the fields out in full")
            if key in mapping:
                raise YamlSourceError(key_loc, f"duplicate key '{key}'",
                                      f"remove one of the '{key}' entries")
            mapping[key] = _convert(value_node, display)
            mapping.key_locs[key] = key_loc
        return mapping
    raise YamlSourceError(loc, "unsupported YAML node")  # pragma: no cover - PyYAML has three


def location_of(value: object, default: Location) -> Location:
    return getattr(value, "loc", default)
