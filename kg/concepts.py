"""Concept ids of the project's SKOS schemes that code names (ontology/vocab/).

The ids are the contract between the extracted dataclasses, the imported statistics and
the RDF mapping (docs/graph-model.md): extraction and kg.sources produce them, kg.rdf
mints concept IRIs from them. Keeping them in one module beside kg.model means neither
side imports the other to agree on a name.
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
    # SIF prints the grade as a verb phrase too ('services require improvement').
    "require improvement to be good": "requires-improvement",
    "require improvement": "requires-improvement",
    "adequate": "adequate",
    "inadequate": "inadequate",
}


def grade_id(label: str) -> str | None:
    return _GRADES.get(" ".join(label.lower().split()))
