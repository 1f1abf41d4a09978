"""The claims as a DNA 3 database: a ``.dna`` file Leifeld's Discourse Network Analyzer opens.

DNA 3 (the Discourse Network Analyzer, 3.x, and rDNA, its R package) keeps a project in
one SQLite file. :func:`write_dna_database` writes claims in that format, following the
schema and the default rows DNA itself creates (``Sql.createTables`` in
``dna/src/main/java/sql/Sql.java`` of the repository leifeld/dna, commit 2adbf78, DNA
3.0.11.5; the test fixture ``tests/fixtures/dna/schema.sql`` holds those statements):

- ``SETTINGS``: ``version`` 3.0.11.5 and ``date`` 2025-02-05, the DNA release whose schema
  this is (DNA opens a database only when its version starts with ``3.0``);
- ``STATEMENTTYPES``, ``VARIABLES``, ``ATTRIBUTEVARIABLES``: DNA's defaults, among them
  the statement type "DNA Statement" with ``person``, ``organization``, ``concept`` (short
  text) and ``agreement`` (boolean), and "Annotation" with ``note`` (long text);
- ``CODERS``: DNA's ``Admin`` (ID 1), then one coder per coder of the claims (the extractor
  and its version and model, or the person who coded a file by hand), each with its own
  colour, all with the password :data:`DNA_PASSWORD` (hashed as DNA hashes passwords);
- ``DOCUMENTS``: one per article, its title, its text, its date (DNA stores seconds since
  1970 in UTC; an article without a date gets 0, and its notes say so), the authors as
  ``Author``, the publisher as ``Source``, ``news article`` as ``Type`` and, in ``Notes``,
  the article id, URL and dateline;
- ``STATEMENTS``: one per claim, its evidence as ``Start``/``Stop`` character offsets into
  the document text, coded by the coder of its article. A claim on an issue with a stance
  of polarity +1 or -1 is a "DNA Statement": ``person`` the actor's name, ``organization``
  the side's label, ``concept`` the issue's label, ``agreement`` 1 (support) or 0
  (oppose). A claim that DNA's boolean ``agreement`` cannot hold or that the analysis leaves
  out of every network (a neutral stance, polarity 0, or no issue: ``unclassified``) is an
  "Annotation" instead, whose ``note`` names the actor, side, stance, issue and position:
  it is marked in the text, and DNA's networks (built from "DNA Statement") stay those of
  stancegraph;
- ``ENTITIES`` and ``ATTRIBUTEVALUES``: one entity per distinct value (DNA cuts values at
  190 characters; two ids with one label get their id added, so DNA never merges them),
  with the attributes ``Type``, ``Alias`` and ``Notes`` (the stancegraph id) that DNA gives
  every entity.

Line breaks ``\\r\\n`` and ``\\r`` become ``\\n`` (the offsets follow): DNA's text panel
reads the text that way, and its statement table takes ``SUBSTR(Text, Start + 1, Stop -
Start)``, so both show the evidence. Offsets count code points, as ``SUBSTR`` does; Java
counts UTF-16 units, so in a text with characters beyond U+FFFF (emoji) DNA's text panel
may mark a statement one place off per such character before it.

The database is built in memory and written with :func:`~stancegraph.textio.write_atomic`
(a temporary file renamed over the target); fixed ids, a fixed order and ``VACUUM`` make
the same claims give the same bytes.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from stancegraph.analysis.source import ClaimRecord
from stancegraph.errors import OutputError
from stancegraph.textio import write_atomic
from stancegraph.vocab.model import UNCLASSIFIED

if TYPE_CHECKING:
    from stancegraph.analysis.result import Analysis
    from stancegraph.claims.io import ArticleClaims
    from stancegraph.store.base import GraphStore
    from stancegraph.store.terms import RDFTerm
    from stancegraph.vocab.model import Vocabulary

__all__ = [
    "ADMIN_CODER_ID",
    "DNA_DATE",
    "DNA_PASSWORD",
    "DNA_VERSION",
    "DnaCoder",
    "DnaDocument",
    "DnaLabels",
    "DnaSummary",
    "dna_database_bytes",
    "documents_from_claims",
    "documents_from_store",
    "labels_from_analysis",
    "labels_from_vocabulary",
    "password_hash",
    "read_documents",
    "write_dna_database",
]

#: The DNA release whose schema the database follows (``Dna.version`` and ``Dna.date``).
DNA_VERSION = "3.0.11.5"
DNA_DATE = "2025-02-05"
#: The password of every coder in the database (DNA asks for one when it opens a file).
DNA_PASSWORD = "stancegraph"
#: DNA's ``Admin`` coder; the coders of the claims follow from ID 2.
ADMIN_CODER_ID = 1

# Statement types and variables: DNA's defaults, ids as DNA gives them.
_DNA_STATEMENT, _ANNOTATION = 1, 3
_PERSON, _ORGANIZATION, _CONCEPT, _AGREEMENT, _NOTE = 1, 2, 3, 4, 11
_SHORT_TEXT = (_PERSON, _ORGANIZATION, _CONCEPT)
_STATEMENT_TYPES = (
    (1, "DNA Statement", 239, 208, 51),
    (2, "NPF Story Element", 100, 200, 190),
    (3, "Annotation", 211, 211, 211),
)
_VARIABLES = (
    (1, "person", "short text", 1),
    (2, "organization", "short text", 1),
    (3, "concept", "short text", 1),
    (4, "agreement", "boolean", 1),
    (5, "narrator", "short text", 2),
    (6, "victim", "short text", 2),
    (7, "villain", "short text", 2),
    (8, "plot", "short text", 2),
    (9, "hero", "short text", 2),
    (10, "policy solution", "short text", 2),
    (11, "note", "long text", 3),
)
#: (id, variable id, name): DNA gives person, organization and concept these three.
_ATTRIBUTE_VARIABLES = tuple(
    (i + 1, variable, name)
    for i, (name, variable) in enumerate(
        (name, variable) for name in ("Type", "Alias", "Notes") for variable in _SHORT_TEXT
    )
)
_NOTES_ATTRIBUTE = {variable: i for i, variable, name in _ATTRIBUTE_VARIABLES if name == "Notes"}
_ADMIN_COLOUR = (255, 255, 0)
_CODER_COLOURS = (
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
)
#: DNA's limit on names, titles, labels and values: ``CHECK (LENGTH(x) < 191)``.
_MAX = 190
_ENTITY_KINDS = {_PERSON: "actor", _ORGANIZATION: "side", _CONCEPT: "issue"}

# The tables of a DNA 3 SQLite database, column for column, as Sql.createTables declares them.
_SCHEMA = """
CREATE TABLE SETTINGS(
    Property TEXT PRIMARY KEY,
    Value TEXT NOT NULL);
