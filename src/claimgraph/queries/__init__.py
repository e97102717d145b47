"""Stage 4: saved SPARQL queries and their answers.

``saved`` (``queries/NAME.rq`` files, their ``#+`` headers and parameters, binding),
``answers`` (resolve parameter values, run, label), ``formats`` (tables and the SPARQL
results formats), ``expected`` (the committed expected answers ``check`` compares).
"""
