//! Stage 7, align: which local units derive from which national units.
//!
//! Units are compared on their match keys (script, cross-strait vocabulary, punctuation and
//! numbering never count). Candidates come from a character-trigram index with containment
//! scoring; each candidate pair is then aligned exactly with weighted Smith-Waterman. Weights
//! learned from the texts keep common phrasing from making links on its own: trigrams found in
//! many national articles weigh less, cited titles and numbers weigh little, and so do the formulaic closing
//! articles the two documents share (本办法由…负责解释, 自发布之日起施行).

mod band;
mod local_alignment;
mod memo;

use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

pub use local_alignment::{align as local_align, Hit};

use self::band::Trigrams;
use self::memo::{Memo, PieceKey, PieceMemo};
use crate::cite;
use crate::model::{Alignment, Derivation, Document, Link, Segment, Span, Unit, UnitId, UnitKind};
use crate::normalize::UnitTexts;

/// A link needs this much weighted matching text (about eight characters of ordinary text).
const MIN_WEIGHTED_MATCH: f32 = 8.0;
/// …and must cover this share of the local or of the national unit's weighted text.
const MIN_SHARE: f32 = 0.3;
/// Both shares at least this: the unit was reused with edits (`modified`), else `paraphrase`.
const MODIFIED_SHARE: f32 = 0.5;
/// A dense shared passage (matches over aligned length) of at least…
const DENSE: f32 = 0.75;
/// …with at least this much weighted text is a link even inside long articles.
const MIN_DENSE_MATCH: f32 = 10.0;
/// Two links of one local unit whose aligned local text overlaps more than this compete: the
/// passage derives from one source, the better-scoring one.
const SAME_PASSAGE: f32 = 0.5;
/// Candidates kept per local unit from the index.
const CANDIDATES: usize = 4;
/// Candidates need this containment in the index.
const MIN_CONTAINMENT: f32 = 0.08;
/// Weight of characters in cited titles and in formulaic closing articles.
const LOW_WEIGHT: f32 = 0.2;
/// Closing articles: the last share of a document's articles.
const CLOSING_SHARE: f32 = 0.15;

type Trigram = [char; 3];

/// What a piece is, for choosing what it is compared with.
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

