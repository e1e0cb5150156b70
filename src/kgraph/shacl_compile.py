"""Compile SHACL shapes into SPARQL SELECT queries, one per (shape, constraint), over the whole graph.

Each query returns the rows that become validation results: the focus node as ``?this``, and the
value node as ``?value`` where the constraint reports one. :mod:`kgraph.shacl_fast` runs them on
Oxigraph. The queries follow pySHACL's reading of the SHACL specification, including where it
chooses among readings (``sh:languageIn`` matches a tag or its first subtag; a shape of severity
warning nested in ``sh:node`` or ``sh:or`` always conforms, as pySHACL does with warnings allowed).

Only the targets and constraint components that ``ontology/shapes.ttl`` uses are supported; a
shape that uses anything else is refused with :class:`UnsupportedShapeError` when compiled, never
skipped.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from .errors import ShapesError

__all__ = ["CompiledCheck", "UnsupportedShapeError", "compile_shapes"]

# every predicate of the SHACL namespace a shape may carry here; any other one is refused
_KNOWN = {
    SH.targetClass, SH.closed, SH.ignoredProperties, SH.message, SH.property, SH.sparql, SH.path,
    SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.languageIn, SH.pattern,
    SH.flags, SH.uniqueLang, SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.minInclusive,
    SH.node, SH.hasValue, SH["in"], SH.nodeKind, SH["or"], SH.severity, SH.name, SH.description,
    SH.order, SH.group,
}  # fmt: skip
_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
# lexical forms that rdflib surely reads as valid: anything else is checked in Python
_SURE_LEXICAL = {
    XSD.integer: "^-?[0-9]+$",
    XSD.date: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$",
}
_COMPONENTS = {
    SH["class"]: SH.ClassConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH.closed: SH.ClosedConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH.qualifiedMinCount: SH.QualifiedMinCountConstraintComponent,
    SH.qualifiedMaxCount: SH.QualifiedMaxCountConstraintComponent,
}
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"


class UnsupportedShapeError(ShapesError):
    """A shape uses a SHACL feature the fast validator does not compile; use pyshacl for it."""


@dataclass(frozen=True)
class CompiledCheck:
    """One (shape, constraint) compiled to a query whose rows are validation results.

    ``recheck`` names a Python test that rows must also fail (``datatype`` or ``minInclusive``
    with ``argument``): the query returns every row it cannot decide exactly, so that rdflib's
    reading of unusual literals decides them, as it does for pySHACL.
    """

    query: str
    shape: URIRef | BNode
    component: URIRef
    severity: URIRef
    message: Literal | None
    path: URIRef | None = None
    constraint: URIRef | BNode | None = None
    value_is_focus: bool = False
    recheck: str = ""
    argument: URIRef | Literal | None = None


def _n3(term) -> str:
    if isinstance(term, BNode):
        raise UnsupportedShapeError(f"a blank node ({term.n3()}) as a value in a compiled constraint")
    return term.n3()


class _Compiler:
    def __init__(self, shapes: Graph, superclasses: frozenset | None) -> None:
        self.g = shapes
        self.count = itertools.count()
        self.superclasses = superclasses

    def instance(self, node: str, cls) -> str:
        """Return a pattern matching when ``node`` is a SHACL instance of ``cls`` in the data graph.

        The pattern follows rdfs:subClassOf only for a class that has subclasses in the data.
        """
        if self.superclasses is not None and cls not in self.superclasses:
            return f"{node} {_TYPE} {_n3(cls)} ."
        return f"{node} {_TYPE}/{_SUBCLASS}* {_n3(cls)} ."

    def fresh(self) -> str:
        return f"?x{next(self.count)}"

    def name(self, shape) -> str:
        return shape.n3() if isinstance(shape, URIRef) else "a blank-node shape"

    def one(self, shape, predicate):
        values = list(self.g.objects(shape, predicate))
        if len(values) > 1:
            raise UnsupportedShapeError(f"{self.name(shape)} has {len(values)} values for {predicate.n3()}")
        return values[0] if values else None

    def check_known(self, shape) -> None:
        if (shape, RDF.type, RDFS.Class) in self.g or (shape, RDF.type, OWL.Class) in self.g:
            raise UnsupportedShapeError(f"{self.name(shape)} is a class as well as a shape (implicit target)")
        for predicate in set(self.g.predicates(shape)):
            if str(predicate).startswith(str(SH)) and predicate not in _KNOWN:
                raise UnsupportedShapeError(
                    f"{self.name(shape)} uses {predicate.n3()}, which the fast validator does not support"
                )

    def path(self, shape):
        path = self.one(shape, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise UnsupportedShapeError(f"{self.name(shape)} has a complex sh:path; only IRI paths compile")
        return path

    def severity(self, shape) -> URIRef:
        return self.one(shape, SH.severity) or SH.Violation

    # -- value nodes and violation patterns, for a focus node in the variable `this`

    def values(self, shape, this: str, value: str) -> str:
        """Return the pattern binding ``value`` to the value nodes; a node shape's is its focus node."""
        path = self.path(shape)
        return f"{this} {_n3(path)} {value} ." if path is not None else ""

    def violations(self, shape, parameter, this: str, value: str, focus: str = "") -> str | None:
        """Return a pattern matching each (this, value) that violates the constraint, or None.

        ``focus`` binds ``this`` to the focus nodes at the top level; it is empty inside a nested
        shape, where ``this`` is bound already.
        """
        g, path = self.g, self.path(shape)
        obj = self.one(shape, parameter)
        if path is None and parameter != SH.closed:
            value = this
        values = self.values(shape, this, value)
        if parameter == SH["class"]:
            return f"{values} FILTER NOT EXISTS {{ {self.instance(value, obj)} }}"
        if parameter == SH.datatype:
            sure = _SURE_LEXICAL.get(obj)
            ok = f"datatype({value}) = {_n3(obj)}"
            if obj == RDF.langString:
                ok = f'lang({value}) != ""'
            elif sure is not None:
                ok += f' && REGEX(STR({value}), "{sure}")'
            else:
                ok = "false"  # every literal goes to the Python check
            return f"{values} FILTER (!COALESCE(isLiteral({value}) && {ok}, false))"
        if parameter == SH.nodeKind:
            if obj not in _NODE_KINDS:
                raise UnsupportedShapeError(f"{self.name(shape)} has an unknown sh:nodeKind {obj}")
            return f"{values} FILTER (!{_NODE_KINDS[obj].format(v=value)})"
        if parameter == SH.minInclusive:
            sure = f"datatype({value}) = {_n3(XSD.integer)} && {value} >= {_n3(obj)}"
            if not (isinstance(obj, Literal) and obj.datatype == XSD.integer):
                sure = "false"
            return f"{values} FILTER (!COALESCE(isLiteral({value}) && {sure}, false))"
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
            members = " || ".join(f"sameTerm({value}, {_n3(m)})" for m in g.items(obj))
            return f"{values} FILTER (!({members or 'false'}))"
        if parameter == SH.hasValue:
            if path is None:
                return f"{values} FILTER (!sameTerm({this}, {_n3(obj)}))"
            return f"FILTER NOT EXISTS {{ {this} {_n3(path)} {_n3(obj)} }}"
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
                f"{this} {_n3(path)} {v}, {other} . "
                f'FILTER (!sameTerm({v}, {other}) && isLiteral({v}) && lang({v}) != "" && isLiteral({other})'
                f" && LCASE(lang({v})) = LCASE(lang({other}))) BIND(LCASE(lang({v})) AS {lang})"
            )
        if parameter == SH.closed:
            if path is not None or obj != Literal(True):
                raise UnsupportedShapeError(f"{self.name(shape)}: sh:closed other than true on a node shape")
            allowed = [self.path(p) for p in g.objects(shape, SH.property)]
            ignored = self.one(shape, SH.ignoredProperties)
            allowed += list(g.items(ignored)) if ignored is not None else []
            listed = ", ".join(_n3(p) for p in allowed if p is not None)
            resource = f"sameTerm(?path, {_n3(RDF.type)}) && sameTerm({value}, {_n3(RDFS.Resource)})"
            predicate = "?path" if focus else self.fresh()
            resource = resource.replace("?path", predicate)
            return f"{this} {predicate} {value} . FILTER ({predicate} NOT IN ({listed}) && !({resource}))"
        return None

    def counted(self, shape, parameter, this: str, focus: str) -> str | None:
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
            return f"FILTER NOT EXISTS {{ {this} {_n3(path)} {v} . {condition} }}"
        if test == ">" and n == 1 and not condition:  # two different values: faster than counting
            other = self.fresh()
            return f"{this} {_n3(path)} {v}, {other} . FILTER (!sameTerm({v}, {other}))"
        if not focus:
            raise UnsupportedShapeError(f"{self.name(shape)}: a count other than at least one, nested")
        total = self.fresh()
        return (
            f"{{ SELECT {this} (COUNT(DISTINCT {v}) AS {total}) WHERE {{ {focus} OPTIONAL {{ {this} "
            f"{_n3(path)} {v} . {condition} }} }} GROUP BY {this} }} FILTER ({total} {test} {n})"
        )

    def conforms(self, shape, node: str, depth: int = 0) -> str:
        """Return a SPARQL expression true when the term in ``node`` conforms to ``shape``."""
        if depth > 8:
            raise UnsupportedShapeError(f"{self.name(shape)} refers to itself (recursive shapes)")
        self.check_known(shape)
        if self.severity(shape) in (SH.Warning, SH.Info):
            return "true"  # pySHACL, with warnings allowed, lets such a shape conform
        if (shape, SH.sparql, None) in self.g:
            raise UnsupportedShapeError(f"{self.name(shape)}: sh:sparql in a nested shape")
        tests = []
        for parameter in sorted(set(self.g.predicates(shape)), key=str):
            if parameter == SH.property:
                for member in self.g.objects(shape, SH.property):
                    tests.append(self.conforms(member, node, depth + 1))
                continue
            pattern = self.violations(shape, parameter, node, self.fresh())
            if pattern is not None:
                tests.append(f"NOT EXISTS {{ {pattern} }}")
        return " && ".join(tests) or "true"


