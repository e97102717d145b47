"""Talk to a SPARQL server through the W3C protocols: query, update, Graph Store.

* ``RemoteEngine`` runs saved queries through the SPARQL 1.1 Protocol (form-encoded POST,
  dataset named with ``default-graph-uri`` / ``named-graph-uri``) and hands back the same
  bytes the embedded engine does, so the output is identical.
* ``load_graphs`` uploads built files with the Graph Store HTTP Protocol, streamed from
  disk. ``replace`` is all-or-nothing: every file goes into its own staging graph
  (``urn:claimgraph:staging:RUN:NAME``), each staging graph's triple count is checked, and
  then ONE update request moves all of them over their targets. Oxigraph and Fuseki run an
  update request as one transaction, so the server holds either every old graph or every
  new one. A failure before the swap drops this run's staging graphs; staging graphs that a
  killed run left behind are removed by the next load (or ``remove_stale_staging``).

Every IRI that goes into SPARQL text is checked and written as an RDF term
(:func:`sparql_iri`), never pasted in. Credentials come only from ``CLAIMGRAPH_ENDPOINT_USER``
/ ``CLAIMGRAPH_ENDPOINT_PASSWORD`` or a netrc file: a URL with user info is refused, and
server error bodies are shown only with anything that looks like a credential removed.
"""

from __future__ import annotations

import base64
import json
import os
import re
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox
import requests

from claimgraph.problems import quoted
from claimgraph.stores.embedded import EngineError, RawAnswer, default_graphs, named_graphs

USER_ENV, PASSWORD_ENV, SCHEME_ENV = "CLAIMGRAPH_ENDPOINT_USER", "CLAIMGRAPH_ENDPOINT_PASSWORD", "CLAIMGRAPH_AUTH"
RETRY_STATUSES = {500, 502, 503, 504}

#: every staging graph's IRI starts with this; the rest is ``RUN-ID:NAME``
STAGING_PREFIX = "urn:claimgraph:staging:"
#: what the messages say an IRI must look like
IRI_RULE = ("an IRI must be absolute (a scheme such as https: or urn:, then the rest, e.g. "
            "https://example.org/graph/asserted) without spaces, control characters or any of "
            "< > \" { } | ^ ` \\")
#: error bodies from servers are shown at most this long
DETAIL_CHARS = 200


class EndpointError(EngineError):
    """The server could not be reached or refused the request (exit 1). ``answered`` is False
    when no HTTP answer came back (connection error, timeout)."""

    def __init__(self, message: str, *, answered: bool = True):
        super().__init__(message)
        self.answered = answered


class EndpointConfigError(Exception):
    """The endpoint options do not fit together, or a value is not what it must be (exit 2)."""


# -- values that go into SPARQL text, URLs and messages ---------------------------------------

# RFC 3987 leaves these out of IRIs; pyoxigraph's NamedNode checks the rest of the grammar
_NOT_IN_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20\x7f-\x9f]')


def iri_term(value: str) -> ox.NamedNode:
    """``value`` as an RDF IRI term; ``ValueError`` unless it is an absolute IRI (RFC 3987)."""
    if not isinstance(value, str) or _NOT_IN_IRI.search(value):
        raise ValueError(f"{quoted(str(value))} is not an IRI: {IRI_RULE}")
    try:
        return ox.NamedNode(value)
    except (ValueError, UnicodeEncodeError):
        raise ValueError(f"{quoted(value)} is not an IRI: {IRI_RULE}") from None


def sparql_iri(value: str) -> str:
    """``value`` written as a SPARQL IRI term (``<...>``, its N-Triples form), checked first."""
    try:
        return str(iri_term(value))
    except ValueError as exc:
        raise EndpointConfigError(str(exc)) from None


def graph_iri(value: str) -> str:
    """A graph IRI given by the user: checked, and refused inside the staging namespace."""
    iri_term(value)
    if value.startswith(STAGING_PREFIX):
        raise ValueError(f"{quoted(value)} is in {STAGING_PREFIX}, which claimgraph keeps for its staging "
                         "graphs (every load removes them); choose another IRI")
    return value


# -- HTTP -------------------------------------------------------------------------------------

