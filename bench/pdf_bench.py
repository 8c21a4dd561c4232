"""PDF and chart costs, measured in one run.

1. LibreOffice: the example projects' Word documents converted to PDF in one LibreOffice run (what
   ``coprod build --format pdf`` does) against one LibreOffice run per document (the naive way), with the
   same warm profile. Prints both times and the ratio.
2. Charts: for each example project, the time to draw its two charts (SVG and PNG) against the time to
   render its documents to Markdown and Word without charts, in one warm process. Prints the ratio.

Run: ``.venv/bin/python bench/pdf_bench.py`` (needs LibreOffice).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from coprod.analysis import analyse
from coprod.loading.frameworks import catalog_for
from coprod.loading.project import load_project
from coprod.pipeline.pdf import convert_all, find_libreoffice
from coprod.rendering.charts.deal import deal_charts
from coprod.rendering.documents import DocumentRenderer
from coprod.rendering.word import WordRenderer
from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = sorted((ROOT / "projects").glob("*/project.yaml"))


def _word_files(folder: Path) -> list[Path]:
    renderer, word = DocumentRenderer(), WordRenderer()
    files = []
    for path in PROJECTS:
        loaded = load_project(path)
        for document in renderer.render(loaded.project, analyse(loaded.project)):
            target = folder / f"{loaded.slug}--{document.relpath.replace('/', '--')}.docx"
            target.write_bytes(word.render(document.markdown, document.meta, name=document.relpath))
            files.append(target)
    return files


def conversion(soffice: str, folder: Path) -> None:
    files = _word_files(folder)
    state = folder / "state"
    convert_all(soffice, files[:1], state)  # warm the profile: both ways start from the same one
    start = time.perf_counter()
    batched = convert_all(soffice, files, state)
    one_run = time.perf_counter() - start
    assert all(result.pdf for result in batched)
    start = time.perf_counter()
    for file in files:
        (single,) = convert_all(soffice, [file], state)
        assert single.pdf
    per_document = time.perf_counter() - start
    print(f"{len(files)} documents: one LibreOffice run {one_run:.1f} s, one run per document "
          f"{per_document:.1f} s: {per_document / one_run:.1f}x faster in one run")


def _project_costs(path: Path, renderer: DocumentRenderer, word: WordRenderer) -> tuple[float, float]:
    """Median seconds to render the project's documents (Markdown and Word), and to draw its charts."""
    project = load_project(path).project
    catalog = catalog_for(path)

    def documents() -> None:
        analysis = analyse(project, catalog)
        for document in renderer.render(project, analysis, catalog=catalog):
            word.render(document.markdown, document.meta, name=document.relpath)

    def charts() -> None:
        deal_charts(project)

    documents()
    charts()  # warm: imports and font caches
    return median_seconds(documents, 3), median_seconds(charts, 3)


def charts() -> None:
    renderer, word = DocumentRenderer(), WordRenderer()
    for path in PROJECTS:
        build, drawing = _project_costs(path, renderer, word)
        print(f"{path.parent.name}: documents {build * 1000:.0f} ms, charts {drawing * 1000:.0f} ms: "
              f"charts add {drawing / build:.0%} to the project's build")


def main() -> int:
    soffice = find_libreoffice()
    if soffice is None:
        print("LibreOffice is not installed: only the chart figures are measured")
    else:
        folder = Path(tempfile.mkdtemp(prefix="pdf-bench-"))
        try:
            conversion(soffice, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    charts()
    return 0


if __name__ == "__main__":
    sys.exit(main())
