"""One way from a name a person types to the authority the graph means.

Researchers write 'Bristol', 'Bristol, City of', 'County Durham', 'Durham', 'E06000023',
'801' or '80469'; the graph knows each authority by its IRI. Every query, plot, profile
and API call that takes an authority resolves it here, against the authorities the store
holds (their labels, name variants, GSS codes current and former, old LA numbers and
Ofsted URNs, folded as kg.authorities folds names), and then binds the authority's IRI.
So queries compare IRIs instead of repeating a name-matching expression, the same names
work on every store, and a name that matches nothing, or two authorities, is an error
that says so and lists the closest names, never an empty answer.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from kg.authorities import candidate_keys, normalise
from kg.store import Store

_LOOKUP = """
PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?a ?label ?value WHERE {
  { ?a a ikg:LocalAuthority } UNION { ?a ikg:authorityType ?type }
  ?a rdfs:label ?label .
  { ?a rdfs:label ?value } UNION { ?a skos:altLabel ?value } UNION { ?a ikg:nameKey ?value }
  UNION { ?a ikg:gssCode ?value } UNION { ?a ikg:formerGssCode ?value }
  UNION { ?a ikg:oldLaNumber ?value } UNION { ?a ikg:ofstedUrn ?value }
}"""


class AuthorityError(ValueError):
    """A name that denotes no authority, or more than one; the message lists candidates."""


@dataclass
class AuthorityIndex:
    """The authorities of one store by every key their names and codes fold to."""

    by_key: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: Store) -> AuthorityIndex:
        index = cls()
        for row in store.query(_LOOKUP).rows:
            iri, label, value = str(row["a"]), str(row["label"]), str(row["value"])
            index.labels.setdefault(iri, label)
            key = normalise(value)
            if key:
                index.by_key.setdefault(key, set()).add(iri)
        return index

    def resolve(self, given: str) -> str:
        """The IRI of the authority ``given`` names (AuthorityError if none or several)."""
        for level in candidate_keys(given):
            hits = set().union(*(self.by_key.get(key, set()) for key in level))
            if len(hits) == 1:
                return hits.pop()
            if len(hits) > 1:
                names = "; ".join(sorted(f"{self.labels[h]} <{h}>" for h in hits))
                raise AuthorityError(
                    f"{given!r} names more than one authority: {names}; give its full name "
                    "or GSS code"
                )
        raise AuthorityError(f"no authority {given!r} in the store{self._suggest(given)}")

    def _suggest(self, given: str) -> str:
        key = normalise(given)
        close = difflib.get_close_matches(key, list(self.by_key), n=8, cutoff=0.6)
        names: list[str] = []
        for match in close:
            for iri in sorted(self.by_key[match]):
                if self.labels[iri] not in names:
                    names.append(self.labels[iri])
        if not self.labels:
            return " (it holds no authorities: build reports into it first)"
        return f" (closest: {', '.join(names[:5])})" if names else ""


def resolver_for(store: Store) -> AuthorityIndex:
    """The store's authority index (one query; read when a query names an authority)."""
    return AuthorityIndex.from_store(store)
