"""The DNA 3 database: DNA's own tables, statements on their evidence, readable values,
the same bytes each time."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stancegraph.analysis.dna import (
    DNA_PASSWORD,
    DnaCoder,
    DnaDocument,
    DnaLabels,
    dna_database_bytes,
    documents_from_claims,
    labels_from_vocabulary,
    password_hash,
    read_documents,
    write_dna_database,
)
from stancegraph.analysis.export import export_dna3
from stancegraph.analysis.result import analyze_records
from stancegraph.analysis.source import ClaimRecord, records_from_claims, records_from_store
from stancegraph.claims.io import ArticleClaims
from stancegraph.cli.app import app
from stancegraph.errors import OutputError
from stancegraph.store.embedded import EmbeddedStore
from stancegraph.vocab.model import Vocabulary
from tests.analysis.conftest import Built

SCHEMA = Path(__file__).resolve().parents[1] / "fixtures" / "dna" / "schema.sql"


def _open(data: bytes) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.deserialize(data)
    return db


def _seed_database(seed: ArticleClaims, seed_vocab: Vocabulary) -> tuple[bytes, list[ClaimRecord]]:
    records = list(records_from_claims([seed], seed_vocab))
    data, _ = dna_database_bytes(
        records, documents_from_claims([seed]), labels_from_vocabulary(seed_vocab)
    )
    return data, records


def _tables(db: sqlite3.Connection) -> dict[str, str]:
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return {name: sql for name, sql in rows}


def _normal(sql: str) -> str:
    sql = re.sub(r"\s+", "", sql).upper().removesuffix(";")
    return sql.replace("CREATETABLEIFNOTEXISTS", "CREATETABLE")


def test_the_tables_are_dnas_own(seed: ArticleClaims, seed_vocab: Vocabulary) -> None:
    """Every table and column of DNA's Sql.createTables, nothing more, declared alike."""
    reference = sqlite3.connect(":memory:")
    reference.executescript(SCHEMA.read_text(encoding="utf-8"))
    ours = _open(_seed_database(seed, seed_vocab)[0])
    expected, got = _tables(reference), _tables(ours)
    assert len(expected) == 16 and {"DOCUMENTS", "STATEMENTS", "DATASHORTTEXT"} <= set(expected)
    assert set(got) == set(expected)
    for table in expected:
        # cid, name, declared type, not null, default, primary key: column for column
        columns = list(reference.execute(f"PRAGMA table_info({table})"))
        assert list(ours.execute(f"PRAGMA table_info({table})")) == columns, table
        assert all(c[2] for c in columns), table  # DNA declares a type for every column
        assert list(ours.execute(f"PRAGMA foreign_key_list({table})")) == list(
            reference.execute(f"PRAGMA foreign_key_list({table})")
        ), table
        unique = [row[1:3] for row in reference.execute(f"PRAGMA index_list({table})")]
        assert [row[1:3] for row in ours.execute(f"PRAGMA index_list({table})")] == unique
        # the CHECK constraints and defaults too: the same statement up to white space
        assert _normal(got[table]) == _normal(expected[table]), table
    assert list(ours.execute("PRAGMA integrity_check")) == [("ok",)]
    assert list(ours.execute("PRAGMA foreign_key_check")) == []


def test_statements_sit_on_their_evidence(seed: ArticleClaims, seed_vocab: Vocabulary) -> None:
    data, records = _seed_database(seed, seed_vocab)
    db = _open(data)
    rows = list(
        db.execute(
            "SELECT s.ID, s.Start, s.Stop, length(d.Text), d.Text, "
            "SUBSTR(d.Text, s.Start + 1, s.Stop - s.Start) "
            "FROM STATEMENTS s JOIN DOCUMENTS d ON d.ID = s.DocumentId ORDER BY s.ID"
        )
    )
    assert len(rows) == len(records) == 33
    for (sid, start, stop, length, text, substring), record in zip(rows, records, strict=True):
        assert 0 <= start < stop <= length, sid
        assert (start, stop) == (record.start, record.end)
        assert text[start:stop] == substring == record.quote, sid
    assert db.execute("SELECT Text FROM DOCUMENTS").fetchone()[0] == seed.text


