"""Reading a remote endpoint's answers without a server: what Virtuoso 7 sends for ASK and CONSTRUCT."""

from __future__ import annotations

import httpx
import pytest

from kgraph.errors import RemoteError
from kgraph.remote.query import accept_header, read_answer

_TABLE = '{"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": [%s]}}'
_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_ONE = f'{{"__ASK_RETVAL": {{"type": "typed-literal", "datatype": "{_XSD_INTEGER}", "value": "1"}}}}'


def _json(body: str) -> httpx.Response:
    return httpx.Response(
        200, content=body.encode(), headers={"Content-Type": "application/sparql-results+json"}
    )


@pytest.mark.parametrize(("rows", "expected"), [(_ONE, True), ("", False)])
def test_an_ask_answered_as_a_one_column_table_is_the_boolean(rows, expected):
    assert read_answer(_json(_TABLE % rows), "ASK") is expected
    proper = f'{{"head": {{}}, "boolean": {str(expected).lower()}}}'
    assert read_answer(_json(proper), "ASK") is expected


def test_an_ask_answered_with_a_wider_table_is_an_error():
    body = '{"head": {"vars": ["a", "b"]}, "results": {"bindings": []}}'
    with pytest.raises(RemoteError, match="ASK"):
        read_answer(_json(body), "ASK")
    assert read_answer(_json(_TABLE % _ONE), "SELECT").columns == ("__ASK_RETVAL",)  # a SELECT stays a table


def test_graph_forms_ask_for_rdf_first():
    assert accept_header("CONSTRUCT").startswith("text/turtle") and accept_header("DESCRIBE").startswith(
        "text/turtle"
    )
    assert accept_header("SELECT").startswith("application/sparql-results+json")
