"""The whole path on real articles: the bundled corpus and the seed articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS

from legation.knowledge import codes
from legation.records import Article, ReadFailure
from legation.run import Coder, RunSummary, code_inputs
from legation.store import Store


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.fixture(scope="module")
def corpus_run(coder: Coder, tmp_path_factory: pytest.TempPathFactory
               ) -> tuple[RunSummary, list[dict]]:
    db = tmp_path_factory.mktemp("corpus") / "c.duckdb"
    with Store(db) as store:
        summary = code_inputs([str(CORPUS)], store, coder, manifest=CORPUS / "manifest.jsonl")
        events = list(store.iter_events())
    return summary, events


def test_sample_corpus_codes_every_article(corpus_run: tuple[RunSummary, list[dict]]) -> None:
    summary, _ = corpus_run
    files = [p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html")]
    assert summary.failures == []
    assert summary.coded == len(files) >= 10
    with_events = sum(1 for _, n in summary.per_article if n)
    assert with_events >= len(files) * 0.75, summary.per_article


def test_events_are_consistent_with_the_code_table(corpus_run) -> None:
    _, events = corpus_run
    for e in events:
        code = codes.lookup(e["cameo"])
        assert e["cameo_root"] == e["cameo"][:2]
        assert (e["goldstein"], e["quad_class"]) == (code.goldstein, code.quad_class)
        assert e["plover_type"] == code.plover_type
        assert 0 < e["confidence"] <= 1 and e["mentions"] >= 1
        assert e["source"]["code"] and (e["target"] is None or e["target"]["code"])


def test_offsets_point_into_the_raw_text(corpus_run, coder: Coder) -> None:
    _, events = corpus_run
    texts = {}
    for path in CORPUS.glob("*.txt"):
        texts[path.stem] = path.read_text(encoding="utf-8")
    checked = 0
    for e in events:
        raw = texts.get(e["article_id"])
        if raw is None:
            continue
        for actor in filter(None, (e["source"], e["target"])):  # one-sided: no target
            assert raw[actor["start"]:actor["end"]] == actor["text"]
        assert e["evidence"] in raw
        assert e["start"] < e["end"] and raw[e["start"]:e["end"]] in e["evidence"]
        checked += 1
    assert checked >= 10


def test_seeds_all_coded_with_manifest(coder: Coder, seeds_dir: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        summary = code_inputs([str(seeds_dir)], store, coder,
                              manifest=seeds_dir / "manifest.jsonl")
        rows = store.con.execute(
            "SELECT article_id, outlet, published, author FROM articles ORDER BY 1").fetchall()
    assert summary.failures == [] and summary.coded == 5
    assert [r[0] for r in rows] == sorted(p.stem for p in seeds_dir.glob("*.txt"))
    assert all(r[1] and r[2] for r in rows)
    assert summary.events >= 5


def test_worker_processes_give_the_same_events(coder: Coder, tmp_path: Path) -> None:
    ids = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            code_inputs([str(CORPUS)], store, coder, manifest=CORPUS / "manifest.jsonl",
                        workers=workers)
            ids.append(sorted(e["event_id"] for e in store.iter_events()))
    assert ids[0] and ids[0] == ids[1]


def test_streamed_batches_store_what_one_batch_stores(tmp_path: Path, monkeypatch) -> None:
    """Reading in batches of two and checking each batch against the store in one query gives
    the very records of one big batch; a second run finds every article unchanged."""
    from legation import run as run_module

    def export(db: Path) -> list[str]:
        with Store(db, read_only=True) as store:
            return sorted(json.dumps(r, sort_keys=True, default=str)
                          for r in store.iter_events())

    coder = Coder()
    with Store(tmp_path / "one.duckdb") as store:
        whole = code_inputs([str(CORPUS)], store, coder, manifest=CORPUS / "manifest.jsonl")
    monkeypatch.setattr(run_module, "READ_BATCH", 2)
    with Store(tmp_path / "many.duckdb") as store:
        parts = code_inputs([str(CORPUS)], store, coder, manifest=CORPUS / "manifest.jsonl")
        again = code_inputs([str(CORPUS)], store, coder, manifest=CORPUS / "manifest.jsonl")
    assert (parts.coded, parts.events) == (whole.coded, whole.events)
    assert export(tmp_path / "one.duckdb") == export(tmp_path / "many.duckdb")
    assert again.unchanged == whole.coded and again.coded == 0


def test_a_repeated_article_id_is_a_named_failure(tmp_path: Path) -> None:
    lines = [{"id": "same", "text": "Russia condemned Turkey on Monday."},
             {"id": "same", "text": "Iran praised Iraq on Tuesday."}]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    with Store(tmp_path / "d.duckdb") as store:
        summary = code_inputs([str(path)], store, Coder())
        stored = store.one("SELECT count(*) FROM articles")[0]
    assert summary.coded == stored == 1 and summary.failed == 1
    assert "already read in this run" in summary.failures[0].reason


def test_a_long_text_is_parsed_in_pieces_that_keep_its_offsets(coder: Coder,
                                                               monkeypatch) -> None:
    """Articles parsed in pieces of a few hundred characters (cut at line breaks) give the
    events, offsets and evidence of the whole parse: only the parser's memory changes."""
    from legation import nlp as nlp_module
    from legation.read import read_inputs

    def coded(articles: list) -> list:
        return [(c.article.id, c.events, c.mentions, c.places, c.quotes)
                for c in coder.code(articles)]

    articles = [a for a in read_inputs([str(CORPUS)], manifest=CORPUS / "manifest.jsonl")
                if isinstance(a, Article)]
    whole = coded(articles)
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 400)
    assert max(len(a.clean) for a in articles) > 4 * 400
    pieces = coded(articles)
    assert sum(len(c[1]) for c in whole) > 50 and pieces == whole


