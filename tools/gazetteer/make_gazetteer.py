"""Generate the shipped world gazetteer, graph/stancegraph/vocab/gazetteer.json.

The gazetteer tells the extractor which state, organisation or non-state party
a speaker speaks for: names, abbreviations, adjectives, demonyms, capitals,
metonymic seats ("Kremlin") and national institutions ("Knesset"), each entity
with its Wikidata QID.

Sources (raw, trimmed copies under tools/gazetteer/sources/; provenance and the
upstream commits are in sources/manifest.yaml):

* mledoze/countries, ODbL-1.0 -- names, official names, altSpellings, capitals,
  English demonyms, UN membership of all 250 ISO 3166 entries.
* dr5hn/countries-states-cities-database, ODbL-1.0 / DbCL-1.0 -- Wikidata QID
  per country (``wikiDataId``).
* osmlab/name-suggestion-index flags, BSD-3-Clause -- ``subject:wikidata`` of
  national, governmental and religious flags; preferred over dr5hn for a
  country's QID, and the QID source for ASEAN and the Holy See.
* opensanctions/opensanctions ``zavod/shed/wikidata/igo.py``, MIT -- Wikidata
  QIDs of intergovernmental organisations.
* sources/curated.yaml, hand-curated, MIT -- organisation and non-state
  entries, seats, institutions, extra forms, stop lists, ambiguity rules.

Re-run from the repository root (stdlib + PyYAML only, no network)::

    python tools/gazetteer/make_gazetteer.py          # (re)write the JSON
    python tools/gazetteer/make_gazetteer.py --check  # exit 1 if it is stale

The output is deterministic: the same sources give a byte-identical file.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCES = Path(__file__).resolve().parent / "sources"
OUTPUT = ROOT / "graph" / "stancegraph" / "vocab" / "gazetteer.json"
GENERATED_BY = "tools/gazetteer/make_gazetteer.py"
SOURCES_REL = "tools/gazetteer/sources"

LIST_FIELDS = (
    "names",
    "abbreviations",
    "adjectives",
    "demonyms",
    "capitals",
    "seats",
    "institutions",
)
# Fields compared case-insensitively when looking for shared strings.
TEXT_FIELDS = tuple(f for f in LIST_FIELDS if f != "abbreviations")
# A string two entities share goes to the better rank; a tie makes it ambiguous.
RANK = {"state": 0, "observer": 0, "organization": 1, "non-state": 1, "territory": 2}
EXPECTED = {"state": 195, "observer": 2}  # 193 UN members + Kosovo + Taiwan; PS, VA

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
QID_RE = re.compile(r"Q[1-9][0-9]*")
INVERTED_RE = re.compile(r",.*\bof(?: the)?$")  # "Korea, Republic of"
ABBREV_RE = re.compile(r"[A-Z][A-Z0-9.&]*[A-Z0-9.]")

Entity = dict[str, Any]


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def fold(text: str) -> str:
    """Drop combining accents: "Brasília" -> "Brasilia"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slug(label: str) -> str:
    ascii_label = fold(label).encode("ascii", "ignore").decode("ascii").lower()
    ascii_label = ascii_label.replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_label).strip("-")


def is_latin(text: str) -> bool:
    """True when every letter is Latin script (names as written in English text)."""
    for ch in text:
        if ord(ch) < 128:
            continue
        category = unicodedata.category(ch)
        if category[0] in "PZM" or category == "Lm":
            continue
        if category[0] == "L" and "LATIN" in unicodedata.name(ch, ""):
            continue
        return False
    return True


def strip_the(text: str) -> str:
    return text[4:] if text[:4] in ("The ", "the ") else text


