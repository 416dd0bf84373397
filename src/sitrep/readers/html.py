"""HTML pages: trafilatura finds the story among the page's navigation and boilerplate.

The page's metadata gives the title, the publication date, the canonical URL and the site
name (the outlet). :func:`markup_text` flattens an HTML fragment (a feed entry) to text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputError
from ..model import Article
from ..settings import Settings
from .text import decode, file_bytes

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# A page carries scripts, styles and markup beside its story: it may be this many times
# the story limit before it is refused.
MARKUP_FACTOR = 4
# Fewer words than this is not a story: what is left is a menu, a notice or a headline.
MIN_STORY_WORDS = 10
# Elements that end a line when a fragment is flattened (a paragraph, a list item, a break).
_LINE_ENDS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "tr", "section", "article", "header", "footer",
)  # fmt: skip

# Control characters lxml refuses in text it is given (tab, line feed and return are fine).
_CONTROL = dict.fromkeys([*range(9), 11, 12, *range(14, 32)])


def markup_limit(settings: Settings) -> int:
    """Largest page accepted, in characters of markup."""
    return settings.text.max_article_chars * MARKUP_FACTOR


def page_to_article(
    markup: str, source: str, *, url: str | None, published: dt.date | None, settings: Settings
) -> Article:
    """The page's story as an Article; InputError (E020) says why when it has none.

    The date in the page's metadata wins over ``published``; the canonical URL over ``url``.
    """
    import trafilatura  # heavy: loaded with the first page, not with sitrep

    found = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        # Metadata only: a search through the text would take an event's date for the page's.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": dt.date.today().isoformat(),
        },
    )
    title = ((found.title if found else None) or "").strip() or None
    text = _without_headline((found.text if found else None) or "", title)
    words = len(text.split())
    if words < MIN_STORY_WORDS:
        reason = (
            f"only {words} word(s) outside navigation and boilerplate"
            if words
            else "no text outside navigation and boilerplate"
        )
        raise InputError(Errors.E020.format(source=source, reason=reason))
    limit = settings.text.max_article_chars
    if len(text) > limit:
        raise InputError(Errors.E008.format(source=source, size=len(text), limit=limit))
    return Article(
        id=Article.content_id(text),
        url=found.url or url,
        title=title,
        text=text,
        published=_metadata_date(found.date) or published,
        outlet=found.sitename or None,
    )


def _without_headline(text: str, title: str | None) -> str:
    """The text without a first line that repeats the title (the page's <h1>)."""
    first, _, rest = text.strip().partition("\n")
    if title and first.strip() == title:
        return rest.strip()
    return text.strip()


def _metadata_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def read_page(
    data: bytes,
    source: str,
    *,
    url: str | None,
    published: dt.date | None,
    settings: Settings,
) -> Article:
    """A page's bytes, decoded as text is (UTF-8, else what charset-normalizer finds), as an Article."""
    markup = decode(data, source, limit=markup_limit(settings))
    return page_to_article(markup, source, url=url, published=published, settings=settings)


def read(
    path: Path, *, published: dt.date | None, settings: Settings
) -> Iterator[Article | InputError]:
    try:
        data = file_bytes(path, max_bytes=markup_limit(settings) * 4)
        yield read_page(data, str(path), url=None, published=published, settings=settings)
    except InputError as problem:
        yield problem


def markup_text(fragment: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, one line per block."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment.translate(_CONTROL), create_parent="div")
    except etree.ParserError:  # nothing but whitespace or comments
        return ""
    for hidden in root.xpath(".//script | .//style"):
        hidden.drop_tree()
    for element in root.iter(*_LINE_ENDS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
