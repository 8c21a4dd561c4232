from __future__ import annotations

from pipeline_support import Kit


def test_first_build_makes_everything_and_second_does_nothing(kit: Kit) -> None:
    kit.project("alpha")
    kit.project("beta", partners="aurora")
    first = kit.build()
    assert first.failures == []
    assert len(first.built) == 2 * (5 + 4)
    assert "alpha/checklists/nord.docx" in first.built
    second = kit.build()
    assert second.built == []
    assert second.up_to_date == 18
    assert second.pages == []
