"""Clauses a lawyer checks first: spend and incentives, approvals, security, default, schedules.

Every assertion is on the rendered agreement, so a clause that regresses in the library fails here.
"""

from __future__ import annotations

from coprod.model.project import Project
from tests.rendering.rendering_support import example, render_project, rendered


def _agreement(slug: str) -> str:
    return rendered(slug)["agreement.md"].markdown


def _clause(text: str, label: str) -> str:
    """The text of the clause labelled *label*, up to the next heading."""
    return text.split("{#" + label + "}", 1)[1].split("\n#", 1)[0]


def _with_partner(project: Project, partner_id: str, **update: object) -> Project:
    partners = [p.model_copy(update=update) if p.id == partner_id else p for p in project.partners]
    return project.model_copy(update={"partners": partners})


def test_no_stub_is_pasted_into_the_screenplay_credit() -> None:
    documentary = _agreement("the-listening-station")
    assert "screenplay by to be agreed" not in documentary
    assert ("The screenwriters are engaged under [Clause 7.1](#approvals), and their credit is set in their "
            "contracts.") in documentary
    assert "credited “Screenplay by Marco Leone and Anne Dubois” in the main titles" in \
        _agreement("the-salt-road")


def test_local_spend_is_contracted_and_paid_by_the_local_co_producer() -> None:
    text = _agreement("the-salt-road")
    spend = _clause(text, "spend")
    assert ("- in Belgium: EUR 1,020,000 (one million twenty thousand euros), contracted and paid by Nord "
            "Lumière SRL (public funding and tax incentives measured on it: Belgian tax shelter and Film "
            "centre selective advance); and") in spend
    assert ("contracted and paid by Vltava Pictures s.r.o. (public funding and tax incentives measured on "
            "it: Czech film incentive") in spend
    assert "in its own name and from its own production bank account" in spend
    assert "engages the cast and crew, runs" not in text
    overcost = _clause(text, "overcost")
    assert overcost.startswith("\n\nAn Overcost on the spend in a country is borne by the Co-Producer that "
                               "contracts and pays that spend under [Clause 7.2](#spend)")
    underspend = _clause(text, "underspend")
    assert "an Underspend is not a windfall" in underspend
    assert ("any Underspend in a country is first applied to make good any reduction of the public funding "
            "or tax incentives measured on the spend in that country") in underspend


def test_the_duty_to_apply_is_separate_from_the_condition_and_has_a_long_stop_date() -> None:
    text = _agreement("the-last-ferry")
    applications = _clause(text, "approval-applications")
    assert "for provisional approval (an advance ruling)" in applications
    assert "and for final approval once the Film is completed" in applications
    assert "This duty applies from signature, whatever the outcome of the applications." in applications
    condition = _clause(text, "approval-condition")
    assert "are conditional on every Competent Authority granting provisional approval" in condition
    assert "The rest of this Agreement applies from signature." in condition
    assert ("If provisional approval has not been granted by every Competent Authority by 6 September 2027 "
            "(the Long-Stop Date)") in _clause(text, "long-stop")
    assert "Final approval is not a condition of this Agreement." in _clause(text, "final-approval")
    assert "“**Long-Stop Date**” means the date set in [Clause 6.3](#long-stop)" in text


def test_each_partner_has_one_authority_from_its_region() -> None:
    text = _agreement("the-salt-road")
    assert ("- for Belgium: Centre du Cinéma et de l'Audiovisuel (Fédération Wallonie-Bruxelles), to which "
            "Nord Lumière SRL applies; and") in text
    assert " or Vlaams" not in text
    flemish = _with_partner(example("the-salt-road"), "nord", region="flemish-community")
    flemish_text = render_project(flemish)["agreement.md"].markdown
    assert "- for Belgium: Vlaams Audiovisueel Fonds (VAF), to which Nord Lumière SRL applies" in flemish_text
    unknown = render_project(_with_partner(example("the-salt-road"), "nord", region=None))
    assert ("- for Belgium: the competent authority of Belgium for the region in which Nord Lumière SRL is "
            "established, to which Nord Lumière SRL applies; and") in unknown["agreement.md"].markdown


def test_tax_credits_paid_after_completion_are_bridged_not_confirmed_before_the_shoot() -> None:
    text = _agreement("the-last-ferry")
    pending = _clause(text, "finance-pending")
    assert "other than the tax incentives in [Clause 5.3](#finance-bridging), are not confirmed" in pending
    bridging = _clause(text, "finance-bridging")
    assert ("cannot be confirmed before the shoot: Canadian film or video production tax credit and Québec "
            "film production tax credit.") in bridging
    assert "arrange interim financing against it under [Clause 5.4](#permitted-security)" in bridging


def test_security_is_permitted_for_interim_and_gap_financing_and_assignment_points_to_it() -> None:
    text = _agreement("the-salt-road")
    security = _clause(text, "permitted-security")
    assert ("give security over the public funding, tax incentives, pre-sale and minimum guarantee payments "
            "it brings to the Finance Plan") in security
    assert "interim financing (cash-flow, grant or tax-incentive bridging) or gap financing" in security
    assert ("except by way of security permitted under [Clause 5.4](#permitted-security).") in \
        _clause(text, "assignment")


def test_a_default_re_cut_respects_the_framework_and_the_authorities() -> None:
    text = _agreement("the-last-ferry")
    remedies = _clause(text, "default-remedies")
    assert ("provided that each co-producing country's share stays within the limits of the Framework (at "
            "least 15% and at most 90%), that the Competent Authorities consent to the change") in remedies
    assert "in proportion to the contribution it actually paid" not in remedies
    creative = _clause(_agreement("the-listening-station"), "default-remedies")
    assert "Framework" not in creative and "no Co-Producer loses public funding" in creative


