"""Every quote's evidence level follows from its pages, and every text of a quote names its page.

The level is recomputed here from what the quote records, independently of the shapes: kd:Disputed
when a claim on kd:text gives words that are not among the quote's texts, or a claim on kd:speaker
gives the line to another character; else kd:MultipleSources when two or more pages (dct:source)
give the words; else kd:SingleSource. Each rule is checked once over all quotes.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

import kgraph
from kgraph.namespaces import KD, curie

DATA = kgraph.load(include_ontology=False)
QUOTES = sorted(DATA.subjects(RDF.type, KD.Quote))


def _text_claims(graph: Graph, quote: URIRef) -> list[tuple[object, object]]:
    """(words, page) of each claim on the quote's kd:text."""
    return [
        (graph.value(claim, KD.claimedValue), graph.value(claim, DCTERMS.source))
        for claim in graph.objects(quote, KD.claim)
        if graph.value(claim, KD.claimedProperty) == KD.text
    ]


def _other_speakers(graph: Graph, quote: URIRef) -> set[object]:
    speakers = set(graph.objects(quote, KD.speaker))
    claimed = {
        graph.value(claim, KD.claimedValue)
        for claim in graph.objects(quote, KD.claim)
        if graph.value(claim, KD.claimedProperty) == KD.speaker
    }
    return claimed - speakers


def expected_level(graph: Graph, quote: URIRef) -> URIRef:
    texts = set(graph.objects(quote, KD.text))
    if any(words not in texts for words, _ in _text_claims(graph, quote)) or _other_speakers(graph, quote):
        return KD.Disputed
    if len(set(graph.objects(quote, DCTERMS.source))) >= 2:
        return KD.MultipleSources
    return KD.SingleSource


def test_there_are_quotes_of_every_level():
    assert len(QUOTES) >= 86
    assert {expected_level(DATA, q) for q in QUOTES} == {KD.Disputed, KD.MultipleSources, KD.SingleSource}


def test_every_quote_evidence_level_follows_its_pages():
    wrong = [
        f"{curie(quote)}: set kd:evidenceLevel {curie(expected)}"
        for quote in QUOTES
        if set(DATA.objects(quote, KD.evidenceLevel)) != {expected := expected_level(DATA, quote)}
    ]
    assert not wrong, "\n".join(wrong)


MULTILINGUAL = [
    q
    for q in QUOTES
    if len({t.language for t in DATA.objects(q, KD.text)}) > 1
    and len(set(DATA.objects(q, DCTERMS.source))) > 1
]


def test_some_quotes_are_given_in_several_languages_by_several_pages():
    assert len(MULTILINGUAL) >= 2


def test_each_text_of_a_quote_names_the_page_that_gives_it():
    missing = []
    for quote in MULTILINGUAL:
        pages = set(DATA.objects(quote, DCTERMS.source))
        attributed = {words for words, page in _text_claims(DATA, quote) if page in pages}
        unnamed = sorted(str(t) for t in DATA.objects(quote, KD.text) if t not in attributed)
        if unnamed:
            missing.append(f"{curie(quote)}: add a kd:Claim on kd:text naming the page for {unnamed}")
    assert not missing, "\n".join(missing)
