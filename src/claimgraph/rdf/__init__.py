"""Stage 2: the loaded claims as RDF.

``namespaces`` and ``vocabulary`` (IRIs), ``mapping`` (a Project -> asserted and
hypothetical graphs), ``triples`` (the lean triple store the big graphs live in),
``serialization`` (deterministic Turtle and TriG, written all-or-nothing).
"""
