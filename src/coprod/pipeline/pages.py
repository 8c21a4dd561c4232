"""The pages that explain a build folder: ``index.md`` and one ``README.md`` per project.

They are made from the build state alone (each project's summary and its recorded targets), so they
always describe what is really in the folder, and they carry no clock time, so two builds of the same
inputs give the same bytes. They follow the house Markdown dialect, so the Word renderer can make
``index.docx`` from ``index.md``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from urllib.parse import quote

from coprod.pipeline.state import ProjectRecord, TargetRecord
from coprod.pipeline.targets import possible_outputs

INDEX_TITLE = "Build index"


def _escape(text: str) -> str:
    from coprod.rendering.escape import one_line  # the product's one escaping rule

    return str(one_line(text))


def _front_matter(values: Mapping[str, str]) -> str:
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _link(text: str, target: str) -> str:
    return f"[{_escape(text)}]({quote(target)})"


def _strings(summary: Mapping[str, object], key: str) -> list[str]:
    value = summary.get(key, [])
    return [str(item) for item in value] if isinstance(value, list) else []


def _documents(summary: Mapping[str, object]) -> list[dict[str, str]]:
    value = summary.get("documents", [])
    if not isinstance(value, list):
        return []
    return [{str(k): str(v) for k, v in item.items()} for item in value if isinstance(item, dict)]


def _title(record: ProjectRecord) -> str:
    return str(record.summary.get("title") or record.slug)


def index_page(projects: Sequence[ProjectRecord], targets: Mapping[str, Sequence[TargetRecord]],
               version: str) -> str:
    """``index.md``: every project with its readiness verdict, open errors and warnings, and documents."""
    out = [_front_matter({"title": INDEX_TITLE, "coprod_version": version}), f"# {INDEX_TITLE}\n\n"]
    if not projects:
        out.append("Nothing has been built yet.\n")
        return "".join(out)
    out.append(f"{len(projects)} project{'s' if len(projects) != 1 else ''}, built by coprod {version}.\n\n")
    out.append("| Project | Readiness | Errors | Warnings | Documents |\n|---|---|---|---|---|\n")
    for record in projects:
        summary = record.summary
        built = {target.output for target in targets.get(record.slug, ())}
        links = []
        for document in _documents(summary):
            first, *others = (f"{record.slug}/{output}" for output in possible_outputs(document["path"]))
            label = document["title"].removesuffix(f" — {_title(record)}")  # the row names the film
            name = _link(label, first) if first in built else _escape(label)
            links.append(name + "".join(f" ({_link('Word', other)})" for other in others if other in built))
        out.append(f"| {_link(_title(record), f'{record.slug}/README.md')} "
                   f"| {_escape(str(summary.get('verdict', '')))} "
                   f"| {len(_strings(summary, 'errors'))} | {len(_strings(summary, 'warnings'))} "
                   f"| {'; '.join(links)} |\n")
    for record in projects:
        findings = [("Error", text) for text in _strings(record.summary, "errors")]
        findings += [("Warning", text) for text in _strings(record.summary, "warnings")]
        failed = record.summary.get("failed")
        if not findings and not failed:
            continue
        out.append(f"\n## Open findings: {_escape(_title(record))}\n\n")
        if failed:
            out.append(f"- Last build failed: {_escape(str(failed))}\n")
        out.extend(f"- {label}: {_escape(text)}\n" for label, text in findings)
    return "".join(out)


def readme_page(record: ProjectRecord, targets: Sequence[TargetRecord], version: str) -> str:
    """A project folder's ``README.md``: its documents and the input hash each was built from."""
    title = _title(record)
    out = [_front_matter({"title": f"{title}: built documents", "coprod_version": version}),
           f"# Built documents: {_escape(title)}\n\n",
           f"Readiness: {_escape(str(record.summary.get('verdict', '')))}\n\n"]
    by_output = {target.output: target for target in targets}
    out.append("| Document | File | Input hash |\n|---|---|---|\n")
    for document in _documents(record.summary):
        for path in possible_outputs(document["path"]):
            target = by_output.get(f"{record.slug}/{path}")
            if target is None:
                continue
            out.append(f"| {_escape(document['title'])} | {_link(path, path)} | `{target.input_hash}` |\n")
    if record.summary.get("failed"):
        out.append(f"\nThe last build of this project failed: {_escape(str(record.summary['failed']))}\n")
    out.append("\nThe input hash covers the project file, the templates, the framework files, the Word "
               "shell (for .docx) and the coprod version; it is also in each document's properties.\n")
    return "".join(out)
