"""The benchmark of DESIGN section 6: every budget measured on a book of N real articles.

    python bench/benchmark.py [--articles N] [--runs K] [--out table.md]

It drafts a book in a temporary folder from N articles of ``../shared/corpus/bbc-2005``
(read there, copied only into the temporary book; a synthetic corpus when that folder is
absent), then times each step as a fresh ``python -m generator`` process (median of K runs)
and prints a Markdown table with the budget and PASS/FAIL per row. Timings are wall-clock
seconds; the CPU seconds beside them tell a busy machine from a slow program.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
CORPUS = Path(os.environ.get("BRIEFING_CORPUS") or REPO.parent / "shared" / "corpus" / "bbc-2005")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
KB = 1024
STEPS = ("check", "generate", "mkdocs", "search", "pdf", "serve")


@dataclass
class Timed:
    wall: float
    cpu: float
    rss_mb: float
    stderr: str = ""


@dataclass
class Row:
    what: str
    budget: str
    measured: str
    ok: bool | None  # None: reported, no budget


@dataclass
class Bench:
    book: Path
    work: Path
    articles: int
    runs: int
    build_runs: int
    rows: list[Row] = field(default_factory=list)
    peak_mb: float = 0.0

    def add(self, what: str, budget: str, measured: str, ok: bool | None) -> None:
        self.rows.append(Row(what, budget, measured, ok))
        verdict = "" if ok is None else ("PASS" if ok else "FAIL")
        print(f"  {what}: {measured} {verdict}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------ processes


def measured(
    args: list[str], *, cwd: Path | None = None, ok_codes: tuple[int, ...] = (0,)
) -> Timed:
    """Run a command: its wall time, CPU time (children included) and peak memory."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    with proc.stderr:
        err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok_codes:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(args)}\n{err[-3000:]}")
    return Timed(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / KB, err)


def briefing(book: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "generator", "--root", str(book), *args]


def mkdocs(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]


def repeat(
    bench: Bench,
    step: Callable[[], Timed],
    before: Callable[[], None] | None = None,
    runs: int | None = None,
) -> list[Timed]:
    results = []
    for _ in range(runs or bench.runs):
        if before:
            before()
        results.append(step())
        bench.peak_mb = max(bench.peak_mb, results[-1].rss_mb)
    return results


def med(results: list[Timed]) -> tuple[float, float]:
    return (statistics.median(r.wall for r in results), statistics.median(r.cpu for r in results))


def secs(results: list[Timed]) -> str:
    wall, cpu = med(results)
    return f"{wall:.2f} s ({cpu:.1f} s CPU)"


# ------------------------------------------------------------------------ the book


def corpus_files(n: int, corpus: Path) -> list[Path]:
    """``n`` articles spread over the corpus (every category), in a stable order."""
    files = sorted(corpus.glob("*/*.txt"))
    if n >= len(files):
        return files
    step = len(files) / n
    return [files[int(i * step)] for i in range(n)]


WORDS = (
    "market",
    "government",
    "minister",
    "company",
    "profit",
    "growth",
    "election",
    "league",
    "season",
    "film",
    "music",
    "phone",
    "network",
    "report",
    "plan",
    "court",
    "rate",
    "bank",
    "oil",
    "price",
    "record",
    "deal",
)
NAMES = (
    "Gordon Brown",
    "Tony Blair",
    "Alan Greenspan",
    "Jose Mourinho",
    "Steve Jobs",
    "Bill Gates",
    "Kofi Annan",
    "Arsene Wenger",
    "Michael Howard",
    "Jack Straw",
)


