"""Speaker turns of transcripts and briefings, and the voice of a joint statement.

A transcript gives the floor by labels at the start of a line: "SECRETARY
BLINKEN:", "FOREIGN MINISTER WANG: (Via interpreter)", "MR MILLER:",
"QUESTION:". :func:`find_turns` splits the text into turns, each from its
label to the next label; what a speaker says in a turn is theirs, so a
sentence there is a statement even without a reporting verb, and "I" and
"we" are the speaker. A journalist's question or a moderator's procedure
(the rules' ``turn_labels_not_claims``) is never a claim.

A joint statement (a title such as "Joint Statement of Egypt, Ethiopia and
Sudan", "Statement of Saudi Arabia and the United States on ...") speaks for
its parties throughout: :func:`statement_parties` reads them off the title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from stancegraph.vocab.gazetteer import Gazetteer

__all__ = ["Turn", "find_turns", "label_name", "statement_parties", "turn_at"]

_LABEL = re.compile(
    r"^[ \t]*(?P<label>[A-Z][A-Z.'\u2019-]*(?:[ \t]+[A-Z][A-Z.'\u2019-]*){0,9})[ \t]*"
    r"(?:\([^)\n]{1,40}\)[ \t]*)?:[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?",
    re.M,
)
_STATEMENT_TITLE = re.compile(
    r"\b(?:joint\s+(?:press\s+)?(?:statement|declaration|communiqu[eé]|readout)|"
    r"statement\s+(?:of|by|from)\b)",
    re.I,
)
# Words a title puts after a name: "Austin III Meeting With ...", "Blinken Call With ...".
_TITLE_TAIL = frozenset(
    {"meeting", "meetings", "call", "remarks", "visit", "talks", "conversation"}
)


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: the label, the speaker it names, and the text it covers."""

    label: tuple[int, int]
    name: str
    start: int
    end: int
    claims: bool

    def covers(self, position: int) -> bool:
        """Whether the character *position* lies in the turn's text."""
        return self.start <= position < self.end


_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "h.e"})


def label_name(label: str, titles: frozenset[str]) -> str:
    """The speaker a label names, title-cased: the words after its last title, honorific
    or abbreviated rank ("SECRETARY BLINKEN" -> "Blinken", "PRESS SECRETARY MAJ. GEN.
    PAT RYDER" -> "Pat Ryder"); the whole label when it is titles only ("THE PRESIDENT")."""
    words = label.split()
    last = -1
    for i, word in enumerate(words):
        bare = word.lower().strip(".")
        if bare in titles or bare in _HONORIFICS or (word.endswith(".") and len(word) <= 5):
            last = i
    kept = words[last + 1 :] or words
    return " ".join(w.capitalize() if w.isupper() else w for w in kept)


def find_turns(
    text: str, *, not_claims: frozenset[str], titles: frozenset[str], min_labels: int = 2
) -> list[Turn]:
    """The speaker turns of *text*, in order (none unless it has *min_labels* labels).

    A label is one to ten capitalised words at the start of a line, then a
    colon (an aside in parentheses may follow). One label alone is a transcript
    only when it opens the text.
    """
    labels = [m for m in _LABEL.finditer(text) if len(m.group("label").strip(" .")) >= 2]
    opens = bool(labels) and not text[: labels[0].start()].strip()
    if len(labels) < min_labels and not opens:
        return []
    turns: list[Turn] = []
    for index, match in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        label = match.group("label").strip()
        name = label_name(label, titles)
        words = {w.lower().strip(".") for w in (label.split()[0], *name.split())}
        turns.append(
            Turn(
                label=(match.start("label"), match.start("label") + len(label)),
                name=name,
                start=match.end(),
                end=end,
                claims=not words & not_claims,
            )
        )
    return turns


def turn_at(turns: Sequence[Turn], position: int) -> Turn | None:
    """The turn whose text holds *position*, if any."""
    for turn in turns:
        if turn.covers(position) or turn.label[0] <= position < turn.start:
            return turn
    return None


def statement_parties(title_doc: Any, gazetteer: Gazetteer) -> list[tuple[str, str | None]]:
    """The parties a joint statement's title names, in order: (name, gazetteer id or None).

    "Joint Statement of Egypt, Ethiopia, Sudan, the United States, and the World
    Bank": the entities after 'of', 'by', 'for', 'between', up to what the
    statement is about ("on the signing of ..."). When people are named there
    ("for Secretary Austin Meeting With Secretary Teodoro"), the parties are the
    people (their sides come from the words around their names).
    """
    text = title_doc.text
    match = _STATEMENT_TITLE.search(text)
    if match is None:
        return []
    start = match.end()
    if not re.search(r"\b(?:of|by|from)$", match.group(0)):
        opening = re.search(r"\b(?:of|by|from|for|between)\s", text[start:])
        start += opening.end() if opening else 0
    topic = re.search(r"\s(?:on|regarding|about|concerning)\s", text[start:])
    end = start + topic.start() if topic else len(text)
    people = [
        e
        for e in title_doc.ents
        if e.label_ == "PERSON" and start <= e.start_char and e.end_char <= end
    ]
    if people:
        out: list[tuple[str, str | None]] = []
        for person in people:
            words = [t.text for t in person]
            while len(words) > 1 and words[-1].lower() in _TITLE_TAIL:
                words.pop()
            out.append((" ".join(words), None))
        return out
    words = re.findall(r"[\w.'\u2019-]+", text[start:end])
    found: list[tuple[str, str | None]] = []
    i = 0
    while i < len(words):
        for size in range(min(gazetteer.longest, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + size])
            entity = gazetteer.find(phrase)
            if entity is not None:
                if all(entity != e for _, e in found):
                    found.append((gazetteer.entities[entity].label, entity))
                i += size
                break
        else:
            i += 1
    return found
