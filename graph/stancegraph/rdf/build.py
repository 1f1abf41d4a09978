"""Claims -> RDF: one named graph per article, deterministic IRIs, no blank nodes.

The mapping, for a claim ``c`` of article ``a`` (see ``ontology/stancegraph.ttl``)::

    claim:a/c  a sg:Claim, schema:Claim ;
        sg:claimant actor:X ; sg:side side:Y ; sg:issue issue:Z ; sg:stance stance:S ;
        sg:position claim:a/c#position ; sg:evidence claim:a/c#evidence ;
        sg:mention claim:a/c#mention ; sg:cue claim:a/c#cue ; sg:target side:T ;
        schema:appearance article:a ; prov:wasDerivedFrom article:a ;
        prov:wasAttributedTo coder:K .
    claim:a/c#evidence a sg:Evidence, oa:SpecificResource ; oa:hasSource article:a ;
        oa:hasSelector claim:a/c#evidence-quote, claim:a/c#evidence-position .

The triples are made as plain values (:data:`Triple`: IRIs as strings, literals
as :class:`Lit`), with no RDF library in the way: :func:`article_ntriples` writes
them as sorted N-Triples, byte for byte what rdflib's ``nt`` serializer writes for
the same graph (lexical forms in rdflib's canonical form, rdflib's escapes), and
:func:`article_to_graph` turns them into an rdflib graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from stancegraph.claims.io import ArticleClaims
from stancegraph.claims.model import Claim, ClaimsFile, Coder, Span
from stancegraph.errors import RDFError
from stancegraph.iris import GRAPH_BASE, PREFIX_IRIS, article_graph_path, claim_path, segment
from stancegraph.vocab.model import ACTOR_KIND_CLASSES, Issue, Side

if TYPE_CHECKING:
    from rdflib import Dataset, Graph, URIRef

__all__ = [
    "CONTEXT_CHARS",
    "Lit",
    "Triple",
    "article_ntriples",
    "article_to_graph",
    "article_triples",
    "claims_to_dataset",
    "coder_iri",
    "graph_of",
    "ntriples_of",
    "sides_used",
]

#: Characters of text kept before and after a quote in oa:prefix / oa:suffix.
CONTEXT_CHARS = 32


class Lit(NamedTuple):
    """A literal: its lexical form (canonical for its datatype), datatype IRI, language."""

    text: str
    datatype: str | None = None
    lang: str | None = None


#: A triple: subject and predicate IRIs, and an IRI (a ``str``) or a :class:`Lit`.
Triple = tuple[str, str, str | Lit]


class _Names:
    """IRIs in one namespace: ``_Names(base).name`` and ``_Names(base)["name"]``."""

    __slots__ = ("base",)

    def __init__(self, base: str) -> None:
        self.base = base

    def __getattr__(self, name: str) -> str:
        return self.base + name

    def __getitem__(self, name: str) -> str:
        return self.base + name


SG, OA, SCHEMA, IBIS = (_Names(PREFIX_IRIS[p]) for p in ("sg", "oa", "schema", "ibis"))
RDF, RDFS, XSD, OWL = (_Names(PREFIX_IRIS[p]) for p in ("rdf", "rdfs", "xsd", "owl"))
PROV, FOAF, ORG, SKOS = (_Names(PREFIX_IRIS[p]) for p in ("prov", "foaf", "org", "skos"))
ACTOR, SIDE, ISSUE, STANCE = (_Names(PREFIX_IRIS[p]) for p in ("actor", "side", "issue", "stance"))
CODER, MEMBERSHIP = _Names(PREFIX_IRIS["coder"]), _Names(PREFIX_IRIS["membership"])
_ARTICLE, _CLAIM = PREFIX_IRIS["article"], PREFIX_IRIS["claim"]
#: The generated scheme of emergent issues (:data:`stancegraph.vocab.emergent.EMERGENT_SCHEME`).
_EMERGENT_SCHEME = ISSUE.emergent
_TYPE = RDF.type
_TRUE = Lit("true", XSD.boolean)


def _coder_slug(coder: Coder) -> str:
    raw = f"{coder.name}-{coder.version}" if coder.version else coder.name
    return re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-") or "coder"


def coder_iri(coder: Coder) -> URIRef:
    """The IRI of a coder: its name and version, slugged."""
    from rdflib import URIRef

    return URIRef(CODER[_coder_slug(coder)])


def _decimal(value: float) -> Lit:
    """*value* as an ``xsd:decimal`` in rdflib's canonical form (no exponent)."""
    return Lit(format(Decimal(format(value, "g")), "f"), XSD.decimal)