def _focus(compiler: _Compiler, shape) -> str:
    classes = list(compiler.g.objects(shape, SH.targetClass))
    return " UNION ".join(f"{{ {compiler.instance('?this', c)} }}" for c in classes)


def _prefixes(shapes: Graph, constraint) -> str:
    lines = []
    for holder in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(lines))


def _sparql(compiler: _Compiler, shape, constraint, focus: str) -> CompiledCheck:
    shapes = compiler.g
    select = shapes.value(constraint, SH.select)
    if select is None or (constraint, SH.ask, None) in shapes:
        raise UnsupportedShapeError(f"{compiler.name(constraint)}: only sh:select SPARQL constraints compile")
    if re.search(r"\b(MINUS|VALUES|SERVICE)\b|\$(PATH|currentShape|shapesGraph)\b", str(select), re.I):
        raise UnsupportedShapeError(f"{compiler.name(constraint)}: MINUS, VALUES, SERVICE or $PATH")
    if list(shapes.objects(shape, SH.message)):
        raise UnsupportedShapeError(f"{compiler.name(shape)}: a message on a shape holding sh:sparql")
    wrapped = f"SELECT DISTINCT * WHERE {{ {{ {select} }} FILTER EXISTS {{ {focus} }} }}"
    query = f"{_prefixes(shapes, constraint)}\n{wrapped}"
    return CompiledCheck(
        query=query,
        shape=shape,
        component=SH.SPARQLConstraintComponent,
        severity=compiler.severity(shape),
        message=shapes.value(constraint, SH.message),
        constraint=constraint,
        value_is_focus=compiler.path(shape) is None,
    )


