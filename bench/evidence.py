"""The evidence layer against the hand-labelled set: how often it agrees with a reader.

    python bench/evidence.py [--corpus ../shared/corpus] [--labels tests/evaluation]
                             [--part dev|test|all] [--jobs N] [--confusion] [--misses]

Prints, for the chosen part of the labelled set (tests/evaluation/README.md says how it
was made and split): polarity accuracy (strict, and counting a borderline sentence's
alternative label as right), precision and recall per class, Cohen's kappa; the recall
and precision of recommendation -> evidence paragraph links, by addressee; the recall of
locally named services; the share of findings given no theme where a reader gave one,
and theme precision and recall. Also the off-the-shelf baseline is not run here: it was
measured once (see the README's table).
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kg.evaluate import CLASSES, Evaluation, evaluate, load_set, report_path
from kg.model import Report
from kg.pipeline import extract_file

ROOT = Path(__file__).resolve().parents[1]


def _extract(path: Path) -> Report:
    return extract_file(path)[0]


def extract_reports(corpus: Path, stems: list[str], jobs: int) -> dict[str, Report]:
    paths = [report_path(corpus, stem) for stem in stems]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        sys.exit(f"reports missing from the corpus: {', '.join(missing)}")
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return dict(zip(stems, pool.map(_extract, paths), strict=True))


def print_evaluation(result: Evaluation, confusion: bool, misses: bool) -> None:
    pol = result.polarity
    print(f"polarity: {pol.accuracy} strict, {pol.lenient} counting borderline alternatives")
    print(f"  Cohen's kappa {pol.kappa():.3f}; sentences with no finding: {len(pol.unmatched)}")
    for label, (precision, recall) in pol.per_class().items():
        if precision.total or recall.total:
            print(f"  {label:<13} precision {precision}  recall {recall}")
    if confusion:
        print("  confusion (reader -> tool):")
        for (gold, tool), n in sorted(pol.confusion().items()):
            if gold != tool:
                print(f"    {gold:>12} -> {tool:<12} {n}")
    links = result.links
    print(
        f"recommendation evidence: recall {links.recall_direct} of direct links, "
        f"{links.recall_all} of all; precision {links.precision}"
    )
    print(f"  recommendations found {links.matched}; addressee right {links.addressee}; "
          f"printed number right {links.number}")  # fmt: skip
    for addressee, part in sorted(links.by_addressee.items()):
        print(
            f"  {addressee:<16} recall {part.recall_direct} precision {part.precision} "
            f"(found {part.matched})"
        )
    local = result.local
    print(
        f"local named services: recall {local.recall} (borderline ones: {local.recall_borderline})"
    )
    themes = result.themes
    print(
        f"themes: themeless {themes.themeless}; precision {themes.precision}, "
        f"recall {themes.recall}"
    )
    if misses:
        for name in local.missed:
            print(f"  missed local name: {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--labels", type=Path, default=ROOT / "tests" / "evaluation")
    parser.add_argument("--part", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--confusion", action="store_true")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    labels = load_set(args.labels)
    stems = sorted(labels.part(args.part))
    reports = extract_reports(args.corpus, stems, args.jobs)
    parts = ("dev", "test") if args.part == "all" else (args.part,)
    for part in parts:
        print(f"== {part}: {len(labels.part(part))} reports ==")
        print_evaluation(evaluate(labels, reports, part), args.confusion, args.misses)
    if args.part == "all":
        print(f"== all: {len(stems)} reports ==")
        print_evaluation(evaluate(labels, reports, "all"), args.confusion, args.misses)
    assert set(CLASSES)


if __name__ == "__main__":
    main()