def test_the_variables_hold_readable_labels(seed: ArticleClaims, seed_vocab: Vocabulary) -> None:
    data, records = _seed_database(seed, seed_vocab)
    db = _open(data)
    # what DNA's statement table reads: statements with coder, type and document, and the
    # values of each variable through the entities
    values: dict[int, dict[str, object]] = {}
    for sid, variable, value in db.execute(
        "SELECT s.ID, v.Variable, e.Value FROM STATEMENTS s "
        "JOIN CODERS c ON c.ID = s.Coder "
        "JOIN STATEMENTTYPES t ON t.ID = s.StatementTypeId AND t.Label = 'DNA Statement' "
        "JOIN DOCUMENTS d ON d.ID = s.DocumentId "
        "JOIN DATASHORTTEXT x ON x.StatementId = s.ID "
        "JOIN VARIABLES v ON v.ID = x.VariableId AND v.StatementTypeId = t.ID "
        "JOIN ENTITIES e ON e.ID = x.Entity AND e.VariableId = v.ID "
        "UNION ALL SELECT b.StatementId, v.Variable, b.Value FROM DATABOOLEAN b "
        "JOIN VARIABLES v ON v.ID = b.VariableId"
    ):
        values.setdefault(sid, {})[variable] = value
    assert len(values) == len(records)
    for sid, record in enumerate(records, start=1):
        assert values[sid] == {
            "person": record.claimant_name,
            "organization": seed_vocab.sides[record.side].label,
            "concept": seed_vocab.issues[record.issue].label,
            "agreement": 1 if record.polarity > 0 else 0,
        }, record.key
    first = values[1]
    assert first["person"] == "Antony Blinken" and first["organization"] == "United States"
    organizations = {v["organization"] for v in values.values()}
    assert organizations == {"United States", "China"}  # labels, not the ids
    assert {v["agreement"] for v in values.values()} == {0, 1}
    notes = dict(
        db.execute(
            "SELECT e.Value, a.AttributeValue FROM ATTRIBUTEVALUES a "
            "JOIN ATTRIBUTEVARIABLES v ON v.ID = a.AttributeVariableId AND v.AttributeVariable "
            "= 'Notes' JOIN ENTITIES e ON e.ID = a.EntityId"
        )
    )
    assert notes["China"] == "stancegraph side china"
    assert notes["Antony Blinken"] == "stancegraph actor antony-blinken"
    # DNA gives every entity the attributes of its variable: Type, Alias, Notes
    assert (
        db.execute("SELECT COUNT(*) FROM ATTRIBUTEVALUES").fetchone()[0]
        == 3 * db.execute("SELECT COUNT(*) FROM ENTITIES").fetchone()[0]
    )