@dataclass
class Endpoint:
    query_url: str
    update_url: str
    store_url: str
    connect_timeout: float = 5.0
    read_timeout: float = 120.0
    retries: int = 3
    backoff: float = 0.5
    verify_tls: bool = True
    session: requests.Session = field(default_factory=requests.Session, repr=False)

    def __post_init__(self) -> None:
        self.session.trust_env = True  # lets requests use ~/.netrc when no credentials are set
        user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
        if user and password:
            scheme = os.environ.get(SCHEME_ENV) or ("digest" if _is_virtuoso(self.query_url) else "basic")
            self.session.auth = (requests.auth.HTTPDigestAuth(user, password) if scheme == "digest"
                                 else requests.auth.HTTPBasicAuth(user, password))

    # -- HTTP with timeouts, retries on connection errors and 5xx (never on 4xx) --------------

    def request(self, method: str, url: str, *, what: str, data=None, params=None,
                headers: dict | None = None, stream: bool = False, rewind: Callable[[], None] | None = None,
                retries: int | None = None, read_timeout: float | None = None) -> requests.Response:
        attempt = 0
        retries = self.retries if retries is None else retries
        timeout = (self.connect_timeout, self.read_timeout if read_timeout is None else read_timeout)
        while True:
            attempt += 1
            try:
                response = self.session.request(method, url, data=data, params=params, headers=headers,
                                                timeout=timeout, verify=self.verify_tls, stream=stream)
            except requests.exceptions.ConnectionError as exc:
                if attempt <= retries:
                    self._wait(attempt, rewind)
                    continue
                if "RemoteDisconnected" in str(exc) or "Connection aborted" in str(exc):
                    raise EndpointError(f"{what}: {_safe(url)} closed the connection without an answer",
                                        answered=False) from None
                raise EndpointError(f"{what}: cannot connect to {_safe(url)} ({_reason(exc)}); "
                                    "is the server running and the URL right?", answered=False) from None
            except requests.exceptions.Timeout:
                raise EndpointError(f"{what}: {_safe(url)} did not answer within "
                                    f"{timeout[1]:g} s", answered=False) from None
            if response.status_code in RETRY_STATUSES and attempt <= retries:
                response.close()
                self._wait(attempt, rewind)
                continue
            if response.status_code >= 400:
                raise EndpointError(_status_message(what, url, response))
            return response

    def _wait(self, attempt: int, rewind: Callable[[], None] | None) -> None:
        time.sleep(self.backoff * 2 ** (attempt - 1))
        if rewind:
            rewind()


def _checked_url(url: str, option: str):
    """``url`` split, if it is an http(s) URL without user info, spaces or control characters."""
    if "@" in url:  # the message never repeats the URL: the user info may be anywhere in it
        raise EndpointConfigError(
            f"{option}: a URL with a user name or password (user:password@host) is refused; credentials are "
            f"never taken from the command line: set {USER_ENV} and {PASSWORD_ENV}, or a netrc entry for the host")
    if any(c.isspace() or not c.isprintable() for c in url):
        raise EndpointConfigError(f"{option} {quoted(url)}: a URL must not contain spaces or control characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointConfigError(f"{option} {quoted(url)} is not an http(s) URL of a SPARQL "
                                  f"{'query service' if option == '--endpoint' else 'service'}")
    return parts


def endpoint_for(query_url: str, *, store_url: str | None = None, update_url: str | None = None,
                 **options) -> Endpoint:
    """Derive the update and Graph Store URLs for the servers we know.

    Oxigraph ``/query`` -> ``/update``, ``/store``; Fuseki ``/DATASET/query`` -> ``/DATASET/update``,
    ``/DATASET/data``; Virtuoso ``/sparql`` -> ``/sparql-auth``, ``/sparql-graph-crud-auth``.
    """
    parts = _checked_url(query_url, "--endpoint")
    for given, option in ((store_url, "--store-url"), (update_url, "--update-url")):
        if given:
            _checked_url(given, option)
    path = parts.path.rstrip("/")
    derived: dict[str, str] = {}
    if path.endswith("/query"):
        base = path[: -len("/query")]
        store_path = f"{base}/store" if base == "" else f"{base}/data"
        derived = {"update": f"{base}/update", "store": store_path}
    elif path.endswith("/sparql"):
        derived = {"update": f"{path}-auth", "store": f"{path}-graph-crud-auth"}
    update = update_url or (urlunsplit(parts._replace(path=derived["update"], query="")) if derived else None)
    store = store_url or (urlunsplit(parts._replace(path=derived["store"], query="")) if derived else None)
    if not update or not store:
        raise EndpointConfigError(
            f"cannot derive the update and Graph Store URLs from {quoted(query_url)}; give --update-url and --store-url")
    return Endpoint(query_url, update, store, **options)


