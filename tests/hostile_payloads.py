"""Shared hostile inputs and helpers for the hostile-input suites (issue 7).

Payloads cover every place a brief's text lands: HTML text and attributes, links
(``javascript:`` / ``data:``), JSON-LD (``</script>``), inline SVG, Jinja (``{{ }}``),
Typst markup (``#set page``) and the ``[@id]`` reference syntax. Helpers build tmp
projects, run the CLI in a child process, and inspect built HTML with ``html.parser``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

#: Each payload alone; every one must come out inert wherever it lands.
PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    '"><svg onload=alert(1)>',
    "'><iframe src=javascript:alert(1)>",
    "</script><script>alert(1)</script>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">a</a>',
    "{{ 7*7 }}",
    '{{ "JIN" ~ "JAEVAL" }}',
    "{% if true %}JINJAOK{% endif %}",
    "#set page(fill: red)",
    '#read("/etc/passwd")',
    "$x^2$ *emph* _u_ \\ \\#",
    '[@x" onmouseover="alert(1)]',
    "<!-- comment -->",
    '{: onclick="alert(1)" }',
    "[t](javascript:alert(9)) \U0001f600",  # an astral character in front matter
)

#: All payloads in one string (for text fields and anchored quotes).
HOSTILE = " ".join(PAYLOADS)

#: Raw bytes that must never appear in a built page: each would be live markup.
LIVE_MARKUP: tuple[str, ...] = (
    "<script>alert",
    "<img src=x",
    "<svg onload",
    "<iframe",
    '<a href="javascript:',
)

#: Text a template engine would leave if it executed a payload (Jinja statement, expression).
EXECUTED = re.compile(r"(?<!%\})JINJAOK|JINJAEVAL")

#: The escaped form of the first payload, which must appear where a field is shown.
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"

#: Extra Markdown-only payloads (block constructs, reference links, autolinks).
MARKDOWN_EXTRA = (
    "\n\n[ref link][evil] and <javascript:alert(2)>\n\n"
    "[evil]: javascript:alert(2)\n\n"
    "```html\n<script>alert(3)</script>\n\n[x](javascript:alert(3))\n```\n\n"
    "<div onclick=alert(4)>raw block</div>\n\n"
    "    indented <script>alert(5)</script>\n"
)


def tagged(tag: str, *, markdown: bool = False) -> str:
    """The hostile string for one field, tagged with the field's name."""
    text = f"F[{tag}] {HOSTILE}"
    return text + MARKDOWN_EXTRA if markdown else text


ARTICLE_INTRO = (
    "Officials met on Monday to discuss trade and defense.\n\n"
    "The minister said the talks were frank and friendly.\n\n"
)


def hostile_article() -> str:
    """The seed article: the hostile string is a paragraph of it, so quotes anchor."""
    return ARTICLE_INTRO + HOSTILE + "\n\nThe meeting ended at noon.\n"


def hostile_brief() -> dict[str, Any]:
    """A valid brief (no errors) with hostile text in every text field of the format."""
    return {
        "title": tagged("title"),
        "summary": tagged("summary", markdown=True) + "\n\nSee [@evil-actor] and [@evil-risk].",
        "as_of": "2024-11-08",
        "review_by": "2030-01-01",
        "tlp": "CLEAR",
        "tags": [tagged("tag"), "plain-tag"],
        "regions": [tagged("region")],
        "sources": [
            {
                "id": "article",
                "file": "seeds/hostile.txt",
                "title": tagged("source.title"),
                "publisher": tagged("source.publisher"),
                "url": 'https://example.org/a"><svg/onload=alert(1)>',
                "reliability": "C",
            }
        ],
        "background": tagged("background", markdown=True),
        "judgments": [
            {
                "id": "evil-judgment",
                "text": tagged("judgment.text", markdown=True),
                "likelihood": "likely",
                "confidence": "low",
                "evidence": HOSTILE,
            }
        ],
        "actors": [
            {
                "id": "evil-actor",
                "name": tagged("actor.name"),
                "native_name": tagged("actor.native_name"),
                "aliases": [tagged("actor.alias")],
                "kind": "person",
                "role": tagged("actor.role"),
                "stance": tagged("actor.stance", markdown=True),
                "evidence": "The minister said the talks were frank and friendly.",
            },
            {"id": "other", "name": "Other Party", "kind": "state"},
        ],
        "relations": [{"from": "evil-actor", "to": "other", "label": tagged("relation.label")}],
        "timeline": [
            {
                "id": "evil-event",
                "date": "2024-11-04",
                "event": tagged("timeline.event", markdown=True),
                "actors": ["evil-actor"],
                "evidence": "Officials met on Monday to discuss trade and defense.",
            }
        ],
        "figures": [{"value": tagged("figure.value"), "label": tagged("figure.label")}],
        "quotes": [
            {
                "speaker": "evil-actor",
                "text": HOSTILE,
                "context": tagged("quote.context", markdown=True),
            }
        ],
        "risks": [
            {
                "id": "evil-risk",
                "title": tagged("risk.title"),
                "description": tagged("risk.description", markdown=True),
                "likelihood": "likely",
                "impact": 4,
                "confidence": "moderate",
                "actors": ["evil-actor"],
                "indicators": [tagged("risk.indicator", markdown=True)],
                "evidence": HOSTILE,
            }
        ],
        "open_questions": [tagged("open_question", markdown=True)],
    }


MKDOCS_YML = """\
site_name: Hostile book
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
plugins:
  - search
  - tags
  - briefing:
      briefs_dir: briefs
      seeds_dir: seeds
      max_tlp: {max_tlp}
      pdf: false
markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: true
"""

