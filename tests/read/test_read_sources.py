"""read_inputs: every input kind, the id rules, the manifest, and bad inputs as failures."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
from pathlib import Path

import pytest

from legation.errors import InputError
from legation.read import read_inputs, read_text
from legation.records import Article, ReadFailure

BODY = (
    "Russian Foreign Minister Sergei Lavrov met US Secretary of State John Kerry in Vienna on "
    "Friday.\nThe two men discussed the war in Syria for four hours, officials said.\n"
)
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Lavrov and Kerry meet in Vienna | Example News</title>
<meta name="author" content="Jane Roe"><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2015-10-23T09:30:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/c">Contact us</a></nav>
<article><h1>Lavrov and Kerry meet in Vienna</h1>
<p>Russian Foreign Minister Sergei Lavrov met US Secretary of State John Kerry in Vienna on
Friday to discuss the war in Syria, officials said.</p>
<p>“We agreed to keep talking,” Lavrov told reporters after the meeting, which lasted more
than four hours.</p>
<p>Kerry said the United States and Russia still disagreed on the future of President Assad.</p>
</article><footer>Copyright 2015 Example News. Subscribe to our newsletter.</footer>
</body></html>
"""


def sha1_id(text: str) -> str:
    return "sha1:" + hashlib.sha1(text.encode()).hexdigest()[:16]


def read_all(*inputs: str | Path, **kwargs) -> list[Article | ReadFailure]:
    return list(read_inputs([str(i) for i in inputs], **kwargs))


def articles(items: list[Article | ReadFailure]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def failures(items: list[Article | ReadFailure]) -> list[ReadFailure]:
    return [i for i in items if isinstance(i, ReadFailure)]


def write_jsonl(path: Path, *rows: object) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n",
                    encoding="utf-8")
    return path


# --- input kinds and ids --------------------------------------------------------------------


def test_txt_file_named_directly(tmp_path: Path) -> None:
    path = tmp_path / "vienna_talks.txt"
    path.write_text(BODY, encoding="utf-8")
    [article] = read_all(path)
    assert isinstance(article, Article)
    assert article.id == "vienna_talks"
    assert article.text == BODY
    assert article.source == str(path)
    assert article.content_hash == hashlib.sha1(BODY.encode()).hexdigest()
    assert len(article.clean) == len(article.text)


def test_directory_is_recursive_sorted_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "b.txt").write_text("Second one. " + BODY, encoding="utf-8")
    (tmp_path / "a.txt").write_text("First one. " + BODY, encoding="utf-8")
    (tmp_path / "b" / "deep" / "c.txt").write_text("Third one. " + BODY, encoding="utf-8")
    (tmp_path / "b" / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "README.md").write_text("# not an article\n", encoding="utf-8")
    write_jsonl(tmp_path / "more.jsonl", {"id": "x", "text": BODY})
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    items = read_all(tmp_path)
    assert not failures(items)
    assert [a.id for a in articles(items)] == ["a", "b", "b/deep/c", "b/page"]


def test_ids_relative_to_each_directory_argument(tmp_path: Path) -> None:
    (tmp_path / "corpus" / "2015").mkdir(parents=True)
    (tmp_path / "corpus" / "2015" / "oct.txt").write_text(BODY, encoding="utf-8")
    [from_root] = read_all(tmp_path / "corpus")
    [from_year] = read_all(tmp_path / "corpus" / "2015")
    [named] = read_all(tmp_path / "corpus" / "2015" / "oct.txt")
    assert (from_root.id, from_year.id, named.id) == ("2015/oct", "oct", "oct")


