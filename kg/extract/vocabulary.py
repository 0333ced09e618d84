"""Printed judgement labels and grades -> concept ids of the SKOS schemes.

The ids are the contract with ontology/vocab/ (see docs/graph-model.md). Matching is by
distinctive phrases rather than whole labels because labels wrap, gain 'social work'
or lose it, and differ between frameworks.
"""

from __future__ import annotations

import re

FRAMEWORK_IDS = {"pre-SIF": "pre-sif", "SIF": "sif", "ILACS": "ilacs", "ILACS-2026": "ilacs-2026"}

# Longest wording first, so 'requires improvement to be good' wins over its prefix.
GRADE_PATTERN = re.compile(
    r"Requires\s+improvement\s+to\s+be\s+good|Requires\s+improvement|Outstanding|Good"
    r"|Inadequate|Adequate",
    re.IGNORECASE,
)
_GRADES = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement to be good": "requires-improvement",
    "requires improvement": "requires-improvement",
    "adequate": "adequate",
    "inadequate": "inadequate",
}


def grade_id(label: str) -> str | None:
    return _GRADES.get(" ".join(label.lower().split()))


# (phrase in the lower-cased label, area id without the framework prefix), most specific first
_ILACS_AREAS = [
    ("impact of leaders", "impact-of-leaders"),
    ("help and protection", "help-and-protection"),
    ("children in care and care leavers", "children-in-care-and-care-leavers"),
    ("care leavers", "care-leavers"),
    ("children in care", "children-in-care"),
    ("overall effectiveness", "overall-effectiveness"),
]


def ilacs_area_id(label: str, framework: str) -> str | None:
    """Concept id of an ILACS judgement area, e.g. 'ilacs-help-and-protection'."""
    text = " ".join(label.lower().split())
    prefix = FRAMEWORK_IDS[framework]
    for phrase, area in _ILACS_AREAS:
        if phrase in text:
            if area == "care-leavers" and "children in care" in text:
                continue
            return f"{prefix}-{area}"
    return None
