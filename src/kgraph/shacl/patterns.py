"""SPARQL patterns for SHACL constraint components: the violations of each, and conformance to a shape.

:class:`Patterns` writes, for one constraint of one shape, a group graph pattern that matches each
focus node (and value node) violating it, following pySHACL's reading of the specification; and,
for a shape nested in ``sh:node``, ``sh:or`` or ``sh:qualifiedValueShape``, an expression true when
a term conforms to it. :mod:`kgraph.shacl.compile` puts them together into whole queries.
"""

from __future__ import annotations

import itertools
import re
from typing import cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kgraph.errors import UnsupportedShapeError
from kgraph.shacl.literals import BOUNDS, Doubt, bound_test, datatype_test
from kgraph.shacl.registry import component_of

__all__ = ["Patterns", "n3"]

# every predicate of the SHACL namespace a shape may carry here; any other one is refused
_KNOWN = {
    SH.targetClass, SH.closed, SH.ignoredProperties, SH.message, SH.property, SH.sparql, SH.path,
    SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.languageIn, SH.pattern,
    SH.flags, SH.uniqueLang, SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.minInclusive,
    SH.node, SH.hasValue, SH["in"], SH.nodeKind, SH["or"], SH.severity, SH.name, SH.description,
    SH.order, SH.group, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.deactivated,
    SH.minExclusive, SH.maxInclusive, SH.maxExclusive, SH.minLength, SH.maxLength, SH["not"], SH["and"],
    SH.xone, SH.equals, SH.disjoint,
}  # fmt: skip
_NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"


def n3(term: Node) -> str:
    if isinstance(term, BNode):
        raise UnsupportedShapeError(f"a blank node ({term.n3()}) as a value in a compiled constraint")
    return term.n3()


