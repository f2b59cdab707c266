"""Errors as application/problem+json (RFC 9457)."""

from __future__ import annotations

from django.http import JsonResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem_response(*, status: int, title: str, detail: str = "", **extra) -> JsonResponse:
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)


def problem_exception_handler(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None
    body = {"type": "about:blank", "status": response.status_code}
    if isinstance(exc, exceptions.ValidationError):
        body["title"] = "Invalid input"
        body["detail"] = "One or more fields are invalid; see invalid_params."
        body["invalid_params"] = _flatten(exc.detail)
    elif isinstance(exc, exceptions.APIException):
        body["title"] = str(exc.default_detail)
        body["detail"] = str(exc.detail) if not isinstance(exc.detail, dict | list) else ""
        body["code"] = exc.default_code
        if getattr(exc, "scope", None):
            body["missing_scope"] = exc.scope
    else:  # Http404, PermissionDenied
        body["title"] = "Not found" if response.status_code == 404 else "Forbidden"
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def _flatten(detail, prefix: str = "") -> list[dict[str, str]]:
    params: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            params.extend(_flatten(value, name))
    elif isinstance(detail, list):
        for item in detail:
            if isinstance(item, dict | list):
                params.extend(_flatten(item, prefix))
            else:
                params.append({"name": prefix or "non_field_errors", "reason": str(item)})
    else:
        params.append({"name": prefix or "non_field_errors", "reason": str(detail)})
    return params
