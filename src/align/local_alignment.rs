//! Weighted Smith-Waterman local alignment of two match keys, with affine gaps (Gotoh): drafting
//! offices insert or drop whole clauses, so a long gap costs little more than a short one.

use wide::bytemuck::cast;
use wide::{f32x8, i32x8};

#[cfg(target_arch = "x86_64")]
mod avx2;

/// Score of a matching character, times its weight.
pub(super) const MATCH: f32 = 2.0;
/// Penalty of a mismatch.
pub(super) const MISMATCH: f32 = -1.0;
/// Penalty of opening a gap (insertion or deletion)…
pub(super) const GAP_OPEN: f32 = -2.0;
/// …and of each character it spans.
pub(super) const GAP_EXTEND: f32 = -0.3;

/// The best local alignment of `a` and `b`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Hit {
    /// Matching characters in the alignment.
    pub matched: usize,
    /// Their weight: matches count by the mean weight of the two characters.
    pub weighted: f32,
    /// Aligned range of `a`, character indices `[start, end)`.
    pub a: (usize, usize),
    /// Aligned range of `b`.
    pub b: (usize, usize),
}

/// Where a cell's best score came from, packed into one byte with the gap-open flags.
const FROM_MATCH: u8 = 1;
const FROM_GAP_IN_A: u8 = 2;
const FROM_GAP_IN_B: u8 = 3;
const FROM_MASK: u8 = 3;
const E_OPENS: u8 = 4;
const F_OPENS: u8 = 8;

/// Cells filled at once: one vector of scores.
const LANES: usize = 8;

/// The diagonals of the matrix an alignment may use: cell (i, j), 1-based, lies on diagonal
/// `i - j`, so an alignment without gaps keeps to one diagonal and a gap moves it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Band {
    /// Lowest diagonal.
    pub lo: isize,
    /// Highest diagonal.
    pub hi: isize,
}

impl Band {
    /// Every diagonal of an `n` × `m` matrix.
    pub fn full(n: usize, m: usize) -> Band {
        Band { lo: 1 - m as isize, hi: n as isize - 1 }
    }
}

/// Aligns `a` against `b` (characters with weights in [0, 1]) over the whole matrix.
pub fn align(a: &[char], wa: &[f32], b: &[char], wb: &[f32]) -> Hit {
    align_in(a, wa, b, wb, Band::full(a.len(), b.len()))
}

/// Aligns `a` against `b` using only the cells of `band`: the best local alignment among those
/// that keep to it, cells outside it counting as the boundary of the matrix.
///
/// The matrix is filled one anti-diagonal at a time: the cells of an anti-diagonal depend only on
/// the two before it, never on each other, so they are computed eight at a time in SIMD lanes.
/// Each cell does the same arithmetic as the textbook row-by-row recurrence, so scores and ties
/// come out the same. Scores live in three rolling diagonals; only traceback bits are kept for
/// the cells of the band.
pub fn align_in(a: &[char], wa: &[f32], b: &[char], wb: &[f32], band: Band) -> Hit {
    align_using(Kernel::best(), a, wa, b, wb, band)
}

/// How the vectors of cells are computed. Every kernel does the same arithmetic in the same
/// order, so all find the same alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kernel {
    /// Portable vectors (SSE2 on x86-64).
    Portable,
    /// 256-bit AVX2 vectors, twice the lanes per instruction; only made where the processor has
    /// them.
    #[cfg(target_arch = "x86_64")]
    Avx2(avx2::Avx2),
}

impl Kernel {
    /// The fastest kernel this processor runs.
    fn best() -> Kernel {
        #[cfg(target_arch = "x86_64")]
        if let Some(avx2) = avx2::Avx2::detect() {
            return Kernel::Avx2(avx2);
        }
        Kernel::Portable
    }
}

