"""Hostile input to `claimgraph load` and to every place that builds SPARQL text from values:
graph IRIs that try to close the term, URLs with credentials, server error bodies that echo them."""

from __future__ import annotations

import base64
import http.server
import threading

import pyoxigraph as ox
import pytest
import requests

from claimgraph.stores.remote import (EndpointConfigError, GraphUpload, RemoteEngine, count_triples, endpoint_for,
                                 load_graphs)
from claimgraph.queries.saved import insert_values, serialize_iri, serialize_literal
from conftest import free_port

RULE = ("an IRI must be absolute (a scheme such as https: or urn:, then the rest, e.g. "
        "https://example.org/graph/asserted) without spaces, control characters or any of < > \" { } | ^ ` \\")
PAYLOAD = "http://x/a> ; DROP ALL ; #"
UNRELATED = "urn:test:unrelated"


def graph_sizes(query_url: str) -> dict[str, int]:
    """Triples per named graph, over the server's whole dataset."""
    rows = RemoteEngine(endpoint_for(query_url)).select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", what="sizes")
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def add_unrelated_graph(query_url: str) -> None:
    response = requests.post(endpoint_for(query_url).update_url, timeout=10,
                             data={"update": f'INSERT DATA {{ GRAPH <{UNRELATED}> {{ <urn:test:s> <urn:test:p> "kept" }} }}'})
    assert response.status_code in (200, 204), response.text


def dead_url() -> str:
    return f"http://127.0.0.1:{free_port()}/query"


# -- graph IRIs ------------------------------------------------------------------------------------

@pytest.mark.server
def test_a_graph_iri_that_closes_the_term_is_refused_and_every_graph_on_the_server_stays(built, oxigraph):
    assert built.run("load", "--endpoint", oxigraph.query_url).exit_code == 0
    add_unrelated_graph(oxigraph.query_url)
    before = graph_sizes(oxigraph.query_url)
    assert before[UNRELATED] == 1 and len(before) == 5
    result = built.run("load", "--endpoint", oxigraph.query_url, "--graph", f"hypothetical={PAYLOAD}")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for --graph: hypothetical='{PAYLOAD}' is not an IRI: {RULE}")
    assert graph_sizes(oxigraph.query_url) == before


@pytest.mark.server
def test_the_library_refuses_the_payload_too_before_any_request(built, oxigraph):
    """The path the tester found: an upload that fails, then a clean-up DROP built from the IRI."""
    assert built.run("load", "--endpoint", oxigraph.query_url).exit_code == 0
    add_unrelated_graph(oxigraph.query_url)
    before = graph_sizes(oxigraph.query_url)
    path = built.path("data/build/hypothetical.ttl")
    with pytest.raises(EndpointConfigError) as info:
        load_graphs(endpoint_for(oxigraph.query_url), [GraphUpload("hypothetical", PAYLOAD, path, count_triples(path))])
    assert str(info.value) == f"graph hypothetical: '{PAYLOAD}' is not an IRI: {RULE}"
    assert graph_sizes(oxigraph.query_url) == before


@pytest.mark.parametrize("iri, shown", [
    ("http://x/a b", "'http://x/a b'"),
    ("http://x/a\nb", "'http://x/a\\nb'"),
    ("http://x/a>b", "'http://x/a>b'"),
    ("http://x/\x1b[2Jred", "'http://x/\\x1b[2Jred'"),
    ("http://x/a\\b", "'http://x/a\\\\b'"),
    ("http://x/\x85", "'http://x/\\x85'"),
    ("http://x/a%zz", "'http://x/a%zz'"),
    ("relative/graph", "'relative/graph'"),
    ("", "''"),
])
def test_a_bad_graph_iri_is_a_usage_error_shown_escaped(built, iri, shown):
    # a dead port: had the value not been refused first, the load would fail to connect (exit 1)
    result = built.run("load", "--endpoint", dead_url(), "--graph", f"hypothetical={iri}")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for --graph: hypothetical={shown} is not an IRI: {RULE}"
    assert "\x1b" not in result.stderr and "\x85" not in result.stderr


