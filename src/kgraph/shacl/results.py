"""Validation results: typed, located in the data files, and the report that holds them."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph import resources
from kgraph.store import origins

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["SEVERITIES", "Finding", "ValidationReport", "ValidationResult", "located"]

_SH = "http://www.w3.org/ns/shacl#"
#: a result's severity word, by the IRI of its SHACL severity
SEVERITIES: dict[str, str] = {
    _SH + "Violation": "violation",
    _SH + "Warning": "warning",
    _SH + "Info": "info",
}


@dataclass(frozen=True, order=True)
class ValidationResult:
    """One problem found in the data, located in the file that defines its focus node."""

    file: str
    line: int
    focus: str
    path: str
    severity: str
    rule: str
    message: str
    value: str = ""

    def as_dict(self) -> dict[str, str | int]:
        """Return the result as a plain dict (for JSON output)."""
        return {
            "file": self.file,
            "line": self.line,
            "focus": self.focus,
            "path": self.path,
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "value": self.value,
        }

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else (self.file or "(no file)")
        path = f" {self.path}" if self.path else ""
        return f"{where}: {self.severity}: {self.focus}{path}: {self.message} [{self.rule}]"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`: ``conforms`` is false when any violation was found.

    :param results: the results, sorted.
    :param make_report_graph: makes the SHACL validation report graph, when it is first asked for.
    :param notes: what the validation had to do differently from what was asked, and why.
    """

    results: tuple[ValidationResult, ...]
    make_report_graph: Callable[[], Graph] | None = field(default=None, repr=False, compare=False)
    #: what the validation had to do differently from what was asked, and why
    notes: tuple[str, ...] = field(default=(), compare=False)

    @functools.cached_property
    def report_graph(self) -> Graph:
        """The SHACL validation report, as pySHACL writes it (made when first asked for)."""
        if self.make_report_graph is None:
            from rdflib import Graph

            return Graph()
        return self.make_report_graph()

    @property
    def conforms(self) -> bool:
        """True when there is no violation (warnings do not count)."""
        return not any(r.severity == "violation" for r in self.results)

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        """The results of severity violation."""
        return tuple(r for r in self.results if r.severity == "violation")

    @property
    def warnings(self) -> tuple[ValidationResult, ...]:
        """The results of severity warning."""
        return tuple(r for r in self.results if r.severity == "warning")

    @property
    def text(self) -> str:
        """A readable report: one line per result, then a summary line."""
        return self.summary(None)

    def summary(self, warnings_per_rule: int | None = 5) -> str:
        """A readable report that lists every violation but only the first warnings of each rule.

        :param warnings_per_rule: how many warnings of one rule to list before a line that counts
            the rest; None lists them all.
        """
        lines: list[str] = []
        shown: Counter[str] = Counter()
        for result in self.results:
            if result.severity == "warning" and warnings_per_rule is not None:
                shown[result.rule] += 1
                if shown[result.rule] > warnings_per_rule:
                    continue
            lines.append(str(result))
        for rule, count in sorted(shown.items()):
            if count > (warnings_per_rule or 0):
                lines.append(f"... and {count - (warnings_per_rule or 0)} more warning(s) of {rule}")
        verdict = "conforms" if self.conforms else "does not conform"
        lines.append(f"{verdict}: {len(self.violations)} violation(s), {len(self.warnings)} warning(s)")
        return "\n".join(lines)


def _display(path: Path) -> str:
    for base in (Path.cwd(), resources.root()):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


# A result before it is located: the IRI of its focus node (None for any other term), and every
# other field of ValidationResult, the focus written as a CURIE among them.
Finding = tuple[str | None, dict[str, str]]


def located(files: tuple[Path, ...], findings: Iterable[Finding]) -> list[ValidationResult]:
    """Turn findings into results located in ``files``, finding every focus node in one pass."""
    findings = list(findings)
    origins.find_iri_origins(files, (iri for iri, _ in findings if iri is not None))
    results = []
    for iri, fields in findings:
        found = origins.iri_origin(files, iri) if iri is not None else None
        file, line = (_display(found[0]), found[1]) if found is not None else ("", 0)
        results.append(ValidationResult(file=file, line=line, **fields))
    return results
