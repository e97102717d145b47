"""Loading into a real Oxigraph server, and running saved queries there with identical answers."""

from __future__ import annotations

import http.server
import threading

import pytest

import requests

from claimgraph.stores.remote import (STAGING_PREFIX, EndpointError, GraphUpload, RemoteEngine, count_triples, endpoint_for,
                                 load_graphs, staging_graphs)
from claimgraph.rdf.namespaces import GRAPH_ASSERTED, GRAPH_HYPOTHETICAL, GRAPH_INFERRED, GRAPH_ONTOLOGY
from conftest import CLAIM_FILE, assert_server_answers_like_embedded, interrupt_after

pytestmark = pytest.mark.server


def load(project, server, *extra):
    return project.run("load", "--endpoint", server.query_url, *extra)


def test_url_derivation_for_known_servers():
    oxigraph = endpoint_for("http://h:7878/query")
    assert (oxigraph.update_url, oxigraph.store_url) == ("http://h:7878/update", "http://h:7878/store")
    fuseki = endpoint_for("http://h:3030/claims/query")
    assert (fuseki.update_url, fuseki.store_url) == ("http://h:3030/claims/update", "http://h:3030/claims/data")
    virtuoso = endpoint_for("http://h:8890/sparql")
    assert (virtuoso.update_url, virtuoso.store_url) == ("http://h:8890/sparql-auth",
                                                          "http://h:8890/sparql-graph-crud-auth")


def test_an_unknown_server_needs_explicit_urls(built):
    result = built.run("load", "--endpoint", "http://h:7200/repositories/claims")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: cannot derive the update and Graph Store URLs from 'http://h:7200/repositories/claims'; "
        "give --update-url and --store-url")


def test_every_saved_query_answers_the_same_on_the_server_as_embedded(built, oxigraph):
    result = load(built, oxigraph)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "load: ok (4 graphs)"
    assert_server_answers_like_embedded(built, oxigraph.query_url)
    assert_server_answers_like_embedded(built, oxigraph.query_url, asserted_only=True)


def test_parameters_stay_injection_proof_against_the_server(built, oxigraph):
    assert load(built, oxigraph).exit_code == 0
    result = built.run("query", "shareholders", "-p", 'company=" } ; DROP ALL #', "--endpoint", oxigraph.query_url)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("Error: -p company: no entity is named '\" } ; DROP ALL #'")
    still = built.run("query", "shareholders", "-p", "company=Mistral AI", "--endpoint", oxigraph.query_url,
                      "--format", "csv")
    assert len(still.stdout.splitlines()) == 3


#: a line of the seed's claims that a test can change or extend
OBVIOUS = 'summary: "Beyond the PR quotes this is entirely obvious (no type fits: a remark on the press release\'s quotes)."'


def test_a_second_load_replaces_the_graphs(project, oxigraph):
    assert load(project, oxigraph).exit_code == 0
    engine = RemoteEngine(endpoint_for(oxigraph.query_url))
    before = engine.graph_size(str(GRAPH_ASSERTED))
    summary = OBVIOUS + "\n"
    project.edit(CLAIM_FILE, summary, summary + "    as_of: 2025-09-09\n")
    assert project.run("build").exit_code == 0
    assert load(project, oxigraph).exit_code == 0
    assert engine.graph_size(str(GRAPH_ASSERTED)) == before + 1
    assert count_triples(project.path("data/build/asserted.ttl")) == before + 1
    appended = load(project, oxigraph, "--append")
    assert appended.exit_code == 0
    assert engine.graph_size(str(GRAPH_ASSERTED)) == before + 1  # same triples again: a set, no change