class RemoteEngine:
    """Runs queries on a SPARQL endpoint and returns the embedded engine's byte formats."""

    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint

    def run(self, text: str, *, form: str, asserted_only: bool = False, tsv: bool = False) -> RawAnswer:
        """The answer as the embedded engine gives it; always JSON for SELECT and ASK (``tsv`` is
        a preference only: SPARQL JSON is the results format every store writes the same way)."""
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph_form else "application/sparql-results+json"
        body = [("query", text)]
        body += [("default-graph-uri", g) for g in default_graphs(asserted_only=asserted_only)]
        body += [("named-graph-uri", g) for g in named_graphs(asserted_only=asserted_only)]
        response = self.endpoint.request("POST", self.endpoint.query_url, what="query", data=body,
                                         headers={"Accept": accept})
        if "X-SPARQL-MaxRows" in response.headers:
            raise EndpointError(
                f"query: the server cut the answer at {_printable(response.headers['X-SPARQL-MaxRows'])} rows "
                "(X-SPARQL-MaxRows); raise its ResultSetMaxRows or add LIMIT/OFFSET to the query")
        data = response.content
        if graph_form:
            return RawAnswer(form, _checked_ntriples(data))
        return RawAnswer(form, _checked_results(data))

    def graph_size(self, graph: str, *, what: str = "count", **request) -> int:
        """The number of triples in the named graph ``graph`` (the server's whole dataset)."""
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {sparql_iri(graph)} {{ ?s ?p ?o }} }}"
        rows = self.select(query, what=what, **request)
        return int(rows[0]["n"]["value"]) if rows else 0

    def select(self, query: str, *, what: str, **request) -> list[dict]:
        """The bindings of a SELECT ``query`` over the server's own dataset (no dataset named)."""
        response = self.endpoint.request("POST", self.endpoint.query_url, what=what, data={"query": query},
                                         headers={"Accept": "application/sparql-results+json"}, **request)
        return json.loads(_checked_results(response.content))["results"]["bindings"]


def _checked_results(data: bytes) -> bytes:
    """Parse the whole body: Oxigraph reports late errors as HTTP 200 with a cut-off body."""
    try:
        parsed = json.loads(data)
        if "boolean" not in parsed:
            parsed["head"]["vars"], parsed["results"]["bindings"]
        ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    except (ValueError, KeyError, TypeError, SyntaxError) as exc:
        raise EndpointError(f"query: the server's answer is incomplete or not SPARQL JSON "
                            f"({_detail(str(exc))}); nothing is printed rather than a partial answer") from None
    return data


def _checked_ntriples(data: bytes) -> bytes:
    if data and not data.endswith(b"\n"):
        raise EndpointError("query: the server's RDF answer was cut off mid-line; nothing is printed")
    try:
        list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        raise EndpointError(f"query: the server's RDF answer is not valid N-Triples ({_detail(str(exc))})") from None
    return data


# -- loading ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GraphUpload:
    name: str
    graph: str
    path: Path
    triples: int


@dataclass
class LoadReport:
    loaded: list[GraphUpload]
    mode: str
    stale_removed: int = 0


@dataclass
class LoadState:
    """How far a load got, for the message when it is stopped (Ctrl-C, SIGTERM).

    ``phase``: ``start`` (no target touched), ``staging`` (uploading into staging graphs; no
    target touched), ``swapping`` (the one swap request was sent, no answer yet), ``swapped``,
    ``appending`` (``--append``: targets are written directly), ``done``.
    """

    mode: str = "replace"
    phase: str = "start"
    staging: list[str] = field(default_factory=list)
    cleaned: bool = False  # this run's staging graphs were dropped after the stop

    def after_stop(self) -> str:
        """One sentence: what holds for the server's graphs after a stop in this phase."""
        if self.phase == "start":  # (stale staging graphs of earlier runs may have been removed)
            return "no target graph on the server was changed"
        if self.phase == "staging":
            left = ("this run's staging graphs were removed" if self.cleaned or not self.staging else
                    "this run's staging graphs are left on the server; the next `claimgraph load` removes them")
            return f"no target graph on the server was changed (the new graphs were not swapped in); {left}"
        if self.phase == "swapping":
            return ("the swap to the new graphs was sent but not confirmed: a store that runs an update request "
                    "as one transaction (Oxigraph, Fuseki) holds all the old graphs or all the new ones; "
                    "run `claimgraph load` again to be sure")
        if self.phase == "appending":
            return ("--append is not atomic: the target graphs may hold part of the new triples; "
                    "`claimgraph load --replace` puts them right")
        return "the new graphs were already swapped in"


