"""Talk to a SPARQL server through the W3C protocols: query, update, Graph Store.

* ``RemoteEngine`` runs saved queries through the SPARQL 1.1 Protocol (form-encoded POST,
  dataset named with ``default-graph-uri`` / ``named-graph-uri``) and hands back the same
  bytes the embedded engine does, so the output is identical.
* ``load_graphs`` uploads built files with the Graph Store HTTP Protocol, streamed from
  disk. ``replace`` is atomic on every store: upload into a staging graph, verify its
  triple count, then ``MOVE`` it over the target in one update. A failure at any step
  drops the staging graph and leaves the target as it was.

Credentials come only from ``CLAIMGRAPH_ENDPOINT_USER`` / ``CLAIMGRAPH_ENDPOINT_PASSWORD``
or a netrc file; they are never taken from the command line, printed, or put in messages.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox
import requests

from .engine import EngineError, RawAnswer, default_graphs, named_graphs

USER_ENV, PASSWORD_ENV, SCHEME_ENV = "CLAIMGRAPH_ENDPOINT_USER", "CLAIMGRAPH_ENDPOINT_PASSWORD", "CLAIMGRAPH_AUTH"
RETRY_STATUSES = {500, 502, 503, 504}


class EndpointError(EngineError):
    """The server could not be reached or refused the request (exit 1)."""


class EndpointConfigError(Exception):
    """The endpoint options do not fit together (exit 2)."""


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
                headers: dict | None = None, stream: bool = False, rewind: Callable[[], None] | None = None
                ) -> requests.Response:
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self.session.request(method, url, data=data, params=params, headers=headers,
                                                timeout=(self.connect_timeout, self.read_timeout),
                                                verify=self.verify_tls, stream=stream)
            except requests.exceptions.ConnectionError as exc:
                if attempt <= self.retries:
                    self._wait(attempt, rewind)
                    continue
                raise EndpointError(f"{what}: cannot connect to {_safe(url)} ({_reason(exc)}); "
                                    "is the server running and the URL right?") from None
            except requests.exceptions.Timeout:
                raise EndpointError(f"{what}: {_safe(url)} did not answer within "
                                    f"{self.read_timeout:g} s") from None
            if response.status_code in RETRY_STATUSES and attempt <= self.retries:
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


def endpoint_for(query_url: str, *, store_url: str | None = None, update_url: str | None = None,
                 **options) -> Endpoint:
    """Derive the update and Graph Store URLs for the servers we know.

    Oxigraph ``/query`` -> ``/update``, ``/store``; Fuseki ``/DATASET/query`` -> ``/DATASET/update``,
    ``/DATASET/data``; Virtuoso ``/sparql`` -> ``/sparql-auth``, ``/sparql-graph-crud-auth``.
    """
    parts = urlsplit(query_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointConfigError(f"--endpoint '{query_url}' is not an http(s) URL of a SPARQL query service")
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
            f"cannot derive the update and Graph Store URLs from '{query_url}'; give --update-url and --store-url")
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
                f"query: the server cut the answer at {response.headers['X-SPARQL-MaxRows']} rows "
                "(X-SPARQL-MaxRows); raise its ResultSetMaxRows or add LIMIT/OFFSET to the query")
        data = response.content
        if graph_form:
            return RawAnswer(form, _checked_ntriples(data))
        return RawAnswer(form, _checked_results(data))

    def graph_size(self, graph: str) -> int:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        response = self.endpoint.request("POST", self.endpoint.query_url, what="count",
                                         data={"query": query},
                                         headers={"Accept": "application/sparql-results+json"})
        rows = json.loads(_checked_results(response.content))["results"]["bindings"]
        return int(rows[0]["n"]["value"]) if rows else 0


def _checked_results(data: bytes) -> bytes:
    """Parse the whole body: Oxigraph reports late errors as HTTP 200 with a cut-off body."""
    try:
        parsed = json.loads(data)
        if "boolean" not in parsed:
            parsed["head"]["vars"], parsed["results"]["bindings"]
        ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    except (ValueError, KeyError, TypeError, SyntaxError) as exc:
        raise EndpointError(f"query: the server's answer is incomplete or not SPARQL JSON ({exc}); "
                            "nothing is printed rather than a partial answer") from None
    return data


def _checked_ntriples(data: bytes) -> bytes:
    if data and not data.endswith(b"\n"):
        raise EndpointError("query: the server's RDF answer was cut off mid-line; nothing is printed")
    try:
        list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        raise EndpointError(f"query: the server's RDF answer is not valid N-Triples ({exc})") from None
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


def count_triples(path: Path) -> int:
    return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


def load_graphs(endpoint: Endpoint, uploads: list[GraphUpload], *, replace: bool = True,
                progress: Callable[[int], None] | None = None) -> LoadReport:
    """Upload each file into its named graph; ``replace`` swaps atomically via a staging graph."""
    engine = RemoteEngine(endpoint)
    for upload in uploads:
        if not replace:
            _put(endpoint, upload.path, upload.graph, method="POST", progress=progress)
            continue
        staging = f"{upload.graph}-staging-{uuid.uuid4().hex[:12]}"
        try:
            _put(endpoint, upload.path, staging, method="PUT", progress=progress)
            found = engine.graph_size(staging)
            if found != upload.triples:
                raise EndpointError(f"load {upload.name}: the server holds {found} triples in the staging graph, "
                                    f"expected {upload.triples}; the upload was incomplete")
            _update(endpoint, f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{upload.graph}>", what=f"load {upload.name}")
        except BaseException:
            _drop_quietly(endpoint, staging)
            raise
    return LoadReport(uploads, "replace" if replace else "append")


def _put(endpoint: Endpoint, path: Path, graph: str, *, method: str,
         progress: Callable[[int], None] | None) -> None:
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


def _update(endpoint: Endpoint, update: str, *, what: str) -> None:
    endpoint.request("POST", endpoint.update_url, what=what, data={"update": update})


def _drop_quietly(endpoint: Endpoint, graph: str) -> None:
    try:
        _update(endpoint, f"DROP SILENT GRAPH <{graph}>", what="clean up")
    except EndpointError:
        pass  # the staging graph is left behind; the target graph is unharmed either way


# -- messages ----------------------------------------------------------------------------------------

def _status_message(what: str, url: str, response: requests.Response) -> str:
    code = response.status_code
    detail = " ".join(response.text[:200].split()) if response.text else ""
    hints = {
        401: f"authentication failed; set {USER_ENV} and {PASSWORD_ENV}, or a netrc entry for the host",
        403: "the server refuses this operation for these credentials (is the update or store endpoint writable?)",
        404: "no such service at this URL; check --endpoint (Oxigraph: http://HOST:7878/query, "
             "Fuseki: http://HOST:3030/DATASET/query, Virtuoso: http://HOST:8890/sparql)",
        415: "the server does not accept this content type at this URL; check --store-url",
    }
    hint = hints.get(code, detail or response.reason)
    return f"{what}: {_safe(url)} answered {code} {response.reason}: {hint}"


def _reason(exc: Exception) -> str:
    text = str(exc)
    if "Connection refused" in text:
        return "connection refused"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "unknown host"
    return type(exc).__name__


def _safe(url: str) -> str:
    """The URL without any user:password part, for messages."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc, query=""))


def _is_virtuoso(url: str) -> bool:
    return urlsplit(url).path.rstrip("/").endswith("/sparql")
