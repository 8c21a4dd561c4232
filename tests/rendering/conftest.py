"""Rendering test setup; the shared helpers live in ``rendering_support``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # importlib mode: make rendering_support importable
