"""Reading the ../shared corpus indexes (``import corpus`` in tests)."""

from __future__ import annotations

import json
from pathlib import Path


def load_index(path: Path) -> list[dict]:
    """Rows of an index.jsonl file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