def test_appending_twice_or_posting_the_trig_again_adds_no_triple(built, oxigraph):
    """The ontology has no blank nodes, so the same files sent again are the same triples."""
    assert load(built, oxigraph).exit_code == 0
    engine = RemoteEngine(endpoint_for(oxigraph.query_url))
    graphs = [str(g) for g in (GRAPH_ONTOLOGY, GRAPH_ASSERTED, GRAPH_HYPOTHETICAL, GRAPH_INFERRED)]
    counts = {graph: engine.graph_size(graph) for graph in graphs}
    assert counts[str(GRAPH_ONTOLOGY)] == count_triples(built.path("ontology/claimgraph.ttl")) > 3000
    for _ in range(2):
        appended = load(built, oxigraph, "--append")
        assert appended.exit_code == 0, appended.output
        assert {graph: engine.graph_size(graph) for graph in graphs} == counts
    store = endpoint_for(oxigraph.query_url).store_url
    posted = requests.post(store, data=built.path("data/build/claimgraph.trig").read_bytes(),
                           headers={"Content-Type": "application/trig"}, timeout=60)
    assert posted.status_code in (200, 201, 204), posted.text
    ontology = requests.post(store, params={"graph": str(GRAPH_ONTOLOGY)}, timeout=60,
                             data=built.path("ontology/claimgraph.ttl").read_bytes(),
                             headers={"Content-Type": "text/turtle"})
    assert ontology.status_code in (200, 201, 204), ontology.text
    assert {graph: engine.graph_size(graph) for graph in graphs} == counts


def test_a_broken_upload_leaves_the_previous_graph_intact(built, oxigraph, tmp_path):
    assert load(built, oxigraph).exit_code == 0
    endpoint = endpoint_for(oxigraph.query_url)
    engine = RemoteEngine(endpoint)
    before = engine.graph_size(str(GRAPH_ASSERTED))
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> <c> .\n<a> <b> \"unterminated .\n", encoding="utf-8")
    with pytest.raises(EndpointError) as info:
        load_graphs(endpoint, [GraphUpload("asserted", str(GRAPH_ASSERTED), broken, 2)])
    assert str(info.value).startswith(f"upload broken.ttl: {oxigraph.query_url.rsplit('/', 1)[0]}/store answered 400")
    assert engine.graph_size(str(GRAPH_ASSERTED)) == before
    assert _staging_graphs(engine) == []


def test_an_upload_cut_halfway_leaves_the_previous_graph_intact(built, oxigraph, monkeypatch):
    assert load(built, oxigraph).exit_code == 0
    endpoint = endpoint_for(oxigraph.query_url)
    engine = RemoteEngine(endpoint)
    before = engine.graph_size(str(GRAPH_ASSERTED))
    path = built.path("data/build/asserted.ttl")
    upload = GraphUpload("asserted", str(GRAPH_ASSERTED), path, count_triples(path))
    with pytest.raises(KeyboardInterrupt):
        load_graphs(endpoint, [upload], progress=interrupt_after(20_000))
    assert engine.graph_size(str(GRAPH_ASSERTED)) == before
    assert _staging_graphs(engine) == []


def test_an_incomplete_staging_graph_is_never_swapped_in(built, oxigraph):
    assert load(built, oxigraph).exit_code == 0
    endpoint = endpoint_for(oxigraph.query_url)
    engine = RemoteEngine(endpoint)
    before = engine.graph_size(str(GRAPH_ASSERTED))
    path = built.path("data/build/asserted.ttl")
    with pytest.raises(EndpointError) as info:
        load_graphs(endpoint, [GraphUpload("asserted", str(GRAPH_ASSERTED), path, count_triples(path) + 1)])
    assert "the server holds" in str(info.value) and "the upload was incomplete" in str(info.value)
    assert engine.graph_size(str(GRAPH_ASSERTED)) == before


def _staging_graphs(engine: RemoteEngine) -> list[str]:
    """Staging graphs over the server's whole dataset (not the dataset a saved query names)."""
    return staging_graphs(engine.endpoint)


def _sizes(engine: RemoteEngine) -> dict[str, int]:
    rows = engine.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", what="sizes")
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def _insert(endpoint, update: str) -> None:
    response = requests.post(endpoint.update_url, data={"update": update}, timeout=10)
    assert response.status_code in (200, 204), response.text


