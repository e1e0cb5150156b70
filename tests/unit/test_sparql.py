"""SPARQL on graphs of three triples: the lexer, binding, the grammar check, running on both engines."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kgraph.errors import QuerySyntaxError, RefusedQueryError
from kgraph.sparql.binding import values_first, values_last
from kgraph.sparql.execute import query
from kgraph.sparql.grammar import check_sparql
from kgraph.sparql.lexer import braces, first_group, keywords, where_end
from kgraph.sparql.results import QueryResult
from kgraph.sparql.screen import screen
from kgraph.store.graph import KnowledgeGraph

E = "http://example.com/"
S, P, OBJ = URIRef(E + "s"), URIRef(E + "p"), URIRef(E + "o")


@pytest.fixture(params=["rdflib", "oxigraph"])
def small(request):
    graph = KnowledgeGraph(request.param)
    for triple in [(S, P, OBJ), (S, P, Literal("two")), (OBJ, P, Literal(3))]:
        graph.add(triple)
    return graph


def test_the_lexer_skips_strings_iris_and_comments():
    text = 'SELECT * # { SERVICE\nWHERE { ?s <http://e/x> "}" } # }'
    assert [b for _, b in braces(text)] == ["{", "}"]
    assert first_group(text) == text.index("WHERE {") + 6
    assert where_end(text) == text.rindex("}", 0, text.rindex("#"))
    assert keywords(text) == ["SELECT", "WHERE"]


def test_the_two_bindings_put_values_at_either_end():
    text = "SELECT ?o WHERE { ?s ?p ?o }"
    first, last = values_first(text, {"s": S}), values_last(text, {"s": S})
    assert first == f"SELECT ?o WHERE {{ VALUES (?s) {{ (<{S}>) }} ?s ?p ?o }}"
    assert last == f"SELECT ?o WHERE {{ ?s ?p ?o VALUES ?s {{ <{S}> }} }}"


def test_a_value_that_looks_like_sparql_stays_one_term():
    bound = values_first("SELECT ?o WHERE { ?s ?p ?o }", {"o": Literal('x" } ; DROP ALL ; #')})
    check_sparql(bound)
    assert bound.count("VALUES") == 1


def test_the_screen_refuses_updates_and_service_only():
    screen("SELECT ?service WHERE { ?s ?p 'SERVICE' }")
    with pytest.raises(RefusedQueryError) as refused:
        screen("SELECT * WHERE { SERVICE <http://e/> { ?s ?p ?o } }")
    assert refused.value.status == 403
    with pytest.raises(RefusedQueryError, match="read-only"):
        screen("INSERT DATA { <http://e/s> <http://e/p> 1 }")


def test_the_grammar_check_locates_what_sparql_forbids():
    with pytest.raises(QuerySyntaxError, match=r"^q\.rq:2:\d+: SPARQL syntax error"):
        check_sparql("SELECT ?s ?o WHERE { ?s ?p ?o }\nGROUP BY ?s", where="q.rq")


def test_a_query_answers_the_same_on_both_engines(small):
    result = query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o", small, params={"s": S})
    assert isinstance(result, QueryResult)
    assert result.records() == [{"o": "<http://example.com/o>"}, {"o": "two"}]
    assert query("ASK { ?s ?p 3 }", small) is True
    constructed = query("CONSTRUCT { ?o ?p ?s } WHERE { ?s ?p ?o . FILTER isIRI(?o) }", small)
    assert set(constructed) == {(OBJ, P, S)}


def test_parameters_named_like_keywords_are_given_as_a_mapping(small):
    text = "SELECT ?o WHERE { ?stream ?p ?o } ORDER BY ?o"
    expected = [{"o": "<http://example.com/o>"}, {"o": "two"}]
    assert query(text, small, params={"stream": S}).records() == expected
    assert list(query(text, small, params={"stream": S}, stream=True)) == expected


def test_an_unknown_function_is_named_where_it_stands(small):
    text = "SELECT ?y WHERE {\n  BIND (<http://example.com/f>(1) AS ?y)\n}"
    with pytest.raises(QuerySyntaxError, match=r"^query:2:9: unknown function <http://example.com/f>"):
        query(text, small)


SERVICE_FORMS = [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "PREFIX r: <{base}> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "ASK {{ # a comment\n SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("form", SERVICE_FORMS)
def test_checking_a_query_with_service_contacts_no_host(form, listener):
    import threading

    text = form.format(url=listener.base + "sparql", base=listener.base)
    checking = threading.Thread(target=check_sparql, args=(text,), daemon=True)
    checking.start()
    checking.join(timeout=10)  # a check that called the host would wait here for its answer
    assert not checking.is_alive()
    assert not listener.called()


def test_a_syntax_error_inside_service_is_still_located():
    with pytest.raises(QuerySyntaxError, match=r"^q\.rq:2:\d+: SPARQL syntax error"):
        check_sparql("SELECT * WHERE {\n SERVICE <http://127.0.0.1:9/> { ?s ?p } }", where="q.rq")


def test_a_comment_between_service_and_silent_is_checked_as_written():
    text = "SELECT * WHERE { SERVICE # the endpoint\n SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    check_sparql(text)  # valid: it was refused as a syntax error when a comment came between
