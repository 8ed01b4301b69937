"""The preview's watcher: a save, a new file or a deletion in a watched folder (or below it)
rewrites the relay's mark, which MkDocs' server polls; reading a file does not."""

from __future__ import annotations

import time
from pathlib import Path

from generator.site.watch import ChangeRelay


def changed_from(relay: ChangeRelay, before: str, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if relay.mark.read_text(encoding="utf-8") != before:
            return True
        time.sleep(0.05)
    return False


def test_changes_are_relayed_and_reads_are_not(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    (briefs / "nested").mkdir(parents=True)
    brief = briefs / "a.yml"
    brief.write_text("title: A\n", encoding="utf-8")
    relay = ChangeRelay([briefs])
    try:
        before = relay.mark.read_text(encoding="utf-8")
        assert brief.read_text(encoding="utf-8") == "title: A\n"
        assert not changed_from(relay, before, timeout=1.0)  # a rebuild reads every brief
        brief.write_text("title: B\n", encoding="utf-8")
        assert changed_from(relay, before)
        outside = tmp_path / "archive"
        for change in (
            lambda: (briefs / "nested" / "b.txt").write_text("new", encoding="utf-8"),
            brief.unlink,
            lambda: (briefs / "nested").rename(outside),  # a folder of articles moved away
        ):
            before = relay.mark.read_text(encoding="utf-8")
            change()
            assert changed_from(relay, before)
        assert not relay.mark.is_relative_to(briefs)  # or each mark written would be a change
    finally:
        relay.observer.stop()