def _reported(compiler: _Compiler, shape, focus: str) -> list[CompiledCheck]:
    """Compile the constraints of ``shape`` whose results are reported, for the focus nodes of ``focus``."""
    compiler.check_known(shape)
    messages = list(compiler.g.objects(shape, SH.message))
    if len(messages) > 1:
        raise UnsupportedShapeError(f"{compiler.name(shape)} has {len(messages)} messages; give it one")
    checks = []
    for parameter in sorted(set(compiler.g.predicates(shape)), key=str):
        if parameter == SH.sparql:
            checks += [_sparql(compiler, shape, c, focus) for c in compiler.g.objects(shape, SH.sparql)]
            continue
        if parameter == SH.property:
            for member in compiler.g.objects(shape, SH.property):
                if (member, SH.property, None) in compiler.g:
                    raise UnsupportedShapeError(f"{compiler.name(member)}: sh:property on a property shape")
                checks += _reported(compiler, member, focus)
            continue
        pattern = compiler.violations(shape, parameter, "?this", "?value", focus)
        if pattern is None:
            continue
        if not messages:
            raise UnsupportedShapeError(f"{compiler.name(shape)} needs a sh:message for the fast validator")
        component = _COMPONENTS[parameter]
        reports_value = parameter not in (
            SH.minCount, SH.maxCount, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.uniqueLang, SH.hasValue
        )  # fmt: skip
        project = "?this ?value" if reports_value and compiler.path(shape) is not None else "?this"
        if parameter == SH.closed:
            project = "?this ?path ?value"
        elif parameter == SH.uniqueLang:
            project = "?this ?lang"
        checks.append(
            CompiledCheck(
                query=f"SELECT DISTINCT {project} WHERE {{ {focus} {pattern} }}",
                shape=shape,
                component=component,
                severity=compiler.severity(shape),
                message=messages[0],
                path=compiler.path(shape),
                value_is_focus=reports_value and compiler.path(shape) is None,
                recheck=str(parameter)[len(str(SH)) :] if parameter in (SH.datatype, SH.minInclusive) else "",
                argument=compiler.one(shape, parameter)
                if parameter in (SH.datatype, SH.minInclusive)
                else None,
            )
        )
    return checks


