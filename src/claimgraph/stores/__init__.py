"""Where queries run and built graphs go: ``embedded`` (an in-memory Oxigraph store) and
``remote`` (a SPARQL server, through the W3C query, update and Graph Store protocols)."""
