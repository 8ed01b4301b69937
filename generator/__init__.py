"""Briefing generator: news articles plus YAML annotations into a briefing book."""

from __future__ import annotations

__version__ = "0.1.0"
