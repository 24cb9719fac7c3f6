//! The AVX2 kernel: the portable fill's arithmetic on 256-bit vectors, for processors that have
//! them (checked at run time; the build targets any x86-64).

use std::arch::x86_64::{
    __m256, __m256i, _mm256_add_ps, _mm256_blendv_ps, _mm256_castsi256_ps, _mm256_cmp_ps, _mm256_cmpeq_epi32,
    _mm256_loadu_ps, _mm256_loadu_si256, _mm256_movemask_ps, _mm256_set1_ps, _mm256_storeu_ps, _CMP_GE_OQ, _CMP_GT_OQ,
};

use super::{fill_matrix, Band, Cells, Hit, GAP_EXTEND, GAP_OPEN, LANES, MISMATCH, PLANES};

/// Proof that the processor has AVX2: only [`Avx2::detect`] makes one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Avx2(());

impl Avx2 {
    /// The proof, where the processor has AVX2.
    pub(super) fn detect() -> Option<Avx2> {
        std::arch::is_x86_feature_detected!("avx2").then_some(Avx2(()))
    }

    /// [`super::align_in`] on 256-bit vectors.
    pub(super) fn align_in(self, a: &[char], wa: &[f32], b: &[char], wb: &[f32], band: Band) -> Hit {
        // SAFETY: `self` exists, so the processor has AVX2.
        unsafe { align_in(a, wa, b, wb, band) }
    }
}

/// [`super::align_in`], compiled for AVX2.
#[target_feature(enable = "avx2")]
fn align_in(a: &[char], wa: &[f32], b: &[char], wb: &[f32], band: Band) -> Hit {
    fill_matrix(a, wa, b, wb, band, |c, h, e, f, bits| fill(c, h, e, f, bits))
}

/// The eight floats of `values` from `at` on.
///
/// # Safety
/// `at + LANES <= values.len()`.
#[target_feature(enable = "avx2")]
unsafe fn load(values: &[f32], at: usize) -> __m256 {
    debug_assert!(at + LANES <= values.len());
    // SAFETY: the caller promises the eight floats are there; the load needs no alignment.
    unsafe { _mm256_loadu_ps(values.as_ptr().add(at)) }
}

/// The eight integers of `codes` from `at` on.
///
/// # Safety
/// `at + LANES <= codes.len()`.
#[target_feature(enable = "avx2")]
unsafe fn load_codes(codes: &[i32], at: usize) -> __m256i {
    debug_assert!(at + LANES <= codes.len());
    // SAFETY: the caller promises the eight integers are there; the load needs no alignment.
    unsafe { _mm256_loadu_si256(codes.as_ptr().add(at).cast()) }
}

/// Writes eight floats into `values` from `at` on.
///
/// # Safety
/// `at + LANES <= values.len()`.
#[target_feature(enable = "avx2")]
unsafe fn store(values: &mut [f32], at: usize, vector: __m256) {
    debug_assert!(at + LANES <= values.len());
    // SAFETY: the caller promises room for the eight floats; the store needs no alignment.
    unsafe { _mm256_storeu_ps(values.as_mut_ptr().add(at), vector) }
}

/// `if mask { yes } else { no }`, lane by lane.
#[target_feature(enable = "avx2")]
fn select(mask: __m256, yes: __m256, no: __m256) -> __m256 {
    _mm256_blendv_ps(no, yes, mask)
}

/// The portable `fill` (see there), on 256-bit vectors.
#[target_feature(enable = "avx2")]
fn fill(c: &Cells, h: &mut [f32], e: &mut [f32], f: &mut [f32], bits: &mut [[u8; PLANES]]) {
    let (zero, mismatch) = (_mm256_set1_ps(0.0), _mm256_set1_ps(MISMATCH));
    let (open, extend) = (_mm256_set1_ps(GAP_OPEN), _mm256_set1_ps(GAP_EXTEND));
    // Every buffer holds the diagonal's vectors: checked once here rather than at each of the
    // twelve loads and stores of every vector, a fifth of the loop's instructions.
    let cells = bits.len() * LANES;
    let lengths = [c.left_h, c.left_e, c.up_h, c.up_f, c.diagonal_h, c.own, c.half, h, e, f].map(<[f32]>::len);
    assert!(
        lengths.into_iter().chain([c.a.len(), c.b.len()]).all(|len| len >= cells),
        "a diagonal's buffers hold all its vectors"
    );
    for (chunk, bits) in bits.iter_mut().enumerate() {
        let k = chunk * LANES;
        // SAFETY: `k + LANES <= cells`, and every buffer holds `cells` values (asserted above).
        unsafe {
            let open_e = _mm256_add_ps(_mm256_add_ps(load(c.left_h, k), open), extend);
            let extend_e = _mm256_add_ps(load(c.left_e, k), extend);
            let e_opens = _mm256_cmp_ps::<_CMP_GE_OQ>(open_e, extend_e);
            let gap_a = select(e_opens, open_e, extend_e);
            let open_f = _mm256_add_ps(_mm256_add_ps(load(c.up_h, k), open), extend);
            let extend_f = _mm256_add_ps(load(c.up_f, k), extend);
            let f_opens = _mm256_cmp_ps::<_CMP_GE_OQ>(open_f, extend_f);
            let gap_b = select(f_opens, open_f, extend_f);
            let same = _mm256_castsi256_ps(_mm256_cmpeq_epi32(load_codes(c.a, k), load_codes(c.b, k)));
            let pair = select(same, _mm256_add_ps(load(c.own, k), load(c.half, k)), mismatch);
            let diagonal = _mm256_add_ps(load(c.diagonal_h, k), pair);
            let from_match = _mm256_cmp_ps::<_CMP_GT_OQ>(diagonal, zero);
            let value = select(from_match, diagonal, zero);
            let from_e = _mm256_cmp_ps::<_CMP_GT_OQ>(gap_a, value);
            let value = select(from_e, gap_a, value);
            let from_f = _mm256_cmp_ps::<_CMP_GT_OQ>(gap_b, value);
            let value = select(from_f, gap_b, value);
            *bits = [from_match, from_e, from_f, e_opens, f_opens].map(|mask| _mm256_movemask_ps(mask) as u8);
            store(h, k, value);
            store(e, k, gap_a);
            store(f, k, gap_b);
        }
    }
}