CREATE TABLE CODERS(
    ID INTEGER NOT NULL PRIMARY KEY,
    Name TEXT NOT NULL CHECK (LENGTH(Name) < 191),
    Red INTEGER NOT NULL DEFAULT 0 CHECK (Red BETWEEN 0 AND 255),
    Green INTEGER NOT NULL DEFAULT 0 CHECK (Green BETWEEN 0 AND 255),
    Blue INTEGER NOT NULL DEFAULT 0 CHECK (Blue BETWEEN 0 AND 255),
    Refresh INTEGER NOT NULL CHECK (Refresh BETWEEN 0 AND 9999) DEFAULT 0,
    FontSize INTEGER NOT NULL CHECK (FontSize BETWEEN 1 AND 99) DEFAULT 14,
    Password TEXT NOT NULL CHECK (LENGTH(Password) < 191),
    PopupWidth INTEGER CHECK (PopupWidth BETWEEN 100 AND 9999) DEFAULT 300,
    ColorByCoder INTEGER NOT NULL CHECK (ColorByCoder BETWEEN 0 AND 1) DEFAULT 0,
    PopupDecoration INTEGER NOT NULL CHECK (PopupDecoration BETWEEN 0 AND 1) DEFAULT 0,
    PopupAutoComplete INTEGER NOT NULL CHECK (PopupAutoComplete BETWEEN 0 AND 1) DEFAULT 1,
    PermissionAddDocuments INTEGER NOT NULL
        CHECK (PermissionAddDocuments BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditDocuments INTEGER NOT NULL
        CHECK (PermissionEditDocuments BETWEEN 0 AND 1) DEFAULT 1,
    PermissionDeleteDocuments INTEGER NOT NULL
        CHECK (PermissionDeleteDocuments BETWEEN 0 AND 1) DEFAULT 1,
    PermissionImportDocuments INTEGER NOT NULL
        CHECK (PermissionImportDocuments BETWEEN 0 AND 1) DEFAULT 1,
    PermissionAddStatements INTEGER NOT NULL
        CHECK (PermissionAddStatements BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditStatements INTEGER NOT NULL
        CHECK (PermissionEditStatements BETWEEN 0 AND 1) DEFAULT 1,
    PermissionDeleteStatements INTEGER NOT NULL
        CHECK (PermissionDeleteStatements BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditAttributes INTEGER NOT NULL
        CHECK (PermissionEditAttributes BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditRegex INTEGER NOT NULL
        CHECK (PermissionEditRegex BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditStatementTypes INTEGER NOT NULL
        CHECK (PermissionEditStatementTypes BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditCoders INTEGER NOT NULL
        CHECK (PermissionEditCoders BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditCoderRelations INTEGER NOT NULL
        CHECK (PermissionEditCoderRelations BETWEEN 0 AND 1) DEFAULT 1,
    PermissionViewOthersDocuments INTEGER NOT NULL
        CHECK (PermissionViewOthersDocuments BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditOthersDocuments INTEGER NOT NULL
        CHECK (PermissionEditOthersDocuments BETWEEN 0 AND 1) DEFAULT 1,
    PermissionViewOthersStatements INTEGER NOT NULL
        CHECK (PermissionViewOthersStatements BETWEEN 0 AND 1) DEFAULT 1,
    PermissionEditOthersStatements INTEGER NOT NULL
        CHECK (PermissionEditOthersStatements BETWEEN 0 AND 1) DEFAULT 1);
CREATE TABLE DOCUMENTS(
    ID INTEGER NOT NULL PRIMARY KEY,
    Title TEXT NOT NULL CHECK (LENGTH(Title) < 191),
    Text TEXT NOT NULL,
    Coder INTEGER,
    Author TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Author) < 191),
    Source TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Source) < 191),
    Section TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Section) < 191),
    Notes TEXT NOT NULL DEFAULT '',
    Type TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Type) < 191),
    Date INTEGER NOT NULL,
    FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE);
