"""The endpoint's screen, tried on generated queries: every SERVICE form is refused, nothing else is.

Each generated text is first checked to be a valid SPARQL 1.1 query (with SERVICE read as GRAPH,
which has the same grammar, so the check calls no host), so the screen is tried only on queries a
SPARQL endpoint would otherwise run.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.errors import RefusedQueryError
from kgraph.sparql.grammar import check_sparql
from kgraph.sparql.screen import screen

PREFIXES = "PREFIX ex: <http://example.org/>\n"


@st.composite
def _cased(draw: st.DrawFn, word: str) -> str:
    """The word in any mix of cases, some letters written as \\u escapes (decoded before parsing)."""
    letters = []
    for letter in word:
        letter = letter.upper() if draw(st.booleans()) else letter.lower()
        letters.append(f"\\u{ord(letter):04X}" if draw(st.integers(0, 5)) == 0 else letter)
    return "".join(letters)


_GAP = st.sampled_from([" ", "  ", "\n", "\t", " # a comment\n", "\n# SERVICE in a comment\n "])
_ENDPOINT = st.sampled_from(["<http://127.0.0.1:9/sparql>", "ex:endpoint", "?service", "<sparql>"])


@st.composite
def service_clause(draw: st.DrawFn) -> str:
    """SERVICE [SILENT] endpoint { pattern }, with any case, escapes, comments and blanks."""
    silent = draw(_cased("silent")) + draw(_GAP) if draw(st.booleans()) else ""
    inner = draw(st.sampled_from(["?s ?p ?o", "?s ex:p ?o . ?o ?q 1", "{ ?s ?p ?o } UNION { ?o ?p ?s }"]))
    return f"{draw(_cased('service'))}{draw(_GAP)}{silent}{draw(_ENDPOINT)}{draw(_GAP)}{{ {inner} }}"


# Where a clause can sit in a query: the {} is replaced by the clause.
_PLACES = [
    "SELECT * WHERE {{ {} }}",
    "SELECT * WHERE {{ ?a ?b ?c . {} }}",
    "SELECT * WHERE {{ OPTIONAL {{ {} }} }}",
    "SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ {} }} }}",
    "SELECT * WHERE {{ ?a ?b ?c FILTER EXISTS {{ {} }} }}",
    "SELECT * WHERE {{ GRAPH ?g {{ {{ {} }} }} }}",
    "SELECT ?s WHERE {{ {{ SELECT ?s WHERE {{ {} }} }} }}",
    "ASK {{ {} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {} }}",
]


@settings(max_examples=300, deadline=None)
@given(clause=service_clause(), place=st.sampled_from(_PLACES))
def test_every_form_of_service_is_refused(clause, place):
    text = PREFIXES + place.format(clause)
    check_sparql(text)  # a valid query: the screen is the only thing that stops it
    with pytest.raises(RefusedQueryError, match="SERVICE"):
        screen(text)


# Harmless: the word service as a string, an IRI, a variable, a prefixed name or in a comment.
_HARMLESS = st.sampled_from(
    [
        '?s ?p "SERVICE <http://e/> { ?a ?b ?c }"',
        "?s ?p '''service'''",
        "?s <http://example.org/SERVICE> ?o",
        "?service ?p ?o",
        "?s ex:service ?o",
        "?s ex:SERVICE ?o # SERVICE <http://e/> { }\n",
        '?s ?p ?o FILTER (STR(?o) = "service")',
        "?s ?p ?o BIND (ex:Service AS ?x)",
    ]
)


@settings(max_examples=200, deadline=None)
@given(pattern=_HARMLESS, place=st.sampled_from(_PLACES), gap=_GAP)
def test_no_harmless_query_is_refused(pattern, place, gap):
    text = PREFIXES + place.format(gap + pattern + gap)
    check_sparql(text)
    screen(text)  # passes: nothing to refuse