fn align_using(kernel: Kernel, a: &[char], wa: &[f32], b: &[char], wb: &[f32], band: Band) -> Hit {
    match kernel {
        Kernel::Portable => fill_matrix(a, wa, b, wb, band, fill),
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2(avx2) => avx2.align_in(a, wa, b, wb, band),
    }
}

/// The alignment, its vectors of cells computed by `fill`. Inlined into each kernel's caller,
/// so that the whole loop is compiled for that kernel's instructions.
#[inline(always)]
fn fill_matrix(
    a: &[char],
    wa: &[f32],
    b: &[char],
    wb: &[f32],
    band: Band,
    fill: impl Fn(&Cells, &mut [f32], &mut [f32], &mut [f32], &mut [[u8; PLANES]]),
) -> Hit {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        return Hit::default();
    }
    if a == b {
        return identical(a, wa, wb);
    }
    let own = padded(wa.iter().map(|w| MATCH * w / 2.0));
    let a_codes = padded_codes(a.iter());
    // `b` reversed, so that the characters of `b` met along an anti-diagonal are contiguous.
    let half_rev = padded(wb.iter().rev().map(|w| MATCH * w / 2.0));
    let b_rev = padded_codes(b.iter().rev());
    let mut flags = Flags::new(n, m, band);
    // Diagonals are indexed by row `i`; index 0 and index `d` hold the boundary row and column.
    let len = n + 1 + LANES;
    let mut h = [vec![0f32; len], vec![0f32; len], vec![0f32; len]];
    let mut e = [vec![f32::NEG_INFINITY; len], vec![f32::NEG_INFINITY; len]];
    let mut f = [vec![f32::NEG_INFINITY; len], vec![f32::NEG_INFINITY; len]];
    let mut best = Best::default();
    for d in 2..=n + m {
        let (lo, hi) = flags.rows(d);
        // Rotate: index 0 becomes diagonal d, 1 is d - 1 and 2 is d - 2.
        h.swap(0, 2);
        h.swap(1, 2);
        e.swap(0, 1);
        f.swap(0, 1);
        if lo > hi {
            continue;
        }
        let [h0, h1, h2] = &mut h;
        let [e0, e1] = &mut e;
        let [f0, f1] = &mut f;
        // What this diagonal reads of the two before but they did not compute (row 0, column 0,
        // cells outside the band, padding lanes) is boundary: no score, no open gap.
        for row in not_computed((lo - 1, hi), flags.rows_before(d, 1)) {
            (h1[row], e1[row], f1[row]) = (0.0, f32::NEG_INFINITY, f32::NEG_INFINITY);
        }
        for row in not_computed((lo - 1, hi - 1), flags.rows_before(d, 2)) {
            h2[row] = 0.0;
        }
        let cells = Cells {
            left_h: &h1[lo..],
            left_e: &e1[lo..],
            up_h: &h1[lo - 1..],
            up_f: &f1[lo - 1..],
            diagonal_h: &h2[lo - 1..],
            a: &a_codes[lo - 1..],
            own: &own[lo - 1..],
            b: &b_rev[m + lo - d..],
            half: &half_rev[m + lo - d..],
        };
        fill(&cells, &mut h0[lo..], &mut e0[lo..], &mut f0[lo..], flags.diagonal_mut(d));
        best.consider(&h0[lo..=hi], lo, d);
    }
    traceback(a, wa, b, wb, &flags, best.i, best.j)
}

/// The rows of `read` (first, last) that are not in `computed` (first, last; empty when the
/// first is past the last). Windows move by a row at most from one diagonal to the next, so these
/// are a few rows at either end, or all of `read` when nothing was computed.
fn not_computed(read: (usize, usize), computed: (usize, usize)) -> impl Iterator<Item = usize> {
    let (from, to) = read;
    let (lo, hi) = computed;
    let (below, above) = if lo > hi { ((from, to), (1, 0)) } else { ((from, to.min(lo - 1)), (from.max(hi + 1), to)) };
    (below.0..=below.1).chain(above.0..=above.1)
}