CREATE TABLE STATEMENTTYPES(
    ID INTEGER NOT NULL PRIMARY KEY,
    Label TEXT NOT NULL CHECK (LENGTH(Label) < 191),
    Red INTEGER NOT NULL DEFAULT 0 CHECK (Red BETWEEN 0 AND 255),
    Green INTEGER NOT NULL DEFAULT 0 CHECK (Green BETWEEN 0 AND 255),
    Blue INTEGER NOT NULL DEFAULT 0 CHECK (Blue BETWEEN 0 AND 255));
CREATE TABLE VARIABLES(
    ID INTEGER NOT NULL PRIMARY KEY,
    Variable TEXT NOT NULL CHECK (LENGTH(Variable) < 191),
    DataType TEXT NOT NULL CHECK (DataType = 'boolean' OR DataType = 'integer'
        OR DataType = 'long text' OR DataType = 'short text') DEFAULT 'short text',
    StatementTypeId INTEGER,
    FOREIGN KEY(StatementTypeId) REFERENCES STATEMENTTYPES(ID) ON DELETE CASCADE,
    UNIQUE (Variable, StatementTypeId));
CREATE TABLE VARIABLELINKS(
    ID INTEGER NOT NULL PRIMARY KEY,
    SourceVariableId INTEGER,
    TargetVariableId INTEGER,
    CHECK (TargetVariableId != SourceVariableId),
    FOREIGN KEY(SourceVariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE,
    FOREIGN KEY(TargetVariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE);
CREATE TABLE REGEXES(
    Label TEXT PRIMARY KEY CHECK (LENGTH(Label) < 191),
    Red INTEGER NOT NULL DEFAULT 0 CHECK (Red BETWEEN 0 AND 255),
    Green INTEGER NOT NULL DEFAULT 0 CHECK (Green BETWEEN 0 AND 255),
    Blue INTEGER NOT NULL DEFAULT 0 CHECK (Blue BETWEEN 0 AND 255));
CREATE TABLE CODERRELATIONS(
    ID INTEGER NOT NULL PRIMARY KEY,
    Coder INTEGER CHECK(Coder > 0),
    OtherCoder INTEGER CHECK(OtherCoder > 0),
    viewStatements INTEGER NOT NULL DEFAULT 1 CHECK(viewStatements BETWEEN 0 AND 1),
    editStatements INTEGER NOT NULL DEFAULT 1 CHECK(editStatements BETWEEN 0 AND 1),
    viewDocuments INTEGER NOT NULL DEFAULT 1 CHECK(viewDocuments BETWEEN 0 AND 1),
    editDocuments INTEGER NOT NULL DEFAULT 1 CHECK(editDocuments BETWEEN 0 AND 1),
    CHECK (Coder != OtherCoder),
    FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE,
    FOREIGN KEY(OtherCoder) REFERENCES CODERS(ID) ON DELETE CASCADE);
CREATE TABLE STATEMENTS(
    ID INTEGER NOT NULL PRIMARY KEY,
    StatementTypeId INTEGER,
    DocumentId INTEGER,
    Start INTEGER NOT NULL CHECK(Start >= 0),
    Stop INTEGER NOT NULL CHECK(Stop >= 0),
    Coder INTEGER,
    CHECK (Start < Stop),
    FOREIGN KEY(StatementTypeId) REFERENCES STATEMENTTYPES(ID) ON DELETE CASCADE,
    FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE,
    FOREIGN KEY(DocumentId) REFERENCES DOCUMENTS(ID) ON DELETE CASCADE);
CREATE TABLE DATABOOLEAN(
    ID INTEGER PRIMARY KEY NOT NULL,
    StatementId INTEGER NOT NULL,
    VariableId INTEGER NOT NULL,
    Value INTEGER NOT NULL DEFAULT 1,
    FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE,
    FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE,
    UNIQUE (StatementId, VariableId));
CREATE TABLE DATAINTEGER(
    ID INTEGER PRIMARY KEY NOT NULL,
    StatementId INTEGER NOT NULL,
    VariableId INTEGER NOT NULL,
    Value INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE,
    FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE,
    UNIQUE (StatementId, VariableId));
CREATE TABLE ENTITIES(
    ID INTEGER PRIMARY KEY NOT NULL,
    VariableId INTEGER NOT NULL,
    Value TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Value) < 191),
    Red INTEGER CHECK (Red BETWEEN 0 AND 255),
    Green INTEGER CHECK (Green BETWEEN 0 AND 255),
    Blue INTEGER CHECK (Blue BETWEEN 0 AND 255),
    ChildOf INTEGER CHECK(ChildOf > 0),
    UNIQUE (VariableId, Value),
    FOREIGN KEY(ChildOf) REFERENCES ENTITIES(ID) ON DELETE CASCADE,
    FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE);
