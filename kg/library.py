"""The query library: ``queries/*.rq``, their header metadata, and safe parameter binding.

Each library query starts with a comment block that people read and code parses::

    # title: Improvement summary as at a date
    # question: Of the authorities inspected more than once under ILACS, how many ...
    #   (a line that starts with '#' and two spaces continues the previous field)
    # param: as_of (date, default 2024-03-31): count inspections started on or before it
    # param: source (one of statistics|reports, default statistics): which facts to count
    # column: improved: authorities whose latest grade is better than their first

A parameter appears in the SPARQL as the variable ``?_name``. Binding replaces each
occurrence with one RDF term serialised from the validated value (a typed literal or an
IRI), never with the raw text: a value is checked against its declared type first, and
the term's serialisation escapes everything that could end it, so no value can change
the query's structure. Substituting terms (rather than appending a VALUES block) reaches
into sub-SELECTs too, whose variables an outer VALUES block cannot bind, and works the
same on every store, embedded or remote.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kg.resources import queries_dir

Resolve = Callable[[str], str]
"""Turns a name of an authority into its IRI (kg.resolver); raises ValueError if it cannot."""

XSD = "http://www.w3.org/2001/XMLSchema#"
TYPES = ("date", "string", "iri", "integer", "decimal", "choice", "authority", "name")


class QueryNotFound(Exception):
    """No library query of that name and no such .rq file."""


class ParameterError(ValueError):
    """A parameter that the query does not declare, or a value of the wrong type."""


class HeaderError(ValueError):
    """A library query whose header block cannot be parsed."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    meaning: str
    choices: tuple[str, ...] = ()

    def describe_type(self) -> str:
        return f"one of {'|'.join(self.choices)}" if self.type == "choice" else self.type


COLUMN_TYPES = (
    "string", "integer", "decimal", "boolean", "date", "iri", "grade", "set", "names",
)  # fmt: skip
"""What a column holds, so results print and load alike whatever engine answered (Virtuoso
answers booleans as 1/0 and integers as xsd:int): kg.results makes each value canonical."""


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    type: str | None = None
    """One of COLUMN_TYPES, from '# column: name (type): meaning'; None: as returned."""


@dataclass
class LibraryQuery:
    name: str
    path: Path
    text: str
    title: str = ""
    question: str = ""
    parameters: list[Parameter] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)

    def bind(self, values: dict[str, str] | None = None, resolve: Resolve | None = None) -> str:
        """The SPARQL text with every parameter replaced by its validated RDF term.

        ``resolve`` turns an authority parameter's name into the authority's IRI; it is
        needed only when such a parameter has a value (kg.resolver builds one per store).
        """
        return bind(self, values or {}, resolve)

    @property
    def takes_authority(self) -> bool:
        return any(p.type == "authority" for p in self.parameters)

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "title": self.title,
            "question": self.question,
            "parameters": [
                {
                    "name": p.name,
                    "type": p.type,
                    "choices": list(p.choices),
                    "default": p.default,
                    "meaning": p.meaning,
                }
                for p in self.parameters
            ],
            "columns": [
                {"name": c.name, "type": c.type, "meaning": c.meaning} for c in self.columns
            ],
        }


_FIELD = re.compile(r"^#\s?(title|question|param|column):\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<name>[a-z][a-z0-9_]*)\s*\((?P<type>[a-z]+)(?:\s+of\s+(?P<choices>[^,)]+))?"
    r"(?:,\s*default\s+(?P<default>[^)]*))?\)\s*:\s*(?P<meaning>.*)$"
)
_COLUMN = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s*(?:\((?P<type>[a-z]+)\))?\s*:\s*(?P<meaning>.*)$"
)