/// A unit as a piece: its key, with cited titles and numbers weighing little.
fn piece(texts: &UnitTexts, unit: &Unit, grain: Grain, citations: &Citations) -> Option<Piece> {
    let (key, origins) = texts.mapped_key(&unit.id).filter(|(key, _)| !key.is_empty())?;
    Some(Piece { id: unit.id.clone(), grain, chars: key.chars().collect(), weights: citations.weights(origins) })
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
        out.extend(piece(texts, u, grain, &citations));
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

fn dice(ta: &HashSet<Trigram>, tb: &HashSet<Trigram>) -> f32 {
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    2.0 * ta.intersection(tb).count() as f32 / (ta.len() + tb.len()) as f32
}

/// Indices of the closing articles of a document's pieces.
fn closing(pieces: &[Piece]) -> Vec<usize> {
    let articles: Vec<usize> = pieces
        .iter()
        .enumerate()
        .filter(|(_, p)| p.grain == Grain::Article && matches!(p.id.last(), Some(Segment::Article(..))))
        .map(|(i, _)| i)
        .collect();
    let keep = ((articles.len() as f32 * CLOSING_SHARE).ceil() as usize).max(1);
    articles[articles.len().saturating_sub(keep)..].to_vec()
}

/// The closing articles of a document's pieces, by index, each with its set of trigrams.
struct Closing(Vec<(usize, HashSet<Trigram>)>);

impl Closing {
    fn of(pieces: &[Piece]) -> Closing {
        Closing(closing(pieces).into_iter().map(|i| (i, trigrams(&pieces[i].chars).collect())).collect())
    }
}

/// Closing articles that have a look-alike among the other document's closing articles are
/// formulaic; their weight drops. Returns the indices of the formulaic national pieces and of the
/// formulaic local ones.
fn formulaic(national: &Closing, local: &[Piece]) -> (HashSet<usize>, HashSet<usize>) {
    let local_closing = Closing::of(local);
    let mut formulaic = (HashSet::default(), HashSet::default());
    for (i, national_trigrams) in &national.0 {
        for (j, local_trigrams) in &local_closing.0 {
            if dice(national_trigrams, local_trigrams) >= 0.3 {
                formulaic.0.insert(*i);
                formulaic.1.insert(*j);
            }
        }
    }
    formulaic
}

/// `piece` with the weights of a formulaic closing article.
fn lowered_piece(piece: &Piece) -> Piece {
    let mut piece = piece.clone();
    piece.weights.iter_mut().for_each(|w| *w *= LOW_WEIGHT);
    piece
}

/// The trigrams of the national pieces, by dense ID: the weight learned for each and the national
/// pieces holding it.
struct Index {
    ids: HashMap<Trigram, u32>,
    /// 1 for a trigram in at most one national article, less the more articles share it.
    weights: Vec<f32>,
    /// National pieces holding the trigram, ascending.
    postings: Vec<Vec<u32>>,
    /// Number of national pieces.
    pieces: usize,
}

/// The ID of a trigram no national piece has; it weighs 1.
const UNKNOWN: u32 = u32::MAX;

impl Index {
    fn new(pieces: &[Piece]) -> Index {
        let mut index =
            Index { ids: HashMap::default(), weights: Vec::new(), postings: Vec::new(), pieces: pieces.len() };
        let mut articles_with: Vec<u32> = Vec::new();
        for (i, p) in pieces.iter().enumerate() {
            let mut distinct: Vec<u32> = trigrams(&p.chars)
                .map(|t| {
                    let next = index.postings.len() as u32;
                    let id = *index.ids.entry(t).or_insert(next);
                    if id == next {
                        index.postings.push(Vec::new());
                        articles_with.push(0);
                    }
                    id
                })
                .collect();
            distinct.sort_unstable();
            distinct.dedup();
            for &id in &distinct {
                index.postings[id as usize].push(i as u32);
                articles_with[id as usize] += u32::from(p.grain == Grain::Article);
            }
        }
        index.weights =
            articles_with.into_iter().map(|n| if n == 0 { 1.0 } else { 1.0 / (1.0 + (n as f32).ln()) }).collect();
        index
    }

    /// The ID of every trigram window of `chars`, in order.
    fn ids(&self, chars: &[char]) -> Vec<u32> {
        trigrams(chars).map(|t| self.ids.get(&t).copied().unwrap_or(UNKNOWN)).collect()
    }

    fn weight(&self, id: u32) -> f32 {
        self.weights.get(id as usize).copied().unwrap_or(1.0)
    }

    /// National pieces sharing the most (weighted) trigrams with a piece, as a share of its own;
    /// `ids` are the piece's trigram windows, `unknown` the number of distinct trigrams among them
    /// that no national piece has.
    fn candidates(&self, ids: &[u32], unknown: usize, counters: &mut Counters) -> Vec<usize> {
        counters.piece += 1;
        let Counters { shared, counted, piece } = counters;
        counted.resize(self.weights.len(), 0);
        shared.clear();
        shared.resize(self.pieces, 0.0);
        let mut known = 0.0;
        for &id in ids.iter().filter(|&&id| id != UNKNOWN) {
            // Each distinct trigram counts once, in the order the piece has them.
            if std::mem::replace(&mut counted[id as usize], *piece) == *piece {
                continue;
            }
            let w = self.weight(id);
            known += w;
            for &i in &self.postings[id as usize] {
                shared[i as usize] += w;
            }
        }
        let total = known + unknown as f32;
        let mut ranked: Vec<(usize, f32)> = shared
            .iter()
            .enumerate()
            .filter(|(_, s)| **s > 0.0)
            .map(|(i, s)| (i, s / total.max(1e-6)))
            .filter(|(_, c)| *c >= MIN_CONTAINMENT)
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(CANDIDATES).map(|(i, _)| i).collect()
    }
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
}

/// The number of distinct trigrams of `chars` whose window has no ID.
fn distinct_unknown(chars: &[char], ids: &[u32]) -> usize {
    let mut unknown: Vec<Trigram> = trigrams(chars).zip(ids).filter(|(_, &id)| id == UNKNOWN).map(|(t, _)| t).collect();
    unknown.sort_unstable();
    unknown.dedup();
    unknown.len()
}

/// A national piece a local piece is compared with.
struct Target<'p> {
    /// Its index among the national pieces, and whether its weights were lowered as formulaic.
    key: (usize, bool),
    piece: &'p Piece,
    /// Its trigrams, sorted when first needed.
    trigrams: &'p OnceLock<Trigrams>,
}

