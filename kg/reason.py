"""OWL reasoning (HermiT through owlready2) over the ontology plus report individuals.

A check, not a build step (about a second per report): does a report graph contradict the
ontology (an IRI used as two disjoint things, two grades for one judgement), is any class
unsatisfiable, and which types follow from the axioms. ``ikg reason`` and the tests run it.

HermiT accepts only the datatypes of the OWL 2 datatype map, which lacks ``xsd:date``
(owlready2's bundled Pellet would accept it but needs a newer Java than the one we run).
So before the graph reaches the reasoner we drop every triple that carries or names such a
datatype (the inspection dates, ``rdfs:range xsd:date``), and the report texts
(``nif:isString``, ``nif:anchorOf``), which no axiom constrains and which only make the
reasoner's input larger. The result counts what was dropped and why: "consistent" does not
mean "dates checked".
"""

from __future__ import annotations

import shutil
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import owlready2
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.rdf.namespaces import NIF
from kg.rdf.triples import Triple
from kg.resources import ontology_files

# The OWL 2 datatype map (OWL 2 Structural Specification, section 4), plus rdf:langString,
# which language-tagged literals carry in RDF 1.1 and which HermiT reads as rdf:PlainLiteral.
_XSD_NAMES = (
    "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger",
    "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte", "double", "float", "string", "normalizedString", "token",
    "language", "Name", "NCName", "NMTOKEN", "boolean", "hexBinary", "base64Binary", "anyURI",
    "dateTime", "dateTimeStamp",
)  # fmt: skip
OWL2_DATATYPES: frozenset[URIRef] = frozenset(
    [RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational]
    + [XSD[name] for name in _XSD_NAMES]
)

TEXT_PREDICATES: frozenset[URIRef] = frozenset([NIF.isString, NIF.anchorOf])
"""Literal-valued properties that hold report text: nothing to reason about, often large."""

REASON_DATATYPE = "value or axiom uses a datatype outside the OWL 2 datatype map (e.g. xsd:date)"
REASON_TEXT = "report text (nif:isString, nif:anchorOf) that no axiom constrains"


class ReasonerUnavailableError(RuntimeError):
    """Java, which HermiT runs on, is not installed or not on PATH."""


class ReasoningError(RuntimeError):
    """The reasoner failed for a reason other than an inconsistent ontology."""


@dataclass
class ReasoningResult:
    """What HermiT concluded about the ontology plus the data given to ``reason``."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    """IRIs of named classes equivalent to owl:Nothing (empty when inconsistent)."""
    inferred_types: dict[str, list[str]] = field(default_factory=dict)
    """Individual IRI -> IRIs of classes it belongs to but was not asserted to (no owl:Thing)."""
    dropped_triples: int = 0
    dropped_reasons: dict[str, int] = field(default_factory=dict)
    """Why triples were left out of the reasoner's input, with counts."""
    seconds: float = 0.0


def drop_reason(triple: Triple) -> str | None:
    """Why a triple must be left out of HermiT's input, or None to keep it."""
    _, predicate, obj = triple
    if predicate in TEXT_PREDICATES:
        return REASON_TEXT
    if isinstance(obj, Literal):
        unsupported = obj.datatype is not None and obj.datatype not in OWL2_DATATYPES
    else:  # a datatype named in an axiom, e.g. rdfs:range xsd:date
        unsupported = str(obj).startswith(str(XSD)) and obj not in OWL2_DATATYPES
    return REASON_DATATYPE if unsupported else None


def _triples(graph: Graph) -> Iterator[Triple]:
    """Triples of a graph; for a Dataset, of all its named graphs and its default graph."""
    if isinstance(graph, Dataset):
        for s, p, o, _ in graph.quads((None, None, None, None)):
            yield s, p, o
    else:
        yield from graph.triples((None, None, None))


def prepare_input(graphs: Iterable[Graph]) -> tuple[Graph, Counter[str]]:
    """Merge graphs into one that HermiT accepts; count the triples left out, by reason."""
    merged = Graph()
    dropped: Counter[str] = Counter()
    for graph in graphs:
        for triple in _triples(graph):
            reason = drop_reason(triple)
            if reason is None:
                merged.add(triple)
            else:
                dropped[reason] += 1
    return merged, dropped


DECLARATION_TYPES: frozenset[URIRef] = frozenset([
    OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.Ontology,
    RDFS.Datatype, RDF.Property,
])  # fmt: skip


def declare_individuals(merged: Graph, data: Graph | None) -> set[URIRef]:
    """Declare each individual owl:NamedIndividual: owlready2 ignores an IRI it has no type
    for (an inspector known only as the object of ikg:leadInspector), and so would miss the
    type HermiT infers for it. Individuals: IRIs the data mentions, and IRIs typed by a class."""
    terms = {s for s, o in merged.subject_objects(RDF.type) if o in DECLARATION_TYPES}
    classes = set(merged.subjects(RDF.type, OWL.Class))
    individuals = {s for s, o in merged.subject_objects(RDF.type) if o in classes}
    if data is not None:
        for s, p, o in _triples(data):
            individuals.add(s)
            if p != RDF.type:
                individuals.add(o)
    named = {node for node in individuals if isinstance(node, URIRef)} - terms
    for node in named:
        merged.add((node, RDF.type, OWL.NamedIndividual))
    return named


