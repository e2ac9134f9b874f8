"""Stories: articles about one happening, found as they arrive.

Each new article joins the most similar story whose dates it falls within, or starts its own;
the corpus is never re-clustered. Similarity is the cosine of TF-IDF vectors (the article's
terms against the sum of a story's members), with document frequencies counted as articles
arrive. Candidates come from an inverted index over each article's rarest terms (a short
list of the stories sharing most of them), and a date window blocks stories far in time, so
the cost of one article grows with its block, not with the corpus.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

TEXT_WEIGHT = 0.0  # share of a text-embedding cosine; 0: it did not help on dev (bench)
NAME_WEIGHT = 2.0  # tuned with THRESHOLD on the dev file (bench/stories.py --sweep)
THRESHOLD = 0.20  # tuned on ecbplus_dev_stories.jsonl (bench/stories.py)
WINDOW_DAYS = 3  # how far outside a story's first and last day a new report may fall
PROBE_TERMS = 12  # an article's rarest terms, used to find candidate stories
SHORTLIST = 25  # candidate stories scored in full, those sharing the most probe terms


@dataclass
class Story:
    """A story's members, the sum of their log term weights, and its dated span."""

    story_id: str
    members: set[str] = field(default_factory=set)
    weights: dict[str, float] = field(default_factory=dict)
    first: date | None = None
    last: date | None = None
    embedding: np.ndarray | None = None  # sum of the members' unit text vectors
    square: float = 0.0  # squared TF-IDF norm of ``weights``
    norm_bucket: int = -1  # corpus size (log scale) at which ``square`` was last recomputed

    def within(self, day: date | None, window: int) -> bool:
        """Undated articles and undated stories block nothing."""
        if day is None or self.first is None or self.last is None:
            return True
        pad = timedelta(days=window)
        return self.first - pad <= day <= self.last + pad


def story_id_for(article_id: str) -> str:
    """A story is named after the article that started it: stable across re-runs."""
    return "S-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


NAME_PREFIXES = ("~", "@", "#")  # names, resolved actors and places (link.profile)


def _log_weights(terms: dict[str, int], name_weight: float) -> dict[str, float]:
    """Log term frequencies; names weigh more, as they tell happenings of one kind apart."""
    return {t: (1.0 + math.log(n)) * (name_weight if t.startswith(NAME_PREFIXES) else 1.0)
            for t, n in terms.items() if n > 0}


