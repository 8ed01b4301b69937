"""Re-anchoring under edits: quotes of real articles, the articles edited, the anchors judged.

    python bench/perturb.py [--articles N] [--quotes K] [--seed S] [--old]

Each case takes a quote (3 to 15 words inside one sentence, found once) of a BBC 2005
article, records where it was found the way ``briefs/.anchors/`` does (start and the text
around it), edits the article one way and anchors the quote again. The edit says what the
right answer is: the passage's new place, or a refusal when its sentence was deleted, or an
error at the new place when the edit changed what the quote says (a number, a negation, a
name). Articles are read from ``../shared/corpus/bbc-2005`` and never copied.

``--old`` passes the recorded text around the quote as the brief's ``prefix`` and ``suffix``
instead of as a :class:`~generator.anchor.Hint`: the only interface an older checkout has, so
that the same cases can be run on it to compare.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.core.anchor_meaning import NEGATIONS, NUMBER_WORDS  # noqa: E402  (after the path)

CORPUS = Path(os.environ.get("BRIEFING_CORPUS") or REPO.parent / "shared" / "corpus" / "bbc-2005")
CONTEXT = 32
PLAIN = ("rewrap", "curly", "dashes", "crlf", "nfd", "nbsp", "para-added", "para-removed")
#: ``-unrecorded``: the same edit, but no record of where the quote was (a brief never checked)
KINDS = (
    "deleted",
    "deleted-unrecorded",
    "corrected",
    "corrected-unrecorded",
    "copied",
    "near-duplicate",
    "meaning",
    *PLAIN,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_WORD = re.compile(r"\S+")
#: Corrections leave these alone: changing them changes what the quote says.
UNTOUCHED = NEGATIONS | NUMBER_WORDS
_NEGATABLE = re.compile(r"\b(is|was|are|were|will|would|can|could|has|have|had|should)\b")


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    quote: str
    start: int  # where the quote was recorded, in the original text
    before: str
    after: str
    text: str  # the edited article
    truth: tuple[int, int] | None  # its place in ``text``; None: it was deleted
    changed: bool = False  # the edit changed what the quote says
    recorded: bool = True  # where the quote was is known (the brief's lock file)
    original: str = ""  # the article the quote was taken from


@dataclass(frozen=True)
class Outcome:
    status: str
    start: int
    end: int


Anchorer = Callable[[str, Case], Outcome]


def pick_quotes(text: str, rng: random.Random, count: int) -> list[tuple[int, int]]:
    """Up to ``count`` spans of 3-15 whole words inside one sentence, each found once."""
    sentences = [m for m in _SENTENCE.finditer(text) if len(m.group().split()) >= 5]
    spans: list[tuple[int, int]] = []
    for sentence in rng.sample(sentences, len(sentences)):
        words = [
            (sentence.start() + w.start(), sentence.start() + w.end())
            for w in _WORD.finditer(sentence.group())
        ]
        size = rng.randint(3, min(15, len(words)))
        first = rng.randrange(len(words) - size + 1)
        span = (words[first][0], words[first + size - 1][1])
        if text.count(text[span[0] : span[1]]) == 1:
            spans.append(span)
        if len(spans) == count:
            break
    return spans


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    for match in _SENTENCE.finditer(text):
        if match.start() <= start and end <= match.end():
            stop = match.end()
            while stop < len(text) and text[stop] == " ":
                stop += 1
            return match.start(), stop
    raise ValueError("quote crosses sentences")


def paragraph_breaks(text: str, away_from: tuple[int, int]) -> list[int]:
    """Offsets just after a blank line, not inside or next to the quoted paragraph."""
    start, end = away_from
    found = [m.end() for m in re.finditer(r"\n\n", text)]
    return [at for at in found if at < start - 200 or at > end + 200] or [len(text)]


def typo(word: str, rng: random.Random, edits: int) -> str:
    """``word`` with 1-3 letter edits, still lowercase letters."""
    letters = list(word)
    for _ in range(edits):
        i = rng.randrange(1, len(letters))
        op = rng.randrange(3)
        new = rng.choice("abcdefghiklmnoprstuvwy")
        if op == 0:
            letters[i] = new if new != letters[i] else "z"
        elif op == 1:
            letters.insert(i, new)
        elif len(letters) > 3:
            del letters[i]
    return "".join(letters)


def correct(quote: str, rng: random.Random, edits: int) -> str | None:
    """The quote with one lowercase word of 4+ letters corrected (None if it has none)."""
    words = [m for m in re.finditer(r"\b[a-z]{4,}\b(?!')", quote) if m.group() not in UNTOUCHED]
    if not words:
        return None
    word = rng.choice(words)
    fixed = typo(word.group(), rng, edits)
    if any(fixed.startswith(n) or n.startswith(fixed) for n in UNTOUCHED):
        return None  # "fourth" -> "four" says something else
    return quote[: word.start()] + fixed + quote[word.end() :]


def change_meaning(quote: str, rng: random.Random) -> str | None:
    """A number, a negation or a name of the quote changed; None if it has none of these."""
    numbers = list(re.finditer(r"\d", quote))
    names = [m for m in re.finditer(r"(?<=\s)[A-Z][a-z]{3,}", quote)]
    verbs = [m for m in _NEGATABLE.finditer(quote) if m.end() < len(quote.rstrip(" .,;:!?"))]
    choices = [k for k, found in (("n", numbers), ("name", names), ("neg", verbs)) if found]
    if not choices:
        return None
    kind = rng.choice(choices)
    if kind == "n":
        m = rng.choice(numbers)
        return (
            quote[: m.start()] + str((int(m.group()) + rng.randint(1, 8)) % 10) + quote[m.end() :]
        )
    if kind == "name":
        m = rng.choice(names)
        return quote[: m.start()] + m.group()[0] + typo(m.group()[1:], rng, 1) + quote[m.end() :]
    m = rng.choice(verbs)
    return quote[: m.end()] + " not" + quote[m.end() :]


def splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def insert_at(
    text: str, at: int, piece: str, truth: tuple[int, int]
) -> tuple[str, tuple[int, int]]:
    shift = len(piece) if at <= truth[0] else 0
    return text[:at] + piece + text[at:], (truth[0] + shift, truth[1] + shift)


def edited(
    kind: str, text: str, span: tuple[int, int], rng: random.Random
) -> Iterator[tuple[str, tuple[int, int] | None, bool]]:
    """(edited text, the quote's true place, meaning changed) for one kind of edit."""
    start, end = span
    quote = text[start:end]
    if kind == "deleted":
        s, e = sentence_of(text, start, end)
        yield splice(text, s, e, ""), None, False
    elif kind in ("corrected", "copied"):
        fixed = correct(quote, rng, rng.randint(1, 3))
        if fixed is None or fixed == quote:
            return
        new, truth = splice(text, start, end, fixed), (start, start + len(fixed))
        if kind == "copied":
            at = rng.choice(paragraph_breaks(new, truth))
            new, truth = insert_at(new, at, f'"{quote}"\n\n', truth)
        elif rng.random() < 0.5:  # another passage one edit from the old quote
            other = correct(quote, rng, 1)
            if other and other != fixed:
                at = rng.choice(paragraph_breaks(new, truth))
                new, truth = insert_at(new, at, f"Meanwhile {other} elsewhere.\n\n", truth)
        yield new, truth, False
    elif kind == "near-duplicate":
        near = correct(quote, rng, rng.randint(1, 3))
        if near and near != quote:
            at = rng.choice(paragraph_breaks(text, span))
            yield (*insert_at(text, at, f"It added that {near} in all.\n\n", span), False)
    elif kind == "meaning":
        changed = change_meaning(quote, rng)
        if changed and changed != quote:
            yield splice(text, start, end, changed), (start, start + len(changed)), True
    else:
        yield plain(kind, text, span, rng)


def plain(
    kind: str, text: str, span: tuple[int, int], rng: random.Random
) -> tuple[str, tuple[int, int], bool]:
    start, end = span
    if kind == "para-added":
        at = rng.choice([m.end() for m in re.finditer(r"\n\n", text[:start])] or [0])
        return (
            *insert_at(text, at, "A new paragraph was added here by the editors.\n\n", span),
            False,
        )
    if kind == "para-removed":
        paragraphs = [m.span() for m in re.finditer(r"[^\n]+\n*", text)]
        others = [p for p in paragraphs if p[1] <= start or p[0] >= end]
        s, e = rng.choice(others)
        shift = e - s if e <= start else 0
        return splice(text, s, e, ""), (start - shift, end - shift), False
    pieces = [transform(kind, piece, rng) for piece in (text[:start], text[start:end], text[end:])]
    head = len(pieces[0])
    return "".join(pieces), (head, head + len(pieces[1])), False


def transform(kind: str, text: str, rng: random.Random) -> str:
    if kind == "rewrap":
        return re.sub(" ", lambda _: "\n" if rng.random() < 0.12 else " ", text)
    if kind == "curly":
        text = re.sub(r"(?<=\w)'", "\u2019", text)
        return re.sub(r'"(?=\w)', "\u201c", text).replace('"', "\u201d")
    if kind == "dashes":
        return text.replace(" - ", " \u2013 ").replace("-", "\u2010")
    if kind == "crlf":
        return text.replace("\n", "\r\n")
    if kind == "nfd":
        return unicodedata.normalize("NFD", text)
    if kind == "nbsp":
        return re.sub(" ", lambda _: "\u00a0" if rng.random() < 0.2 else " ", text)
    raise ValueError(kind)


def cases(
    files: list[Path], quotes: int, seed: int, kinds: tuple[str, ...] = KINDS
) -> Iterator[Case]:
    for path in files:
        original = path.read_text(encoding="utf-8")
        for kind in kinds:
            rng = random.Random(f"{seed}:{path.parent.name}/{path.name}:{kind}")
            # nfd: an article with accents (NFC when the quote was taken), then stored as NFD
            text = original.replace("e", "\u00e9") if kind == "nfd" else original
            for start, end in pick_quotes(text, rng, quotes):
                quote = text[start:end]
                before, after = text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
                edit = kind.removesuffix("-unrecorded")
                for new, truth, changed in edited(edit, text, (start, end), rng):
                    if truth is not None and edit in ("corrected", "meaning") and quote in new:
                        continue  # the edit left the quote as it was somewhere
                    name = f"{path.parent.name}/{path.name}"
                    recorded = not kind.endswith("-unrecorded")
                    yield Case(
                        kind, name, quote, start, before, after, new, truth, changed, recorded, text
                    )


def judge(case: Case, outcome: Outcome) -> str:
    """right, wrong or refused."""
    if outcome.status in ("orphan", "ambiguous"):
        return "refused"
    near = case.truth is not None and (
        abs(outcome.start - case.truth[0]) <= 3 and abs(outcome.end - case.truth[1]) <= 3
    )
    if outcome.status == "changed":  # an error at the place: right if the meaning changed
        return "right" if case.changed and overlap(outcome, case.truth) >= 0.7 else "refused"
    return "right" if near and not case.changed else "wrong"


def overlap(outcome: Outcome, truth: tuple[int, int] | None) -> float:
    if truth is None:
        return 0.0
    common = min(outcome.end, truth[1]) - max(outcome.start, truth[0])
    return max(0, common) / (max(outcome.end, truth[1]) - min(outcome.start, truth[0]))


def corpus_sample(articles: int, corpus: Path = CORPUS) -> list[Path]:
    files = sorted(corpus.glob("*/*.txt"))
    step = max(1, len(files) // articles)
    return files[::step][:articles]


def run(
    anchorer: Anchorer, all_cases: list[Case]
) -> tuple[dict[str, Counter[str]], list[tuple[Case, Outcome]]]:
    table: dict[str, Counter[str]] = {}
    bad: list[tuple[Case, Outcome]] = []
    for case in all_cases:
        outcome = anchorer(case.text, case)
        verdict = judge(case, outcome)
        table.setdefault(case.kind, Counter())[verdict] += 1
        if verdict == "wrong" or (verdict == "refused" and case.truth is not None):
            bad.append((case, outcome))
    return table, bad


def new_anchorer(text: str, case: Case) -> Outcome:
    from generator.core.anchor import Article, Hint, anchor_quote

    hint = Hint(case.start, case.before, case.after) if case.recorded else None
    found = anchor_quote(Article("a", case.name, text), case.quote, hint=hint)
    return Outcome(found.status, found.start, found.end)


def old_anchorer(text: str, case: Case) -> Outcome:
    try:  # an older checkout on the path has the flat layout
        from generator.core.anchor import Article, anchor_quote
    except ImportError:
        from generator.anchor import Article, anchor_quote  # type: ignore[no-redef]

    before, after = (case.before, case.after) if case.recorded else ("", "")
    found = anchor_quote(Article("a", case.name, text), case.quote, before, after)
    return Outcome(found.status, found.start, found.end)


def expected(kind: str) -> str:
    answers = {"deleted": "refusal", "meaning": "error at its place"}
    return answers.get(kind.removesuffix("-unrecorded"), "its new place")


def markdown(table: dict[str, Counter[str]]) -> str:
    rows = ["| kind | right answer | n | right | wrong | refused |", "|---|---|---|---|---|---|"]
    for kind in KINDS:
        c = table.get(kind, Counter())
        counts = " | ".join(str(n) for n in (c.total(), c["right"], c["wrong"], c["refused"]))
        rows.append(f"| {kind} | {expected(kind)} | {counts} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--quotes", type=int, default=3)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--old", action="store_true")
    parser.add_argument(
        "--show",
        type=int,
        default=5,
        help="wrong anchors (and refusals of a passage that is there) to print",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    all_cases = list(cases(corpus_sample(args.articles), args.quotes, args.seed))
    started = time.perf_counter()
    table, bad = run(old_anchorer if args.old else new_anchorer, all_cases)
    took = time.perf_counter() - started
    print(markdown(table))
    print(
        f"\n{len(all_cases)} cases over {args.articles} articles in {took:.1f} s", file=sys.stderr
    )
    for case, outcome in bad[: args.show]:
        got = case.text[outcome.start : outcome.end]
        truth = case.text[case.truth[0] : case.truth[1]] if case.truth else None
        print(
            f"{judge(case, outcome).upper()} {case.kind} {case.name}: {case.quote!r} -> "
            f"{outcome.status} {got!r} (right: {truth!r})",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