def _uploads_of(project) -> list[GraphUpload]:
    files = {"ontology": (GRAPH_ONTOLOGY, "ontology/claimgraph.ttl"),
             "asserted": (GRAPH_ASSERTED, "data/build/asserted.ttl"),
             "hypothetical": (GRAPH_HYPOTHETICAL, "data/build/hypothetical.ttl"),
             "inferred": (GRAPH_INFERRED, "data/build/inferred.ttl")}
    return [GraphUpload(name, str(graph), project.path(path), count_triples(project.path(path)))
            for name, (graph, path) in files.items()]


def test_a_failure_in_the_last_upload_swaps_in_no_graph_at_all(built, oxigraph, tmp_path):
    assert load(built, oxigraph).exit_code == 0
    endpoint = endpoint_for(oxigraph.query_url)
    engine = RemoteEngine(endpoint)
    before = _sizes(engine)
    extra = tmp_path / "one-more.ttl"
    extra.write_text("<urn:test:s> <urn:test:p> <urn:test:o> .\n", encoding="utf-8")
    uploads = [GraphUpload(u.name, u.graph, extra, 1) for u in _uploads_of(built)[:3]]  # would change three graphs
    broken = tmp_path / "broken.ttl"
    broken.write_text("<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> \"unterminated .\n", encoding="utf-8")
    with pytest.raises(EndpointError) as info:
        load_graphs(endpoint, uploads + [GraphUpload("inferred", str(GRAPH_INFERRED), broken, 2)])
    assert str(info.value).startswith("upload broken.ttl: ") and " answered 400 Bad Request: " in str(info.value)
    assert _sizes(engine) == before
    assert _staging_graphs(engine) == []
    with pytest.raises(EndpointError) as info:  # a count that does not match, on the last graph
        load_graphs(endpoint, uploads + [GraphUpload("inferred", str(GRAPH_INFERRED), extra, 2)])
    assert str(info.value) == ("load inferred: the server holds 1 triples in the staging graph, expected 2; "
                               "the upload was incomplete; no graph was changed")
    assert _sizes(engine) == before
    assert _staging_graphs(engine) == []


def test_stale_staging_graphs_are_removed_by_the_next_load_and_by_clean_staging(built, oxigraph):
    assert load(built, oxigraph).exit_code == 0
    endpoint = endpoint_for(oxigraph.query_url)
    engine = RemoteEngine(endpoint)
    stale = [f"{STAGING_PREFIX}20260101T000000Z-0badc0de:{i}-{name}" for i, name in enumerate(["ontology", "asserted"])]
    _insert(endpoint, "INSERT DATA { " + " ".join(f"GRAPH <{g}> {{ <urn:a> <urn:b> <urn:c> }}" for g in stale)
            + " GRAPH <urn:claimgraph:staging-not-ours> { <urn:a> <urn:b> <urn:c> } }")
    assert _staging_graphs(engine) == stale
    result = load(built, oxigraph)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "load: removed 2 staging graph(s) left by earlier loads"
    assert _staging_graphs(engine) == []
    assert _sizes(engine)["urn:claimgraph:staging-not-ours"] == 1
    _insert(endpoint, f"INSERT DATA {{ GRAPH <{stale[0]}> {{ <urn:a> <urn:b> <urn:c> }} }}")
    cleaned = built.run("load", "--endpoint", oxigraph.query_url, "--clean-staging")
    assert cleaned.exit_code == 0
    assert cleaned.stderr.splitlines() == ["load: removed 1 staging graph(s) left by earlier loads"]
    assert _staging_graphs(engine) == []
    assert _sizes(engine)[str(GRAPH_ASSERTED)] == count_triples(built.path("data/build/asserted.ttl"))


