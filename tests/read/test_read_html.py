"""Deeply nested pages: the parser's depth limit must not hide an article's text."""

from __future__ import annotations

import pytest

from legation.errors import InputError
from legation.read.html import MAX_DEPTH, extract_html, shallow_html

PARAGRAPHS = "".join(
    f"<p>The trade ministers of Chile and Peru met in Lima on Tuesday &amp; agreed on tariffs "
    f"for the {n}th round of talks, officials said afterwards.</p>" for n in range(4))


def page(depth: int, tag: str = "div") -> str:
    return (f"<html><head><title>Tariff talks</title></head><body>{f'<{tag} class=x>' * depth}"
            f"{PARAGRAPHS}{f'</{tag}>' * depth}</body></html>")


@pytest.mark.parametrize("depth", [3, 300, 3_000, 30_000])
def test_the_text_of_a_page_is_found_at_any_depth(depth: int) -> None:
    text, meta = extract_html(page(depth))
    shallow, _ = extract_html(page(3))
    assert text == shallow
    assert "Chile and Peru met in Lima on Tuesday & agreed" in text
    assert meta.title == "Tariff talks"


def test_shallow_html_keeps_text_tags_and_drops_deep_wrappers() -> None:
    flat = shallow_html(page(5_000, "span"))
    assert flat is not None and shallow_html(page(3)) is None
    assert flat.count("<span") == MAX_DEPTH - 2  # html and body are open above them
    assert flat.count("<span") == flat.count("</span>")
    assert flat.count("<p>") == 4 and "&amp; agreed" in flat


def test_unclosed_tags_are_closed_by_name() -> None:
    shallow = "<div><b>bold<i>both</div>after"
    flat = shallow_html(shallow + "<span>" * 120 + "x" + "</span>" * 120)
    assert flat is not None
    assert flat.startswith("<div><b>bold<i>both</i></b></div>after")
    assert flat.count("<span>") == flat.count("</span>") == MAX_DEPTH


def test_a_deep_script_stays_a_script() -> None:
    deep = page(300).replace("<p>", "<script>var a = 1 < 2;</script><p>", 1)
    text, _ = extract_html(deep)
    assert "var a" not in text and "Chile and Peru" in text


def test_a_deep_page_without_text_is_still_a_failure() -> None:
    with pytest.raises(InputError, match="no article text"):
        extract_html("<div>" * 5_000 + "</div>" * 5_000)
