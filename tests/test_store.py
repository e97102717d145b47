"""The lean store behaves like rdflib's: lookups see every triple, before and after indexing."""

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from claimgraph.rdf.namespaces import CG, CGI, new_graph
from claimgraph.rdf.triples import TripleSet, all_triples


def test_lookups_see_every_triple_before_and_after_the_index_is_built():
    g = new_graph()
    g.add((CGI.a, RDF.type, CG.Claim))
    g.add((CGI.a, CG.claimId, Literal("a")))
    g.add((CGI.a, CG.claimId, Literal("a")))  # a set: once
    assert len(g) == 2
    assert (CGI.a, RDF.type, CG.Claim) in g and (CGI.b, RDF.type, CG.Claim) not in g
    assert g.value(CGI.a, CG.claimId) == Literal("a")  # builds the index
    g.add((CGI.b, RDF.type, CG.Claim))  # after indexing: both the set and the index get it
    assert sorted(g.subjects(RDF.type, CG.Claim)) == [CGI.a, CGI.b]
    assert len(g) == 3
    g.remove((CGI.a, None, None))
    assert set(g) == {(CGI.b, RDF.type, CG.Claim)}
    assert list(g.subjects(RDF.type, CG.Claim)) == [CGI.b]


def test_same_answers_as_rdflib_default_store(seed_result):
    lean, reference = new_graph(), Graph()
    for triple in seed_result.graphs.asserted:
        lean.add(triple)
        reference.add(triple)
    query = "SELECT ?s ?o WHERE { ?s <https://w3id.org/claimgraph/ontology#mentions> ?o } ORDER BY ?s ?o"
    assert list(lean.query(query)) == list(reference.query(query))
    assert set(lean + reference) == set(reference) and len(lean - reference) == 0


def test_release_empties_the_graph_which_stays_usable():
    g = new_graph()
    g.add((CGI.a, RDF.type, CG.Claim))
    assert g.value(CGI.a, RDF.type) == CG.Claim  # indexed
    g.store.release()
    assert len(g) == 0 and list(g) == [] and g.value(CGI.a, RDF.type) is None
    g.add((CGI.b, RDF.type, CG.Claim))
    assert list(g.subjects(RDF.type, CG.Claim)) == [CGI.b]


def test_triple_set_is_a_set_that_keeps_the_order_triples_were_added_in():
    first, second, third = (CGI.b, RDF.type, CG.Claim), (CGI.a, RDF.type, CG.Claim), (CGI.c, CG.claimId, Literal("c"))
    triples = TripleSet()
    triples.add(first)
    triples.add(second)
    triples.add(first)  # again: kept once, where it first came
    triples.update([third, second])
    assert list(triples) == [first, second, third] and len(triples) == 3
    assert second in triples and (CGI.z, RDF.type, CG.Claim) not in triples
    assert triples == {first, second, third} and triples != {first, second}
    assert not triples != {first, second, third} and not triples == {first, second}
    triples.discard(second)
    triples.discard(second)  # absent: no error, as a set
    assert list(triples) == [first, third]
    with pytest.raises(TypeError):
        triples | {second}  # no set algebra (on a dictionary, | would merge)
    with pytest.raises(TypeError):
        triples | TripleSet()
    with pytest.raises(TypeError):
        triples |= TripleSet()
    with pytest.raises(TypeError):
        hash(triples)


def test_graphs_iterate_in_the_order_their_triples_were_added():
    g = new_graph()
    added = [(CGI[f"n{i}"], CG.claimId, Literal(str(i))) for i in (5, 3, 9, 1, 7)]
    for triple in added:
        g.add(triple)
    assert isinstance(all_triples(g), TripleSet)
    assert list(all_triples(g)) == added == list(g)


def test_mapped_graphs_keep_the_order_the_mapper_made_them_in(seed_result):
    """The mapper writes a node's triples one after another; its graphs keep that order, so a
    pass over them reads a node's triples together."""
    asserted = list(all_triples(seed_result.graphs.asserted))
    subjects = [s for s, _, _ in asserted]
    runs = 1 + sum(1 for before, after in zip(subjects, subjects[1:]) if before != after)
    assert isinstance(all_triples(seed_result.graphs.asserted), TripleSet)
    assert runs < len(set(subjects)) * 2  # mostly one run per node (hash order gives one per triple)


