//! Stage 7, align: which local units derive from which national units.
//!
//! Units are compared on their match keys (script, cross-strait vocabulary, punctuation and
//! numbering never count). Wording changed by a revision of the law is folded to the current
//! wording on both sides ([`revision`]); cited titles and numbers weigh little, and so do the
//! formulas of legal drafting, found by their content wherever they stand ([`formula`]).
//! Candidates come from a character-trigram index (national pieces holding much of a local one,
//! or held by it) and from shared terms in any order ([`terms`]); each candidate pair is then
//! aligned exactly with weighted Smith-Waterman, trigrams found in many national articles weighing
//! less. Whether a pair of articles derives is decided over the whole document pair
//! ([`decide`]): from their shared terms, weighed by how much they tell apart within the pair,
//! their aligned text, and how each compares with the best match of either article. The score of
//! a link is that probability, the same in every document.

mod band;
mod decide;
mod formula;
mod local_alignment;
mod memo;
mod revision;
mod terms;

use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

pub use local_alignment::{align as local_align, Hit};

use self::band::Trigrams;
use self::decide::Strength;
use self::memo::{Memo, PieceKey, PieceMemo};
use self::terms::{Bag, PairWeights, Terms};
use crate::cite;
use crate::model::{Alignment, Derivation, Document, Link, Segment, Span, Unit, UnitId, UnitKind};
use crate::normalize::UnitTexts;

/// An edit of the same provision (`modified`) shares this much weighted text (about eight
/// characters of ordinary text, not formulas)…
const MIN_WEIGHTED_MATCH: f32 = 8.0;
/// …covering this share of both units' weighted text; else the link is a `paraphrase`.
const MODIFIED_SHARE: f32 = 0.5;
/// The highest score of a link that is not a verbatim copy.
const MAX_PROBABLE: f32 = 0.99;
/// Pieces of a derived pair of articles link if their evidence is this strong (about eight
/// characters of ordinary text shared), or the strongest of the pair.
const MIN_PIECE_STRENGTH: f32 = 8.0;
/// Two links of one local unit whose aligned local text overlaps more than this compete: the
/// passage derives from one source, the better-scoring one.
const SAME_PASSAGE: f32 = 0.5;
/// Candidates kept per local unit from the index: those holding most of its text…
const CANDIDATES: usize = 4;
/// …and those most of whose text it holds (a short national article restated in a longer local
/// one).
const HELD_CANDIDATES: usize = 1;
/// …and those sharing the most terms with it, in any order (a paraphrase); these are judged on
/// their terms alone, not aligned.
const TERM_CANDIDATES: usize = 3;
/// Candidates need this containment in the index.
const MIN_CONTAINMENT: f32 = 0.08;
/// Weight of characters in cited titles and numbers.
const LOW_WEIGHT: f32 = 0.2;

type Trigram = [char; 3];

/// What a piece is: articles and preambles count in how rare a term or trigram is; items and
/// paragraphs, which repeat their article's text, do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Grain {
    /// Articles and preambles.
    Article,
    /// Items, sub-items and paragraphs.
    Part,
}

/// A unit ready for comparison.
#[derive(Clone)]
struct Piece {
    id: UnitId,
    grain: Grain,
    chars: Vec<char>,
    weights: Vec<f32>,
    /// Where its sentences (and paragraphs) start, as character indices, ascending from 0.
    sentences: Vec<u32>,
}

fn trigrams(chars: &[char]) -> impl Iterator<Item = Trigram> + '_ {
    chars.windows(3).map(|w| [w[0], w[1], w[2]])
}

/// Where a document cites titles and numbers: a shared reference is not a shared provision.
struct Citations {
    /// Spans by start…
    spans: Vec<Span>,
    /// …and the furthest end among each span and those before it.
    furthest_end: Vec<usize>,
}

impl Citations {
    fn of(doc: &Document) -> Citations {
        let titles = cite::titles(&doc.text).into_iter().map(|t| t.span);
        Citations::from_spans(titles.chain(cite::numbers(&doc.text).into_iter().map(|n| n.span)).collect())
    }

