"""claimgraph: claims from business news as a validated, reasoned knowledge graph.

The pipeline, one module per stage::

    claims.load_project    YAML claim files + entity registry -> Project (with locations)
    evidence.check_evidence every quote occurs in its source text
    mapping.map_project    Project -> asserted and hypothetical rdflib graphs
    validation.validate_graph  SHACL shapes -> ValidationReport
    reasoning.infer        OWL 2 RL closure -> inferred graph, kept apart
    serialization          deterministic Turtle / TriG
    queries / results      saved SPARQL queries and their output formats
    pipeline               composes the stages (build, check)
    cli                    a thin click layer over pipeline
"""

__version__ = "0.1.0"