def test_documents_coders_and_dnas_defaults(seed: ArticleClaims, seed_vocab: Vocabulary) -> None:
    db = _open(_seed_database(seed, seed_vocab)[0])
    assert dict(db.execute("SELECT Property, Value FROM SETTINGS")) == {
        "version": "3.0.11.5",
        "date": "2025-02-05",
    }
    title, coder, author, source, notes, kind, date = db.execute(
        "SELECT Title, Coder, Author, Source, Notes, Type, Date FROM DOCUMENTS"
    ).fetchone()
    assert title == seed.data.article.title and source == "Associated Press" and author == ""
    assert date == 1714089600  # 2024-04-26 00:00 UTC, in seconds as DNA stores dates
    assert dt.datetime.fromtimestamp(date, dt.UTC).date() == seed.data.article.published
    assert "stancegraph article: ap-2024-04-26-blinken-china" in notes and kind == "news article"
    coders = list(db.execute("SELECT ID, Name, Red, Green, Blue, Password FROM CODERS"))
    assert [(c[0], c[1]) for c in coders] == [(1, "Admin"), (2, "stancegraph seed coders 1")]
    assert coder == 2 and coders[0][2:5] == (255, 255, 0) and coders[1][2:5] != (255, 255, 0)
    assert set(db.execute("SELECT DISTINCT Coder FROM STATEMENTS")) == {(2,)}
    for _, _, _, _, _, stored in coders:  # DNA can log either coder in
        salt = base64.b64decode(stored)[:16]
        assert password_hash(DNA_PASSWORD, salt) == stored
        assert password_hash("wrong", salt) != stored
    assert set(db.execute("SELECT Coder, OtherCoder FROM CODERRELATIONS")) == {(1, 2), (2, 1)}
    assert list(db.execute("SELECT ID, Label FROM STATEMENTTYPES")) == [
        (1, "DNA Statement"),
        (2, "NPF Story Element"),
        (3, "Annotation"),
    ]
    assert list(db.execute("SELECT Variable, DataType FROM VARIABLES WHERE StatementTypeId = 1"))[
        :4
    ] == [
        ("person", "short text"),
        ("organization", "short text"),
        ("concept", "short text"),
        ("agreement", "boolean"),
    ]


def test_password_hash_is_the_one_dna_checks() -> None:
    # The Admin coder of the sample database that ships with rDNA
    # (leifeld/dna, rDNA/rDNA/inst/extdata/sample.dna), whose password rDNA's
    # examples give as "sample".
    stored = "t7STqOHxpl+RXxRUgjsEno+e/38banaYjANbdYQ1geGfH6Xlc2roWgYrPbpCeg5M"
    salt = base64.b64decode(stored)[:16]
    assert password_hash("sample", salt) == stored
    assert password_hash("Sample", salt) != stored


def test_the_same_claims_give_the_same_bytes(
    tmp_path: Path, seed: ArticleClaims, seed_vocab: Vocabulary
) -> None:
    records = records_from_claims([seed], seed_vocab)
    documents, labels = documents_from_claims([seed]), labels_from_vocabulary(seed_vocab)
    first = write_dna_database(tmp_path / "a" / "one.dna", records, documents, labels)
    second = write_dna_database(tmp_path / "b" / "one.dna", records, documents, labels)
    assert first == second and first.statements == 33 and first.annotations == 0
    a, b = (tmp_path / "a" / "one.dna").read_bytes(), (tmp_path / "b" / "one.dna").read_bytes()
    assert a == b and a.startswith(b"SQLite format 3\x00")
    # records in another order, the same file; written over, nothing else left behind
    write_dna_database(tmp_path / "a" / "one.dna", records[::-1], documents[::-1], labels)
    assert (tmp_path / "a" / "one.dna").read_bytes() == a
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["one.dna"]


def test_a_store_gives_what_the_claims_files_give(
    seed_built: Built, seed: ArticleClaims, seed_vocab: Vocabulary, tmp_path: Path
) -> None:
    """The analyze path (store, the analysis's labels) and the claims path agree byte for
    byte: the store keeps every document field, and the labels are the same."""
    from_claims, _ = _seed_database(seed, seed_vocab)
    store = EmbeddedStore(seed_built.store, read_only=True)
    try:
        analysis = analyze_records(records_from_store(store, seed_vocab), seed_vocab)
    finally:
        store.close()
    for source in (seed_built.store, seed_built.ttl):
        documents = read_documents(source)
        assert documents == documents_from_claims([seed])
        export_dna3(analysis, documents, tmp_path / "store.dna")
        assert (tmp_path / "store.dna").read_bytes() == from_claims


TEXT = (
    "Zenda, 6 May.\r\nRudolf said tariffs are justified.\r\n"
    "Rufus said tariffs are not justified.\r\nAnne said something else entirely.\r\n"
    "Bob said the weather is fine."
)