    /// The citations whose spans are `spans`, in any order.
    fn from_spans(mut spans: Vec<Span>) -> Citations {
        spans.sort_unstable();
        let furthest_end = spans
            .iter()
            .scan(0, |end: &mut usize, s| {
                *end = (*end).max(s.end);
                Some(*end)
            })
            .collect();
        Citations { spans, furthest_end }
    }

    /// The weight of each character whose origin is in `origins`: low when a cited title or
    /// number holds all of the origin. Origins mostly come in text order, so the citations
    /// starting before each are counted on from the last one's; a step back searches afresh.
    fn weights(&self, origins: &[Span]) -> Vec<f32> {
        let mut starting_before = 0;
        origins
            .iter()
            .map(|origin| {
                if starting_before > 0 && self.spans[starting_before - 1].start > origin.start {
                    starting_before = self.spans.partition_point(|s| s.start <= origin.start);
                }
                while self.spans.get(starting_before).is_some_and(|s| s.start <= origin.start) {
                    starting_before += 1;
                }
                let held = starting_before > 0 && self.furthest_end[starting_before - 1] >= origin.end;
                if held {
                    LOW_WEIGHT
                } else {
                    1.0
                }
            })
            .collect()
    }
}

/// A unit as a piece: its key with revised wording folded, cited titles and numbers and the
/// formulas of legal drafting weighing little.
fn piece(doc: &Document, texts: &UnitTexts, unit: &Unit, grain: Grain, citations: &Citations) -> Option<Piece> {
    let (key, origins) = texts.mapped_key(&unit.id).filter(|(key, _)| !key.is_empty())?;
    let key: Vec<char> = key.chars().collect();
    let (chars, mut weights, starts) =
        revision::fold(&key, &citations.weights(origins), &sentence_starts(doc, origins));
    formula::lower(&chars.iter().collect::<String>(), &mut weights);
    let sentences = starts.iter().enumerate().filter(|(_, &s)| s).map(|(i, _)| i as u32).collect();
    Some(Piece { id: unit.id.clone(), grain, chars, weights, sentences })
}

/// Whether each character of a key (whose characters come from `origins` of the document's text)
/// starts a sentence: the first does, and so does any that follows a sentence end or a line end.
fn sentence_starts(doc: &Document, origins: &[Span]) -> Vec<bool> {
    let ends_sentence = |c: char| matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n' | '\r');
    let mut starts = Vec::with_capacity(origins.len());
    starts.push(true);
    starts.extend(origins.windows(2).map(|pair| {
        let gap = doc.text.get(pair[0].end..pair[1].start).unwrap_or("");
        gap.chars().any(ends_sentence)
    }));
    starts.truncate(origins.len());
    starts
}

/// The weight of the sentences of a piece (starting at `sentences`, with running totals of its
/// weights `prefix`) that characters `range` of it touch.
fn sentence_weight(prefix: &[f32], sentences: &[u32], (from, to): (usize, usize)) -> f32 {
    let first = sentences.partition_point(|&s| s as usize <= from).saturating_sub(1);
    let start = sentences.get(first).map_or(0, |&s| s as usize);
    let end =
        sentences.get(sentences.partition_point(|&s| (s as usize) < to)).map_or(prefix.len() - 1, |&s| s as usize);
    prefix[end] - prefix[start]
}

/// Running totals of `weights`, from 0.
fn running_totals(weights: &[f32]) -> Vec<f32> {
    std::iter::once(0.0)
        .chain(weights.iter().scan(0.0, |sum, &w| {
            *sum += w;
            Some(*sum)
        }))
        .collect()
}

/// The comparable units of a document, on their match keys: made once, and aligned as a local
/// document or as a source.
#[derive(Clone, Default)]
pub struct Pieces(Vec<Piece>);

impl Pieces {
    /// The pieces of `doc`, whose unit texts are `texts`.
    pub fn of(doc: &Document, texts: &UnitTexts) -> Pieces {
        Pieces(pieces(doc, texts))
    }
}

/// Comparable units of a document (whose unit texts are `texts`): articles and preambles, items
/// and paragraphs.
fn pieces(doc: &Document, texts: &UnitTexts) -> Vec<Piece> {
    let citations = Citations::of(doc);
    let mut out = Vec::new();
    doc.walk(|u: &Unit| {
        let grain = match u.kind {
            UnitKind::Article | UnitKind::Preamble => Grain::Article,
            UnitKind::Item | UnitKind::SubItem | UnitKind::ThirdItem | UnitKind::Paragraph => Grain::Part,
            _ => return,
        };
        out.extend(piece(doc, texts, u, grain, &citations));
    });
    out
}

