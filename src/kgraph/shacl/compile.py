"""Compile SHACL shapes into SPARQL SELECT queries, one per (shape, constraint), over the whole graph.

Each query returns the rows that become validation results: the focus node as ``?this``, and the
value node as ``?value`` where the constraint reports one. :mod:`kgraph.shacl.fast` runs them on
Oxigraph. The queries follow pySHACL's reading of the SHACL specification, including where it
chooses among readings (``sh:languageIn`` matches a tag or its first subtag; a shape of severity
warning nested in ``sh:node`` or ``sh:or`` always conforms, as pySHACL does with warnings allowed).

Only the targets and constraint components that ``ontology/shapes.ttl`` uses are supported; a
shape that uses anything else is refused with :class:`UnsupportedShapeError` when compiled, never
skipped.

Hand-written, because no library does it: pySHACL and rudof check node by node, and no SHACL
processor for Python compiles shapes to SPARQL that Oxigraph can run over a million triples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from kgraph.errors import UnsupportedShapeError
from kgraph.shacl.literals import BOUNDS, Doubt
from kgraph.shacl.patterns import Patterns, n3
from kgraph.shacl.registry import component_of
from kgraph.shacl.sparqlshapes import prefix_lines, prepare

__all__ = ["CompiledCheck", "UnsupportedShapeError", "compile_shapes"]

# the parameters whose rows are candidates that a Python recheck decides (see kgraph.shacl.literals)
_RECHECKED = (SH.datatype, *(SH[bound] for bound in BOUNDS))


@dataclass(frozen=True)
class CompiledCheck:
    """One (shape, constraint) compiled to a query whose rows are validation results.

    ``recheck`` names a Python test that rows must also fail (``datatype`` or ``minInclusive``
    with ``argument``): the query returns every row it cannot decide exactly, so that rdflib's
    reading of unusual literals decides them, as it does for pySHACL.
    """

    query: str
    shape: Node
    component: URIRef
    severity: Node
    message: Node | None
    path: URIRef | None = None
    constraint: Node | None = None
    value_is_focus: bool = False
    recheck: str = ""
    argument: Node | None = None
    #: ASK queries true when the data holds a literal the query may misjudge (it is then refused)
    doubts: tuple[Doubt, ...] = ()
    #: when set, the focus nodes: ``query`` runs once for each, with ``$this`` substituted
    focus_query: str = ""


# the targets (https://www.w3.org/TR/shacl/#targets): a pattern binding ?this to each focus node
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def _implicit_class_targets(shapes: Graph) -> set[Node]:
    """The shapes that are classes too, and so target their own instances
    (https://www.w3.org/TR/shacl/#implicit-targetClass)."""
    return {
        shape
        for kind in (RDFS.Class, OWL.Class)
        for shape in shapes.subjects(RDF.type, kind)
        if (shape, RDF.type, SH.NodeShape) in shapes or (shape, RDF.type, SH.PropertyShape) in shapes
    }


def _focus(compiler: Patterns, shape: Node) -> str:
    """A pattern binding ``?this`` to each focus node of ``shape``, from all its targets together."""
    g = compiler.g
    classes = set(g.objects(shape, SH.targetClass)) | ({shape} & _implicit_class_targets(g))
    parts = [compiler.instance("?this", c) for c in sorted(classes, key=str)]
    classes_only = len(parts)
    nodes = sorted(g.objects(shape, SH.targetNode), key=str)
    if nodes:
        parts.append(f"VALUES ?this {{ {' '.join(n3(node) for node in nodes)} }}")
    parts += [f"?this {n3(p)} ?any ." for p in sorted(g.objects(shape, SH.targetSubjectsOf), key=str)]
    parts += [f"?any {n3(p)} ?this ." for p in sorted(g.objects(shape, SH.targetObjectsOf), key=str)]
    union = " UNION ".join(f"{{ {part} }}" for part in parts)
    if len(parts) == classes_only:
        return union  # instances of classes: as the queries compiled ahead have it
    return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


def _deactivated(compiler: Patterns, shape: Node) -> bool:
    """Say whether ``shape`` is deactivated (https://www.w3.org/TR/shacl/#deactivated)."""
    return compiler.one(shape, SH.deactivated) == Literal(True)


def _sparql(compiler: Patterns, shape: Node, constraint: Node, focus: str) -> CompiledCheck:
    shapes = compiler.g
    where = compiler.name(constraint)
    selects = list(shapes.objects(constraint, SH.select))
    if (constraint, SH.ask, None) in shapes or len(selects) != 1:
        raise UnsupportedShapeError(f"{where}: a SPARQL constraint compiles with exactly one sh:select")
    if list(shapes.objects(shape, SH.message)):
        raise UnsupportedShapeError(f"{compiler.name(shape)}: a message on a shape holding sh:sparql")
    path = compiler.path(shape)
    prepared = prepare(str(selects[0]), focus, where, path=None if path is None else n3(path), shape=shape)
    prologue, select = prepared.prologue, prepared.select
    prefixes = prefix_lines(shapes, constraint, where)
    query = f"{prefixes}\n{prologue}SELECT DISTINCT * WHERE {{ {{ {select} }} }}"
    return CompiledCheck(
        query=query,
        shape=shape,
        component=SH.SPARQLConstraintComponent,
        severity=compiler.severity(shape),
        message=shapes.value(constraint, SH.message),
        constraint=constraint,
        value_is_focus=path is None,
        focus_query=f"SELECT DISTINCT ?this WHERE {{ {focus} }}" if prepared.per_focus else "",
    )


def _reported(compiler: Patterns, shape: Node, focus: str) -> list[CompiledCheck]:
    """Compile the constraints of ``shape`` whose results are reported, for the focus nodes of ``focus``."""
    compiler.check_known(shape)
    messages = list(compiler.g.objects(shape, SH.message))
    if len(messages) > 1:
        raise UnsupportedShapeError(f"{compiler.name(shape)} has {len(messages)} messages; give it one")
    checks: list[CompiledCheck] = []
    for parameter in sorted(set(compiler.g.predicates(shape)), key=str):
        if parameter == SH.sparql:
            constraints = [c for c in compiler.g.objects(shape, SH.sparql) if not _deactivated(compiler, c)]
            checks += [_sparql(compiler, shape, c, focus) for c in constraints]
            continue
        if parameter == SH.property:
            for member in compiler.g.objects(shape, SH.property):
                if (member, SH.property, None) in compiler.g:
                    raise UnsupportedShapeError(f"{compiler.name(member)}: sh:property on a property shape")
                if not _deactivated(compiler, member):
                    checks += _reported(compiler, member, focus)
            continue
        found = component_of(cast(URIRef, parameter))
        if found is None:
            continue
        if not found.compiles:
            raise UnsupportedShapeError(
                f"{compiler.name(shape)} uses {parameter.n3()} ({found.spec}), which the fast validator "
                "does not compile"
            )
        compiler.doubts = []
        pattern = compiler.violations(shape, parameter, "?this", "?value", focus)
        if pattern is None:
            continue
        if not messages:
            raise UnsupportedShapeError(f"{compiler.name(shape)} needs a sh:message for the fast validator")
        component, reports_value = found.iri, found.reports_value
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
                recheck=str(parameter)[len(str(SH)) :] if parameter in _RECHECKED else "",
                argument=compiler.one(shape, parameter) if parameter in _RECHECKED else None,
                doubts=tuple(dict.fromkeys(compiler.doubts)),
            )
        )
    return checks


