"""HTTP for the remote commands: credentials, one request with errors that say what to do, and retries.

Retries with exponential backoff are tenacity's; what is worth retrying is decided here: a
transient failure (a refused or dropped connection, a timeout, 5xx, 429), and only when sending
the request again cannot do harm.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from kgraph.errors import RemoteError

if TYPE_CHECKING:
    import httpx

    #: what :func:`auth` returns and ``httpx`` accepts as ``auth=``
    Credentials: TypeAlias = httpx.Auth | Callable[[httpx.Request], httpx.Request] | None

__all__ = ["TOKEN_VARIABLE", "auth", "request", "retrying"]

T = TypeVar("T")

#: the environment variable read for a bearer token
TOKEN_VARIABLE = "KGRAPH_TOKEN"  # noqa: S105 - the name of a variable, not a secret


def auth(user: str | None = None, password: str | None = None, token: str | None = None) -> Credentials:
    """Return the credentials to send: a user's, else a bearer token, else none.

    A user's name and password go as HTTP basic auth, or as digest auth once the server asks for
    that (Virtuoso's ``/sparql-auth`` and ``/sparql-graph-crud-auth`` do).

    :param user: a user name for HTTP basic auth.
    :param password: its password.
    :param token: a bearer token; by default the value of ``$KGRAPH_TOKEN``, if set.
    :returns: something ``httpx`` accepts as ``auth=``, or None.
    """
    if user:
        return _basic_or_digest(user, password or "")
    token = token or os.environ.get(TOKEN_VARIABLE)
    if token:

        def bearer(request: httpx.Request) -> httpx.Request:
            request.headers["Authorization"] = f"Bearer {token}"
            return request

        return bearer
    return None


def _basic_or_digest(user: str, password: str) -> Credentials:
    """Auth that sends basic credentials, and answers with digest ones once a server asks for digest."""
    import httpx

    class BasicOrDigest(httpx.Auth):
        requires_request_body = True  # a request refused for want of digest is sent again

        def __init__(self) -> None:
            self.basic = httpx.BasicAuth(user, password)
            self.digest = httpx.DigestAuth(user, password)
            self.use_digest = False

        def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
            if self.use_digest:
                yield from self.digest.auth_flow(request)
                return
            response = yield next(self.basic.auth_flow(request))
            if response.status_code != 401:
                return
            if not response.headers.get_list("www-authenticate"):
                # refused without saying how to log in (Virtuoso, given basic): ask without credentials
                del request.headers["Authorization"]
                response = yield request
            challenges = response.headers.get_list("www-authenticate") if response.status_code == 401 else []
            if not any(c.lower().startswith("digest ") for c in challenges):
                return
            self.use_digest = True
            request.headers.pop("Authorization", None)
            flow = self.digest.auth_flow(request)
            next(flow)  # the request as it was; the answer to it is the challenge already received
            try:
                response = yield flow.send(response)
                flow.send(response)
            except StopIteration:
                pass

    return BasicOrDigest()


def _detail(response: httpx.Response) -> str:
    """The start of an error answer's text; an HTML page's words without its tags (Virtuoso sends those)."""
    text = response.text
    if response.headers.get("content-type", "").lower().startswith("text/html"):
        text = re.sub(r"<!DOCTYPE[^>]*>|<title>.*?</title>|<[^>]+>", " ", text, flags=re.I | re.S)
        text = html.unescape(text)
    text = " ".join(text.split())[:300]
    return f": {text}" if text else ""


def request(
    client: httpx.Client, method: str, url: httpx.URL | str, *, what: str, **kwargs: Any
) -> httpx.Response:
    """Send one HTTP request and turn every failure into a :class:`RemoteError` that says what to do.

    :param client: an ``httpx.Client``.
    :param what: what the request does, for the message ("query", "upload chunk 2 of 5").
    :returns: the ``httpx.Response``, when its status is below 400.
    :raises RemoteError: on a connection failure, a timeout, a dropped connection or a status >= 400;
        its ``transient`` field tells whether trying again may help.
    """
    import httpx

    where = str(httpx.URL(str(url)).copy_with(query=None))
    try:
        response = client.request(method, url, **kwargs)
    except httpx.ConnectError as error:
        message = f"{where}: cannot connect ({error}); is the server running at that address?"
        raise RemoteError(message, transient=True, sent=False) from None
    except httpx.TimeoutException:
        message = f"{where}: no answer to the {what} in time; the server may be overloaded"
        raise RemoteError(message, transient=True) from None
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as error:
        message = f"{where}: the server dropped the connection during the {what} ({error})"
        raise RemoteError(message, transient=True) from None
    except httpx.HTTPError as error:
        raise RemoteError(f"{where}: the {what} failed: {error}") from None
    status = response.status_code
    if status in (401, 403):
        raise RemoteError(
            f"{where}: the server refused the {what} ({status} {response.reason_phrase}); "
            f"give --user and --password, or set ${TOKEN_VARIABLE}",
            status=status,
        )
    if status >= 400:
        raise RemoteError(
            f"{where}: the {what} failed with {status} {response.reason_phrase}{_detail(response)}",
            transient=status >= 500 or status == 429,
            status=status,
        )
    return response


def retrying(
    attempt: Callable[[], T],
    retries: int,
    *,
    safe_to_repeat: bool = True,
    on_retry: Callable[[], None] | None = None,
) -> T:
    """Call ``attempt`` until it succeeds, trying again after transient failures with a backoff.

    A request that may already have been carried out is tried again only if ``safe_to_repeat``;
    one that never reached the server (a refused connection) always may be. The waits double from
    half a second up to eight.

    :param retries: how often to try again at most.
    :param on_retry: called before each new try.
    :raises RemoteError: the last failure; after several attempts its message says how many.
    """
    from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

    def worth_retrying(error: BaseException) -> bool:
        return isinstance(error, RemoteError) and error.transient and (safe_to_repeat or not error.sent)

    controller = Retrying(
        stop=stop_after_attempt(retries + 1),
        wait=wait_exponential(multiplier=0.5, max=8),
        retry=retry_if_exception(worth_retrying),
        before_sleep=(lambda _state: on_retry()) if on_retry else None,
        reraise=True,
    )
    try:
        return controller(attempt)
    except RemoteError as error:
        attempts = controller.statistics.get("attempt_number", 1)
        if attempts > 1:
            raise RemoteError(
                f"{error} (after {attempts} attempts)", transient=error.transient, status=error.status
            ) from None
        raise
