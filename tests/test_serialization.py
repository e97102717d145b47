"""The sorted Turtle writer: exact round trip, stable bytes, and the escapes Turtle needs."""

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace

from claimgraph.rdf.namespaces import CG, CGI, new_graph
from claimgraph.rdf.serialization import BlankNodeError, ntriples_bytes, sorted_turtle, turtle_bytes


def reparsed(text: str, fmt: str = "turtle") -> set:
    return set(Graph().parse(data=text, format=fmt))


def test_built_graphs_round_trip_exactly(seed_result, example_result):
    for result in (seed_result, example_result):
        for graph in (result.graphs.asserted, result.graphs.hypothetical, result.graphs.inferred):
            assert reparsed(sorted_turtle(graph)) == set(graph)
            assert reparsed(ntriples_bytes(graph).decode(), "nt") == set(graph)


def test_awkward_literals_and_iris_round_trip():
    g = new_graph()
    s = CGI["claim/src/with-slash"]
    for value in ['say "hi"', "back\\slash", "two\nlines\r\n", "tab\there", "bell\x07", "delete\x7f",
                  "Zoë €1,3 mld", "'''", '"""', ""]:
        g.add((s, CG.summary, Literal(value, lang="nl")))
        g.add((s, CG.originalText, Literal(value)))
    g.add((s, CG.claimId, Literal("x", datatype=namespace.XSD.string)))
    g.add((s, CG.value, Literal("1.30", datatype=namespace.XSD.decimal)))
    g.add((s, CG.value, Literal("not a number", datatype=namespace.XSD.decimal)))
    g.add((s, CG.date, Literal("2025", datatype=namespace.XSD.gYear)))
    g.add((s, CG.mentions, URIRef("http://example.org/a b?c=d&e#f")))
    g.add((s, namespace.RDF.type, CG.Claim))
    text = sorted_turtle(g)
    assert reparsed(text) == set(g)
    assert reparsed(ntriples_bytes(g).decode(), "nt") == set(g)
    assert '"1.30"^^xsd:decimal' in text          # the lexical form is kept, not normalised
    assert '"x"^^xsd:string' in text              # an explicit datatype stays explicit
    assert "<https://w3id.org/claimgraph/id/claim/src/with-slash>" in text  # '/' is no plain local name
    assert "\n    a cg:Claim ;\n" in text         # rdf:type first, as 'a'


def test_layout_is_sorted_and_stable():
    g = new_graph()
    for name in ("zeta", "alpha", "mid"):
        g.add((CGI[name], CG.mentions, CGI["b"]))
        g.add((CGI[name], CG.mentions, CGI["a"]))
        g.add((CGI[name], namespace.RDF.type, CG.Claim))
    text = sorted_turtle(g)
    assert text.index("cgi:alpha") < text.index("cgi:mid") < text.index("cgi:zeta")
    assert "    cg:mentions\n        cgi:a ,\n        cgi:b ;\n.\n" in text
    assert text.startswith("PREFIX cg: <https://w3id.org/claimgraph/ontology#>\n"
                           "PREFIX cgi: <https://w3id.org/claimgraph/id/>\n\ncgi:alpha\n")
    shuffled = new_graph()
    for triple in sorted(g, reverse=True):
        shuffled.add(triple)
    assert turtle_bytes(shuffled, header="# h\n") == turtle_bytes(g, header="# h\n")


def test_graphs_with_blank_nodes_fall_back_to_longturtle():
    g = new_graph().parse(data="@prefix cg: <https://w3id.org/claimgraph/ontology#> . "
                               "cg:x cg:y [ cg:z 1 ] .", format="turtle")
    text = turtle_bytes(g, header="").decode()
    assert "[" in text and "_:" not in text
    assert len(reparsed(text)) == 2


