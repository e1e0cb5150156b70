"""The ontology: every term documented, the header complete, and generated files in step with it."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from kgraph import resources
from kgraph.namespaces import KD, WD
from kgraph.release.export import build_context

ONTOLOGY = Graph().parse(resources.ontology_path())
ONTOLOGY_IRI = URIRef("https://w3id.org/kdrama-kg/ontology")
KD_NS = str(KD._NS)
CLASSES = sorted(s for s in ONTOLOGY.subjects(RDF.type, OWL.Class) if str(s).startswith(KD_NS))
PROPERTIES = sorted(
    {
        s
        for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)
        for s in ONTOLOGY.subjects(RDF.type, kind)
    }
)
TERMS = CLASSES + PROPERTIES


def _id(term) -> str:
    return "kd:" + str(term)[len(KD_NS) :]


def test_design_classes_are_declared():
    expected = {"Drama", "Person", "Character", "CastingRole", "ConfessionScene", "Source"}
    assert expected <= {str(c)[len(KD_NS) :] for c in CLASSES}


@pytest.mark.parametrize("term", TERMS, ids=_id)
def test_term_has_english_label_and_comment(term):
    for prop in (RDFS.label, RDFS.comment):
        values = [v for v in ONTOLOGY.objects(term, prop) if isinstance(v, Literal) and v.language == "en"]
        assert len(values) == 1, (
            f"{_id(term)} needs exactly one {prop.n3()} in English in ontology/kdrama.ttl"
        )


@pytest.mark.parametrize("term", PROPERTIES, ids=_id)
def test_property_has_domain_and_range(term):
    assert ONTOLOGY.value(term, RDFS.domain) is not None, f"{_id(term)} needs an rdfs:domain"
    assert ONTOLOGY.value(term, RDFS.range) is not None, f"{_id(term)} needs an rdfs:range"


def test_ontology_header():
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ONTOLOGY
    assert ONTOLOGY.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert isinstance(ONTOLOGY.value(ONTOLOGY_IRI, DCTERMS.license), URIRef)
    assert ONTOLOGY.value(ONTOLOGY_IRI, DCTERMS.description).language == "en"


def test_namespace_class_matches_the_ontology():
    declared = {str(t)[len(KD_NS) :] for t in ONTOLOGY.subjects() if str(t).startswith(KD_NS)}
    in_code = {name for name in KD.__annotations__}
    schemes = {"DeliveryScheme", "OutcomeScheme", "SettingScheme", "TropeScheme"}
    assert in_code - schemes == declared, "regenerate the KD class in src/kgraph/namespaces.py"


@pytest.mark.parametrize("pid", ["P161", "P453", "P449", "P1113", "P580"])
def test_alignments_link_the_wikidata_property(pid):
    alignments = Graph().parse(resources.alignments_path())
    assert any(True for _ in alignments.subjects(None, WD[pid])), f"no link to wd:{pid} in alignments.ttl"


def test_alignments_put_classes_under_schema_org():
    alignments = Graph().parse(resources.alignments_path())
    schema = URIRef("https://schema.org/")
    for cls in ("Drama", "Person", "CastingRole", "ConfessionScene", "Source"):
        parents = list(alignments.objects(KD[cls], RDFS.subClassOf))
        assert any(str(p).startswith(schema) for p in parents), f"kd:{cls} has no schema.org superclass"


def test_context_file_is_generated_from_the_ontology():
    on_disk = json.loads(resources.context_path().read_text(encoding="utf-8"))
    assert on_disk == build_context(ONTOLOGY), (
        "ontology/context.jsonld is stale: regenerate it with 'make format'"
    )
