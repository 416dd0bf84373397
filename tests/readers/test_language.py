"""Language identification: every reader's articles are labelled, offline; none are dropped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sitrep.model import Article
from sitrep.readers import read_source
from sitrep.readers.language import detect_language

FRENCH = (
    "Des hommes armés ont tué trois civils dans le village de Boni, au centre du Mali,"
    " dimanche, selon des responsables locaux. Aucun groupe n'a revendiqué l'attaque."
)
ARABIC = (
    "قتل مسلحون ثلاثة مدنيين في قرية بوني وسط مالي يوم الأحد، وفق ما أفاد مسؤولون محليون."
    " ولم تعلن أي جهة مسؤوليتها عن الهجوم."
)
ENGLISH = "Gunmen killed three civilians in the village of Boni in central Mali on Sunday."


def test_french_and_arabic_stories_are_labelled_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    records = [
        {"id": "fr", "text": FRENCH},
        {"id": "ar", "text": ARABIC},
        {"id": "en", "text": ENGLISH},
        {"id": "given", "text": FRENCH, "language": "fr-BE"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    articles = list(read_source(str(path)))
    assert all(isinstance(article, Article) for article in articles)
    assert {a.id: a.language for a in articles} == {
        "fr": "fr",
        "ar": "ar",
        "en": "en",
        "given": "fr-BE",  # what the input says is kept
    }


def test_plain_text_and_stdin_are_labelled(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"Titre\n{FRENCH}", encoding="utf-8")
    [article] = list(read_source(str(path)))
    assert article.language == "fr"
    [article] = list(read_source("-", stdin=ARABIC.encode("utf-8")))
    assert article.language == "ar"


def test_too_little_text_is_unknown_not_guessed() -> None:
    assert detect_language("Kismayo") is None
    assert detect_language("12 34 56 78 90 -- 2021-04-05") is None
    assert detect_language(FRENCH) == "fr"
    # wire copy in capitals is still English
    assert detect_language(ENGLISH.upper()) == "en"


def test_detection_touches_no_network() -> None:
    """Load the model and detect in a fresh process that fails on any socket use."""
    script = f"""
import sys
def refuse(event, args):
    if event.startswith(("socket.", "urllib.")):
        raise RuntimeError("network touched: " + event)
sys.addaudithook(refuse)
from sitrep.readers.language import detect_language
print(detect_language({FRENCH!r}))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "fr"
