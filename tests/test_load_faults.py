"""`claimgraph load --replace` killed at several points against a real Oxigraph server: every
target graph stays entirely the old build (A), or, once the swap request reached the server,
becomes entirely the new one (B); never a mix. The next load leaves no staging graph.

The load runs as a subprocess through a small proxy on loopback that forwards each request to
Oxigraph and holds one of them at the chosen point (nothing in claimgraph is told about it), so
the signal arrives while the load waits there.
"""

from __future__ import annotations

import http.client
import http.server
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest
import requests

from claimgraph.stores.remote import STAGING_PREFIX, endpoint_for, staging_graphs
from claimgraph.rdf.namespaces import GRAPH_ASSERTED, GRAPH_HYPOTHETICAL, GRAPH_INFERRED, GRAPH_ONTOLOGY
from conftest import Project, copy_project

pytestmark = pytest.mark.server

FILES = {str(GRAPH_ONTOLOGY): "ontology/claimgraph.ttl", str(GRAPH_ASSERTED): "data/build/asserted.ttl",
         str(GRAPH_HYPOTHETICAL): "data/build/hypothetical.ttl", str(GRAPH_INFERRED): "data/build/inferred.ttl"}
UNRELATED = "urn:test:unrelated"
HOLD_BYTES = 4096  # of the first upload's body that reach the server before the hold
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "host", "content-length"}


class HoldingProxy:
    """Forwards HTTP/1.1 requests to ``upstream`` and holds one at ``point``:

    * ``first-upload``: the first upload (PUT, or POST for ``--append``), after HOLD_BYTES of its body reached the server; when
      released, the connection to the server is cut (the rest of the body never arrives);
    * ``second-upload``: the second upload, before any of it reaches the server;
    * ``before-swap``: the answer to the count of the last staging graph (the server has every
      staging graph, the swap is not sent yet);
    * ``swap``: the answer to the update request with MOVE (the server has run it);
    * ``swap-lost``: that answer is never sent (the connection is closed), nothing is held;
    * ``swap-refused``: the swap request is answered 503 without reaching the server.

    Other requests (a stopped load's clean-up, on a new connection) are forwarded meanwhile.
    """

    def __init__(self, upstream: str, point: str, graphs: int):
        self.upstream = urlsplit(upstream)
        self.point, self.graphs = point, graphs
        self.reached, self.release, self.finished = threading.Event(), threading.Event(), threading.Event()
        self.lock = threading.Lock()
        self.puts = self.staging_counts = 0
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self) -> None:
                proxy.forward(self)

            do_GET = do_POST = do_PUT = _forward

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.query_url = f"http://127.0.0.1:{self.server.server_address[1]}/query"

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def _hold(self) -> None:
        self.reached.set()
        self.release.wait(60)
        self.finished.set()

    def forward(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in HOP_BY_HOP}
        upload = handler.command in ("PUT", "POST") and urlsplit(handler.path).path == "/store"
        with self.lock:
            if upload:
                self.puts += 1
            put_number = self.puts if upload else 0
        upstream = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=60)
        try:
            if self.point == "first-upload" and put_number == 1:
                upstream.putrequest(handler.command, handler.path)
                for key, value in [*headers.items(), ("Content-Length", str(length))]:
                    upstream.putheader(key, value)
                upstream.endheaders()
                upstream.send(handler.rfile.read(min(HOLD_BYTES, length)))
                handler.close_connection = True
                return self._hold()
            if self.point == "second-upload" and put_number == 2:
                handler.close_connection = True
                return self._hold()
            body = handler.rfile.read(length)
            form = parse_qs(body.decode("utf-8", "replace")) if handler.command == "POST" else {}
            query, update = form.get("query", [""])[0], form.get("update", [""])[0]
            if self.point == "swap-refused" and "MOVE GRAPH" in update:  # never reaches the server
                handler.send_response(503)
                handler.send_header("Content-Length", "0")
                handler.end_headers()
                return
            upstream.request(handler.command, handler.path, body=body, headers=headers)
            answer = upstream.getresponse()
            data = answer.read()
            with self.lock:
                if "COUNT(*)" in query and STAGING_PREFIX in query:
                    self.staging_counts += 1
                last_count = "COUNT(*)" in query and STAGING_PREFIX in query and self.staging_counts == self.graphs
            if (self.point == "before-swap" and last_count) or (self.point == "swap" and "MOVE GRAPH" in update):
                handler.close_connection = True
                return self._hold()
            if self.point == "swap-lost" and "MOVE GRAPH" in update:  # the server ran it; the answer is lost
                handler.close_connection = True
                return
            handler.send_response(answer.status)
            for key, value in answer.getheaders():
                if key.lower() not in HOP_BY_HOP:
                    handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        finally:
            upstream.close()