def count_triples(path: Path) -> int:
    return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


def check_targets(uploads: list[GraphUpload]) -> None:
    """Every target a valid IRI outside the staging namespace, and no two graphs into one."""
    seen: dict[str, str] = {}
    for upload in uploads:
        try:
            graph_iri(upload.graph)
        except ValueError as exc:
            raise EndpointConfigError(f"graph {upload.name}: {exc}") from None
        if upload.graph in seen:
            raise EndpointConfigError(f"graphs {seen[upload.graph]} and {upload.name} would both go into "
                                      f"<{upload.graph}>; give each its own IRI with --graph NAME=IRI")
        seen[upload.graph] = upload.name


def staging_iri(run: str, index: int, name: str) -> str:
    return f"{STAGING_PREFIX}{run}:{index}-{re.sub(r'[^A-Za-z0-9-]', '-', name)}"


def staging_graphs(endpoint: Endpoint, prefix: str = STAGING_PREFIX, **request) -> list[str]:
    """The named graphs on the server whose IRI starts with ``prefix`` (sorted).

    ``GRAPH ?g { }`` lists named graphs at once on Oxigraph (empty ones too); Virtuoso answers
    it with one solution that binds nothing, so where it binds no graph at all, graphs are
    looked for through their triples (``GRAPH ?g { ?s ?p ?o }``, which reads every quad).
    """
    engine = RemoteEngine(endpoint)
    wanted = f"FILTER (STRSTARTS(STR(?g), {ox.Literal(prefix)}))"
    listed = engine.select("SELECT ?g WHERE { GRAPH ?g { } } LIMIT 1", what="find staging graphs", **request)
    pattern = "GRAPH ?g { }" if any("g" in row for row in listed) else "GRAPH ?g { ?s ?p ?o }"  # Virtuoso: [{}]
    rows = engine.select(f"SELECT DISTINCT ?g WHERE {{ {pattern} {wanted} }}", what="find staging graphs", **request)
    found = set()
    for row in rows:
        term = row.get("g", {})
        value = term.get("value", "")
        if term.get("type") != "uri" or not value.startswith(prefix):
            continue
        try:
            iri_term(value)
        except ValueError:
            continue  # not an IRI claimgraph made, and it could not be named safely in a DROP
        found.add(value)
    return sorted(found)


def remove_stale_staging(endpoint: Endpoint) -> int:
    """Drop every staging graph left on the server by earlier (killed) loads; how many."""
    stale = staging_graphs(endpoint)
    if stale:
        _update(endpoint, _drops(stale), what="remove stale staging graphs")
    return len(stale)


