"""POST /api/articles: bearer token or 401; the right token stores the stories, runs the
pipeline, clusters incidents; hostile text is stored and returned as plain JSON text."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.api.conftest import TOKEN, all_pages
from tests.examples import example_article

AUTH = {"Authorization": f"Bearer {TOKEN}"}
HOSTILE = (
    "<script>alert(1)</script> Gunmen killed two people in Mogadishu on Monday, police said."
    ' <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">more</a>'
    " '; DROP TABLE articles; -- \" OR 1=1 --"
)


def story(name: str) -> dict:
    article = example_article(name)
    return {
        "title": article.title,
        "text": article.text,
        "published": article.published.isoformat() if article.published else None,
        "outlet": article.outlet,
        "url": article.url,
    }


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": f"Basic {TOKEN}"}],
    ids=["no token", "wrong token", "not bearer"],
)
def test_writes_without_the_token_are_401(writable: httpx.Client, headers: dict) -> None:
    response = writable.post("/api/articles", json=story("ex:001"), headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == "Bearer"
    assert writable.get("/api/health").json()["articles"] == 0


def test_a_bad_body_without_a_token_is_still_401(writable: httpx.Client) -> None:
    assert writable.post("/api/articles", json={"nope": 1}).status_code == 401


def test_a_server_without_a_token_refuses_every_write(api: httpx.Client) -> None:
    for headers in ({}, AUTH, {"Authorization": "Bearer x"}):
        response = api.post("/api/articles", json=story("ex:001"), headers=headers)
        assert response.status_code == 401
        assert "SITREP_API_TOKEN" in response.json()["error"]["message"]


def test_the_right_token_stores_extracts_and_clusters(writable: httpx.Client) -> None:
    first = [story("ex:001"), story("ex:002")]
    response = writable.post("/api/articles", json=first, headers=AUTH)
    assert response.status_code == 201, response.text
    items = response.json()["items"]
    assert [item["new"] for item in items] == [True, True]
    assert all(item["events"] > 0 for item in items)
    for item in items:
        stored = writable.get(f"/api/articles/{item['article_id']}").json()
        assert len(stored["extraction"]["events"]) == item["events"]
    incidents = all_pages(writable, "/api/incidents")
    assert incidents and all(
        writable.get(f"/api/incidents/{i['id']}").status_code == 200 for i in incidents
    )
    # The same story again (alone, not in a list) is recognised, not stored twice.
    again = writable.post("/api/articles", json=first[0], headers=AUTH).json()["items"]
    assert again == [{**items[0], "new": False}]
    assert all_pages(writable, "/api/incidents") == incidents


def test_hostile_text_is_stored_and_returned_as_plain_text(writable: httpx.Client) -> None:
    posted = {"title": "<b onmouseover=alert(4)>x</b>", "text": HOSTILE, "outlet": "'; --"}
    response = writable.post("/api/articles", json=posted, headers=AUTH)
    assert response.status_code == 201, response.text
    article_id = response.json()["items"][0]["article_id"]
    detail = writable.get(f"/api/articles/{article_id}")
    assert detail.headers["content-type"] == "application/json"
    article = detail.json()["article"]
    assert (article["text"], article["title"], article["outlet"]) == (
        HOSTILE,
        posted["title"],
        posted["outlet"],
    )
    assert writable.get("/api/health").json()["articles"] >= 1  # the table is still there
    hits = writable.get("/api/search", params={"q": "DROP TABLE articles"}).json()["items"]
    assert [hit["article_id"] for hit in hits] == [article_id]


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"text": ""}, "story.text"),
        ({"text": "x", "published": "2999-01-01"}, "story.published"),
        ([{"text": "x"}, {"text": "y", "published": "2999-01-01"}], "stories.1.published"),
        ({"text": "x", "nope": 1}, "story.nope"),
        ({"text": "a\x00b"}, "story.text"),
        ("text", "body"),
        ([], "stories"),
        ([{"text": "x"}] * 101, "stories"),
    ],
)
def test_bad_stories_are_422(writable: httpx.Client, body: object, param: str) -> None:
    response = writable.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == 422, response.text
    details = response.json()["error"]["details"]
    assert [detail["param"] for detail in details] == [param]


# Found by schemathesis (test_schemathesis.py, negative cases): {"text": "0",
# "published": 0} was stored as of 1970-01-01, pydantic having read the number as Unix
# time. The spec says a string, format date (YYYY-MM-DD): anything else is refused.
@pytest.mark.parametrize(
    "published",
    [0, 0.0, 4.647135343606208e-46, -86400, True, "0", "1970-01-01T00:00:00", "1970-01-01T00:00"],
    ids=repr,
)
def test_a_published_date_not_written_yyyy_mm_dd_is_422_and_nothing_is_stored(
    writable: httpx.Client, published: object
) -> None:
    before = writable.get("/api/health").json()["articles"]
    cases = [
        ({"text": "0", "published": published}, "story.published"),
        ([{"text": "x"}, {"text": "y", "published": published}], "stories.1.published"),
    ]
    for body, param in cases:
        response = writable.post("/api/articles", json=body, headers=AUTH)
        assert response.status_code == 422, response.text
        details = response.json()["error"]["details"]
        assert [detail["param"] for detail in details] == [param]
        assert "YYYY-MM-DD" in details[0]["message"]
    assert writable.get("/api/health").json()["articles"] == before


def test_a_published_date_written_yyyy_mm_dd_is_stored(writable: httpx.Client) -> None:
    body = {"text": "Protesters marched in Nairobi.", "published": "2024-02-29"}
    response = writable.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    article_id = response.json()["items"][0]["article_id"]
    stored = writable.get(f"/api/articles/{article_id}").json()["article"]
    assert stored["published"] == "2024-02-29"


def test_pages_are_stable_while_stories_are_added(writable: httpx.Client) -> None:
    writable.post("/api/articles", json=[story("ex:003"), story("ex:004")], headers=AUTH)
    before = all_pages(writable, "/api/events", {"mode": "any"})
    first = writable.get("/api/events", params={"mode": "any", "limit": 3}).json()
    writable.post("/api/articles", json=story("ex:005"), headers=AUTH)
    rest = all_pages(writable, "/api/events", {"mode": "any", "cursor": first["next_cursor"]})
    seen = [row["id"] for row in first["items"] + rest]
    assert len(seen) == len(set(seen))
    assert {row["id"] for row in before} <= set(seen)


def test_a_chunked_body_is_read_whole(writable: httpx.Client) -> None:
    body = json.dumps(story("ex:006")).encode()
    parts = iter([body[:10], body[10:]])  # no Content-Length: Transfer-Encoding chunked
    response = writable.post(
        "/api/articles", content=parts, headers={**AUTH, "content-type": "application/json"}
    )
    assert response.status_code == 201, response.text
    stored = writable.get(f"/api/articles/{response.json()['items'][0]['article_id']}")
    assert stored.json()["article"]["text"] == story("ex:006")["text"]


def test_a_locked_store_is_503_with_retry_after_and_nothing_is_lost(tmp_path) -> None:
    import sqlite3

    from sitrep.api import create_app
    from tests.api.conftest import serving

    path = tmp_path / "locked.db"
    app = create_app(f"sqlite:///{path}?timeout=0.2", token=TOKEN)
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as client:

        def post(name: str) -> httpx.Response:
            return client.post("/api/articles", json=story(name), headers=AUTH)

        def stored() -> set[str]:
            page = client.get("/api/events", params={"mode": "any", "limit": 1000})
            assert page.status_code == 200, page.text
            return {row["article_id"] for row in page.json()["items"]}

        first = post("ex:001").json()["items"][0]["article_id"]
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock past the wait
        try:
            refused = post("ex:002")
            during = stored()  # reads go on: WAL readers never wait for a writer
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert refused.status_code == 503, refused.text
        assert refused.headers["Retry-After"].isdigit()
        error = refused.json()["error"]
        assert error["code"] == "store_unavailable"
        assert error["message"].startswith("[E029]") and "locked" in error["message"]
        assert during == {first}
        again = post("ex:002")
        assert again.status_code == 201, again.text
        assert stored() == {first, again.json()["items"][0]["article_id"]}