CREATE TABLE DATASHORTTEXT(
    ID INTEGER PRIMARY KEY NOT NULL,
    StatementId INTEGER NOT NULL,
    VariableId INTEGER NOT NULL,
    Entity INTEGER NOT NULL,
    FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE,
    FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE,
    FOREIGN KEY(Entity) REFERENCES ENTITIES(ID) ON DELETE CASCADE,
    UNIQUE (StatementId, VariableId));
CREATE TABLE DATALONGTEXT(
    ID INTEGER PRIMARY KEY NOT NULL,
    StatementId INTEGER NOT NULL,
    VariableId INTEGER NOT NULL,
    Value TEXT DEFAULT '',
    FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE,
    FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE,
    UNIQUE (StatementId, VariableId));
CREATE TABLE ATTRIBUTEVARIABLES(
    ID INTEGER PRIMARY KEY NOT NULL,
    VariableId INTEGER NOT NULL,
    AttributeVariable TEXT NOT NULL CHECK (LENGTH(AttributeVariable) < 191),
    UNIQUE(VariableId, AttributeVariable),
    FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE);
CREATE TABLE ATTRIBUTEVALUES(
    ID INTEGER PRIMARY KEY NOT NULL,
    EntityId INTEGER NOT NULL,
    AttributeVariableId INTEGER NOT NULL,
    AttributeValue TEXT NOT NULL DEFAULT '' CHECK (LENGTH(AttributeValue) < 191),
    UNIQUE (EntityId, AttributeVariableId),
    FOREIGN KEY(EntityId) REFERENCES ENTITIES(ID) ON DELETE CASCADE,
    FOREIGN KEY(AttributeVariableId) REFERENCES ATTRIBUTEVARIABLES(ID) ON DELETE CASCADE);
"""

# Every article with its text and metadata, and its coder (a store holds them all).
_DOCUMENTS_QUERY = """
PREFIX schema: <https://schema.org/>
PREFIX sg:     <https://w3id.org/stancegraph/ontology#>
PREFIX prov:   <http://www.w3.org/ns/prov#>
PREFIX foaf:   <http://xmlns.com/foaf/0.1/>

SELECT ?articleId ?title ?text ?published ?publisher ?dateline ?url ?author
       ?coderName ?coderVersion ?coderModel ?coderIsPerson
