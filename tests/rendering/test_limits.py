"""Templates are bounded in time, memory and output: blow-ups stop at once with the template and line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coprod.errors import TemplateError
from coprod.rendering import limits
from coprod.rendering.environment import create_environment, render


def _error(tmp_path: Path, files: dict[str, str], name: str = "doc.md.j2") -> TemplateError:
    for relpath, text in files.items():
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render(create_environment(tmp_path), name, {"long": "x" * 5000, "n": 10})
    return caught.value


@pytest.mark.parametrize(
    ("source", "detail"),
    [
        ("{{ 10 ** (10 ** 8) }}", "the power 10 ** 100000000 is too large"),
        ("{{ 7 ** 7 ** 7 ** 7 }}", "is too large"),
        ("{{ n ** 100000 }}", "the power 10 ** 100000 is too large"),
        ('{{ "ab" * 10 ** 10 }}', "repeating a text or list 10000000000 times is too long"),
        ("{{ long * 100000 }}", "repeating a text or list 100000 times"),
        ("{{ [1, 2] * 10 ** 9 }}", "repeating a text or list"),
        ("{{ (10 ** 60) * (10 ** 60) }}", "the product is too large"),
        ('{{ "%0999999999d" % 1 }}', "'%' formatting of text is not allowed"),
        ('{{ "{:>999999999}".format(1) }}', "the text method format() is not allowed"),
        ('{{ "x".center(10 ** 9) }}', "the text method center() is not allowed"),
        ('{{ "x".zfill(10 ** 9) }}', "the text method zfill() is not allowed"),
        (
            "{% for a in long %}{% for b in long %}{% endfor %}{% endfor %}",
            "the loops ran more than 1,000,000",
        ),
        ("{% for a in long %}{% for b in long %}{{ b }}{% endfor %}{% endfor %}", "the loops ran more than"),
    ],
)
def test_a_blow_up_stops_with_the_template_and_line(tmp_path: Path, source: str, detail: str) -> None:
    error = _error(tmp_path, {"doc.md.j2": f"# Title\n\n{source}\n"})
    assert (error.template, error.line) == ("doc.md.j2", 3)
    assert error.detail.startswith("too much for a template: ")
    assert detail in error.detail


def test_output_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_OUTPUT", 10_000)
    error = _error(tmp_path, {"doc.md.j2": "{% for a in long %}{{ long }}\n{% endfor %}"})
    assert "the template's output passed 10,000 characters" in error.detail


def test_time_is_bounded_in_loops_and_in_recursive_macros(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_SECONDS", 0.0)
    monkeypatch.setattr(limits, "MAX_ITERATIONS", 10**9)
    error = _error(tmp_path, {"doc.md.j2": "{% for a in long %}{% for b in long %}{% endfor %}{% endfor %}"})
    assert "took longer than 0 seconds" in error.detail
    macro = "{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}\n{{ f(40) }}"
    error = _error(tmp_path, {"doc.md.j2": macro})
    assert "took longer than 0 seconds" in error.detail


def test_the_budget_is_per_render_so_many_small_renders_pass(tmp_path: Path) -> None:
    (tmp_path / "doc.md.j2").write_text("{% for a in long %}{% endfor %}ok\n", encoding="utf-8")
    env = create_environment(tmp_path)
    for _ in range(300):  # 300 x 5,000 iterations: more than one render's budget, spread over renders
        assert render(env, "doc.md.j2", {"long": "x" * 5000}) == "ok\n"


def test_ordinary_arithmetic_still_works(tmp_path: Path) -> None:
    (tmp_path / "doc.md.j2").write_text(
        "{{ 2 ** 10 }} {{ 3 * 4 }} {{ 7 % 3 }} {{ 'ab' * 3 }} {{ [1] + [2] }}", encoding="utf-8"
    )
    with pytest.raises(TemplateError, match="cannot print a list"):  # the last one needs a filter
        render(create_environment(tmp_path), "doc.md.j2", {})
    (tmp_path / "doc.md.j2").write_text(
        "{{ 2 ** 10 }} {{ 3 * 4 }} {{ 7 % 3 }} {{ 'ab' * 3 }}", encoding="utf-8"
    )
    assert render(create_environment(tmp_path), "doc.md.j2", {}) == "1024 12 1 ababab"


@pytest.mark.parametrize(
    ("include", "detail"),
    [
        ('{% include "../outside.md.j2" %}', "template not found: ../outside.md.j2"),
        ('{% include "clauses/missing.md.j2" %}', "template not found: clauses/missing.md.j2"),
        ('{% include "/etc/passwd" %}', "template not found: /etc/passwd"),
    ],
)
def test_a_refused_include_names_the_including_template_and_line(
    tmp_path: Path, include: str, detail: str
) -> None:
    (tmp_path / "outside.md.j2").write_text("secret", encoding="utf-8")
    (tmp_path / "lib" / "clauses").mkdir(parents=True)
    (tmp_path / "lib" / "doc.md.j2").write_text('{% include "clauses/a.md.j2" %}\n', encoding="utf-8")
    (tmp_path / "lib" / "clauses" / "a.md.j2").write_text(f"First line\n{include}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render(create_environment(tmp_path / "lib"), "doc.md.j2", {})
    assert (caught.value.template, caught.value.line) == ("clauses/a.md.j2", 2)
    assert caught.value.detail == f"{detail} (included from doc.md.j2:1)"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_template_that_is_a_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "clauses").mkdir()
    os.mkfifo(tmp_path / "clauses" / "a.md.j2")
    (tmp_path / "doc.md.j2").write_text('{% include "clauses/a.md.j2" %}\n', encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render(create_environment(tmp_path), "doc.md.j2", {})
    assert (caught.value.template, caught.value.line) == ("doc.md.j2", 1)
    assert caught.value.detail.startswith("template clauses/a.md.j2 is not a regular file")


def test_a_huge_template_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coprod.rendering import environment

    monkeypatch.setattr(environment, "MAX_TEMPLATE_BYTES", 1000)
    (tmp_path / "doc.md.j2").write_text("x" * 1001, encoding="utf-8")
    with pytest.raises(TemplateError, match=r"doc.md.j2 is 1,001 bytes; a template is at most 1,000"):
        render(create_environment(tmp_path), "doc.md.j2", {})