def compile_shapes(shapes: Graph, *, superclasses: frozenset | None = None) -> tuple[CompiledCheck, ...]:
    """Compile every constraint of every targeted shape of ``shapes`` into a SPARQL query.

    :param shapes: a SHACL shapes graph.
    :param superclasses: the classes that have subclasses in the data graph (objects of
        rdfs:subClassOf); the queries follow subclasses only for those. None follows them for all.
    :returns: the compiled checks, one per (shape, constraint) whose results are reported.
    :raises UnsupportedShapeError: if a shape uses a target or constraint that does not compile.

    >>> from kgraph.store import load_shapes
    >>> checks = compile_shapes(load_shapes())
    >>> len(checks) > 100
    True
    """
    compiler = _Compiler(shapes, superclasses)
    for other in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
        for shape in shapes.subjects(other, None):
            raise UnsupportedShapeError(
                f"{compiler.name(shape)} uses {other.n3()}; only sh:targetClass compiles"
            )
    for kind in (RDFS.Class, OWL.Class):
        for shape in shapes.subjects(RDF.type, kind):
            if (shape, RDF.type, SH.NodeShape) in shapes or (shape, RDF.type, SH.PropertyShape) in shapes:
                raise UnsupportedShapeError(
                    f"{compiler.name(shape)} is a class and a shape (implicit target)"
                )
    checks: list[CompiledCheck] = []
    for shape in sorted(set(shapes.subjects(SH.targetClass, None)), key=str):
        checks += _reported(compiler, shape, _focus(compiler, shape))
    return tuple(checks)
