"""Saved SPARQL queries (``queries/NAME.rq``) with metadata in grlc's header syntax.

grlc itself cannot serve them: they rely on the dataset the SPARQL protocol's
``default-graph-uri`` parameters name (ontology, asserted and inferred graphs), which
``claimgraph query`` sends and grlc does not.

A query file starts with ``#+ key: value`` lines (YAML) and stays valid SPARQL::

    #+ summary: Holders of a company's shares, largest first.
    #+ tags: [ownership]
    #+ parameters:
    #+   company: {description: The company, example: Mistral AI}
    SELECT ... WHERE { ?s cg:shareIn ?_company_iri ... }

Parameter variables follow the grlc/BASIL convention: ``?_name_iri`` is required,
``?__name_iri`` optional; the suffix gives the kind (``_iri``, ``_xsd_date``, ``_literal``
or none for a plain string). Values are bound as RDF terms in a ``VALUES`` block placed
at the start of the outermost ``WHERE`` group; they are never pasted into the query text,
so ``" } ; DROP ALL #`` is a plain string that matches nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from claimgraph.problems import quoted
from claimgraph.paths import UnsafePathError, display_path, read_file
from claimgraph.claims.yamlsource import YamlSourceError, load_plain

HEADER_KEYS = {"summary", "description", "tags", "parameters", "defaults", "check",
               "endpoint", "method", "pagination", "enumerate", "endpoint_in_url", "transform"}
QUERY_DIR = Path("queries")
_PARAM_VAR = re.compile(r"\?(__?)([A-Za-z][A-Za-z0-9]*)((?:_iri|_literal|_xsd_[A-Za-z]+|_[a-z]{2}))?\b")
XSD = "http://www.w3.org/2001/XMLSchema#"


class QueryError(Exception):
    """A saved query that cannot be used: bad metadata, bad syntax, unknown name (exit 2)."""


@dataclass(frozen=True)
class QueryParam:
    name: str
    variable: str
    required: bool
    kind: str  # "iri" | "literal" | "string" | "lang:xx" | "xsd:<type>"
    description: str = ""
    example: str | None = None
    default: str | None = None


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    text: str
    summary: str
    form: str  # SELECT | CONSTRUCT | ASK | DESCRIBE
    description: str = ""
    tags: tuple[str, ...] = ()
    params: tuple[QueryParam, ...] = ()
    is_check: bool = False
    #: rows per page (grlc's ``#+ pagination: N``): a listing of the whole graph, shown page by page
    pagination: int | None = None

    def param(self, name: str) -> QueryParam | None:
        return next((p for p in self.params if p.name == name), None)


#: a saved query larger than this is refused (they are a few kilobytes)
MAX_QUERY_BYTES = 1024 * 1024


def query_files(root: Path) -> list[Path]:
    """The saved queries: ``queries/*.rq``, names not starting with a dot."""
    return sorted(p for p in (root / QUERY_DIR).glob("*.rq") if not p.name.startswith("."))


def list_queries(root: Path) -> list[SavedQuery]:
    return [load_query(p, root) for p in query_files(root)]


def find_query(root: Path, name_or_path: str) -> SavedQuery:
    """A saved query by name (``shareholders``) or by path (``my/query.rq``)."""
    if name_or_path.endswith(".rq"):
        path = Path(name_or_path)
        if not path.exists():
            raise QueryError(f"{name_or_path}: query file not found")
        # a file the user names may be anywhere, but must be a regular file; its header is optional
        return load_query(path, summary_required=False)
    if not _QUERY_NAME.match(name_or_path):
        raise QueryError(f"{quoted(name_or_path)} is not a saved query's name (lower-case words joined by '-', "
                         "or a path ending in .rq); run `claimgraph queries` to list them")
    path = root / QUERY_DIR / f"{name_or_path}.rq"
    if not path.exists():
        names = [p.stem for p in query_files(root)]
        import difflib
        close = difflib.get_close_matches(name_or_path, names, n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "run `claimgraph queries` to list them"
        raise QueryError(f"unknown query '{name_or_path}'; {hint}")
    return load_query(path, root)


_QUERY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")


def load_query(path: Path, root: Path | None = None, *, summary_required: bool = True) -> SavedQuery:
    """Read and check a saved query; with ``root``, a file leading outside that project is refused.

    Raises:
        QueryError: not a regular UTF-8 file, a malformed ``#+`` header, an update, SERVICE or
            LOAD, or a SPARQL syntax error; each names the file and line.
    """
    where = str(path) if root is None else display_path(path, root)
    try:
        raw = read_file(path, root, limit=MAX_QUERY_BYTES)
    except UnsafePathError as exc:
        raise QueryError(f"{where}: not read: {exc}") from None
    except OSError as exc:
        raise QueryError(f"{where}: cannot read the query file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        raise QueryError(f"{where}:{bad_line}: the query file is not valid UTF-8; save it as UTF-8") from None
    return parse_query(text, path, where, summary_required=summary_required)


#: how a query read from standard input, or given with ``-e``, is named in messages
STDIN = "<stdin>"
INLINE = "<-e>"


def query_from_text(text: str, where: str = STDIN) -> SavedQuery:
    """An ad-hoc query (``claimgraph query -`` reads it from standard input, ``-e`` takes it
    inline): checked as a saved query is (no update, no SERVICE or LOAD, the syntax, the
    parameters), but its ``#+`` header, summary included, may be left out."""
    if len(text.encode("utf-8")) > MAX_QUERY_BYTES:
        raise QueryError(f"{where}: the query is larger than {MAX_QUERY_BYTES} bytes")
    return parse_query(text, Path(where), where, summary_required=False)


def _with_prologue(text: str, tokens: list["_Tok"]) -> tuple[str, int]:
    """``text`` with a PREFIX declaration for each project prefix (cg:, cgi:, prov:, xsd:, ...)
    it does not declare itself, and the length of what was put before it. The declarations go on
    its first line, so line numbers in messages stay those of the file."""
    from claimgraph.rdf.namespaces import PREFIXES

    declared = {tokens[i + 1].value for i in range(len(tokens) - 1)
                if tokens[i].kind == "word" and tokens[i].value.upper() == "PREFIX" and tokens[i + 1].kind == "word"}
    prologue = "".join(f"PREFIX {p}: <{ns}> " for p, ns in sorted(PREFIXES.items()) if p not in declared)
    return prologue + text, len(prologue)


def parse_query(text: str, path: Path, where: str, *, summary_required: bool = True) -> SavedQuery:
    """Check a query's text (see :func:`load_query`); ``where`` names it in messages."""
    header_lines, header_numbers = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#+"):
            header_lines.append(line[2:].removeprefix(" "))
            header_numbers.append(number)
        elif line.strip() and not line.startswith("#"):
            break
    try:
        meta = load_plain("\n".join(header_lines), where, header_numbers) or {}
    except YamlSourceError as exc:
        raise QueryError(f"{exc.location}: malformed '#+' header: "
                         f"{exc.message.removeprefix('malformed YAML: ')}") from None
    if not isinstance(meta, dict):
        raise QueryError(f"{where}:1: the '#+' header must be 'key: value' lines")
    unknown = sorted(set(meta) - HEADER_KEYS)
    if unknown:
        raise QueryError(f"{where}:1: unknown header key(s) {', '.join(unknown)}; "
                         f"allowed: {', '.join(sorted(HEADER_KEYS))}")
    summary = meta.get("summary", None if summary_required else "a query from standard input")
    if not isinstance(summary, str) or not summary.strip():
        raise QueryError(f"{where}:1: the header needs '#+ summary: ...'")
    tokens = _significant(text)
    _refuse_service(tokens, text, where)
    form = _query_form(tokens, text, where)  # before the syntax check: an update gets its own message
    text, shift = _with_prologue(text, tokens)
    tokens = _significant(text)
    check_syntax(text, where, first_line_shift=shift)
    params = _params(text, meta, where)
    if params:  # fails early when there is no group to bind them in (DESCRIBE <x> needs none)
        _outer_where(tokens, text, where)
    tags = meta.get("tags") or []
    if not isinstance(tags, list):
        raise QueryError(f"{where}:1: 'tags' must be a list")
    pagination_line = next((n for n, h in zip(header_numbers, header_lines) if h.startswith("pagination:")), 1)
    pagination = _pagination(meta, tokens, text, form, where, pagination_line)
    return SavedQuery(name=path.stem, path=path, text=text, summary=" ".join(summary.split()),
                      form=form, description=" ".join(str(meta.get("description", "")).split()),
                      tags=tuple(map(str, tags)), params=params, is_check=bool(meta.get("check", False)),
                      pagination=pagination)


def _pagination(meta: dict, tokens: list["_Tok"], text: str, form: str, where: str, line: int) -> int | None:
    """The page size of ``#+ pagination: N``, checked: a SELECT whose order is fixed (ORDER BY
    after its WHERE group), without its own LIMIT, OFFSET or trailing VALUES (a page is the query
    with ``LIMIT`` and ``OFFSET`` added at its end)."""
    size = meta.get("pagination")
    if size is None:
        return None
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise QueryError(f"{where}:{line}: 'pagination' must be a whole number of rows per page, such as 100")
    if form != "SELECT":
        raise QueryError(f"{where}:{line}: only a SELECT query can be paginated (this is {form})")
    after = _after_outer_group(tokens)
    if "ORDER" not in after:
        raise QueryError(f"{where}:{line}: a paginated query needs ORDER BY after its WHERE group, so that every "
                         "run shows the same rows on the same page; add ORDER BY with the columns that tell rows apart")
    for word in ("LIMIT", "OFFSET", "VALUES"):
        if word in after:
            raise QueryError(f"{where}:{line}: a paginated query may not end with its own {word} "
                             "(claimgraph adds LIMIT and OFFSET for each page); remove it or the pagination")
    return size


def _after_outer_group(tokens: list["_Tok"]) -> set[str]:
    """The words (upper case, outside groups) after the group of a SELECT's WHERE clause: its
    first group (sub-selects are inside it)."""
    depth, end = 0, len(tokens)
    for index, tok in enumerate(tokens):
        if tok.kind == "brace":
            depth += 1 if tok.value == "{" else -1
            if depth == 0:
                end = index
                break
    words = set()
    for tok in tokens[end + 1:]:
        if tok.kind == "brace":
            depth += 1 if tok.value == "{" else -1
        elif tok.kind == "word" and depth == 0:
            words.add(tok.value.upper())
    return words


def page_text(query: SavedQuery, text: str, page: int) -> str:
    """``text`` (the query, parameters bound) limited to page ``page`` (from 1) and one row more,
    which tells whether a next page exists."""
    if query.pagination is None or page < 1:
        raise ValueError(f"query '{query.name}' has no page {page}")
    return f"{text}\nLIMIT {query.pagination + 1} OFFSET {(page - 1) * query.pagination}\n"


def _params(text: str, meta: dict, where: str) -> tuple[QueryParam, ...]:
    docs = meta.get("parameters") or {}
    if not isinstance(docs, dict):
        raise QueryError(f"{where}:1: 'parameters' must map each parameter name to its description and example")
    defaults: dict[str, str] = {}
    for entry in meta.get("defaults") or []:
        if not isinstance(entry, dict):
            raise QueryError(f"{where}:1: 'defaults' must be a list of 'name: value' entries")
        defaults.update({str(k): str(v) for k, v in entry.items()})
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    found: dict[str, QueryParam] = {}
    for match in _PARAM_VAR.finditer(code):
        underscores, name, suffix = match.groups()
        suffix = suffix or ""
        variable = f"{underscores}{name}{suffix}"
        if name in found:
            if found[name].variable != variable:
                raise QueryError(f"{where}: parameter '{name}' is written two ways "
                                 f"(?{found[name].variable} and ?{variable})")
            continue
        kind = _kind(suffix)
        doc = docs.get(name)
        if not isinstance(doc, dict) or not doc.get("description") or "example" not in doc:
            raise QueryError(f"{where}:1: parameter '{name}' needs '#+ parameters: {{{name}: "
                             "{description: ..., example: ...}}'")
        found[name] = QueryParam(name, variable, underscores == "_", kind, str(doc["description"]),
                                 str(doc["example"]), defaults.get(name))
    extra = sorted(set(docs) - set(found))
    if extra:
        raise QueryError(f"{where}:1: header documents parameter(s) {', '.join(extra)} "
                         "that the query does not use")
    return tuple(found.values())


def _kind(suffix: str) -> str:
    if suffix == "_iri":
        return "iri"
    if suffix == "_literal":
        return "literal"
    if suffix.startswith("_xsd_"):
        return "xsd:" + suffix[5:]
    if suffix:
        return "lang:" + suffix[1:]
    return "string"


# -- A small SPARQL tokenizer: enough to find keywords outside strings, IRIs and comments --

_TOKEN = re.compile(r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<brace>[{}])
  | (?P<other>.)
''', re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class _Tok:
    kind: str
    value: str
    start: int


def _significant(text: str) -> list[_Tok]:
    tokens = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind is None:  # (every alternative of _TOKEN is a named group)
            raise AssertionError(f"unnamed token {m.group()!r}")
        if kind != "comment" and not m.group().isspace():
            tokens.append(_Tok(kind, m.group(), m.start()))
    return tokens


def _line_col(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def _refuse_service(tokens: list[_Tok], text: str, where: str) -> None:
    for number, tok in enumerate(tokens):
        if tok.kind == "word" and tok.value.upper() in ("SERVICE", "LOAD"):
            raise QueryError(f"{where}:{_line_col(text, tok.start)}: {tok.value.upper()} is not allowed in saved "
                             "queries (claimgraph never goes to the network on its own)")
        previous = tokens[number - 1] if number else None
        keyword = previous is None or previous.value not in ("?", "$", ":") or previous.start + 1 != tok.start
        if tok.kind == "word" and tok.value.upper() == "FROM" and keyword:
            # the protocol's dataset overrides it (SPARQL 1.1 Protocol 2.1.4): it would be ignored
            raise QueryError(f"{where}:{_line_col(text, tok.start)}: FROM is not allowed in saved queries (claimgraph "
                             "names the dataset: ontology, asserted and inferred graphs; use GRAPH for the others)")


_UPDATE_WORDS = ("INSERT", "DELETE", "DROP", "CLEAR", "CREATE", "ADD", "MOVE", "COPY", "WITH", "LOAD")


def _query_form(tokens: list[_Tok], text: str, where: str) -> str:
    for tok in tokens:
        if tok.kind == "word" and tok.value.upper() in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
            return tok.value.upper()
        if tok.kind == "word" and tok.value.upper() in _UPDATE_WORDS:
            raise QueryError(f"{where}:{_line_col(text, tok.start)}: updates are not allowed in saved queries "
                             f"(found {tok.value.upper()}); write a SELECT, CONSTRUCT, ASK or DESCRIBE query")
    raise QueryError(f"{where}: no SELECT, CONSTRUCT, ASK or DESCRIBE found")


def _outer_where(tokens: list[_Tok], text: str, where: str) -> int:
    """Offset just after the '{' that opens the outermost WHERE group. SPARQL lets SELECT, ASK
    and DESCRIBE leave out the keyword (``ASK { ... }``, ``SELECT * { ... }``); CONSTRUCT's first
    group is its template, so there the keyword is needed to find it."""
    depth = 0
    seen_where = seen_form = construct = False
    first_group: int | None = None
    for tok in tokens:
        if tok.kind == "brace":
            if tok.value == "{":
                if depth == 0:
                    if seen_where:
                        return tok.start + 1
                    if seen_form and first_group is None:
                        first_group = tok.start + 1
                depth += 1
            else:
                depth -= 1
        elif tok.kind == "word" and depth == 0:
            word = tok.value.upper()
            seen_where = seen_where or word == "WHERE"
            seen_form = seen_form or word in ("SELECT", "ASK", "DESCRIBE", "CONSTRUCT")
            construct = construct or word == "CONSTRUCT"
    if first_group is not None and not construct:
        return first_group
    raise QueryError(f"{where}: the query has no group to bind its parameters in; write "
                     "'WHERE { ... }' after the query form")


# -- Binding parameters as RDF terms -----------------------------------------------------------

# RFC 3987 leaves these out of IRIs; pyoxigraph's NamedNode checks the rest of the grammar
_NOT_IN_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20\x7f-\x9f]')
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# one serialized term: an IRI, a literal (N-Triples form), a number, a prefixed name, UNDEF
_IRIREF = r'<[^<>"{}|^`\\\x00-\x20]*>'
_TERM = re.compile(
    rf'{_IRIREF}'
    rf'|"(?:[^"\\\n\r]|\\.)*"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^{_IRIREF})?'
    r"|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
    r"|(?:[A-Za-z][\w.-]*)?:[\w.-]*|UNDEF|true|false")


def serialize_iri(iri: str) -> str:
    """``iri`` as a SPARQL term (its N-Triples form); ``ValueError`` unless it is an absolute
    IRI (RFC 3987, as pyoxigraph's ``NamedNode`` checks it)."""
    if not isinstance(iri, str) or _NOT_IN_IRI.search(iri):
        raise ValueError(f"{quoted(iri)} is not a valid absolute IRI")
    try:
        return str(ox.NamedNode(iri))
    except (ValueError, UnicodeEncodeError):
        raise ValueError(f"{quoted(iri)} is not a valid absolute IRI") from None


def serialize_literal(value: str, *, datatype: str | None = None, lang: str | None = None) -> str:
    """``value`` as a SPARQL literal term, escaped by pyoxigraph (its N-Triples form)."""
    try:
        value.encode("utf-8")  # a lone surrogate (undecodable bytes on the command line) is no text
        if lang:
            if not _LANGUAGE_TAG.match(lang):
                raise ValueError(f"{quoted(lang)} is not a language tag")
            return str(ox.Literal(value, language=lang))
        if datatype:
            return str(ox.Literal(value, datatype=ox.NamedNode(serialize_iri(datatype)[1:-1])))
        return str(ox.Literal(value))
    except UnicodeEncodeError:
        raise ValueError(f"{quoted(value)} is not valid text (it holds bytes that are not UTF-8)") from None


def bind_values(query: SavedQuery, terms: dict[str, str]) -> str:
    """The query text with a ``VALUES`` block for ``terms`` (param name -> serialized term)."""
    return insert_values(query.text, {_variable(query, name): [term] for name, term in terms.items()},
                         origin=str(query.path))


def _variable(query: SavedQuery, name: str) -> str:
    param = query.param(name)
    if param is None:
        raise KeyError(f"query '{query.name}' has no parameter '{name}'")
    return param.variable


def insert_values(text: str, values: dict[str, list[str]], *, origin: str = "query") -> str:
    """``text`` with ``VALUES ?variable { terms }`` at the start of its outermost WHERE group.

    Terms must already be serialized (``serialize_iri``, ``serialize_literal``); the place is
    found with the tokenizer, so a ``WHERE {`` inside a string or comment is never taken.

    The block is also repeated at the start of each branch of a ``UNION`` that is an element
    of the outermost group, when that branch begins with triple patterns that use the
    variable (see :func:`_pushable_branches`). The answer is the same, and a store that does
    not push the outer binding into the branches (Oxigraph) then starts each branch from the
    bound term instead of scanning every triple (the saved query ``entity``: milliseconds instead
    of a scan of the whole graph).
    """
    if not values:
        return text
    tokens = _significant(text)
    offset = _outer_where(tokens, text, origin)
    for variable, terms in values.items():  # names and terms are checked, never trusted as text
        if not _VARIABLE.match(variable):
            raise ValueError(f"{quoted(variable)} is not a SPARQL variable name")
        for term in terms:
            if not _TERM.fullmatch(term):
                raise ValueError(f"{quoted(term)} is not one serialized RDF term")
    blocks = {variable: f"VALUES ?{variable} {{ {' '.join(terms)} }}" for variable, terms in values.items()}
    inserts = [(offset, "".join(f"\n  {blocks[v]}" for v in sorted(blocks)))]
    for branch_offset, variables in _pushable_branches(tokens, offset):
        pushed = sorted(variables & set(blocks))
        if pushed:
            inserts.append((branch_offset, "".join(f" {blocks[v]}" for v in pushed)))
    for at, inserted in sorted(inserts, reverse=True):
        text = text[:at] + inserted + text[at:]
    return text


_NOT_TRIPLES = {"OPTIONAL", "MINUS", "GRAPH", "FILTER", "BIND", "VALUES", "SERVICE", "SELECT", "UNION"}


def _pushable_branches(tokens: list[_Tok], outer_offset: int) -> list[tuple[int, set[str]]]:
    """For each branch of a UNION that is an element of the outermost WHERE group: the offset
    just after its '{', and the variables of the triple patterns it begins with.

    Joining a branch with a binding of such a variable first gives the same solutions: the
    variable is bound in every solution of those patterns, and the fold of the group's later
    elements (OPTIONAL, MINUS, FILTER, BIND, ...) sees the same rows either way. Scanning stops
    at the first element that is not a triple pattern; a variable only inside parentheses (a
    collection) is not counted. A word taken for a keyword by mistake only stops the scan
    early: it can make a branch lose this speed-up, never change an answer.
    """
    start = next(i for i, tok in enumerate(tokens) if tok.kind == "brace" and tok.start + 1 == outer_offset)
    groups: list[tuple[int, int]] = []  # token indexes of '{' and '}' of the outer group's own groups
    depth, opened = 0, 0
    for i in range(start + 1, len(tokens)):
        tok = tokens[i]
        if tok.kind != "brace":
            continue
        if tok.value == "{":
            depth += 1
            if depth == 1:
                opened = i
        else:
            if depth == 0:
                break  # the end of the outermost group
            if depth == 1:
                groups.append((opened, i))
            depth -= 1

    def is_union(index: int) -> bool:
        return 0 <= index < len(tokens) and tokens[index].kind == "word" and tokens[index].value.upper() == "UNION"

    found = []
    for opened, closed in groups:
        if not (is_union(opened - 1) or is_union(closed + 1)):
            continue
        variables: set[str] = set()
        parens = 0
        for i in range(opened + 1, closed):
            tok = tokens[i]
            previous = tokens[i - 1]
            if tok.kind == "word" and previous.value in ("?", "$") and previous.start + 1 == tok.start:
                if parens == 0:
                    variables.add(tok.value)
            elif tok.kind == "brace" or (tok.kind == "word" and tok.value.upper() in _NOT_TRIPLES):
                break
            elif tok.value == "(":
                parens += 1
            elif tok.value == ")":
                parens -= 1
        found.append((tokens[opened].start + 1, variables))
    return found


@dataclass
class ParameterError(Exception):
    message: str
    candidates: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message


def parse_assignments(pairs: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"-p '{pair}': write parameters as name=value")
        if name.strip() in values:
            raise ParameterError(f"-p {name.strip()}: given twice")
        values[name.strip()] = value
    return values


def check_syntax(text: str, where: str, *, first_line_shift: int = 0) -> None:
    """Parse with Oxigraph's SPARQL parser; a syntax error names line and column (on line 1, less
    ``first_line_shift``: the length of the predeclared prefixes)."""
    import pyoxigraph

    try:
        pyoxigraph.Store().query(text)  # an empty store: this only parses
    except SyntaxError as exc:
        message = str(exc)
        match = re.search(r"at (\d+):(\d+)", message)
        line, column = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
        if line == 1:
            column = max(1, column - first_line_shift)
        loc = f":{line}:{column}" if match else ""
        detail = re.sub(r"^error at \d+:\d+: ", "", message)
        raise QueryError(f"{where}{loc}: SPARQL syntax error: {detail}") from None


__all__ = ["SavedQuery", "QueryParam", "QueryError", "ParameterError", "list_queries", "find_query",
           "load_query", "bind_values", "serialize_iri", "serialize_literal", "parse_assignments",
           "check_syntax", "XSD"]
