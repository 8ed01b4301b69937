"""Stage 4, lint: tradecraft rules over one valid, anchored brief.

Each rule is a small function ``rule(ctx) -> Iterator[Problem]`` registered in
:data:`RULES`; book-wide reference rules live in :mod:`generator.refs`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.errors import Problem, error, excerpt, warning

from .anchor import Article
from .config import Config
from .evidence import Cited
from .load import Located, Path_
from .model import LIKELIHOOD_TERMS, Brief

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(\[])")
CONFIDENCE_PHRASE = re.compile(
    r"\b(?:low|moderate|medium|high)(?:[- ]level)?[- ]confidence\b", re.I
)
LIKELIHOOD_WORDS = re.compile(
    r"\b(?:almost no chance|remote|highly improbable|very unlikely|improbable|improbably|"
    r"unlikely|roughly even (?:chance|odds)|likely|probable|probably|very likely|"
    r"highly probable|almost certain(?:ly)?|nearly certain)\b",
    re.I,
)
#: A confidence level stated in words: "high confidence", "confidence is low".
CONFIDENCE_STATED = (
    re.compile(r"\b(?P<level>low|moderate|medium|high)(?:[- ]level)?[- ]confidence\b", re.I),
    re.compile(
        r"\bconfidence (?:is|was|remains|stays|of) (?:only |still |a )?"
        r"(?P<level>low|moderate|medium|high)\b",
        re.I,
    ),
)
VAGUE_WORDS = re.compile(r"\b(?:perhaps|maybe|possibly|conceivably|it cannot be ruled out)\b", re.I)
ICD_TERM = re.compile(
    r"\b(?:" + "|".join(sorted(LIKELIHOOD_TERMS, key=len, reverse=True)) + r")\b", re.I
)
DRAFT = re.compile(r"^\s*(?:DRAFT|TODO)\b")


@dataclass
class LintContext:
    brief: Brief
    located: Located
    articles: dict[str, Article]
    cited: list[Cited]
    config: Config

    def at(self, loc: Path_) -> tuple[str, int, int]:
        line, col = self.located.where(loc)
        return self.located.path, line, col

    def at_text(self, loc: Path_, text: str, start: int, end: int) -> tuple[str, int, int]:
        """Where ``text[start:end]`` (a piece of the text at ``loc``) is written."""
        line, col = self.located.where_text(loc, text, start, end)
        return self.located.path, line, col


Rule = Callable[[LintContext], Iterator[Problem]]


def markdown_fields(brief: Brief) -> Iterator[tuple[Path_, str]]:
    """Every Markdown text of a brief, with its location."""
    yield ("summary",), brief.summary
    if brief.background:
        yield ("background",), brief.background
    for i, j in enumerate(brief.judgments):
        yield ("judgments", i, "text"), j.text
    for i, a in enumerate(brief.actors):
        if a.stance:
            yield ("actors", i, "stance"), a.stance
    for i, e in enumerate(brief.timeline):
        yield ("timeline", i, "event"), e.event
    for i, q in enumerate(brief.quotes):
        if q.context:
            yield ("quotes", i, "context"), q.context
    for i, r in enumerate(brief.risks):
        if r.description:
            yield ("risks", i, "description"), r.description
        for k, text in enumerate(r.indicators):
            yield ("risks", i, "indicators", k), text
    for i, text in enumerate(brief.open_questions):
        yield ("open_questions", i), text


def missing_evidence(ctx: LintContext) -> Iterator[Problem]:
    for section in ("judgments", "risks"):
        for i, item in enumerate(getattr(ctx.brief, section)):
            if not item.evidence:
                name = section[:-1]
                yield warning(
                    *ctx.at((section, i)),
                    f"{name} has no evidence",
                    "attach a quote from the source that it rests on",
                    code="missing-evidence",
                )


def stale(ctx: LintContext) -> Iterator[Problem]:
    review_by, as_of = ctx.brief.review_by, ctx.brief.as_of
    if review_by and review_by < as_of:
        yield error(
            *ctx.at(("review_by",)), f"review_by {review_by} is before as_of {as_of}", code="dates"
        )
    elif review_by and review_by < ctx.config.today:
        yield warning(
            *ctx.at(("review_by",)),
            f"brief is stale: review_by {review_by} has passed",
            "review the analysis, then move review_by forward",
            code="stale",
        )
    if as_of > ctx.config.today:
        yield warning(*ctx.at(("as_of",)), f"as_of {as_of} is in the future", code="dates")


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """Each sentence of ``text`` with its offset."""
    start = 0
    for boundary in SENTENCE.finditer(text):
        yield start, text[start : boundary.start()]
        start = boundary.end()
    yield start, text[start:]


def estimative_language(ctx: LintContext) -> Iterator[Problem]:
    """ICD 203: likelihood and confidence are separate statements, never one sentence."""
    for loc, text in markdown_fields(ctx.brief):
        for offset, sentence in sentences(text):
            likely = LIKELIHOOD_WORDS.search(sentence)
            confident = CONFIDENCE_PHRASE.search(sentence)
            if likely and confident:
                first = min(likely, confident, key=lambda m: m.start())
                yield warning(
                    *ctx.at_text(loc, text, offset + first.start(), offset + first.end()),
                    f"'{likely.group(0)}' and '{confident.group(0)}' in "
                    f'one sentence: "{excerpt(sentence, 70)}"',
                    "ICD 203: state likelihood and confidence in separate sentences",
                    code="estimative-language",
                )
            vague = VAGUE_WORDS.search(sentence)
            if vague and loc[0] in ("summary", "judgments"):
                yield warning(
                    *ctx.at_text(loc, text, offset + vague.start(), offset + vague.end()),
                    f"vague estimative word '{vague.group(0)}'",
                    "use an ICD 203 term: " + ", ".join(LIKELIHOOD_TERMS),
                    code="estimative-language",
                )


def likelihood_agrees(ctx: LintContext) -> Iterator[Problem]:
    """The likelihood word in a judgment's or a risk's text is the one its field gives."""
    rated = [
        (("judgments", i), j.text, j.likelihood) for i, j in enumerate(ctx.brief.judgments)
    ] + [(("risks", i), r.description or "", r.likelihood) for i, r in enumerate(ctx.brief.risks)]
    for item, text, term in rated:
        said = list(ICD_TERM.finditer(text))
        if not term or not said or term in {m.group(0).lower() for m in said}:
            continue
        loc = (*item, "text" if item[0] == "judgments" else "description")
        first = said[0]
        yield warning(
            *ctx.at_text(loc, text, first.start(), first.end()),
            f"text says '{first.group(0).lower()}' but likelihood is '{term}'",
            "make the text and the likelihood field agree",
            code="likelihood",
        )


def confidence_agrees(ctx: LintContext) -> Iterator[Problem]:
    """A judgment whose text states a confidence level other than its ``confidence`` field."""
    for i, judgment in enumerate(ctx.brief.judgments):
        stated = [m for pattern in CONFIDENCE_STATED for m in pattern.finditer(judgment.text)]
        field = judgment.confidence
        if not field or not stated or field in {_level(m.group("level")) for m in stated}:
            continue
        found = min(stated, key=lambda m: m.start())
        yield warning(
            *ctx.at_text(("judgments", i, "text"), judgment.text, found.start(), found.end()),
            f"text says '{found.group(0)}' but confidence is '{field}'",
            "make the text and the confidence field agree",
            code="confidence",
        )


def _level(word: str) -> str:
    word = word.lower()
    return "moderate" if word == "medium" else word


def unrated(ctx: LintContext) -> Iterator[Problem]:
    for i, judgment in enumerate(ctx.brief.judgments):
        for key in ("likelihood", "confidence"):
            if getattr(judgment, key) is None:
                yield warning(*ctx.at(("judgments", i)), f"judgment has no {key}", code="unrated")
    for i, risk in enumerate(ctx.brief.risks):
        for key in ("likelihood", "impact"):
            if getattr(risk, key) is None:
                yield warning(
                    *ctx.at(("risks", i)),
                    f"risk '{risk.id}' has no {key}; it is left off the heat map",
                    code="unrated",
                )


def draft_placeholder(ctx: LintContext) -> Iterator[Problem]:
    if DRAFT.match(ctx.brief.summary):
        yield warning(
            *ctx.at(("summary",)),
            "summary is still the draft placeholder",
            "write the bottom line up front in one or two sentences",
            code="draft",
        )


def summary_length(ctx: LintContext) -> Iterator[Problem]:
    sentences = [s for s in SENTENCE.split(ctx.brief.summary.strip()) if s]
    words = len(ctx.brief.summary.split())
    if len(sentences) > 2 or words > 80:
        yield warning(
            *ctx.at(("summary",)),
            f"summary has {len(sentences)} sentences and {words} words",
            "the bottom line is one or two sentences",
            code="summary-length",
        )


def figure_in_evidence(ctx: LintContext) -> Iterator[Problem]:
    quotes: dict[Path_, list[str]] = {}
    for cited in ctx.cited:
        if cited.anchor.found:
            quotes.setdefault(cited.item, []).append(cited.anchor.matched)
    for i, figure in enumerate(ctx.brief.figures):
        passages = quotes.get(("figures", i), [])
        if passages and not any(figure.value in passage for passage in passages):
            yield warning(
                *ctx.at(("figures", i, "value")),
                f"figure '{excerpt(figure.value, 30)}' does not appear in its evidence",
                "write the value as the article writes it",
                code="figure-value",
            )


def unused_drop(ctx: LintContext) -> Iterator[Problem]:
    for i, source in enumerate(ctx.brief.sources):
        article = ctx.articles.get(source.id)
        if article is None:
            continue
        for line in article.missing_drops:
            yield warning(
                *ctx.at(("sources", i, "drop")),
                f'drop line not found in {source.file}: "{excerpt(line, 50)}"',
                "drop lists whole lines of the file exactly",
                code="drop",
            )


def source_url(ctx: LintContext) -> Iterator[Problem]:
    for i, source in enumerate(ctx.brief.sources):
        if source.url and not re.match(r"^https?://[^\s]+$", source.url, re.I):
            yield error(
                *ctx.at(("sources", i, "url")),
                f"expected an http(s) URL; found '{excerpt(source.url, 40)}'",
                code="url",
            )


RULES: tuple[Rule, ...] = (
    missing_evidence,
    stale,
    estimative_language,
    likelihood_agrees,
    confidence_agrees,
    unrated,
    draft_placeholder,
    summary_length,
    figure_in_evidence,
    unused_drop,
    source_url,
)


def lint_brief(ctx: LintContext) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(ctx)]
