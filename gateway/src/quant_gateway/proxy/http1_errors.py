"""Failures of the upstream transport, mapped by the forwarder to 502/503/504 problems."""


class UpstreamError(Exception):
    """Base of every transport failure."""


class UpstreamConnectError(UpstreamError):
    """No connection could be opened (service down): safe to retry, answered 503."""


class UpstreamDisconnected(UpstreamError):
    """The connection closed before a complete answer: retried when idempotent, else 502."""


class UpstreamTimeout(UpstreamError):
    """Connect or read timeout: answered 504."""