/// Multiplies each character's weight by the mean weight of the trigrams that cover it, given
/// the weight of every trigram window in order.
fn apply_trigram_weights(piece: &mut Piece, window_weights: impl Iterator<Item = f32>) {
    let n = piece.chars.len();
    if n < 3 {
        return;
    }
    let tri: Vec<f32> = window_weights.collect();
    for i in 0..n {
        let covering = &tri[i.saturating_sub(2)..(i + 1).min(tri.len())];
        piece.weights[i] *= covering.iter().sum::<f32>() / covering.len() as f32;
    }
}

/// The trigrams of the national pieces, by dense ID: the weight learned for each and the national
/// pieces holding it.
struct Index {
    ids: HashMap<Trigram, u32>,
    /// 1 for a trigram in at most one national article, less the more articles share it.
    weights: Vec<f32>,
    /// National pieces holding the trigram, ascending.
    postings: Vec<Vec<u32>>,
    /// Each national piece's weight of distinct trigrams.
    pieces: Vec<f32>,
}

/// The ID of a trigram no national piece has; it weighs 1.
const UNKNOWN: u32 = u32::MAX;

impl Index {
    fn new(pieces: &[Piece]) -> Index {
        let mut index =
            Index { ids: HashMap::default(), weights: Vec::new(), postings: Vec::new(), pieces: Vec::new() };
        let mut articles_with: Vec<u32> = Vec::new();
        // Each piece's distinct trigrams, with the weight of their first window's characters.
        let mut distinct_of: Vec<Vec<(u32, f32)>> = Vec::with_capacity(pieces.len());
        for (i, p) in pieces.iter().enumerate() {
            let mut distinct: Vec<(u32, f32)> = trigrams(&p.chars)
                .zip(window_weights(&p.weights))
                .map(|(t, w)| {
                    let next = index.postings.len() as u32;
                    let id = *index.ids.entry(t).or_insert(next);
                    if id == next {
                        index.postings.push(Vec::new());
                        articles_with.push(0);
                    }
                    (id, w)
                })
                .collect();
            distinct.sort_by_key(|&(id, _)| id);
            distinct.dedup_by_key(|&mut (id, _)| id);
            for &(id, _) in &distinct {
                index.postings[id as usize].push(i as u32);
                articles_with[id as usize] += u32::from(p.grain == Grain::Article);
            }
            distinct_of.push(distinct);
        }
        index.weights =
            articles_with.into_iter().map(|n| if n == 0 { 1.0 } else { 1.0 / (1.0 + (n as f32).ln()) }).collect();
        index.pieces = distinct_of
            .iter()
            .map(|distinct| distinct.iter().map(|&(id, w)| index.weights[id as usize] * w).sum())
            .collect();
        index
    }

    /// The ID of every trigram window of `chars`, in order.
    fn ids(&self, chars: &[char]) -> Vec<u32> {
        trigrams(chars).map(|t| self.ids.get(&t).copied().unwrap_or(UNKNOWN)).collect()
    }

    fn weight(&self, id: u32) -> f32 {
        self.weights.get(id as usize).copied().unwrap_or(1.0)
    }

    /// The national pieces sharing the most (weighted) trigrams with a piece: as a
    /// share of its own text, and as a share of theirs. `ids` are the piece's trigram windows and
    /// `window_weights` the weights of their characters; `unknown` weighs the distinct trigrams
    /// among them that no national piece has.
    fn candidates(&self, (ids, window_weights): (&[u32], &[f32]), unknown: f32, counters: &mut Counters) -> Vec<usize> {
        counters.piece += 1;
        let Counters { shared, counted, piece, .. } = counters;
        counted.resize(self.weights.len(), 0);
        shared.clear();
        shared.resize(self.pieces.len(), 0.0);
        let mut known = 0.0;
        for (&id, &ww) in ids.iter().zip(window_weights).filter(|(&id, _)| id != UNKNOWN) {
            // Each distinct trigram counts once, in the order the piece has them.
            if std::mem::replace(&mut counted[id as usize], *piece) == *piece {
                continue;
            }
            let w = self.weight(id) * ww;
            known += w;
            for &i in &self.postings[id as usize] {
                shared[i as usize] += w;
            }
        }
        let total = known + unknown;
        let mut holding: Vec<(usize, f32)> = Vec::new();
        let mut held: Vec<(usize, f32)> = Vec::new();
        for (i, &s) in shared.iter().enumerate().filter(|&(_, &s)| s > 0.0) {
            holding.push((i, s / total.max(1e-6)));
            held.push((i, s / self.pieces[i].max(1e-6)));
        }
        let mut candidates = best(holding, CANDIDATES);
        for i in best(held, HELD_CANDIDATES) {
            if !candidates.contains(&i) {
                candidates.push(i);
            }
        }
        candidates
    }
}