def skeleton(triples) -> list[str]:
    """A graph's triples as sorted N-Triples lines, blank node labels left out (the ontology has
    some, and the server relabels them)."""
    return sorted(re.sub(r"_:\S+", "_:b", str(t)) for t in triples)


def file_skeleton(path: Path) -> list[str]:
    """The file's graph as an Oxigraph store holds it (it stores an xsd:nonNegativeInteger
    literal as xsd:integer, so the file's own triples would not compare)."""
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:test:g"))
    return skeleton(quad.triple for quad in store)


def server_skeleton(store_url: str, graph: str) -> list[str]:
    response = requests.get(store_url, params={"graph": graph}, headers={"Accept": "application/n-triples"},
                            timeout=30)
    if response.status_code == 404:
        return []
    assert response.status_code == 200, response.text
    return skeleton(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))


@pytest.fixture(scope="module")
def builds(tmp_path_factory, built: Project) -> tuple[Project, Project]:
    """State A (the built project) and state B: a copy whose four files each lose one triple and
    gain a marker triple, so every graph differs both ways between A and B."""
    root = copy_project(tmp_path_factory.mktemp("state-b") / "project")
    for graph, relative in FILES.items():
        triples = list(ox.parse(path=str(built.path(relative)), format=ox.RdfFormat.TURTLE))
        drop = next(i for i, t in enumerate(triples) if isinstance(t.subject, ox.NamedNode)
                    and not isinstance(t.object, ox.BlankNode))
        kept = triples[:drop] + triples[drop + 1:]
        kept.append(ox.Triple(ox.NamedNode("urn:test:state"), ox.NamedNode("urn:test:of"), ox.Literal(f"B {graph}")))
        (root / relative).write_bytes(ox.serialize(kept, format=ox.RdfFormat.N_TRIPLES))
    return built, Project(root, built.runner)


def assert_graphs_are(state: Project, store_url: str) -> None:
    for graph, relative in FILES.items():
        assert server_skeleton(store_url, graph) == file_skeleton(state.path(relative)), graph


def message(word: str, point: str) -> str:
    if point == "swap":
        return (f"claimgraph: {word}; the swap to the new graphs was sent but not confirmed: a store that runs an "
                "update request as one transaction (Oxigraph, Fuseki) holds all the old graphs or all the new ones; "
                "run `claimgraph load` again to be sure")
    return (f"claimgraph: {word}; no target graph on the server was changed (the new graphs were not swapped in); "
            "this run's staging graphs were removed")


POINTS = ["first-upload", "second-upload", "before-swap", "swap"]
SIGNALS = {"SIGKILL": (signal.SIGKILL, -signal.SIGKILL, None), "SIGTERM": (signal.SIGTERM, 143, "terminated"),
           "SIGINT": (signal.SIGINT, 130, "interrupted")}


