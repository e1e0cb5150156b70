"""The fast validator on shapes graphs outside the bundled one: pySHACL's answer, or a refusal.

Each case is a few triples of shapes and data; the fast validator must give pySHACL's results,
or refuse (UnsupportedShapeError) where it cannot be exact; never a different answer.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SH

from kgraph.errors import ShapesError, UnsupportedShapeError
from kgraph.shacl.compile import compile_shapes
from kgraph.shacl.fast import report_findings, validate_fast
from kgraph.shacl.validate import _pyshacl_report

HEAD = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.com/> .
"""


def compare(shapes: str, data: str) -> str:
    """Run both validators; return ``same``, ``refused`` or ``error``, failing when they disagree."""
    shapes_graph = Graph().parse(data=HEAD + shapes, format="turtle")
    data_graph = Graph().parse(data=HEAD + data, format="turtle")
    try:
        reference = _pyshacl_report(data_graph, shapes_graph)
    except ShapesError:  # shapes pySHACL cannot run: the fast validator must not run them either
        with pytest.raises(ShapesError):
            validate_fast(data_graph, shapes_graph)
        return "error"
    try:
        fast = validate_fast(data_graph, shapes_graph)
    except UnsupportedShapeError:
        return "refused"
    expected, found = report_findings(reference), report_findings(fast)
    assert found == expected, f"only pyshacl: {expected - found}\nonly fast: {found - expected}"
    assert set(fast.objects(None, SH.conforms)) == set(reference.objects(None, SH.conforms))
    return "same"


def _nested(constraint: str) -> str:
    return f"""ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:message "m" ;
        sh:or ( [ {constraint} ] [ sh:class ex:Address ] ) ] ."""


