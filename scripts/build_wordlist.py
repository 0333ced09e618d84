"""Write kg/data/words.txt: the words Ofsted's reports use, to judge a reading's quality.

A damaged PDF can still 'open' and give text whose glyphs map to the wrong letters
('7KH&RUSRUDWH' for 'The Corporate'); the share of a reading's words found in this list
tells such a reading from a sound one (kg.read.quality). The list is the lower-cased
words printed in the numbered paragraphs of the shared corpus (Ofsted reports, Open
Government Licence v3.0) that occur at least 5 times in at least 3 reports.

    python scripts/build_wordlist.py ../shared/corpus/reports
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from kg.pipeline import collect_files, extract_file

WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")


def main(folder: str) -> None:
    counts: Counter[str] = Counter()
    reports: Counter[str] = Counter()
    for path in collect_files([folder]):
        try:
            found = extract_file(path, evidence=False)
        except Exception:
            continue
        seen: set[str] = set()
        for report in found:
            for paragraph in report.paragraphs:
                words = [w.lower() for w in WORD.findall(paragraph.text)]
                counts.update(words)
                seen.update(words)
        reports.update(seen)
    words = sorted(w for w, n in counts.items() if n >= 5 and reports[w] >= 3)
    out = Path(__file__).resolve().parents[1] / "kg" / "data" / "words.txt"
    out.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/reports")
