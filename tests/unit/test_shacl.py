"""SHACL on graphs of three triples: both validators give the same results."""

from __future__ import annotations

import pytest
from rdflib import Graph

from kgraph.shacl.fast import report_findings, validate_fast
from kgraph.shacl.validate import _pyshacl_report

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix e: <http://example.com/> .
e:ThingShape a sh:NodeShape ;
    sh:targetClass e:Thing ;
    sh:property [ sh:path e:count ; sh:datatype xsd:integer ; sh:minCount 1 ;
                  sh:message "give a whole-number count" ] .
"""
DATA = {
    "conforms": '@prefix e: <http://example.com/> . e:a a e:Thing ; e:count 3 . e:b e:count "x" .',
    "wrong type": '@prefix e: <http://example.com/> . e:a a e:Thing ; e:count "three" . e:b e:p e:c .',
    "missing": "@prefix e: <http://example.com/> . e:a a e:Thing . e:b e:p e:c . e:c e:p e:b .",
}


@pytest.mark.parametrize("case", DATA)
def test_the_fast_validator_reports_what_pyshacl_reports(case):
    data = Graph().parse(data=DATA[case], format="turtle")
    shapes = Graph().parse(data=SHAPES, format="turtle")
    fast, reference = (
        report_findings(validate_fast(data, shapes)),
        report_findings(_pyshacl_report(data, shapes)),
    )
    assert fast == reference
    assert (not fast) == (case == "conforms")


def test_the_text_report_lists_every_violation_and_counts_the_warnings_past_five_per_rule():
    from kgraph.shacl.results import ValidationReport, ValidationResult

    def result(n: int, severity: str, rule: str) -> ValidationResult:
        return ValidationResult("data/x.ttl", n, f"kdr:n{n}", "", severity, rule, "fix it")

    warnings = [result(n, "warning", "check:a") for n in range(1, 8)] + [result(8, "warning", "check:b")]
    violations = [result(n, "violation", "check:c") for n in range(9, 17)]
    report = ValidationReport(tuple(sorted(warnings + violations)))
    lines = report.summary(5).splitlines()
    assert sum(": warning: " in line for line in lines) == 6  # five of check:a, the one of check:b
    assert sum(": violation: " in line for line in lines) == 8
    assert "... and 2 more warning(s) of check:a" in lines
    assert lines[-1] == "does not conform: 8 violation(s), 8 warning(s)"
    assert report.text == report.summary(None) and len(report.text.splitlines()) == 17