class StoryIndex:
    """Streaming story assignment over articles given as term counts and a day."""

    def __init__(self, threshold: float = THRESHOLD, window: int = WINDOW_DAYS,
                 text_weight: float = TEXT_WEIGHT, name_weight: float = NAME_WEIGHT) -> None:
        self.threshold = threshold
        self.name_weight = name_weight
        self.text_weight = text_weight
        self.window = window
        self.stories: dict[str, Story] = {}
        self.story_of: dict[str, str] = {}
        self._terms: dict[str, dict[str, float]] = {}
        self._days: dict[str, date | None] = {}
        self._embeddings: dict[str, np.ndarray | None] = {}
        self._df: Counter[str] = Counter()
        self._postings: dict[str, set[str]] = defaultdict(set)  # term -> story ids

    def __len__(self) -> int:
        return len(self.story_of)

    def _idf(self, term: str) -> float:
        return math.log((len(self.story_of) + 1) / (self._df[term] + 1)) + 1.0

    def _similarity(self, query: dict[str, float], embedding: np.ndarray | None,
                    story: Story) -> float:
        """``query``: the article's unit TF-IDF vector (``_query``)."""
        terms = self._term_similarity(query, story)
        if embedding is None or story.embedding is None:
            return terms
        text = float(embedding @ story.embedding) / (float(np.linalg.norm(story.embedding))
                                                     or 1.0)
        return (1 - self.text_weight) * terms + self.text_weight * text

    def _query(self, vector: dict[str, float]) -> dict[str, float]:
        """The article's TF-IDF vector, unit length, weighted once more by IDF for the dot
        product with a story's raw sums."""
        idf = {t: self._idf(t) for t in vector}
        norm = math.sqrt(sum((w * idf[t]) ** 2 for t, w in vector.items())) or 1.0
        return {t: w * idf[t] ** 2 / norm for t, w in vector.items()}

    def _term_similarity(self, query: dict[str, float], story: Story) -> float:
        weights = story.weights
        dot = sum(q * weights[t] for t, q in query.items() if t in weights)
        return dot / self._norm(story) if dot > 0 else 0.0

    def _norm(self, story: Story) -> float:
        """A story's TF-IDF norm: kept up to date as members come and go, and recomputed in
        full when the corpus has grown by a tenth (document frequencies drift slowly), so
        neither scoring nor adding walks every term of a large story."""
        bucket = int(10 * math.log(len(self.story_of) + 1))
        if story.norm_bucket != bucket:
            story.square = sum((w * self._idf(t)) ** 2 for t, w in story.weights.items())
            story.norm_bucket = bucket
        return math.sqrt(story.square) or 1.0

    def _grow(self, story: Story, vector: dict[str, float], sign: float) -> None:
        """Add (``sign`` 1) or take out (-1) a member's weights, keeping the squared norm."""
        for t, w in vector.items():
            old = story.weights.get(t, 0.0)
            new = max(old + sign * w, 0.0)
            story.square += (new * new - old * old) * self._idf(t) ** 2
            if new <= 1e-9:
                story.weights.pop(t, None)
                self._postings[t].discard(story.story_id)
            else:
                story.weights[t] = new

    def candidates(self, vector: dict[str, float], day: date | None) -> list[Story]:
        """Stories within the date window that share the most of the article's rarest terms
        seen before (at most ``SHORTLIST``): only these are scored in full."""
        seen = [t for t in vector if self._df[t] > 0]
        probe = sorted(seen, key=lambda t: (self._df[t], t))[:PROBE_TERMS]
        hits: Counter[str] = Counter()
        for term in probe:
            hits.update(self._postings.get(term, ()))
        out: list[Story] = []
        for story_id, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0])):
            if (story := self.stories[story_id]).within(day, self.window):
                out.append(story)
                if len(out) == SHORTLIST:
                    break
        return out

    def add(self, article_id: str, terms: dict[str, int], day: date | None,
            story_id: str | None = None, embedding: np.ndarray | None = None) -> str:
        """Put an article in a story (the best above the threshold, else a new one), or in
        ``story_id`` when it is known (loading a store); re-adding an article moves it."""
        if article_id in self.story_of:
            self.remove(article_id)
        vector = _log_weights(terms, self.name_weight)
        if story_id is None:
            query = self._query(vector)
            names = [t for t in vector if t.startswith(NAME_PREFIXES)]
            scored = [(self._similarity(query, embedding, s), s.story_id)
                      for s in self.candidates(vector, day)
                      if not names or any(t in s.weights for t in names)]
            best = max(scored, default=(0.0, ""))
            story_id = best[1] if best[0] >= self.threshold else story_id_for(article_id)
        story = self.stories.setdefault(story_id, Story(story_id))
        story.members.add(article_id)
        self._grow(story, vector, 1.0)
        if embedding is not None:
            story.embedding = embedding if story.embedding is None else story.embedding + embedding
        self._embeddings[article_id] = embedding
        if day is not None:
            story.first = min(story.first or day, day)
            story.last = max(story.last or day, day)
        for term in vector:
            self._df[term] += 1
            self._postings[term].add(story_id)
        self.story_of[article_id] = story_id
        self._terms[article_id] = vector
        self._days[article_id] = day
        return story_id

    def remove(self, article_id: str) -> None:
        """Take an article out (re-coding or deleting it); an emptied story goes."""
        story = self.stories[self.story_of.pop(article_id)]
        vector = self._terms.pop(article_id)
        self._days.pop(article_id)
        story.members.discard(article_id)
        self._grow(story, vector, -1.0)
        embedding = self._embeddings.pop(article_id)
        if embedding is not None and story.embedding is not None:
            story.embedding = story.embedding - embedding
        for term in vector:
            self._df[term] -= 1
        if not story.members:
            del self.stories[story.story_id]
            return
        days = [d for a in story.members if (d := self._days[a]) is not None]
        story.first, story.last = (min(days), max(days)) if days else (None, None)
