"""``coprod new SLUG``: write ``projects/SLUG/project.yaml``, a commented project file to fill in.

The file shows a producer every section, with a comment on what each one holds, and passes
``coprod check`` exactly as written (a test holds it to that), so a producer edits a working file instead
of fighting a blank page. It never overwrites an existing file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from coprod.errors import UsageError

SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
"""Folder names of projects: lower-case letters, digits and inner hyphens, such as ``the-salt-road``."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """SLUG, the new project's folder name."""
    parser.add_argument("slug", metavar="SLUG", help="folder name of the new project, e.g. the-salt-road")


def run(args: argparse.Namespace) -> int:
    """Write the starter file and say what to do next."""
    path = write_project(args.slug, Path.cwd(), dt.date.today())
    print(f"wrote {path.relative_to(Path.cwd())}: fill it in, then run 'coprod check "
          f"{path.parent.relative_to(Path.cwd())}'")
    return 0


def write_project(slug: str, root: Path, today: dt.date) -> Path:
    """Write ``projects/<slug>/project.yaml`` under *root*; return its path.

    Raises:
        UsageError: the slug is not a valid folder name, or the project file already exists.
    """
    if not SLUG.fullmatch(slug):
        raise UsageError(f"expected a SLUG of lower-case letters, digits and hyphens such as the-salt-road, "
                         f"found {slug!r}")
    folder = root / "projects" / slug
    path = folder / "project.yaml"
    if path.exists():
        raise UsageError(f"{path.relative_to(root)}: the project already exists; coprod new never overwrites "
                         "a file (choose another SLUG or edit that file)")
    folder.mkdir(parents=True, exist_ok=True)
    write_schema(root / "projects")
    with path.open("x", encoding="utf-8", newline="\n") as stream:
        stream.write(starter(slug, today))
    return path


SCHEMA_FILE = "project.schema.json"
"""Written beside the project folders, so the editor hint of every project file finds it anywhere."""


def write_schema(projects: Path) -> Path:
    """Write (or bring up to date) ``projects/project.schema.json``; return its path.

    The starter's first line points editors at ``../project.schema.json``: a file that exists wherever the
    projects folder is, unlike the repository's ``docs/``. It is coprod's own file, rewritten when this
    version's schema differs.
    """
    import json
    import os

    from coprod.model.schema import project_schema

    path = projects / SCHEMA_FILE
    text = json.dumps(project_schema(), indent=2, ensure_ascii=False) + "\n"
    try:
        if path.read_text("utf-8") == text:
            return path
    except (OSError, UnicodeDecodeError):
        pass
    temp = path.with_name(f".{SCHEMA_FILE}.{os.getpid()}.tmp")
    try:
        temp.write_text(text, encoding="utf-8", newline="\n")
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)
    return path


def starter(slug: str, today: dt.date) -> str:
    """The text of a new project file for *slug*, dated *today*."""
    title = " ".join(word.capitalize() for word in slug.split("-"))
    return STARTER.replace("{{title}}", title).replace("{{date}}", today.isoformat())