def _integer(value: int, datatype: str) -> Lit:
    return Lit(str(int(value)), datatype)


def _span(add: _Add, node: str, span: Span, source: str, text: str, *, context: bool) -> None:
    quote, position = f"{node}-quote", f"{node}-position"
    add(node, _TYPE, SG.Evidence)
    add(node, _TYPE, OA.SpecificResource)
    add(node, OA.hasSource, source)
    add(node, OA.hasSelector, quote)
    add(node, OA.hasSelector, position)
    add(quote, _TYPE, OA.TextQuoteSelector)
    add(quote, OA.exact, Lit(span.text))
    if context:
        add(quote, OA.prefix, Lit(text[max(0, span.start - CONTEXT_CHARS) : span.start]))
        add(quote, OA.suffix, Lit(text[span.end : span.end + CONTEXT_CHARS]))
    add(position, _TYPE, OA.TextPositionSelector)
    add(position, OA.start, _integer(span.start, XSD.nonNegativeInteger))
    add(position, OA.end, _integer(span.end, XSD.nonNegativeInteger))


def _article(add: _Add, data: ClaimsFile, text: str) -> str:
    art = data.article
    node = _ARTICLE + segment(art.id)
    add(node, _TYPE, SCHEMA.NewsArticle)
    add(node, SCHEMA.identifier, Lit(art.id))
    add(node, SCHEMA.headline, Lit(art.title))
    add(node, SCHEMA.text, Lit(text))
    add(node, SG.sha256, Lit(art.sha256))
    add(node, SG.textFile, Lit(art.text_file))
    add(node, SCHEMA.inLanguage, Lit(art.language))
    if art.publisher:
        add(node, SCHEMA.publisher, Lit(art.publisher))
    if art.published:
        add(node, SCHEMA.datePublished, Lit(art.published.isoformat(), XSD.date))
    if art.dateline:
        add(node, SCHEMA.dateline, Lit(art.dateline))
    if art.url:
        add(node, SCHEMA.url, Lit(art.url, XSD.anyURI))
    for author in art.authors:
        add(node, SCHEMA.author, Lit(author))
    return node


def _coder(add: _Add, coder: Coder) -> str:
    node = CODER[_coder_slug(coder)]
    add(node, _TYPE, PROV.Agent)
    add(node, _TYPE, PROV.Person if coder.kind == "person" else PROV.SoftwareAgent)
    add(node, FOAF.name, Lit(coder.name))
    if coder.version:
        add(node, SCHEMA.version, Lit(coder.version))
    if coder.model:
        add(node, SG.model, Lit(coder.model))
    return node


def _claim(add: _Add, claim: Claim, article_id: str, source: str, coder: str, text: str) -> None:
    node = _CLAIM + claim_path(article_id, claim.id)
    add(node, _TYPE, SG.Claim)
    add(node, _TYPE, SCHEMA.Claim)
    add(node, SG.claimId, Lit(claim.id))
    add(node, SG.claimant, ACTOR[claim.claimant])
    add(node, SG.side, SIDE[claim.side])
    add(node, SG.issue, ISSUE[claim.issue])
    add(node, SG.stance, STANCE[claim.stance])
    position = f"{node}#position"
    add(node, SG.position, position)
    add(position, _TYPE, SG.Position)
    add(position, _TYPE, IBIS.Position)
    add(position, RDF.value, Lit(claim.position))
    add(position, IBIS["responds-to"], ISSUE[claim.issue])
    _span(add, f"{node}#evidence", claim.evidence, source, text, context=True)
    add(node, SG.evidence, f"{node}#evidence")
    for prop, fragment, span in (
        (SG.mention, "mention", claim.mention),
        (SG.cue, "cue", claim.cue),
    ):
        if span is not None:
            part = f"{node}#{fragment}"
            _span(add, part, span, source, text, context=False)
            add(node, prop, part)
    if claim.target:
        add(node, SG.target, SIDE[claim.target])
    if claim.strength is not None:
        add(node, SG.strength, _decimal(claim.strength))
    if claim.conditional:
        add(node, SG.conditional, _TRUE)
    add(node, SG.confidence, _decimal(claim.confidence))
    if claim.issue_suggestion:
        add(node, SG.issueSuggestion, Lit(claim.issue_suggestion))
    if claim.note:
        add(node, RDFS.comment, Lit(claim.note))
    add(node, SCHEMA.appearance, source)
    add(node, PROV.wasDerivedFrom, source)
    add(node, PROV.wasAttributedTo, coder)


