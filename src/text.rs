//! Small character-level helpers shared by every stage.

/// True for every space the corpus uses: ASCII, tab, U+3000, NBSP and the other Unicode spaces.
/// Line ends are spaces too, so trimming a span with it drops them.
pub fn is_space(c: char) -> bool {
    // Ideographs make up most of the text; they answer without a Unicode table lookup.
    if is_cjk(c) {
        return false;
    }
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// True for CJK ideographs (the basic block and extension A), the characters a Chinese text is
/// made of.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// Sentence punctuation that a heading never contains.
pub fn is_sentence_punct(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '：' | ':' | '！' | '？' | '!' | '?')
}

/// Folds one full-width ASCII variant (digits, letters, punctuation) and U+3000 to ASCII.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Number of characters of `text` that are not spaces, counted no further than `cap`: enough to
/// compare a line with a bound without reading all of a long one.
fn visible_len_capped(text: &str, cap: usize) -> usize {
    text.chars().filter(|c| !is_space(*c)).take(cap).count()
}

/// True when `text` has more than `n` characters that are not spaces.
pub fn visible_len_over(text: &str, n: usize) -> bool {
    visible_len_capped(text, n + 1) > n
}

/// True when the number of characters of `text` that are not spaces lies in `range`.
pub fn visible_len_in(text: &str, range: std::ops::RangeInclusive<usize>) -> bool {
    range.contains(&visible_len_capped(text, range.end() + 1))
}

/// `text` without any spaces.
pub fn strip_spaces(text: &str) -> String {
    text.chars().filter(|c| !is_space(*c)).collect()
}

/// Byte length of the leading spaces of `text`.
pub fn leading_space_len(text: &str) -> usize {
    text.len() - text.trim_start_matches(is_space).len()
}

/// A set of characters as a bitmap over every code point: a lookup is a shift and a mask, cheap
/// enough to ask of every character of a text.
pub struct CharSet(Vec<u64>);

impl CharSet {
    /// The set of every character of `texts`.
    pub fn of<'t>(texts: impl IntoIterator<Item = &'t str>) -> CharSet {
        let mut set = CharSet::empty();
        for text in texts {
            set.insert_all(text);
        }
        set
    }

    /// The empty set.
    pub fn empty() -> CharSet {
        CharSet(vec![0u64; (char::MAX as usize + 1).div_ceil(64)])
    }

    /// True if `c` is in the set.
    pub fn contains(&self, c: char) -> bool {
        self.0[c as usize / 64] & (1 << (c as usize % 64)) != 0
    }

    /// True if every character of `text` is in the set.
    pub fn covers(&self, text: &str) -> bool {
        text.chars().all(|c| self.contains(c))
    }

    /// Adds every character of `text`.
    pub fn insert_all(&mut self, text: &str) {
        for c in text.chars() {
            self.0[c as usize / 64] |= 1 << (c as usize % 64);
        }
    }

    /// The characters of the set, in code point order.
    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.0.iter().enumerate().filter(|(_, bits)| **bits != 0).flat_map(|(i, &bits)| {
            (0..64).filter(move |b| bits & (1 << b) != 0).filter_map(move |b| char::from_u32((i * 64 + b) as u32))
        })
    }

    /// Takes `c` out of the set.
    pub fn remove(&mut self, c: char) {
        self.0[c as usize / 64] &= !(1 << (c as usize % 64));
    }

    /// The characters of either set.
    pub fn union(mut self, other: &CharSet) -> CharSet {
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            *mine |= theirs;
        }
        self
    }
}

/// The Chinese digits 〇 to 九.
pub const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// `n` as Chinese numerals are counted in legal text: 八, 十二, 九十二, 一百零五.
pub fn chinese_number(n: u32) -> String {
    chinese_counting(n, &CN_DIGITS, ['十', '百', '千'], '零')
}

/// Chinese numerals as counted, in the digits and units given: 十, 十二, 二十, 一百零五, 一千零一十
/// (ten thousand and more in Arabic digits).
pub fn chinese_counting(n: u32, digits: &[char; 10], units: [char; 3], zero: char) -> String {
    if n == 0 {
        return digits[0].to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let places = [(n / 1000, units[2]), (n / 100 % 10, units[1]), (n / 10 % 10, units[0])];
    let mut out = String::new();
    let mut gap = false;
    for (d, unit) in places {
        if d == 0 {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push(zero);
            gap = false;
        }
        // 十二, not 一十二, when ten leads.
        if !(d == 1 && unit == units[0] && out.is_empty()) {
            out.push(digits[d as usize]);
        }
        out.push(unit);
    }
    if !n.is_multiple_of(10) {
        if gap || (n % 100 < 10 && n >= 100) {
            out.push(zero);
        }
        out.push(digits[(n % 10) as usize]);
    }
    out
}