class Patterns:
    """Write the SPARQL patterns of the constraints of a shapes graph.

    :param shapes: the shapes graph.
    :param superclasses: the classes with subclasses in the data graph, or None for any class.
    """

    def __init__(self, shapes: Graph, superclasses: frozenset[Node] | None) -> None:
        self.g = shapes
        self._ones: dict[tuple[Node | None, Node], Node | None] = {}
        self.count = itertools.count()
        self.superclasses = superclasses
        #: the doubts of the nested tests written since last emptied (see :mod:`kgraph.shacl.literals`)
        self.doubts: list[Doubt] = []

    def instance(self, node: str, cls: Node) -> str:
        """Return a pattern matching when ``node`` is a SHACL instance of ``cls`` in the data graph.

        The pattern follows rdfs:subClassOf only for a class that has subclasses in the data.
        """
        if self.superclasses is not None and cls not in self.superclasses:
            return f"{node} {_TYPE} {n3(cls)} ."
        return f"{node} {_TYPE}/{_SUBCLASS}* {n3(cls)} ."

    def fresh(self) -> str:
        return f"?x{next(self.count)}"

    def name(self, shape: Node | None) -> str:
        return shape.n3() if isinstance(shape, URIRef) else "a blank-node shape"

    def one(self, shape: Node | None, predicate: Node) -> Node | None:
        key = (shape, predicate)
        if key in self._ones:  # shapes are read many times over while their patterns are written
            return self._ones[key]
        values = list(self.g.objects(shape, predicate))
        if len(values) > 1:
            raise UnsupportedShapeError(f"{self.name(shape)} has {len(values)} values for {predicate.n3()}")
        self._ones[key] = found = values[0] if values else None
        return found

    def check_known(self, shape: Node | None) -> None:
        for predicate in set(self.g.predicates(shape)):
            if str(predicate).startswith(str(SH)) and predicate not in _KNOWN:
                found = component_of(cast(URIRef, predicate))
                spec = f" ({found.spec})" if found is not None else ""
                raise UnsupportedShapeError(
                    f"{self.name(shape)} uses {predicate.n3()}{spec}, which does not compile"
                )

    def path(self, shape: Node | None) -> URIRef | None:
        path = self.one(shape, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise UnsupportedShapeError(f"{self.name(shape)} has a complex sh:path; only IRI paths compile")
        return path

    def severity(self, shape: Node | None) -> Node:
        return self.one(shape, SH.severity) or SH.Violation

    # -- value nodes and violation patterns, for a focus node in the variable `this`

    def values(self, shape: Node | None, this: str, value: str) -> str:
        """Return the pattern binding ``value`` to the value nodes; a node shape's is its focus node."""
        path = self.path(shape)
        return f"{this} {n3(path)} {value} ." if path is not None else ""

    def violations(
        self, shape: Node | None, parameter: Node, this: str, value: str, focus: str = ""
    ) -> str | None:
        """Return a pattern matching each (this, value) that violates the constraint, or None.

        ``focus`` binds ``this`` to the focus nodes at the top level; it is empty inside a nested
        shape, where ``this`` is bound already.
        """
        g, path = self.g, self.path(shape)
        obj = cast(Node, self.one(shape, parameter))  # parameter is a predicate of shape: it has a value
        if path is None and parameter != SH.closed:
            value = this
        values = self.values(shape, this, value)
        if parameter == SH["class"]:
            return f"{values} FILTER NOT EXISTS {{ {self.instance(value, obj)} }}"
        if parameter == SH.datatype:
            test, doubt = datatype_test(value, obj, nested=not focus)
            self.doubts += [doubt] if doubt is not None else []
            return f"{values} FILTER (!COALESCE({test}, false))"
        if parameter == SH.nodeKind:
            if obj not in _NODE_KINDS:
                raise UnsupportedShapeError(f"{self.name(shape)} has an unknown sh:nodeKind {obj}")
            return f"{values} FILTER (!{_NODE_KINDS[obj].format(v=value)})"
        if str(parameter)[len(str(SH)) :] in BOUNDS:  # https://www.w3.org/TR/shacl/#core-components-range
            operator = BOUNDS[str(parameter)[len(str(SH)) :]]
            test, doubt = bound_test(value, operator, obj, nested=not focus)
            self.doubts += [doubt] if doubt is not None else []
            return f"{values} FILTER (!COALESCE({test}, false))"
        if parameter in (
            SH.minLength,
            SH.maxLength,
        ):  # https://www.w3.org/TR/shacl/#MinLengthConstraintComponent
            if not (isinstance(obj, Literal) and type(obj.value) is int):
                raise UnsupportedShapeError(f"{self.name(shape)}: {parameter.n3()} needs an integer")
            test = "<" if parameter == SH.minLength else ">"
            return f"{values} FILTER (isBlank({value}) || STRLEN(STR({value})) {test} {obj.value})"
        if parameter in (
            SH.equals,
            SH.disjoint,
        ):  # https://www.w3.org/TR/shacl/#core-components-property-pairs
            if path is None or not isinstance(obj, URIRef):
                raise UnsupportedShapeError(f"{self.name(shape)}: {parameter.n3()} needs a path and an IRI")
            if parameter == SH.disjoint:
                return f"{values} {this} {n3(obj)} {value} ."
            return (
                f"{{ {values} FILTER NOT EXISTS {{ {this} {n3(obj)} {value} }} }} UNION "
                f"{{ {this} {n3(obj)} {value} . FILTER NOT EXISTS {{ {values} }} }}"
            )
        if parameter == SH["not"]:  # https://www.w3.org/TR/shacl/#NotConstraintComponent
            return f"{values} FILTER ({self.conforms(obj, value)})"
        if parameter == SH["and"]:  # https://www.w3.org/TR/shacl/#AndConstraintComponent
            members = " && ".join(f"({self.conforms(m, value)})" for m in g.items(obj))
            return f"{values} FILTER (!({members or 'true'}))"
        if parameter == SH.xone:  # https://www.w3.org/TR/shacl/#XoneConstraintComponent
            members = " + ".join(f"IF({self.conforms(m, value)}, 1, 0)" for m in g.items(obj))
            return f"{values} FILTER (({members or '0'}) != 1)"
        if parameter == SH.languageIn:
            tags = [str(t).lower() for t in g.items(obj)]
            tag = f"LCASE(lang({value}))"
            first = f'LCASE(STRBEFORE(CONCAT(lang({value}), "-"), "-"))'
            listed = ", ".join(f'"{t}"' for t in tags if re.fullmatch(r"[A-Za-z0-9*-]+", t))
            ok = "true" if "*" in tags else f"({tag} IN ({listed}) || {first} IN ({listed}))"
            return f'{values} FILTER (!(isLiteral({value}) && lang({value}) != "" && {ok}))'
        if parameter == SH.pattern:
            flags = "".join(f for f in str(self.one(shape, SH.flags) or "").lower() if f in "im")
            regex = Literal(str(obj)).n3()
            return f'{values} FILTER (isBlank({value}) || !REGEX(STR({value}), {regex}, "{flags}"))'
        if parameter == SH["in"]:
            members = " || ".join(f"sameTerm({value}, {n3(m)})" for m in g.items(obj))
            return f"{values} FILTER (!({members or 'false'}))"
        if parameter == SH.hasValue:
            if path is None:
                return f"{values} FILTER (!sameTerm({this}, {n3(obj)}))"
            return f"FILTER NOT EXISTS {{ {this} {n3(path)} {n3(obj)} }}"
        if parameter == SH.node:
            return f"{values} FILTER (!({self.conforms(obj, value)}))"
        if parameter == SH["or"]:
            members = " || ".join(f"({self.conforms(m, value)})" for m in g.items(obj))
            return f"{values} FILTER (!({members or 'false'}))"
        if parameter in (SH.minCount, SH.maxCount, SH.qualifiedMinCount, SH.qualifiedMaxCount):
            return self.counted(shape, parameter, this, focus)
        if parameter == SH.uniqueLang:
            if path is None or obj != Literal(True):
                raise UnsupportedShapeError(f"{self.name(shape)}: sh:uniqueLang other than true on a path")
            v, other = self.fresh(), self.fresh()
            lang = "?lang" if focus else self.fresh()
            return (
                f"{this} {n3(path)} {v}, {other} . "
                f'FILTER (!sameTerm({v}, {other}) && isLiteral({v}) && lang({v}) != "" && isLiteral({other})'
                f" && LCASE(lang({v})) = LCASE(lang({other}))) BIND(LCASE(lang({v})) AS {lang})"
            )
        if parameter == SH.closed:
            if path is not None or obj != Literal(True):
                raise UnsupportedShapeError(f"{self.name(shape)}: sh:closed other than true on a node shape")
            allowed: list[Node | None] = [self.path(p) for p in g.objects(shape, SH.property)]
            ignored = self.one(shape, SH.ignoredProperties)
            allowed += list(g.items(ignored)) if ignored is not None else []
            listed = ", ".join(n3(p) for p in allowed if p is not None)
            resource = f"sameTerm(?path, {n3(RDF.type)}) && sameTerm({value}, {n3(RDFS.Resource)})"
            predicate = "?path" if focus else self.fresh()
            resource = resource.replace("?path", predicate)
            return f"{this} {predicate} {value} . FILTER ({predicate} NOT IN ({listed}) && !({resource}))"
        return None

    def counted(self, shape: Node | None, parameter: Node, this: str, focus: str) -> str | None:
        path = self.path(shape)
        count = self.one(shape, parameter)
        if path is None or not isinstance(count, Literal) or not isinstance(count.value, int):
            raise UnsupportedShapeError(f"{self.name(shape)}: {parameter.n3()} needs a path and an integer")
        n, v = count.value, self.fresh()
        test = "<" if parameter in (SH.minCount, SH.qualifiedMinCount) else ">"
        if test == "<" and n <= 0:
            return None
        condition = ""
        if parameter in (SH.qualifiedMinCount, SH.qualifiedMaxCount):
            if self.one(shape, SH.qualifiedValueShapesDisjoint) is not None:
                raise UnsupportedShapeError(f"{self.name(shape)}: sh:qualifiedValueShapesDisjoint")
            condition = f"FILTER ({self.conforms(self.one(shape, SH.qualifiedValueShape), v)})"
        if test == "<" and n == 1:
            return f"FILTER NOT EXISTS {{ {this} {n3(path)} {v} . {condition} }}"
        if test == ">" and n == 1 and not condition:  # two different values: faster than counting
            other = self.fresh()
            return f"{this} {n3(path)} {v}, {other} . FILTER (!sameTerm({v}, {other}))"
        if not focus:
            raise UnsupportedShapeError(f"{self.name(shape)}: a count other than at least one, nested")
        total = self.fresh()
        return (
            f"{{ SELECT {this} (COUNT(DISTINCT {v}) AS {total}) WHERE {{ {focus} OPTIONAL {{ {this} "
            f"{n3(path)} {v} . {condition} }} }} GROUP BY {this} }} FILTER ({total} {test} {n})"
        )

    def conforms(self, shape: Node | None, node: str, depth: int = 0) -> str:
        """Return a SPARQL expression true when the term in ``node`` conforms to ``shape``."""
        if depth > 8:
            raise UnsupportedShapeError(f"{self.name(shape)} refers to itself (recursive shapes)")
        self.check_known(shape)
        if self.one(shape, SH.deactivated) == Literal(True):
            return "true"  # https://www.w3.org/TR/shacl/#deactivated
        if self.severity(shape) in (SH.Warning, SH.Info):
            return "true"  # pySHACL, with warnings allowed, lets such a shape conform
        if (shape, SH.sparql, None) in self.g:
            raise UnsupportedShapeError(f"{self.name(shape)}: sh:sparql in a nested shape")
        tests = []
        for parameter in sorted(set(self.g.predicates(shape)), key=str):
            if not str(parameter).startswith(str(SH)):
                continue  # rdf:type, labels and the like: no constraint (custom components are refused)
            if parameter == SH.property:
                for member in self.g.objects(shape, SH.property):
                    tests.append(self.conforms(member, node, depth + 1))
                continue
            pattern = self.violations(shape, parameter, node, self.fresh())
            if pattern is not None:
                tests.append(f"NOT EXISTS {{ {pattern} }}")
        return " && ".join(tests) or "true"