# (shapes, data, outcome): nested tests that must be exact where the data allows, refused where not
NESTED = {
    "string-under-or": (_nested("sh:datatype xsd:string"), 'ex:a a ex:T ; ex:p "Home", 3 .', "same"),
    "decimal-under-or": (_nested("sh:datatype xsd:decimal"), 'ex:a a ex:T ; ex:p 1.5, "x" .', "same"),
    "custom-type": (_nested("sh:datatype ex:code"), 'ex:a a ex:T ; ex:p "A"^^ex:code, "B" .', "same"),
    "dateTime-refused": (
        _nested("sh:datatype xsd:dateTime"),
        'ex:a a ex:T ; ex:p "2020-01-01T00:00:00"^^xsd:dateTime .',
        "refused",
    ),
    "decimal-bound": (_nested("sh:minInclusive 1.5"), 'ex:a a ex:T ; ex:p 2, 1.25, 1.5, "z" .', "same"),
    "bound-with-date-refused": (
        _nested("sh:minInclusive 1"),
        'ex:a a ex:T ; ex:p 2, "2020-01-01"^^xsd:date .',
        "refused",
    ),
    "qualified-decimal": (
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:message "m" ;
            sh:qualifiedValueShape [ sh:datatype xsd:decimal ] ; sh:qualifiedMinCount 1 ] .""",
        'ex:a a ex:T ; ex:p 2.5 . ex:b a ex:T ; ex:p "x" .',
        "same",
    ),
    "node-string": (
        """ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:message "m" ;
            sh:node ex:Str ] . ex:Str a sh:NodeShape ; sh:datatype xsd:string .""",
        'ex:a a ex:T ; ex:p "x" . ex:b a ex:T ; ex:p ex:c .',
        "same",
    ),
}


@pytest.mark.parametrize("case", NESTED)
def test_nested_datatypes_and_bounds_are_exact_or_refused(case):
    shapes, data, outcome = NESTED[case]
    assert compare(shapes, data) == outcome


def test_a_nested_bound_that_is_not_a_number_is_refused():
    shapes = Graph().parse(data=HEAD + _nested('sh:minInclusive "2020-01-01"^^xsd:date'), format="turtle")
    with pytest.raises(UnsupportedShapeError, match="bound"):
        compile_shapes(shapes)


def _sparql(select: str) -> str:
    return f'''ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:sparql [ sh:message "m" ;
        sh:prefixes ex:ont ; sh:select """{select}""" ] .
        ex:ont a owl:Ontology ; owl:imports ex:more .
        ex:more a owl:Ontology ;
            sh:declare [ sh:prefix "e" ; sh:namespace "http://example.com/"^^xsd:anyURI ] .'''


DATA = "ex:a a ex:T ; ex:p 1, 2 . ex:b a ex:T ; ex:p 3 . ex:c ex:p 4 ."
# $this pre-bound where no triple pattern binds it first; and prefixes reached through owl:imports
THIS = {
    "filter": "SELECT $this WHERE { FILTER ($this = e:a) }",
    "union": "SELECT $this ?value WHERE { { BIND (e:a AS ?value) FILTER ($this = e:b) }"
    " UNION { $this e:p ?value } }",
    "bind": "SELECT $this ?value WHERE { BIND ($this AS ?value) }",
    "sub-select": "SELECT $this WHERE { { SELECT $this (COUNT(?v) AS ?n) WHERE { $this e:p ?v }"
    " GROUP BY $this } FILTER (?n > 1) }",
    "not-exists": "SELECT $this WHERE { FILTER NOT EXISTS { $this e:p 3 } }",
}


@pytest.mark.parametrize("case", THIS)
def test_this_is_pre_bound_in_sparql_constraints(case):
    assert compare(_sparql(THIS[case]), DATA) == "same"


@pytest.mark.parametrize(
    "select",
    [
        "SELECT $this WHERE { $this e:p ?v . MINUS { $this e:p 3 } }",
        "SELECT $this WHERE { { SELECT * WHERE { $this e:p ?v } } }",
        "SELECT $this WHERE { { SELECT ?v WHERE { ?x e:p ?v } } $this e:p ?v }",
        "SELECT $this WHERE { ?x e:p ?v . BIND (?x AS ?this) }",
    ],
    ids=["minus", "select-star", "no-this", "as-this"],
)
def test_ill_formed_shacl_sparql_is_an_error(select):
    shapes = Graph().parse(data=HEAD + _sparql(select), format="turtle")
    with pytest.raises(ShapesError) as raised:
        validate_fast(Graph().parse(data=HEAD + DATA, format="turtle"), shapes)
    assert not isinstance(raised.value, UnsupportedShapeError)


def test_a_custom_constraint_component_is_refused_not_skipped():
    shapes = """ex:C a sh:ConstraintComponent ; sh:parameter [ sh:path ex:size ] ;
        sh:validator [ a sh:SPARQLAskValidator ; sh:ask "ASK { FILTER (false) }" ] .
        ex:S a sh:NodeShape ; sh:targetClass ex:T ; ex:size 3 ; sh:message "m" ."""
    with pytest.raises(UnsupportedShapeError, match="custom constraint component"):
        compile_shapes(Graph().parse(data=HEAD + shapes, format="turtle"))


def test_a_custom_severity_does_not_conform():
    shapes = """ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:severity ex:Grave ;
        sh:property [ sh:path ex:p ; sh:maxCount 1 ; sh:message "m" ; sh:severity ex:Grave ] ."""
    assert compare(shapes, DATA) == "same"
    data, shapes_graph = (Graph().parse(data=HEAD + text, format="turtle") for text in (DATA, shapes))
    assert set(validate_fast(data, shapes_graph).objects(None, SH.conforms)) == {Literal(False)}


def test_two_target_classes_on_one_shape():
    shapes = """ex:S a sh:NodeShape ; sh:targetClass ex:T, ex:U ;
        sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "m" ] ."""
    assert compare(shapes, "ex:a a ex:T . ex:b a ex:U . ex:c a ex:U ; ex:p 1 .") == "same"


IMPLICIT = {  # a shape that is also a class targets the class's instances, subclasses' too
    "node-shape": (
        """ex:Person a rdfs:Class, sh:NodeShape ;
            sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "m" ] .""",
        "ex:a a ex:Person . ex:b a ex:Person ; ex:name 'B' . "
        "ex:c a ex:Sub . ex:Sub rdfs:subClassOf ex:Person .",
    ),
    "owl-class-and-explicit-target": (
        """ex:Person a owl:Class, sh:NodeShape ; sh:targetClass ex:Robot ;
            sh:property [ sh:path ex:name ; sh:maxCount 1 ; sh:message "m" ] .""",
        "ex:a a ex:Person ; ex:name 'A', 'Ä' . ex:r a ex:Robot ; ex:name 'R', 'S' . ex:z ex:name 'Z', 'Y' .",
    ),
    "property-shape": (
        """ex:Person a rdfs:Class, sh:PropertyShape ; sh:path ex:age ; sh:datatype xsd:integer ;
            sh:message "m" .""",
        'ex:a a ex:Person ; ex:age 3, "three" . ex:b ex:age "x" .',
    ),
    "also-reached-through-sh-node": (
        """ex:Address a rdfs:Class, sh:NodeShape ;
            sh:property [ sh:path ex:city ; sh:minCount 1 ; sh:message "no city" ] .
        ex:S a sh:NodeShape ; sh:targetClass ex:T ;
            sh:property [ sh:path ex:home ; sh:node ex:Address ; sh:message "bad home" ] .""",
        "ex:t a ex:T ; ex:home ex:h . ex:h ex:street 'x' . ex:k a ex:Address .",
    ),
}


@pytest.mark.parametrize("case", IMPLICIT)
def test_implicit_class_targets_are_exact(case):
    shapes, data = IMPLICIT[case]
    assert compare(shapes, data) == "same"
