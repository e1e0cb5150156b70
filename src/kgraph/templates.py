"""HTML pages from the Jinja2 templates that a wing keeps in its ``templates/`` folder, escaped by default."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

__all__ = ["render"]


@functools.cache
def _environment(package: str) -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=jinja2.select_autoescape(default=True),
        keep_trailing_newline=True,
        trim_blocks=True,
    )


def render(package: str, template: str, **values: Any) -> str:
    """Render ``template`` of the package's ``templates/`` folder with ``values``, every value escaped.

    >>> render("kgraph.release", "base.html", title="<b>", root="").count("&lt;b&gt;")
    1
    """
    return _environment(package).get_template(template).render(**values)
