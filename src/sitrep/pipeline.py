"""Pipeline: an ordered list of stages run over a Document, producing an Extraction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import __version__, registry
from .document import Document
from .errors import Errors, SitrepError
from .model import Article, Extraction
from .settings import Settings

DEFAULT_STAGES = ("dates", "places", "actors", "quantities", "events", "attribution", "framing")


class Pipeline:
    """Stages in order; ``extract`` runs them over one article."""

    def __init__(
        self,
        stages: Iterable[str | type] = DEFAULT_STAGES,
        *,
        settings: Settings | None = None,
    ) -> None:
        self.settings = settings or Settings()
        # A stage is named by its registry key, or given as a class (a user's own stage).
        classes = [registry.load(item) if isinstance(item, str) else item for item in stages]
        self.stage_names = [cls.name for cls in classes]
        provided = set(registry.BASE_LAYERS)
        for cls in classes:
            missing = cls.reads - provided
            if missing:
                raise SitrepError(
                    Errors.E001.format(
                        stage=cls.name,
                        layer=", ".join(sorted(missing)),
                        order=" -> ".join(self.stage_names),
                    )
                )
            provided |= cls.writes
        self.stages = [cls(self.settings) for cls in classes]
        self.version = f"{__version__}+{'.'.join(self.stage_names)}"

    @classmethod
    def only(cls, names: Iterable[str], *, settings: Settings | None = None) -> Pipeline:
        """The default stages restricted to ``names``, kept in pipeline order."""
        wanted = set(names)
        unknown = wanted - set(registry.available())
        if unknown:
            raise SitrepError(
                Errors.E002.format(
                    name=", ".join(sorted(unknown)), known=", ".join(registry.available())
                )
            )
        ordered = [name for name in DEFAULT_STAGES if name in wanted]
        ordered += sorted(wanted - set(ordered))
        return cls(ordered, settings=settings)

    def make_doc(self, article: Article) -> Document:
        return Document(
            article.text, article=article, all_caps_ratio=self.settings.text.all_caps_ratio
        )

    def extract(self, article: Article) -> Extraction:
        """Run every stage over ``article``; a failing stage becomes a note unless on_error=raise."""
        doc = self.make_doc(article)
        for current in self.stages:
            try:
                current(doc)
            except Exception as exc:
                if self.settings.pipeline.on_error == "raise":
                    raise
                doc.note(
                    "stage.failed",
                    current.name,
                    Errors.E017.format(stage=current.name, article=article.id, reason=repr(exc)),
                )
                break
        return Extraction(
            article=article,
            pipeline_version=self.version,
            stages=self.stage_names,
            reference_date=doc.layer("reference_date"),
            events=doc.layer("events", []),
            dates=doc.layer("dates", []),
            places=doc.layer("places", []),
            actors=doc.layer("actors", []),
            quantities=doc.layer("quantities", []),
            attributions=doc.layer("attributions", []),
            framing=doc.layer("framing", []),
            outlet=doc.layer("outlet"),
            framing_summary=doc.layer("framing_summary"),
            notes=doc.notes,
        )

    def pipe(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for article in articles:
            yield self.extract(article)


def process_batch(
    articles: Iterable[Article], *, pipeline: Pipeline | None = None
) -> list[Extraction]:
    """Extract a batch with no engine import: the unit a distributed map runs per shard."""
    pipeline = pipeline or Pipeline()
    return list(pipeline.pipe(articles))