def _record(
    claim: str, claimant: str, name: str, issue: str, stance: str, quote: str
) -> ClaimRecord:
    start = TEXT.index(quote)
    polarity = {"support": 1, "oppose": -1, "neutral": 0}[stance]
    return ClaimRecord(
        article="a1",
        published=None,
        claim=claim,
        claimant=claimant,
        claimant_name=name,
        side="ruritania" if claimant != "rufus" else "freedonia",
        issue=issue,
        stance=stance,
        polarity=polarity,
        position=f"position of {claim}",
        quote=quote,
        start=start,
        end=start + len(quote),
    )


def _made_up() -> tuple[list[ClaimRecord], list[DnaDocument], DnaLabels]:
    records = [
        _record("c1", "rudolf", "Rudolf", "tariffs", "support", "tariffs are justified.\r\nRufus"),
        _record("c2", "rufus", "Rufus", "tariffs", "oppose", "tariffs are not justified"),
        _record("c3", "anne", "Anne", "tariffs", "neutral", "something else entirely"),
        _record("c4", "bob", "Rudolf", "unclassified", "support", "the weather is fine"),
        _record("c5", "rudolf-2", "Rudolf", "long", "support", "Rudolf said"),
    ]
    document = DnaDocument(
        article="a1",
        title="T" * 300,
        text=TEXT,
        coder=DnaCoder(name="stancegraph extract", version="0.1", model="en_core_web_sm"),
        url="https://example.org/a1",
    )
    labels = DnaLabels(
        sides={"ruritania": "Ruritania", "freedonia": "Freedonia"},
        issues={"tariffs": "Tariffs are justified", "long": "L" * 250},
        stances={"neutral": "neither"},
    )
    return records, [document], labels


def test_neutral_and_unclassified_claims_are_annotations_and_crlf_is_kept_in_step() -> None:
    records, documents, labels = _made_up()
    data, summary = dna_database_bytes(records, documents, labels)
    assert (summary.statements, summary.annotations, summary.coders) == (3, 2, 2)
    db = _open(data)
    text, title, date, notes = db.execute(
        "SELECT Text, Title, Date, Notes FROM DOCUMENTS"
    ).fetchone()
    assert text == TEXT.replace("\r\n", "\n") and "\r" not in text
    assert len(title) == 190 and title.endswith("…") and date == 0
    assert "No publication date" in notes and "URL: https://example.org/a1" in notes
    rows = list(
        db.execute(
            "SELECT t.Label, SUBSTR(d.Text, s.Start + 1, s.Stop - s.Start), s.Start, s.Stop "
            "FROM STATEMENTS s JOIN STATEMENTTYPES t ON t.ID = s.StatementTypeId "
            "JOIN DOCUMENTS d ON d.ID = s.DocumentId ORDER BY s.ID"
        )
    )
    by_quote = {r.quote.replace("\r\n", "\n"): r for r in records}
    for label, substring, start, stop in rows:
        record = by_quote[substring]  # the evidence, line breaks as DNA reads them
        assert text[start:stop] == substring
        kind = "Annotation" if record.claim in {"c3", "c4"} else "DNA Statement"
        assert label == kind, record.claim
    assert rows[0][1] == "Rudolf said"  # c5 comes first in the text
    notes = [n for (n,) in db.execute("SELECT Value FROM DATALONGTEXT ORDER BY StatementId")]
    assert "a1/c3" in notes[0] and "neutral stance (neither)" in notes[0]
    assert "'Tariffs are justified'" in notes[0] and "Actor: Anne. Side: Ruritania." in notes[0]
    assert (
        "a1/c4" in notes[1]
        and "unclassified" in notes[1]
        and "Position: position of c4" in notes[1]
    )
    # only DNA Statements have entities: no "Anne", no "Unclassified" concept
    persons = [v for (v,) in db.execute("SELECT Value FROM ENTITIES WHERE VariableId = 1")]
    assert sorted(persons) == ["Rudolf (rudolf)", "Rudolf (rudolf-2)", "Rufus"]
    concepts = [v for (v,) in db.execute("SELECT Value FROM ENTITIES WHERE VariableId = 3")]
    assert "Tariffs are justified" in concepts and len(concepts) == 2
    assert max(len(v) for v in concepts) == 190
    coder = db.execute("SELECT Name FROM CODERS WHERE ID = 2").fetchone()[0]
    assert coder == "stancegraph extract 0.1 (en_core_web_sm)"