def test_the_ontology_and_shapes_use_the_mappers_term_objects(seed_result):
    """Parsed IRIs are new objects; made the mapper's own, a lookup that meets both compares
    by identity instead of through rdflib's Python __eq__."""
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDFS

    from claimgraph.rdf.namespaces import ORG, canonical_term

    ontology = seed_result.graphs.ontology
    terms = {t for triple in ontology for t in triple if type(t) is URIRef}
    cg_terms = [t for t in terms if t.startswith(str(CG))]
    assert len(cg_terms) > 50 and all(t is CG[t[len(str(CG)):]] for t in cg_terms)
    assert all(t is RDF.type for t in terms if t == RDF.type) and RDF.type in terms
    assert all(t is OWL.Class for t in terms if t == OWL.Class) and OWL.Class in terms
    assert all(t is RDFS.subClassOf for t in terms if t == RDFS.subClassOf)
    assert all(t is ORG.Organization for t in terms if t == ORG.Organization)
    shape_terms = {t for triple in seed_result.graphs.shapes for t in triple if type(t) is URIRef}
    in_shapes = [t for t in shape_terms if t.startswith(str(CG))]
    assert len(in_shapes) > 20 and all(t is CG[t[len(str(CG)):]] for t in in_shapes)
    fresh = URIRef(str(CG) + "Company")
    assert fresh is not CG.Company and canonical_term(fresh) is CG.Company
    for kept in (URIRef(str(RDF) + "notARdfTerm"), URIRef(str(CGI) + "asml"), URIRef("https://example.org/x"),
                 Literal("cg:Company")):
        assert canonical_term(kept) is kept


# -- The query store on disk (stores/persistent.py) ----------------------------------------------

import errno
import os
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from claimgraph.queries.answers import NAME_INDEX_GRAPH, NAME_INDEX_UPDATE, _all_names, _entities_named
from claimgraph.project import STORE_INDEXES
from claimgraph.queries.expected import current_answer
from claimgraph.queries.formats import solutions
from claimgraph.stores.embedded import named_graphs
from claimgraph.queries.saved import list_queries
from claimgraph.stores import persistent
from claimgraph.stores.embedded import EmbeddedEngine

TRIG = "data/build/claimgraph.trig"
FILLED = re.compile(r"query: the query store \.claimgraph-cache/store-[0-9a-f]{32} (was missing|belonged to another "
                    r"build); filled it from data/build/claimgraph\.trig in \d+\.\d s\n")


def _generations(root: Path) -> list[str]:
    folder = root / ".claimgraph-cache"
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def _fill(root: Path) -> persistent.Filled:
    return persistent.ensure_store(root, root / TRIG, root / "data/build/build.json", indexes=STORE_INDEXES)


def _current(root: Path) -> persistent.StoreEngine | None:
    return persistent.open_current(root, root / TRIG, root / "data/build/build.json", STORE_INDEXES)


def _memory_csv(root: Path) -> str:
    """``shareholders`` of Mistral AI as CSV, answered by the in-memory engine from the TriG."""
    import claimgraph
    engine = EmbeddedEngine.from_trig(root / TRIG)
    answer = claimgraph.run_query(root, "shareholders", {"company": "Mistral AI"}, engine=engine).render("csv")
    assert len(answer.splitlines()) >= 3  # the header and ASML's rows
    return answer.replace("\r\n", "\n")  # as the command's output reads in text mode


