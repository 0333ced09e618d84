"""Plain dataclasses for extracted facts.

Extraction produces these and nothing else; RDF mapping consumes them. Keeping them free
of rdflib means the extractor can be tested, pickled across a process pool and serialised
to the JSON contract without touching a triple.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Span:
    """Half-open character range [start, end) in the report's normalised text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")


@dataclass
class Source:
    """Where a report came from: the file users hold, identified by its content."""

    path: str
    sha256: str
    media_type: str
    url: str | None = None
    """Where Ofsted publishes this file, when the shipped manifest knows its content."""

    @property
    def name(self) -> str:
        """The file's own name, without the folders it happens to sit in."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass
class Authority:
    """A local authority as printed, resolved against the shipped register when possible."""

    name: str
    gss_code: str | None = None
    ofsted_urn: str | None = None
    register_name: str | None = None


@dataclass
class Judgement:
    area_label: str
    area: str | None
    grade_label: str
    grade: str | None
    span: Span | None = None


@dataclass
class Recommendation:
    n: int
    """The number the report prints (SIF numbers recommendations in the sequence of its
    paragraphs: 1-10, then 96-97 for the LSCB), or the position in the list where the
    report prints bullets."""
    text: str
    national_framework: list[str] = field(default_factory=list)
    """Tags as printed ('Outcome 2', 'Enabler 1: ...')."""
    span: Span | None = None
    themes: list[str] = field(default_factory=list)
    """Theme concept ids (ontology/vocab/themes.ttl)."""
    national_framework_elements: list[str] = field(default_factory=list)
    """Concept ids of the national-framework scheme the raw tags resolve to."""
    evidence_paragraphs: list[int] = field(default_factory=list)
    evidence_findings: list[tuple[int, int]] = field(default_factory=list)
    """(paragraph number, finding number) of each supporting finding, best first."""
    position: int = 0
    """1-based place among the report's recommendations in reading order (unique, where
    a printed number may not be: an unnumbered LSCB list after numbered ones)."""
    numbered: bool = False
    """Whether ``n`` is printed in the report (else it is the position in its list)."""
    addressee: str = "local-authority"
    """The body it is addressed to: 'local-authority' or 'lscb' (the Local Safeguarding
    Children Board, in SIF reports and LSCB reviews)."""
    timescale: str | None = None
    """When it is to be done, where the report says ('Immediately', 'Within three months')."""
    evidence_scores: list[float] = field(default_factory=list)
    """How strongly each of ``evidence_findings`` supports it (same order)."""


@dataclass
class Section:
    title: str
    area: str | None
    first_paragraph: int | None
    last_paragraph: int | None
    span: Span | None = None
    grade_label: str | None = None


@dataclass
class Paragraph:
    n: int
    section: int
    """Index into the report's ``sections`` list (0-based)."""
    text: str
    span: Span


@dataclass
class Finding:
    """One sentence of a numbered paragraph, with the polarity the rules gave it."""

    paragraph: int
    """Paragraph number (``Paragraph.n``)."""
    k: int
    """1-based position of the sentence in its paragraph."""
    text: str
    span: Span
    polarity: str
    """'strength' | 'weakness' | 'mixed' | 'neutral'."""
    cue: str
    """The cue phrase and rule that decided the polarity, for audit."""
    confidence: str = "high"
    """'high' or 'low' (the rules were unsure)."""
    themes: list[str] = field(default_factory=list)


@dataclass
class Mention:
    """A span of a finding that names a service, team or body of the authority."""

    paragraph: int
    finding: int
    """The finding's ``k`` within its paragraph."""
    surface: str
    """The words as printed."""
    span: Span
    service_type: str | None
    """Concept id of the service-type scheme, or None when the context does not tell."""
    service: str
    """Key of the authority's service this mention names: the service type id, or
    'local-' + slug of the local name for a locally named service."""
    local_name: str | None = None
    type_label: str | None = None
    """The service type's name in its scheme ('Multi-agency safeguarding hub'), so the
    graph can name a service without reading the vocabulary again."""


@dataclass
class Inspection:
    start_date: date | None
    end_date: date | None
    lead_inspectors: list[str] = field(default_factory=list)
    type: str | None = None


@dataclass
class Report:
    """Everything extracted from one document."""

    source: Source
    document_type: str
    framework: str
    authority: Authority
    inspection: Inspection
    title: str | None = None
    publication_date: date | None = None
    publication_basis: str | None = None
    """Where the publication date comes from: 'printed' (the report prints it),
    'manifest' (the shipped manifest, by the file's sha256) or 'file-name'."""
    judgements: list[Judgement] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    text: str = ""
    """The normalised report text that every span points into."""
