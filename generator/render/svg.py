"""The risk heat map: an inline SVG likelihood (ICD 203) x impact (1-5) matrix.

Likelihood runs down the rows (almost certain at the top), impact across the columns: a
portrait matrix that fills a phone's width at about one viewBox unit per CSS pixel, so axis
labels stay legible (12 units) and every marker is a tap target of :data:`TARGET` units.
Every text and attribute is escaped; the SVG has a ``viewBox`` so it scales, inline fills so
it renders without CSS (the stylesheet adapts them to the dark scheme), and ``role="group"``
with ``<title>``/``<desc>``: it holds links, so it cannot be an image. A cell shows at most
:data:`MAX_PER_CELL` markers: beyond that, the last slot is a ``+N`` marker, so a register
of thousands of risks stays small.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html import escape

from generator.core.model import LIKELIHOOD_TERMS

WIDTH = 360
LEFT = 88  # room for the likelihood labels
TOP = 36  # room for the impact axis
CELL_W = 54
CELL_H = 54
BOTTOM = 4
COLS = 5  # impact 1 .. 5
ROWS = 7  # likelihood ranks, 7 (almost certain) at the top
LABEL_SIZE = 12
MAX_PER_CELL = 4
PER_ROW = 2
PITCH = 26
TARGET = 26  # side of a marker's tap target (24 CSS px or more on a 390 px phone)
RADIUS = 11
MARKER_FILL = "#263238"
LOW, MID, HIGH = (0x9B, 0xD7, 0xA4), (0xFF, 0xD9, 0x66), (0xF2, 0x8B, 0x82)
UNSAFE_SCHEME = re.compile(r"^\s*(?!https?:)[a-z][a-z0-9+.-]*:", re.I)

#: Two-line row labels, right-aligned beside their row.
SHORT_LABELS: tuple[tuple[str, str], ...] = (
    ("almost no", "chance"),
    ("very", "unlikely"),
    ("unlikely", ""),
    ("roughly", "even chance"),
    ("likely", ""),
    ("very", "likely"),
    ("almost", "certain"),
)


@dataclass(frozen=True)
class HeatPoint:
    number: int
    label: str
    likelihood_rank: int  # 1 (almost no chance) .. 7 (almost certain)
    impact: int  # 1 .. 5
    href: str


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def cell_colour(likelihood_rank: int, impact: int) -> str:
    """Green (1) through amber to red (35), by likelihood rank x impact."""
    t = (likelihood_rank * impact - 1) / (COLS * ROWS - 1)
    a, b, u = (LOW, MID, t * 2) if t <= 0.5 else (MID, HIGH, t * 2 - 1)
    return "#" + "".join(f"{round(x + (y - x) * u):02x}" for x, y in zip(a, b, strict=True))


def _cell_xy(rank: int, impact: int) -> tuple[int, int]:
    return LEFT + (impact - 1) * CELL_W, TOP + (ROWS - rank) * CELL_H


def _grid() -> list[str]:
    out = ['<g class="heatmap-cells" stroke="#ffffff" stroke-width="2">']
    for rank in range(ROWS, 0, -1):
        for impact in range(1, COLS + 1):
            x, y = _cell_xy(rank, impact)
            term = list(LIKELIHOOD_TERMS)[rank - 1]
            out.append(
                f'<rect class="heatmap-cell" x="{x}" y="{y}" width="{CELL_W}" '
                f'height="{CELL_H}" fill="{cell_colour(rank, impact)}">'
                f"<title>{_attr(term)}, impact {impact}</title></rect>"
            )
    out.append("</g>")
    return out


def _axes() -> list[str]:
    out = [
        f'<g class="heatmap-axes" fill="#1b1f24" font-size="{LABEL_SIZE}" text-anchor="end">',
        f'<text class="heatmap-axis-title" x="{LEFT + COLS * CELL_W // 2}" y="13" '
        'font-weight="bold" text-anchor="middle">Impact</text>',
        f'<text class="heatmap-axis-title" x="{LEFT - 6}" y="{TOP - 8}" '
        'font-weight="bold">Likelihood</text>',
    ]
    for impact in range(1, COLS + 1):
        x = LEFT + (impact - 1) * CELL_W + CELL_W // 2
        out.append(
            f'<text class="heatmap-impact" x="{x}" y="{TOP - 8}" font-size="13" '
            f'text-anchor="middle">{impact}</text>'
        )
    for rank, (first, second) in enumerate(SHORT_LABELS, start=1):
        y = TOP + (ROWS - rank) * CELL_H + CELL_H // 2
        x = LEFT - 6
        if second:
            lines = (
                f'<tspan x="{x}" dy="-0.25em">{_attr(first)}</tspan>'
                f'<tspan x="{x}" dy="1.2em">{_attr(second)}</tspan>'
            )
        else:
            lines = f'<tspan x="{x}" dy="0.35em">{_attr(first)}</tspan>'
        out.append(f'<text class="heatmap-likelihood" x="{x}" y="{y}">{lines}</text>')
    out.append("</g>")
    return out


def _slot(rank: int, impact: int, k: int) -> tuple[float, float]:
    x, y = _cell_xy(rank, impact)
    x0 = x + (CELL_W - PER_ROW * PITCH) / 2 + PITCH / 2
    y0 = y + (CELL_H - 2 * PITCH) / 2 + PITCH / 2
    return x0 + (k % PER_ROW) * PITCH, y0 + (k // PER_ROW) * PITCH


def _font_size(text: str) -> float:
    return {1: 12.0, 2: 12.0, 3: 10.0}.get(len(text), 8.0)


def _safe_href(href_prefix: str, href: str) -> str:
    full = href_prefix + href
    return "#" if UNSAFE_SCHEME.match(full) else full


def _marker(cx: float, cy: float, text: str, title: str) -> str:
    """A numbered disc on a transparent square of :data:`TARGET` units (the tap target)."""
    return (
        f"<title>{_attr(title)}</title>"
        f'<rect class="heatmap-target" x="{cx - TARGET / 2:g}" y="{cy - TARGET / 2:g}" '
        f'width="{TARGET}" height="{TARGET}" fill="transparent"/>'
        f'<circle cx="{cx:g}" cy="{cy:g}" r="{RADIUS}"/>'
        f'<text x="{cx:g}" y="{cy:g}" dy="0.35em" fill="#ffffff" '
        f'font-size="{_font_size(text)}">{_attr(text)}</text>'
    )


def _cell_markers(rank: int, impact: int, points: list[HeatPoint], href_prefix: str) -> list[str]:
    shown = points if len(points) <= MAX_PER_CELL else points[: MAX_PER_CELL - 1]
    out = []
    for k, point in enumerate(shown):
        cx, cy = _slot(rank, impact, k)
        body = _marker(cx, cy, str(point.number), f"{point.number}. {point.label}")
        href = _attr(_safe_href(href_prefix, point.href))
        out.append(f'<a class="heatmap-risk" href="{href}">{body}</a>')
    if len(points) > len(shown):
        more = len(points) - len(shown)
        cx, cy = _slot(rank, impact, len(shown))
        out.append(
            f'<g class="heatmap-more">{_marker(cx, cy, f"+{more}", f"{more} more risks")}</g>'
        )
    return out


def _by_cell(points: list[HeatPoint]) -> dict[tuple[int, int], list[HeatPoint]]:
    cells: dict[tuple[int, int], list[HeatPoint]] = {}
    for point in points:
        if 1 <= point.likelihood_rank <= ROWS and 1 <= point.impact <= COLS:
            cells.setdefault((point.likelihood_rank, point.impact), []).append(point)
    return dict(sorted(cells.items()))


def _description(cells: dict[tuple[int, int], list[HeatPoint]]) -> str:
    terms = list(LIKELIHOOD_TERMS)
    total = sum(len(p) for p in cells.values())
    parts = [
        f"{terms[rank - 1]}, impact {impact}: "
        + (
            ", ".join(f"{p.number}. {p.label}" for p in pts)
            if len(pts) <= 3
            else f"{len(pts)} risks"
        )
        for (rank, impact), pts in sorted(cells.items(), key=lambda kv: (-kv[0][1], -kv[0][0]))
    ]
    return (
        f"{total} risk(s) by likelihood (ICD 203, rows) and impact (1 to 5, columns). "
        + "; ".join(parts)
    )


def heat_map_svg(points: list[HeatPoint], *, title: str, href_prefix: str = "") -> str:
    """The heat map of ``points``; points outside the matrix are left out."""
    cells = _by_cell(points)
    key = hashlib.sha1((title + repr(points)).encode("utf-8")).hexdigest()[:10]
    height = TOP + ROWS * CELL_H + BOTTOM
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" viewBox="0 0 {WIDTH} '
        f'{height}" width="{WIDTH}" role="group" aria-labelledby="heatmap-{key}-t" '
        f'aria-describedby="heatmap-{key}-d" font-family="sans-serif">',
        f'<title id="heatmap-{key}-t">{_attr(title)}</title>',
        f'<desc id="heatmap-{key}-d">{_attr(_description(cells))}</desc>',
        *_grid(),
        *_axes(),
        f'<g class="heatmap-markers" fill="{MARKER_FILL}" text-anchor="middle">',
    ]
    for (rank, impact), pts in cells.items():
        out.extend(_cell_markers(rank, impact, pts, href_prefix))
    out.append("</g></svg>")
    return "\n".join(out)