def test_the_sorted_writer_refuses_a_blank_node_as_subject_or_object():
    as_object, as_subject = new_graph(), new_graph()
    as_object.add((CGI.a, CG.mentions, BNode("b1")))
    as_subject.add((BNode("b2"), CG.mentions, CGI.a))
    with pytest.raises(BlankNodeError, match="blank node b1"):
        sorted_turtle(as_object)
    with pytest.raises(BlankNodeError, match="is not an IRI"):
        sorted_turtle(as_subject)


def test_trig_keeps_literals_with_line_separators_and_multi_line_literals_exact():
    from claimgraph.rdf.serialization import parse_dataset_trig, trig_bytes
    data = new_graph()
    data.add((CGI.a, CG.summary, Literal("one\u2028two\x85three\nfour", lang="en")))
    ontology = new_graph().parse(data='@prefix cg: <https://w3id.org/claimgraph/ontology#> . '
                                      'cg:x cg:y [ cg:z """first line\nsecond line""" ] .', format="turtle")
    names = {CGI.data: data, CGI.ontology: ontology}
    dataset = parse_dataset_trig(trig_bytes(names, header="# h\n"))
    for name, graph in names.items():
        literals = {o for _, _, o in graph if isinstance(o, Literal)}
        assert {o for _, _, o in dataset.graph(name) if isinstance(o, Literal)} == literals


def _graph_with_subjects(count: int):
    g = new_graph()
    for number in range(count):
        g.add((CGI[f"s{number:03d}"], CG.mentions, CGI["b"]))
        g.add((CGI[f"s{number:03d}"], CG.summary, Literal(f"claim {number}", lang="en")))
    return g


def test_chunk_size_does_not_change_the_bytes(monkeypatch):
    from claimgraph.rdf import serialization
    from claimgraph.rdf.serialization import trig_bytes
    graphs = {CGI.one: _graph_with_subjects(7), CGI.two: _graph_with_subjects(3), CGI.empty: new_graph()}
    whole = {name: turtle_bytes(g, header="# h\n") for name, g in graphs.items()}
    whole_trig = trig_bytes(graphs, header="# h\n")
    monkeypatch.setattr(serialization, "_CHUNK_BLOCKS", 2)
    assert len(serialization.TurtleOutput.of(graphs[CGI.one]).body) == 4
    assert {name: turtle_bytes(g, header="# h\n") for name, g in graphs.items()} == whole
    assert trig_bytes(graphs, header="# h\n") == whole_trig
    assert whole[CGI.empty] == b"# h\n\n\n"
    assert b"\n<https://w3id.org/claimgraph/id/empty> {\n\n}\n\n<https://w3id.org/claimgraph/id/one> {\n" in whole_trig


def test_document_compares_with_a_file_and_streams_its_chunks(tmp_path):
    from claimgraph.rdf.serialization import Document
    document = Document(lambda: iter([b"abc", b"", b"defg" * 100_000, b"h"]))
    data = document.bytes()
    path = tmp_path / "f"
    path.write_bytes(data)
    assert document.equals_file(path)
    path.write_bytes(data[:-1])
    assert not document.equals_file(path)
    path.write_bytes(data + b"\n")
    assert not document.equals_file(path)
    path.write_bytes(data.replace(b"h", b"H"))
    assert not document.equals_file(path)
    assert not document.equals_file(tmp_path / "missing")
    reader = document.reader()
    assert reader.read(2) == b"ab" and reader.read() == data[2:] and reader.read() == b""


def test_either_long_string_quote_keeps_a_graph_unindented():
    from claimgraph.rdf.serialization import TurtleOutput, trig_chunks
    for quote in (b'"""', b"'''"):
        body = [b"\ncgi:a cg:summary " + quote + b"one\ntwo" + quote + b" .\n"]
        trig = b"".join(trig_chunks({CGI.g: TurtleOutput(b"", body)}, header="# h\n"))
        assert quote + b"one\ntwo" + quote in trig  # the literal's second line is not indented
    plain = b"".join(trig_chunks({CGI.g: TurtleOutput(b"", [b"\ncgi:a cg:summary \"x\" ;\n    cg:y 1 .\n"])},
                                 header="# h\n"))
    assert b"\n        cg:y 1 ." in plain
