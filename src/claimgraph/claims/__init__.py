"""Stage 1: claim files and the entity registry, read with their locations and checked.

``yamlsource`` (YAML whose values know their file:line), ``format`` (the claim types and
their fields), ``fields`` (the field tables of entities and sources, and their reader), ``values`` (amounts, percentages and dates as articles write them),
``registry`` (the entities claims name), ``loader`` (claim files -> a Project),
``evidence`` (every quote occurs in its article text).
"""
