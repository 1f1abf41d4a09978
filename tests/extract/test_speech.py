"""Attribution rules on parsed documents built by hand (no trained model needed)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from stancegraph.extract.actors import ActorIndex
from stancegraph.extract.quotes import find_quotes
from stancegraph.extract.rules import Rules, load_rules
from stancegraph.extract.speakers import Resolver, speaker_mentions
from stancegraph.extract.speech import attributions_in_doc, subject_of
from stancegraph.vocab.model import Vocabulary


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


def _doc(rows: list[tuple[str, int, str, str, str]]) -> Doc:
    words, heads, deps, pos, lemmas = (list(x) for x in zip(*rows, strict=True))
    tags = ["NNS" if lemma.endswith("-pl") else "" for lemma in lemmas]
    lemmas = [lemma.removesuffix("-pl") for lemma in lemmas]
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, tags=tags)


def _texts(doc: Doc, rules: Rules) -> list[tuple[str, str | None, str | None]]:
    found = attributions_in_doc(doc, find_quotes(doc.text), rules)
    return [
        (
            doc.text[f.content[0] : f.content[1]],
            doc.text[f.cue[0] : f.cue[1]] if f.cue else None,
            doc[f.subject].text if f.subject is not None else None,
        )
        for f in found
    ]


def test_reported_speech_with_that_clause(rules: Rules) -> None:
    doc = _doc(
        [
            ("Rassendyll", 1, "nsubj", "PROPN", "Rassendyll"),
            ("warned", 1, "ROOT", "VERB", "warn"),
            ("that", 4, "mark", "SCONJ", "that"),
            ("tariffs", 4, "nsubj", "NOUN", "tariff"),
            ("loom", 1, "ccomp", "VERB", "loom"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    assert _texts(doc, rules) == [("tariffs loom", "warned", "Rassendyll")]


def test_quote_before_attribution_uses_the_quoted_words(rules: Rules) -> None:
    doc = _doc(
        [
            ("“", 2, "punct", "PUNCT", '"'),
            ("Tariffs", 2, "nsubj", "NOUN", "tariff"),
            ("hurt", 7, "ccomp", "VERB", "hurt"),
            ("us", 2, "dobj", "PRON", "we"),
            (",", 7, "punct", "PUNCT", ","),
            ("”", 7, "punct", "PUNCT", '"'),
            ("he", 7, "nsubj", "PRON", "he"),
            ("said", 7, "ROOT", "VERB", "say"),
            (".", 7, "punct", "PUNCT", "."),
        ]
    )
    assert _texts(doc, rules) == [("Tariffs hurt us", "said", "he")]


def test_non_clausal_content_called_for(rules: Rules) -> None:
    doc = _doc(
        [
            ("The", 1, "det", "DET", "the"),
            ("senator", 2, "nsubj", "NOUN", "senator"),
            ("called", 2, "ROOT", "VERB", "call"),
            ("for", 2, "prep", "ADP", "for"),
            ("detailed", 5, "amod", "ADJ", "detailed"),
            ("records", 3, "pobj", "NOUN", "record"),
            (".", 2, "punct", "PUNCT", "."),
        ]
    )
    assert _texts(doc, rules) == [("detailed records", "called for", "senator")]


def test_according_to_takes_the_rest_of_the_sentence(rules: Rules) -> None:
    doc = _doc(
        [
            ("Talks", 1, "nsubj", "NOUN", "talk"),
            ("resumed", 1, "ROOT", "VERB", "resume"),
            ("on", 1, "prep", "ADP", "on"),
            ("Monday", 2, "pobj", "PROPN", "Monday"),
            (",", 1, "punct", "PUNCT", ","),
            ("according", 1, "prep", "VERB", "accord"),
            ("to", 5, "prep", "ADP", "to"),
            ("officials", 6, "pobj", "NOUN", "official"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    assert _texts(doc, rules) == [("Talks resumed on Monday", "according to", "officials")]


def test_sentences_without_cues_give_nothing(rules: Rules) -> None:
    doc = _doc(
        [
            ("Prices", 1, "nsubj", "NOUN", "price"),
            ("rose", 1, "ROOT", "VERB", "rise"),
            ("sharply", 1, "advmod", "ADV", "sharply"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    assert _texts(doc, rules) == []


def test_conjoined_speakers_and_including_expand(rules: Rules) -> None:
    doc = _doc(
        [
            ("Rassendyll", 5, "nsubj", "PROPN", "Rassendyll"),
            ("and", 0, "cc", "CCONJ", "and"),
            ("envoys", 0, "conj", "NOUN", "envoy-pl"),
            ("including", 2, "prep", "VERB", "include"),
            ("Firefly", 3, "pobj", "PROPN", "Firefly"),
            ("praised", 5, "ROOT", "VERB", "praise"),
            ("the", 7, "det", "DET", "the"),
            ("dialogue", 5, "dobj", "NOUN", "dialogue"),
            ("again", 5, "advmod", "ADV", "again"),
        ]
    )
    names = [m.text for m in speaker_mentions(doc[0])]
    assert names == ["Rassendyll", "Firefly"]


def test_pronouns_short_names_and_new_actors_resolve(mini_vocab: Vocabulary, rules: Rules) -> None:
    index = ActorIndex(mini_vocab, dt.date(2024, 1, 1), rules.person_titles)
    resolver = Resolver(index, rules.group_words)
    doc = _doc(
        [
            ("Rudolf", 1, "compound", "PROPN", "Rudolf"),
            ("Rassendyll", 2, "nsubj", "PROPN", "Rassendyll"),
            ("spoke", 2, "ROOT", "VERB", "speak"),
        ]
    )
    (mention,) = speaker_mentions(doc[1])
    (referent,) = resolver.resolve([mention], 0)
    assert (referent.actor, referent.side) == ("rudolf-rassendyll", "ruritania")
    resolver.record(5, (referent,), plural=False)
    pronoun = _doc([("he", 1, "nsubj", "PRON", "he"), ("said", 1, "ROOT", "VERB", "say")])
    (he,) = speaker_mentions(pronoun[0])
    assert resolver.resolve([he], 50) == (referent,)
    stranger = _doc(
        [
            ("Freedonian", 2, "amod", "ADJ", "freedonian"),
            ("envoy", 2, "compound", "NOUN", "envoy"),
            ("Groucho", 3, "nsubj", "PROPN", "Groucho"),
            ("said", 3, "ROOT", "VERB", "say"),
        ]
    )
    (who,) = speaker_mentions(stranger[2])
    (new,) = resolver.resolve([who], 60)
    assert new.local is not None
    assert (new.side, new.local.confidence) == ("freedonia", 0.5)
    assert new.local.role == "envoy"


def test_parenthetical_cue_takes_the_clause_around_it(rules: Rules) -> None:
    doc = _doc(
        [
            ("Tariffs", 5, "nsubj", "NOUN", "tariff-pl"),
            (",", 3, "punct", "PUNCT", ","),
            ("Rassendyll", 3, "nsubj", "PROPN", "Rassendyll"),
            ("says", 5, "parataxis", "VERB", "say"),
            (",", 3, "punct", "PUNCT", ","),
            ("hurt", 5, "ROOT", "VERB", "hurt"),
            ("farmers", 5, "dobj", "NOUN", "farmer-pl"),
            (".", 5, "punct", "PUNCT", "."),
        ]
    )
    assert _texts(doc, rules) == [
        ("Tariffs , Rassendyll says , hurt farmers", "says", "Rassendyll")
    ]


def test_clause_introduced_by_the_cue_preposition(rules: Rules) -> None:
    doc = _doc(
        [
            ("Rassendyll", 1, "nsubj", "PROPN", "Rassendyll"),
            ("called", 1, "ROOT", "VERB", "call"),
            ("for", 5, "mark", "SCONJ", "for"),
            ("the", 4, "det", "DET", "the"),
            ("army", 5, "nsubj", "NOUN", "army"),
            ("withdraw", 1, "advcl", "VERB", "withdraw"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    assert _texts(doc, rules) == [("the army withdraw", "called for", "Rassendyll")]


def _headline(first: str, pos: str) -> Doc:
    return _doc(
        [
            (first, 0, "ROOT", pos, first.lower()),
            (":", 0, "punct", "PUNCT", ":"),
            ("Freedonia", 3, "nsubj", "PROPN", "Freedonia"),
            ("meddles", 0, "acl", "VERB", "meddle"),
            ("in", 3, "prep", "ADP", "in"),
            ("elections", 4, "pobj", "NOUN", "election-pl"),
            (".", 0, "punct", "PUNCT", "."),
        ]
    )


def test_speaker_colon_statement(rules: Rules) -> None:
    assert _texts(_headline("Rassendyll", "PROPN"), rules) == [
        ("Freedonia meddles in elections", ":", "Rassendyll")
    ]
    assert _texts(_headline("Poll", "NOUN"), rules) == [
        ("Freedonia meddles in elections", ":", "Poll")
    ]


def test_labels_and_common_nouns_before_a_colon_are_not_speakers(rules: Rules) -> None:
    assert _texts(_headline("Update", "PROPN"), rules) == []
    assert _texts(_headline("Question", "NOUN"), rules) == []


def test_relative_who_names_the_noun_it_modifies(rules: Rules) -> None:
    doc = _doc(
        [
            ("Envoys", 3, "nsubj", "NOUN", "envoy-pl"),
            ("who", 2, "nsubj", "PRON", "who"),
            ("warned", 0, "relcl", "VERB", "warn"),
            ("left", 3, "ROOT", "VERB", "leave"),
            ("that", 6, "mark", "SCONJ", "that"),
            ("tariffs", 6, "nsubj", "NOUN", "tariff-pl"),
            ("loom", 2, "ccomp", "VERB", "loom"),
        ]
    )
    assert _texts(doc, rules) == [("tariffs loom", "warned", "who")]
    (mention,) = speaker_mentions(doc[1])
    assert (mention.text, mention.start, mention.plural) == ("Envoys", 1, True)


def test_proper_noun_parsed_as_compound_of_the_cue_is_its_subject(rules: Rules) -> None:
    doc = _doc(
        [
            ("“", 5, "punct", "PUNCT", '"'),
            ("Tariffs", 2, "nsubj", "NOUN", "tariff-pl"),
            ("hurt", 5, "ccomp", "VERB", "hurt"),
            ("”", 5, "punct", "PUNCT", '"'),
            ("Rassendyll", 5, "compound", "PROPN", "Rassendyll"),
            ("notes", 5, "ROOT", "VERB", "note"),
        ]
    )
    assert _texts(doc, rules) == [("Tariffs hurt", "notes", "Rassendyll")]


def test_content_runs_over_a_relative_clause_with_a_cue(rules: Rules) -> None:
    doc = _doc(
        [
            ("Rassendyll", 1, "nsubj", "PROPN", "Rassendyll"),
            ("says", 1, "ROOT", "VERB", "say"),
            ("he", 3, "nsubj", "PRON", "he"),
            ("is", 1, "ccomp", "AUX", "be"),
            ("a", 5, "det", "DET", "a"),
            ("unifier", 3, "attr", "NOUN", "unifier"),
            ("who", 7, "nsubj", "PRON", "who"),
            ("wants", 5, "relcl", "VERB", "want"),
            ("peace", 7, "dobj", "NOUN", "peace"),
        ]
    )
    texts = _texts(doc, rules)
    assert ("he is a unifier who wants peace", "says", "Rassendyll") in texts


def test_dateline_parsed_as_subject_gives_way_to_the_speaker(rules: Rules) -> None:
    doc = _doc(
        [
            ("STRELSAU", 4, "nsubj", "PROPN", "STRELSAU"),
            ("—", 0, "punct", "PUNCT", "—"),
            ("Rudolf", 3, "compound", "PROPN", "Rudolf"),
            ("Rassendyll", 0, "appos", "PROPN", "Rassendyll"),
            ("said", 4, "ROOT", "VERB", "say"),
            ("tariffs", 6, "nsubj", "NOUN", "tariff-pl"),
            ("loom", 4, "ccomp", "VERB", "loom"),
        ]
    )
    assert [m.text for m in speaker_mentions(doc[0])] == ["Rudolf Rassendyll"]
    two_subjects = _doc(
        [
            ("STRELSAU", 4, "nsubj", "PROPN", "STRELSAU"),
            ("—", 0, "punct", "PUNCT", "—"),
            ("Rudolf", 3, "compound", "PROPN", "Rudolf"),
            ("Rassendyll", 4, "nsubj", "PROPN", "Rassendyll"),
            ("said", 4, "ROOT", "VERB", "say"),
            ("tariffs", 6, "nsubj", "NOUN", "tariff-pl"),
            ("loom", 4, "ccomp", "VERB", "loom"),
        ]
    )
    assert _texts(two_subjects, rules) == [("tariffs loom", "said", "Rassendyll")]


def test_single_word_objects_and_negated_cues(rules: Rules) -> None:
    doc = _doc(
        [
            ("Rassendyll", 3, "nsubj", "PROPN", "Rassendyll"),
            ("did", 3, "aux", "AUX", "do"),
            ("not", 3, "neg", "PART", "not"),
            ("mention", 3, "ROOT", "VERB", "mention"),
            ("Freedonia", 3, "dobj", "PROPN", "Freedonia"),
            (".", 3, "punct", "PUNCT", "."),
        ]
    )
    (found,) = attributions_in_doc(doc, [], rules)
    assert doc.text[found.content[0] : found.content[1]] == "Freedonia"
    assert found.denied


def test_object_with_what_the_cue_says_of_it(rules: Rules) -> None:
    doc = _doc(
        [
            ("Rassendyll", 1, "nsubj", "PROPN", "Rassendyll"),
            ("called", 1, "ROOT", "VERB", "call"),
            ("him", 1, "dobj", "PRON", "he"),
            ("a", 4, "det", "DET", "a"),
            ("loser", 1, "oprd", "NOUN", "loser"),
        ]
    )
    (found,) = attributions_in_doc(doc, [], rules)
    assert doc.text[found.content[0] : found.content[1]] == "him a loser"
    assert not found.denied


def _subject(doc: Doc, verb: int) -> str | None:
    found = subject_of(doc[verb])
    return found.text if found is not None else None


def test_participle_modifying_a_noun_takes_the_noun_as_speaker() -> None:
    doc = _doc(
        [
            ("A", 1, "det", "DET", "a"),
            ("petition", 4, "nsubj", "NOUN", "petition"),
            ("urging", 1, "acl", "VERB", "urge"),
            ("talks", 2, "dobj", "NOUN", "talk-pl"),
            ("circulated", 4, "ROOT", "VERB", "circulate"),
        ]
    )
    doc[2].tag_ = "VBG"
    assert _subject(doc, 2) == "petition"


def test_clause_after_a_preposition_takes_the_main_subject() -> None:
    doc = _doc(
        [
            ("After", 4, "prep", "ADP", "after"),
            ("warning", 0, "pcomp", "VERB", "warn"),
            ("reporters", 1, "dobj", "NOUN", "reporter-pl"),
            ("Rassendyll", 4, "nsubj", "PROPN", "Rassendyll"),
            ("left", 4, "ROOT", "VERB", "leave"),
        ]
    )
    assert _subject(doc, 1) == "Rassendyll"


def test_name_just_before_the_cue_when_the_parser_lost_the_subject() -> None:
    doc = _doc(
        [
            ("At", 6, "prep", "ADP", "at"),
            ("dinner", 0, "pobj", "NOUN", "dinner"),
            ("Rassendyll", 1, "appos", "PROPN", "Rassendyll"),
            ("(", 2, "punct", "PUNCT", "("),
            ("R", 2, "appos", "PROPN", "R"),
            (")", 2, "punct", "PUNCT", ")"),
            ("said", 6, "ROOT", "VERB", "say"),
            ("tariffs", 8, "nsubj", "NOUN", "tariff-pl"),
            ("loom", 6, "ccomp", "VERB", "loom"),
        ]
    )
    assert _subject(doc, 6) == "Rassendyll"


def test_cue_noun_with_its_possessor_as_speaker(rules: Rules) -> None:
    doc = _doc(
        [
            ("His", 1, "poss", "PRON", "his"),
            ("warning", 6, "nsubj", "NOUN", "warning"),
            ("that", 4, "mark", "SCONJ", "that"),
            ("tariffs", 4, "nsubj", "NOUN", "tariff-pl"),
            ("loom", 1, "acl", "VERB", "loom"),
            ("was", 6, "aux", "AUX", "be"),
            ("ignored", 6, "ROOT", "VERB", "ignore"),
        ]
    )
    assert _texts(doc, rules) == [("tariffs loom", "warning", "His")]


def test_cue_noun_in_a_phrase_of_the_verb_takes_its_subject(rules: Rules) -> None:
    doc = _doc(
        [
            ("Rassendyll", 1, "nsubj", "PROPN", "Rassendyll"),
            ("stunned", 1, "ROOT", "VERB", "stun"),
            ("with", 1, "prep", "ADP", "with"),
            ("claims", 2, "pobj", "NOUN", "claim-pl"),
            ("that", 6, "mark", "SCONJ", "that"),
            ("Firefly", 6, "nsubj", "PROPN", "Firefly"),
            ("lied", 3, "acl", "VERB", "lie"),
        ]
    )
    assert _texts(doc, rules) == [("Firefly lied", "claims", "Rassendyll")]
    doc = _doc(
        [
            ("Rassendyll", 1, "nsubj", "PROPN", "Rassendyll"),
            ("replied", 1, "ROOT", "VERB", "reply"),
            ("to", 1, "prep", "ADP", "to"),
            ("claims", 2, "pobj", "NOUN", "claim-pl"),
            ("that", 6, "mark", "SCONJ", "that"),
            ("he", 6, "nsubj", "PRON", "he"),
            ("lied", 3, "acl", "VERB", "lie"),
        ]
    )
    assert _texts(doc, rules) == [("he lied", "claims", None)]


def test_second_cue_hung_on_the_first_content_is_cut_off_and_keeps_the_speaker(
    rules: Rules,
) -> None:
    doc = _doc(
        [
            ("Rassendyll", 1, "nsubj", "PROPN", "Rassendyll"),
            ("said", 1, "ROOT", "VERB", "say"),
            ("tariffs", 3, "nsubj", "NOUN", "tariff-pl"),
            ("hurt", 1, "ccomp", "VERB", "hurt"),
            ("farmers", 3, "dobj", "NOUN", "farmer-pl"),
            ("and", 3, "cc", "CCONJ", "and"),
            ("warned", 3, "conj", "VERB", "warn"),
            ("that", 9, "mark", "SCONJ", "that"),
            ("prices", 9, "nsubj", "NOUN", "price-pl"),
            ("rise", 6, "ccomp", "VERB", "rise"),
        ]
    )
    assert _texts(doc, rules) == [
        ("tariffs hurt farmers", "said", "Rassendyll"),
        ("prices rise", "warned", "Rassendyll"),
    ]


def test_a_document_speaks_for_its_author() -> None:
    doc = _doc(
        [
            ("The", 1, "det", "DET", "the"),
            ("ministry", 2, "nsubj", "NOUN", "ministry"),
            ("issued", 2, "ROOT", "VERB", "issue"),
            ("a", 4, "det", "DET", "a"),
            ("statement", 2, "dobj", "NOUN", "statement"),
            ("urging", 4, "acl", "VERB", "urge"),
            ("talks", 5, "dobj", "NOUN", "talk-pl"),
        ]
    )
    doc[5].tag_ = "VBG"
    assert _subject(doc, 5) == "ministry"


def test_name_after_a_cue_that_follows_its_quote() -> None:
    doc = _doc(
        [
            ("Tariffs", 1, "nsubj", "NOUN", "tariff-pl"),
            ("hurt", 3, "ccomp", "VERB", "hurt"),
            (",", 3, "punct", "PUNCT", ","),
            ("said", 3, "ROOT", "VERB", "say"),
            ("Rassendyll", 3, "dobj", "PROPN", "Rassendyll"),
        ]
    )
    doc.ents = [doc.char_span(doc[4].idx, doc[4].idx + len("Rassendyll"), label="PERSON")]
    assert _subject(doc, 3) == "Rassendyll"


def test_quotes_one_cue_interrupts_are_one_statement(rules: Rules) -> None:
    doc = _doc(
        [
            ("“", 2, "punct", "PUNCT", '"'),
            ("Tariffs", 2, "nsubj", "NOUN", "tariff"),
            ("hurt", 8, "ccomp", "VERB", "hurt"),
            ("our", 4, "poss", "PRON", "our"),
            ("farmers", 2, "dobj", "NOUN", "farmer"),
            (",", 8, "punct", "PUNCT", ","),
            ("”", 8, "punct", "PUNCT", '"'),
            ("he", 8, "nsubj", "PRON", "he"),
            ("said", 8, "ROOT", "VERB", "say"),
            (",", 8, "punct", "PUNCT", ","),
            ("“", 13, "punct", "PUNCT", '"'),
            ("and", 13, "cc", "CCONJ", "and"),
            ("they", 13, "nsubj", "PRON", "they"),
            ("hurt", 8, "parataxis", "VERB", "hurt"),
            ("workers", 13, "dobj", "NOUN", "worker"),
            (".", 13, "punct", "PUNCT", "."),
            ("”", 13, "punct", "PUNCT", '"'),
        ]
    )
    assert _texts(doc, rules) == [
        ("Tariffs hurt our farmers , ” he said , “ and they hurt workers .", "said", "he")
    ]


def test_passive_object_cue_with_its_agent_as_speaker(rules: Rules) -> None:
    doc = _doc(
        [
            ("The", 1, "det", "DET", "the"),
            ("plan", 3, "nsubjpass", "NOUN", "plan"),
            ("was", 3, "auxpass", "AUX", "be"),
            ("rejected", 3, "ROOT", "VERB", "reject"),
            ("by", 3, "agent", "ADP", "by"),
            ("voters", 4, "pobj", "NOUN", "voter"),
            (".", 3, "punct", "PUNCT", "."),
        ]
    )
    assert _texts(doc, rules) == [("The plan", "rejected", "voters")]
    no_agent = _doc(
        [
            ("The", 1, "det", "DET", "the"),
            ("plan", 3, "nsubjpass", "NOUN", "plan"),
            ("was", 3, "auxpass", "AUX", "be"),
            ("rejected", 3, "ROOT", "VERB", "reject"),
            (".", 3, "punct", "PUNCT", "."),
        ]
    )
    assert _texts(no_agent, rules) == []


def test_adjectives_of_attitude_and_their_holders(rules: Rules) -> None:
    complement = _doc(
        [
            ("Voters", 1, "nsubj", "NOUN", "voter"),
            ("are", 1, "ROOT", "AUX", "be"),
            ("skeptical", 1, "acomp", "ADJ", "skeptical"),
            ("of", 2, "prep", "ADP", "of"),
            ("the", 5, "det", "DET", "the"),
            ("deal", 3, "pobj", "NOUN", "deal"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    assert _texts(complement, rules) == [("the deal", "skeptical of", "Voters")]
    postnominal = _doc(
        [
            ("Republicans", 4, "nsubj", "PROPN", "Republicans"),
            ("critical", 0, "amod", "ADJ", "critical"),
            ("of", 1, "prep", "ADP", "of"),
            ("Firefly", 2, "pobj", "PROPN", "Firefly"),
            ("met", 4, "ROOT", "VERB", "meet"),
            (".", 4, "punct", "PUNCT", "."),
        ]
    )
    assert _texts(postnominal, rules) == [("Firefly", "critical of", "Republicans")]
    clause = _doc(
        [
            ("She", 1, "nsubj", "PRON", "she"),
            ("is", 1, "ROOT", "AUX", "be"),
            ("confident", 1, "acomp", "ADJ", "confident"),
            ("that", 5, "mark", "SCONJ", "that"),
            ("talks", 5, "nsubj", "NOUN", "talk"),
            ("resume", 2, "ccomp", "VERB", "resume"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    assert _texts(clause, rules) == [("talks resume", "confident", "She")]
    holderless = _doc(
        [
            ("A", 1, "det", "DET", "a"),
            ("critical", 2, "amod", "ADJ", "critical"),
            ("review", 2, "ROOT", "NOUN", "review"),
            ("of", 2, "prep", "ADP", "of"),
            ("tariffs", 3, "pobj", "NOUN", "tariff"),
        ]
    )
    assert _texts(holderless, rules) == []