def test_an_empty_graph_replaces_its_target_without_a_staging_graph(built, oxigraph, tmp_path):
    assert load(built, oxigraph).exit_code == 0
    endpoint = endpoint_for(oxigraph.query_url)
    engine = RemoteEngine(endpoint)
    before = _sizes(engine)
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix cg: <https://w3id.org/claimgraph/ontology#> .\n", encoding="utf-8")
    report = load_graphs(endpoint, [GraphUpload("hypothetical", str(GRAPH_HYPOTHETICAL), empty, 0)])
    assert report.mode == "replace"
    after = _sizes(engine)
    assert str(GRAPH_HYPOTHETICAL) not in after and before[str(GRAPH_HYPOTHETICAL)] > 0
    assert {g: n for g, n in after.items()} == {g: n for g, n in before.items() if g != str(GRAPH_HYPOTHETICAL)}


def test_server_down_is_a_clear_error(built):
    from conftest import free_port
    url = f"http://127.0.0.1:{free_port()}/query"
    result = built.run("load", "--endpoint", url)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: find staging graphs: cannot connect to {url} (connection refused); "
        "is the server running and the URL right?")


def test_wrong_url_is_a_clear_error(built, oxigraph):
    wrong = oxigraph.query_url.replace("/query", "/nothing/query")
    result = built.run("query", "products", "--endpoint", wrong)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(f"Error: count: {wrong} answered 404 Not Found: no such service")


def test_querying_before_loading_is_a_clear_error(built, oxigraph):
    result = built.run("query", "products", "--endpoint", oxigraph.query_url)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: the endpoint has no triples in <https://w3id.org/claimgraph/graph/asserted>; "
        f"run `claimgraph load --endpoint {oxigraph.query_url}` first")


# -- behaviour against a scripted fake server: auth, retries, truncation ---------------------------

class _Script(http.server.BaseHTTPRequestHandler):
    replies: list[tuple[int, dict, bytes]] = []
    seen: list[tuple[str, dict]] = []

    def _reply(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        type(self).seen.append((self.command, dict(self.headers)))
        status, headers, body = type(self).replies.pop(0) if type(self).replies else (200, {}, b"")
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _reply

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def fake():
    _Script.replies, _Script.seen = [], []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Script)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Script
    server.shutdown()
    server.server_close()


def test_401_names_the_environment_variables_and_never_the_password(fake, monkeypatch):
    base, script = fake
    monkeypatch.setenv("CLAIMGRAPH_ENDPOINT_USER", "alice")
    monkeypatch.setenv("CLAIMGRAPH_ENDPOINT_PASSWORD", "s3cret-pw")
    script.replies = [(401, {"WWW-Authenticate": 'Basic realm="x"'}, b"denied")]
    engine = RemoteEngine(endpoint_for(f"{base}/query"))
    with pytest.raises(EndpointError) as info:
        engine.run("ASK {}", form="ASK")
    assert str(info.value) == (f"query: {base}/query answered 401 Unauthorized: authentication failed; set "
                               "CLAIMGRAPH_ENDPOINT_USER and CLAIMGRAPH_ENDPOINT_PASSWORD, or a netrc entry for the host")
    assert "s3cret" not in str(info.value)
    assert script.seen[0][1]["Authorization"].startswith("Basic ")


@pytest.mark.parametrize("status, hint", [
    (403, "the server refuses this operation for these credentials"),
    (415, "the server does not accept this content type at this URL; check --store-url"),
])
def test_other_http_errors_have_a_hint(fake, status, hint):
    base, script = fake
    script.replies = [(status, {}, b"")]
    with pytest.raises(EndpointError) as info:
        RemoteEngine(endpoint_for(f"{base}/query")).run("ASK {}", form="ASK")
    assert hint in str(info.value)


def test_5xx_is_retried_with_backoff_and_4xx_is_not(fake):
    base, script = fake
    ok = (200, {"Content-Type": "application/sparql-results+json"}, b'{"head":{},"boolean":true}')
    script.replies = [(503, {}, b""), (502, {}, b""), ok]
    endpoint = endpoint_for(f"{base}/query", backoff=0.01)
    assert RemoteEngine(endpoint).run("ASK {}", form="ASK").data == ok[2]
    assert len(script.seen) == 3
    script.replies, script.seen[:] = [(400, {}, b"bad query")], []
    with pytest.raises(EndpointError):
        RemoteEngine(endpoint).run("ASK {}", form="ASK")
    assert len(script.seen) == 1


