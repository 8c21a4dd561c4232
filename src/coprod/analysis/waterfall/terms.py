"""The terms of a compiled waterfall as JSON-ready data: what decides the money, tier by tier.

Read from the same plan the engine runs (``rules.py``), so a program sees the terms the engine applies:
the base of each fee, whether a corridor stops and is credited, how the financiers' pool is shared, what
talent is a per cent of, and which finance lines recoup from one co-producer's receipts. The keys are
documented in docs/waterfall-json.md.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

from coprod.analysis.waterfall.plan import Plan, Pool
from coprod.analysis.waterfall.rules import (
    CorridorRule,
    FixedRule,
    GroupRule,
    PercentRule,
    Rule,
    SplitRule,
)
from coprod.model.project import Project


def exact(value: Fraction) -> str:
    """A terminating fraction as a plain decimal string ("0.2", "45000", "96000.5")."""
    with localcontext() as context:
        context.prec = 60
        number = (Decimal(value.numerator) / Decimal(value.denominator)).normalize()
    return format(number, "f")


def _optional(value: Fraction | None) -> str | None:
    return None if value is None else exact(value)


def _rule(plan: Plan, rule: Rule) -> dict[str, Any]:
    if isinstance(rule, PercentRule):
        return {"payee": plan.lines[rule.line].payee, "percent": exact(rule.rate * 100),
                "basis": "at_source" if rule.at_source else "at_tier",
                "on": ("pot" if rule.on_pot else "collected") if rule.at_source else None,
                "cap": _optional(rule.limit)}
    if isinstance(rule, CorridorRule):
        return {"payee": plan.lines[rule.line].payee, "percent": exact(rule.rate * 100),
                "basis": "at_source" if rule.at_source else "at_tier",
                "until_recouped": rule.recoups is not None,
                "cap": _optional(rule.cap), "limit": _optional(rule.limit),
                "credited": rule.credited if rule.recoups is not None else None}
    if isinstance(rule, FixedRule):
        return {"payee": plan.lines[rule.line].payee, "amount": exact(rule.amount)}
    if isinstance(rule, GroupRule):
        return {"pari_passu": [{"line": line_id, "owed": exact(owed), "credited_corridor": credit is not None}
                               for line_id, owed, credit in zip(rule.line_ids, rule.owed, rule.credits,
                                                                strict=True)]}
    return _split(plan, rule)


def _split(plan: Plan, rule: SplitRule) -> dict[str, Any]:
    talent = [{"payee": plan.lines[line].payee, "percent_of_net_profits": exact(share * 100),
               "paid_from": "all_net_profits" if plan.lines[line].pool is Pool.TALENT_OFF_TOP
               else "producers_share"}
              for line, share in rule.shares
              if plan.lines[line].pool in (Pool.TALENT_OFF_TOP, Pool.TALENT_FROM_PRODUCERS)]
    producers = {plan.lines[line].payee: exact(share * 100) for line, share in rule.shares
                 if plan.lines[line].pool is Pool.PRODUCERS}
    return {"financiers_pool": {"percent_of_net_profits": exact(rule.pool_rate * 100),
                                "pro_rata_to": rule.pro_rata_to.value,
                                "members": [member.line_id for member in rule.pool]},
            "talent": talent, "producers_percent_of_net_profits": producers}


def terms_json(project: Project, plan: Plan) -> dict[str, Any]:
    """Every tier's terms, and the recoupment terms of every recoupable finance line."""
    sharing = {member.line_id for tier in plan.tiers if isinstance(tier.rule, SplitRule)
               for member in tier.rule.pool}
    return {
        "tiers": [{"index": tier.index, "tier": tier.name, "kind": tier.kind, **_rule(plan, tier.rule)}
                  for tier in plan.tiers],
        "finance_lines": [{"line": line.id, "recoups_from": line.recoups_from,
                           "profit_share": line.id in sharing}
                          for line in project.financing if line.recoupable],
        "unallocated": plan.split_index is None,
    }
