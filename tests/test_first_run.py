"""The command line as a new user meets it: no project, a busy port, briefs named by slug,
and mistakes in mkdocs.yml located like a brief's (one reader, MkDocs' own, for every path)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import GOLDEN, REPO, SAMPLE_BRIEF, Project, assert_golden, run_cli
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator.errors import ConfigError
from generator.site.project import read_config

CONFIG_GOLDEN = GOLDEN / "config"
SLUG = SAMPLE_BRIEF.stem
PROJECT_COMMANDS = ["check", "fix", "serve", "deploy", "build", "pdf", "generate OUT"]


def briefing(cwd: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m generator ARGS`` run in ``cwd`` (no ``--root``)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A copy of the repository's own project (mkdocs.yml, docs/, the sample brief)."""
    root = tmp_path / "book"
    for name in ("docs", "briefs", "seeds"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


# ----------------------------------------------------------------- outside a project


@pytest.mark.parametrize("command", PROJECT_COMMANDS)
def test_outside_a_project_says_where_it_looked(tmp_path: Path, command: str) -> None:
    empty = tmp_path / "empty" / "folder"
    empty.mkdir(parents=True)
    run = briefing(empty, *command.split())
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stdout == ""
    assert run.stderr == (
        f"error: no mkdocs.yml in {empty} or any folder above it; hint: run briefing inside "
        "a project (cd into the folder that holds mkdocs.yml) or point at one with "
        "'briefing --root DIR ...'\n"
    )


def test_a_root_without_mkdocs_yml_is_not_searched_upward(book: Path, tmp_path: Path) -> None:
    inner = book / "briefs"
    run = briefing(tmp_path, "--root", str(inner), "check")
    assert run.returncode == 2
    assert run.stderr.startswith(f"error: no mkdocs.yml in {inner}; hint: ")


def test_the_project_is_found_from_a_subfolder(book: Path) -> None:
    run = briefing(book / "briefs", "check")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stderr.strip().endswith("1 brief(s): 0 error(s), 0 warning(s)")


def test_help_and_schema_need_no_project(tmp_path: Path) -> None:
    assert briefing(tmp_path, "check", "--help").returncode == 0
    assert briefing(tmp_path, "schema").stdout.startswith("{")


# ------------------------------------------------------------------------ busy port


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        yield holder.getsockname()[1]


def test_serve_checks_the_port_before_building(book: Path, busy_port: int) -> None:
    started = time.monotonic()
    run = briefing(book, "serve", "-a", f"127.0.0.1:{busy_port}")
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stderr == (
        f"error: port {busy_port} on 127.0.0.1 is in use (another preview?); "
        f"hint: choose another port with -a 127.0.0.1:{busy_port + 1}\n"
    )
    assert not (book / "site").exists()
    assert time.monotonic() - started < 20


def test_serve_refuses_a_malformed_address(book: Path) -> None:
    run = briefing(book, "serve", "-a", "localhost")
    assert run.returncode == 2
    assert "-a localhost: expected HOST:PORT, such as 127.0.0.1:8000" in run.stderr


# ------------------------------------------------------------------ slugs and paths


@pytest.mark.parametrize("name", [SLUG, f"briefs/{SLUG}.yml"])
def test_check_and_fix_take_a_slug_or_a_path(book: Path, name: str) -> None:
    (book / "briefs" / "broken.yml").write_text("title: [\n", encoding="utf-8")
    checked = briefing(book, "check", name)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "1 brief(s): 0 error(s)" in checked.stderr
    fixed = briefing(book, "fix", "--dry-run", name)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "of 1 brief(s)" in fixed.stderr


def test_pdf_takes_a_slug(book: Path, tmp_path: Path) -> None:
    run = briefing(book, "pdf", SLUG, "--out", str(tmp_path / "pdf"), timeout=180)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (tmp_path / "pdf" / f"{SLUG}.pdf").is_file()


@pytest.mark.parametrize("name", [SLUG, f"briefs/{SLUG}.yml"])
def test_serve_only_takes_a_slug_or_a_path(book: Path, busy_port: int, name: str) -> None:
    """Accepted, so the command goes on to the port (held here, so nothing is served)."""
    run = briefing(book, "serve", "--only", name, "-a", f"127.0.0.1:{busy_port}")
    assert f"port {busy_port} on 127.0.0.1 is in use" in run.stderr, run.stderr


@pytest.mark.parametrize("command", ["check", "fix", "pdf", "serve --only"])
def test_an_unknown_brief_name_is_a_usage_error(book: Path, command: str) -> None:
    run = briefing(book, *command.split(), "ishiba-trump-meting")
    assert run.returncode == 2, run.stdout + run.stderr
    assert (
        "ishiba-trump-meting': expected a brief's slug or path, of a brief in briefs/ "
        f"(briefs/ishiba-trump-meting.yml does not exist); did you mean {SLUG}?"
    ) in run.stderr


# ------------------------------------------------------------ mistakes in mkdocs.yml

#: case -> (text of the repository's mkdocs.yml, replacement)
CONFIG_CASES = {
    "max-tlp-purple": ("max_tlp: CLEAR", "max_tlp: PURPLE"),
    "unknown-option": ("      pdf: false", "      pdf: false\n      max_tpl: AMBER"),
    "option-type": ("      pdf: false ", "      pdf: maybe "),
    "yaml-syntax": ("  language: en", "  language: [en"),
    "yaml-tab": ("  language: en", "\tlanguage: en"),
    "duplicate-key": ("site_dir: site", "site_dir: site\nsite_name: Another name"),
    "second-briefing": ("  - tags\n", "  - tags\n  - briefing:\n      max_tlp: RED\n"),
    "unknown-plugin": ("  - tags\n", "  - tags\n  - no-such-plugin\n"),
    "mkdocs-type": ("strict: false", "strict: false\nuse_directory_urls: sometimes"),
    "folder-outside": ("      seeds_dir: seeds", "      seeds_dir: ../seeds"),
}


@pytest.fixture(scope="module")
def config_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, int]]:
    """``briefing check`` on each broken mkdocs.yml: (stdout + stderr, exit status)."""
    results = {}
    for case, (old, new) in CONFIG_CASES.items():
        root = tmp_path_factory.mktemp(case)
        for name in ("docs", "briefs", "seeds"):
            shutil.copytree(REPO / name, root / name)
        text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        assert old in text, case
        (root / "mkdocs.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
        run = run_cli(root, "check", workdir=root)
        results[case] = (run.stdout + run.stderr, run.code)
    return results


@pytest.mark.parametrize("case", sorted(CONFIG_CASES))
def test_golden_config_error(config_runs: dict[str, tuple[str, int]], case: str) -> None:
    output, code = config_runs[case]
    assert code == 1, output
    assert "Traceback" not in output
    lines = output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mkdocs.yml:"), output
    assert ": error: " in lines[0]
    assert_golden(CONFIG_GOLDEN / f"{case}.txt", output)


def _write(root: Path, old: str, new: str) -> Path:
    path = root / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return path


def test_env_tags_are_read_as_mkdocs_reads_them(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``!ENV`` in mkdocs.yml: the CLI's settings and the plugin's are MkDocs' values."""
    path = _write(book, "max_tlp: CLEAR", "max_tlp: !ENV [BRIEFING_TEST_TLP, CLEAR]")
    _write(book, 'site_url: !ENV [BRIEFING_SITE_URL, ""]', 'site_url: !ENV [BRIEFING_TEST_URL, ""]')
    assert (read_config(book).max_tlp, read_config(book).site_url) == ("CLEAR", "")
    monkeypatch.setenv("BRIEFING_TEST_TLP", "tlp:amber")
    monkeypatch.setenv("BRIEFING_TEST_URL", "https://example.org/book/")
    config = read_config(book)
    assert (config.max_tlp, config.site_url) == ("AMBER", "https://example.org/book/")
    mkdocs_cfg = load_config(config_file=str(path))
    plugin = mkdocs_cfg.plugins["briefing"]
    plugin.on_config(mkdocs_cfg)
    assert plugin.result.book.config.max_tlp == "AMBER"
    assert plugin.result.book.config.site_url == "https://example.org/book/"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("site_dir: site", "site_dir: site\nsite_name: Again"),
        ("  - tags\n", "  - tags\n  - briefing\n"),
        ("max_tlp: CLEAR", "max_tlp: PURPLE"),
    ],
)
def test_plain_mkdocs_refuses_what_the_cli_refuses(book: Path, old: str, new: str) -> None:
    """What MkDocs alone would take silently fails in the plugin with the CLI's own line."""
    path = _write(book, old, new)
    with pytest.raises(ConfigError) as cli_side:
        read_config(book)
    mkdocs_cfg = load_config(config_file=str(path))
    with pytest.raises(PluginError) as plugin_side:
        mkdocs_cfg.plugins["briefing"].on_config(mkdocs_cfg)
    assert str(plugin_side.value) == str(cli_side.value)
    assert str(cli_side.value).startswith("mkdocs.yml:")


def test_minimal_project_runs(project: Project) -> None:
    """The least a project needs (the fixtures' mkdocs.yml): checks with no problem."""
    shutil.copyfile(SAMPLE_BRIEF, project.briefs / SAMPLE_BRIEF.name)
    result = project.cli("check")
    assert (result.code, result.stdout) == (0, ""), result.stderr