STARTER = """\
# yaml-language-server: $schema=../project.schema.json
# A coprod project file. Replace every example value with the real one, then run `coprod check`.
# Every field is documented in docs/project-file.md. Amounts are exact: write them in quotes ("1250000" or
# "1250000.50"); percentages are numbers out of 100; dates are YYYY-MM-DD; countries are ISO 3166-1 codes
# (FR, CA), currencies ISO 4217 (EUR, CAD), languages ISO 639-1 (fr, en).
coprod: 1                        # version of the file format

draft:                           # printed on every document
  number: 1
  date: {{date}}

film:
  title: {{title}}
  # original_title: Title in the original language, if different
  format: fiction                # fiction | documentary | animation | series
  first_release: theatrical      # theatrical | television | online (some treaties set different limits)
  running_time_minutes: 100
  languages: [en]                # main language first
  logline: One or two sentences on what the film is about.
  # synopsis: A longer synopsis, for applications.
  set_in: [FR, CA]               # where the story is set
  territorial_logic:             # for each co-producing country: why the story belongs there
    FR: Why the story belongs in France.
    CA: Why the story belongs in Canada.

structure:
  kind: creative                 # official (under a treaty: add framework) | creative (a private deal)
  # framework: canada-france     # official co-productions only; see docs/project-file.md
  currency: EUR                  # base currency of the budget and the agreement
  exchange_rates:                # fixed for the agreement: units of the base currency for 1 unit
    CAD: "0.6400"

partners:                        # the co-producing companies; shares add up to 100
  - id: first-partner            # short id used everywhere else in this file
    company: First Partner SAS
    country: FR
    registration: RCS Paris 000 000 000
    address: Street, postcode, city, country
    role: majority               # majority | minority | financial
    delegate_producer: true      # the partner that runs the production day to day
    share: 60                    # per cent of the budget
    signatory: {name: Full Name, title: Président, email: legal@first-partner.example}
    track_record: Credits that show the company is a qualified producer.
  - id: second-partner
    company: Second Partner Inc.
    country: CA
    registration: Registry and number
    address: Street, city, province, postcode, country
    role: minority
    share: 40
    signatory: {name: Full Name, title: President, email: legal@second-partner.example}
    track_record: Credits that show the company is a qualified producer.

key_creatives:                   # nationality counts for treaty points; cast need shooting_days
  - {role: director, name: Full Name, nationality: FR}
  - {role: screenwriter, name: Full Name, nationality: CA}
  - {role: cast, name: Full Name, nationality: FR, shooting_days: 30, character: Character name}

locations:
  shooting: [FR, CA]             # main shooting country first
  post_production: CA
  # studio: FR                   # if any; otherwise the main shooting country
  # vfx: CA                      # if any

budget:                          # in the base currency; spend by country adds up to the total
  total: "1000000"
  spend_by_country:
    FR: "600000"
    CA: "400000"
  by_category:                   # optional top sheet; adds up to the total
    Above the line: "200000"
    Below the line: "550000"
    Post-production: "150000"
    Insurance, legal and contingency: "100000"

financing:                       # one line per source; each partner's lines add up to its share
  - id: first-equity             # short id, used by the waterfall
    partner: first-partner
    territory: FR                # the country the money comes from
    type: equity                 # equity | public_grant | public_loan | tax_incentive | presale |
                                 # minimum_guarantee | gap | deferment | in_kind
    source: First Partner SAS
    amount: "600000"             # in the base currency unless currency says otherwise
    status: confirmed            # confirmed | applied | planned
    recoupable: true             # recouped from receipts (premium: per cent on top, if any)
  - id: second-equity
    partner: second-partner
    territory: CA
    type: equity
    source: Second Partner Inc.
    amount: "625000"
    currency: CAD
    status: confirmed            # applied or planned money is a warning that escalates as the shoot nears
    recoupable: true

rights:
  copyright: {first-partner: 60, second-partner: 40}   # per cent; adds up to 100
  territories:                   # territories a partner keeps and exploits itself
    - partner: first-partner
      countries: [FR]
      market_rationale: Why this split is fair, e.g. the relative size of the French market.
      # common_pot_above: "500000"  # receipts above this go into the collection account
    - partner: second-partner
      countries: [CA]
      market_rationale: Why this split is fair, e.g. the relative size of the Canadian market.
  world_sales:                   # the sales agent for every other territory
    agent: Sales Company Name
    commission: 20               # per cent of gross receipts
    expense_cap: "50000"
    term_years: 10

recoupment:                      # who is paid what, in this order
  collection_account: {manager: Collection Account Manager Name}
  participants:                  # talent and others paid by the waterfall
    - {id: director, name: Full Name, role: Director}
  waterfall:                     # kind: fee | expense | corridor | recoup | deferment | split
    - {name: Collection account fee, kind: fee, payee: cam, percent: 1, basis: at_source}
    - {name: Sales commission, kind: fee, payee: sales_agent, percent: 20, basis: at_source}
    - {name: Sales expenses, kind: expense, payee: sales_agent, cap: "50000"}
    - {name: Equity, kind: recoup, pari_passu: [first-equity, second-equity]}
    - name: Net profits
      kind: split
      shares: {financiers: 50, producers: 50}
      talent:
        - {payee: director, percent_of_net_profits: 5}

accounting:                      # collection account statements (coprod statement, receipts.csv)
  period: quarter                # month | quarter | half
  statements_from: 2028-07-01    # first day the statements cover
  reserve: {percent: 10, periods: 2}
  audit: {notice_days: 30, years_back: 3}

control:
  approvals:                     # 'all' or a list of partner ids
    script: all
    director: all
    lead_cast: all
    heads_of_department: all
    final_cut: [first-partner]
    budget_changes: {threshold_percent: 5, approvers: all}
  deadlock:                      # shares, spend by country, key creatives' nationality and language
                                 # versions are reserved: no casting vote decides them
    decides: first-partner       # whose decision prevails after the waiting period
    after_business_days: 10
    excluded: []                 # approvals the deciding partner cannot decide alone, e.g. [final_cut]

delivery:                        # what each partner delivers, and when
  - {partner: first-partner, item: DCP and IMF masters, due: 2028-06-30}
  - {partner: second-partner, item: Canadian delivery materials, due: 2028-07-31}

timeline:                        # kind: development | financing | application | shoot | post |
                                 #       delivery | release | other
  - {milestone: Applications to funds, kind: application, date: 2027-01-15, parties: all}
  - {milestone: Principal photography, kind: shoot, start: 2027-06-01, end: 2027-07-15}
  - {milestone: Post-production, kind: post, start: 2027-08-01, end: 2027-12-15}
  - {milestone: Delivery, kind: delivery, date: 2028-06-30}

insurance:
  production_package: true
  errors_and_omissions: true
  # completion_bond: {guarantor: Guarantor Name, fee_percent: 2}

legal:
  governing_law: FR              # a country, or a jurisdiction where a country has several (GB-EAW, CA-QC)
  disputes: {kind: arbitration, rules: ICC, seat: FR, city: Paris, language: en}  # or kind: courts
  language: en                   # language of the agreement's authentic (signed) text

# Where each checklist task stands, by task id (the Id column of tracker.xlsx), so the tracker round-trips:
progress: {}
  # first-partner.sign-agreement: {status: done, evidence: Signed in Paris, done_on: 2027-01-15}

# Consents and approvals the competent authorities have given, with the rule ids coprod check names:
consents: []
  # - {authority: CNC, country: FR, date: 2027-03-01, reference: CNC/27-12,
  #    consented_to: a 12% share, rules: [CA-FR-14FR]}
"""
