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

/// Which matrix a cell's best score came from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum From {
    Stop,
    Match,
    GapInA,
    GapInB,
}

/// Aligns `a` against `b` (characters with weights in [0, 1]).
pub fn align(a: &[char], wa: &[f32], b: &[char], wb: &[f32]) -> Hit {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        return Hit::default();
    }
    let width = m + 1;
    let cell = |i: usize, j: usize| i * width + j;
    // h: best ending here; e: ending in a gap in `a` (moving along b); f: gap in `b`.
    let mut h = vec![0f32; (n + 1) * width];
    let mut e = vec![f32::NEG_INFINITY; (n + 1) * width];
    let mut f = vec![f32::NEG_INFINITY; (n + 1) * width];
    let mut from_h = vec![From::Stop; (n + 1) * width];
    let mut e_opens = vec![true; (n + 1) * width];
    let mut f_opens = vec![true; (n + 1) * width];
    let mut best = (0f32, 0usize, 0usize);
    for i in 1..=n {
        for j in 1..=m {
            let open_e = h[cell(i, j - 1)] + GAP_OPEN + GAP_EXTEND;
            let extend_e = e[cell(i, j - 1)] + GAP_EXTEND;
            e_opens[cell(i, j)] = open_e >= extend_e;
            e[cell(i, j)] = open_e.max(extend_e);
            let open_f = h[cell(i - 1, j)] + GAP_OPEN + GAP_EXTEND;
            let extend_f = f[cell(i - 1, j)] + GAP_EXTEND;
            f_opens[cell(i, j)] = open_f >= extend_f;
            f[cell(i, j)] = open_f.max(extend_f);
            let pair = if a[i - 1] == b[j - 1] { MATCH * (wa[i - 1] + wb[j - 1]) / 2.0 } else { MISMATCH };
            let diagonal = h[cell(i - 1, j - 1)] + pair;
            let (value, from) = [(diagonal, From::Match), (e[cell(i, j)], From::GapInA), (f[cell(i, j)], From::GapInB)]
                .into_iter()
                .fold((0.0, From::Stop), |acc, x| if x.0 > acc.0 { x } else { acc });
            h[cell(i, j)] = value;
            from_h[cell(i, j)] = from;
            if value > best.0 {
                best = (value, i, j);
            }
        }
    }
    let (_, mut i, mut j) = best;
    let (end_a, end_b) = (i, j);
    let mut hit = Hit::default();
    let mut state = From::Match;
    loop {
        match state {
            From::Match => match from_h[cell(i, j)] {
                From::Stop => break,
                From::Match => {
                    if a[i - 1] == b[j - 1] {
                        hit.matched += 1;
                        hit.weighted += (wa[i - 1] + wb[j - 1]) / 2.0;
                    }
                    i -= 1;
                    j -= 1;
                }
                gap => state = gap,
            },
            From::GapInA => {
                state = if e_opens[cell(i, j)] { From::Match } else { From::GapInA };
                j -= 1;
            }
            From::GapInB => {
                state = if f_opens[cell(i, j)] { From::Match } else { From::GapInB };
                i -= 1;
            }
            From::Stop => break,
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