def test_jsonl_ids_fields_and_sources(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        {"id": "wsws-1", "text": BODY, "published": "2015-10-22T10:00:00Z", "outlet": "WSWS",
         "title": "Talks", "url": "https://example.org/1", "author": "Jane Roe", "extra": 1},
        "",
        {"text": "Putin met Assad in Moscow on Tuesday."},
        {"id": 42, "text": BODY, "published": "2015-10"},
    )
    first, second, third = read_all(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert isinstance(third, Article)
    assert first.id == "wsws-1"
    assert first.source == f"{path}:1"
    assert (first.outlet, first.title, first.url, first.author) == (
        "WSWS", "Talks", "https://example.org/1", "Jane Roe")
    assert (first.published, first.published_precision, first.published_basis) == (
        "2015-10-22", "day", "given")
    assert second.id == sha1_id("Putin met Assad in Moscow on Tuesday.")
    assert second.source == f"{path}:3"
    assert third.id == "42"
    assert (third.published, third.published_precision) == ("2015-10", "month")


def test_html_file_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "vienna.htm"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_all(path)
    assert isinstance(article, Article)
    assert article.id == "vienna"
    assert "Lavrov told reporters" in article.text
    for boilerplate in ("Home", "Contact us", "Copyright", "newsletter", "<p>"):
        assert boilerplate not in article.text
    assert article.title == "Lavrov and Kerry meet in Vienna"
    assert article.author == "Jane Roe"
    assert article.outlet == "Example News"
    assert (article.published, article.published_basis) == ("2015-10-23", "given")
    assert '"We agreed to keep talking,"' in article.clean
    # the title line stays its own paragraph
    assert article.clean.startswith("Lavrov and Kerry meet in Vienna\n")


def test_html_in_another_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    path.write_bytes(
        b'<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body><article>'
        b"<p>The caf\xe9 in Damascus reopened on Monday after the ceasefire took hold across "
        b"the city, residents said.</p><p>Officials welcomed the news and promised more "
        b"reopenings across the country this month.</p></article></body></html>"
    )
    [article] = read_all(path)
    assert isinstance(article, Article)
    assert "café in Damascus" in article.text


def test_html_without_text_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    [failure] = read_all(path)
    assert isinstance(failure, ReadFailure)
    assert failure.source == str(path)
    assert "no article text" in failure.reason


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Putin met Assad in Moscow on Tuesday.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    [article] = read_all("-")
    assert isinstance(article, Article)
    assert article.id == sha1_id(text)
    assert article.source == "<stdin>"
    assert article.text == text


def test_stdin_binary_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x01\x02")))
    [failure] = read_all("-")
    assert isinstance(failure, ReadFailure) and "binary" in failure.reason


def test_read_text_builds_an_article() -> None:
    article = read_text("Putin met Assad.", source="api", article_id="x1",
                        published="2015-10-22T10:00:00+03:00", outlet="TASS")
    assert (article.id, article.source, article.outlet) == ("x1", "api", "TASS")
    assert (article.published, article.published_precision) == ("2015-10-22", "day")
    assert read_text("Putin met Assad.").id == sha1_id("Putin met Assad.")


def test_read_text_ignores_a_date_it_cannot_read() -> None:
    article = read_text("Putin met Assad.", published="sometime last week")
    assert article.published is None and article.published_basis is None


@pytest.mark.parametrize(("given", "value", "precision"), [
    ("2015-10-22T10:00:00Z", "2015-10-22", "day"),
    ("2015-10-22", "2015-10-22", "day"),
    ("2015-10", "2015-10", "month"),
    ("2015", "2015", "year"),
    ("October 2015", "2015-10", "month"),
    ("22 October 2015", "2015-10-22", "day"),
    ("Oct. 22, 2015", "2015-10-22", "day"),
])
def test_published_is_normalised(given: str, value: str, precision: str) -> None:
    article = read_text("Putin met Assad.", published=given)
    assert (article.published, article.published_precision) == (value, precision)


# --- manifest ---------------------------------------------------------------------------------


def test_manifest_fills_metadata_and_wins_over_the_text(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    byline = "Talks in Vienna\n\nJohn Smith\n22 October 2015\n\n" + BODY
    (corpus / "one.txt").write_text(byline, encoding="utf-8")
    (corpus / "sub" / "two.txt").write_text(byline, encoding="utf-8")
    (corpus / "three.txt").write_text(byline, encoding="utf-8")
    manifest = write_jsonl(
        corpus / "manifest.jsonl",
        {"file": "one.txt", "outlet": "The Duran", "published": "2016-07-26",
         "author": "Jane Roe", "title": None, "url": "https://example.org/one", "note": "x"},
        {"file": "sub/two.txt", "outlet": "News Line", "published": "2015-10"},
    )
    items = read_all(corpus, manifest=manifest)
    assert not failures(items)
    by_id = {a.id: a for a in articles(items)}
    assert set(by_id) == {"one", "sub/two", "three"}
    one, two, three = by_id["one"], by_id["sub/two"], by_id["three"]
    assert (one.outlet, one.author, one.url) == ("The Duran", "Jane Roe", "https://example.org/one")
    assert (one.published, one.published_basis) == ("2016-07-26", "given")
    assert one.title == "Talks in Vienna"  # the manifest has none: the text fills the gap
    assert (two.outlet, two.published, two.published_precision) == ("News Line", "2015-10",
                                                                     "month")
    assert two.author == "John Smith"
    assert (three.outlet, three.author, three.published, three.published_basis) == (
        None, "John Smith", "2015-10-22", "text")


def test_manifest_matches_a_file_named_directly(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(BODY, encoding="utf-8")
    manifest = write_jsonl(tmp_path / "m.jsonl", {"file": "one.txt", "outlet": "TASS"})
    [article] = read_all(tmp_path / "one.txt", manifest=manifest)
    assert isinstance(article, Article) and article.outlet == "TASS"


def test_manifest_is_never_read_as_an_article(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(BODY, encoding="utf-8")
    manifest = tmp_path / "manifest.txt"
    manifest.write_text(json.dumps({"file": "one.txt", "outlet": "TASS"}) + "\n",
                        encoding="utf-8")
    items = read_all(tmp_path, manifest=manifest)
    assert [a.id for a in articles(items)] == ["one"] and not failures(items)


def test_seed_manifest_merges(seeds_dir: Path) -> None:
    items = read_all(seeds_dir, manifest=seeds_dir / "manifest.jsonl")
    rows = {json.loads(line)["file"]: json.loads(line)
            for line in (seeds_dir / "manifest.jsonl").read_text().splitlines() if line.strip()}
    assert not failures(items)
    assert len(articles(items)) == len(rows)
    for article in articles(items):
        row = rows[article.id + ".txt"]
        assert article.outlet == row["outlet"]
        assert article.published == row["published"]
        assert article.published_basis == "given"
        if row["author"]:
            assert article.author == row["author"]


def test_bad_manifest_is_an_error_before_reading(tmp_path: Path) -> None:
    bad = tmp_path / "m.jsonl"
    bad.write_text('{"file": "a.txt"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"m\.jsonl:2"):
        read_inputs([str(tmp_path)], manifest=bad)
    with pytest.raises(InputError, match="manifest"):
        read_inputs([str(tmp_path)], manifest=tmp_path / "missing.jsonl")


# --- bad inputs -------------------------------------------------------------------------------


def test_bad_files_fail_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_blank.txt").write_text("  \n\n\t \n", encoding="utf-8")
    (tmp_path / "d_binary.txt").write_bytes(b"GIF89a\x00\x01\x02binary")
    (tmp_path / "e_latin1.txt").write_bytes("Caf\xe9 society in Damascus.".encode("latin-1"))
    (tmp_path / "f_bom.txt").write_bytes(b"\xef\xbb\xbf" + BODY.encode())
    (tmp_path / "g_long.txt").write_text("word " * 300, encoding="utf-8")
    items = read_all(tmp_path, tmp_path / "missing.txt", tmp_path / "z_good.txt",
                     max_chars=1000)
    reasons = {Path(f.source).name: f.reason for f in failures(items)}
    assert "empty" in reasons["b_empty.txt"]
    assert "whitespace" in reasons["c_blank.txt"]
    assert "binary" in reasons["d_binary.txt"]
    assert "not UTF-8" in reasons["e_latin1.txt"] and "0xe9" in reasons["e_latin1.txt"]
    assert reasons["g_long.txt"] == "article is 1,500 characters, over --max-chars 1,000"
    assert "no such file" in reasons["missing.txt"]
    assert "no such file" in reasons["z_good.txt"]
    good = articles(items)
    assert [a.id for a in good] == ["a_good", "f_bom"]
    assert good[1].text == BODY  # the byte-order mark is not text


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("x" * 10_000, encoding="utf-8")
    [failure] = read_all(path, max_chars=100)
    assert isinstance(failure, ReadFailure) and "over --max-chars 100" in failure.reason


def test_bad_jsonl_lines_fail_and_the_rest_is_read(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        {"id": "ok1", "text": BODY},
        "{not json",
        '["a", "list"]',
        {"id": "no-text"},
        {"id": "empty", "text": "   "},
        {"id": "number", "text": 12},
        {"id": "long", "text": "x" * 2000},
        {"id": "ok2", "text": BODY},
    )
    items = read_all(path, max_chars=1000)
    assert [a.id for a in articles(items)] == ["ok1", "ok2"]
    reasons = {f.source: f.reason for f in failures(items)}
    assert "not valid JSON" in reasons[f"{path}:2"]
    assert "not an object" in reasons[f"{path}:3"]
    assert 'no "text"' in reasons[f"{path}:4"]
    assert '"text" is empty' in reasons[f"{path}:5"]
    assert "not a string" in reasons[f"{path}:6"]
    assert "over --max-chars 1,000" in reasons[f"{path}:7"]


def test_binary_jsonl_file_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"text": "a"}\x00\n')
    [failure] = read_all(path)
    assert isinstance(failure, ReadFailure) and failure.source == str(path)
    assert "binary" in failure.reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs file permissions that apply (not root)")
def test_unreadable_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(BODY, encoding="utf-8")
    path.chmod(0)
    try:
        [failure] = read_all(path)
    finally:
        path.chmod(0o644)
    assert isinstance(failure, ReadFailure) and "permission denied" in failure.reason


def test_read_text_raises_for_empty_and_long() -> None:
    with pytest.raises(InputError, match="empty"):
        read_text(" \n ")
    with pytest.raises(InputError, match="over --max-chars 5"):
        read_text("Putin met Assad.", max_chars=5)


def test_unreadable_paths_fail_as_root_too(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    too_long = str(tmp_path / ("n" * 5000 + ".txt"))
    items = read_all(tmp_path, too_long)
    assert [a.id for a in articles(items)] == ["good"]
    reasons = {f.source: f.reason for f in failures(items)}
    assert reasons[str(tmp_path / "dangling.txt")] == (
        "broken symbolic link: what it points to does not exist")
    assert reasons[too_long].startswith("cannot read:")


def test_one_bad_byte_fails_its_jsonl_line_only(tmp_path: Path) -> None:
    path = tmp_path / "three.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Russia condemned Turkey."}\n'
                     b'{"id": "b", "text": "Bad \xff byte."}\n'
                     b'{"id": "c", "text": "Iran praised Iraq."}\n')
    items = list(read_inputs([str(path)]))
    assert [i.id for i in items if not isinstance(i, ReadFailure)] == ["a", "c"]
    (bad,) = [i for i in items if isinstance(i, ReadFailure)]
    assert bad.source == f"{path}:2" and "0xff" in bad.reason
    assert [i.source for i in items if not isinstance(i, ReadFailure)] == [f"{path}:1",
                                                                           f"{path}:3"]


def test_utf32_with_a_byte_order_mark_is_read_as_utf32(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Russia condemned Turkey on Monday.".encode("utf-32"))
    (article,) = list(read_inputs([str(path)]))
    assert not isinstance(article, ReadFailure) and article.text.startswith("Russia")
