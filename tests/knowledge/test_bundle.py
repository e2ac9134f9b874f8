"""The knowledge bundle: pure data, picklable, hashed over its data files only."""

from __future__ import annotations

import hashlib
import pickle
import subprocess
import sys
from importlib import resources

from legation.knowledge.bundle import DATA_SUFFIXES, load_knowledge


def test_the_bundle_pickles_whole() -> None:
    knowledge = load_knowledge()
    back = pickle.loads(pickle.dumps(knowledge))
    assert back.hash == knowledge.hash
    assert back.actors.countries == knowledge.actors.countries
    assert back.actors.lookup("kremlin") == knowledge.actors.lookup("kremlin") != ()
    assert back.patterns.by_verb.keys() == knowledge.patterns.by_verb.keys()


def test_loading_knowledge_imports_no_extractor() -> None:
    code = ("import sys, legation.knowledge.bundle as b; b.load_knowledge(); "
            "print(sorted(m for m in sys.modules if m.startswith('legation.extract')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_hash_covers_data_files_not_their_readme() -> None:
    data = resources.files("legation.knowledge") / "data"
    digest = hashlib.sha1()
    for item in sorted(data.iterdir(), key=lambda p: p.name):
        if item.name.endswith(DATA_SUFFIXES):
            digest.update(item.name.encode() + item.read_bytes())
    assert load_knowledge().hash == digest.hexdigest()[:16]
    assert (data / "README.md").is_file() and not "README.md".endswith(DATA_SUFFIXES)


def test_extraction_reads_the_word_lists_it_is_given(nlp) -> None:
    """No extractor keeps its own copy: a bundle without speech cues finds no reported quote,
    and one without modality rows codes a promise of aid as the aid itself."""
    from dataclasses import replace

    from legation.extract import code_doc
    from legation.knowledge.patterns import ModalityCodes
    from legation.read.article import read_text

    knowledge = load_knowledge()

    def coded(text: str, bundle=knowledge):
        article = read_text(text, published="2015-10-01")
        return code_doc(nlp(article.clean), article, bundle)

    said = "Lavrov said that Russia would send troops to Syria."
    assert coded(said).quotes
    mute = replace(knowledge, cues=replace(knowledge.cues, verbs=frozenset(),
                                           that_verbs=frozenset()))
    assert not coded(said, mute).quotes
    promise = "Russia promised to provide aid to Syria."
    assert [e.cameo for e in coded(promise).events] == ["0333"]
    plain = replace(knowledge, modality=ModalityCodes({f: {} for f in knowledge.modality.tables}))
    assert [e.cameo[:2] for e in coded(promise, plain).events] == ["07"]
