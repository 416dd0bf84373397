"""The incident view (reports side by side) and the article view (evidence highlighted)."""

from __future__ import annotations

import httpx

from tests.api.conftest import all_pages
from tests.web.conftest import Recorder


def incident_reported_by(api: httpx.Client, outlet: str) -> dict:
    """An incident (summary) that ``outlet`` and at least one other outlet reported."""
    for item in all_pages(api, "/api/incidents", {"limit": 1000}):
        if outlet in item["outlets"] and len(set(item["outlets"])) >= 2:
            return item
    raise AssertionError(f"no incident with {outlet} and another outlet in the sample")


def test_incident_view_puts_each_outlets_report_in_its_own_column(
    browse: Recorder, api: httpx.Client
) -> None:
    summary = incident_reported_by(api, "Al-Jabha Daily")
    browse.goto("/?view=incidents")
    page = browse.page
    # Reached through the list, as a reader would: the app routes without a reload.
    page.locator(f"#incident-list a[href='/incident/{summary['id'].replace(':', '%3A')}']").click()
    page.wait_for_selector(".source-column")
    assert page.url.endswith(f"/incident/{summary['id'].replace(':', '%3A')}")
    columns = page.locator(".source-column")
    assert columns.count() == summary["sources"] >= 2
    outlets = columns.locator("h3.outlet").all_inner_texts()
    assert len(set(outlets)) >= 2 and "Al-Jabha Daily" in outlets
    # Side by side: the columns share a row.
    tops = {round(box["y"]) for box in (columns.nth(i).bounding_box() for i in range(2))}
    assert len(tops) == 1
    # Framing cues inside the reporting sentence are marked there, in that outlet's column.
    jabha = page.locator(".source-column[data-outlet='Al-Jabha Daily']")
    cues = jabha.locator(".wording mark.cue").all_inner_texts()
    assert "martyrs" in cues
    assert "in the title" in jabha.locator(".other-cues").inner_text()
    assert page.locator(".reconciled dt").all_inner_texts()[:3] == ["Event type", "Date", "Place"]
    browse.shot("incident")
    browse.assert_clean()


def test_article_view_links_fields_and_their_words_both_ways(browse: Recorder) -> None:
    browse.goto("/article/ex:001-alqaim-drone-reuters?event=E1")
    page = browse.page
    page.wait_for_selector("#story-text mark.ev")
    assert page.locator("#event-E1.is-focused").count() == 1
    page.click("button.field[data-field='E1.date']")
    active = page.locator("#story-text mark.ev.is-active")
    assert "".join(active.all_inner_texts()) == "Wednesday"
    assert active.first.get_attribute("class").split()[:2] == ["ev", "kind-date"]
    # Clicking words says which fields they support.
    page.locator("#story-text mark.ev", has_text="Kataib Hezbollah").first.click()
    info = page.locator("#span-info").inner_text()
    assert "E1 · actor 2" in info
    assert page.locator("button.field.is-linked[data-field='E1.actor2']").count() == 1
    # A framing cue of the title is marked in the title, not in the text.
    browse.goto("/article/ex:002-alqaim-drone-aljabha")
    page.wait_for_selector("#article-title mark.kind-framing")
    assert "martyrs" in page.locator("#article-title mark.kind-framing").all_inner_texts()
    browse.shot("article")
    browse.assert_clean()


def test_article_view_shows_a_named_target_with_its_title_and_words(browse: Recorder) -> None:
    browse.goto("/article/web:victim")
    page = browse.page
    page.wait_for_selector("#story-text mark.ev")
    button = page.locator("button.field[data-field='E1.named_targets.0']")
    assert button.inner_text() == "Judge Ramon Alvarado Flores"
    button.click()
    active = page.locator("#story-text mark.ev.is-active")
    assert "".join(active.all_inner_texts()) == "Ramon Alvarado Flores"
    assert active.first.get_attribute("class").split()[:2] == ["ev", "kind-target"]
    browse.assert_clean()


def test_offsets_count_code_points_so_astral_characters_do_not_shift_the_words(
    browse: Recorder, api: httpx.Client
) -> None:
    extraction = api.get("/api/articles/web:astral").json()["extraction"]
    event = extraction["events"][0]
    browse.goto("/article/web:astral")
    page = browse.page
    page.wait_for_selector("#story-text mark.ev")
    for name in ("date", "place", "actor1", "fatalities"):
        words = [evidence["text"] for evidence in event[name]["evidence"]]
        page.click(f"button.field[data-field='E1.{name}']")
        active = page.locator("#story-text mark.ev.is-active").all_inner_texts()
        assert "".join(active) == "".join(words), name
    assert page.locator(".mismatched").count() == 0
    browse.assert_clean()