def _check_java() -> None:
    if shutil.which(owlready2.JAVA_EXE) is None:
        raise ReasonerUnavailableError(
            f"reasoning needs Java (HermiT runs on it), but {owlready2.JAVA_EXE!r} was not "
            "found on PATH: install a Java runtime (17 or newer) and try again"
        )


def _named_types(individual: owlready2.Thing) -> set[str]:
    """IRIs of every named class an individual belongs to (owl:Thing excluded)."""
    return {
        cls.iri
        for cls in individual.INDIRECT_is_a
        if isinstance(cls, owlready2.ThingClass) and cls is not owlready2.Thing
    }


def _remove_leaked_dump(marker: str, since: float) -> None:
    """Delete the dump owlready2 leaves in the temp dir when HermiT fails (it removes it only
    on success); the marker IRI, unique to this call, keeps other processes' files safe."""
    needle = marker.encode()
    for path in Path(tempfile.gettempdir()).glob("tmp*"):
        try:
            if path.is_file() and path.stat().st_mtime >= since and needle in path.read_bytes():
                path.unlink()
        except OSError:  # vanished or unreadable: not ours to worry about
            continue


def reason(data: Graph | None = None) -> ReasoningResult:
    """Run HermiT over the ontology, its vocabularies and ``data`` (a report graph).

    Each call uses a fresh owlready2 World, so calls do not leak individuals or inferences
    into one another or into owlready2's default world. An inconsistent input gives
    ``consistent=False``; a missing Java raises ``ReasonerUnavailableError``.
    """
    _check_java()
    started = time.perf_counter()
    ontology = Graph()
    for path in ontology_files():
        ontology.parse(path)
    graphs = [ontology] if data is None else [ontology, data]
    merged, dropped = prepare_input(graphs)
    individuals = declare_individuals(merged, data)
    marker = f"urn:uuid:{uuid.uuid4()}"
    merged.add((URIRef(marker), RDFS.comment, Literal("kg.reason input")))
    since = time.time() - 1

    consistent = True
    unsatisfiable: list[str] = []
    inferred: dict[str, list[str]] = {}
    world = owlready2.World()
    try:
        with tempfile.TemporaryDirectory(prefix="ikg-reason-") as tmp:
            path = Path(tmp) / "input.nt"
            merged.serialize(path, format="nt", encoding="utf-8")
            world.get_ontology(path.as_uri()).load(format="ntriples")
        try:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            _remove_leaked_dump(marker, since)
            consistent = False
        except owlready2.OwlReadyJavaError as error:
            _remove_leaked_dump(marker, since)
            raise ReasoningError(f"HermiT failed: {error}") from error
        if consistent:
            unsatisfiable = sorted(
                cls.iri for cls in world.inconsistent_classes() if cls is not owlready2.Nothing
            )
            for iri in individuals:
                individual = world[str(iri)]
                if isinstance(individual, owlready2.Thing):
                    asserted = {str(o) for o in merged.objects(iri, RDF.type)}
                    if new := _named_types(individual) - asserted:
                        inferred[str(iri)] = sorted(new)
    finally:
        world.close()
    return ReasoningResult(
        consistent=consistent,
        unsatisfiable=unsatisfiable,
        inferred_types=dict(sorted(inferred.items())),
        dropped_triples=sum(dropped.values()),
        dropped_reasons=dict(dropped),
        seconds=time.perf_counter() - started,
    )


def format_result(result: ReasoningResult, max_individuals: int = 20) -> str:
    """A summary a person can read: verdict, unsatisfiable classes, inferences, omissions."""
    lines = [
        f"consistent: {'yes' if result.consistent else 'NO'}",
        f"unsatisfiable classes: {len(result.unsatisfiable)}",
    ]
    lines += [f"  {iri}" for iri in result.unsatisfiable]
    total = sum(len(types) for types in result.inferred_types.values())
    lines.append(
        f"inferred types: {total} on {len(result.inferred_types)} individuals"
        if result.consistent
        else "inferred types: none (an inconsistent graph entails everything)"
    )
    for iri, types in list(result.inferred_types.items())[:max_individuals]:
        lines.append(f"  {iri}")
        lines += [f"    a {cls}" for cls in types]
    hidden = len(result.inferred_types) - max_individuals
    if hidden > 0:
        lines.append(f"  ... and {hidden} more individuals")
    lines.append(f"triples left out of the reasoner's input (unchecked): {result.dropped_triples}")
    lines += [f"  {count}: {why}" for why, count in sorted(result.dropped_reasons.items())]
    lines.append(f"time: {result.seconds:.1f} s")
    return "\n".join(lines)


def reason_about(source: Path | None) -> ReasoningResult:
    """:func:`reason` over the ontology plus a report file (PDF or text, extracted and
    mapped) or an RDF file, or the ontology alone when ``source`` is None.

    Raises ReadError/ExtractError/MappingError as one-line reasons for report files and
    RdfFileError for RDF files.
    """
    from kg.rdffiles import REPORT_SUFFIXES, read_graphs

    if source is None:
        return reason(None)
    data = Graph()
    if source.suffix.lower() in REPORT_SUFFIXES:
        from kg.pipeline import extract_file
        from kg.rdf.report import report_graph

        for report in extract_file(source):
            data += report_graph(report)[1]
    else:
        for _, graph in read_graphs(source):
            data += graph
    return reason(data)
