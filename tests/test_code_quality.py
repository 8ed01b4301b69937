"""The checks of ``.pre-commit-config.yaml``, run by the test command so CI runs them too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]


def hook_commands() -> dict[str, list[str]]:
    """Each local hook's command line, as pre-commit would run it."""
    config = YAML(typ="safe").load((REPO / ".pre-commit-config.yaml").read_text())
    return {hook["id"]: hook["entry"].split() for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_runs_every_ci_check() -> None:
    assert set(hook_commands()) == {"ruff", "ruff-format", "mypy", "lint-imports"}


@pytest.mark.slow
@pytest.mark.parametrize("hook", sorted(hook_commands()))
def test_hook_passes(hook: str) -> None:
    command = hook_commands()[hook]
    tool = shutil.which(command[0], path=str(Path(sys.executable).parent)) or shutil.which(
        command[0]
    )
    assert tool, f"{command[0]} is not installed (pip install -e '.[test]')"
    proc = subprocess.run(
        [tool, *command[1:]], cwd=REPO, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, f"{' '.join(command)} failed:\n{proc.stdout}\n{proc.stderr}"


def test_no_import_circle_anywhere() -> None:
    """Beyond the layers contract: no two modules of ``generator`` import each other, even
    through others or only for type checking (a circle inside one layer counts too)."""
    import grimp  # import-linter's graph library

    graph = grimp.build_graph("generator", include_external_packages=False)
    circles = sorted(
        f"{module} -> {imported}"
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=imported, imported=module)
    )
    assert circles == []
