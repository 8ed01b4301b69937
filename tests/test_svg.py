"""The risk heat map SVG (generator.svg)."""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.build import check_book
from generator.core.config import make_config
from generator.core.model import likelihood_rank
from generator.render.index import build_index
from generator.render.svg import (
    MAX_PER_CELL,
    RADIUS,
    TARGET,
    WIDTH,
    HeatPoint,
    cell_colour,
    heat_map_svg,
)

ROOT = Path(__file__).resolve().parents[1]
NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def markers(root: ET.Element) -> list[ET.Element]:
    return [a for a in root.iter(f"{NS}a") if a.get("class") == "heatmap-risk"]


def more_markers(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{NS}g") if g.get("class") == "heatmap-more"]


@pytest.fixture(scope="module")
def sample_points() -> list[HeatPoint]:
    index = build_index(check_book(make_config(ROOT, {})))
    return [
        HeatPoint(
            row.number,
            row.risk.title,
            likelihood_rank(row.risk.likelihood) or 1,
            row.risk.impact or 1,
            f"#risk-{row.risk.id}",
        )
        for row in index.risks
    ]


def test_sample_heat_map(sample_points: list[HeatPoint]) -> None:
    assert len(sample_points) == 5
    svg = heat_map_svg(sample_points, title="Risks of the sample brief")
    root = parse(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "group"  # it holds links: not an image
    assert root.get("viewBox", "").startswith(f"0 0 {WIDTH} ")
    assert root.find(f"{NS}title") is not None and root.find(f"{NS}desc") is not None
    assert root.findtext(f"{NS}title") == "Risks of the sample brief"
    assert "5 risk(s)" in (root.findtext(f"{NS}desc") or "")
    found = markers(root)
    assert len(found) == len(sample_points)  # one marker per risk
    titles = {a.findtext(f"{NS}title") for a in found}
    assert titles == {f"{p.number}. {p.label}" for p in sample_points}
    assert "Renewed U.S. tariffs on Japanese exports" in " ".join(t or "" for t in titles)
    assert {a.get("href") for a in found} == {p.href for p in sample_points}
    assert not more_markers(root)


def test_href_prefix_and_labels(sample_points: list[HeatPoint]) -> None:
    root = parse(heat_map_svg(sample_points, title="t", href_prefix="../briefs/x/"))
    assert all(a.get("href", "").startswith("../briefs/x/#risk-") for a in markers(root))
    labels = " ".join(t.text or "" for t in root.iter(f"{NS}tspan"))
    for word in ("almost", "chance", "unlikely", "roughly", "even chance", "likely", "certain"):
        assert word in labels


HOSTILE = [
    "</title><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "<![CDATA[x]]> & ' \" <a href='javascript:alert(1)'>",
]


def test_hostile_text_is_inert() -> None:
    points = [
        HeatPoint(i + 1, label, 4, 3, href)
        for i, (label, href) in enumerate(
            [
                (HOSTILE[0], '" onmouseover="alert(1)'),
                (HOSTILE[1], "javascript:alert(1)"),
                (HOSTILE[2], " JaVaScRiPt:alert(1)"),
            ]
        )
    ]
    svg = heat_map_svg(points, title=HOSTILE[0] + HOSTILE[1], href_prefix="")
    root = parse(svg)  # well-formed XML
    for element in root.iter():
        assert not element.tag.lower().endswith("script")
        assert not [name for name in element.attrib if name.lower().startswith("on")]
    found = markers(root)
    assert [a.findtext(f"{NS}title") for a in found] == [
        f"{i + 1}. {label}" for i, label in enumerate(HOSTILE)
    ]
    assert found[0].get("href") == '" onmouseover="alert(1)'  # text, not an attribute
    assert found[1].get("href") == "#" and found[2].get("href") == "#"
    assert root.findtext(f"{NS}title") == HOSTILE[0] + HOSTILE[1]


def test_markers_in_a_cell_do_not_overlap() -> None:
    points = [HeatPoint(n, f"risk {n}", 7, 5, f"#r{n}") for n in range(1, MAX_PER_CELL + 1)]
    root = parse(heat_map_svg(points, title="full cell"))
    circles = [a.find(f"{NS}circle") for a in markers(root)]
    assert len(circles) == MAX_PER_CELL
    centres = [(float(c.get("cx", 0)), float(c.get("cy", 0))) for c in circles if c is not None]
    for (x1, y1), (x2, y2) in itertools.combinations(centres, 2):
        assert math.hypot(x1 - x2, y1 - y2) >= 2 * RADIUS
        assert max(abs(x1 - x2), abs(y1 - y2)) >= TARGET  # tap targets do not overlap
    targets = [a.find(f"{NS}rect") for a in markers(root)]
    assert all(r is not None and float(r.get("width", 0)) == TARGET for r in targets)
    cell = next(
        r for r in root.iter(f"{NS}rect") if r.findtext(f"{NS}title") == "almost certain, impact 5"
    )
    x, y = float(cell.get("x", 0)), float(cell.get("y", 0))
    w, h = float(cell.get("width", 0)), float(cell.get("height", 0))
    for cx, cy in centres:
        assert x + RADIUS <= cx <= x + w - RADIUS and y + RADIUS <= cy <= y + h - RADIUS


def test_register_heat_map_stays_small() -> None:
    cells = [(r, i) for r in range(1, 8) for i in range(1, 6)]
    points = [
        HeatPoint(
            n,
            f"Risk number {n} of the register",
            *cells[n % len(cells)],
            f"../briefs/brief-{n}/#risk-r{n}",
        )
        for n in range(1, 2226)
    ]
    svg = heat_map_svg(points, title="Risk register")
    assert len(svg.encode("utf-8")) < 150_000
    root = parse(svg)
    shown = markers(root)
    more = more_markers(root)
    assert len(more) == len(cells)
    hidden = sum(int((g.findtext(f".//{NS}text") or "+0").lstrip("+")) for g in more)
    assert len(shown) + hidden == 2225
    assert len(shown) == len(cells) * (MAX_PER_CELL - 1)


def test_colours_and_range() -> None:
    assert cell_colour(1, 1) == "#9bd7a4"  # green
    assert cell_colour(7, 5) == "#f28b82"  # red
    middle = cell_colour(4, 3)
    assert middle != cell_colour(1, 1) and middle != cell_colour(7, 5)
    outside = [
        HeatPoint(1, "no", 0, 3, "#a"),
        HeatPoint(2, "no", 8, 3, "#b"),
        HeatPoint(3, "no", 3, 6, "#c"),
        HeatPoint(4, "yes", 3, 3, "#d"),
    ]
    root = parse(heat_map_svg(outside, title="t"))
    assert [a.get("href") for a in markers(root)] == ["#d"]


def test_deterministic(sample_points: list[HeatPoint]) -> None:
    assert heat_map_svg(sample_points, title="x") == heat_map_svg(sample_points, title="x")


def test_orientation_likelihood_rows_impact_columns() -> None:
    """Almost certain is the top row, impact 5 the right-hand column."""
    points = [HeatPoint(1, "top right", 7, 5, "#a"), HeatPoint(2, "bottom left", 1, 1, "#b")]
    root = parse(heat_map_svg(points, title="t"))
    by_title = {m.findtext(f"{NS}title"): m.find(f"{NS}circle") for m in markers(root)}
    a, b = by_title["1. top right"], by_title["2. bottom left"]
    assert a is not None and b is not None
    assert float(a.get("cx", 0)) > float(b.get("cx", 0))
    assert float(a.get("cy", 0)) < float(b.get("cy", 0))
    width = float(root.get("viewBox", "0 0 0 0").split()[2])
    assert float(a.get("cx", 0)) + TARGET / 2 <= width
