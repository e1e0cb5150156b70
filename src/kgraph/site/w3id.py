"""The redirect rules that make the IRIs resolve: an ``.htaccess`` for https://w3id.org/kdrama-kg/.

w3id.org runs Apache and keeps one ``.htaccess`` per project. These rules send ``/resource/<slug>``
to the site's page for a browser, or to the resource's Turtle or JSON-LD for an RDF client, by
``Accept`` (303 See Other, as "Cool URIs for the Semantic Web" recommends), and ``/ontology`` to
the ontology's Turtle or its documentation the same way. They point into a published release
folder: the site is its ``site/`` folder, the ontology its ``ontology/`` and ``docs/`` folders.
"""

from __future__ import annotations

import re

from kgraph.errors import OutputError

__all__ = ["PARTS", "htaccess"]

#: Resources that are parts of another's page, first match wins: the slug's pattern, the slug of the
#: page that holds them (its Turtle and JSON-LD hold their triples too), and the page's anchor.
PARTS = (
    # a scene's quotes, rankings and claims, and a quote's claims
    (r"([^./]+\.confession-[0-9]+)\.[^/]+", "$1", ""),
    # a casting role, and a claim about it: the drama's cast table, at the role's row
    (r"([^./]+)\.role\.([^./]+)(\.[^/]+)?", "$1", "#$2"),
    # a claim about a drama or a character
    (r"(.+)\.claim-[0-9]+", "$1", ""),
)


def _part_rules(pattern: str, parent: str, anchor: str, site: str) -> str:
    return (
        "RewriteCond %{HTTP_ACCEPT} (text/turtle|application/x-turtle)\n"
        f"RewriteRule ^resource/{pattern}$ {site}resource/{parent}.ttl [R=303,L]\n"
        "RewriteCond %{HTTP_ACCEPT} application/(ld\\+)?json\n"
        f"RewriteRule ^resource/{pattern}$ {site}resource/{parent}.jsonld [R=303,L]\n"
        f"RewriteRule ^resource/{pattern}$ {site}resource/{parent}.html{anchor} [R=303,NE,L]\n"
    )


def htaccess(release_url: str) -> str:
    """The rules, for a release folder published at ``release_url``.

    :raises OutputError: if ``release_url`` is not an http(s) URL of a folder.

    >>> rules = htaccess("https://example.org/kg/0.1.0/")
    >>> "RewriteRule ^resource/(.+)$ https://example.org/kg/0.1.0/site/resource/$1.ttl [R=303,L]" in rules
    True
    """
    if not re.fullmatch(r"https?://[^\s\"'<>]+/", release_url):
        raise OutputError(f"'{release_url}' is not the URL of a folder: give http(s)://.../ ending with '/'")
    site = f"{release_url}site/"
    parts = "\n".join(_part_rules(pattern, parent, anchor, site) for pattern, parent, anchor in PARTS)
    return f"""# Redirect rules for https://w3id.org/kdrama-kg/ (written by kgraph release).
# A resource's IRI leads to its page, or to its RDF by Accept; so does the ontology's.
Options +FollowSymLinks
RewriteEngine on

# The ontology: Turtle for RDF clients, the documentation for browsers.
RewriteCond %{{HTTP_ACCEPT}} (text/turtle|application/x-turtle|application/n-triples|application/rdf\\+xml)
RewriteRule ^ontology$ {release_url}ontology/kdrama.ttl [R=303,L]
RewriteRule ^ontology$ {release_url}docs/index.html [R=303,L]

# Parts without a page of their own lead to the page (or RDF) that holds them.
{parts}
# Resources: Turtle, then JSON-LD, by Accept; the page otherwise.
{_part_rules("(.+)", "$1", "", site)}
# The site's home.
RewriteRule ^$ {site}index.html [R=303,L]
"""
