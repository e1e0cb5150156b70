"""The SHACL Core constraint components by their parameters: which compile, and the spec's section of each.

:class:`kgraph.shacl.patterns.Patterns` writes the SPARQL of each component that compiles; a
shape that uses one that does not is refused (never skipped). ``COMPILED`` is the readable list
of what the fast validator does; the README shows the same table.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import SH

__all__ = ["COMPILED", "COMPONENTS", "Component", "component_of"]

_SPEC = "https://www.w3.org/TR/shacl/#"


@dataclass(frozen=True)
class Component:
    """One SHACL Core constraint component: its parameters, its spec section, and whether it compiles."""

    name: str  # the local name of sh:<name>ConstraintComponent
    parameters: tuple[str, ...]  # the local names of its parameters in the sh: namespace
    section: str  # the anchor of its section in the SHACL specification
    compiles: bool
    reports_value: bool = True  # whether its results carry sh:value

    @property
    def iri(self) -> URIRef:
        return SH[f"{self.name}ConstraintComponent"]

    @property
    def spec(self) -> str:
        return _SPEC + self.section


COMPONENTS: tuple[Component, ...] = (
    Component("Class", ("class",), "ClassConstraintComponent", True),
    Component("Datatype", ("datatype",), "DatatypeConstraintComponent", True),
    Component("NodeKind", ("nodeKind",), "NodeKindConstraintComponent", True),
    Component("MinCount", ("minCount",), "MinCountConstraintComponent", True, False),
    Component("MaxCount", ("maxCount",), "MaxCountConstraintComponent", True, False),
    Component("MinExclusive", ("minExclusive",), "MinExclusiveConstraintComponent", True),
    Component("MinInclusive", ("minInclusive",), "MinInclusiveConstraintComponent", True),
    Component("MaxExclusive", ("maxExclusive",), "MaxExclusiveConstraintComponent", True),
    Component("MaxInclusive", ("maxInclusive",), "MaxInclusiveConstraintComponent", True),
    Component("MinLength", ("minLength",), "MinLengthConstraintComponent", True),
    Component("MaxLength", ("maxLength",), "MaxLengthConstraintComponent", True),
    Component("Pattern", ("pattern", "flags"), "PatternConstraintComponent", True),
    Component("LanguageIn", ("languageIn",), "LanguageInConstraintComponent", True),
    Component("UniqueLang", ("uniqueLang",), "UniqueLangConstraintComponent", True, False),
    Component("Equals", ("equals",), "EqualsConstraintComponent", True),
    Component("Disjoint", ("disjoint",), "DisjointConstraintComponent", True),
    Component("LessThan", ("lessThan",), "LessThanConstraintComponent", False),
    Component("LessThanOrEquals", ("lessThanOrEquals",), "LessThanOrEqualsConstraintComponent", False),
    Component("Not", ("not",), "NotConstraintComponent", True),
    Component("And", ("and",), "AndConstraintComponent", True),
    Component("Or", ("or",), "OrConstraintComponent", True),
    Component("Xone", ("xone",), "XoneConstraintComponent", True),
    Component("Node", ("node",), "NodeConstraintComponent", True),
    Component("Property", ("property",), "PropertyConstraintComponent", True),
    Component(
        "QualifiedMinCount",
        ("qualifiedValueShape", "qualifiedMinCount", "qualifiedValueShapesDisjoint"),
        "QualifiedValueShapeConstraintComponent",
        True,
        False,
    ),
    Component(
        "QualifiedMaxCount",
        ("qualifiedValueShape", "qualifiedMaxCount", "qualifiedValueShapesDisjoint"),
        "QualifiedValueShapeConstraintComponent",
        True,
        False,
    ),
    Component("Closed", ("closed", "ignoredProperties"), "ClosedConstraintComponent", True),
    Component("HasValue", ("hasValue",), "HasValueConstraintComponent", True, False),
    Component("In", ("in",), "InConstraintComponent", True),
    Component("SPARQL", ("sparql",), "SPARQLConstraintComponent", True),
)
# the parameter that makes each component apply (its first one, save for the qualified counts)
_KEYS = {SH[c.parameters[1] if c.name.startswith("Qualified") else c.parameters[0]]: c for c in COMPONENTS}
#: the components the fast validator compiles, by the parameter that makes each apply
COMPILED: dict[URIRef, Component] = {key: c for key, c in _KEYS.items() if c.compiles}


def component_of(parameter: URIRef) -> Component | None:
    """Return the component that ``parameter`` makes apply, or None for any other predicate.

    >>> component_of(SH.minCount).spec
    'https://www.w3.org/TR/shacl/#MinCountConstraintComponent'
    >>> component_of(SH.lessThan).compiles
    False
    """
    return _KEYS.get(parameter)
