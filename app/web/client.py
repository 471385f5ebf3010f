"""The client's address as the application should believe it."""

from litestar import Request


def client_address(request: Request) -> str:
    """The peer address. Proxy headers are not trusted here (see the platform issue: trusted proxies)."""
    return request.client.host if request.client else ""