/// Inputs are padded by a vector, so that the last, partial vector of a diagonal reads and
/// writes inside its buffers; what the padding lanes compute is not read before it is reset.
fn padded(values: impl Iterator<Item = f32>) -> Vec<f32> {
    values.chain([0.0; LANES]).collect()
}

/// Characters as lane values, padded like [`padded`].
fn padded_codes<'c>(chars: impl Iterator<Item = &'c char>) -> Vec<i32> {
    chars.map(|&c| c as i32).chain([-1; LANES]).collect()
}

/// What the cells of one anti-diagonal read, from its first cell on.
struct Cells<'s> {
    left_h: &'s [f32],
    left_e: &'s [f32],
    up_h: &'s [f32],
    up_f: &'s [f32],
    diagonal_h: &'s [f32],
    a: &'s [i32],
    own: &'s [f32],
    b: &'s [i32],
    half: &'s [f32],
}

fn load(values: &[f32], at: usize) -> f32x8 {
    f32x8::from(<[f32; LANES]>::try_from(&values[at..at + LANES]).expect("a whole vector"))
}

fn load_codes(codes: &[i32], at: usize) -> i32x8 {
    i32x8::from(<[i32; LANES]>::try_from(&codes[at..at + LANES]).expect("a whole vector"))
}

fn store(values: &mut [f32], at: usize, vector: f32x8) {
    values[at..at + LANES].copy_from_slice(&vector.to_array());
}

/// Fills one anti-diagonal, a vector of cells at a time: the affine-gap recurrence with selects
/// for branches. Ties go to the match, then the gap in `a`, then the gap in `b`.
fn fill(c: &Cells, h: &mut [f32], e: &mut [f32], f: &mut [f32], bits: &mut [[u8; PLANES]]) {
    let (zero, mismatch) = (f32x8::splat(0.0), f32x8::splat(MISMATCH));
    let (open, extend) = (f32x8::splat(GAP_OPEN), f32x8::splat(GAP_EXTEND));
    for (chunk, bits) in bits.iter_mut().enumerate() {
        let k = chunk * LANES;
        let open_e = load(c.left_h, k) + open + extend;
        let extend_e = load(c.left_e, k) + extend;
        let e_opens = open_e.simd_ge(extend_e);
        let gap_a = e_opens.select(open_e, extend_e);
        let open_f = load(c.up_h, k) + open + extend;
        let extend_f = load(c.up_f, k) + extend;
        let f_opens = open_f.simd_ge(extend_f);
        let gap_b = f_opens.select(open_f, extend_f);
        let same: f32x8 = cast(load_codes(c.a, k).simd_eq(load_codes(c.b, k)));
        let pair = same.select(load(c.own, k) + load(c.half, k), mismatch);
        let diagonal = load(c.diagonal_h, k) + pair;
        let from_match = diagonal.simd_gt(zero);
        let value = from_match.select(diagonal, zero);
        let from_e = gap_a.simd_gt(value);
        let value = from_e.select(gap_a, value);
        let from_f = gap_b.simd_gt(value);
        let value = from_f.select(gap_b, value);
        *bits = [from_match, from_e, from_f, e_opens, f_opens].map(|mask| mask.to_bitmask() as u8);
        store(h, k, value);
        store(e, k, gap_a);
        store(f, k, gap_b);
    }
}

/// The best cell so far: the highest score, and of equal scores the first in row-major order,
/// as a row-by-row fill would find it.
#[derive(Default)]
struct Best {
    score: f32,
    i: usize,
    j: usize,
}

impl Best {
    /// Looks at the scores of anti-diagonal `d`, whose first cell is in row `lo`.
    fn consider(&mut self, scores: &[f32], lo: usize, d: usize) {
        // Scores are never negative, so their bit patterns order like the numbers, and an integer
        // maximum vectorises where a float one does not.
        let top = scores.iter().fold(0, |top, s| s.to_bits().max(top));
        let top_score = f32::from_bits(top);
        if top_score < self.score || top_score == 0.0 {
            return;
        }
        let k = scores.iter().position(|s| s.to_bits() == top).unwrap_or(0);
        let i = lo + k;
        if top_score > self.score || i < self.i {
            *self = Best { score: top_score, i, j: d - i };
        }
    }
}

