"""Per-request context (request id, client address) for audit lines and log records."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str = ""


current: ContextVar[RequestContext] = ContextVar(
    "wijkkracht_request",
    default=RequestContext(),  # noqa: B039 (frozen dataclass)
)