def parse_header(name: str, path: Path, text: str, require_title: bool = True) -> LibraryQuery:
    """Read the header block (the comment lines before the first SPARQL line)."""
    query = LibraryQuery(name=name, path=path, text=text)
    fields: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _FIELD.match(line)
        if match:
            fields.append((match.group(1), match.group(2).strip()))
        elif line.startswith("#  ") and fields:
            kind, value = fields[-1]
            fields[-1] = (kind, f"{value} {line[1:].strip()}".strip())
    for kind, value in fields:
        if kind == "title":
            query.title = value
        elif kind == "question":
            query.question = value
        elif kind == "param":
            query.parameters.append(_parameter(path, value))
        else:
            column = _COLUMN.match(value)
            if not column:
                raise HeaderError(f"{path}: malformed column line {value!r}")
            if column["type"] and column["type"] not in COLUMN_TYPES:
                raise HeaderError(
                    f"{path}: column {column['name']}: unknown type {column['type']!r}"
                )
            query.columns.append(Column(column["name"], column["meaning"], column["type"]))
    if require_title and not query.title:
        raise HeaderError(f"{path}: the header has no '# title:' line")
    return query


def _parameter(path: Path, value: str) -> Parameter:
    match = _PARAM.match(value)
    if not match:
        raise HeaderError(
            f"{path}: malformed parameter line {value!r} "
            "(expected 'name (type, default VALUE): meaning')"
        )
    kind = "choice" if match["type"] == "one" else match["type"]
    if kind not in TYPES:
        raise HeaderError(f"{path}: parameter {match['name']}: unknown type {kind!r}")
    choices = tuple(c.strip() for c in (match["choices"] or "").split("|") if c.strip())
    if kind == "choice" and not choices:
        raise HeaderError(f"{path}: parameter {match['name']}: 'one of' needs choices")
    default = match["default"]
    if default is not None:
        default = default.strip()
        default = "" if default == '""' else default
    parameter = Parameter(match["name"], kind, default, match["meaning"].strip(), choices)
    if default is not None and kind != "authority":
        term(parameter, default)  # a default must be a valid value itself
    return parameter


def term(parameter: Parameter, value: str, resolve: Resolve | None = None) -> str:
    """The SPARQL serialisation of ``value`` as ``parameter``'s type, or ParameterError.

    An authority is bound as its IRI, found by ``resolve``; an empty value (where the
    query takes '' for 'every authority') as the empty string.
    """
    name = parameter.name
    if parameter.type == "authority":
        if not value.strip():
            return '""'
        if resolve is None:
            raise ParameterError(f"{name}: an authority's name needs a store to resolve it in")
        try:
            return f"<{resolve(value)}>"
        except ValueError as exc:
            raise ParameterError(f"{name}: {exc}") from None
    if parameter.type == "date":
        try:
            return f'"{date.fromisoformat(value).isoformat()}"^^<{XSD}date>'
        except ValueError:
            raise ParameterError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None
    if parameter.type == "integer":
        if not re.fullmatch(r"[+-]?\d{1,18}", value.strip()):
            raise ParameterError(f"{name}: {value!r} is not an integer")
        # a bare integer token: the same RDF term as "42"^^xsd:integer, and the only form
        # SPARQL allows after LIMIT and OFFSET
        return str(int(value))
    if parameter.type == "decimal":
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value.strip()):
            raise ParameterError(f"{name}: {value!r} is not a decimal number")
        return f'"{value.strip()}"^^<{XSD}decimal>'
    if parameter.type == "iri":
        # RFC 3987 forbids these characters in an IRI; SPARQL's IRIREF excludes them too,
        # so an IRI that passes cannot close the <...> it is written in.
        if not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]+", value):
            raise ParameterError(f"{name}: {value!r} is not an absolute IRI")
        return f"<{value}>"
    if parameter.type == "name":
        from kg.authorities import lookup_key

        return _string_literal(lookup_key(value))
    if parameter.type == "choice" and value not in parameter.choices:
        raise ParameterError(f"{name}: {value!r} is not one of {', '.join(parameter.choices)}")
    return _string_literal(value)