/// Bit planes kept per vector of cells: from a match, gap in `a` beats it, gap in `b` beats
/// both, gap in `a` opens, gap in `b` opens.
const PLANES: usize = 5;

/// Traceback bits of every inner cell of the band, stored anti-diagonal by anti-diagonal, a byte
/// per plane per vector of cells.
struct Flags {
    data: Vec<[u8; PLANES]>,
    /// Where each anti-diagonal's vectors start in `data`.
    starts: Vec<usize>,
    /// First and last row of each anti-diagonal's cells in the band (none below 2).
    windows: Vec<(usize, usize)>,
}

impl Flags {
    fn new(n: usize, m: usize, band: Band) -> Flags {
        let windows: Vec<(usize, usize)> = (0..=n + m).map(|d| window(n, m, band, d)).collect();
        let mut starts = vec![0; n + m + 2];
        for d in 0..=n + m {
            let (lo, hi) = windows[d];
            starts[d + 1] = starts[d] + (hi + 1).saturating_sub(lo).div_ceil(LANES);
        }
        Flags { data: vec![[0; PLANES]; starts[n + m + 1]], starts, windows }
    }

    /// First and last row of the inner cells of anti-diagonal `d` inside the band; the first is
    /// past the last when there are none.
    fn rows(&self, d: usize) -> (usize, usize) {
        self.windows[d]
    }

    /// The rows computed on anti-diagonal `d - back`.
    fn rows_before(&self, d: usize, back: usize) -> (usize, usize) {
        self.windows[d - back]
    }

    fn diagonal_mut(&mut self, d: usize) -> &mut [[u8; PLANES]] {
        &mut self.data[self.starts[d]..self.starts[d + 1]]
    }

    /// The flags of cell (i, j), packed as `FROM_*` with `E_OPENS` and `F_OPENS`; boundary cells
    /// have none.
    fn get(&self, i: usize, j: usize) -> u8 {
        if i == 0 || j == 0 {
            return 0;
        }
        let d = i + j;
        let (lo, hi) = self.rows(d);
        if i < lo || i > hi {
            return 0;
        }
        let k = i - lo;
        let planes = self.data[self.starts[d] + k / LANES];
        let [from_match, from_e, from_f, e_opens, f_opens] = planes.map(|p| p >> (k % LANES) & 1 == 1);
        let from = if from_f {
            FROM_GAP_IN_B
        } else if from_e {
            FROM_GAP_IN_A
        } else {
            u8::from(from_match) * FROM_MATCH
        };
        from | (u8::from(e_opens) * E_OPENS) | (u8::from(f_opens) * F_OPENS)
    }
}

/// First and last row of the inner cells of anti-diagonal `d` of an `n` × `m` matrix inside
/// `band`; the first is past the last when there are none (always so below 2). Cell (i, d - i)
/// lies on diagonal 2i - d.
fn window(n: usize, m: usize, band: Band, d: usize) -> (usize, usize) {
    if d < 2 {
        return (1, 0);
    }
    let d_signed = d as isize;
    let band_lo = (d_signed + band.lo + 1).div_euclid(2).max(1) as usize;
    let band_hi = (d_signed + band.hi).div_euclid(2).max(0) as usize;
    (d.saturating_sub(m).max(1).max(band_lo), n.min(d - 1).min(band_hi))
}

/// Identical keys align in full, character for character.
fn identical(a: &[char], wa: &[f32], wb: &[f32]) -> Hit {
    let weighted = wa.iter().zip(wb).map(|(x, y)| (x + y) / 2.0).sum();
    Hit { matched: a.len(), weighted, a: (0, a.len()), b: (0, a.len()) }
}

