"""Printed judgement labels and grades -> concept ids of the SKOS schemes.

The ids are the contract with ontology/vocab/ (see docs/graph-model.md). Matching is by
distinctive phrases rather than whole labels because labels wrap, gain 'social work'
or lose it, and differ between frameworks.
"""

from __future__ import annotations

from kg.concepts import FRAMEWORK_IDS, GRADE_PATTERN, grade_id

__all__ = [
    "FRAMEWORK_IDS",
    "GRADE_PATTERN",
    "grade_id",
    "ilacs_area_id",
    "pre_sif_area_id",
    "sif_area_id",
]

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


# SIF (2013-2018) and the LSCB review it was combined with: (phrase, area id), most
# specific first, matched against table rows, body headings and judgement sentences.
_SIF_AREAS = [
    ("safeguarding children board", "lscb-effectiveness"),
    ("lscb", "lscb-effectiveness"),
    ("adoption", "sif-adoption-performance"),
    ("care leavers", "sif-care-leavers"),
    ("help and protection", "sif-help-and-protection"),
    ("looked after and achieving", "sif-looked-after-and-permanence"),
    ("leadership, management and governance", "sif-leadership-management-governance"),
    ("overall judgement", "sif-overall-effectiveness"),
    ("overall effectiveness", "sif-overall-effectiveness"),
    ("children's services in", "sif-overall-effectiveness"),
]

# Pre-SIF looked after children (and safeguarding) inspections: the rows of the 'Record
# of main findings' and the graded section headings of the report body.
_PRE_SIF_AREAS = [
    ("overall effectiveness", "pre-sif-overall-effectiveness"),
    ("capacity to improve", "pre-sif-capacity-for-improvement"),
    ("capacity for improvement", "pre-sif-capacity-for-improvement"),
    ("outcomes for", "pre-sif-outcomes"),
    ("quality of provision", "pre-sif-quality-of-provision"),
    ("leadership and management", "pre-sif-leadership-and-management"),
]


def sif_area_id(label: str) -> str | None:
    """Concept id of a SIF judgement area (or the LSCB's) named in ``label``."""
    text = " ".join(label.lower().split())
    return next((area for phrase, area in _SIF_AREAS if phrase in text), None)


def pre_sif_area_id(label: str) -> str | None:
    """Concept id of a pre-SIF judgement area, e.g. 'pre-sif-capacity-for-improvement'."""
    text = " ".join(label.lower().split())
    return next((area for phrase, area in _PRE_SIF_AREAS if phrase in text), None)
