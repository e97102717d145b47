"""The same guarantees on Virtuoso 7: identical answers, atomic replace, no silent row cut."""

from __future__ import annotations

import pytest

from claimgraph.stores.remote import EndpointError, GraphUpload, RemoteEngine, count_triples, endpoint_for, load_graphs
from claimgraph.rdf.namespaces import GRAPH_ASSERTED, GRAPH_HYPOTHETICAL
from conftest import assert_server_answers_like_embedded, interrupt_after

pytestmark = pytest.mark.server


@pytest.fixture
def credentials(virtuoso, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_ENDPOINT_USER", virtuoso.user)
    monkeypatch.setenv("CLAIMGRAPH_ENDPOINT_PASSWORD", virtuoso.password)
    return virtuoso


def test_load_needs_credentials(built, virtuoso, monkeypatch):
    monkeypatch.delenv("CLAIMGRAPH_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("CLAIMGRAPH_ENDPOINT_PASSWORD", raising=False)
    monkeypatch.setenv("NETRC", "/nonexistent")
    result = built.run("load", "--endpoint", virtuoso.query_url)
    assert result.exit_code == 1
    assert "answered 401 Unauthorized: authentication failed; set CLAIMGRAPH_ENDPOINT_USER" in result.stderr
    assert virtuoso.password not in result.output


def test_every_saved_query_answers_the_same_on_virtuoso_as_embedded(built, credentials):
    result = built.run("load", "--endpoint", credentials.query_url)
    assert result.exit_code == 0, result.output
    assert_server_answers_like_embedded(built, credentials.query_url)


def test_a_broken_upload_leaves_the_previous_graph_intact(built, credentials, tmp_path):
    assert built.run("load", "--endpoint", credentials.query_url).exit_code == 0
    endpoint = endpoint_for(credentials.query_url)
    engine = RemoteEngine(endpoint)
    before = engine.graph_size(str(GRAPH_ASSERTED))
    assert before == count_triples(built.path("data/build/asserted.ttl"))
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://a> <http://b> <http://c> .\n<http://a> <http://b> \"unterminated .\n", encoding="utf-8")
    with pytest.raises(EndpointError):
        load_graphs(endpoint, [GraphUpload("asserted", str(GRAPH_ASSERTED), broken, 2)])
    assert engine.graph_size(str(GRAPH_ASSERTED)) == before


def test_an_upload_cut_halfway_leaves_the_previous_graph_intact(built, credentials):
    assert built.run("load", "--endpoint", credentials.query_url).exit_code == 0
    endpoint = endpoint_for(credentials.query_url)
    engine = RemoteEngine(endpoint)
    before = engine.graph_size(str(GRAPH_ASSERTED))
    path = built.path("data/build/asserted.ttl")
    with pytest.raises(KeyboardInterrupt):
        load_graphs(endpoint, [GraphUpload("asserted", str(GRAPH_ASSERTED), path, count_triples(path))],
                    progress=interrupt_after(20_000))
    assert engine.graph_size(str(GRAPH_ASSERTED)) == before


def test_more_rows_than_virtuoso_returns_is_an_error_not_a_silent_cut(credentials, tmp_path):
    endpoint = endpoint_for(credentials.query_url)
    big = tmp_path / "big.ttl"
    big.write_text("".join(f"<http://example.org/s{i}> <http://example.org/p> {i} .\n" for i in range(10_050)),
                   encoding="utf-8")
    graph = str(GRAPH_HYPOTHETICAL)  # a graph of the query dataset, so the query can see it
    load_graphs(endpoint, [GraphUpload("big", graph, big, 10_050)])
    with pytest.raises(EndpointError) as info:
        RemoteEngine(endpoint).run(f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", form="SELECT")
    assert str(info.value) == ("query: the server cut the answer at 10000 rows (X-SPARQL-MaxRows); "
                               "raise its ResultSetMaxRows or add LIMIT/OFFSET to the query")