def _local_actors(add: _Add, data: ClaimsFile) -> None:
    for actor in data.actors:
        node = ACTOR[actor.id]
        add(node, _TYPE, SG.Actor)
        add(node, _TYPE, str(ACTOR_KIND_CLASSES[actor.kind]))
        add(node, FOAF.name, Lit(actor.name))
        add(node, SG.confidence, _decimal(actor.confidence))
        membership = MEMBERSHIP[f"{data.article.id}/{actor.id}"]
        add(membership, _TYPE, ORG.Membership)
        add(membership, ORG.member, node)
        add(membership, ORG.organization, SIDE[actor.side])
        if actor.role:
            add(membership, SG.roleLabel, Lit(actor.role))


def sides_used(data: ClaimsFile) -> set[str]:
    """The side ids a claims file refers to: claims' sides and targets, local actors' sides."""
    used = {c.side for c in data.claims} | {a.side for a in data.actors}
    return used | {c.target for c in data.claims if c.target}


def _sides(add: _Add, sides: Mapping[str, Side]) -> None:
    for side in sides.values():
        node = SIDE[side.id]
        add(node, _TYPE, SG.Side)
        add(node, SKOS.prefLabel, Lit(side.label, lang="en"))
        for same in side.same_as:
            add(node, OWL.sameAs, str(same))


def _issues(add: _Add, data: ClaimsFile, issues: Mapping[str, Issue]) -> None:
    """The emergent issues the article's claims are on, with the claims they came from."""
    used = sorted({c.issue for c in data.claims if c.issue in issues})
    if not used:
        return
    add(_EMERGENT_SCHEME, _TYPE, SKOS.ConceptScheme)
    add(_EMERGENT_SCHEME, SKOS.prefLabel, Lit("Emergent issues", lang="en"))
    for issue_id in used:
        issue = issues[issue_id]
        node = ISSUE[issue_id]
        add(node, _TYPE, SKOS.Concept)
        add(node, SKOS.inScheme, ISSUE.scheme)
        add(node, SKOS.inScheme, _EMERGENT_SCHEME)
        add(node, SKOS.prefLabel, Lit(issue.label, lang="en"))
        if issue.broader:
            add(node, SKOS.broader, ISSUE[issue.broader])
        for claim in data.claims:
            if claim.issue == issue_id:
                add(node, PROV.wasDerivedFrom, _CLAIM + claim_path(data.article.id, claim.id))


class _Add:
    """Collects triples, each once, in the order they are first added."""

    __slots__ = ("triples",)

    def __init__(self) -> None:
        self.triples: dict[Triple, None] = {}

    def __call__(self, subject: str, predicate: str, obj: str | Lit) -> None:
        self.triples[(subject, predicate, obj)] = None


def article_triples(
    article: ArticleClaims,
    *,
    sides: Mapping[str, Side] | None = None,
    issues: Mapping[str, Issue] | None = None,
) -> list[Triple]:
    """The triples of one article's claims, each once.

    *sides* are sides that no vocabulary file defines (the gazetteer's) and
    *issues* the emergent issues of the generated scheme: those the article uses
    are described in its graph, so the graph is complete on its own.
    """
    add = _Add()
    data = article.data
    if sides:
        _sides(add, {s: sides[s] for s in sorted(sides_used(data)) if s in sides})
    if issues:
        _issues(add, data, issues)
    source = _article(add, data, article.text)
    coder = _coder(add, data.coder)
    add(source, SG.codedBy, coder)
    _local_actors(add, data)
    for claim in data.claims:
        _claim(add, claim, data.article.id, source, coder, article.text)
    return list(add.triples)


