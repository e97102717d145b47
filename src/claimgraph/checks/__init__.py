"""Stage 3: SHACL validation and OWL 2 RL reasoning over the mapped graphs.

``shacl`` validates with the fast engine (``fastshacl``) or pySHACL, the reference;
``reasoning`` infers with owlrl, the reference, and ``fastreason`` with the compiled
closure. Each fast engine gives its reference's result or refuses the input.
"""
