"""One error shape for every failure, whatever raised it:
``{"error": {"status", "code", "message", "details"?}}``.

Handlers turn the API's own errors, FastAPI's validation errors and Starlette's HTTP
errors (unknown path, wrong method) into that shape; an unexpected exception becomes a
500 of the same shape in :mod:`sitrep.api.middleware`.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import Errors, StoreError

CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    422: "validation_error",
    500: "internal",
    503: "store_unavailable",
}
# A failing store (locked past its wait, full, its server gone) is worth a retry soon.
RETRY_AFTER_S = 5


class ErrorDetail(BaseModel):
    param: str = Field(description="The offending parameter: 'limit', 'bbox', 'body.0.text', ...")
    location: str = Field(description="Where it was sent: query, path, body or header.")
    message: str


class ErrorInfo(BaseModel):
    status: int
    code: str = Field(description="Stable machine-readable code: not_found, validation_error, ...")
    message: str
    details: list[ErrorDetail] | None = None


class ErrorBody(BaseModel):
    error: ErrorInfo


class ApiError(Exception):
    """An answer other than success, with its status, code and message."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        details: list[ErrorDetail] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "bad_request")
        self.message = message
        self.details = details
        self.headers = headers


class NotFound(ApiError):
    def __init__(self, kind: str, key: str) -> None:
        super().__init__(404, Errors.E060.format(kind=kind, key=key))


class TooExpensive(ApiError):
    def __init__(self, reason: str) -> None:
        super().__init__(400, Errors.E061.format(reason=reason), code="too_expensive")


class InvalidParameter(ApiError):
    """A parameter FastAPI accepted but sitrep cannot use (a bbox off the globe, ...)."""

    def __init__(self, param: str, message: str, *, location: str = "query") -> None:
        detail = ErrorDetail(param=param, location=location, message=message)
        super().__init__(422, Errors.E063.format(param=param, reason=message), details=[detail])


def error_response(error: ApiError) -> JSONResponse:
    body = ErrorBody(
        error=ErrorInfo(
            status=error.status, code=error.code, message=error.message, details=error.details
        )
    )
    return JSONResponse(
        body.model_dump(exclude_none=True), status_code=error.status, headers=error.headers
    )


def _validation_details(errors: list[Any]) -> list[ErrorDetail]:
    details = []
    for problem in errors:
        location, *path = [str(part) for part in problem.get("loc", ())] or ["request"]
        details.append(
            ErrorDetail(param=".".join(path) or location, location=location, message=problem["msg"])
        )
    return details


async def _on_api_error(request: Request, error: ApiError) -> JSONResponse:
    return error_response(error)


async def _on_validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    details = _validation_details(list(error.errors()))
    summary = "; ".join(f"{detail.param}: {detail.message}" for detail in details)
    return error_response(
        ApiError(422, Errors.E063.format(param="request", reason=summary), details=details)
    )


async def _on_http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
    status = error.status_code
    path = request.url.path
    if status == 404:
        message = Errors.E060.format(kind="route", key=path)
    elif status == 405:
        allowed = (error.headers or {}).get("Allow", "")
        reason = f"{request.method} is not allowed on {path} (allowed: {allowed})"
        message = Errors.E063.format(param="method", reason=reason)
    else:
        message = Errors.E063.format(param="request", reason=str(error.detail))
    return error_response(ApiError(status, message, headers=error.headers))


async def _on_store_error(request: Request, error: StoreError) -> JSONResponse:
    headers = {"Retry-After": str(RETRY_AFTER_S)}
    return error_response(ApiError(503, str(error), headers=headers))


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""
    app.add_exception_handler(ApiError, _on_api_error)  # type: ignore[arg-type]
    app.add_exception_handler(StoreError, _on_store_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _on_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _on_http_error)  # type: ignore[arg-type]


def documented(*statuses: int, by_reference: bool = False) -> dict[int | str, dict[str, Any]]:
    """The error answers an operation documents in the OpenAPI spec (``responses=``).

    FastAPI files an error model under the operation's own media type; an operation whose
    success is not JSON (GeoJSON) names the error schema ``by_reference`` instead, under
    application/json, which is what its errors are.
    """
    if by_reference:
        schema = {"$ref": f"#/components/schemas/{ErrorBody.__name__}"}
        return {
            status: {
                "description": _MEANING[status],
                "content": {"application/json": {"schema": schema}},
            }
            for status in statuses
        }
    return {status: {"model": ErrorBody, "description": _MEANING[status]} for status in statuses}


_MEANING = {
    400: "bad_request, or too_expensive: the query is over the cost limits",
    401: "unauthorized: no valid bearer token",
    404: "not_found",
    413: "payload_too_large: the request body is over the size limit",
    422: "validation_error: a parameter or the body is invalid (see details)",
    503: "store_unavailable: the store failed (locked, full, its server gone); retry later",
}