/// The `n` pieces of the highest containment of at least [`MIN_CONTAINMENT`], ties to the first.
fn best(mut ranked: Vec<(usize, f32)>, n: usize) -> Vec<usize> {
    ranked.retain(|(_, c)| *c >= MIN_CONTAINMENT);
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(n).map(|(i, _)| i).collect()
}

/// The mean weight of the characters of each trigram window.
fn window_weights(weights: &[f32]) -> impl Iterator<Item = f32> + '_ {
    weights.windows(3).map(|w| (w[0] + w[1] + w[2]) / 3.0)
}

/// Counters kept from one local piece to the next, so that counting a piece allocates nothing.
#[derive(Default)]
struct Counters {
    /// Shared trigram weight per national piece.
    shared: Vec<f32>,
    /// Per trigram ID, the last piece that counted it.
    counted: Vec<u32>,
    /// The piece being counted.
    piece: u32,
    /// Shared term weight per national piece.
    terms: Vec<f32>,
}

/// The weight of the distinct trigrams of `chars` whose window has no ID (each weighs its first
/// window's `window_weights`).
fn distinct_unknown(chars: &[char], ids: &[u32], window_weights: &[f32]) -> f32 {
    let mut unknown: Vec<(Trigram, f32)> = trigrams(chars)
        .zip(ids)
        .zip(window_weights)
        .filter(|((_, &id), _)| id == UNKNOWN)
        .map(|((t, _), &w)| (t, w))
        .collect();
    unknown.sort_by_key(|(t, _)| *t);
    unknown.dedup_by_key(|(t, _)| *t);
    unknown.iter().map(|(_, w)| w).sum()
}

/// A national piece a local piece was aligned with, and their best local alignment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Compared {
    national: usize,
    hit: Hit,
}

/// What one local piece yields, whatever document it is in: the weight of its text, its bag of
/// terms and its alignment with each of its candidates.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Found {
    total: f32,
    /// Running totals of the weights of its characters, from 0.
    prefix: Vec<f32>,
    bag: Bag,
    compared: Vec<Compared>,
}

/// A link, the local characters it aligns, the strength of its evidence and the length of the
/// national piece.
struct Candidate {
    link: Link,
    local_range: (usize, usize),
    strength: f32,
    national_len: usize,
}

/// The strength of the evidence that a local piece (whose sentences start at `sentences`) derives
/// from a national one it was compared with: its bag of terms against theirs under the pair's
/// `weights`, and their aligned text as a share of the sentences it touches (a clause copied into
/// a long article is as much a copy as a short article copied whole).
fn strength(
    local: (&Found, &[u32]),
    compared: &Compared,
    national: (&Bag, &Piece, &[f32]),
    weights: &PairWeights,
) -> Strength {
    let (found, local_sentences) = local;
    let (bag, national_piece, national_prefix) = national;
    let terms = terms::overlap(&found.bag, bag, weights);
    let hit = &compared.hit;
    let touched = sentence_weight(&found.prefix, local_sentences, hit.a).min(sentence_weight(
        national_prefix,
        &national_piece.sentences,
        hit.b,
    ));
    let text_share = if hit.matched == 0 { 0.0 } else { (hit.weighted / touched.max(1e-6)).min(1.0) };
    Strength { terms: terms.shared * terms.of_local.max(terms.of_national), text: hit.weighted * text_share }
}

