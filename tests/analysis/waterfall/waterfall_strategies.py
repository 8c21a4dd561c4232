"""Hypothesis strategies: random but consistent waterfall sections over The Salt Road's partners."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

PARTNERS = ("aurora", "nord", "vltava")  # The Salt Road's partners, whose copyright is 60/25/15


def cents(low: int, high: int) -> st.SearchStrategy[Decimal]:
    return st.integers(low, high).map(lambda n: Decimal(n).scaleb(-2))


def percents(high: int = 100) -> st.SearchStrategy[Decimal]:
    return st.integers(0, high * 100).map(lambda n: Decimal(n).scaleb(-2))


@st.composite
def finance_lines(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Recoupable lines; some recoup from one partner's receipts, some take no share of profits."""
    count = draw(st.integers(1, 4))
    lines = []
    for index in range(count):
        line = {"id": f"line-{index}", "partner": draw(st.sampled_from(PARTNERS)), "territory": "IT",
                "type": "equity", "source": f"Investor {index}", "amount": draw(cents(100, 10**8)),
                "currency": draw(st.sampled_from([None, "CZK"])), "status": "confirmed", "recoupable": True,
                "premium": draw(percents(50))}
        if draw(st.integers(0, 4)) == 0:
            line["recoups_from"] = draw(st.sampled_from(PARTNERS))
        elif draw(st.integers(0, 3)) == 0:
            line["profit_share"] = False
        lines.append(line)
    return lines


@st.composite
def kept_territories(draw: st.DrawFn) -> list[dict[str, Any]]:
    keepers = draw(st.lists(st.sampled_from(PARTNERS), unique=True, max_size=3))
    countries = {"aurora": ["IT"], "nord": ["BE"], "vltava": ["CZ"]}
    return [{"partner": partner, "countries": countries[partner],
             "common_pot_above": draw(st.none() | cents(0, 10**7))} for partner in keepers]


@st.composite
def _tier(draw: st.DrawFn, kind: str, position: int, grouped: set[str], corridored: set[str],
          ids: list[str]) -> dict[str, Any] | None:
    name = f"Tier {position}"
    basis = draw(st.sampled_from(["at_source", "at_tier"]))
    if kind == "fee":
        payee = draw(st.sampled_from(["cam", "sales_agent", *PARTNERS]))
        on = draw(st.sampled_from([None, "collected", "pot"])) if basis == "at_source" else None
        return {"kind": "fee", "name": name, "payee": payee, "on": on,
                "percent": draw(percents()), "basis": basis, "cap": draw(st.none() | cents(1, 10**7))}
    if kind == "overcost":
        return {"kind": "overcost", "name": name, "payee": draw(st.sampled_from(PARTNERS)),
                "amount": draw(cents(1, 10**7)), "premium": draw(percents(30))}
    if kind == "expense":
        return {"kind": "expense", "name": name, "payee": "sales_agent", "cap": draw(cents(1, 10**7)),
                "incurred": draw(st.none() | cents(0, 10**7))}
    if kind == "deferment":
        return {"kind": "deferment", "name": name, "payee": "director", "amount": draw(cents(1, 10**7))}
    if kind == "corridor":
        free = [line for line in ids if line not in grouped and line not in corridored]
        recouping: bool = draw(st.booleans())
        if free and recouping:
            payee = draw(st.sampled_from(free))
            corridored.add(payee)
            return {"kind": "corridor", "name": name, "payee": payee, "percent": draw(percents()),
                    "basis": basis, "until_recouped": True, "cap": draw(st.none() | cents(1, 10**7)),
                    "credited": draw(st.booleans())}
        return {"kind": "corridor", "name": name, "payee": draw(st.sampled_from(PARTNERS)),
                "percent": draw(percents()), "basis": basis, "until_recouped": False,
                "cap": draw(st.none() | cents(1, 10**7))}
    free = [line for line in ids if line not in grouped]
    if not free:
        return None
    members = draw(st.lists(st.sampled_from(free), min_size=1, unique=True))
    grouped.update(members)
    return {"kind": "recoup", "name": name, "pari_passu": members}


@st.composite
def waterfalls(draw: st.DrawFn) -> dict[str, Any]:
    """Top-level sections (financing, rights, recoupment) of a consistent project."""
    lines = draw(finance_lines())
    ids = [line["id"] for line in lines if "recoups_from" not in line]  # the others are named by no tier
    kinds = draw(st.lists(st.sampled_from(["fee", "expense", "corridor", "recoup", "deferment", "overcost"]),
                          max_size=7))
    grouped: set[str] = set()
    corridored: set[str] = set()
    tiers = [tier for position, kind in enumerate(kinds)
             if (tier := draw(_tier(kind, position, grouped, corridored, ids))) is not None]
    at_source = sum((tier["percent"] for tier in tiers
                     if tier["kind"] in ("fee", "corridor") and tier.get("basis") == "at_source"), Decimal(0))
    assume(at_source <= 100)  # more than all the receipts taken at source: the model refuses it
    sharing = {line["id"] for line in lines if line.get("profit_share", True) and "recoups_from" not in line}
    financiers = draw(percents()) if (grouped | corridored) & sharing else Decimal(0)
    producers = 100 - financiers
    talent: list[dict[str, Any]] = []
    off_top = draw(st.none() | percents())
    # Talent is a per cent of all net profits: from the producers' share, at most that share of what the
    # talent off the top leaves (in hundredths of a per cent, rounded down).
    room = int(producers * (100 - (off_top or 0)))
    if draw(st.booleans()):
        talent.append({"payee": "director", "percent_of_net_profits":
                       draw(st.integers(0, room).map(lambda n: Decimal(n).scaleb(-2)))})
    if off_top is not None:
        talent.append({"payee": "writer", "percent_of_net_profits": off_top, "paid_from": "all_net_profits"})
    if draw(st.integers(0, 9)) > 0:  # one waterfall in ten has no split: its remainder is unallocated
        tiers.append({"kind": "split", "name": "Net profits", "talent": talent,
                      "shares": {"financiers": financiers, "producers": producers},
                      "pro_rata_to": draw(st.sampled_from(["investment", "recouped"]))})
    elif not tiers:
        tiers.append({"kind": "deferment", "name": "Deferment", "payee": "director", "amount": "1"})
    return {
        "financing": lines,
        "rights": {"copyright": {"aurora": 60, "nord": 25, "vltava": 15},
                   "territories": draw(kept_territories()),
                   "world_sales": {"agent": "Sales Co", "commission": 20, "expense_cap": "60000",
                                   "term_years": 10}},
        "recoupment": {"collection_account": {"manager": "CAM Co"},
                       "participants": [{"id": "director", "name": "D", "role": "Director"},
                                        {"id": "writer", "name": "W", "role": "Writer"}],
                       "waterfall": tiers},
    }