@pytest.mark.parametrize("signame", list(SIGNALS))
@pytest.mark.parametrize("point", POINTS)
def test_a_killed_replace_leaves_all_old_or_all_new_graphs(builds, oxigraph, point, signame):
    state_a, state_b = builds
    endpoint = endpoint_for(oxigraph.query_url)
    assert state_a.run("load", "--endpoint", oxigraph.query_url).exit_code == 0
    requests.post(endpoint.update_url, timeout=10,
                  data={"update": f'INSERT DATA {{ GRAPH <{UNRELATED}> {{ <urn:test:s> <urn:test:p> "kept" }} }}'})
    assert_graphs_are(state_a, endpoint.store_url)
    proxy = HoldingProxy(oxigraph.query_url, point, graphs=len(FILES))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMGRAPH_")}
    process = subprocess.Popen(
        [sys.executable, "-c", "from claimgraph.cli import main; main()", "--project", str(state_b.root),
         "load", "--replace", "--endpoint", proxy.query_url],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        if not proxy.reached.wait(60):
            process.kill()
            pytest.fail(f"the load never reached {point}: {process.communicate()[1].decode()[-800:]}")
        signum, code, word = SIGNALS[signame]
        os.kill(process.pid, signum)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        proxy.release.set()
        proxy.finished.wait(10)
        proxy.close()

    assert process.returncode == code, stderr.decode()
    if word:
        assert stderr.decode().splitlines()[-1] == message(word, point)
    assert_graphs_are(state_b if point == "swap" else state_a, endpoint.store_url)
    assert server_skeleton(endpoint.store_url, UNRELATED) == ['<urn:test:s> <urn:test:p> "kept"']
    left = staging_graphs(endpoint)
    if word or point in ("first-upload", "swap"):
        assert left == []  # cleaned up after the stop, never made, or moved by the swap
    else:  # SIGKILL: the finished uploads stay as staging graphs until the next load
        assert len(left) == (1 if point == "second-upload" else len(FILES))
        assert all(g.startswith(STAGING_PREFIX) for g in left)

    again = state_b.run("load", "--endpoint", oxigraph.query_url)
    assert again.exit_code == 0, again.output
    if left:
        assert f"load: removed {len(left)} staging graph(s) left by earlier loads" in again.stderr.splitlines()
    assert_graphs_are(state_b, endpoint.store_url)
    assert staging_graphs(endpoint) == []
    assert server_skeleton(endpoint.store_url, UNRELATED) == ['<urn:test:s> <urn:test:p> "kept"']


def _load_through(proxy: HoldingProxy, state: Project) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMGRAPH_")}
    return subprocess.run(
        [sys.executable, "-c", "from claimgraph.cli import main; main()", "--project", str(state.root),
         "load", "--replace", "--endpoint", proxy.query_url],
        stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=120)


def test_a_lost_answer_to_the_swap_is_checked_on_the_server(builds, oxigraph):
    state_a, state_b = builds
    endpoint = endpoint_for(oxigraph.query_url)
    assert state_a.run("load", "--endpoint", oxigraph.query_url).exit_code == 0
    proxy = HoldingProxy(oxigraph.query_url, "swap-lost", graphs=len(FILES))
    try:
        done = _load_through(proxy, state_b)
    finally:
        proxy.close()
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr.decode().splitlines()[-1] == "load: ok (4 graphs)"
    assert_graphs_are(state_b, endpoint.store_url)
    assert staging_graphs(endpoint) == []


def test_a_refused_swap_changes_no_graph_and_removes_the_staging_graphs(builds, oxigraph):
    state_a, state_b = builds
    endpoint = endpoint_for(oxigraph.query_url)
    assert state_a.run("load", "--endpoint", oxigraph.query_url).exit_code == 0
    proxy = HoldingProxy(oxigraph.query_url, "swap-refused", graphs=len(FILES))
    try:
        done = _load_through(proxy, state_b)
    finally:
        proxy.close()
    assert done.returncode == 1
    assert done.stderr.decode().splitlines()[-1] == (
        f"Error: load (swap): {proxy.query_url.rsplit('/', 1)[0]}/update "
        "answered 503 Service Unavailable: Service Unavailable (no graph was swapped)")
    assert_graphs_are(state_a, endpoint.store_url)
    assert staging_graphs(endpoint) == []


def test_a_stopped_append_says_it_is_not_atomic_and_replace_puts_it_right(builds, oxigraph):
    state_a, state_b = builds
    endpoint = endpoint_for(oxigraph.query_url)
    assert state_a.run("load", "--endpoint", oxigraph.query_url).exit_code == 0
    proxy = HoldingProxy(oxigraph.query_url, "second-upload", graphs=len(FILES))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMGRAPH_")}
    process = subprocess.Popen(
        [sys.executable, "-c", "from claimgraph.cli import main; main()", "--project", str(state_b.root),
         "load", "--append", "--endpoint", proxy.query_url],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        assert proxy.reached.wait(60), "the load never reached its second upload"
        os.kill(process.pid, signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        proxy.close()
    assert process.returncode == 143
    assert stderr.decode().splitlines()[-1] == (
        "claimgraph: terminated; --append is not atomic: the target graphs may hold part of the new triples; "
        "`claimgraph load --replace` puts them right")
    ontology = server_skeleton(endpoint.store_url, str(GRAPH_ONTOLOGY))  # A and B added together: a mix
    assert ontology not in (file_skeleton(state_a.path(FILES[str(GRAPH_ONTOLOGY)])),
                            file_skeleton(state_b.path(FILES[str(GRAPH_ONTOLOGY)])))
    assert state_b.run("load", "--endpoint", oxigraph.query_url, "--replace").exit_code == 0
    assert_graphs_are(state_b, endpoint.store_url)