/// What became of a local piece's text in a national one: the same text, edited, or said again
/// in other words. A match made of little but formulas is never an edit of the same provision.
fn relation(local: &Piece, national: &Piece, hit: &Hit, totals: (f32, f32)) -> Derivation {
    let shares = (hit.weighted / totals.0.max(1e-6), hit.weighted / totals.1.max(1e-6));
    if local.chars == national.chars {
        Derivation::Verbatim
    } else if shares.0.min(shares.1) >= MODIFIED_SHARE && hit.weighted >= MIN_WEIGHTED_MATCH {
        Derivation::Modified
    } else {
        Derivation::Paraphrase
    }
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> f32 {
    let shared = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    shared as f32 / (a.1 - a.0).min(b.1 - b.0).max(1) as f32
}

/// Of links that align the same local passage, keeps the one of the strongest evidence: the
/// passage derives from one source, and the sibling paragraph it copies beats one it shares a
/// clause with.
fn best_per_passage(mut candidates: Vec<Candidate>) -> Vec<Link> {
    // Of evidence equal within 2%, the smallest national unit: the item a local item restates, not
    // its article (whose text holds the item's, and a little more in common by chance).
    let level = |c: &Candidate| (c.strength.ln_1p() * 50.0).round() as i64;
    candidates.sort_by(|a, b| {
        level(b).cmp(&level(a)).then(a.national_len.cmp(&b.national_len)).then(b.strength.total_cmp(&a.strength))
    });
    let mut kept: Vec<Candidate> = Vec::new();
    for c in candidates {
        if kept.iter().all(|k| overlap(k.local_range, c.local_range) <= SAME_PASSAGE) {
            kept.push(c);
        }
    }
    kept.into_iter().map(|c| c.link).collect()
}

/// The article each piece counts in ([`article_level`]), as a dense index into the list of those
/// articles, and that list.
fn articles_of(pieces: &[Piece]) -> (Vec<usize>, Vec<UnitId>) {
    let mut index: HashMap<UnitId, usize> = HashMap::default();
    let mut articles = Vec::new();
    let of = pieces
        .iter()
        .map(|p| {
            let article = article_level(&p.id);
            *index.entry(article.clone()).or_insert_with(|| {
                articles.push(article);
                articles.len() - 1
            })
        })
        .collect();
    (of, articles)
}

/// The national side of alignments, prepared once and shared by every local document aligned to
/// it: pieces, learned trigram weights, the candidate index and the alignments already made.
pub struct Aligner<'a> {
    national: &'a Document,
    pieces: Vec<Piece>,
    /// The weight of each piece's text, and running totals of its characters' weights.
    totals: Vec<f32>,
    prefixes: Vec<Vec<f32>>,
    /// The article each piece counts in (its own, else its first item or paragraph), by dense
    /// index into `articles`.
    article_of: Vec<usize>,
    articles: Vec<UnitId>,
    /// Each piece's trigrams, sorted when first needed (by the band of an alignment).
    trigrams: Vec<OnceLock<Trigrams>>,
    index: Index,
    terms: Terms,
    memo: Memo,
    /// What local pieces already aligned yield, when the aligner is shared by many documents.
    piece_memo: Option<PieceMemo>,
}

