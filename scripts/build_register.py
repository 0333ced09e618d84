"""Build kg/data/authorities.csv, the shipped authority register, from the DfE/Ofsted lookup.

Usage: python scripts/build_register.py /work/shared/reference/la-lookup.csv \
           --out kg/data/authorities.csv [--neighbours-out kg/data/lookup-neighbours.csv]

The lookup holds only current codes (plus a few abolished authorities), yet reports go
back to 2014 and statistics use the codes of their year. The curated tables below add the
code changes and abolitions since 2013, each cited to the ONS code history (Code History
Database, "Register of geographic codes" change notes). The script refuses to write a
register whose codes disagree with the lookup, so a typo in a curated row fails loudly.
The output is deterministic, so a test can rebuild it and compare bytes.

With ``--neighbours-out`` it also writes the lookup's own statistical-neighbour lists
(``stat_neighbours``, old LA numbers, closest first) in DfE's layout, so that
``kg.sources.neighbours`` reads them like DfE's file and the register graph can state
both lists without the shared folder at run time.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from datetime import date
from pathlib import Path

from kg.authorities import COLUMNS, Register, RegisterEntry, normalise
from kg.sources.neighbours import LIST_LENGTH, Neighbour, NeighbourRow, write_neighbours

GSS = re.compile(r"E(06|08|09|10)\d{6}")

# Ofsted's regions are the ONS regions except one: its North East, Yorkshire and the Humber
# region covers two ONS regions (as the official statistics' 'Ofsted region' column shows).
OFSTED_REGION = {
    "North East": "North East, Yorkshire and the Humber",
    "Yorkshire and the Humber": "North East, Yorkshire and the Humber",
}

# Official ONS region codes (E12). The lookup's rgn22cd is wrong for two rows
# (Buckinghamshire, Gloucestershire) while its region names are right, so codes are
# taken from the name.
REGION_CODES = {
    "North East": "E12000001", "North West": "E12000002",
    "Yorkshire and the Humber": "E12000003", "East Midlands": "E12000004",
    "West Midlands": "E12000005", "East of England": "E12000006", "London": "E12000007",
    "South East": "E12000008", "South West": "E12000009",
}  # fmt: skip

# GSS entity prefixes (ONS Register of Geographic Codes). The lookup's ons_la_type lags
# reorganisations (it calls the 2023 unitaries North Yorkshire, Cumberland and
# Westmorland and Furness "County"), so the type is derived from the code.
TYPES = {
    "E06": "Unitary Authority", "E08": "Metropolitan District", "E09": "London Borough",
    "E10": "County",
}  # fmt: skip

# Code changes of continuing authorities: (current code, former code).
CODE_CHANGES = [
    # ONS code history: Barnsley/Sheffield boundary change, new codes from 1 April 2014.
    ("E08000038", "E08000016"),  # Barnsley
    ("E08000039", "E08000019"),  # Sheffield
    # ONS code history: Gateshead/Northumberland boundary change, new codes 1 April 2013.
    ("E08000037", "E08000020"),  # Gateshead
    ("E06000057", "E06000048"),  # Northumberland
    # ONS code history: Buckinghamshire county became a unitary authority on 1 April 2020.
    ("E06000060", "E10000002"),  # Buckinghamshire
    # ONS code history: North Yorkshire and Somerset counties became unitary on 1 April 2023.
    ("E06000065", "E10000023"),  # North Yorkshire
    ("E06000066", "E10000027"),  # Somerset
]

# Abolished children's services authorities:
# code -> (name, valid_to, successors, ofsted region, la_number if not in the lookup).
ABOLISHED = {
    # ONS code history: Bournemouth, Poole and Christchurch merged into Bournemouth,
    # Christchurch and Poole (E06000058) on 1 April 2019 (Bournemouth, Dorset and Poole
    # (Structural Changes) Order 2018).
    "E06000028": ("Bournemouth", "2019-03-31", ("E06000058",), "South West", "837"),
    "E06000029": ("Poole", "2019-03-31", ("E06000058",), "South West", None),
    # ONS code history: Dorset county abolished 1 April 2019; its area outside Christchurch
    # became the Dorset unitary (E06000059), Christchurch went to BCP (E06000058).
    "E10000009": ("Dorset", "2019-03-31", ("E06000059", "E06000058"), "South West", "835"),
    # ONS code history: Northamptonshire county abolished 1 April 2021 (Northamptonshire
    # (Structural Changes) Order 2020), replaced by
    # North Northamptonshire (E06000061) and West Northamptonshire (E06000062).
    "E10000021": ("Northamptonshire", "2021-03-31", ("E06000061", "E06000062"),
                  "East Midlands", None),
    # ONS code history: Cumbria county abolished 1 April 2023 (SI 2022/331), replaced by Cumberland
    # (E06000063) and Westmorland and Furness (E06000064).
    "E10000006": ("Cumbria", "2023-03-31", ("E06000063", "E06000064"), "North West", None),
}  # fmt: skip

# Names printed on covers and in statistics that no rule below derives.
EXTRA_VARIANTS = {
    "E06000011": ("East Riding",),
    "E06000058": ("BCP", "BCP Council"),
    "E06000019": ("County of Herefordshire", "Herefordshire, County of"),
    "E06000033": ("Southend",),
    "E09000001": ("London Corporation", "City of London Corporation"),
    "E08000021": ("Newcastle",),
    "E06000059": ("Dorset Council",),
    "E10000009": ("Dorset County",),
    "E06000028": ("Bournemouth Borough",),
    "E06000029": ("Borough of Poole",),
}


def derived_variants(name: str) -> list[str]:
    """Systematic alternative spellings of an ONS/DfE name.

    Reports and statistics print 'Bristol', 'City of Bristol' or 'Bristol City' for
    'Bristol, City of', '&' or 'and', 'St' or 'St.'; deriving these by rule keeps the
    curated list short and treats every authority alike.
    """
    name = name.replace(" Upon ", " upon ")
    out = [name]
    inverted = re.fullmatch(r"(.+), (City|County) of", name)
    if inverted:
        base, kind = inverted.groups()
        out += [base, f"{kind} of {base}", f"{base} {kind}"]
    for variant in list(out):
        out += [variant.replace(" and ", " & "), variant.replace(" & ", " and ")]
    for variant in list(out):
        out += [re.sub(r"\bSt\. ", "St ", variant), re.sub(r"\bSt\.? ", "Saint ", variant)]
    if name.startswith("Kingston upon Hull"):
        out += ["Hull", "Hull City"]
    if name == "Durham":
        out += ["County Durham"]
    if name.endswith(" Borough"):
        out += [name.removesuffix(" Borough")]
    return out


def _unique(values: list[str], drop: str = "") -> tuple[str, ...]:
    """Variants in first-seen order, without ones differing only in case from another."""
    seen = {drop.casefold()}
    out = []
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return tuple(out)


def _aka(value: str, names: list[str]) -> list[str]:
    """The lookup's also_known_as cell, e.g. '[BCP, Bournemouth, Christchurch & Poole]'.

    Items are comma-separated but names contain commas; splitting blindly would make
    'Bournemouth' a name of BCP. Adjacent pieces are rejoined when together they spell
    one of the row's own names.
    """
    inner = value.strip().removeprefix("[").removesuffix("]")
    parts = [p.strip() for p in inner.split(", ") if p.strip()]
    known = {normalise(n) for n in names}
    items, i = [], 0
    while i < len(parts):
        j = next(
            (j for j in range(len(parts), i + 1, -1)
             if normalise(", ".join(parts[i:j])) in known),
            i + 1,
        )  # fmt: skip
        items.append(", ".join(parts[i:j]))
        i = j
    return items


def build(lookup: Path) -> list[RegisterEntry]:
    with lookup.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["la_code_new"]: r for r in csv.DictReader(handle)}
    former = {new: [] for new, _ in CODE_CHANGES}
    for new, old in CODE_CHANGES:
        if new not in rows or old in rows:
            sys.exit(f"code change {old} -> {new} disagrees with {lookup}")
        former[new].append(old)
    predecessors: dict[str, list[str]] = {}
    for old, (name, _, successors, _, _) in ABOLISHED.items():
        if old in rows and normalise(rows[old]["local_authority_ons_name"]) != normalise(name):
            sys.exit(f"{old} is {rows[old]['local_authority_ons_name']} in {lookup}, not {name}")
        for new in successors:
            if new not in rows or new in ABOLISHED:
                sys.exit(f"successor {new} of {old} is not a current authority in {lookup}")
            predecessors.setdefault(new, []).append(old)

    entries = []
    for code, row in rows.items():
        name = row["local_authority_ons_name"].strip()
        region = row["rgn22nm"].replace("The Humber", "the Humber")
        if row["rgn22cd"] != REGION_CODES[region]:
            print(
                f"note: {code} {name}: rgn22cd {row['rgn22cd']} but region {region}; "
                f"using {REGION_CODES[region]}",
                file=sys.stderr,
            )
        abolished = ABOLISHED.get(code)
        names = derived_variants(name)
        others = [row["ltla23nm"].strip(), row["utla23nm"].strip()]
        for other in others + _aka(row["also_known_as"], [name, *others]):
            names += derived_variants(other)
        entries.append(RegisterEntry(
            gss_code=code, ofsted_urn=row["urn"].strip() or None,
            la_number=row["la_code"].strip() or None, name=name, type=TYPES[code[:3]],
            ofsted_region=OFSTED_REGION.get(region, region), ons_region_code=REGION_CODES[region],
            former_gss_codes=tuple(sorted(former.get(code, ()))),
            status="abolished" if abolished else "current",
            successors=abolished[2] if abolished else (),
            predecessors=tuple(sorted(predecessors.get(code, ()))),
            valid_to=None if abolished is None else date.fromisoformat(abolished[1]),
            name_variants=_unique(names + list(EXTRA_VARIANTS.get(code, ())), drop=name),
        ))  # fmt: skip
    for code, (name, valid_to, successors, region, la_number) in ABOLISHED.items():
        if code in rows:
            continue
        entries.append(RegisterEntry(
            gss_code=code, ofsted_urn=None, la_number=la_number, name=name,
            type=TYPES[code[:3]], ofsted_region=OFSTED_REGION.get(region, region),
            ons_region_code=REGION_CODES[region], status="abolished", successors=successors,
            valid_to=date.fromisoformat(valid_to),
            name_variants=_unique(derived_variants(name) + list(EXTRA_VARIANTS.get(code, ())),
                                  drop=name),
        ))  # fmt: skip
    entries.sort(key=lambda e: e.gss_code)
    bad = [e.gss_code for e in entries if not GSS.fullmatch(e.gss_code)]
    if bad:
        sys.exit(f"malformed GSS codes: {bad}")
    Register(tuple(entries))  # refuses duplicate codes and URNs
    _check_names(entries)
    return entries


def _check_names(entries: list[RegisterEntry]) -> None:
    """Fail when two authorities share a name, unless one succeeded the other.

    Only then can the inspection date decide ('Dorset' before and after 2019); any other
    shared name would make the resolver give up on real reports.
    """
    by_code = {e.gss_code: e for e in entries}
    owners: dict[str, set[str]] = {}
    for entry in entries:
        for variant in (entry.name, *entry.name_variants):
            owners.setdefault(normalise(variant), set()).add(entry.gss_code)
    for key, codes in owners.items():
        for a in codes:
            for b in codes - {a}:
                if a not in by_code[b].successors and b not in by_code[a].successors:
                    sys.exit(f"name {key!r} is shared by unrelated authorities {a} and {b}")


def write(entries: list[RegisterEntry], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for e in entries:
            writer.writerow([
                e.gss_code, e.ofsted_urn or "", e.la_number or "", e.name, e.type,
                e.ofsted_region, e.ons_region_code, ";".join(e.former_gss_codes), e.status,
                ";".join(e.successors), ";".join(e.predecessors),
                e.valid_to.isoformat() if e.valid_to else "", ";".join(e.name_variants),
            ])  # fmt: skip


def _codes(cell: str) -> list[str]:
    return [c.strip() for c in cell.split(",") if c.strip()]


def lookup_neighbours(lookup: Path, entries: list[RegisterEntry]) -> list[NeighbourRow]:
    """The lookup's ``stat_neighbours`` lists, checked against its GSS-code copy.

    Rows with no list (abolished authorities) are left out; the lookup's
    ``stat_neighbours_previous`` (an older model with nine-entry rows) is not used.
    """
    by_la = {e.la_number: e for e in entries if e.la_number}
    register = Register(tuple(entries))
    rows = []
    with lookup.open(encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            numbers = _codes(row["stat_neighbours"])
            if not numbers:
                continue
            gss = _codes(row["stat_neighbours_la_code"])
            if len(numbers) != LIST_LENGTH or len(gss) != LIST_LENGTH:
                sys.exit(f"{lookup}, line {line}: {len(numbers)} neighbours, not {LIST_LENGTH}")
            for number, code in zip(numbers, gss, strict=True):
                entry, holder = by_la.get(number), register.by_gss(code)
                if entry is None or entry is not holder:
                    sys.exit(f"{lookup}, line {line}: neighbour {number} is not {code}")
            neighbours = tuple(Neighbour(k, n) for k, n in enumerate(numbers, start=1))
            name = row["local_authority_ons_name"].strip()
            rows.append(NeighbourRow(row["la_code"].strip(), name, neighbours, line))
    return sorted(rows, key=lambda r: r.la_number)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lookup", type=Path, help="la-lookup.csv (DfE/Ofsted LA lookup)")
    parser.add_argument("--out", type=Path, required=True, help="register CSV to write")
    parser.add_argument("--neighbours-out", type=Path, help="lookup's neighbour lists to write")
    args = parser.parse_args(argv)
    entries = build(args.lookup)
    write(entries, args.out)
    print(f"wrote {len(entries)} authorities to {args.out}", file=sys.stderr)
    if args.neighbours_out is not None:
        rows = lookup_neighbours(args.lookup, entries)
        write_neighbours(rows, args.neighbours_out)
        print(f"wrote {len(rows)} neighbour lists to {args.neighbours_out}", file=sys.stderr)


if __name__ == "__main__":
    main()