def _string_literal(value: str) -> str:
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def bind(query: LibraryQuery, values: dict[str, str], resolve: Resolve | None = None) -> str:
    declared = {p.name: p for p in query.parameters}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise ParameterError(
            f"{query.name}: unknown parameter {', '.join(unknown)} (parameters: {known})"
        )
    terms: dict[str, str] = {}
    for name, parameter in declared.items():
        value = values.get(name, parameter.default)
        if value is None:
            raise ParameterError(f"{query.name}: parameter {name} needs a value")
        terms[name] = term(parameter, value, resolve)
    text = _optional_blocks(query, {n: values.get(n, p.default) or "" for n, p in declared.items()})
    # the placeholder is a whole variable token: ?_as_of never matches inside ?_as_of_x
    return re.sub(
        r"\?_([a-z][a-z0-9_]*)\b",
        lambda m: terms.get(m.group(1), m.group(0)),
        text,
    )


_IF = re.compile(r"^\s*# if: (?P<name>[a-z][a-z0-9_]*)\s*$")
_END = re.compile(r"^\s*# end\s*$")


def _optional_blocks(query: LibraryQuery, values: dict[str, str]) -> str:
    """The text without the blocks of parameters left empty.

    A block is the lines between '# if: name' and '# end': a filter that applies only
    when the parameter has a value. Leaving it out (rather than writing
    'FILTER (?_x = "" || ...)') costs nothing where it is unset on every engine: Oxigraph
    evaluates both sides of ||, and Virtuoso an IF's EXISTS, for every row.
    """
    if "# if:" not in query.text:
        return query.text
    out: list[str] = []
    keep: bool | None = None
    for line in query.text.splitlines(keepends=True):
        opened = _IF.match(line)
        if opened:
            if keep is not None or opened["name"] not in values:
                raise HeaderError(f"{query.path}: a stray or nested '# if: {opened['name']}'")
            keep = bool(values[opened["name"]].strip())
            continue
        if _END.match(line):
            if keep is None:
                raise HeaderError(f"{query.path}: '# end' without '# if:'")
            keep = None
            continue
        if keep is not False:
            out.append(line)
    if keep is not None:
        raise HeaderError(f"{query.path}: an '# if:' block is not closed")
    return "".join(out)


def library() -> list[LibraryQuery]:
    """Every query of ``queries/``, by name."""
    return [load(path.stem) for path in sorted(queries_dir().glob("*.rq"))]


def load(spec: str) -> LibraryQuery:
    """A library query by name, or any .rq file by path (its header is optional there)."""
    path = Path(spec)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise QueryNotFound(f"{spec}: no such query file")
        text = path.read_text(encoding="utf-8")
        try:
            return parse_header(path.stem, path, text)
        except HeaderError:
            return LibraryQuery(name=path.stem, path=path, text=text)
    named = queries_dir() / f"{spec}.rq"
    if named.is_file():
        return parse_header(spec, named, named.read_text(encoding="utf-8"))
    names = sorted(p.stem for p in queries_dir().glob("*.rq"))
    close = difflib.get_close_matches(spec, names, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else "`ikg queries` lists them"
    raise QueryNotFound(f"{spec}: no such library query ({hint})")


def query_text(
    spec: str, values: dict[str, str] | None = None, resolve: Resolve | None = None
) -> str:
    """SPARQL text for '-' (standard input), a .rq file or a library name, bound."""
    return read_query(spec).bind(values, resolve)


def sparql_text(text: str) -> LibraryQuery:
    """SPARQL given as text (the Python API). A header block, where it has one, declares
    parameters and column types as in the library (no title needed); a malformed header
    line is a HeaderError, never silently ignored."""
    return parse_header("sparql", Path("<sparql text>"), text, require_title=False)


_SPARQL_START = re.compile(
    r"^\s*(?:#[^\n]*\n\s*)*(?:PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|DROP"
    r"|CLEAR|LOAD|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)


def looks_like_sparql(spec: str) -> bool:
    """Text that starts (after comments) with a SPARQL keyword, or holds a brace: no
    library name or file path does. Updates count too, so they are refused as updates
    rather than reported as unknown names."""
    return "{" in spec or bool(_SPARQL_START.match(spec))


def read_query(spec: str) -> LibraryQuery:
    """'-' (standard input), a .rq file or a library name, as a LibraryQuery."""
    if spec == "-":
        text = sys.stdin.read()
        try:
            return parse_header("-", Path("-"), text)
        except HeaderError:
            return LibraryQuery(name="-", path=Path("-"), text=text)
    return load(spec)
