"""The seeds, coded with their manifest, yield the events an analyst would code first.

Checked by (source country, root, target country); ``~`` marks a mutual event that may be
coded either way round. The seed texts are read from ../shared at test time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from legation.read import read_inputs
from legation.records import Article
from legation.run import Coder

EXPECTED = [
    ("000", "USA~RUS", "04", "the Kerry-Lavrov talks in Moscow"),
    ("000", "USA~RUS", "03", "the agreement to hold a conference"),
    ("001", "SYR~RUS", "04", "Assad and Putin's talks in Moscow"),
    ("002", "SYR>RUS", "04", "Assad's trip to Moscow"),
    ("002", "RUS>TUR", "04", "Putin's call to Erdogan"),
    ("002", "RUS>SAU", "04", "Putin's call to King Salman"),
    ("002", "USA~RUS", "05", "the memorandum of understanding"),
    ("002", "USA>RUS", "11", "Washington's charge against the Putin government"),
    ("002", "RUS>USA", "11", "the Defense Ministry's denunciation in answer"),
    ("002", "USA>RUS", "12", "Washington rebuffing the Russian proposal"),
    ("003", "RUS>USA", "12", "the rejection of the US offer"),
    ("004", "USA>SYR", "19", "the US air attack near Deir ez-Zor"),
    ("004", "GBR>SYR", "19", "the UK air attack near Deir ez-Zor"),
]


@pytest.fixture(scope="module")
def coded(seeds_dir: Path) -> dict[str, set[tuple[str, str, str | None]]]:
    coder = Coder()
    articles = [a for a in read_inputs([str(seeds_dir)], manifest=seeds_dir / "manifest.jsonl")
                if isinstance(a, Article)]
    out = {}
    for result in coder.code(articles):
        out[result.article.id[:3]] = {
            (e.source.country, e.cameo_root, e.target and e.target.country)
            for e in result.events}
    return out


@pytest.mark.parametrize("seed, dyad, root, what", EXPECTED)
def test_seed_event(coded, seed: str, dyad: str, root: str, what: str) -> None:
    mutual = "~" in dyad
    src, tgt = dyad.replace("~", ">").split(">")
    found = coded[seed]
    ok = (src, root, tgt) in found or (mutual and (tgt, root, src) in found)
    assert ok, f"{what}: no {src} {root} {tgt} in seed {seed}: {sorted(found)}"


def test_few_spurious_events(coded) -> None:
    """An analyst codes a handful of events per article: no seed drowns them in noise."""
    for seed, events in coded.items():
        assert len(events) <= 25, (seed, len(events))
