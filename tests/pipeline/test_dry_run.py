"""``--dry-run`` says what would be rebuilt and why, and changes nothing."""

from __future__ import annotations

from tests.pipeline.pipeline_support import Kit


def _reasons(kit: Kit, **options: object) -> dict[str, list[str]]:
    summary = kit.build(dry_run=True, **options)
    assert summary.built == []
    return {target: [str(reason) for reason in reasons] for target, reasons in summary.stale.items()}


def test_never_built_and_nothing_written(kit: Kit) -> None:
    kit.project("alpha")
    assert _reasons(kit) == {"alpha/*": ["never built"]}
    assert not kit.out.exists()


def test_each_reason_is_named(kit: Kit) -> None:
    kit.project("alpha", partners="aurora")
    kit.project("beta", partners="aurora")
    kit.build()
    kit.project("alpha", title="Alpha Two", partners="aurora")
    kit.touch_template("clauses/recoupment.md.j2", "## 2. Recoupment\n\nChanged.\n")
    (kit.out / "beta" / "readiness.md").unlink()
    (kit.out / "beta" / "checklists" / "aurora.docx").write_bytes(b"edited in Word")
    (kit.root / "shell.docx").write_bytes(b"house style v2")
    recoupment = "template clauses/recoupment.md.j2 changed"
    shell = "Word shell shell.docx changed"
    assert _reasons(kit) == {
        "alpha/agreement.md": ["project file changed", recoupment],
        "alpha/agreement.docx": ["project file changed", recoupment, shell],
        "alpha/checklists/aurora.md": ["project file changed"],
        "alpha/checklists/aurora.docx": ["project file changed", shell],
        "alpha/readiness.md": ["project file changed"],
        "alpha/readiness.docx": ["project file changed", shell],
        "alpha/term-sheet.md": ["project file changed", recoupment],
        "alpha/term-sheet.docx": ["project file changed", recoupment, shell],
        "beta/agreement.md": [recoupment],
        "beta/agreement.docx": [recoupment, shell],
        "beta/checklists/aurora.docx": ["output changed by hand", shell],
        "beta/readiness.md": ["output missing"],
        "beta/readiness.docx": [shell],
        "beta/term-sheet.md": [recoupment],
        "beta/term-sheet.docx": [recoupment, shell],
    }
    assert (kit.out / "beta" / "checklists" / "aurora.docx").read_bytes() == b"edited in Word"


def test_upgrade_options_force_and_missing_inputs(kit: Kit) -> None:
    kit.project("alpha", partners="aurora")
    kit.build()
    reasons = _reasons(kit, version="2.0")
    assert set(map(tuple, reasons.values())) == {("coprod upgraded",)}
    assert len(reasons) == 8
    assert _reasons(kit, clean=True)["alpha/readiness.md"] == ["options changed (--clean)"]
    assert _reasons(kit, force=True)["alpha/readiness.md"] == ["--force"]
    (kit.root / "frameworks" / "eurimages.yaml").unlink()
    assert _reasons(kit)["alpha/readiness.md"] == ["framework eurimages.yaml missing"]
