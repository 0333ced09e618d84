"""Forty ways users spell an authority, each resolved to the one register entry it means,
by the Python resolver (every query parameter of type authority) and by SPARQL alone
(the authority-lookup query over ikg:nameKey, as a server without this code would)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.library import library, load
from kg.querying import bound_text, run_query
from kg.reference import ensure_reference_graphs
from kg.resolver import AuthorityError, resolver_for
from kg.store import Store, open_store

SPELLINGS = [
    # (as typed, GSS code meant)
    ("Bristol", "E06000023"),
    ("Bristol, City of", "E06000023"),
    ("City of Bristol", "E06000023"),
    ("Bristol City Council", "E06000023"),
    ("BRISTOL", "E06000023"),
    ("  bristol  city ", "E06000023"),
    ("E06000023", "E06000023"),
    ("801", "E06000023"),
    ("80441", "E06000023"),
    ("Durham", "E06000047"),
    ("County Durham", "E06000047"),
    ("Durham County Council", "E06000047"),
    ("Hull", "E06000010"),
    ("Kingston upon Hull", "E06000010"),
    ("Kingston Upon Hull, City of", "E06000010"),
    ("Hull City Council", "E06000010"),
    ("Herefordshire, County of", "E06000019"),
    ("Herefordshire Council", "E06000019"),
    ("Telford & Wrekin", "E06000020"),
    ("Telford and Wrekin Council", "E06000020"),
    ("stoke-on-trent", "E06000021"),
    ("Stoke on Trent City Council", "E06000021"),
    ("Southend", "E06000033"),
    ("Southend-on-Sea City Council", "E06000033"),
    ("Windsor & Maidenhead", "E06000040"),
    ("Royal Borough of Windsor and Maidenhead", "E06000040"),
    ("Brighton & Hove City Council", "E06000043"),
    ("St Helens", "E08000013"),
    ("St. Helens Council", "E08000013"),
    ("Saint Helens", "E08000013"),
    ("Barking & Dagenham", "E09000002"),
    ("London Borough of Barking and Dagenham", "E09000002"),
    ("Hammersmith & Fulham", "E09000013"),
    ("Kingston upon Thames", "E09000021"),
    ("Royal Borough of Kingston upon Thames", "E09000021"),
    ("Richmond upon Thames", "E09000027"),
    ("BCP", "E06000058"),
    ("Bournemouth, Christchurch & Poole", "E06000058"),
    ("North Northamptonshire Council", "E06000061"),
    ("Medway Council", "E06000035"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The embedded store users query, holding only the register and vocabulary."""
    path = tmp_path_factory.mktemp("resolver") / "store"
    with open_store(path, write=True) as opened:
        ensure_reference_graphs(opened)
    with open_store(path) as opened:
        yield opened


def test_forty_spellings() -> None:
    assert len(SPELLINGS) == 40
    assert len({s for s, _ in SPELLINGS}) == 40


@pytest.mark.parametrize(("typed", "gss"), SPELLINGS)
def test_the_resolver_finds_the_authority_meant(store: Store, typed: str, gss: str) -> None:
    assert resolver_for(store).resolve(typed).endswith(f"/authority/{gss}")


@pytest.mark.parametrize(("typed", "gss"), SPELLINGS)
def test_sparql_alone_finds_it_too(store: Store, typed: str, gss: str) -> None:
    """authority-lookup matches on the register's ikg:nameKey with no Python resolver:
    the same answer a researcher gets from the SPARQL endpoint of a shared server."""
    result = run_query("authority-lookup", store, {"authority": typed})
    codes = {str(row["gss_code"]) for row in result.rows}
    assert gss in codes, (typed, codes)


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("Bristal", "Bristol, City of"), ("Hampshir", "Hampshire"), ("Westminister", "Westminster")],
)
def test_a_misspelt_name_is_an_error_naming_the_closest(
    store: Store, typed: str, suggested: str
) -> None:
    with pytest.raises(AuthorityError) as raised:
        resolver_for(store).resolve(typed)
    assert f"no authority {typed!r}" in str(raised.value)
    assert suggested in str(raised.value)


def test_a_shared_name_is_an_error_naming_both(store: Store) -> None:
    """Dorset is the county abolished in 2019 and the council that replaced it."""
    with pytest.raises(AuthorityError, match="more than one authority"):
        resolver_for(store).resolve("Dorset")


AUTHORITY_QUERIES = sorted(
    q.name for q in library() if any(p.type == "authority" for p in q.parameters)
)


def test_every_authority_query_takes_a_name() -> None:
    assert len(AUTHORITY_QUERIES) >= 12


@pytest.mark.parametrize("name", AUTHORITY_QUERIES)
def test_every_authority_query_binds_every_spelling(store: Store, name: str) -> None:
    """Each query that takes an authority is given the IRI the spelling means (the query
    then asks for that authority alone), and runs."""
    query = load(name)
    (parameter,) = [p.name for p in query.parameters if p.type == "authority"]
    for typed, gss in SPELLINGS:
        text = bound_text(query, store, {parameter: typed})
        assert f"/authority/{gss}>" in text, (name, typed)
    run_query(query, store, {parameter: SPELLINGS[0][0]})


@pytest.mark.parametrize("typed", ["Hampshire", "HAMPSHIRE", "Hampshire County Council",
                                   "E10000014", "80472", "850"])  # fmt: skip
def test_profile_and_plots_take_every_spelling(
    sample_store: Path, typed: str, tmp_path: Path
) -> None:
    from kg.plots import trajectories_figure
    from kg.profile import profile_html

    with open_store(sample_store) as opened:
        page = profile_html(opened, typed)
        assert "<h1>Hampshire</h1>" in page and "2019-04-29" in page
        trajectories_figure(opened, typed, neighbours=2)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import SAMPLES

    from kg.pipeline import build

    path = tmp_path_factory.mktemp("resolver-sample") / "store"
    with open_store(path, write=True) as opened:
        build([SAMPLES], opened)
    return path
