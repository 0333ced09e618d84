"""Names as the reports print them, without what is printed around them."""

from __future__ import annotations

import pytest

from kg.extract.header import split_names


@pytest.mark.parametrize(
    ("printed", "names"),
    [
        ("Karen Wareing (HMI)", ["Karen Wareing"]),
        ("Karen Wareing (Her Majesty's Inspector)", ["Karen Wareing"]),
        ("Jo Bloggs (Senior HMI) and Al Smith", ["Jo Bloggs", "Al Smith"]),
        ("Anne Waterman, HMI", ["Anne Waterman"]),
    ],
)
def test_lead_inspector_titles_leave_no_brackets(printed: str, names: list[str]) -> None:
    """A title printed in brackets once left them behind: 'Karen Wareing ()'."""
    assert split_names(printed) == names