def _console(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from claimgraph.cli import main; main()", "--project", str(root),
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_the_store_answers_every_saved_query_as_the_in_memory_engine_does(project):
    filled = _fill(project.root)
    on_disk = persistent.open_generation(filled.path)
    in_memory = EmbeddedEngine.from_trig(project.root / TRIG)
    queries = list_queries(project.root)
    assert len(queries) >= 16
    for query in queries:
        assert current_answer(on_disk, query) == current_answer(in_memory, query), query.name
    built = [ox.NamedNode(g) for g in named_graphs()]
    assert sorted(on_disk.store.named_graphs(), key=str) == sorted(built + [ox.NamedNode(NAME_INDEX_GRAPH)], key=str)
    assert sum(len(list(on_disk.store.quads_for_pattern(None, None, None, g))) for g in built) == \
        len(in_memory.store) > 5_000


def test_the_stores_name_index_finds_exactly_what_the_scan_finds(project):
    """Entity names are looked up in an index the fill makes; it must match the case-insensitive
    scan the in-memory engine runs, for every name, written in any case, and for near misses."""
    on_disk = persistent.open_generation(_fill(project.root).path)
    in_memory = EmbeddedEngine.from_trig(project.root / TRIG)
    assert persistent.index_digest(NAME_INDEX_UPDATE) in on_disk.indexes
    names = _all_names(in_memory)
    events = [row["name"].value for row in solutions(in_memory.run(
        "SELECT DISTINCT ?name WHERE { ?c <https://w3id.org/claimgraph/ontology#event> ?e . "
        "?e <http://purl.org/dc/terms/identifier> ?name }", form="SELECT"))]
    assert len(names) > 30 and events
    tried = 0
    for name in [*names, *events, "nobody", "ASM", "mistral", "İstanbul", "ΣΑΣ"]:
        for written in {name, name.upper(), name.lower(), name.title()}:
            assert _entities_named(on_disk, written) == _entities_named(in_memory, written), written
            tried += 1
    assert tried > 100 and _entities_named(on_disk, "mistral ai") == _entities_named(in_memory, "Mistral AI") != []


def test_the_first_query_fills_the_store_and_says_so_then_the_trig_is_never_parsed(project, monkeypatch):
    assert _generations(project.root) == []
    first = project.run("query", "shareholders", "-p", "company=Mistral AI", "--format", "csv")
    assert first.exit_code == 0, first.output
    assert FILLED.fullmatch(first.stderr) and "was missing" in first.stderr
    assert _generations(project.root) == [first.stderr.split("/")[1].split()[0]]

    def parse(*args, **kwargs):
        raise AssertionError("the built TriG was parsed")
    monkeypatch.setattr(EmbeddedEngine, "from_trig", parse)
    monkeypatch.setattr(EmbeddedEngine, "from_trig_document", parse)
    monkeypatch.setattr(persistent, "_fill", parse)
    again = project.run("query", "shareholders", "-p", "company=Mistral AI", "--format", "csv")
    assert (again.exit_code, again.stdout, again.stderr) == (0, first.stdout, "")
    monkeypatch.undo()
    assert again.stdout == _memory_csv(project.root)


def test_a_store_of_another_build_is_filled_again_and_the_old_generation_removed(project):
    filled = _fill(project.root)
    old = filled.path.with_name("store-" + "0" * 32)
    filled.path.rename(old)  # as if it were the generation of another build
    result = project.run("query", "statements", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert FILLED.fullmatch(result.stderr) and "belonged to another build" in result.stderr
    assert _generations(project.root) == [filled.path.name]


def test_build_keeps_the_store_in_step_with_the_built_files(project):
    before = _fill(project.root).path.name
    project.edit("data/claims/techzine-2025-09-09-asml-mistral.yaml", "ASML builds chip-making machines.",
                 "ASML builds lithography machines.")
    built = project.run("build")
    assert built.exit_code == 0, built.output
    assert re.search(r"^build: the query store \.claimgraph-cache/store-[0-9a-f]{32} belonged to another build; "
                     r"filled it from data/build/claimgraph\.trig in \d+\.\d s$", built.stderr, re.M)
    after = _generations(project.root)
    assert len(after) == 1 and after != [before]
    answer = project.run("query", "products", "--format", "csv")
    assert (answer.exit_code, answer.stderr) == (0, "")
    assert len(project.run("check").stderr.splitlines()) == 1  # "check (...): ok": nothing filled again


def test_check_leaves_the_store_alone_and_answers_in_memory(project):
    """Listings run slower on the store than the TriG loads and answers (RESULTS.md, session 14):
    check answers its saved queries in memory, and neither fills nor removes a store."""
    result = project.run("check", "--no-cache")
    assert (result.exit_code, result.stderr) == (0, "check (37 claims): ok (0 warning(s))\n")
    assert _generations(project.root) == []


def test_several_readers_at_once(project):
    filled = _fill(project.root)
    one, two = persistent.open_generation(filled.path), persistent.open_generation(filled.path)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert one.store.query(count).serialize(format=ox.QueryResultsFormat.TSV) == \
        two.store.query(count).serialize(format=ox.QueryResultsFormat.TSV)
    processes = [_console(project.root, "query", "shareholders", "-p", "company=Mistral AI", "--format", "csv")
                 for _ in range(3)]
    outcomes = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in processes]  # type: ignore[union-attr]
    assert [o[0] for o in outcomes] == [0, 0, 0], outcomes
    assert len({o[1] for o in outcomes}) == 1 and all(o[2] == "" for o in outcomes)
    assert outcomes[0][1] == _memory_csv(project.root)


def test_a_fill_killed_midway_leaves_no_store_that_answers(project):
    """The process dies while bulk_load writes (os._exit: no clean-up runs): only a .filling-*
    folder stays, which no reader opens; the next query fills a complete store and removes it."""
    killed = subprocess.run(
        [sys.executable, "-c",
         "import os, sys; from pathlib import Path; from claimgraph.progress import Progress\n"
         "from claimgraph.stores import persistent\n"
         "class Die(Progress):\n"
         "    def step(self, done, total, unit='files'):\n"
         "        if done > 20000: os._exit(9)\n"
         "root = Path(sys.argv[1])\n"
         "from claimgraph.project import STORE_INDEXES\n"
         "persistent.ensure_store(root, root / 'data/build/claimgraph.trig', root / 'data/build/build.json', Die(), "
         "STORE_INDEXES)\n",
         str(project.root)], capture_output=True, text=True, timeout=120)
    assert killed.returncode == 9, killed.stderr
    left = _generations(project.root)
    assert len(left) == 1 and left[0].startswith(".filling-")
    assert any((project.root / ".claimgraph-cache" / left[0]).iterdir())  # RocksDB had started writing
    assert _current(project.root) is None
    result = project.run("query", "shareholders", "-p", "company=Mistral AI", "--format", "csv")
    assert result.exit_code == 0 and FILLED.fullmatch(result.stderr) and "was missing" in result.stderr
    assert [g.startswith("store-") for g in _generations(project.root)] == [True]
    memory = EmbeddedEngine.from_trig(project.root / TRIG)
    store = _current(project.root)
    assert store is not None
    for query in list_queries(project.root):
        assert current_answer(store, query) == current_answer(memory, query), query.name


def test_a_fill_that_fails_removes_what_it_wrote_and_the_query_answers_from_memory(project, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    real_counting = persistent._counting

    def counting(inner, total, on_read):  # the disk fills up after 64 KiB
        def read(done, total):
            on_read(done, total)
            if done > 1 << 16:
                full()
        return real_counting(inner, total, read)
    monkeypatch.setattr(persistent, "_counting", counting)
    result = project.run("query", "shareholders", "-p", "company=Mistral AI", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stderr == ("query: .claimgraph-cache: the query store could not be written (No space left on "
                             "device); answered from data/build/claimgraph.trig in memory this time\n")
    assert result.stdout == _memory_csv(project.root)
    assert _generations(project.root) == []


def test_a_symbolic_link_as_cache_folder_is_refused_and_nothing_is_written_through_it(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project.root / ".claimgraph-cache").symlink_to(elsewhere)
    result = project.run("query", "shareholders", "-p", "company=Mistral AI", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stderr == ("query: .claimgraph-cache is a symbolic link; the query store is kept only in a real "
                             "folder inside the project: remove the link; answered from data/build/claimgraph.trig "
                             "in memory this time\n")
    assert result.stdout == _memory_csv(project.root)
    assert list(elsewhere.iterdir()) == []


def test_a_trig_edited_by_hand_is_not_answered_from_the_store_of_the_old_one(project):
    first = _fill(project.root).path
    trig = project.root / TRIG
    trig.write_bytes(trig.read_bytes() + b"\n")  # same stamp, other file
    assert _current(project.root) is None
    assert _fill(project.root).path != first


def test_a_generation_a_reader_holds_open_is_removed_only_after_it_closes(project):
    filled = _fill(project.root)
    old = filled.path.with_name("store-" + "1" * 32)
    filled.path.rename(old)
    reader = persistent.open_generation(old)  # a query of the other build, still running
    _fill(project.root)
    assert _generations(project.root) == sorted([filled.path.name, old.name])
    assert len(reader.store) > 0  # still answers
    reader.close()
    filled.path.rename(filled.path.with_name("store-" + "2" * 32))  # and another build again
    _fill(project.root)
    assert _generations(project.root) == [filled.path.name]