#: The characters rdflib will not write in an IRI (``rdflib.term._is_valid_uri``).
_BAD_IRI = re.compile(r'[<>" {}|\\^`]')


def _iri_text(iri: str) -> str:
    if _BAD_IRI.search(iri):
        raise RDFError(
            f'{iri!r} is not an IRI that N-Triples can hold (it has one of <>" {{}}|\\^`): '
            "fix it in the vocabulary or claims file"
        )
    return f"<{iri}>"


_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", '"': '\\"', "\r": "\\r"})


def _term_text(term: str | Lit) -> str:
    if isinstance(term, str):
        return _iri_text(term)
    quoted = f'"{term.text.translate(_ESCAPES)}"'
    if term.lang:
        return f"{quoted}@{term.lang}"
    return f"{quoted}^^<{term.datatype}>" if term.datatype else quoted


def ntriples_of(triples: Iterable[Triple]) -> str:
    """*triples* as N-Triples, one line each, distinct lines sorted (rdflib's escapes)."""
    iris: dict[str, str] = {}

    def iri(value: str) -> str:
        text = iris.get(value)
        if text is None:
            text = iris[value] = _iri_text(value)
        return text

    lines = {
        f"{iri(s)} {iri(p)} {iri(o) if isinstance(o, str) else _term_text(o)} ."
        for s, p, o in triples
    }
    return "".join(f"{line}\n" for line in sorted(lines))


def article_ntriples(
    article: ArticleClaims,
    *,
    sides: Mapping[str, Side] | None = None,
    issues: Mapping[str, Issue] | None = None,
) -> str:
    """The sorted N-Triples of one article's graph (see :func:`article_triples`)."""
    return ntriples_of(article_triples(article, sides=sides, issues=issues))


def graph_of(triples: Iterable[Triple], graph: Graph | None = None) -> Graph:
    """Add *triples* to the rdflib *graph* (a new one, with stancegraph's prefixes, by
    default) and return it."""
    from rdflib import Graph, Literal, URIRef

    from stancegraph.namespaces import bind_prefixes

    graph = bind_prefixes(Graph()) if graph is None else graph
    terms: dict[str, URIRef] = {}

    def iri(value: str) -> URIRef:
        term = terms.get(value)
        if term is None:
            term = terms[value] = URIRef(value)
        return term

    graph.addN(
        (
            iri(s),
            iri(p),
            iri(o)
            if isinstance(o, str)
            else Literal(o.text, lang=o.lang, datatype=iri(o.datatype) if o.datatype else None),
            graph,
        )
        for s, p, o in triples
    )
    return graph


def article_to_graph(
    article: ArticleClaims,
    graph: Graph | None = None,
    *,
    sides: Mapping[str, Side] | None = None,
    issues: Mapping[str, Issue] | None = None,
) -> Graph:
    """Add the RDF of one article's claims to *graph* (a new graph by default); *sides*,
    *issues*: as for :func:`article_triples`."""
    return graph_of(article_triples(article, sides=sides, issues=issues), graph)


def claims_to_dataset(
    articles: Iterable[ArticleClaims],
    *,
    sides: Mapping[str, Side] | None = None,
    issues: Mapping[str, Issue] | None = None,
) -> Dataset:
    """One named graph per article, IRI ``graph:article/<id>``; later articles with the
    same id replace earlier ones. *sides*, *issues*: as for :func:`article_triples`."""
    from rdflib import Dataset, URIRef

    from stancegraph.namespaces import bind_prefixes

    dataset = Dataset()
    bind_prefixes(dataset)
    for article in articles:
        name = URIRef(GRAPH_BASE + article_graph_path(article.data.article.id))
        dataset.remove_graph(dataset.graph(name))
        article_to_graph(article, dataset.graph(name), sides=sides, issues=issues)
    return dataset