def synthetic_article(rng: random.Random, i: int) -> str:
    """A news-like article: title, dated events, figures and quotes for the scaffolder."""

    def sentence() -> str:
        name = rng.choice(NAMES)
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16)))
        kind = rng.randrange(4)
        if kind == 0:
            return f'"The {words} will matter," said {name}.'
        if kind == 1:
            return f"On {rng.randint(1, 28)} March 2005 {name} said the {words}."
        if kind == 2:
            return f"Sales rose {rng.randint(2, 90)}% to ${rng.randint(1, 900)}m as the {words}."
        return f"{name} told the BBC the {words}."

    paragraphs = [" ".join(sentence() for _ in range(rng.randint(2, 4))) for _ in range(8)]
    title = f"{rng.choice(NAMES)} {rng.choice(WORDS)} {rng.choice(WORDS)} story {i}"
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def seed_book(book: Path, articles: list[Path] | int) -> None:
    """A fresh book: the repo's mkdocs.yml, seeds/<category>/NNN.txt, drafted briefs."""
    (book / "docs").mkdir(parents=True)
    write_settings(book)
    if isinstance(articles, int):
        rng = random.Random(2005)
        folder = book / "seeds" / "synthetic"
        folder.mkdir(parents=True)
        for i in range(articles):
            (folder / f"{i + 1:03d}.txt").write_text(synthetic_article(rng, i), encoding="utf-8")
    else:
        for path in articles:
            target = book / "seeds" / path.parent.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def write_settings(book: Path) -> None:
    """The repo's mkdocs.yml; the briefs are `briefing new` drafts (draft: true), so the
    benchmark publishes drafts: it builds them all."""
    settings = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "drafts: false" in settings, "mkdocs.yml: expected the plugin option drafts: false"
    (book / "mkdocs.yml").write_text(settings.replace("drafts: false", "drafts: true"), "utf-8")


def draft(book: Path) -> Timed:
    seeds = sorted(str(p.relative_to(book)) for p in (book / "seeds").glob("*/*.txt"))
    return measured(briefing(book, "new", *seeds), cwd=book)


def make_book(folder: Path, n: int) -> tuple[Path, Timed]:
    """A drafted book of ``n`` briefs in ``folder``; one drafted there before (``--keep``) is
    used again, with the drafting time it took then."""
    book = folder / f"book-{n}"
    record = folder / f"book-{n}.drafted.json"
    if record.is_file() and (book / "briefs").is_dir():
        return book, Timed(**json.loads(record.read_text(encoding="utf-8")))
    available = len(list(CORPUS.glob("*/*.txt"))) if CORPUS.is_dir() else 0
    if available and n > available:
        recombined_seeds(book, n, sorted(CORPUS.glob("*/*.txt")))
    else:
        seed_book(book, corpus_files(n, CORPUS) if available else n)
    drafted = draft(book)
    if available and n > available:
        spread_dates(book)
    add_sample(book)
    fields = {"wall": drafted.wall, "cpu": drafted.cpu, "rss_mb": drafted.rss_mb}
    record.write_text(json.dumps(fields), encoding="utf-8")
    return book, drafted


SAMPLE = "ishiba-trump-meeting"


def add_sample(book: Path) -> None:
    """The project's sample brief joins the book: its Japanese names are what the Japanese
    search query of :func:`bench_search` finds."""
    for folder, suffix in (("briefs", ".yml"), ("seeds", ".txt")):
        shutil.copyfile(REPO / folder / f"{SAMPLE}{suffix}", book / folder / f"{SAMPLE}{suffix}")


