"""The recorded answers of the named queries on the bundled data, and how to record them again.

Each case is a named query with its parameters; its exact answer (columns and rows) is kept in
``tests/fixtures/answers/<case>.json``. After a change to the data or the queries, look at the
difference, then record the new answers with ``python -m tests.answers``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "fixtures" / "answers"

CASES: list[tuple[str, dict[str, str]]] = [
    ("confessions", {}),
    ("confessions-by-setting", {}),
    ("confessions-by-setting", {"setting": "kdr:setting.vehicle"}),
    ("confessions-by-trope", {"trope": "kdr:trope.love-confession"}),
    ("confessions-by-trope", {"trope": "quiet confession"}),
    ("actor-roles", {"actor": "kdr:kim-tae-ri"}),
    ("actor-roles", {"actor": "Song Hye-kyo"}),
    ("drama-cast", {"drama": "kdr:twenty-five-twenty-one"}),
    ("costar-pairs", {}),
    ("trope-frequency", {}),
    ("dramas-by-network", {}),
    ("dramas-by-network", {"network": "tvN"}),
    ("female-lead-confessions", {}),
    ("mutual-confessions", {}),
    ("disputed-claims", {}),
    ("disputed-claims", {"level": "kd:Disputed"}),
    ("facts-per-source", {}),
    ("ranked-scenes", {"source": "kdr:source.gulf-news-five-confessions"}),
]


def case_id(name: str, params: dict[str, str]) -> str:
    """Name a case: the query, then each parameter as ``key=value`` in a file-safe form."""
    parts = [name] + [
        f"{key}={re.sub(r'[^a-z0-9.-]+', '-', value.lower())}" for key, value in sorted(params.items())
    ]
    return "--".join(parts)


def answer(name: str, params: dict[str, str]) -> dict:
    """Run a case and return its answer as plain data."""
    import kgraph

    result = kgraph.query(name, **params)
    return {"columns": list(result.columns), "rows": result.records()}


def record() -> None:
    """Write every case's answer, and remove answers of cases that no longer exist."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for name, params in CASES:
        path = FOLDER / f"{case_id(name, params)}.json"
        wanted.add(path)
        text = json.dumps(answer(name, params), ensure_ascii=False, indent=1) + "\n"
        path.write_text(text, encoding="utf-8")
    for stale in set(FOLDER.glob("*.json")) - wanted:
        stale.unlink()
    print(f"recorded {len(wanted)} answers in {FOLDER}")  # noqa: T201


if __name__ == "__main__":
    record()