/// Follows the flags back from the best cell, counting the matches.
fn traceback(a: &[char], wa: &[f32], b: &[char], wb: &[f32], flags: &Flags, end_a: usize, end_b: usize) -> Hit {
    let (mut i, mut j) = (end_a, end_b);
    let mut hit = Hit::default();
    let mut state = FROM_MATCH;
    loop {
        let flag = flags.get(i, j);
        match state {
            FROM_MATCH => match flag & FROM_MASK {
                FROM_MATCH => {
                    if a[i - 1] == b[j - 1] {
                        hit.matched += 1;
                        hit.weighted += (wa[i - 1] + wb[j - 1]) / 2.0;
                    }
                    i -= 1;
                    j -= 1;
                }
                0 => break,
                gap => state = gap,
            },
            FROM_GAP_IN_A => {
                if flag & E_OPENS != 0 {
                    state = FROM_MATCH;
                }
                j -= 1;
            }
            _ => {
                if flag & F_OPENS != 0 {
                    state = FROM_MATCH;
                }
                i -= 1;
            }
        }
    }
    hit.a = (i, end_a);
    hit.b = (j, end_b);
    hit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn ones(c: &[char]) -> Vec<f32> {
        vec![1.0; c.len()]
    }

    #[test]
    fn finds_the_shared_passage() {
        let a = chars("甲乙丙丁联盟应当符合以下基本条件戊己");
        let b = chars("联盟成立应当符合以下基本条件");
        let hit = align(&a, &ones(&a), &b, &ones(&b));
        assert_eq!(hit.matched, 12);
        assert_eq!(hit.a, (4, 16));
        assert_eq!(hit.b, (0, 14));
    }

    #[test]
    fn bridges_an_inserted_clause() {
        let a = chars("鼓励企业大学和科研机构从产业发展实际需求出发");
        let b = chars("鼓励企业大学和科研机构根据六部门推动联盟构建意见的精神从产业发展实际需求出发");
        let hit = align(&a, &ones(&a), &b, &ones(&b));
        assert_eq!((hit.matched, hit.a), (a.len(), (0, a.len())));
    }

    /// The textbook row-by-row recurrence over full matrices, with branches; cells outside
    /// `band` stay boundary cells.
    fn reference(a: &[char], wa: &[f32], b: &[char], wb: &[f32], band: Band) -> Hit {
        let (n, m) = (a.len(), b.len());
        let mut h = vec![vec![0f32; m + 1]; n + 1];
        let mut e = vec![vec![f32::NEG_INFINITY; m + 1]; n + 1];
        let mut f = vec![vec![f32::NEG_INFINITY; m + 1]; n + 1];
        let mut from = vec![vec![0u8; m + 1]; n + 1];
        let mut best = (0f32, 0, 0);
        let pair = |i: usize, j: usize| {
            if a[i - 1] == b[j - 1] {
                MATCH * wa[i - 1] / 2.0 + MATCH * wb[j - 1] / 2.0
            } else {
                MISMATCH
            }
        };
        for i in 1..=n {
            for j in (1..=m).filter(|&j| (band.lo..=band.hi).contains(&(i as isize - j as isize))) {
                e[i][j] = (h[i][j - 1] + GAP_OPEN + GAP_EXTEND).max(e[i][j - 1] + GAP_EXTEND);
                f[i][j] = (h[i - 1][j] + GAP_OPEN + GAP_EXTEND).max(f[i - 1][j] + GAP_EXTEND);
                let diagonal = h[i - 1][j - 1] + pair(i, j);
                (h[i][j], from[i][j]) = if diagonal > 0.0 { (diagonal, FROM_MATCH) } else { (0.0, 0) };
                if e[i][j] > h[i][j] {
                    (h[i][j], from[i][j]) = (e[i][j], FROM_GAP_IN_A);
                }
                if f[i][j] > h[i][j] {
                    (h[i][j], from[i][j]) = (f[i][j], FROM_GAP_IN_B);
                }
                if h[i][j] > best.0 {
                    best = (h[i][j], i, j);
                }
            }
        }
        let (mut i, mut j, mut state) = (best.1, best.2, FROM_MATCH);
        let mut hit = Hit::default();
        loop {
            match state {
                FROM_MATCH if i == 0 || j == 0 || from[i][j] == 0 => break,
                FROM_MATCH if from[i][j] == FROM_MATCH => {
                    if a[i - 1] == b[j - 1] {
                        hit.matched += 1;
                        hit.weighted += (wa[i - 1] + wb[j - 1]) / 2.0;
                    }
                    (i, j) = (i - 1, j - 1);
                }
                FROM_MATCH => state = from[i][j],
                FROM_GAP_IN_A => {
                    if h[i][j - 1] + GAP_OPEN + GAP_EXTEND >= e[i][j - 1] + GAP_EXTEND {
                        state = FROM_MATCH;
                    }
                    j -= 1;
                }
                _ => {
                    if h[i - 1][j] + GAP_OPEN + GAP_EXTEND >= f[i - 1][j] + GAP_EXTEND {
                        state = FROM_MATCH;
                    }
                    i -= 1;
                }
            }
        }
        Hit { a: (i, best.1), b: (j, best.2), ..hit }
    }

    /// The kernels this processor runs: each must find what the textbook recurrence finds.
    fn kernels() -> Vec<Kernel> {
        let mut kernels = vec![Kernel::Portable];
        if Kernel::best() != Kernel::Portable {
            kernels.push(Kernel::best());
        }
        kernels
    }

    fn split(v: &[(u8, u8)]) -> (Vec<char>, Vec<f32>) {
        v.iter().map(|&(c, w)| ((b'a' + c) as char, f32::from(w) / 4.0)).unzip()
    }

    proptest::proptest! {
        /// The vectorised anti-diagonal fill finds exactly what the textbook recurrence finds,
        /// ties included (a three-letter alphabet makes many).
        #[test]
        fn agrees_with_the_textbook_recurrence(
            a in proptest::collection::vec((0u8..3, 1u8..=4), 1..40),
            b in proptest::collection::vec((0u8..3, 1u8..=4), 1..40),
        ) {
            let ((ca, wa), (cb, wb)) = (split(&a), split(&b));
            let full = Band::full(ca.len(), cb.len());
            for kernel in kernels() {
                let found = align_using(kernel, &ca, &wa, &cb, &wb, full);
                proptest::prop_assert_eq!(found, reference(&ca, &wa, &cb, &wb, full), "{:?}", kernel);
            }
        }

        /// In a band, the fill finds what the textbook recurrence finds over the band's cells,
        /// whatever the band (narrow, off the main diagonal, past the matrix).
        #[test]
        fn agrees_with_the_textbook_recurrence_in_a_band(
            a in proptest::collection::vec((0u8..3, 1u8..=4), 1..40),
            b in proptest::collection::vec((0u8..3, 1u8..=4), 1..40),
            lo in -45isize..45,
            width in 0isize..30,
        ) {
            let ((ca, wa), (cb, wb)) = (split(&a), split(&b));
            let band = Band { lo, hi: lo + width };
            proptest::prop_assume!(ca != cb);
            for kernel in kernels() {
                let found = align_using(kernel, &ca, &wa, &cb, &wb, band);
                proptest::prop_assert_eq!(found, reference(&ca, &wa, &cb, &wb, band), "{:?}", kernel);
            }
        }
    }

    #[test]
    fn weights_scale_the_match() {
        let a = chars("本办法自发布之日起施行");
        let hit = align(&a, &vec![0.5; a.len()], &a, &vec![0.5; a.len()]);
        assert_eq!((hit.matched, hit.weighted), (11, 5.5));
    }
}
