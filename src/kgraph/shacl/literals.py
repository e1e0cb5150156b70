"""How pySHACL reads literals for ``sh:datatype`` and the value range components, written as SPARQL.

pySHACL decides through rdflib's reading of a literal: ``"1.0"^^xsd:integer`` is ill-typed there, a
date of 30 February is not a date, and values of different types compare by rules of rdflib's own.
SPARQL on Oxigraph cannot see all of that. So each test here comes as two parts:

- a SPARQL expression that is true only where rdflib surely agrees (``sure``);
- for a test nested in another shape, where no Python recheck can follow, an ASK query that is
  true when the data holds a literal the expression may misjudge (a *doubt*). The fast validator
  runs the doubts first and refuses the graph when one holds, so that ``auto`` runs pySHACL on it.

At the top level the rows the expression does not decide go to a Python recheck
(:mod:`kgraph.shacl.fast`), which is exact.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node, XSDToPython

from kgraph.errors import UnsupportedShapeError

__all__ = ["BOUNDS", "Doubt", "bound_test", "datatype_test"]

# lexical forms rdflib surely reads as valid values of their datatype
_SURE_LEXICAL: dict[Node, str] = {
    XSD.boolean: "^(true|false|1|0)$",
    XSD.integer: "^-?[0-9]+$",
    XSD.decimal: "^-?[0-9]+[.][0-9]+$",
    XSD.date: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$",
}
# rdflib keeps these as the text written, so a literal of the type always has it
_TEXT_TYPES = {XSD.string, XSD.normalizedString, XSD.token, XSD.language}
# the comparison operator of each value range parameter, by its local name
BOUNDS = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}

#: an ASK query true when the data holds a literal the compiled test may misjudge, and what it is
Doubt = tuple[str, str]


def _rdflib_reads(datatype: Node) -> bool:
    """Say whether rdflib parses literals of ``datatype`` (and so may find them ill-typed)."""
    known = datatype in XSDToPython  # type: ignore[comparison-overlap]  # its keys are URIRefs
    return (known and datatype not in _TEXT_TYPES) or datatype in (RDF.XMLLiteral, RDF.HTML)


def datatype_test(value: str, datatype: Node, *, nested: bool) -> tuple[str, Doubt | None]:
    """Return an expression true when ``value`` surely has ``datatype`` as pySHACL decides, and its doubt.

    At the top level the doubt is None: rows the expression leaves out are rechecked in Python.

    :raises UnsupportedShapeError: for a nested test that cannot be written at all.
    """
    if datatype == RDF.langString:
        return f'(isLiteral({value}) && lang({value}) != "")', None
    if datatype == RDFS.Literal:
        return f"isLiteral({value})", None
    if not isinstance(datatype, URIRef) or datatype == RDFS.Datatype:
        if nested:
            raise UnsupportedShapeError(f"sh:datatype {datatype.n3()} nested in another shape")
        return "false", None
    same = f"(isLiteral({value}) && datatype({value}) = {datatype.n3()})"
    if not _rdflib_reads(datatype):
        return same, None  # a type rdflib does not parse: any literal of it has it
    sure = _SURE_LEXICAL.get(datatype)
    if sure is None:
        expression = "false" if not nested else same
        doubt = f"FILTER (isLiteral(?o) && datatype(?o) = {datatype.n3()})"
    else:
        expression = f'({same[1:-1]} && REGEX(STR({value}), "{sure}"))'
        doubt = f'FILTER (isLiteral(?o) && datatype(?o) = {datatype.n3()} && !REGEX(STR(?o), "{sure}"))'
    if not nested:
        return expression, None
    return expression, (f"ASK {{ ?s ?p ?o {doubt} }}", f"a literal of {datatype.n3()} rdflib must read")


_NUMBERS = (XSD.integer, XSD.decimal)
_PLAIN_NUMBER = "^-?[0-9]+([.][0-9]+)?$"


def bound_test(value: str, operator: str, bound: Node, *, nested: bool) -> tuple[str, Doubt | None]:
    """Return an expression true when ``value OP bound`` surely holds as pySHACL compares, and its doubt.

    :raises UnsupportedShapeError: for a nested test whose bound is not an integer or a decimal.
    """
    numeric = isinstance(bound, Literal) and bound.datatype in _NUMBERS
    if not numeric:
        if nested:
            raise UnsupportedShapeError(
                f"a value range bound {bound.n3()} nested in a shape (only integer and decimal ones compile)"
            )
        return "false", None
    types = ", ".join(t.n3() for t in _NUMBERS)
    expression = f"(isLiteral({value}) && datatype({value}) IN ({types}) && {value} {operator} {bound.n3()})"
    if not nested:
        return expression, None
    known = ", ".join(t.n3() for t in (XSD.string, RDF.langString, *_NUMBERS))
    doubt = (
        f"ASK {{ ?s ?p ?o FILTER (isLiteral(?o) && (datatype(?o) NOT IN ({known}) || "
        f'(datatype(?o) IN ({types}) && !REGEX(STR(?o), "{_PLAIN_NUMBER}")))) }}'
    )
    return expression, (doubt, "a literal that is not a plain number or string, compared with a bound")