/// A link and the local characters it aligns.
struct Candidate {
    link: Link,
    local_range: (usize, usize),
}

/// Weighted shares of two pieces' text that their best local alignment covers.
fn shares(local: &Piece, target: &Target, memo: &Memo) -> (Hit, f32, f32) {
    let national = target.piece;
    let hit =
        memo.align(target.key, (&local.chars, &local.weights), (&national.chars, &national.weights, target.trigrams));
    let local_total: f32 = local.weights.iter().sum();
    let national_total: f32 = national.weights.iter().sum();
    (hit, hit.weighted / local_total.max(1e-6), hit.weighted / national_total.max(1e-6))
}

/// The link between two pieces, if the aligned text is enough: a good share of either unit, or
/// a dense shared passage.
fn link(local: &Piece, target: &Target, memo: &Memo) -> Option<Candidate> {
    let (hit, local_share, national_share) = shares(local, target, memo);
    let national = target.piece;
    let aligned = (hit.a.1 - hit.a.0) + (hit.b.1 - hit.b.0);
    let density = 2.0 * hit.matched as f32 / aligned.max(1) as f32;
    let shares = hit.weighted >= MIN_WEIGHTED_MATCH && local_share.max(national_share) >= MIN_SHARE;
    let dense = hit.weighted >= MIN_DENSE_MATCH && density >= DENSE;
    if !shares && !dense {
        return None;
    }
    let relation = if local.chars == national.chars {
        Derivation::Verbatim
    } else if local_share.min(national_share) >= MODIFIED_SHARE {
        Derivation::Modified
    } else {
        Derivation::Paraphrase
    };
    let link = Link {
        local: local.id.clone(),
        national: national.id.clone(),
        score: ((local_share + national_share) / 2.0).min(1.0),
        coverage: (hit.matched as f32 / national.chars.len() as f32).min(1.0),
        relation,
    };
    Some(Candidate { link, local_range: hit.a })
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> f32 {
    let shared = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    shared as f32 / (a.1 - a.0).min(b.1 - b.0).max(1) as f32
}

/// Of links that align the same local passage, keeps the best-scoring one.
fn best_per_passage(mut candidates: Vec<Candidate>) -> Vec<Link> {
    candidates.sort_by(|a, b| b.link.score.total_cmp(&a.link.score));
    let mut kept: Vec<Candidate> = Vec::new();
    for c in candidates {
        if kept.iter().all(|k| overlap(k.local_range, c.local_range) <= SAME_PASSAGE) {
            kept.push(c);
        }
    }
    kept.into_iter().map(|c| c.link).collect()
}

/// The national side of alignments, prepared once and shared by every local document aligned to
/// it: pieces, learned trigram weights, the candidate index and the alignments already made.
pub struct Aligner<'a> {
    national: &'a Document,
    pieces: Vec<Piece>,
    /// Each piece's trigrams, sorted when first needed (by the band of an alignment).
    trigrams: Vec<OnceLock<Trigrams>>,
    /// The closing articles, compared with a local document's to find formulaic ones…
    closing: Closing,
    /// …and each piece lowered as formulaic, made when first needed.
    lowered: Vec<OnceLock<Piece>>,
    index: Index,
    memo: Memo,
    /// The links of local pieces already aligned, when the aligner is shared by many documents.
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
        for piece in &mut pieces {
            let ids = index.ids(&piece.chars);
            apply_trigram_weights(piece, ids.iter().map(|&id| index.weight(id)));
        }
        let trigrams = pieces.iter().map(|_| OnceLock::new()).collect();
        let lowered = pieces.iter().map(|_| OnceLock::new()).collect();
        let closing = Closing::of(&pieces);
        Aligner { national, pieces, trigrams, closing, lowered, index, memo: Memo::default(), piece_memo: None }
    }

    /// Aligns a local document, whose unit texts are `texts`, to the national one.
    pub fn align(&self, local: &Document, texts: &UnitTexts) -> Alignment {
        self.align_pieces(&Pieces::of(local, texts))
    }

    /// Aligns a local document, given as its pieces, to the source.
    pub fn align_pieces(&self, local: &Pieces) -> Alignment {
        let local_pieces = &local.0;
        let (national_formulaic, local_formulaic) = formulaic(&self.closing, local_pieces);
        let mut links = Vec::new();
        let mut counters = Counters::default();
        for (j, piece) in local_pieces.iter().enumerate() {
            let lowered = local_formulaic.contains(&j);
            let mut find =
                |known: Option<&[usize]>| self.piece_links(piece, lowered, &national_formulaic, known, &mut counters);
            links.extend(match &self.piece_memo {
                Some(memo) => {
                    let key = PieceKey { grain: piece.grain, chars: &piece.chars, weights: &piece.weights, lowered };
                    memo.links(&key, &piece.id, &national_formulaic, find)
                }
                None => find(None).1,
            });
        }
        let linked: HashSet<UnitId> = links.iter().filter_map(|l| l.national.article()).collect();
        let dropped = self
            .national
            .all_units()
            .into_iter()
            .filter(|u| u.kind == UnitKind::Article && !linked.contains(&u.id))
            .map(|u| u.id.clone())
            .collect();
        Alignment { links, dropped }
    }

    /// The candidates and links of one local piece: its trigram weights applied (and lowered when
    /// it is a formulaic closing article), its candidates found in the index (unless `known`),
    /// aligned, and the best link kept per passage. `national_formulaic` holds the national pieces
    /// found formulaic for its document.
    fn piece_links(
        &self,
        piece: &Piece,
        lowered: bool,
        national_formulaic: &HashSet<usize>,
        known: Option<&[usize]>,
        counters: &mut Counters,
    ) -> (Vec<usize>, Vec<Link>) {
        let ids = self.index.ids(&piece.chars);
        let mut piece = piece.clone();
        apply_trigram_weights(&mut piece, ids.iter().map(|&id| self.index.weight(id)));
        if lowered {
            piece.weights.iter_mut().for_each(|w| *w *= LOW_WEIGHT);
        }
        let candidates = match known {
            Some(known) => known.to_vec(),
            None => self.index.candidates(&ids, distinct_unknown(&piece.chars, &ids), counters),
        };
        let target = |i: usize| {
            if national_formulaic.contains(&i) {
                let piece = self.lowered[i].get_or_init(|| lowered_piece(&self.pieces[i]));
                Target { key: (i, true), piece, trigrams: &self.trigrams[i] }
            } else {
                Target { key: (i, false), piece: &self.pieces[i], trigrams: &self.trigrams[i] }
            }
        };
        let targets: Vec<Target> = candidates
            .iter()
            .map(|&i| target(i))
            // Articles are compared with articles; items and paragraphs with anything.
            .filter(|target| piece.grain == Grain::Part || target.piece.grain == Grain::Article)
            .collect();
        // A verbatim copy covers the whole local unit with the best score, so it would
        // outrank every other candidate for the same passage: those need no alignment.
        let (verbatim, others): (Vec<Target>, Vec<Target>) =
            targets.into_iter().partition(|t| t.piece.chars == piece.chars);
        let targets = if verbatim.is_empty() { others } else { verbatim };
        let links = targets.iter().filter_map(|target| link(&piece, target, &self.memo)).collect();
        (candidates, best_per_passage(links))
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