def recombined_seeds(book: Path, n: int, files: list[Path]) -> None:
    """A book bigger than the corpus: article i joins the title and first half of one corpus
    article to the second half of another of the same category (so other actors, figures and
    quotes meet), each pair used once."""
    (book / "docs").mkdir(parents=True)
    write_settings(book)
    by_category: dict[str, list[Path]] = {}
    for path in files:
        by_category.setdefault(path.parent.name, []).append(path)
    categories = sorted(by_category)
    for i in range(n):
        group = by_category[categories[i % len(categories)]]
        k = i // len(categories)
        first, second = group[k % len(group)], group[(k * 7 + 1 + k // len(group)) % len(group)]
        head, *body = first.read_text(encoding="utf-8", errors="replace").split("\n\n")
        _, *tail = second.read_text(encoding="utf-8", errors="replace").split("\n\n")
        title = f"{head.strip()}, {k // len(group) + 1}"
        text = "\n\n".join([title, *body[: len(body) // 2 + 1], *tail[len(tail) // 2 :]])
        target = book / "seeds" / first.parent.name / f"r{i:05d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.strip() + "\n", encoding="utf-8")


def spread_dates(book: Path) -> None:
    """Recombined briefs dated over the last twenty years (a brief a few hours apart), so the
    book has years and months as a desk's book has, not one month of thousands of briefs."""
    today = time.time()
    files = sorted((book / "briefs").glob("*.yml"))
    step = 20 * 365 * 86400 / max(1, len(files))
    for i, path in enumerate(files):
        day = time.strftime("%Y-%m-%d", time.gmtime(today - i * step))
        text = path.read_text(encoding="utf-8")
        dated = re.sub(r"(?m)^as_of: .*$", f"as_of: {day}", text, count=1)
        path.write_text(dated, encoding="utf-8")


def slugs(book: Path) -> list[str]:
    return sorted(p.stem for p in (book / "briefs").glob("*.yml"))


# ------------------------------------------------------------------------ the steps


def bench_check(bench: Bench) -> None:
    results = repeat(bench, lambda: measured(briefing(bench.book, "check"), ok_codes=(0,)))
    wall, _ = med(results)
    bench.add(f"`briefing check`, {bench.articles} briefs", "< 10 s", secs(results), wall < 10)


def bench_generate(bench: Bench) -> Path:
    out = bench.work / "generated"

    def clean() -> None:
        aside(bench, out, bench.book / ".cache")

    gen = briefing(bench.book, "generate", str(out))
    cold = repeat(bench, lambda: measured(gen), before=clean)
    warm = repeat(bench, lambda: measured(gen))
    rewrote = max(written(r.stderr) for r in warm)
    wall_cold, _ = med(cold)
    wall_warm, _ = med(warm)
    bench.add("generate pages (`briefing generate`), cold", "< 5 s", secs(cold), wall_cold < 5)
    bench.add(
        "generate pages, nothing changed",
        "< 2 s, rewrote 0",
        f"{secs(warm)}, rewrote {rewrote}",
        wall_warm < 2 and rewrote == 0,
    )
    return out


def aside(bench: Bench, *folders: Path) -> None:
    """Move output folders out of the way: deleting thousands of files (which MkDocs does to
    a site folder it builds into) is not part of what is timed."""
    for folder in folders:
        if folder.exists():
            folder.rename(bench.work / f"trash-{time.time_ns()}")


def written(stderr: str) -> int:
    found = re.search(r"(\d+) written", stderr)
    if not found:
        raise SystemExit(f"no 'N written' in: {stderr[-500:]}")
    return int(found.group(1))


def bench_mkdocs(bench: Bench, generated: Path) -> Path:
    site, plain_site = bench.work / "site", bench.work / "site-plain"
    cache = bench.book / ".cache"

    def cold() -> None:
        aside(bench, cache, site)

    runs = bench.build_runs
    plugin = repeat(
        bench, lambda: measured(mkdocs(bench.book / "mkdocs.yml", site)), before=cold, runs=runs
    )
    stored = cache_stamp(bench.book)
    warm = repeat(
        bench,
        lambda: measured(mkdocs(bench.book / "mkdocs.yml", site)),
        before=lambda: aside(bench, site),
        runs=runs,
    )
    hit = "cache hit" if stored and cache_stamp(bench.book) == stored else "cache MISSED"
    plain = repeat(
        bench,
        lambda: measured(mkdocs(generated / "mkdocs.yml", plain_site)),
        before=lambda: aside(bench, plain_site),
        runs=runs,
    )
    ratio = med(plugin)[0] / med(plain)[0]
    bench.add(
        "`mkdocs build` without the plugin (generated Markdown)", "(baseline)", secs(plain), None
    )
    bench.add(
        "`mkdocs build` with the plugin, cold cache",
        "≤ 1.1 x baseline",
        f"{secs(plugin)} = {ratio:.2f} x",
        ratio <= 1.1,
    )
    bench.add(
        "`mkdocs build` with the plugin, pages cached",
        "(reported)",
        f"{secs(warm)} = {med(warm)[0] / med(plain)[0]:.2f} x ({hit})",
        None,
    )
    return site


def cache_stamp(book: Path) -> int:
    """When the plugin last stored its pages (a run that used them stores nothing)."""
    path = book / ".cache" / "briefing" / "pages.pickle"
    return path.stat().st_mtime_ns if path.is_file() else 0


def page_sizes(site: Path, names: list[str]) -> list[int]:
    return [(site / "briefs" / slug / "index.html").stat().st_size for slug in names]


def bench_pages(bench: Bench, site: Path, small_site: Path, small: int) -> None:
    sizes = page_sizes(site, slugs(bench.book))
    big = max(sizes)
    bench.add(
        f"brief page, {bench.articles} briefs: median / max",
        "max < 100 KB",
        f"{statistics.median(sizes) / KB:.1f} KB / {big / KB:.1f} KB",
        big < 100 * KB,
    )
    # a recombined book (beyond the corpus) shares only the sample brief with the small book
    common = [
        slug
        for slug in slugs(bench.work / f"book-{small}")
        if (site / "briefs" / slug / "index.html").is_file()
    ]
    pairs = zip(page_sizes(small_site, common), page_sizes(site, common), strict=True)
    growth = statistics.median(large / little for little, large in pairs)
    bench.add(
        f"same brief page in {small} vs {bench.articles} briefs",
        "does not grow (< 1.1 x)",
        f"median {growth:.2f} x over {len(common)} brief(s)",
        growth < 1.1,
    )
    largest, name = max((p.stat().st_size, p) for p in site.rglob("*.html"))
    bench.add(
        f"largest page, {bench.articles} briefs",
        "< 100 KB",
        f"{largest / KB:.1f} KB ({name.relative_to(site).as_posix()})",
        largest < 100 * KB,
    )
    bench_search_size(bench, site, len(sizes))


def bench_search_size(bench: Bench, site: Path, briefs: int) -> None:
    """The chunked search index: in all per brief, what a page loads before any query, and
    its largest piece (what one query word can fetch at most)."""
    folder = site / "search"
    pieces = [p for p in folder.rglob("*.json") if p.name != "search_index.json"]
    total = sum(p.stat().st_size for p in folder.rglob("*.json"))
    per = total / briefs
    bench.add(
        "search index per brief (all pieces)",
        "< 4 KB",
        f"{per / KB:.2f} KB ({total / KB / KB:.1f} MB in {len(pieces)} pieces)",
        per < 4 * KB,
    )
    first = (folder / "search_index.json").stat().st_size
    largest = max((p.stat().st_size for p in pieces), default=0)
    bench.add(
        "search: loaded before a query / largest piece",
        "(reported)",
        f"{first / KB:.1f} KB / {largest / KB:.1f} KB",
        None,
    )


CHROMIUM = Path("/usr/bin/chromium")


def bench_search(bench: Bench, site: Path) -> None:
    """Typing to the first result on freshly opened pages (home, a brief, the timeline), in
    headless Chromium; queries: words of brief titles, and a Japanese name of the sample."""
    import functools
    import http.server
    import threading

    from browser_timing import search_seconds
    from playwright.sync_api import sync_playwright

    # as a static host serves: connections kept open, each response sent at once (Nagle's
    # algorithm with delayed ACKs would hold every response of a kept connection 40 ms)
    quiet = type(
        "Quiet",
        (http.server.SimpleHTTPRequestHandler,),
        {"log_message": _silent, "protocol_version": "HTTP/1.1", "disable_nagle_algorithm": True},
    )
    handler = functools.partial(quiet, directory=str(site))
    server = type("QuietServer", (http.server.ThreadingHTTPServer,), {"handle_error": _silent})(
        ("127.0.0.1", 0), handler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    names = slugs(bench.book)
    pages = ["", f"briefs/{names[len(names) // 2]}/", "timeline/"]
    queries = [title_word(bench.book, names[i]) for i in (0, len(names) // 3)] + ["石破"]
    times = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            for _ in range(bench.runs):
                for page in pages:
                    for query in queries:
                        times.append(search_seconds(browser, base + page, query))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    median, worst = statistics.median(times), max(times)
    bench.add(
        f"search: typing to first result, cold page, {bench.articles} briefs",
        "< 0.3 s",
        f"{median:.2f} s median, {worst:.2f} s worst of {len(times)}",
        median < 0.3,
    )


def _silent(*_: object) -> None:
    return None


def title_word(book: Path, slug: str) -> str:
    text = (book / "briefs" / f"{slug}.yml").read_text(encoding="utf-8")
    found = re.search(r"(?m)^title: *['\"]?(.*)$", text)
    words = [w for w in re.findall(r"[A-Za-z]{5,}", found.group(1) if found else "")]
    return max(words, key=len) if words else "market"


def build_small(bench: Bench, n: int) -> Path:
    book, _ = make_book(bench.work, n)
    site = bench.work / f"site-{n}"
    measured(mkdocs(book / "mkdocs.yml", site))
    return site


# ------------------------------------------------------------------------ PDF


PDF_PROBE = """
import json, os, resource, statistics, sys, time
from pathlib import Path
from generator.build import check_book
from generator.site.project import read_config
from generator.render.pdf_data import pdf_data
from generator.render.index import build_index
from generator.publish.pdf import render_pdf, render_pdfs
book, out, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
config = read_config(book).with_options(max_tlp="RED", drafts=True)
files = sorted((book / "briefs").glob("*.yml"))[: n]
index = build_index(check_book(config, files))
jobs = [(pdf_data(d, index, config.today), out / f"{d.slug}.pdf") for d in index.briefs]
render_pdf(*jobs[0])  # warm-up: fonts are scanned once per thread
times = []
for data, path in jobs:
    started = time.perf_counter()
    render_pdf(data, path)
    times.append(time.perf_counter() - started)
cpu0 = resource.getrusage(resource.RUSAGE_SELF); started = time.perf_counter()
batch = jobs * max(2, 160 // len(jobs))
render_pdfs(batch, progress=False)
wall = time.perf_counter() - started; cpu1 = resource.getrusage(resource.RUSAGE_SELF)
cpu = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
print(json.dumps({"median": statistics.median(times), "batch": len(batch), "wall": wall,
                  "cpu": cpu, "cores": len(os.sched_getaffinity(0))}))
"""


def bench_pdf(bench: Bench, n: int) -> None:
    out = bench.work / "pdf"
    out.mkdir(exist_ok=True)
    proc = subprocess.run(
        [sys.executable, "-c", PDF_PROBE, str(bench.book), str(out), str(n)],
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        raise SystemExit(f"PDF probe failed:\n{proc.stderr[-3000:]}")
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    bench.add(
        f"PDF of one brief (median of {n})",
        "< 1.5 s",
        f"{got['median']:.2f} s",
        got["median"] < 1.5,
    )
    busy = got["cpu"] / got["wall"]
    bench.add(
        f"PDF batch of {got['batch']}: cores busy",
        f"every core ({got['cores']})",
        f"{busy:.2f} of {got['cores']} ({got['wall']:.1f} s)",
        busy > got["cores"] * 0.75,
    )


# ------------------------------------------------------------------------ serve


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (OSError, ValueError):
        return None


def wait_for(url: str, text: str, timeout: float) -> float | None:
    """Seconds until the page at ``url`` holds ``text`` (None on timeout)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


@contextmanager
def serving(book: Path, *extra: str) -> Iterator[str]:
    port = free_port()
    log = (book.parent / f"serve-{port}.log").open("w")
    proc = subprocess.Popen(
        briefing(book, "serve", "-a", f"127.0.0.1:{port}", *extra),
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def edit_reload(book: Path, runs: int, timeout: float, *extra: str) -> list[float] | None:
    """Serve, then edit one brief's summary ``runs`` times; seconds until each edit shows."""
    slug = slugs(book)[len(slugs(book)) // 2]
    brief = book / "briefs" / f"{slug}.yml"
    original = brief.read_text(encoding="utf-8")
    times: list[float] = []
    try:
        with serving(book, *(a.replace("SLUG", slug) for a in extra)) as base:
            url = f"{base}briefs/{slug}/"
            if wait_for(url, "<html", timeout) is None:
                return None
            for i in range(runs):
                token = f"Benchmark edit {i} {time.time_ns()}"
                brief.write_text(
                    re.sub(r"(?m)^summary:.*$", f'summary: "{token}."', original), encoding="utf-8"
                )
                took = wait_for(url, token, timeout)
                if took is None:
                    return None
                times.append(took)
    finally:
        brief.write_text(original, encoding="utf-8")
    return times


def bench_serve(bench: Bench, small_book: Path, small: int, full: bool) -> None:
    runs = bench.runs
    small_times = edit_reload(small_book, runs, 120)
    report_serve(bench, f"edit a brief while serving, {small} briefs", "< 3 s", small_times, 3.0)
    if full:
        times = edit_reload(bench.book, runs, 1800)
        report_serve(
            bench, f"edit a brief while serving, {bench.articles} briefs", "< 2 s", times, 2.0
        )
    focused = edit_reload(bench.book, runs, 300, "--only", "SLUG")
    report_serve(
        bench,
        f"… with `briefing serve --only SLUG`, {bench.articles} briefs",
        "< 3 s",
        focused,
        3.0,
    )


def report_serve(
    bench: Bench, what: str, budget: str, times: list[float] | None, limit: float | None
) -> None:
    if times is None:
        bench.add(what, budget, "timed out", False if limit else None)
        return
    median = statistics.median(times)
    bench.add(
        what,
        budget,
        f"{median:.2f} s (median of {len(times)})",
        None if limit is None else median < limit,
    )


# ------------------------------------------------------------------------ main


def table(bench: Bench, header: str) -> str:
    lines = [header, "", "| what | budget | measured | result |", "|---|---|---|---|"]
    for row in bench.rows:
        verdict = "—" if row.ok is None else ("PASS" if row.ok else "**FAIL**")
        lines.append(f"| {row.what} | {row.budget} | {row.measured} | {verdict} |")
    return "\n".join(lines) + "\n"


def header(bench: Bench, drafted: Timed) -> str:
    source = "bbc-2005" if CORPUS.is_dir() else "synthetic"
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"Book of {bench.articles} {source} articles, median of {bench.runs} run(s) "
        f"({bench.build_runs} of each `mkdocs build`); "
        f"{len(os.sched_getaffinity(0))} cores, load average {load} at the end; "
        f"Python {sys.version.split()[0]}. Drafting the briefs (`briefing new`): "
        f"{drafted.wall:.1f} s. Peak memory of any step: {bench.peak_mb:.0f} MB."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2225)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="also write the table here")
    parser.add_argument(
        "--build-runs",
        type=int,
        default=None,
        help="runs of each `mkdocs build` (default: --runs; minutes each at 2,225)",
    )
    parser.add_argument("--pdf-briefs", type=int, default=10)
    parser.add_argument("--small", type=int, default=100, help="the small book (serve budget)")
    parser.add_argument(
        "--no-full-serve",
        action="store_true",
        help="skip the full preview of the big book (minutes at 2,225)",
    )
    parser.add_argument("--keep", type=Path, default=None, help="work here and keep it")
    parser.add_argument(
        "--steps", default=",".join(STEPS), help=f"some of {','.join(STEPS)} (default: all)"
    )
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        text = run_all(work, args)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


def run_all(work: Path, args: argparse.Namespace) -> str:
    small = min(args.small, args.articles)
    print(f"drafting {args.articles} briefs in {work}", file=sys.stderr, flush=True)
    book, drafted = make_book(work, args.articles)
    bench = Bench(book, work, len(slugs(book)), args.runs, args.build_runs or args.runs)
    steps = set(args.steps.split(","))
    if "check" in steps:
        bench_check(bench)
    generated = bench_generate(bench) if steps & {"generate", "mkdocs"} else None
    if "mkdocs" in steps and generated is not None:
        site = bench_mkdocs(bench, generated)
        small_site = build_small(bench, small) if small != args.articles else site
        bench_pages(bench, site, small_site, small)
        if "search" in steps:
            bench_search(bench, site)
    bench.add("peak memory of any step", "(reported)", f"{bench.peak_mb:.0f} MB", None)
    if "pdf" in steps:
        bench_pdf(bench, min(args.pdf_briefs, bench.articles))
    if "serve" in steps:
        small_book = work / f"book-{small}" if small != args.articles else book
        if not small_book.is_dir():
            small_book, _ = make_book(work, small)
        bench_serve(bench, small_book, small, full=not args.no_full_serve)
    return table(bench, header(bench, drafted))


if __name__ == "__main__":
    sys.exit(main())
