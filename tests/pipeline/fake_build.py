"""Run one fake-producer build of the slate under ``argv[1]`` in its own process (for crash tests).

Usage, from the repository root: ``python -m tests.pipeline.fake_build ROOT JOBS``. Prints the summary as
JSON and exits 0, or 1 if a target failed.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from coprod.pipeline.orchestrate import build
from coprod.pipeline.report import Mode, Reporter
from tests.pipeline.pipeline_support import Kit


def main() -> int:
    kit = Kit(Path(sys.argv[1]), create=False)
    summary = build(kit.plan(jobs=int(sys.argv[2])), Reporter(Mode.JSON, io.StringIO(), sys.stderr))
    json.dump(summary.to_json(), sys.stdout)
    return 0 if summary.ok else 1


if __name__ == "__main__":
    sys.exit(main())