impl<'a> Aligner<'a> {
    /// Prepares the national document, whose unit texts are `texts`, to be shared by many local
    /// documents.
    pub fn new(national: &'a Document, texts: &UnitTexts) -> Aligner<'a> {
        Aligner::with_pieces(national, Pieces::of(national, texts), true)
    }

    /// Prepares a source document from its pieces; `shared` when many local documents will be
    /// aligned to it, so that the links of local pieces are remembered.
    pub fn with_pieces(source: &'a Document, pieces: Pieces, shared: bool) -> Aligner<'a> {
        let aligner = Aligner::from_pieces(source, pieces.0);
        Aligner { piece_memo: shared.then(PieceMemo::default), ..aligner }
    }

    fn from_pieces(national: &'a Document, mut pieces: Vec<Piece>) -> Aligner<'a> {
        let index = Index::new(&pieces);
        let terms = Terms::new(&pieces);
        for piece in &mut pieces {
            let ids = index.ids(&piece.chars);
            apply_trigram_weights(piece, ids.iter().map(|&id| index.weight(id)));
        }
        let totals = pieces.iter().map(|p| p.weights.iter().sum()).collect();
        let prefixes = pieces.iter().map(|p| running_totals(&p.weights)).collect();
        let trigrams = pieces.iter().map(|_| OnceLock::new()).collect();
        let (article_of, articles) = articles_of(&pieces);
        Aligner {
            national,
            pieces,
            totals,
            prefixes,
            article_of,
            articles,
            trigrams,
            index,
            terms,
            memo: Memo::default(),
            piece_memo: None,
        }
    }

    /// Aligns a local document, whose unit texts are `texts`, to the national one.
    pub fn align(&self, local: &Document, texts: &UnitTexts) -> Alignment {
        self.align_pieces(&Pieces::of(local, texts))
    }

    /// Aligns a local document, given as its pieces, to the source.
    pub fn align_pieces(&self, local: &Pieces) -> Alignment {
        let local_pieces = &local.0;
        let mut counters = Counters::default();
        let found: Vec<Found> = local_pieces
            .iter()
            .map(|piece| {
                let mut find = || self.compare(piece, &mut counters);
                match &self.piece_memo {
                    Some(memo) => {
                        let key = PieceKey { grain: piece.grain, chars: &piece.chars, weights: &piece.weights };
                        memo.found(&key, find)
                    }
                    None => find(),
                }
            })
            .collect();
        let articles = local_pieces.iter().zip(&found).filter(|(p, _)| p.grain == Grain::Article).map(|(_, f)| &f.bag);
        let weights = PairWeights::new(&self.terms, articles);
        let (local_article_of, local_articles) = articles_of(&local_pieces);
        // The strength of every pair of pieces compared, by local piece.
        let strengths: Vec<Vec<Strength>> = local_pieces
            .iter()
            .zip(&found)
            .map(|(lp, f)| {
                f.compared
                    .iter()
                    .map(|c| {
                        let national =
                            (self.terms.national(c.national), &self.pieces[c.national], &self.prefixes[c.national][..]);
                        strength((f, &lp.sentences), c, national, &weights)
                    })
                    .collect()
            })
            .collect();
        let rows: Vec<((usize, usize), Strength)> = found
            .iter()
            .zip(&strengths)
            .zip(&local_article_of)
            .flat_map(|((f, s), &l)| f.compared.iter().zip(s).map(move |(c, &s)| ((l, self.article_of[c.national]), s)))
            .collect();
        let probability = decide::probabilities(rows.iter().copied(), (local_articles.len(), self.articles.len()));
        // The strongest pair of pieces of each pair of articles always links; others need evidence
        // of their own, or every clause of a derived article links to it.
        let mut strongest: HashMap<(usize, usize), f32> = HashMap::default();
        for (pair, s) in &rows {
            let best = strongest.entry(*pair).or_default();
            *best = best.max(s.total());
        }
        let mut links = Vec::new();
        for (j, (piece, found)) in local_pieces.iter().zip(&found).enumerate() {
            let candidates = found
                .compared
                .iter()
                .zip(&strengths[j])
                .filter_map(|(c, s)| {
                    let pair = (local_article_of[j], self.article_of[c.national]);
                    let p = probability[&pair];
                    let strong = s.total() >= MIN_PIECE_STRENGTH || s.total() >= strongest[&pair];
                    (p >= decide::THRESHOLD && strong).then(|| self.candidate(piece, found.total, c, *s, p))
                })
                .collect();
            links.extend(best_per_passage(candidates));
        }
        // A national article is left out if no local article derives from it: the chance of that
        // is the product of the chances that each candidate does not.
        let mut left_out = vec![1.0f32; self.articles.len()];
        for (&(_, n), &p) in &probability {
            left_out[n] *= 1.0 - p;
        }
        let linked: HashSet<UnitId> = links.iter().filter_map(|l| l.national.article()).collect();
        let index: HashMap<&UnitId, usize> = self.articles.iter().enumerate().map(|(i, id)| (id, i)).collect();
        let (dropped, dropped_confidence) = self
            .national
            .all_units()
            .into_iter()
            .filter(|u| u.kind == UnitKind::Article && !linked.contains(&u.id))
            .map(|u| (u.id.clone(), index.get(&u.id).map_or(1.0, |&n| left_out[n])))
            .unzip();
        Alignment { links, dropped, dropped_confidence }
    }

    /// The link from a local piece (the weight of whose text is `total`) to the national piece it
    /// was compared with, in a pair of articles whose probability of derivation is `p`.
    fn candidate(&self, piece: &Piece, total: f32, compared: &Compared, strength: Strength, p: f32) -> Candidate {
        let national = &self.pieces[compared.national];
        let hit = &compared.hit;
        let relation = relation(piece, national, hit, (total, self.totals[compared.national]));
        // Certain only for the same text; a probability never rounds up to it.
        let score = if relation == Derivation::Verbatim { 1.0 } else { p.min(MAX_PROBABLE) };
        let link = Link {
            local: piece.id.clone(),
            national: national.id.clone(),
            score,
            coverage: (hit.matched as f32 / national.chars.len() as f32).min(1.0),
            relation,
        };
        Candidate { link, local_range: hit.a, strength: strength.total(), national_len: national.chars.len() }
    }

    /// What one local piece yields: its trigram weights applied, its candidates found in the
    /// indices, and those sharing runs of text aligned.
    fn compare(&self, piece: &Piece, counters: &mut Counters) -> Found {
        let ids = self.index.ids(&piece.chars);
        let window_weights: Vec<f32> = window_weights(&piece.weights).collect();
        let unknown = distinct_unknown(&piece.chars, &ids, &window_weights);
        let bag = self.terms.bag(piece);
        let mut candidates = self.index.candidates((&ids, &window_weights), unknown, counters);
        let sharing_runs = candidates.len();
        for i in self.terms.candidates(&bag, TERM_CANDIDATES, &mut counters.terms) {
            if !candidates.contains(&i) {
                candidates.push(i);
            }
        }
        let mut piece = piece.clone();
        apply_trigram_weights(&mut piece, ids.iter().map(|&id| self.index.weight(id)));
        // A verbatim copy covers the whole local unit with the best score, so it would outrank
        // every other candidate for the same passage: those need no alignment.
        let verbatim: Vec<usize> =
            candidates.iter().copied().filter(|&i| self.pieces[i].chars == piece.chars).collect();
        let candidates = if verbatim.is_empty() { candidates } else { verbatim };
        let compared = candidates
            .into_iter()
            .enumerate()
            .map(|(k, i)| {
                // A candidate found by its terms alone shares too few trigrams to align.
                if k >= sharing_runs {
                    return Compared { national: i, hit: Hit::default() };
                }
                let national = &self.pieces[i];
                let hit = self.memo.align(
                    i,
                    (&piece.chars, &piece.weights),
                    (&national.chars, &national.weights, &self.trigrams[i]),
                );
                Compared { national: i, hit }
            })
            .collect();
        Found { total: piece.weights.iter().sum(), prefix: running_totals(&piece.weights), bag, compared }
    }
}

/// Aligns a local document to the national document it may derive from.
pub fn align(national: &Document, local: &Document) -> Alignment {
    Aligner::new(national, &UnitTexts::new(national)).align(local, &UnitTexts::new(local))
}

/// The unit a link is counted at in article-level evaluation: its article, else its first item
/// or paragraph.
pub fn article_level(id: &UnitId) -> UnitId {
    id.article().unwrap_or_else(|| {
        let end =
            id.0.iter()
                .position(|s| matches!(s.segment, Segment::Item(_) | Segment::SubItem(_) | Segment::Paragraph(_)));
        UnitId(id.0[..end.map_or(id.0.len(), |e| e + 1)].into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn weights_are_low_exactly_where_a_citation_holds_the_origin(
            cited in proptest::collection::vec((0usize..60, 1usize..20), 0..6),
            origins in proptest::collection::vec((0usize..80, 1usize..4), 0..40),
        ) {
            let citations = Citations::from_spans(cited.iter().map(|&(s, len)| Span::new(s, s + len)).collect());
            let origins: Vec<Span> = origins.iter().map(|&(s, len)| Span::new(s, s + len)).collect();
            let expected: Vec<f32> = origins
                .iter()
                .map(|o| {
                    let held = citations.spans.iter().any(|c| c.start <= o.start && o.end <= c.end);
                    if held { LOW_WEIGHT } else { 1.0 }
                })
                .collect();
            proptest::prop_assert_eq!(citations.weights(&origins), expected);
        }
    }
}