def test_the_delegate_producer_can_be_replaced() -> None:
    text = _agreement("the-salt-road")
    clause = _clause(text, "delegate-default")
    assert ("Nord Lumière SRL and Vltava Pictures s.r.o., acting together, may by notice take over the "
            "production of the Film or appoint another Co-Producer as Delegate Producer") in clause
    bonded = _clause(_agreement("the-last-ferry"), "delegate-default")
    assert "Marée Haute Films SAS may by notice and subject to the rights of the Completion Guarantor" \
        in bonded


def test_the_rights_schedule_is_operative_text_and_its_rationale_a_drafting_note() -> None:
    text = _agreement("the-salt-road")
    schedule = text.split("{#schedule-rights}")[1].split("\n## ")[0]
    assert "| Territories | Exploited by | Receipts |\n" in schedule
    table = [line for line in schedule.splitlines() if line.startswith("|")]
    assert not any("quarter the size" in line for line in table)
    assert "> Drafting note: Why Nord Lumière SRL keeps Belgium and Luxembourg" in schedule
    clean = rendered("the-salt-road", clean=True)["agreement.md"].markdown
    assert "quarter the size" not in clean
    # The term sheet, a negotiating document, keeps the rationale column.
    assert "| Rationale |" in rendered("the-salt-road")["term-sheet.md"].markdown


def test_the_boilerplate_a_lawyer_expects_is_there() -> None:
    text = _agreement("the-salt-road")
    assert "Nothing in this Agreement creates a partnership, joint venture or fiscal unity" in \
        _clause(text, "relationship")
    assert "shall not deal, in connection with the Film, with any person subject to sanctions" in \
        _clause(text, "compliance")
    assert "the rest of this Agreement continues to apply" in _clause(text, "severability")
    assert "shall sign the documents and do the things that are reasonably needed" in \
        _clause(text, "further-assurance")
    assert "to its professional advisers, auditors, insurers and financiers" in \
        _clause(text, "confidentiality")
    assert ("No Co-Producer may seek or obtain an injunction or other order that stops or restrains the "
            "production, distribution, advertising or exploitation of the Film") in \
        _clause(text, "no-injunction")
    assert "subject to [Clause 21.3](#no-injunction)." in _clause(text, "disputes")


def test_tax_keeps_each_partners_incentives_and_handles_vat_and_withholding() -> None:
    text = _agreement("the-salt-road")
    assert ("Each Co-Producer applies for, receives and keeps the public funding and tax incentives of its "
            "own country") in _clause(text, "own-incentives")
    vat = _clause(text, "vat-withholding")
    assert "exclusive of value added tax" in vat
    assert "Where the law requires tax to be withheld from a payment out of the Collection Account" in vat


def test_masters_support_prizes_and_derivative_rights() -> None:
    text = _agreement("the-salt-road")
    masters = _clause(text, "masters")
    assert "kept, in their joint names, at a laboratory or storage facility in Belgium" in masters
    assert "a laboratory access letter in favour of every Co-Producer, the Sales Agent and the distributors" \
        in masters
    bonded = _clause(_agreement("the-last-ferry"), "masters")
    assert "the Sales Agent, the Completion Guarantor and the distributors" in bonded
    assert "Automatic support that the Film earns in a co-producing country" in \
        _clause(text, "automatic-support")
    assert "Cash prizes awarded to the Film" in _clause(text, "prizes")
    assert "remake, sequel, prequel, series or other derivative work" in _clause(text, "derivative-rights")
    assert "{#eurimages}" not in text


def test_eurimages_support_adds_its_clause_and_definition() -> None:
    project = example("the-salt-road")
    line = project.financing[2].model_copy(update={"source": "Eurimages co-production support"})
    financing = [line if index == 2 else item for index, item in enumerate(project.financing)]
    text = render_project(project.model_copy(update={"financing": financing}))["agreement.md"].markdown
    assert "The Co-Producers shall comply with the Eurimages support contract and rules" in \
        _clause(text, "eurimages")
    assert "“**Eurimages**” means the film co-production support fund of the Council of Europe." in text


def test_platform_deals_and_kept_receipts_above_a_threshold() -> None:
    ferry = _agreement("the-last-ferry")
    assert ("including a worldwide licence to a streaming platform, may be granted without the written "
            "consent of the Co-Producer that keeps that territory") in _clause(ferry, "multi-territory")
    reporting = _clause(ferry, "kept-reporting")
    assert ("report them to the Collection Account Manager and to the other Co-Producers every six (6) "
            "months") in reporting
    assert "may audit those books once a year" in reporting
    # The Salt Road keeps all its kept receipts: nothing to report.
    assert "{#kept-reporting}" not in _agreement("the-salt-road")


def test_notices_go_to_each_partners_e_mail_address() -> None:
    notices = _clause(_agreement("the-listening-station"), "notices")
    assert "- to Harrow Lane Films Ltd: legal@harrowlane.example;" in notices
    assert "- to Spreeufer Film GmbH: recht@spreeufer.example." in notices
    project = example("the-listening-station")
    partners = [p.model_copy(update={"signatory": p.signatory.model_copy(update={"email": None})})
                for p in project.partners]
    bare = render_project(project.model_copy(update={"partners": partners}))["agreement.md"].markdown
    assert ("- to Harrow Lane Films Ltd: the e-mail address it gives the others in writing on signing this "
            "Agreement;") in _clause(bare, "notices")
