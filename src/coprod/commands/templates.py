"""``coprod templates check``: the variables each template uses; fails on unknown ones and on prose slips."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``check`` action and the projects whose documents are read for prose slips."""
    parser.add_argument("action", choices=["check"],
                        help="check: list the variables each template uses and fail on unknown ones, "
                             "bad attributes, undefined or unused terms, and slips in the rendered text")
    parser.add_argument("projects", nargs="*", metavar="PROJECT",
                        help="projects to render and proofread (default: every project under projects/, "
                             "if there is one)")


def _proofread(arguments: list[str]) -> tuple[int, list[str]]:
    """Render each project; the number rendered, and every template or prose problem found."""
    from coprod.analysis import analyse
    from coprod.errors import TemplateError
    from coprod.loading.discover import PROJECTS_FOLDER, find_projects
    from coprod.loading.frameworks import catalog_for
    from coprod.loading.project import load_project
    from coprod.rendering.documents import DocumentRenderer

    root = Path.cwd()
    if not arguments and not any((root / PROJECTS_FOLDER).glob("*/project.yaml")):
        return 0, []
    renderer = DocumentRenderer()
    problems = []
    paths = find_projects(arguments, root)
    for path in paths:
        project = load_project(path).project
        catalog = catalog_for(path)
        try:
            renderer.render(project, analyse(project, catalog), catalog=catalog)
        except TemplateError as error:
            problems.append(f"{path}: {error}")
    return len(paths), problems


def run(args: argparse.Namespace) -> int:
    """Run the check; 0 if every template is clean, 1 otherwise."""
    from coprod.rendering.lint import TemplateLinter

    reports, lint_problems = TemplateLinter().check()
    for report in reports:
        documents = ", ".join(sorted(report.documents))
        variables = ", ".join(sorted(report.variables)) or "(none)"
        print(f"{report.name} [{documents}]: {variables}")
    rendered, prose_problems = _proofread(list(args.projects))
    problems = [str(problem) for problem in lint_problems] + prose_problems
    for problem in problems:
        print(f"error: {problem}")
    read = f", {rendered} project{'s' if rendered != 1 else ''} rendered and proofread" if rendered else ""
    plural = "s" if len(problems) != 1 else ""
    print(f"{len(reports)} templates checked{read}, {len(problems)} problem{plural}")
    return 1 if problems else 0
