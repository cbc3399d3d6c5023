"""Kompas.com (placeholder while the parser is written)."""
from __future__ import annotations
