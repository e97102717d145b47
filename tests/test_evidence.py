"""Finding a quote ignores whitespace differences and gives the span a regular expression would."""

import random
import re

from claimgraph.claims.evidence import find_quote


def regex_span(quote: str, text: str):
    words = quote.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (match.start(), match.end()) if match else None


def test_line_breaks_and_double_spaces_inside_a_quote_are_found():
    text = "Intro.  ASML  investeert\n1,3 miljard euro in Mistral."
    assert find_quote("ASML investeert 1,3 miljard", text) == (8, 36)
    assert text[8:36] == "ASML  investeert\n1,3 miljard"
    assert find_quote("investeert 1,4 miljard", text) is None
    assert find_quote("   ", text) is None


def test_same_span_as_the_whitespace_tolerant_regular_expression_on_random_texts():
    rng = random.Random(3)
    pieces = ["a", "b", "ab", " ", "\n", "  ", "\t", "c.", "\u00a0", "é", "\u2003"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        quote = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert find_quote(quote, text) == regex_span(quote, text), (quote, text)
