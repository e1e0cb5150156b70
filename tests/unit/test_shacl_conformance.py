"""Conformance: the fast validator against pySHACL on many small shapes and data pairs.

Each constraint is tried at the top level and nested (under sh:node, sh:not, sh:and, sh:xone), on
data with conforming and violating values; the fast validator must give pySHACL's results exactly,
or refuse the shapes. A case that is refused where it should compile fails too.
"""

from __future__ import annotations

import pytest

from .test_shacl_exactness import compare

DATA = """
ex:a a ex:T ; ex:p 1, 5, "abc", "x"@en ; ex:q ex:b ; ex:r 1, 7 .
ex:b a ex:T, ex:U ; ex:p 3 ; ex:q ex:a .
ex:c a ex:U ; ex:p ex:b, "a long text" .
ex:d ex:r ex:a .
"""
# constraints on the values of ex:p, each as written in a property shape
CONSTRAINTS = {
    "class": "sh:class ex:U",
    "datatype": "sh:datatype xsd:integer",
    "nodeKind": "sh:nodeKind sh:Literal",
    "minCount": "sh:minCount 2",
    "maxCount": "sh:maxCount 1",
    "minInclusive": "sh:minInclusive 3",
    "maxInclusive": "sh:maxInclusive 3",
    "minExclusive": "sh:minExclusive 3",
    "maxExclusive": "sh:maxExclusive 3",
    "minLength": "sh:minLength 2",
    "maxLength": "sh:maxLength 3",
    "pattern": 'sh:pattern "^[a-z]+$"',
    "languageIn": 'sh:languageIn ( "en" )',
    "in": 'sh:in ( 1 3 "abc" )',
    "hasValue": "sh:hasValue 3",
    "node": "sh:node [ sh:datatype xsd:integer ]",
    "not": "sh:not [ sh:datatype xsd:integer ]",
    "and": "sh:and ( [ sh:nodeKind sh:Literal ] [ sh:minLength 3 ] )",
    "or": "sh:or ( [ sh:datatype xsd:integer ] [ sh:class ex:U ] )",
    "xone": "sh:xone ( [ sh:datatype xsd:integer ] [ sh:maxInclusive 3 ] )",
    "qualified": "sh:qualifiedValueShape [ sh:datatype xsd:integer ] ; sh:qualifiedMinCount 2",
    "deactivated": "sh:minCount 9 ; sh:deactivated true",
    "equals": "sh:equals ex:r",
    "disjoint": "sh:disjoint ex:r",
}
# counts nested in a node shape compile only as at least one
NESTED_REFUSED = {"minCount", "qualified"}


@pytest.mark.parametrize("name", CONSTRAINTS)
def test_each_constraint_at_the_top_level(name):
    shapes = f"""ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:p ; {CONSTRAINTS[name]} ; sh:message "m" ] ."""
    assert compare(shapes, DATA) == "same"


@pytest.mark.parametrize("name", CONSTRAINTS)
def test_each_constraint_nested_in_a_node_shape(name):
    shapes = f"""ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ex:q ;
        sh:node [ sh:property [ sh:path ex:p ; {CONSTRAINTS[name]} ] ] ; sh:message "m" ] ."""
    assert compare(shapes, DATA) == ("refused" if name in NESTED_REFUSED else "same")


TARGETS = {
    "targetNode": "sh:targetNode ex:a, ex:c, ex:nowhere",
    "targetSubjectsOf": "sh:targetSubjectsOf ex:q",
    "targetObjectsOf": "sh:targetObjectsOf ex:q, ex:r",
    "mixed": "sh:targetClass ex:U ; sh:targetNode ex:a",
}


@pytest.mark.parametrize("name", TARGETS)
def test_every_kind_of_target(name):
    shapes = f"""ex:S a sh:NodeShape ; {TARGETS[name]} ;
        sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:datatype xsd:integer ; sh:message "m" ] ."""
    assert compare(shapes, DATA) == "same"


@pytest.mark.parametrize(
    "shape",
    [
        "sh:targetClass ex:T ; sh:nodeKind sh:IRI ; sh:message 'm'",
        "sh:targetClass ex:T ; sh:not [ sh:class ex:U ] ; sh:message 'm'",
        "sh:targetClass ex:T ; sh:xone ( [ sh:class ex:T ] [ sh:class ex:U ] ) ; sh:message 'm'",
        "sh:targetClass ex:T ; sh:deactivated true ; sh:class ex:Nothing ; sh:message 'm'",
        "sh:targetClass ex:T ; sh:severity sh:Warning ; sh:class ex:U ; sh:message 'm'",
    ],
    ids=["nodeKind", "not", "xone", "deactivated", "warning"],
)
def test_node_shape_constraints(shape):
    assert compare(f"ex:S a sh:NodeShape ; {shape} .", DATA) == "same"


VALUES = ["1", "5", '"abc"', '"x"@en', '"x"@ko', "ex:b", "ex:c", "2.5", '"2020-01-01"^^xsd:date', "true"]
WRAPPERS = [
    "sh:property [ sh:path ex:p ; {c} ; sh:message 'm' ]",
    "sh:property [ sh:path ex:q ; sh:node [ sh:property [ sh:path ex:p ; {c} ] ] ; sh:message 'm' ]",
    "sh:property [ sh:path ex:p ; sh:not [ {c} ] ; sh:message 'm' ]",
    "sh:property [ sh:path ex:p ; sh:or ( [ {c} ] [ sh:nodeKind sh:IRI ] ) ; sh:message 'm' ]",
]


@pytest.mark.slow
def test_random_shapes_on_random_data_agree_or_are_refused():
    """About 8 s: 60 random shapes graphs and data graphs, each validated by both."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    nodes = st.lists(st.lists(st.sampled_from(VALUES), max_size=3), min_size=1, max_size=4)
    picks = st.lists(
        st.tuples(st.sampled_from(WRAPPERS), st.sampled_from(sorted(CONSTRAINTS))), min_size=1, max_size=3
    )

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(nodes, picks)
    def check(values, chosen):
        data = "".join(
            f"ex:n{i} a ex:T ; ex:q ex:n{(i + 1) % len(values)}"
            + "".join(f" ; ex:p {v}" for v in vs)
            + " .\n"
            for i, vs in enumerate(values)
        )
        body = " ; ".join(wrapper.format(c=CONSTRAINTS[name]) for wrapper, name in chosen)
        compare(f"ex:S a sh:NodeShape ; sh:targetClass ex:T ; {body} .", data + "ex:c a ex:U .")

    check()
