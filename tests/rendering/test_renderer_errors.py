"""A broken clause fails the whole document with the clause file's name and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coprod.analysis import analyse
from coprod.errors import TemplateError
from coprod.rendering.documents import DocumentRenderer
from coprod.rendering.environment import TEMPLATES
from tests.rendering.rendering_support import example


def _broken(tmp_path: Path, name: str, old: str, new: str) -> DocumentRenderer:
    root = tmp_path / "templates"
    shutil.copytree(TEMPLATES, root, ignore=shutil.ignore_patterns("word"))
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return DocumentRenderer(root)


@pytest.mark.parametrize(("old", "new", "message"), [
    ('{{ ref("schedule-approvals") }}', '{{ ref("schedule-aprovals") }}',
     "clauses/control.md.j2:3: cross-reference to unknown label 'schedule-aprovals'"),
    ("{{ final_cut }}", "{{ final_kut }}", "clauses/control.md.j2:29: undefined: 'final_kut' is undefined"),
    ("{{ deadlock.decides }}", "{{ deadlock.decides.__class__ }}",
     "clauses/control.md.j2:32: blocked by the sandbox: access to attribute '__class__' of 'str' object is "
     "unsafe."),
    ("{% endfor %}", "{% endif %}",
     "clauses/control.md.j2:7: template syntax error: Encountered unknown tag"),
])
def test_a_broken_clause_names_its_file_and_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    renderer = _broken(tmp_path, "clauses/control.md.j2", old, new)
    project = example("the-salt-road")
    with pytest.raises(TemplateError) as caught:
        renderer.render(project, analyse(project))
    assert str(caught.value).startswith(message)
