"""Answers kept while the store is unchanged (sitrep.api.cache): a repeated read comes
from memory, any committed write (by this server or another process) is seen by the next
read, a client holding the answer gets a 304, and the memory stays within its budget."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from sitrep.api import create_app
from sitrep.api.cache import Answer, Answers
from sitrep.model import Extraction, Incident
from sitrep.store import open_store
from tests.api.conftest import TOKEN, serving
from tests.api.test_writes import AUTH, story
from tests.store.conftest import pg_url, store_url  # noqa: F401 (fixtures)

READS = [
    ("/api/events", {"mode": "any"}),
    ("/api/events.geojson", {"limit": 5000, "mode": "any"}),
    ("/api/incidents", {}),
    ("/api/timeline", {"bucket": "month"}),
    ("/api/health", {}),
    ("/api/facets", {}),
]


@pytest.fixture
def half_filled(
    store_url: str,  # noqa: F811 (the fixture)
    extractions: list[Extraction],
) -> Iterator[tuple[str, httpx.Client]]:
    """A server over a store (SQLite or PostgreSQL) holding half the sample, and its URL."""
    with open_store(store_url) as store:
        store.add_many(extractions[: len(extractions) // 2])
    with serving(create_app(store_url)) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield store_url, client


def test_a_repeated_read_comes_from_memory_until_another_process_writes(
    half_filled: tuple[str, httpx.Client],
    extractions: list[Extraction],
    incidents: list[Incident],
) -> None:
    url, client = half_filled
    first = {path: client.get(path, params=params) for path, params in READS}
    for path, response in first.items():
        assert response.status_code == 200, path
        assert response.headers["x-cache"] == "miss", path
        assert response.headers["etag"] == first["/api/events"].headers["etag"]
        assert response.headers["cache-control"] == "no-cache"
    for path, params in READS:
        again = client.get(path, params=params)
        assert again.headers["x-cache"] == "hit", path
        assert again.content == first[path].content, path
        assert again.headers["etag"] == first[path].headers["etag"]
        assert again.headers["content-type"] == first[path].headers["content-type"]
        assert "default-src 'self'" in again.headers["content-security-policy"]

    # Another connection (as another process would) stores the rest and the incidents.
    with open_store(url) as other:
        other.add_many(extractions[len(extractions) // 2 :])
        other.save_incidents(incidents)
    after = {path: client.get(path, params=params) for path, params in READS}
    for path, response in after.items():
        assert response.headers["x-cache"] == "miss", path
        assert response.content != first[path].content, path
        assert response.headers["etag"] != first[path].headers["etag"], path
    assert after["/api/health"].json()["articles"] == len(extractions)
    events = sum(len(extraction.events) for extraction in extractions)
    assert len(after["/api/events.geojson"].json()["features"]) == events
    assert len(after["/api/incidents"].json()["items"]) == min(len(incidents), 100)


def test_a_client_holding_the_answer_gets_304_until_the_store_changes(
    half_filled: tuple[str, httpx.Client], extractions: list[Extraction]
) -> None:
    url, client = half_filled
    fresh = client.get("/api/events")
    etag = fresh.headers["etag"]
    for held in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = client.get("/api/events", headers={"If-None-Match": held})
        assert response.status_code == 304, held
        assert response.content == b""
        assert response.headers["etag"] == etag
    assert client.get("/api/events", headers={"If-None-Match": '"other"'}).status_code == 200

    with open_store(url) as other:
        other.add_many(extractions[len(extractions) // 2 : len(extractions) // 2 + 3])
    changed = client.get("/api/events", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert changed.json()["items"] != fresh.json()["items"]


def test_a_story_posted_to_this_server_is_in_the_next_read(tmp_path) -> None:
    app = create_app(str(tmp_path / "posted.db"), token=TOKEN)
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        before = client.get("/api/events", params={"mode": "any"})
        assert before.json()["items"] == []
        assert client.get("/api/events", params={"mode": "any"}).headers["x-cache"] == "hit"
        response = client.post("/api/articles", json=story("ex:001"), headers=AUTH)
        assert response.status_code == 201, response.text
        after = client.get("/api/events", params={"mode": "any"})
        assert after.headers["x-cache"] == "miss"
        assert after.json()["items"], "the posted story's events are not in the next read"
        assert client.get("/api/health").json()["articles"] == 1


def test_errors_pages_and_writes_are_never_kept(api: httpx.Client) -> None:
    for _ in range(2):
        missing = api.get("/api/incidents/no-such-incident")
        assert missing.status_code == 404
        assert "x-cache" not in missing.headers and "etag" not in missing.headers
        invalid = api.get("/api/events", params={"limit": 0})
        assert invalid.status_code == 422
        assert "x-cache" not in invalid.headers
        page = api.get("/")
        assert page.status_code == 200 and "x-cache" not in page.headers
        refused = api.post("/api/articles", json=story("ex:001"))
        assert refused.status_code == 401 and "x-cache" not in refused.headers


def test_a_server_started_with_no_cache_computes_every_answer(sample_db) -> None:
    with serving(create_app(str(sample_db), cache_bytes=0)) as url:
        first = httpx.get(f"{url}/api/events")
        second = httpx.get(f"{url}/api/events", headers={"If-None-Match": "*"})
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    for header in ("x-cache", "etag", "cache-control"):
        assert header not in first.headers


def test_a_restarted_server_never_takes_an_old_tag_for_its_answer(sample_db) -> None:
    tags = []
    for _ in range(2):
        with serving(create_app(str(sample_db))) as url:
            tags.append(httpx.get(f"{url}/api/events").headers["etag"])
            held = httpx.get(f"{url}/api/events", headers={"If-None-Match": tags[0]})
    assert tags[0] != tags[1]
    assert held.status_code == 200  # the second server's answer, not a 304 to the first's tag


def _answer(size: int, fill: bytes = b"x") -> Answer:
    return Answer(headers=[], body=fill * size)


def test_answers_stay_within_their_budget_least_recently_used_first_out() -> None:
    answers = Answers(max_bytes=1000)
    answers.at("v1")
    for name in (b"a", b"b", b"c"):
        answers.put(name, _answer(200), "v1")
    assert answers.get(b"a") is not None  # now the most recently used
    answers.put(b"d", _answer(240), "v1")
    answers.put(b"e", _answer(240), "v1")  # 1080 bytes: b, the least recently used, goes
    assert answers.size == 880
    assert [key for key in (b"a", b"b", b"c", b"d", b"e") if answers.get(key)] == [
        b"a",
        b"c",
        b"d",
        b"e",
    ]
    answers.put(b"huge", _answer(251), "v1")  # over a quarter of the budget: not kept
    assert answers.get(b"huge") is None
    answers.put(b"a", _answer(100, b"y"), "v1")  # replaced, its size counted once
    assert answers.size == 100 + 200 + 240 + 240


def test_answers_computed_before_a_change_are_not_kept_after_it() -> None:
    answers = Answers(max_bytes=1000)
    first_tag = answers.at("v1")
    answers.put(b"a", _answer(10), "v1")
    assert answers.at("v1") == first_tag and answers.get(b"a") is not None
    assert answers.at("v2") != first_tag
    assert len(answers) == 0 and answers.size == 0
    answers.put(b"late", _answer(10), "v1")  # read under v1, finished after the change
    assert answers.get(b"late") is None
    answers.put(b"b", _answer(10), "v2")
    assert answers.get(b"b") is not None