WHERE {
  ?article a schema:NewsArticle ; schema:identifier ?articleId .
  OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?article schema:text ?text }
  OPTIONAL { ?article schema:datePublished ?published }
  OPTIONAL { ?article schema:publisher ?publisher }
  OPTIONAL { ?article schema:dateline ?dateline }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article schema:author ?author }
  OPTIONAL {
    ?article sg:codedBy ?coder .
    OPTIONAL { ?coder foaf:name ?coderName }
    OPTIONAL { ?coder schema:version ?coderVersion }
    OPTIONAL { ?coder sg:model ?coderModel }
    BIND (EXISTS { ?coder a prov:Person } AS ?coderIsPerson)
  }
}
ORDER BY ?articleId
"""


@dataclass(frozen=True)
class DnaCoder:
    """Who coded an article: a person, or a program with its version and model."""

    name: str
    kind: str = "software"
    version: str | None = None
    model: str | None = None

    @property
    def label(self) -> str:
        """The coder's name in DNA: name, version and model."""
        text = f"{self.name} {self.version}" if self.version else self.name
        return f"{text} ({self.model})" if self.model else text


@dataclass(frozen=True)
class DnaDocument:
    """One article as DNA needs it: its text (the one the claim offsets point into), its
    metadata and its coder."""

    article: str
    title: str
    text: str
    coder: DnaCoder
    published: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    dateline: str | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class DnaLabels:
    """The readable labels of sides, issues and stances, by id (an id without a label is
    shown as itself)."""

    sides: Mapping[str, str] = field(default_factory=dict)
    issues: Mapping[str, str] = field(default_factory=dict)
    stances: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DnaSummary:
    """What a DNA database holds: documents, coders (Admin included), "DNA Statement"
    statements and "Annotation" statements (neutral or unclassified claims)."""

    documents: int
    coders: int
    statements: int
    annotations: int


def labels_from_vocabulary(vocabulary: Vocabulary) -> DnaLabels:
    """The labels the vocabulary gives its sides, issues and stances."""
    return DnaLabels(
        sides={s.id: s.label for s in vocabulary.sides.values()},
        issues={i.id: i.label for i in vocabulary.issues.values()},
        stances={s.id: s.label for s in vocabulary.stances.values()},
    )


def labels_from_analysis(analysis: Analysis) -> DnaLabels:
    """The labels the analysis shows: its sides' labels and its issue nodes' labels."""
    issues = {
        str(node).removeprefix("issue/"): str(data.get("label", node))
        for node, data in analysis.bipartite.nodes(data=True)
        if data.get("kind") == "issue"
    }
    return DnaLabels(sides=dict(analysis.side_names), issues=issues)


def documents_from_claims(articles: Iterable[ArticleClaims]) -> tuple[DnaDocument, ...]:
    """The documents of claims files already loaded, in article-id order."""
    documents = []
    for article in articles:
        art, coder = article.data.article, article.data.coder
        documents.append(
            DnaDocument(
                article=art.id,
                title=art.title,
                text=article.text,
                coder=DnaCoder(
                    name=coder.name, kind=coder.kind, version=coder.version, model=coder.model
                ),
                published=art.published,
                publisher=art.publisher,
                url=art.url,
                dateline=art.dateline,
                authors=art.authors,
            )
        )
    return tuple(sorted(documents, key=lambda d: d.article))


def _first(rows: Sequence[Mapping[str, RDFTerm | None]], name: str) -> str | None:
    values = sorted(str(row[name]) for row in rows if row.get(name) is not None)
    return values[0] if values else None


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def documents_from_store(store: GraphStore) -> tuple[DnaDocument, ...]:
    """The documents of every article in *store*, in article-id order."""
    grouped: defaultdict[str, list[dict[str, RDFTerm | None]]] = defaultdict(list)
    for row in store.select(_DOCUMENTS_QUERY).records():
        grouped[str(row["articleId"])].append(row)
    documents = []
    for article, rows in sorted(grouped.items()):
        text = _first(rows, "text")
        if text is None:
            raise OutputError(
                f"article {article} has no text in the store, and DNA needs the text the "
                "claims point into: build and load it again with stancegraph"
            )
        person = _first(rows, "coderIsPerson") in {"true", "1"}
        documents.append(
            DnaDocument(
                article=article,
                title=_first(rows, "title") or article,
                text=text,
                coder=DnaCoder(
                    name=_first(rows, "coderName") or "unknown coder",
                    kind="person" if person else "software",
                    version=_first(rows, "coderVersion"),
                    model=_first(rows, "coderModel"),
                ),
                published=_date(_first(rows, "published")),
                publisher=_first(rows, "publisher"),
                url=_first(rows, "url"),
                dateline=_first(rows, "dateline"),
                authors=tuple(sorted({str(r["author"]) for r in rows if r.get("author")})),
            )
        )
    return tuple(documents)