def test_a_cut_off_answer_is_an_error_not_a_partial_result(fake):
    base, script = fake
    script.replies = [(200, {}, b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"uri","value":"http://a"}}')]
    with pytest.raises(EndpointError) as info:
        RemoteEngine(endpoint_for(f"{base}/query")).run("SELECT ?x WHERE {}", form="SELECT")
    assert str(info.value).startswith("query: the server's answer is incomplete or not SPARQL JSON")


def test_a_row_limited_answer_fails_loudly(fake):
    base, script = fake
    body = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
    script.replies = [(200, {"X-SPARQL-MaxRows": "10000"}, body)]
    with pytest.raises(EndpointError) as info:
        RemoteEngine(endpoint_for(f"{base}/sparql")).run("SELECT ?x WHERE {}", form="SELECT")
    assert str(info.value) == ("query: the server cut the answer at 10000 rows (X-SPARQL-MaxRows); "
                               "raise its ResultSetMaxRows or add LIMIT/OFFSET to the query")


def test_queries_are_form_encoded_and_name_the_dataset(fake):
    base, script = fake
    script.replies = [(200, {}, b'{"head":{},"boolean":true}')]
    RemoteEngine(endpoint_for(f"{base}/sparql")).run("ASK {}", form="ASK", asserted_only=True)
    method, headers = script.seen[0]
    assert method == "POST"
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert headers["Accept"] == "application/sparql-results+json"


def test_virtuoso_staging_graphs_are_found_through_their_triples(built, virtuoso, monkeypatch):
    """Virtuoso answers ``GRAPH ?g { }`` with one solution that binds nothing."""
    from requests.auth import HTTPDigestAuth
    monkeypatch.setenv("CLAIMGRAPH_ENDPOINT_USER", virtuoso.user)
    monkeypatch.setenv("CLAIMGRAPH_ENDPOINT_PASSWORD", virtuoso.password)
    assert built.run("load", "--endpoint", virtuoso.query_url).exit_code == 0
    endpoint = endpoint_for(virtuoso.query_url)
    stale = f"{STAGING_PREFIX}20260101T000000Z-0badc0de:1-asserted"
    response = requests.post(endpoint.update_url, auth=HTTPDigestAuth(virtuoso.user, virtuoso.password), timeout=30,
                             data={"update": f"INSERT DATA {{ GRAPH <{stale}> {{ <urn:a> <urn:b> <urn:c> }} }}"})
    assert response.status_code == 200, response.text
    assert staging_graphs(endpoint) == [stale]
    result = built.run("load", "--endpoint", virtuoso.query_url)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "load: removed 1 staging graph(s) left by earlier loads"
    assert staging_graphs(endpoint) == []
    assert RemoteEngine(endpoint).graph_size(str(GRAPH_ASSERTED)) == count_triples(built.path("data/build/asserted.ttl"))


@pytest.mark.parametrize("bindings", [
    '[{"s":{"type":"uri","value":"http://a"}}]',                                            # no label
    '[{"s":{"type":"uri","value":"http://a"},"label":{"type":"uri","value":"http://b"}}]',  # an IRI as label
    '[{"s":{"type":"literal","value":"a"},"label":{"type":"literal","value":"A"}}]',        # a literal subject
])
def test_a_label_answer_a_server_got_wrong_leaves_the_iri_shown(bindings):
    """Issue 17 leftover: labels only decorate a table; a malformed row is left out, no traceback."""
    from claimgraph.queries.answers import label_lookup
    from claimgraph.stores.embedded import RawAnswer

    class Server:
        def run(self, text, *, form, asserted_only=False, tsv=False):
            return RawAnswer("SELECT", ('{"head":{"vars":["s","label"]},"results":{"bindings":%s}}' % bindings).encode())

    assert label_lookup(Server(), "en")(["http://a"]) == {}
