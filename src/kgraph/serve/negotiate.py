"""HTTP content negotiation: the format an ``Accept`` header ranks highest among those offered.

Hand-written, because no library does it as well: Starlette leaves negotiation to the application,
and the packages that do it parse the header but do not pick among named offers with q-values.
"""

from __future__ import annotations

__all__ = ["negotiate"]


def negotiate(accept: str | None, offers: dict[str, tuple[str, ...]]) -> str | None:
    """Pick the format name whose media types the ``Accept`` header ranks highest.

    Ties go to the first offer; an absent header accepts the first offer.

    :returns: a key of ``offers``, or None when the header accepts none of them.

    >>> offers = {"json": ("application/sparql-results+json",), "xml": ("application/sparql-results+xml",)}
    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", offers)
    'xml'
    >>> negotiate("text/html, */*;q=0.8", offers)
    'json'
    >>> negotiate("image/png", offers) is None
    True
    """
    if not accept or not accept.strip():
        return next(iter(offers))
    ranges = []
    for part in accept.split(","):
        media, *parameters = (p.strip() for p in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            key, _, value = parameter.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    best, best_quality = None, 0.0
    for name, types in offers.items():
        for media in types:
            kind = media.split("/")[0]
            matches = [(r.count("*"), q) for r, q in ranges if r in (media, f"{kind}/*", "*/*")]
            quality = min(matches)[1] if matches else 0.0  # the most specific range decides
            if quality > best_quality:
                best, best_quality = name, quality
    return best
