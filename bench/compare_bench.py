"""How long a redline takes against building the same documents, measured in one run.

Two figures, each a ratio against a baseline timed in the same process (never an absolute pass/fail):

- the agreement: rendering both drafts, aligning them, and writing the redline as Markdown and as Word
  with tracked changes, against building the agreement once (render, then Word);
- the whole project: ``compare`` (every document of both drafts, the deal's changes, every redline
  written) against building every document of one draft in both formats.

The newer draft is The Salt Road with its sales agent dropped (a clause removed, every later clause
renumbered, tiers gone), a share changed and a partner renamed.

Usage: ``.venv/bin/python bench/compare_bench.py [--repeats N]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coprod.compare.blocks import strip_front_matter  # noqa: E402
from coprod.compare.emit import CRITIC, WORD, redline_markdown  # noqa: E402
from coprod.compare.redline import redline  # noqa: E402
from coprod.compare.run import compare, render_draft  # noqa: E402
from coprod.compare.tracked import track_changes  # noqa: E402
from coprod.loading.frameworks import catalog_for  # noqa: E402
from coprod.loading.project import load_text  # noqa: E402
from coprod.rendering.documents import DocumentRenderer  # noqa: E402
from coprod.rendering.word import WordRenderer  # noqa: E402
from tests.compare.compare_support import EDITS, EXAMPLE  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    renderer, word = DocumentRenderer(), WordRenderer()
    catalog = catalog_for(EXAMPLE)
    old_text = EXAMPLE.read_text(encoding="utf-8")
    new_text = old_text
    for kind in ("clause dropped by a condition", "share changed", "party renamed"):
        new_text = EDITS[kind](new_text)
    old_project, new_project = load_text(old_text, EXAMPLE), load_text(new_text, EXAMPLE)

    def build_agreement() -> None:
        draft = render_draft(new_project, catalog, renderer)
        document = draft.documents["agreement.md"]
        word.render(document.markdown, document.meta, clean=True, name="agreement.md")

    def compare_agreement() -> None:
        old = render_draft(old_project, catalog, renderer).documents["agreement.md"]
        new = render_draft(new_project, catalog, renderer).documents["agreement.md"]
        blocks = redline(strip_front_matter(old.markdown), strip_front_matter(new.markdown))
        redline_markdown(blocks, CRITIC)
        marked = word.render(redline_markdown(blocks, WORD), new.meta, clean=True, name="agreement")
        track_changes(marked, new.meta.draft_date, "agreement")

    def build_project() -> None:
        draft = render_draft(new_project, catalog, renderer)
        for path, document in draft.documents.items():
            word.render(document.markdown, document.meta, clean=True, name=path)

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "projects" / "salt"
        folder.mkdir(parents=True)
        (folder / "older.yaml").write_text(old_text, encoding="utf-8")
        (folder / "project.yaml").write_text(new_text, encoding="utf-8")

        def compare_project() -> None:
            compare(folder / "project.yaml", str(folder / "older.yaml"), Path(temp) / "out",
                    renderer=renderer, word=word)

        build_agreement()
        compare_project()  # warm caches (templates, fonts) before timing anything
        agreement_build = median_seconds(build_agreement, repeats)
        agreement_compare = median_seconds(compare_agreement, repeats)
        project_build = median_seconds(build_project, repeats)
        project_compare = median_seconds(compare_project, repeats)
    print(f"agreement: build {agreement_build * 1000:.0f} ms, compare {agreement_compare * 1000:.0f} ms, "
          f"ratio {agreement_compare / agreement_build:.2f}x (aim: at most 3x)")
    print(f"project:   build {project_build * 1000:.0f} ms, compare {project_compare * 1000:.0f} ms, "
          f"ratio {project_compare / project_build:.2f}x")


if __name__ == "__main__":
    main()