def test_the_staging_namespace_and_a_shared_target_are_refused(built):
    reserved = built.run("load", "--endpoint", dead_url(), "--graph", "asserted=urn:claimgraph:staging:x")
    assert reserved.exit_code == 2
    assert reserved.stderr.splitlines()[-1] == (
        "Error: Invalid value for --graph: asserted='urn:claimgraph:staging:x' is in urn:claimgraph:staging:, which "
        "claimgraph keeps for its staging graphs (every load removes them); choose another IRI")
    shared = built.run("load", "--endpoint", dead_url(), "--graph", "inferred=https://w3id.org/claimgraph/graph/asserted")
    assert shared.exit_code == 2
    assert shared.stderr.splitlines()[-1] == (
        "Error: Invalid value for --graph: graphs asserted and inferred would both go into "
        "<https://w3id.org/claimgraph/graph/asserted>; give each its own IRI with --graph NAME=IRI")


def test_a_bad_graph_name_is_shown_escaped(built):
    result = built.run("load", "--endpoint", dead_url(), "--graph", "asserted\x1b[2J=https://x/g")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --graph: 'asserted\\x1b[2J=https://x/g': write NAME=IRI with NAME one of "
        "ontology, asserted, hypothetical, inferred")


def test_sparql_text_is_built_from_checked_terms_only():
    dead = endpoint_for(dead_url())
    with pytest.raises(EndpointConfigError) as info:  # refused before any request (the port is dead)
        RemoteEngine(dead).graph_size("http://x/a> } } ; DROP ALL ; #")
    assert str(info.value) == f"'http://x/a> }} }} ; DROP ALL ; #' is not an IRI: {RULE}"
    with pytest.raises(ValueError) as info:
        serialize_iri("http://x/\x85")
    assert str(info.value) == "'http://x/\\x85' is not a valid absolute IRI"
    with pytest.raises(ValueError) as info:
        serialize_literal("a\udcffb")
    assert str(info.value) == "'a\\udcffb' is not valid text (it holds bytes that are not UTF-8)"
    with pytest.raises(ValueError) as info:
        insert_values("SELECT * WHERE { ?s ?p ?o }", {"s": ["<urn:a> } ; DROP ALL ; #"]})
    assert str(info.value) == "'<urn:a> } ; DROP ALL ; #' is not one serialized RDF term"
    with pytest.raises(ValueError) as info:
        insert_values("SELECT * WHERE { ?s ?p ?o }", {"s } DROP ALL {": ["<urn:a>"]})
    assert str(info.value) == "'s } DROP ALL {' is not a SPARQL variable name"


@pytest.mark.parametrize("value", ['x" } ; DROP ALL ; #', "a\x00b\x0bc\\d\ne\u2028f", "tab\there", "'single'"])
def test_a_literal_is_one_term_that_holds_exactly_the_value(value):
    text = insert_values("SELECT ?v WHERE { }", {"v": [serialize_literal(value)]})
    rows = list(ox.Store().query(text))
    assert [row["v"].value for row in rows] == [value]


# -- credentials -----------------------------------------------------------------------------------

@pytest.mark.parametrize("option", ["--endpoint", "--store-url", "--update-url"])
@pytest.mark.parametrize("userinfo", ["alice:s3cret-pw", "alice:s3/cr?et#pw", "alice"])
def test_a_url_with_user_info_is_refused_without_repeating_it(built, option, userinfo):
    port = free_port()
    urls = {"--endpoint": f"http://127.0.0.1:{port}/query", "--store-url": f"http://127.0.0.1:{port}/store",
            "--update-url": f"http://127.0.0.1:{port}/update"}
    urls[option] = urls[option].replace("http://", f"http://{userinfo}@")
    args = [arg for name, url in urls.items() for arg in (name, url)]
    result = built.run("load", *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {option}: a URL with a user name or password (user:password@host) is refused; credentials are "
        "never taken from the command line: set CLAIMGRAPH_ENDPOINT_USER and CLAIMGRAPH_ENDPOINT_PASSWORD, or a "
        "netrc entry for the host")
    assert "alice" not in result.output and "s3" not in result.output


def test_a_query_endpoint_with_user_info_is_refused(built):
    result = built.run("query", "products", "--endpoint", f"http://alice:s3cret-pw@127.0.0.1:{free_port()}/query")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(
        "Error: --endpoint: a URL with a user name or password (user:password@host) is refused")
    assert "s3cret" not in result.output and "alice" not in result.output