HOME_MD = "# Home\n\nHand-written home page.\n\n<!-- briefing:latest -->\n"
METHOD_MD = "# Methodology\n\nHand-written, must survive every build.\n"


def dump_brief(data: dict[str, Any]) -> str:
    """YAML text of a brief (JSON is YAML 1.2; no quoting surprises)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def make_project(
    root: Path,
    briefs: dict[str, dict[str, Any] | str] | None = None,
    seeds: dict[str, str | bytes] | None = None,
    *,
    max_tlp: str = "CLEAR",
    extra_yml: str = "",
) -> Path:
    """A project folder: mkdocs.yml, docs/ (hand-written pages), briefs/, seeds/."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(
        MKDOCS_YML.format(max_tlp=max_tlp) + extra_yml, encoding="utf-8"
    )
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text(HOME_MD, encoding="utf-8")
    (root / "docs" / "methodology.md").write_text(METHOD_MD, encoding="utf-8")
    (root / "briefs").mkdir(exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    for name, content in (seeds or {}).items():
        path = root / "seeds" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    for slug, brief in (briefs or {}).items():
        text = brief if isinstance(brief, str) else dump_brief(brief)
        (root / "briefs" / f"{slug}.yml").write_text(text, encoding="utf-8")
    return root


def sample_project(root: Path, **kwargs: Any) -> Path:
    """A project holding the shipped sample brief and article."""
    make_project(root, **kwargs)
    for rel in ("briefs/ishiba-trump-meeting.yml", "seeds/ishiba-trump-meeting.txt"):
        (root / rel).write_bytes((REPO / rel).read_bytes())
    return root


# ------------------------------------------------------------------ running the CLI

#: Runs the CLI and prints the child's own peak RSS (KiB) as the last line of stderr.
#: VmHWM is per address space, so it starts afresh at exec (``ru_maxrss`` would carry
#: the forking parent's peak over).
_WRAPPER = (
    "import atexit, re, sys\n"
    "def _peak():\n"
    "    with open('/proc/self/status') as f:\n"
    "        kb = re.search(r'VmHWM:\\s*(\\d+)', f.read())\n"
    "    sys.stderr.write('\\nMAXRSS_KB=%s\\n' % (kb.group(1) if kb else 0))\n"
    "atexit.register(_peak)\n"
    "sys.argv = ['briefing', *sys.argv[1:]]\n"
    "from generator.cli import main\n"
    "main()\n"
)


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    maxrss_kb: int = 0
    lines: list[str] = field(default_factory=list)


def run_cli(*args: str | Path, timeout: float = 120, env: dict[str, str] | None = None) -> Run:
    """``briefing ARGS`` in a child process; time, output and the child's peak RSS."""
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )
    seconds = time.monotonic() - started
    match = re.search(r"MAXRSS_KB=(\d+)\s*$", proc.stderr)
    stderr = proc.stderr[: match.start()] if match else proc.stderr
    lines = [ln for ln in (proc.stdout + "\n" + stderr).splitlines() if ln.strip()]
    return Run(
        proc.returncode, proc.stdout, stderr, seconds, int(match.group(1)) if match else 0, lines
    )


LOCATED = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): error: \S.*$")


def located_errors(run: Run) -> list[re.Match[str]]:
    return [m for ln in run.lines if (m := LOCATED.match(ln))]


# ------------------------------------------------------------------ trees and hashes


def tree_hashes(root: Path, *, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Relative path -> sha256 of every file (symlinks by target) under ``root``."""
    out: dict[str, str] = {}
    if not root.exists():
        return out
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if any(rel == s or rel.startswith(s + "/") for s in skip):
            continue
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            out[rel + "/"] = "dir"
    return out


def file_bytes(path: Path) -> bytes:
    """A file's bytes, decompressed when it is gzip (sitemap.xml.gz)."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


# ------------------------------------------------------------------ HTML inspection


@dataclass
class Script:
    attrs: dict[str, str | None]
    text: str = ""


class PageScan(HTMLParser):
    """Every tag, attribute and script of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[Script] = []
        self._script: Script | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag == "script":
            self._script = Script(dict(attrs))
            self.scripts.append(self._script)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.text += data


URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base"}


def scan_html(text: str, *, site_scripts: tuple[str, ...] = ("assets/",)) -> list[str]:
    """Problems that would make a page run a brief's script; empty when the page is inert."""
    scan = PageScan()
    scan.feed(text)
    scan.close()
    problems = []
    for tag, attrs in scan.tags:
        if tag in FORBIDDEN_TAGS:
            problems.append(f"<{tag}> element")
        for name, value in attrs:
            low = (value or "").strip().lower()
            if name.lower().startswith("on"):
                problems.append(f"<{tag} {name}=...> event handler attribute")
            if name.lower() in URL_ATTRS and low.startswith(("javascript:", "data:", "vbscript:")):
                problems.append(f"<{tag} {name}={value!r}> unsafe URL")
    for script in scan.scripts:
        kind = script.attrs.get("type") or ""
        src = script.attrs.get("src") or ""
        if src:
            if not any(part in src for part in site_scripts):
                problems.append(f"<script src={src!r}> not one of the site's own scripts")
            continue
        if kind == "application/ld+json":
            if "<" in script.text:
                problems.append("JSON-LD holds a raw '<'")
            try:
                json.loads(script.text)
            except ValueError:
                problems.append("JSON-LD does not parse as JSON")
            continue
        if "alert(" in script.text or "F[" in script.text:
            problems.append(f"inline script carries brief text: {script.text[:80]!r}")
    for needle in LIVE_MARKUP:
        if needle in text:
            problems.append(f"live markup in the page: {needle!r}")
    if EXECUTED.search(text):
        problems.append("a template payload was executed")
    return problems