def test_each_coder_is_a_dna_coder_of_its_own_articles() -> None:
    records, documents, labels = _made_up()
    coders = [
        DnaCoder(name="stancegraph extract", version="0.1", model="en_core_web_sm"),
        DnaCoder(name="stancegraph extract"),
        DnaCoder(name="A. Person", kind="person"),
    ]
    documents = [
        dataclasses.replace(documents[0], article=f"a{i}", coder=coder)
        for i, coder in enumerate(coders, start=1)
    ]
    records = [dataclasses.replace(r, article=f"a{i}") for r in records for i in (1, 2, 3)]
    data, summary = dna_database_bytes(records, documents[::-1], labels)
    assert summary.coders == 4 and summary.documents == 3 and summary.statements == 9
    db = _open(data)
    names = dict(db.execute("SELECT ID, Name FROM CODERS"))
    assert names == {
        1: "Admin",
        2: "A. Person",
        3: "stancegraph extract",
        4: "stancegraph extract 0.1 (en_core_web_sm)",
    }
    colours = {tuple(row) for row in db.execute("SELECT Red, Green, Blue FROM CODERS")}
    assert len(colours) == 4  # DNA colours text by coder: each its own
    assert set(db.execute("SELECT d.ID, d.Coder FROM DOCUMENTS d")) == {(1, 4), (2, 3), (3, 2)}
    mismatched = db.execute(
        "SELECT COUNT(*) FROM STATEMENTS s JOIN DOCUMENTS d ON d.ID = s.DocumentId "
        "WHERE s.Coder != d.Coder"
    ).fetchone()[0]
    assert mismatched == 0
    relations = set(db.execute("SELECT Coder, OtherCoder FROM CODERRELATIONS"))
    assert relations == {(a, b) for a in range(1, 5) for b in range(1, 5) if a != b}


def test_claims_that_do_not_fit_their_text_are_refused() -> None:
    records, documents, labels = _made_up()
    moved = dataclasses.replace(records[1], start=records[1].start + 1, end=records[1].end + 1)
    with pytest.raises(OutputError, match=r"claim a1/c2: the text at .* is not its evidence"):
        dna_database_bytes([moved], documents, labels)
    elsewhere = dataclasses.replace(records[1], article="a2")
    with pytest.raises(OutputError, match="article a2, whose text is not among the documents"):
        dna_database_bytes([elsewhere], documents, labels)


def test_analyze_writes_a_dna3_database(seed_built: Built, tmp_path: Path) -> None:
    target = tmp_path / "out" / "seed.dna"
    result = CliRunner().invoke(
        app, ["analyze", str(seed_built.trig), "-f", "json", "--dna3", str(target)]
    )
    assert result.exit_code == 0, result.stderr
    assert f"wrote DNA 3 database {target}: 1 document(s), 33 statement(s)" in result.stderr
    assert "password 'stancegraph'" in result.stderr
    db = sqlite3.connect(target)
    try:
        assert db.execute("SELECT COUNT(*) FROM STATEMENTS").fetchone()[0] == 33
        assert (
            db.execute("SELECT Value FROM SETTINGS WHERE Property = 'version'")
            .fetchone()[0]
            .startswith("3.0")
        )  # DNA opens no other version
    finally:
        db.close()