def load_graphs(endpoint: Endpoint, uploads: list[GraphUpload], *, replace: bool = True,
                progress: Callable[[int], None] | None = None, state: LoadState | None = None) -> LoadReport:
    """Upload each file into its named graph.

    ``replace``: each file into its own staging graph, every count checked, then all the
    targets replaced by one update request (see the module docstring). ``append``: each file
    is added to its target directly, graph after graph (not atomic). Either way, staging
    graphs that earlier runs left behind are removed first. ``state`` is kept up to date for
    the message after a stop.
    """
    state = state if state is not None else LoadState()
    state.mode = "replace" if replace else "append"
    check_targets(uploads)
    stale = remove_stale_staging(endpoint)
    if not replace:
        state.phase = "appending"
        for upload in uploads:
            if upload.triples:
                _put(endpoint, upload.path, upload.graph, method="POST", progress=progress)
            elif progress:
                progress(upload.path.stat().st_size)
        state.phase = "done"
        return LoadReport(uploads, "append", stale)

    engine = RemoteEngine(endpoint)
    run = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + uuid.uuid4().hex[:8]
    # an empty graph gets no staging graph: stores without empty graphs (Fuseki) could not MOVE it
    staged = {u.name: staging_iri(run, i, u.name) for i, u in enumerate(uploads) if u.triples}
    state.staging = list(staged.values())
    state.phase = "staging"
    try:
        for upload in uploads:
            if not upload.triples:
                if progress:
                    progress(upload.path.stat().st_size)
                continue
            _put(endpoint, upload.path, staged[upload.name], method="PUT", progress=progress)
            found = engine.graph_size(staged[upload.name], what=f"count {upload.name}")
            if found != upload.triples:
                raise EndpointError(f"load {upload.name}: the server holds {found} triples in the staging graph, "
                                    f"expected {upload.triples}; the upload was incomplete; no graph was changed")
        # MOVE without SILENT: if a staging graph vanished, Oxigraph and Fuseki fail the whole
        # request instead of emptying the target (MOVE SILENT of a missing graph drops the target)
        swap = " ;\n".join(
            f"MOVE GRAPH {sparql_iri(staged[u.name])} TO GRAPH {sparql_iri(u.graph)}" if u.triples
            else f"DROP SILENT GRAPH {sparql_iri(u.graph)}" for u in uploads)
        state.phase = "swapping"
        try:
            _update(endpoint, swap, what="load (swap)", retries=0)
        except EndpointError as exc:
            if exc.answered:  # the server refused the request: a transactional store changed nothing
                state.phase = "staging"
                raise EndpointError(f"{exc} (no graph was swapped)") from None
            if not _swap_applied(endpoint, run, uploads, list(staged.values()), exc):
                state.phase = "staging"
                raise EndpointError(f"{exc}; the graphs were not swapped (no graph was changed)") from None
        state.phase = "swapped"
    except BaseException:
        if state.phase == "staging":
            state.cleaned = _drop_quietly(endpoint, list(staged.values()))
        raise
    for upload in uploads:
        found = engine.graph_size(upload.graph, what=f"count {upload.name}")
        if found != upload.triples:
            raise EndpointError(f"load {upload.name}: after the swap <{upload.graph}> holds {found} triples, "
                                f"expected {upload.triples}; did another client write to it?")
    state.phase = "done"
    return LoadReport(uploads, "replace", stale)


def _swap_applied(endpoint: Endpoint, run: str, uploads: list[GraphUpload], staging: list[str],
                  error: EndpointError) -> bool:
    """After a swap request that got no answer: True if it was applied, False if it was not;
    an error if the server's state cannot be told."""
    try:
        left = set(staging_graphs(endpoint, f"{STAGING_PREFIX}{run}:"))
        if left >= set(staging):
            return False
        engine = RemoteEngine(endpoint)
        if not left and all(engine.graph_size(u.graph) == u.triples for u in uploads):
            return True
    except EndpointError:
        pass
    raise EndpointError(f"{error}; whether the new graphs were swapped in cannot be told: a store that runs an "
                        "update request as one transaction holds all the old graphs or all the new ones; "
                        "run `claimgraph load` again") from None


def _put(endpoint: Endpoint, path: Path, graph: str, *, method: str,
         progress: Callable[[int], None] | None) -> None:
    iri_term(graph)  # the IRI goes into the URL's query string, which requests percent-encodes
    with path.open("rb") as handle:
        body = _Streamed(handle, path.stat().st_size, progress)
        endpoint.request(method, endpoint.store_url, what=f"upload {path.name}", params={"graph": graph},
                         data=body, headers={"Content-Type": "text/turtle"}, rewind=body.rewind)


class _Streamed:
    """A file body sent in blocks with a known length (never the whole file in memory)."""

    def __init__(self, handle, size: int, progress: Callable[[int], None] | None):
        self.handle, self.size, self.progress = handle, size, progress

    def __len__(self) -> int:
        return self.size

    def read(self, amount: int = -1) -> bytes:
        block = self.handle.read(amount)
        if self.progress and block:
            self.progress(len(block))
        return block

    # requests rewinds the body with tell()/seek() when it must send it again (Digest auth
    # answers the first attempt with 401); without them the retry would send no body at all.
    def tell(self) -> int:
        return self.handle.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.handle.seek(offset, whence)

    def rewind(self) -> None:
        self.handle.seek(0)


def _update(endpoint: Endpoint, update: str, *, what: str, **request) -> None:
    endpoint.request("POST", endpoint.update_url, what=what, data={"update": update}, **request)


