"""Shared by the importer tests: the committed Keras fixtures and what Keras counted for them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
KERAS = FIXTURES / "keras"
EXPECTED = json.loads((KERAS / "expected.json").read_text())
KERAS_MODELS = sorted(key for key in EXPECTED if not key.startswith("_"))


def keras_text(key: str) -> str:
    """The JSON text Keras's model.to_json() wrote for a fixture."""
    return gzip.decompress((KERAS / f"{key}.json.gz").read_bytes()).decode()
