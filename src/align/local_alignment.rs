//! Weighted Smith-Waterman local alignment of two match keys, with affine gaps (Gotoh): drafting
//! offices insert or drop whole clauses, so a long gap costs little more than a short one.

/// Score of a matching character, times its weight.
const MATCH: f32 = 2.0;
/// Penalty of a mismatch.
const MISMATCH: f32 = -1.0;
/// Penalty of opening a gap (insertion or deletion)…
const GAP_OPEN: f32 = -2.0;
/// …and of each character it spans.
const GAP_EXTEND: f32 = -0.3;

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

/// Aligns `a` against `b` (characters with weights in [0, 1]). Scores live in two rolling rows;
/// only the one-byte traceback flags are kept for the whole matrix. The inner loop is written
/// without branches on the scores (selects instead), which keeps it several times faster than
/// the plain recurrence on modern CPUs.
pub fn align(a: &[char], wa: &[f32], b: &[char], wb: &[f32]) -> Hit {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        return Hit::default();
    }
    if a == b {
        return identical(a, wa, wb);
    }
    let width = m + 1;
    let mut flags = vec![0u8; (n + 1) * width];
    let mut h_prev = vec![0f32; width];
    let mut h_cur = vec![0f32; width];
    let mut f_row = vec![f32::NEG_INFINITY; width];
    let mut best = (0f32, 0usize, 0usize);
    let half_match: Vec<f32> = wb.iter().map(|w| MATCH * w / 2.0).collect();
    for i in 1..=n {
        let (ca, own) = (a[i - 1], MATCH * wa[i - 1] / 2.0);
        let row = &mut flags[i * width + 1..(i + 1) * width];
        let mut e = f32::NEG_INFINITY;
        let mut left = 0f32;
        let mut diagonal_h = h_prev[0];
        let cells = row.iter_mut().zip(&mut h_cur[1..]).zip(&h_prev[1..]).zip(&mut f_row[1..]).zip(b).zip(&half_match);
        for (j, (((((flag, h), &up), f), &cb), &hm)) in cells.enumerate() {
            let open_e = left + GAP_OPEN + GAP_EXTEND;
            let extend_e = e + GAP_EXTEND;
            let e_opens = open_e >= extend_e;
            e = if e_opens { open_e } else { extend_e };
            let open_f = up + GAP_OPEN + GAP_EXTEND;
            let extend_f = *f + GAP_EXTEND;
            let f_opens = open_f >= extend_f;
            *f = if f_opens { open_f } else { extend_f };
            let pair = if ca == cb { own + hm } else { MISMATCH };
            let diagonal = diagonal_h + pair;
            diagonal_h = up;
            // Ties go to the match, then the gap in `a`, then the gap in `b`, as in the recurrence.
            let from_match = diagonal > 0.0;
            let mut value = if from_match { diagonal } else { 0.0 };
            let mut from = u8::from(from_match) * FROM_MATCH;
            let from_e = e > value;
            value = if from_e { e } else { value };
            from = if from_e { FROM_GAP_IN_A } else { from };
            let from_f = *f > value;
            value = if from_f { *f } else { value };
            from = if from_f { FROM_GAP_IN_B } else { from };
            *flag = from | (u8::from(e_opens) * E_OPENS) | (u8::from(f_opens) * F_OPENS);
            *h = value;
            left = value;
            if value > best.0 {
                best = (value, i, j + 1);
            }
        }
        std::mem::swap(&mut h_prev, &mut h_cur);
    }
    traceback(a, wa, b, wb, &flags, width, best.1, best.2)
}

/// Identical keys align in full, character for character.
fn identical(a: &[char], wa: &[f32], wb: &[f32]) -> Hit {
    let weighted = wa.iter().zip(wb).map(|(x, y)| (x + y) / 2.0).sum();
    Hit { matched: a.len(), weighted, a: (0, a.len()), b: (0, a.len()) }
}

/// Follows the flags back from the best cell, counting the matches.
#[allow(clippy::too_many_arguments)]
fn traceback(
    a: &[char],
    wa: &[f32],
    b: &[char],
    wb: &[f32],
    flags: &[u8],
    width: usize,
    end_a: usize,
    end_b: usize,
) -> Hit {
    let (mut i, mut j) = (end_a, end_b);
    let mut hit = Hit::default();
    let mut state = FROM_MATCH;
    loop {
        let flag = flags[i * width + j];
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

    #[test]
    fn weights_scale_the_match() {
        let a = chars("本办法自发布之日起施行");
        let hit = align(&a, &vec![0.5; a.len()], &a, &vec![0.5; a.len()]);
        assert_eq!((hit.matched, hit.weighted), (11, 5.5));
    }
}