def read_documents(
    source: Path | None = None, *, endpoint: str | None = None, vocab: Sequence[Path] = ()
) -> tuple[DnaDocument, ...]:
    """The documents of *source* (a store folder or an RDF file) or of *endpoint*."""
    from stancegraph.store.open import open_source

    with open_source(source, endpoint, vocab=vocab) as store:
        return documents_from_store(store)


def password_hash(password: str, salt: bytes) -> str:
    """*password* hashed as DNA checks coder passwords (jasypt's StrongPasswordEncryptor:
    SHA-256 of the salt and the NFC-normalised UTF-8 password, digested 100,000 times in
    all; Base64 of salt + digest)."""
    message = unicodedata.normalize("NFC", password).encode("utf-8")
    digest = hashlib.sha256(salt + message).digest()
    for _ in range(99_999):
        digest = hashlib.sha256(digest).digest()
    return base64.b64encode(salt + digest).decode("ascii")


#: A fixed salt keeps the bytes of the file the same from run to run (the password is no
#: secret: it is documented, and only there because DNA asks for one).
_SALT = hashlib.sha256(b"stancegraph dna coder").digest()[:16]


def _cut(text: str, limit: int = _MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unique_values(labels: Mapping[str, str]) -> dict[str, str]:
    """id -> a DNA entity value: the label, cut to DNA's limit; ids that share a label
    get their id added, so DNA keeps them apart."""
    readable = {key: labels[key].strip() or key for key in sorted(labels)}
    shared = Counter(_cut(label) for label in readable.values())
    used: set[str] = set()
    values: dict[str, str] = {}
    for key, label in readable.items():
        value, n = _cut(label), 1
        while shared[value] > 1 or value in used:
            suffix = f" ({key[:60]})" if n == 1 else f" ({key[:60]} {n})"
            value = _cut(label, _MAX - len(suffix)) + suffix
            n += 1
        used.add(value)
        values[key] = value
    return values


def _newlines(text: str) -> tuple[str, list[int]]:
    """*text* with ``\\r\\n`` and ``\\r`` as ``\\n``, and the new offset of every old one."""
    if "\r" not in text:
        return text, []
    offsets, dropped = [], 0
    for i, char in enumerate(text):
        offsets.append(i - dropped)
        if char == "\r" and text[i + 1 : i + 2] == "\n":
            dropped += 1
    offsets.append(len(text) - dropped)
    return text.replace("\r\n", "\n").replace("\r", "\n"), offsets


def _epoch(day: dt.date | None) -> int:
    if day is None:
        return 0
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _document_notes(document: DnaDocument) -> str:
    lines = [f"stancegraph article: {document.article}"]
    if document.url:
        lines.append(f"URL: {document.url}")
    if document.dateline:
        lines.append(f"Dateline: {document.dateline}")
    if document.published is None:
        lines.append("No publication date: the date 1970-01-01 stands for none.")
    return "\n".join(lines)


def _is_statement(record: ClaimRecord) -> bool:
    return record.issue != UNCLASSIFIED and record.polarity != 0


def _note(record: ClaimRecord, labels: DnaLabels) -> str:
    side = labels.sides.get(record.side, record.side)
    stance = labels.stances.get(record.stance, record.stance)
    if record.issue == UNCLASSIFIED:
        why = "no issue of the scheme fits this claim (unclassified)"
    else:
        issue = labels.issues.get(record.issue, record.issue)
        why = f"a neutral stance ({stance}) on the issue {issue!r}"
    return (
        f"stancegraph claim {record.key}: {why}, so it is no DNA Statement.\n"
        f"Actor: {record.claimant_name}. Side: {side}. Stance: {stance}. "
        f"Position: {record.position}"
    )


def _coder_order(coder: DnaCoder) -> tuple[str, str, str, str]:
    return (coder.name, coder.version or "", coder.model or "", coder.kind)


def _check(record: ClaimRecord, documents: Mapping[str, DnaDocument]) -> DnaDocument:
    document = documents.get(record.article)
    if document is None:
        raise OutputError(
            f"claim {record.key} is from article {record.article}, whose text is not among "
            "the documents: give the source the claims came from"
        )
    if document.text[record.start : record.end] != record.quote:
        raise OutputError(
            f"claim {record.key}: the text at {record.start}..{record.end} of article "
            f"{record.article} is not its evidence quote; check the claims with "
            "`stancegraph validate`"
        )
    return document


def dna_database_bytes(
    records: Sequence[ClaimRecord],
    documents: Sequence[DnaDocument],
    labels: DnaLabels,
    *,
    password: str = DNA_PASSWORD,
) -> tuple[bytes, DnaSummary]:
    """The DNA 3 database of *records* over *documents* (the articles, with their text),
    as the bytes of its SQLite file, and what it holds."""
    by_article = {d.article: d for d in sorted(documents, key=lambda d: d.article)}
    ordered = sorted(records, key=lambda r: (r.article, r.start, r.end, r.claim))
    for record in ordered:
        _check(record, by_article)
    coders = sorted({d.coder for d in by_article.values()}, key=_coder_order)
    coder_ids = {coder: i for i, coder in enumerate(coders, start=ADMIN_CODER_ID + 1)}
    document_ids = {article: i for i, article in enumerate(by_article, start=1)}

    kept = [r for r in ordered if _is_statement(r)]
    names: dict[str, str] = {}
    for r in kept:  # an actor named differently in two articles: the first name, sorted
        names[r.claimant] = min(names.get(r.claimant, r.claimant_name), r.claimant_name)
    values = {
        _PERSON: _unique_values(names),
        _ORGANIZATION: _unique_values({r.side: labels.sides.get(r.side, r.side) for r in kept}),
        _CONCEPT: _unique_values({r.issue: labels.issues.get(r.issue, r.issue) for r in kept}),
    }

    db = sqlite3.connect(":memory:")
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.executescript(_SCHEMA)
        with db:
            _write_defaults(db)
            _write_coders(db, coders, password)
            entity_ids = _write_entities(db, values)
            texts = _write_documents(db, by_article, document_ids, coder_ids)
            statements, annotations = _write_statements(
                db, ordered, by_article, document_ids, coder_ids, texts, entity_ids, labels
            )
        db.execute("VACUUM")
        data = db.serialize()
    finally:
        db.close()
    summary = DnaSummary(
        documents=len(by_article),
        coders=len(coders) + 1,
        statements=statements,
        annotations=annotations,
    )
    return data, summary


def _write_defaults(db: sqlite3.Connection) -> None:
    db.executemany(
        "INSERT INTO SETTINGS (Property, Value) VALUES (?, ?)",
        (("version", DNA_VERSION), ("date", DNA_DATE)),
    )
    db.executemany(
        "INSERT INTO STATEMENTTYPES (ID, Label, Red, Green, Blue) VALUES (?, ?, ?, ?, ?)",
        _STATEMENT_TYPES,
    )
    db.executemany(
        "INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (?, ?, ?, ?)",
        _VARIABLES,
    )
    db.executemany(
        "INSERT INTO ATTRIBUTEVARIABLES (ID, VariableId, AttributeVariable) VALUES (?, ?, ?)",
        _ATTRIBUTE_VARIABLES,
    )


def _write_coders(db: sqlite3.Connection, coders: Sequence[DnaCoder], password: str) -> None:
    rows = [(ADMIN_CODER_ID, "Admin", *_ADMIN_COLOUR)]
    for i, coder in enumerate(coders):
        colour = _CODER_COLOURS[i % len(_CODER_COLOURS)]
        rows.append((ADMIN_CODER_ID + 1 + i, _cut(coder.label), *colour))
    hashed = password_hash(password, _SALT)
    db.executemany(
        "INSERT INTO CODERS (ID, Name, Red, Green, Blue, Password) VALUES (?, ?, ?, ?, ?, ?)",
        [(*row, hashed) for row in rows],
    )
    ids = [row[0] for row in rows]
    db.executemany(
        "INSERT INTO CODERRELATIONS (Coder, OtherCoder) VALUES (?, ?)",
        [(a, b) for a in ids for b in ids if a != b],
    )


def _write_entities(
    db: sqlite3.Connection, values: Mapping[int, Mapping[str, str]]
) -> dict[tuple[int, str], int]:
    entity_ids: dict[tuple[int, str], int] = {}
    entities: list[tuple[int, int, str, int, int, int]] = []
    attributes: list[tuple[int, int, int, str]] = []
    for variable in _SHORT_TEXT:
        for key, value in sorted(values[variable].items(), key=lambda kv: kv[1]):
            entity = len(entities) + 1
            entity_ids[variable, key] = entity
            entities.append((entity, variable, value, 0, 0, 0))
            for attribute, attribute_variable, _ in _ATTRIBUTE_VARIABLES:
                if attribute_variable != variable:
                    continue
                text = (
                    _cut(f"stancegraph {_ENTITY_KINDS[variable]} {key}")
                    if attribute == _NOTES_ATTRIBUTE[variable]
                    else ""
                )
                attributes.append((len(attributes) + 1, entity, attribute, text))
    db.executemany(
        "INSERT INTO ENTITIES (ID, VariableId, Value, Red, Green, Blue) VALUES (?, ?, ?, ?, ?, ?)",
        entities,
    )
    db.executemany(
        "INSERT INTO ATTRIBUTEVALUES (ID, EntityId, AttributeVariableId, AttributeValue) "
        "VALUES (?, ?, ?, ?)",
        attributes,
    )
    return entity_ids


def _write_documents(
    db: sqlite3.Connection,
    documents: Mapping[str, DnaDocument],
    document_ids: Mapping[str, int],
    coder_ids: Mapping[DnaCoder, int],
) -> dict[str, list[int]]:
    offsets: dict[str, list[int]] = {}
    rows = []
    for article, document in documents.items():
        text, offsets[article] = _newlines(document.text)
        rows.append(
            (
                document_ids[article],
                _cut(document.title.strip() or article),
                text,
                coder_ids[document.coder],
                _cut("; ".join(document.authors)),
                _cut(document.publisher or ""),
                "",
                _document_notes(document),
                "news article",
                _epoch(document.published),
            )
        )
    db.executemany(
        "INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Author, Source, Section, Notes, Type, "
        "Date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return offsets


def _write_statements(
    db: sqlite3.Connection,
    records: Sequence[ClaimRecord],
    documents: Mapping[str, DnaDocument],
    document_ids: Mapping[str, int],
    coder_ids: Mapping[DnaCoder, int],
    offsets: Mapping[str, list[int]],
    entity_ids: Mapping[tuple[int, str], int],
    labels: DnaLabels,
) -> tuple[int, int]:
    statements: list[tuple[int, int, int, int, int, int]] = []
    short: list[tuple[int, int, int, int]] = []
    boolean: list[tuple[int, int, int, int]] = []
    long: list[tuple[int, int, int, str]] = []
    for record in records:
        document = documents[record.article]
        moved = offsets[record.article]
        start, stop = record.start, record.end
        if moved:  # the text had \r line breaks
            start, stop = moved[start], moved[stop]
        if stop <= start:
            raise OutputError(
                f"claim {record.key}: its evidence is only a line break, which DNA cannot mark"
            )
        sid = len(statements) + 1
        kind = _DNA_STATEMENT if _is_statement(record) else _ANNOTATION
        statements.append(
            (sid, kind, document_ids[record.article], start, stop, coder_ids[document.coder])
        )
        if kind == _ANNOTATION:
            long.append((len(long) + 1, sid, _NOTE, _note(record, labels)))
            continue
        for variable, key in (
            (_PERSON, record.claimant),
            (_ORGANIZATION, record.side),
            (_CONCEPT, record.issue),
        ):
            short.append((len(short) + 1, sid, variable, entity_ids[variable, key]))
        boolean.append((len(boolean) + 1, sid, _AGREEMENT, 1 if record.polarity > 0 else 0))
    db.executemany(
        "INSERT INTO STATEMENTS (ID, StatementTypeId, DocumentId, Start, Stop, Coder) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        statements,
    )
    db.executemany(
        "INSERT INTO DATASHORTTEXT (ID, StatementId, VariableId, Entity) VALUES (?, ?, ?, ?)",
        short,
    )
    db.executemany(
        "INSERT INTO DATABOOLEAN (ID, StatementId, VariableId, Value) VALUES (?, ?, ?, ?)",
        boolean,
    )
    db.executemany(
        "INSERT INTO DATALONGTEXT (ID, StatementId, VariableId, Value) VALUES (?, ?, ?, ?)",
        long,
    )
    return len(boolean), len(long)


def write_dna_database(
    path: Path,
    records: Sequence[ClaimRecord],
    documents: Sequence[DnaDocument],
    labels: DnaLabels,
    *,
    password: str = DNA_PASSWORD,
) -> DnaSummary:
    """Write the DNA 3 database of *records* over *documents* to *path*, atomically."""
    data, summary = dna_database_bytes(records, documents, labels, password=password)
    write_atomic(Path(path), data)
    return summary