class _Echo(http.server.BaseHTTPRequestHandler):
    """Answers every request with 400 and a body that echoes the request's headers."""

    extra = ""
    seen: list[dict] = []

    def _reply(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).seen.append(dict(self.headers))
        first = sorted(self.headers.items(), key=lambda item: item[0] != "Authorization")
        echoed = "".join(f"{key}: {value}\n" for key, value in first)
        body = f"{type(self).extra}bad request; you sent:\n{echoed}".encode()
        self.send_response(400)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _reply

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def echo():
    _Echo.seen, _Echo.extra = [], ""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Echo
    server.shutdown()
    server.server_close()


def _detail(stderr: str, base: str) -> str:
    line = stderr.splitlines()[-1]
    prefix = f"Error: find staging graphs: {base}/query answered 400 Bad Request: "
    assert line.startswith(prefix), line
    return line[len(prefix):]


def test_an_error_body_that_echoes_the_password_prints_neither_it_nor_the_token(built, echo, monkeypatch):
    base, script = echo
    monkeypatch.setenv("CLAIMGRAPH_ENDPOINT_USER", "alice")
    monkeypatch.setenv("CLAIMGRAPH_ENDPOINT_PASSWORD", "s3cret-pw")
    token = base64.b64encode(b"alice:s3cret-pw").decode()
    result = built.run("load", "--endpoint", f"{base}/query")
    assert script.seen[0]["Authorization"] == f"Basic {token}"  # the body did echo it
    assert result.exit_code == 1
    detail = _detail(result.stderr, base)
    assert detail.startswith("bad request; you sent: Authorization: [redacted] Host: 127.0.0.1:")
    assert len(detail) <= 200 and detail.endswith("...")
    assert token not in result.output and token.rstrip("=") not in result.output and "s3cret" not in result.output


NETRC_TOKEN = base64.b64encode(b"bob:n3trc-pw").decode()


@pytest.mark.parametrize("echoed, shown", [
    (f"retry with basic {NETRC_TOKEN} please", "retry with basic [redacted] please"),
    ("password=n3trc-pw&user=bob", "password=[redacted]&user=[redacted]"),
    ('{"auth": "Digest username=\\"bob\\", response=\\"6629fae49393a05397450978507c4ef1\\""}',
     '{"auth": [redacted]bob\\", response=[redacted]"}'),
    ('Proxy-Authorization: Digest username="bob", response="6629fae49393a05397450978507c4ef1"\n',
     "Proxy-Authorization: [redacted]"),
    ("Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl", "Bearer [redacted]"),
    ("see http://bob:n3trc-pw@h/x", "see http://[redacted]@h/x"),
    ("a terminal escape \x1b[2J and a bell \x07 here", "a terminal escape [2J and a bell here"),
])
def test_netrc_credentials_echoed_in_any_form_are_taken_out(built, echo, monkeypatch, tmp_path, echoed, shown):
    base, script = echo
    monkeypatch.delenv("CLAIMGRAPH_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("CLAIMGRAPH_ENDPOINT_PASSWORD", raising=False)
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login bob password n3trc-pw\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    script.extra = f"{echoed} " + "x" * 1000 + "\n"  # claimgraph does not know these credentials
    result = built.run("load", "--endpoint", f"{base}/query")
    assert script.seen[0]["Authorization"] == f"Basic {NETRC_TOKEN}"
    assert result.exit_code == 1
    detail = _detail(result.stderr, base)
    assert detail.startswith(f"{shown} xxx") and len(detail) == 200 and detail.endswith("x...")
    for secret in (NETRC_TOKEN, NETRC_TOKEN.rstrip("="), "n3trc-pw", "6629fae4", "eyJhbGciOi", "\x1b", "\x07"):
        assert secret not in result.output, secret


def test_the_rest_of_an_error_body_is_kept(built, echo):
    base, script = echo
    script.extra = "Parser error at line 2: unexpected token 'foo'\n"
    result = built.run("load", "--endpoint", f"{base}/query")
    assert result.exit_code == 1
    assert _detail(result.stderr, base).startswith("Parser error at line 2: unexpected token 'foo' bad request;")
