"""The ILACS cover table's printed variants, as small excerpts."""

from __future__ import annotations

from kg.extract.judgements import extract_judgements
from kg.read import read_bytes

# Bristol 2018: 'Requires improvement' beside a label's first line, 'to be good' beside
# (or below) the label's continuation.
WRAPPED = """Bristol City of
Inspection of children's social care services
Judgement Grade
The impact of leaders on social work practice with children
and families Good
The experiences and progress of children who need help and Requires improvement
to be good
protection
The experiences and progress of children in care and care Requires improvement
leavers to be good
Overall effectiveness Requires improvement
to be good
Since the single inspection framework (SIF) inspection in 2014 services have improved.
"""


def test_grade_wrapped_around_the_label() -> None:
    doc = read_bytes(WRAPPED.encode(), path="x.txt")
    judgements, _ = extract_judgements(doc, "ILACS")
    assert [(j.area, j.area_label, j.grade_label, j.grade) for j in judgements] == [
        ("ilacs-impact-of-leaders",
         "The impact of leaders on social work practice with children and families", "Good",
         "good"),
        ("ilacs-help-and-protection",
         "The experiences and progress of children who need help and protection",
         "Requires improvement to be good", "requires-improvement"),
        ("ilacs-children-in-care-and-care-leavers",
         "The experiences and progress of children in care and care leavers",
         "Requires improvement to be good", "requires-improvement"),
        ("ilacs-overall-effectiveness", "Overall effectiveness",
         "Requires improvement to be good", "requires-improvement"),
    ]  # fmt: skip
    for j in judgements:
        assert j.span is not None
        quoted = doc.text[j.span.start : j.span.end].replace("\n", " ")
        assert all(word in quoted for word in j.area_label.split() + j.grade_label.split())
