"""Dashboard fixtures: the real API on uvicorn (127.0.0.1) over a SQLite store of the sample
stories plus three made for these tests, and Debian's Chromium driven headless by Playwright.

Every page a test opens records its requests, console errors, uncaught exceptions and
Content-Security-Policy violations; ``Recorder.assert_clean`` fails on any of them, or on
a request that left 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from sitrep.api import create_app
from sitrep.incidents import cluster
from sitrep.model import Article, Extraction
from sitrep.pipeline import Pipeline
from tests.api.conftest import fill, serving
from tests.examples import sample_extractions

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "web-screenshots"
VENDOR = Path(__file__).resolve().parents[2] / "src" / "sitrep" / "web" / "static" / "vendor"

# A story that tries every way of running script from data: as the text, the title,
# the outlet and the link to the original.
XSS = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_LINK = '<a href="javascript:window.__xss=1">click here</a>'
XSS_STORY = Article(
    id="web:xss",
    title=f"{XSS_IMG} Gunmen kill five in Kismayo",
    text=(
        "KISMAYO, March 5 — Gunmen killed five civilians in Kismayo on Monday, police said."
        f" {XSS} {XSS_IMG} {XSS_LINK}"
    ),
    published=dt.date(2024, 3, 5),
    outlet=f"{XSS} Wire",
    url="javascript:window.__xss=1",
)
# Characters outside the Basic Multilingual Plane before the spans: one code point each
# in Python's offsets, two UTF-16 units in JavaScript's strings.
ASTRAL_STORY = Article(
    id="web:astral",
    title="𝕏 videos 🎥 show attack on Mogadishu base",
    text=(
        "Videos on 𝕏 🎥 showed smoke over the city. MOGADISHU, March 4 — Al-Shabaab fighters"
        " attacked a military base in Mogadishu on Sunday, killing four soldiers, police said."
    ),
    published=dt.date(2024, 3, 4),
    outlet="Horn Observer",
)
# A story naming the man it tells of the murder of: a named target in the article view.
VICTIM_STORY = Article(
    id="web:victim",
    title="Judge shot dead in Tegucigalpa",
    text=(
        "TEGUCIGALPA, June 2 — Gunmen on a motorcycle shot dead Judge Ramon Alvarado Flores"
        " outside the courthouse in Tegucigalpa on Friday, police said."
    ),
    published=dt.date(2024, 6, 2),
    outlet="Central Wire",
)


@pytest.fixture(scope="session")
def web_extractions() -> list[Extraction]:
    pipeline = Pipeline()
    made_here = (XSS_STORY, ASTRAL_STORY, VICTIM_STORY)
    return [*sample_extractions(), *(pipeline.extract(story) for story in made_here)]


@pytest.fixture(scope="session")
def base_url(
    tmp_path_factory: pytest.TempPathFactory, web_extractions: list[Extraction]
) -> Iterator[str]:
    if not (VENDOR / "leaflet" / "leaflet.js").is_file():
        pytest.fail(f"{VENDOR} is empty: run `make web` to vendor the front-end libraries")
    path = tmp_path_factory.mktemp("web") / "dashboard.db"
    fill(str(path), web_extractions, cluster(web_extractions))
    with serving(create_app(str(path))) as url:
        yield url


@pytest.fixture
def api(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} not found: the browser tests need Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


# Installed before any page script runs: CSP violations are counted, not only logged.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@dataclass
class Recorder:
    """What a page did that a test must check: requests, errors and CSP violations."""

    page: object
    base_url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def assert_clean(self) -> None:
        outside = [
            url
            for url in self.requests
            if not url.startswith("data:") and urlsplit(url).hostname != "127.0.0.1"
        ]
        assert not outside, f"requests left 127.0.0.1: {outside}"
        assert not self.errors, f"console errors: {self.errors}"
        violations = self.page.evaluate("window.__cspViolations")
        assert not violations, f"Content-Security-Policy violations: {violations}"


@pytest.fixture
def browse(chromium: object, base_url: str) -> Iterator[Recorder]:
    """A fresh page (1440×1000) on the dashboard server, recording as it goes."""
    context = chromium.new_context(viewport={"width": 1440, "height": 1000})
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    recorder = Recorder(page=page, base_url=base_url)
    page.on("request", lambda request: recorder.requests.append(request.url))
    page.on(
        "console",
        lambda message: recorder.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: recorder.errors.append(f"uncaught: {error}"))
    yield recorder
    context.close()