def _drops(graphs: list[str]) -> str:
    return " ;\n".join(f"DROP SILENT GRAPH {sparql_iri(g)}" for g in graphs)


def _drop_quietly(endpoint: Endpoint, graphs: list[str]) -> bool:
    """Drop ``graphs`` in one request, quickly (after a failure or a stop); True if done."""
    if not graphs:
        return True
    try:
        _update(endpoint, _drops(graphs), what="clean up", retries=0, read_timeout=10.0)
        return True
    except EndpointError:
        return False  # the staging graphs are left for the next load; the targets are unharmed


# -- messages ----------------------------------------------------------------------------------------

# credentials a server may echo back: auth headers, auth schemes with their token, key=value pairs
_CREDENTIAL_HEADER = re.compile(r"((?:proxy-)?authorization|cookie|set-cookie|x-api-key)(\s*[\"']?\s*[:=]\s*)[^\r\n]*",
                                re.IGNORECASE)
_CREDENTIAL_TOKEN = re.compile(r"\b(basic|bearer|digest|negotiate|ntlm)(\s+)[^\s,;\"'<>]+", re.IGNORECASE)
_CREDENTIAL_PAIR = re.compile(
    r"\b(user(?:name)?|pass(?:word|wd)?|pwd|secret|token|access_token|api[_-]?key|apikey|auth|response|"
    r"nonce|cnonce)(\s*[\"']?\s*[:=]\s*)(\\\"(?:[^\"\\]|\\[^\"])*\\\"|\"[^\"]*\"|'[^']*'|[^\s,;&\"'<>\\]+)",
    re.IGNORECASE)
_URL_USERINFO = re.compile(r"(//)[^/\s@]*@")
REDACTED = "[redacted]"


def _secrets() -> list[str]:
    """The configured password, and the Basic token made from it, to take out of any text."""
    user, password = os.environ.get(USER_ENV) or "", os.environ.get(PASSWORD_ENV) or ""
    found = [password] if len(password) >= 3 else []
    if password:
        found.append(base64.b64encode(f"{user}:{password}".encode()).decode().rstrip("="))
    return found


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else " " for c in text)


def _detail(text: str) -> str:
    """Server text for a message: credentials taken out, one line, printable, at most
    :data:`DETAIL_CHARS` characters."""
    text = text[:20 * DETAIL_CHARS]
    for secret in _secrets():
        text = text.replace(secret, REDACTED)
    text = _CREDENTIAL_HEADER.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)
    text = _CREDENTIAL_TOKEN.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)
    text = _CREDENTIAL_PAIR.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)
    text = _URL_USERINFO.sub(lambda m: f"{m.group(1)}{REDACTED}@", text)
    text = " ".join(_printable(text).split())
    return text if len(text) <= DETAIL_CHARS else text[:DETAIL_CHARS - 3] + "..."


def _status_message(what: str, url: str, response: requests.Response) -> str:
    code = response.status_code
    detail = _detail(response.text) if response.text else ""
    reason = _detail(response.reason or "")
    hints = {
        401: f"authentication failed; set {USER_ENV} and {PASSWORD_ENV}, or a netrc entry for the host",
        403: "the server refuses this operation for these credentials (is the update or store endpoint writable?)",
        404: "no such service at this URL; check --endpoint (Oxigraph: http://HOST:7878/query, "
             "Fuseki: http://HOST:3030/DATASET/query, Virtuoso: http://HOST:8890/sparql)",
        415: "the server does not accept this content type at this URL; check --store-url",
    }
    hint = hints.get(code, detail or reason)
    return f"{what}: {_safe(url)} answered {code} {reason}: {hint}"


def _reason(exc: Exception) -> str:
    text = str(exc)
    if "Connection refused" in text:
        return "connection refused"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "unknown host"
    return type(exc).__name__


def _safe(url: str) -> str:
    """The URL without any user:password part or query string, printable, for messages."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if ":" in netloc:  # an IPv6 address
        netloc = f"[{netloc}]"
    try:
        if parts.port:
            netloc += f":{parts.port}"
    except ValueError:
        pass
    return _printable(urlunsplit(parts._replace(netloc=netloc, query="", fragment="")))


def _is_virtuoso(url: str) -> bool:
    return urlsplit(url).path.rstrip("/").endswith("/sparql")
