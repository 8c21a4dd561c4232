"""Governing law, forum and seat as jurisdictions; one language per document; the deadlock as terms.

Every assertion is on the rendered agreement (or the model's error), never on template source.
"""

from __future__ import annotations

import io
import re

import docx
import pytest
from pydantic import ValidationError

from coprod.model.jurisdictions import multi_system_countries
from coprod.model.legal import Legal
from coprod.model.production import Deadlock, Decision
from coprod.model.project import Project
from coprod.rendering.word import WordRenderer
from tests.rendering.rendering_support import example, render_project, rendered


def _agreement(slug: str) -> str:
    return rendered(slug)["agreement.md"].markdown


def _with_legal(project: Project, **disputes: object) -> Project:
    data = project.legal.model_dump()
    data["disputes"] = disputes
    return project.model_copy(update={"legal": Legal.model_validate(data)})


def test_canada_france_is_governed_by_quebec_law_and_seated_in_montreal() -> None:
    text = _agreement("the-last-ferry")
    assert ("is governed by the laws of the Province of Québec and the federal laws of Canada applicable in "
            "it, without prejudice to the rules of the Framework") in text
    assert ("The seat (legal place) of the arbitration is Montréal, Québec, Canada, and the language of the "
            "arbitration is French.") in text
    assert "law of Canada" not in text


def test_the_uk_deal_names_england_and_wales() -> None:
    text = _agreement("the-listening-station")
    assert "is governed by the law of England and Wales." in text
    assert "the law of the United Kingdom" not in text
    assert "under the arbitration rules of the LCIA, by three (3) arbitrators" in text
    assert "The seat (legal place) of the arbitration is London, England and Wales" in text


def test_a_single_system_country_and_the_courts() -> None:
    text = _agreement("the-salt-road")
    assert "is governed by the law of Italy, without prejudice" in text
    courts = render_project(_with_legal(example("the-salt-road"), kind="courts", seat="IT", city="Rome"))
    body = courts["agreement.md"].markdown
    assert ("The competent courts of Rome, Italy have exclusive jurisdiction over any dispute arising out of "
            "or in connection with this Agreement") in body
    assert "arbitration" not in body.split("{#disputes}")[1].split("## ")[0]
    bare = render_project(_with_legal(example("the-listening-station"), kind="courts", seat="GB-SCT"))
    assert "The courts of Scotland have exclusive jurisdiction" in bare["agreement.md"].markdown


@pytest.mark.parametrize("country", ["GB", "CA", "US", "AU", "ES"])
def test_a_bare_country_with_several_legal_systems_is_refused_with_its_choices(country: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Legal.model_validate({"governing_law": country, "language": "en",
                              "disputes": {"kind": "courts", "seat": "FR"}})
    message = str(caught.value)
    assert f"found '{country}'" in message
    for jurisdiction in multi_system_countries()[country].jurisdictions:
        assert f"{jurisdiction.code} ({jurisdiction.name})" in message


def test_every_listed_jurisdiction_is_accepted_as_law_and_seat() -> None:
    codes = [j.code for country in multi_system_countries().values() for j in country.jurisdictions]
    assert {"GB-EAW", "GB-SCT", "GB-NIR", "CA-QC", "CA-ON", "US-NY", "US-CA", "AU-NSW", "ES-CT"} <= set(codes)
    for code in codes:
        legal = Legal.model_validate({"governing_law": code, "language": "en",
                                      "disputes": {"kind": "arbitration", "seat": code, "language": "en"}})
        assert legal.governing_law == code == legal.disputes.seat


def test_a_french_authentic_text_makes_the_english_draft_a_translation() -> None:
    text = _agreement("the-last-ferry")
    assert ("This document is the English translation of this Agreement. The authentic text of this "
            "Agreement is in French: only the French text is signed, and it prevails over this translation "
            "and any other.") in text
    assert "This Agreement is made in French" not in text


def test_an_english_authentic_text_says_so() -> None:
    text = _agreement("the-salt-road")
    assert ("This Agreement is made in English, its only authentic language; any translation is for "
            "convenience only, and the English text prevails over it.") in text


def test_every_document_is_in_one_language_cover_date_included() -> None:
    for slug in ("the-last-ferry", "the-salt-road"):
        for document in rendered(slug).values():
            assert document.meta.language == "en"
            assert re.search(r"\b(novembre|janvier|mai 20)", document.markdown) is None
    document = rendered("the-last-ferry")["agreement.md"]
    word = docx.Document(io.BytesIO(WordRenderer().render(document.markdown, document.meta,
                                                          name=document.relpath)))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "24 November 2026" in text
    assert "novembre" not in text


def test_reserved_matters_survive_the_casting_vote() -> None:
    text = _agreement("the-last-ferry")
    assert ("Productions Boréale inc. decides it, after consulting the others in good faith and acting "
            "reasonably in the interest of the Film. This casting vote does not extend to the Reserved "
            "Matters.") in text
    assert "(a) any change to a Co-Producer's share, contribution or share of copyright;" in text
    assert "(c) the choice or replacement of a key creative" in text
    assert "(this paragraph covers which versions exist, not their creative content)" in text
    # The old carve-out covered the whole film, which is in French.
    assert "French-language version" not in text
    assert "“**Reserved Matters**” means the matters listed in [Clause 8.2](#reserved-matters)." in text


def test_the_deadlock_is_structured_terms_not_pasted_prose() -> None:
    text = _agreement("the-salt-road")
    deadlock = text.split("{#deadlock}")[1].split("\n## ")[0]
    assert ("have not agreed on it within ten (10) Business Days of a written request from any of them, "
            "Aurora Film S.r.l. decides it") in deadlock
    assert ("nor to any change to the Budget above 5% of its total, which need the approval of the "
            "Co-Producers named for them") in deadlock
    assert "independent production accountant" in deadlock
    assert "as follows:" not in deadlock
    assert "“**Business Day**” means" in text
    plain = _agreement("the-listening-station").split("{#deadlock}")[1].split("\n## ")[0]
    assert "nor to" not in plain and "accountant" not in plain


def test_every_excluded_decision_is_named_in_the_deadlock_clause() -> None:
    project = example("the-listening-station")
    control = project.control.model_copy(update={"deadlock": Deadlock(
        decides="cobalt-ridge", after_business_days=3, excluded=list(Decision))})
    text = render_project(project.model_copy(update={"control": control}))["agreement.md"].markdown
    assert ("within three (3) Business Days of a written request from any of them, Cobalt Ridge Documentary "
            "LLC decides it") in text
    assert ("nor to the final shooting script, the choice of director, the lead cast, the heads of "
            "department, the final cut and any change to the Budget above 10% of its total") in text


def test_lists_end_with_a_full_stop_not_a_dangling_separator() -> None:
    for slug in ("the-salt-road", "the-last-ferry", "the-listening-station"):
        text = _agreement(slug)
        approvals = text.split("{#approvals}")[1].split("###")[0]
        items = [line for line in approvals.splitlines() if line.startswith("- ")]
        assert items[-1].endswith(".") and items[-2].endswith("; and"), slug
        spend = [line for line in text.split("{#spend}")[1].split("###")[0].splitlines()
                 if line.startswith("- ")]
        assert spend[-1].endswith("."), slug
