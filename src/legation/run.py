"""Orchestration: read → parse in batches → extract → store, with a failure boundary per article.

One article that breaks any stage is reported (which one, why) and the rest of the batch is
coded; the summary says what happened to every input.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from legation import __version__
from legation.extract import CodeOptions, code_doc
from legation.extract.actors import actor_resolver
from legation.knowledge import gazetteer
from legation.knowledge.bundle import Knowledge, load_knowledge
from legation.nlp import join_docs, load_model, model_id, parse_chunks
from legation.read import read_inputs, read_text
from legation.records import Article, Coded, ReadFailure
from legation.store import Provenance, Store
from legation.supervise import code_with_timeout

BATCH_SIZE = 16  # articles per nlp.pipe batch and per store transaction
READ_BATCH = 256  # articles read and checked against the store at a time
SHOWN = 200  # coded articles listed one by one in a run's summary


@dataclass
class RunSummary:
    """What a run did with every input: the CLI prints it and the store keeps it."""

    inputs: int = 0
    coded: int = 0
    unchanged: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    # The first SHOWN coded articles with their event counts (the CLI's table); totals are
    # counted, so that a run of a million articles holds no list of them.
    per_article: list[tuple[str, int]] = field(default_factory=list)
    events: int = 0
    undated: int = 0  # coded articles with no publication date
    undated_examples: list[str] = field(default_factory=list)
    run_id: str = field(default_factory=lambda: "R-" + uuid.uuid4().hex[:12])
    started: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def failed(self) -> int:
        return len(self.failures)

    def as_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id, "inputs": self.inputs, "coded": self.coded,
            "unchanged": self.unchanged, "failed": self.failed, "events": self.events,
            "undated": self.undated,
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
        }

    def record(self, command: str, inputs: Sequence[str], options: dict[str, Any],
               prov: Provenance) -> dict[str, Any]:
        """The row of the ``runs`` table: what was asked, what happened, with what."""
        return {**self.as_dict(), "started": self.started, "command": command,
                "input_paths": list(inputs), "options": options,
                "coder_version": prov.coder_version, "model": prov.model,
                "knowledge_hash": prov.knowledge_hash}


class _StreamError(Exception):
    """Reading the articles failed inside ``nlp.pipe``: raised again as it was, not retried."""


class Coder:
    """The spaCy pipeline and the knowledge, loaded once, applied to many articles."""

    def __init__(self, model: str | None = None, actor_files: Iterable[Path] = (),
                 options: CodeOptions | None = None, pattern_files: Iterable[Path] = ()) -> None:
        self.nlp: Language = load_model(model)
        self.knowledge: Knowledge = load_knowledge(tuple(actor_files), tuple(pattern_files))
        self.options = options or CodeOptions()
        # Built here, not on the first article: that one would pay seconds for them, and each
        # supervised worker forked from this process would build them again.
        gazetteer.index()
        actor_resolver(self.knowledge, self.nlp.vocab)

    @property
    def provenance(self) -> Provenance:
        return Provenance(__version__, model_id(self.nlp),
                          self.knowledge.hash + self.options.tag())

    def parse(self, articles: Iterable[Article], workers: int = 1
              ) -> Iterator[tuple[Article, Doc | Exception]]:
        """Parse the repaired texts with one ``nlp.pipe`` over a stream (``workers`` > 1: spaCy
        processes); only the articles in flight are held, keyed by their place in the stream.
        A long text goes in as parse-sized pieces, joined again when its last one is back.
        A pipeline step that raises ends that pipe: the articles in it are parsed alone (the
        one that fails again comes back with its error) and a new pipe takes the rest."""
        stream = enumerate(articles)
        waiting: dict[int, Article] = {}

        def texts() -> Iterator[tuple[str, tuple[int, bool]]]:
            while True:
                try:
                    i, article = next(stream)
                except StopIteration:
                    return
                except Exception as exc:  # reading failed: not a parse error to retry
                    raise _StreamError from exc
                waiting[i] = article
                chunks = parse_chunks(article.clean)
                for n, chunk in enumerate(chunks, 1):
                    yield chunk, (i, n == len(chunks))

        while True:
            pieces: list[Doc] = []
            try:
                for doc, (i, last) in self.nlp.pipe(texts(), as_tuples=True,
                                                    batch_size=BATCH_SIZE,
                                                    n_process=max(1, workers)):
                    pieces.append(doc)
                    if last:
                        whole = join_docs(pieces)
                        yield waiting.pop(i), whole
                        pieces = []
                return
            except _StreamError as exc:
                raise exc.__cause__ from None
            except Exception:
                if not waiting:  # the pipe itself fails, not one text in it
                    raise
                for i in sorted(waiting):
                    article = waiting.pop(i)
                    yield article, self._parse_alone(article)

    def _parse_alone(self, article: Article) -> Doc | Exception:
        try:
            return join_docs([self.nlp(chunk) for chunk in parse_chunks(article.clean)])
        except Exception as exc:
            return exc

    def extract(self, article: Article, doc: Doc) -> Coded:
        return code_doc(doc, article, self.knowledge, self.options)

    def code(self, articles: Iterable[Article], workers: int = 1,
             timeout: float | None = None) -> Iterator[Coded | ReadFailure]:
        """Code each article; an article that fails extraction, or takes over ``timeout``
        seconds (each then coded in a supervised process), comes back as a failure."""
        if timeout is not None:
            yield from code_with_timeout(self.code_one, articles, timeout, workers)
            return
        for article, doc in self.parse(articles, workers):
            if isinstance(doc, Exception):
                yield ReadFailure(article.source, f"parsing failed: {type(doc).__name__}: {doc}")
                continue
            try:
                yield self.extract(article, doc)
            except Exception as exc:  # one bad article must not stop the batch
                yield ReadFailure(article.source, f"coding failed: {type(exc).__name__}: {exc}")

    def code_one(self, article: Article) -> Coded | ReadFailure:
        return next(self.code([article]))

    def code_text(self, text: str, published: str | None = None,
                  article_id: str | None = None) -> Coded:
        """Code one string (``explain``, ``eval``, the HTTP API)."""
        article = read_text(text, source="<text>", article_id=article_id, published=published)
        doc = next(self.parse([article]))[1]
        if isinstance(doc, Exception):
            raise doc
        return self.extract(article, doc)


Progress = Callable[[int, int], None]


def code_inputs(inputs: list[str], store: Store | None, coder: Coder, *,
                manifest: Path | None = None, max_chars: int = 1_000_000, workers: int = 1,
                force: bool = False, article_timeout: float | None = None,
                on_progress: Progress | None = None,
                on_article: Callable[[Coded], None] | None = None) -> RunSummary:
    """The ``legation code`` job, streamed: inputs are read in batches of ``READ_BATCH``, each
    batch checked against the store in one query, and what changed is parsed, coded and
    stored in transactions of ``BATCH_SIZE``; memory holds a batch, not the corpus."""
    summary = RunSummary()
    todo = changed_inputs(inputs, store, coder.provenance, summary, manifest=manifest,
                          max_chars=max_chars, force=force)
    options = run_options(coder, manifest=manifest, max_chars=max_chars, force=force,
                          workers=workers, article_timeout=article_timeout)
    return code_articles(todo, store, coder, summary, command="code", inputs=inputs,
                         options=options, workers=workers, article_timeout=article_timeout,
                         on_progress=on_progress, on_article=on_article)


def run_options(coder: Coder, **given: Any) -> dict[str, Any]:
    """The options a run record keeps: those given, paths as text, and the coding options."""
    return {**{k: str(v) if isinstance(v, Path) else v for k, v in given.items()},
            **coder.options.as_dict()}


def changed_inputs(inputs: list[str], store: Store | None, prov: Provenance,
                   summary: RunSummary, *, manifest: Path | None = None,
                   max_chars: int = 1_000_000, force: bool = False) -> Iterator[Article]:
    """The articles of ``inputs`` to code, read lazily: failures, repeated ids and articles the
    store holds coded as they are are counted in ``summary`` and left out. A bad manifest is
    an InputError here, before anything is read."""
    items = read_inputs(inputs, manifest=manifest, max_chars=max_chars)
    return _changed(items, store, prov, summary, force)


def _changed(items: Iterator[Article | ReadFailure], store: Store | None, prov: Provenance,
             summary: RunSummary, force: bool) -> Iterator[Article]:
    seen: dict[str, str] = {}  # article id → the input it came from in this run
    batch: list[Article] = []
    for item in items:
        summary.inputs += 1
        if isinstance(item, ReadFailure):
            summary.failures.append(item)
        elif (first := seen.get(item.id)) is not None:
            summary.failures.append(ReadFailure(item.source, (
                f"article id {item.id!r} was already read in this run from {first}; "
                "the first is kept (give each article its own id)")))
        else:
            seen[item.id] = item.source
            batch.append(item)
        if len(batch) >= READ_BATCH:
            yield from _unchanged_out(batch, store, prov, force, summary)
            batch = []
    yield from _unchanged_out(batch, store, prov, force, summary)


def _unchanged_out(batch: list[Article], store: Store | None, prov: Provenance, force: bool,
                   summary: RunSummary) -> list[Article]:
    """The articles of a batch to code: those the store does not hold coded as they are."""
    current = store.current(batch, prov) if store is not None and not force else set()
    summary.unchanged += len(current)
    return [a for a in batch if a.id not in current]


def code_articles(todo: Iterable[Article], store: Store | None, coder: Coder,
                  summary: RunSummary, *, command: str, inputs: Sequence[str],
                  options: dict[str, Any], workers: int = 1,
                  article_timeout: float | None = None,
                  on_progress: Progress | None = None,
                  on_article: Callable[[Coded], None] | None = None) -> RunSummary:
    """Code, store (in batches) and record the articles of a run (``code`` and ``recode``);
    progress reports articles done against inputs read so far."""
    return store_results(coder.code(todo, workers, article_timeout), store, coder.provenance,
                         summary, command=command, inputs=inputs, options=options,
                         on_progress=on_progress, on_article=on_article)


def store_results(results: Iterable[Coded | ReadFailure], store: Store | None, prov: Provenance,
                  summary: RunSummary, *, command: str, inputs: Sequence[str],
                  options: dict[str, Any], on_progress: Progress | None = None,
                  on_article: Callable[[Coded], None] | None = None) -> RunSummary:
    """Store coded articles in transactions of ``BATCH_SIZE`` as they come (from this
    process or a cluster), count them, and record the run."""
    pending: list[Coded] = []

    def flush() -> None:
        for result in _store(store, prov, pending, summary.failures):
            summary.coded += 1
            summary.events += len(result.events)
            if len(summary.per_article) < SHOWN:
                summary.per_article.append((result.article.id, len(result.events)))
            if result.article.published is None:
                summary.undated += 1
                if len(summary.undated_examples) < 3:
                    summary.undated_examples.append(result.article.source)
            if on_article:
                on_article(result)
        pending.clear()

    for done, result in enumerate(results, 1):
        if isinstance(result, ReadFailure):
            summary.failures.append(result)
        else:
            pending.append(result)
        if len(pending) >= BATCH_SIZE:
            flush()
        if on_progress:
            on_progress(done + summary.unchanged, summary.inputs)
    flush()
    if on_progress:
        on_progress(summary.inputs, summary.inputs)
    if store is not None:
        store.record_run(summary.record(command, inputs, options, prov))
    return summary


def _store(store: Store | None, prov: Provenance, batch: list[Coded],
           failures: list[ReadFailure]) -> list[Coded]:
    """Write a batch in one transaction; if it fails, article by article to name the bad one."""
    if store is None or not batch:
        return list(batch)
    try:
        store.write_articles(batch, prov)
        return list(batch)
    except Exception:
        stored = []
        for result in batch:
            try:
                store.write_articles([result], prov)
                stored.append(result)
            except Exception as exc:
                failures.append(ReadFailure(result.article.source, f"storing failed: {exc}"))
        return stored
