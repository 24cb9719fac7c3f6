//! Numbers as legal and policy texts write them. Arabic digits (full-width ones are folded by
//! normalisation) pass through; Chinese numerals (十五, 二百, 一万二千, 两千, 二〇一六, 一点五) and
//! shares (百分之二十, 千分之五, 三分之二) are rewritten in Arabic digits (shares as percentages), so that one set of patterns
//! reads every written form. A final 万 or 亿 stays as written (五十万元 → 50万元): it belongs to the
//! unit of measure, which comparison scales (50万元 = 500000元).

/// The value of a Chinese digit (〇 and 零 are 0, 两 is 2; the financial forms 壹…玖 too).
pub(super) fn digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The multiplier of a unit character below 万.
fn small_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// The multiplier of 万 or 亿.
fn big_unit(c: char) -> Option<u64> {
    Some(match c {
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

fn is_numeral(c: char) -> bool {
    digit(c).is_some() || small_unit(c).is_some() || big_unit(c).is_some()
}

/// True for the characters a Chinese number starts with: a digit other than a zero (零售, 〇 as a
/// circle), or 十 (十五). 百, 千 and 万 start words (百姓, 千方百计, 万一), not numbers.
fn starts_number(c: char) -> bool {
    matches!(c, '十' | '拾') || digit(c).is_some_and(|d| d > 0)
}

/// The value of a run of Chinese numerals: positional (二〇一六) when it has no unit character,
/// else read by its units (一万二千三百零五, 十五, 两千). `None` for an empty run.
pub fn chinese_value(run: &str) -> Option<u64> {
    if run.is_empty() {
        return None;
    }
    if !run.chars().any(|c| small_unit(c).is_some() || big_unit(c).is_some()) {
        return run.chars().try_fold(0u64, |n, c| Some(n.checked_mul(10)? + digit(c)?));
    }
    // total: the groups of 万 and 亿 read so far; section: the group under them so far; pending:
    // a digit waiting for its unit.
    let (mut total, mut section, mut pending) = (0u64, 0u64, None::<u64>);
    for c in run.chars() {
        if let Some(d) = digit(c) {
            pending = Some(d);
        } else if let Some(unit) = small_unit(c) {
            // 十五: a unit with no digit before it counts once.
            section = section.checked_add(pending.take().unwrap_or(1).checked_mul(unit)?)?;
        } else if let Some(unit) = big_unit(c) {
            // A 万 with nothing before it (万分之一) counts once.
            let group = match (section, pending.take()) {
                (0, None) if total == 0 => 1,
                (section, pending) => section.checked_add(pending.unwrap_or(0))?,
            };
            // 一万亿: 亿 scales everything read before it; 一亿二千万: 万 scales its own group.
            total = if unit == 10_000 {
                total.checked_add(group.checked_mul(unit)?)?
            } else {
                total.checked_add(group)?.checked_mul(unit)?
            };
            section = 0;
        } else {
            return None;
        }
    }
    total.checked_add(section)?.checked_add(pending.unwrap_or(0))
}

/// A text with its Chinese numbers rewritten in Arabic digits, and where each byte came from.
pub(super) struct Numeric<'t> {
    /// The rewritten text; the original itself when it had nothing to rewrite.
    pub text: std::borrow::Cow<'t, str>,
    /// For each byte of `text` and its end, the byte of the original it stands for; `None` when
    /// nothing was rewritten.
    origins: Option<Vec<usize>>,
}

impl<'t> Numeric<'t> {
    /// Rewrites the Chinese numbers and shares of `text`.
    pub fn of(text: &'t str) -> Numeric<'t> {
        let mut rewritten: Option<(String, Vec<usize>)> = None;
        let mut at = 0;
        while at < text.len() {
            let rest = &text[at..];
            let c = rest.chars().next().expect("not at the end");
            // Most characters start no number: copied without a look at what follows.
            let found = if is_numeral(c) { fraction(rest).or_else(|| chinese_number(text, at)) } else { None };
            if let Some((len, digits)) = found {
                let (out, origins) = rewritten.get_or_insert_with(|| {
                    let mut out = String::with_capacity(text.len());
                    out.push_str(&text[..at]);
                    (out, (0..at).collect())
                });
                // The digits stand for the whole number; a match ending after them ends after it.
                origins.extend(std::iter::repeat_n(at, digits.len()));
                out.push_str(&digits);
                at += len;
                continue;
            }
            // A run that is not a number (三四, 几十) is copied whole, so no part of it is read.
            let len = numeral_run(rest, false).max(c.len_utf8());
            if let Some((out, origins)) = &mut rewritten {
                out.push_str(&rest[..len]);
                origins.extend(at..at + len);
            }
            at += len;
        }
        match rewritten {
            None => Numeric { text: text.into(), origins: None },
            Some((out, mut origins)) => {
                origins.push(text.len());
                Numeric { text: out.into(), origins: Some(origins) }
            }
        }
    }

    /// The byte of the original where byte `at` of the rewritten text starts.
    pub fn start(&self, at: usize) -> usize {
        self.origins.as_ref().map_or(at, |o| o[at])
    }

    /// The byte of the original where a piece of the rewritten text ending at `at` ends.
    pub fn end(&self, at: usize) -> usize {
        match &self.origins {
            None => at,
            // The end of the last original character the piece covers.
            Some(o) if at > 0 => {
                let last = o[at - 1];
                if o[at] > last {
                    o[at]
                } else {
                    // Inside a rewritten number: it ends where the original number ends.
                    o[at..].iter().copied().find(|&b| b > last).unwrap_or(last)
                }
            }
            Some(o) => o[0],
        }
    }
}

/// A number written out in digits: an integer without a fraction, else with as few decimals as
/// it needs.
fn digits(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        (value as i64).to_string()
    } else {
        let text = format!("{value:.6}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A share written as a fraction, as a percentage: 百分之二十 (or 百分之20) → `20%`, 千分之五 →
/// `0.5%`, 三分之二 → `66.666667%`, 五分之一 → `20%`. The length read and the rewritten text.
fn fraction(rest: &str) -> Option<(usize, String)> {
    // The denominator: 百, 千 and 万 stand alone here.
    let len = numeral_run(rest, true);
    let denominator = chinese_value(&rest[..len]).filter(|&d| d > 0)?;
    let after = rest[len..].strip_prefix("分之")?;
    let (numerator_len, numerator) = arabic(after).or_else(|| {
        // 百分之百: a unit may start the numerator too.
        let len = numeral_run(after, true);
        let (fraction_len, fraction) = decimal(&after[len..]).unwrap_or((0, 0.0));
        Some((len + fraction_len, chinese_value(&after[..len])? as f64 + fraction))
    })?;
    let value = numerator / denominator as f64 * 100.0;
    Some((len + "分之".len() + numerator_len, format!("{}%", digits(value))))
}

/// An Arabic number at the start of `text` (`20`, `1.5`): its length and value.
fn arabic(text: &str) -> Option<(usize, f64)> {
    let int = text.bytes().take_while(u8::is_ascii_digit).count();
    if int == 0 {
        return None;
    }
    let frac = match text[int..].strip_prefix('.') {
        Some(rest) => rest.bytes().take_while(u8::is_ascii_digit).count(),
        None => 0,
    };
    let len = if frac > 0 { int + 1 + frac } else { int };
    Some((len, text[..len].parse().ok()?))
}

/// The byte length of the run of Chinese numerals at the start of `text`.
fn numeral_run(text: &str, unit_may_start: bool) -> usize {
    let mut len = 0;
    for (i, c) in text.char_indices() {
        let ok = if i == 0 { starts_number(c) || unit_may_start && is_numeral(c) } else { is_numeral(c) };
        if !ok {
            break;
        }
        len = i + c.len_utf8();
    }
    len
}

/// The decimal part at the start of `text` (`点五` after the 一 of 一点五): its length and value.
fn decimal(text: &str) -> Option<(usize, f64)> {
    let after = text.strip_prefix('点')?;
    let digits: Vec<u64> = after.chars().map_while(digit).collect();
    if digits.is_empty() {
        return None;
    }
    let value = digits.iter().rev().fold(0.0, |acc, &d| (acc + d as f64) / 10.0);
    Some(('点'.len_utf8() + digits.len() * '一'.len_utf8(), value))
}

/// The Chinese number starting at byte `at` of `text`: the length it covers and its digits. A
/// final 万 or 亿 is left to be copied as itself (五十万 → `50万`; 一点五万 → `1.5万`); two digits
/// without a unit (三四, 一一) are not a number.
fn chinese_number(text: &str, at: usize) -> Option<(usize, String)> {
    let rest = &text[at..];
    let len = numeral_run(rest, false);
    // After 几 or 数 (几十, 数百) a numeral is some, not a count; after another numeral (万一,
    // 千万) it is part of a word.
    if len == 0 || text[..at].ends_with(['几', '数']) || text[..at].ends_with(is_numeral) {
        return None;
    }
    let run = &rest[..len];
    let has_unit = run.chars().any(|c| small_unit(c).is_some() || big_unit(c).is_some());
    if !has_unit && run.chars().count() == 2 {
        return None;
    }
    let last = run.chars().next_back().expect("a run is not empty");
    if let Some(unit) = big_unit(last).filter(|_| len > last.len_utf8()) {
        // 一亿二千万: counted in units of the final 万, which is copied as itself.
        let value = chinese_value(run)? / unit;
        return Some((len - last.len_utf8(), value.to_string()));
    }
    let (fraction_len, fraction) = decimal(&rest[len..]).unwrap_or((0, 0.0));
    let value = chinese_value(run)? as f64 + fraction;
    Some((len + fraction_len, digits(value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_are_read() {
        for (text, value) in [
            ("十", 10),
            ("十五", 15),
            ("二十", 20),
            ("一百零五", 105),
            ("一百一十", 110),
            ("两千", 2000),
            ("三万五千", 35_000),
            ("一万二千三百", 12_300),
            ("一千二百万", 12_000_000),
            ("一亿二千万", 120_000_000),
            ("一亿零五万", 100_050_000),
            ("十万", 100_000),
            ("一万亿", 1_000_000_000_000),
            ("二〇一六", 2016),
            ("一九九八", 1998),
            ("五", 5),
        ] {
            assert_eq!(chinese_value(text), Some(value), "{text}");
        }
    }

    fn rewrite(text: &str) -> String {
        Numeric::of(text).text.into_owned()
    }

    #[test]
    fn numbers_are_rewritten_in_digits_and_map_back() {
        for (text, rewritten) in [
            ("处五元以上五十元以下罚款", "处5元以上50元以下罚款"),
            ("处二千元以上二万元以下罚款", "处2000元以上2万元以下罚款"),
            ("处一亿二千万元罚款", "处12000万元罚款"),
            ("违法所得一倍以上五倍以下", "违法所得1倍以上5倍以下"),
            ("不低于百分之二十", "不低于20%"),
            ("千分之五", "0.5%"),
            ("五分之一以上", "20%以上"),
            ("三分之二", "66.666667%"),
            ("万分之三", "0.03%"),
            ("部分之", "部分之"),
            ("百分之百", "100%"),
            ("一点五倍", "1.5倍"),
            ("二〇一〇年八月十日", "2010年8月10日"),
            ("统一规定逐一核对", "统1规定逐1核对"),
            ("几十万元", "几十万元"),
            ("三四个", "三四个"),
            ("零售百姓万一", "零售百姓万一"),
            ("处10元罚款", "处10元罚款"),
        ] {
            assert_eq!(rewrite(text), rewritten, "{text}");
        }
        let text = "处五十万元罚款";
        let numeric = Numeric::of(text);
        let at = numeric.text.find("50").unwrap();
        assert_eq!(&text[numeric.start(at)..numeric.end(at + "50万元".len())], "五十万元");
        assert_eq!(&text[numeric.start(at)..numeric.end(at + 1)], "五十", "a piece inside a number covers all of it");
    }

    /// The reference: Chinese numerals read the plain way, by splitting at 亿, then at 万, then
    /// reading each group of 千/百/十.
    fn reference(text: &str) -> u64 {
        if let Some((high, low)) = text.split_once('亿') {
            return reference(high) * 100_000_000 + reference(low);
        }
        if let Some((high, low)) = text.split_once('万') {
            return reference(high) * 10_000 + reference(low);
        }
        let mut value = 0;
        let mut pending = 0;
        let mut seen_digit = false;
        for c in text.chars() {
            match c {
                '十' | '百' | '千' => {
                    let unit = match c {
                        '十' => 10,
                        '百' => 100,
                        _ => 1000,
                    };
                    value += if seen_digit { pending } else { 1 } * unit;
                    pending = 0;
                    seen_digit = false;
                }
                c => {
                    pending = digit(c).unwrap();
                    seen_digit = true;
                }
            }
        }
        value + pending
    }

    /// A number written in Chinese the standard way: groups of four digits under 亿 and 万, one
    /// 零 for any run of zeros inside, with 两 for a 2 before 千/万/亿 and 十 for 一十 at the start
    /// when asked.
    fn written(n: u64, liang: bool, bare_ten: bool, zero: char) -> String {
        const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
        if n == 0 {
            return zero.to_string();
        }
        let groups = [(n / 100_000_000, "亿"), (n / 10_000 % 10_000, "万"), (n % 10_000, "")];
        let mut out = String::new();
        let mut zero_pending = false;
        for (group, big) in groups {
            if group == 0 {
                zero_pending = !out.is_empty();
                continue;
            }
            if zero_pending || !out.is_empty() && group < 1000 {
                out.push(zero);
            }
            zero_pending = false;
            let places = [(group / 1000, "千"), (group / 100 % 10, "百"), (group / 10 % 10, "十"), (group % 10, "")];
            let mut inner_zero = false;
            let mut started = false;
            for (d, unit) in places {
                if d == 0 {
                    inner_zero = started;
                    continue;
                }
                if inner_zero {
                    out.push(zero);
                    inner_zero = false;
                }
                let first = out.is_empty();
                if !(d == 1 && unit == "十" && bare_ten && first) {
                    let two = d == 2 && liang && (unit == "千" || unit.is_empty() && !big.is_empty() && group == 2);
                    out.push(if two { '两' } else { DIGITS[d as usize] });
                }
                out.push_str(unit);
                started = true;
            }
            out.push_str(big);
        }
        out
    }

    #[test]
    fn the_writer_writes_the_standard_forms() {
        assert_eq!(written(100_050_000, false, false, '零'), "一亿零五万");
        assert_eq!(written(15, false, true, '零'), "十五");
        assert_eq!(written(2000, true, false, '零'), "两千");
        assert_eq!(written(10_005, false, false, '〇'), "一万〇五");
    }

    proptest::proptest! {
        /// Every standard written form reads as its number, as the reference reads it.
        #[test]
        fn written_numbers_read_as_the_reference_reads_them(
            n in 1u64..1_000_000_000_000, liang: bool, bare_ten: bool, circle: bool,
        ) {
            let text = written(n, liang, bare_ten, if circle { '〇' } else { '零' });
            proptest::prop_assert_eq!(reference(&text), n, "{}", text);
            proptest::prop_assert_eq!(chinese_value(&text), Some(n), "{}", text);
        }

        /// In running text a fine in Chinese numerals reads as the same fine in digits (a final
        /// 万 or 亿 kept as written) and maps back onto the numerals it was written with.
        #[test]
        fn a_written_fine_reads_as_its_digits(n in 1u64..1_000_000_000, liang: bool, wan: bool) {
            let n = if wan { n % 9_999 + 1 } else { n };
            let number = written(n, liang, true, '零');
            let text = format!("处{number}{}元罚款", if wan { "万" } else { "" });
            let (digits, kept) = match number.chars().next_back() {
                Some('万') => ((n / 10_000).to_string(), "万"),
                Some('亿') => ((n / 100_000_000).to_string(), "亿"),
                _ => (n.to_string(), ""),
            };
            let numeric = Numeric::of(&text);
            let wan = if wan { "万" } else { "" };
            proptest::prop_assert_eq!(numeric.text.as_ref(), format!("处{digits}{kept}{wan}元罚款"));
            let at = "处".len();
            let end = at + digits.len() + kept.len();
            proptest::prop_assert_eq!(&text[numeric.start(at)..numeric.end(end)], number.as_str());
        }

        /// Arabic numbers, with decimals, pass through as they are.
        #[test]
        fn arabic_numbers_pass_through(n in 0u32..1_000_000, frac in proptest::option::of(1u32..100)) {
            let number = frac.map_or(n.to_string(), |f| format!("{n}.{f}"));
            let text = format!("不少于{number}家");
            let numeric = Numeric::of(&text);
            proptest::prop_assert_eq!(numeric.text.as_ref(), text.as_str());
        }
    }
}
