"""The HTML side of the server: the dashboard's page and files, and Swagger UI on /docs,
all served from the package (no CDN: both work with no internet)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from .errors import NotFound

API_STATIC = Path(__file__).resolve().parent / "static"
WEB_STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
DASHBOARD = WEB_STATIC / "index.html"

router = APIRouter(include_in_schema=False)


def _dashboard(request: Request) -> FileResponse:
    # The dashboard is one page that routes in the browser: each of its paths gets it.
    if not DASHBOARD.is_file():
        raise NotFound("page", request.url.path)
    return FileResponse(DASHBOARD, media_type="text/html")


@router.get("/")
def home(request: Request) -> FileResponse:
    return _dashboard(request)


@router.get("/incident/{incident_id:path}")
def incident_page(request: Request, incident_id: str) -> FileResponse:
    return _dashboard(request)


@router.get("/article/{article_id:path}")
def article_page(request: Request, article_id: str) -> FileResponse:
    return _dashboard(request)


@router.get("/docs")
def docs() -> FileResponse:
    return FileResponse(API_STATIC / "docs.html", media_type="text/html")


def mount_static(app: FastAPI) -> None:
    """The dashboard's files (and the vendored libraries) at /static, /docs' script beside it."""
    app.mount("/docs/static", StaticFiles(directory=API_STATIC), name="docs-static")
    app.mount("/static", StaticFiles(directory=WEB_STATIC, check_dir=False), name="static")