@pytest.mark.parametrize("text", [
    "First line.\nSecond line is here.\n" * 40,
    "One sentence. " * 100,
    "x" * 1000,
    "word " * 300 + "\n\n" + "other " * 300,
])
def test_parse_chunks_join_back_and_stay_within_size(text: str) -> None:
    from legation.nlp import parse_chunks

    pieces = parse_chunks(text, 100)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= 100 for p in pieces)
    if "\n" in text[:100]:
        assert pieces[0].endswith("\n")


def test_a_pipeline_step_that_raises_fails_its_article_only() -> None:
    """A step that raises on one text inside ``nlp.pipe`` ends that pipe: the articles in
    it are parsed again alone, the bad one is named, and every other article is coded.
    (One process: spaCy's own multi-process pipe hangs on a step that raises.)"""
    import spacy
    from spacy.language import Language

    from legation.nlp import DEFAULT_MODEL
    from legation.read import read_text

    @Language.component("test_raises_on_marker")
    def raises_on_marker(doc):
        if "QQXQ" in doc.text:
            raise ValueError("this step cannot take QQXQ")
        return doc

    coder = Coder()
    coder.nlp = spacy.load(DEFAULT_MODEL)
    coder.nlp.add_pipe("test_raises_on_marker", last=True)
    texts = [f"Egypt hosted talks with Qatar on day {n}." for n in range(40)]
    texts[5] = texts[33] = "Chad accused Sudan of QQXQ on Friday."
    articles = [read_text(t, f"a{n}.txt", article_id=f"a{n}") for n, t in enumerate(texts)]
    results = list(coder.code(articles))
    failed = {r.source: r.reason for r in results if isinstance(r, ReadFailure)}
    assert failed == {s: "parsing failed: ValueError: this step cannot take QQXQ"
                      for s in ("a5.txt", "a33.txt")}
    coded = [r.article.id for r in results if not isinstance(r, ReadFailure)]
    assert sorted(coded) == sorted(f"a{n}" for n in range(40) if n not in (5, 33))
    assert all(r.events for r in results if not isinstance(r, ReadFailure))


def test_an_error_reading_the_articles_is_raised_not_retried(coder: Coder) -> None:
    """Only a parse error is one article's: a stream that breaks (a store or reader failure
    behind it) stops the run with its own error, never a quietly shorter run."""
    from legation.read import read_text

    def stream():
        for n in range(3):
            yield read_text(f"Egypt hosted talks with Qatar on day {n}.", f"s{n}.txt")
        raise RuntimeError("the store went away")

    with pytest.raises(RuntimeError, match="the store went away"):
        list(coder.code(stream()))
