"""Full-text search over stories: SQLite FTS5, PostgreSQL tsvector + GIN, one query language.

A query is words and "quoted phrases"; a story matches when it has all of them (English
stemming on both backends: 'killed' finds 'kill'). Nothing in a query is syntax beyond the
double quotes, so user input never breaks the SQL.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .query import SearchHit
from .schema import articles

_TERM = re.compile(r'"([^"]*)"|(\S+)')
MARK = "**"


def terms(query: str) -> list[str]:
    """The words and quoted phrases of a query, in order."""
    found = (phrase or word for phrase, word in _TERM.findall(query))
    return [term.strip() for term in found if term.strip()]


def _fts5(query_terms: list[str]) -> str:
    # Each term becomes an FTS5 string (a phrase): punctuation inside it is just a separator.
    return " ".join('"' + term.replace('"', '""') + '"' for term in query_terms)


def _tsquery(query_terms: list[str]) -> tuple[str, dict[str, str]]:
    params = {f"t{index}": term for index, term in enumerate(query_terms)}
    sql = " && ".join(f"phraseto_tsquery('english', :{name})" for name in params)
    return sql, params


def matching_articles(connection: Connection, query: str) -> sa.ColumnElement:
    """A condition on ``articles`` selecting the stories that match ``query``."""
    query_terms = terms(query)
    if not query_terms:
        return sa.false()
    if connection.dialect.name == "postgresql":
        sql, params = _tsquery(query_terms)
        return sa.text(f"articles.search @@ ({sql})").bindparams(**params)
    hits = sa.text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts").bindparams(
        fts=_fts5(query_terms)
    )
    return articles.c.seq.in_(hits.columns(sa.column("rowid")))


def search(connection: Connection, query: str, *, limit: int) -> list[SearchHit]:
    """The best ``limit`` stories for ``query``, best first, with a marked snippet."""
    query_terms = terms(query)
    if not query_terms:
        return []
    if connection.dialect.name == "postgresql":
        tsquery, params = _tsquery(query_terms)
        statement = sa.text(
            "SELECT a.id, a.title, a.outlet, a.published,"
            " ts_headline('english', a.text, q.query, :options) AS snippet,"
            " ts_rank_cd(a.search, q.query) AS score"
            f" FROM articles a, (SELECT {tsquery} AS query) q"
            " WHERE a.search @@ q.query ORDER BY score DESC, a.seq LIMIT :limit"
        ).bindparams(
            options=f"StartSel={MARK}, StopSel={MARK}, MaxWords=24, MinWords=8",
            limit=limit,
            **params,
        )
    else:
        # bm25 is lower for better matches: negated, a higher score is better on both backends.
        statement = sa.text(
            "SELECT a.id, a.title, a.outlet, a.published,"
            f" snippet(articles_fts, 1, '{MARK}', '{MARK}', ' … ', 16) AS snippet,"
            " -bm25(articles_fts) AS score"
            " FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
            " WHERE articles_fts MATCH :fts ORDER BY bm25(articles_fts), a.seq LIMIT :limit"
        ).bindparams(fts=_fts5(query_terms), limit=limit)
    statement = statement.columns(published=sa.Date)
    return [
        SearchHit(
            article_id=row.id,
            title=row.title,
            outlet=row.outlet,
            published=row.published,
            snippet=row.snippet,
            score=float(row.score),
        )
        for row in connection.execute(statement)
    ]