def _refuse_custom_components(compiler: Patterns) -> None:
    """Refuse a shapes graph whose shapes use a custom constraint component (never skip it)."""
    shapes = compiler.g
    for component in set(shapes.subjects(RDF.type, SH.ConstraintComponent)):
        for parameter in shapes.objects(component, SH.parameter):
            for path in shapes.objects(parameter, SH.path):
                for shape in shapes.subjects(path, None):
                    raise UnsupportedShapeError(
                        f"{compiler.name(shape)} uses the custom constraint component "
                        f"{compiler.name(component)} ({path.n3()}), which the fast validator does not compile"
                    )


def compile_shapes(
    shapes: Graph, *, superclasses: frozenset[Node] | None = None
) -> tuple[CompiledCheck, ...]:
    """Compile every constraint of every targeted shape of ``shapes`` into a SPARQL query.

    :param shapes: a SHACL shapes graph.
    :param superclasses: the classes that have subclasses in the data graph (objects of
        rdfs:subClassOf); the queries follow subclasses only for those. None follows them for all.
    :returns: the compiled checks, one per (shape, constraint) whose results are reported.
    :raises UnsupportedShapeError: if a shape uses a target or constraint that does not compile.

    >>> from kgraph.store.loading import load_shapes
    >>> checks = compile_shapes(load_shapes())
    >>> len(checks) > 100
    True
    """
    compiler = Patterns(shapes, superclasses)
    _refuse_custom_components(compiler)
    for shape in shapes.subjects(SH.target, None):
        raise UnsupportedShapeError(
            f"{compiler.name(shape)} uses sh:target (SHACL-AF targets do not compile)"
        )
    checks: list[CompiledCheck] = []
    targeted = {shape for kind in _TARGETS for shape in shapes.subjects(kind, None)}
    targeted |= _implicit_class_targets(shapes)
    for shape in sorted(targeted, key=str):
        if not _deactivated(compiler, shape):
            checks += _reported(compiler, shape, _focus(compiler, shape))
    return tuple(checks)