def is_abbreviation(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    return bool(ABBREV_RE.fullmatch(text)) and letters >= 2 and len(text) <= 8


def casekey(text: str) -> str:
    return text.casefold()


def ordered(values: Iterable[str]) -> list[str]:
    return sorted(set(values), key=lambda s: (s.casefold(), s))


def with_folded(values: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for value in values:
        out.add(value)
        out.add(fold(value))
    return out


def dotted(abbreviations: Iterable[str]) -> set[str]:
    """Dotted forms ("U.S.", "U.N.") are safe to match in any case, so they are names too."""
    return {a for a in abbreviations if "." in a}


def parse_igo(path: Path) -> dict[str, str]:
    """QID -> name from the ``INTL_ORGS`` table of OpenSanctions' igo.py."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        target: ast.expr | None = None
        if isinstance(node, ast.AnnAssign):
            target = node.target
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        value = getattr(node, "value", None)
        if not (isinstance(target, ast.Name) and target.id == "INTL_ORGS"):
            continue
        if not isinstance(value, ast.Dict):
            break
        table: dict[str, str] = {}
        for key, call in zip(value.keys, value.values, strict=True):
            if not (isinstance(key, ast.Constant) and isinstance(call, ast.Call)):
                raise ValueError("unexpected INTL_ORGS entry")
            first = call.args[0]
            if not isinstance(first, ast.Constant):
                raise ValueError("unexpected INTL_ORGS entry")
            table[str(key.value)] = str(first.value)
        return table
    raise ValueError(f"no INTL_ORGS table in {path}")


class Flags:
    """QIDs from the name-suggestion-index flag list."""

    def __init__(self, path: Path) -> None:
        self.national: dict[str, set[str]] = defaultdict(set)
        self.subject: dict[str, set[str]] = defaultdict(set)
        for item in read_json(path)["items"]:
            tags = item["tags"]
            qid = tags.get("subject:wikidata")
            if not qid:
                continue
            if tags.get("flag:type") == "national" and tags.get("country"):
                self.national[tags["country"]].add(qid)
            if tags.get("subject"):
                self.subject[tags["subject"]].add(qid)

    def by_subject(self, subject: str) -> str:
        qids = self.subject.get(subject, set())
        if len(qids) != 1:
            raise ValueError(f"nsi-flags: {len(qids)} QIDs for subject {subject!r}")
        return next(iter(qids))


def country_qid(cca2: str, flags: Flags, dr5hn: dict[str, str | None]) -> str | None:
    from_flags = flags.national.get(cca2, set())
    from_dr5hn = dr5hn.get(cca2)
    if len(from_flags) == 1:
        return next(iter(from_flags))
    if from_dr5hn in from_flags or not from_flags:
        return from_dr5hn
    return sorted(from_flags)[0]


class Rules:
    """The stop lists and plural rules of curated.yaml."""

    def __init__(self, curated: dict[str, Any]) -> None:
        stop = curated["stop"]
        self.stop_names = {casekey(s) for s in stop["names"]}
        self.stop_capitals = {casekey(s) for s in stop["capitals"]}
        self.two_letter = set(stop["two_letter"])
        self.keep_codes = set(stop["keep_codes"])
        self.plurals: dict[str, list[str]] = curated["plural_overrides"]
        self.nouns = set(curated["noun_demonyms"])

    def plural(self, demonym: str) -> list[str]:
        if demonym in self.plurals:
            return list(self.plurals[demonym])
        if demonym.endswith(("ese", "s", "sh", "ch", "ic", "z", "y", "x")):
            return []  # "Chinese", "Swiss", "British", "French", "Greenlandic", "Malagasy"
        return [demonym + "s"]

    def is_noun(self, demonym: str) -> bool:
        return demonym in self.nouns or demonym.endswith("er")


def country_entity(
    record: dict[str, Any],
    extra: dict[str, Any],
    kind: str,
    qid: str | None,
    rules: Rules,
) -> Entity:
    cca2 = record["cca2"]
    official = record["name"]["official"]
    codes = {record["cca2"], record["cca3"], record["ccn3"], record["cioc"]}
    codes -= rules.keep_codes
    dropped = {casekey(s) for s in extra.get("drop_names", [])}

    names: set[str] = set()
    abbreviations: set[str] = set(extra.get("abbreviations", []))
    for raw in [record["name"]["common"], official, *record["altSpellings"]]:
        text = strip_the(raw.strip())
        if not text or text in codes or not is_latin(text):
            continue
        if ("(" in text and raw != official) or INVERTED_RE.search(text):
            continue
        if is_abbreviation(text):
            if text not in rules.two_letter:
                abbreviations.add(text)
            continue
        names.add(text)
    names = with_folded(names | set(extra.get("names", [])) | dotted(abbreviations))
    names = {n for n in names if casekey(n) not in dropped | rules.stop_names}

    adjectives: set[str] = set(extra.get("adjectives", []))
    demonyms: set[str] = set(extra.get("demonyms", []))
    name_keys = {casekey(n) for n in names} | dropped
    forms = {
        form.strip()
        for value in record["demonyms"]["eng"].values()
        for form in re.split(r",| or ", value)
    }
    for form in sorted(f for f in forms if f and casekey(f) not in name_keys):
        if not rules.is_noun(form):
            adjectives.add(form)
        demonyms.update(rules.plural(form))

    capitals = with_folded([*record["capital"], *extra.get("capitals", [])])
    capitals = {c for c in capitals if casekey(c) not in rules.stop_capitals}
    label = extra.get("label", record["name"]["common"])
    return {
        "id": extra.get("id", slug(label)),
        "label": label,
        "kind": kind,
        "wikidata": qid,
        "iso": cca2,
        "names": names,
        "abbreviations": abbreviations,
        "adjectives": adjectives,
        "demonyms": demonyms,
        "capitals": capitals,
        "seats": with_folded(extra.get("seats", [])),
        "institutions": with_folded(extra.get("institutions", [])),
    }


def countries(curated: dict[str, Any], flags: Flags, rules: Rules) -> list[Entity]:
    records = read_json(SOURCES / "mledoze-countries" / "countries.json")
    dr5hn = {
        c["iso2"]: c["wikiDataId"]
        for c in read_json(SOURCES / "dr5hn-countries" / "countries.json")
    }
    observers = set(curated["observers"])
    extra_states = set(curated["extra_states"])
    entities = []
    for record in records:
        cca2 = record["cca2"]
        extra = curated["countries"].get(cca2, {})
        if cca2 in observers:
            kind = "observer"  # mledoze lists the Holy See as a UN member
        elif record["unMember"] or cca2 in extra_states:
            kind = "state"
        else:
            kind = "territory"
        if "wikidata_nsi_subject" in extra:
            qid: str | None = flags.by_subject(extra["wikidata_nsi_subject"])
        else:
            qid = country_qid(cca2, flags, dr5hn)
        entities.append(country_entity(record, extra, kind, qid, rules))
    return entities


def resolve_qid(spec: dict[str, Any], igo: dict[str, str], flags: Flags) -> str | None:
    source: str = spec["source"]
    qid: str | None = spec.get("qid")
    if source == "opensanctions-igo":
        found = igo.get(qid or "")
        if found != spec["name"]:
            raise ValueError(f"igo.py has {found!r} for {qid}, not {spec['name']!r}")
    elif source == "nsi-flags":
        if flags.by_subject(spec["name"]) != qid:
            raise ValueError(f"nsi-flags has no {spec['name']!r} with {qid}")
    elif source == "curated":
        if not spec.get("checked"):
            raise ValueError(f"curated QID {qid} needs a `checked` note")
    elif source != "none" or qid is not None:
        raise ValueError(f"bad wikidata spec {spec!r}")
    return qid


def curated_entities(curated: dict[str, Any], igo: dict[str, str], flags: Flags) -> list[Entity]:
    entities = []
    for key, kind in (("organizations", "organization"), ("non_state", "non-state")):
        for spec in curated[key]:
            entity: Entity = {
                "id": spec["id"],
                "label": spec["label"],
                "kind": kind,
                "wikidata": resolve_qid(spec["wikidata"], igo, flags),
                "iso": None,
            }
            for field in LIST_FIELDS:
                entity[field] = set(spec.get(field, []))
            label_set = {spec["label"]}
            if is_abbreviation(spec["label"]):
                entity["abbreviations"] |= label_set  # "NATO", "G7": case-sensitive
            else:
                entity["names"] |= label_set
            entity["names"] = with_folded(entity["names"]) - entity["abbreviations"]
            entity["names"] |= dotted(entity["abbreviations"])
            for field in ("seats", "institutions"):
                entity[field] = with_folded(entity[field])
            entities.append(entity)
    return entities


def resolve_shared(entities: list[Entity]) -> dict[str, set[str]]:
    """Give each shared string to the best-ranked entity; ties become ambiguous."""
    owners: dict[tuple[bool, str], set[str]] = defaultdict(set)
    forms: dict[tuple[bool, str], set[str]] = defaultdict(set)
    for entity in entities:
        for field in LIST_FIELDS:
            exact = field == "abbreviations"
            for value in entity[field]:
                key = (exact, value if exact else casekey(value))
                owners[key].add(entity["id"])
                forms[key].add(value)
    by_id = {e["id"]: e for e in entities}
    ambiguous: dict[str, set[str]] = {}
    for key, ids in owners.items():
        if len(ids) < 2:
            continue
        best = min(RANK[by_id[i]["kind"]] for i in ids)
        winners = {i for i in ids if RANK[by_id[i]["kind"]] == best}
        losers = ids if len(winners) > 1 else ids - winners
        if len(winners) > 1:
            ambiguous[min(forms[key])] = winners
        for entity_id in losers:
            remove_string(by_id[entity_id], key)
    return ambiguous


def remove_string(entity: Entity, key: tuple[bool, str]) -> None:
    exact, text = key
    for field in LIST_FIELDS:
        if (field == "abbreviations") != exact:
            continue
        entity[field] = {v for v in entity[field] if (v if exact else casekey(v)) != text}


def apply_curated_ambiguity(
    entities: list[Entity], curated: dict[str, Any], ambiguous: dict[str, set[str]]
) -> None:
    by_id = {e["id"]: e for e in entities}
    for text, ids in curated["ambiguous"].items():
        for entity in entities:
            remove_string(entity, (False, casekey(text)))
        ambiguous[text] = ambiguous.get(text, set()) | set(ids)
    for text, ids in curated["ambiguous_keep_primary"].items():
        for entity_id in ids[1:]:
            remove_string(by_id[entity_id], (False, casekey(text)))
        ambiguous[text] = ambiguous.get(text, set()) | set(ids)
    unknown = {i for ids in ambiguous.values() for i in ids} - set(by_id)
    if unknown:
        raise ValueError(f"ambiguous names point at unknown ids: {sorted(unknown)}")


def validate(entities: list[Entity]) -> None:
    ids = [e["id"] for e in entities]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate entity ids")
    qids = [e["wikidata"] for e in entities if e["wikidata"] is not None]
    if len(qids) != len(set(qids)):
        raise ValueError("one QID on two entities")
    counts: dict[str, int] = defaultdict(int)
    for entity in entities:
        counts[entity["kind"]] += 1
        if not ID_RE.fullmatch(entity["id"]):
            raise ValueError(f"bad id {entity['id']!r}")
        if entity["wikidata"] is not None and not QID_RE.fullmatch(entity["wikidata"]):
            raise ValueError(f"bad QID on {entity['id']}")
        if entity["kind"] != "non-state" and entity["wikidata"] is None:
            raise ValueError(f"{entity['id']} has no QID")
        if not entity["names"] and not entity["abbreviations"]:
            raise ValueError(f"{entity['id']} has no name left")
    for kind, expected in EXPECTED.items():
        if counts[kind] != expected:
            raise ValueError(f"{counts[kind]} entities of kind {kind}, expected {expected}")


def build() -> str:
    curated = read_yaml(SOURCES / "curated.yaml")
    manifest = read_yaml(SOURCES / "manifest.yaml")
    flags = Flags(SOURCES / "nsi-flags" / "flagpole.json")
    igo = parse_igo(SOURCES / "opensanctions-igo" / "igo.py.txt")
    rules = Rules(curated)

    entities = countries(curated, flags, rules) + curated_entities(curated, igo, flags)
    ambiguous = resolve_shared(entities)
    apply_curated_ambiguity(entities, curated, ambiguous)
    validate(entities)

    document = {
        "about": {
            "generated_by": GENERATED_BY,
            "sources": [
                {
                    "files": [f"{SOURCES_REL}/{name}" for name in source["files"]],
                    **{key: source[key] for key in ("name", "url", "licence")},
                }
                for source in manifest["sources"]
            ],
        },
        "entities": [
            {**e, **{field: ordered(e[field]) for field in LIST_FIELDS}}
            for e in sorted(entities, key=lambda e: str(e["id"]))
        ],
        "ambiguous": {text: sorted(ids) for text, ids in sorted(ambiguous.items())},
    }
    return json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the output is stale")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale; re-run {GENERATED_BY}", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
