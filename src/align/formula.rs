//! Formulas of legal drafting (`grammar/align-formulas.txt`): penalty templates, cross-references,
//! agency names, procedural phrases, opening and closing formulas. Any two regulations may share
//! them without one deriving from the other, so the characters they cover weigh little. They are
//! found by what they say, wherever they stand: a penalty article copied from the law still links
//! on the conduct it punishes.

use std::sync::OnceLock;

use regex::Regex;

use crate::lexicon;

/// Weight of a character inside a formula.
pub(super) const FORMULA_WEIGHT: f32 = 0.2;

/// What the lexicon's placeholders stand for.
const PLACEHOLDERS: [(&str, &str); 3] = [
    ("{N}", "[0-9零〇○一二两三四五六七八九十百千万亿]"),
    ("{DOC}", "(?:实施办法|实施细则|办法|条例|规定|细则|决定|法)"),
    ("{H}", r"\p{Han}"),
];

/// All formulas as one expression.
fn formulas() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    CELL.get_or_init(|| {
        let alternatives: Vec<String> = lexicon::align_formulas()
            .iter()
            .map(|pattern| {
                let expanded = PLACEHOLDERS.iter().fold(pattern.to_string(), |p, (name, class)| p.replace(name, class));
                format!("(?:{expanded})")
            })
            .collect();
        Regex::new(&alternatives.join("|")).expect("grammar/align-formulas.txt holds valid expressions")
    })
}

/// Lowers the weight of each character of `text` (one weight per character) that a formula
/// covers.
pub(super) fn lower(text: &str, weights: &mut [f32]) {
    let mut chars = text.char_indices().map(|(b, _)| b).enumerate().peekable();
    for found in formulas().find_iter(text).filter(|m| !m.is_empty()) {
        // Matches come in text order, so character positions are counted on from the last one.
        while let Some(&(k, b)) = chars.peek() {
            if b >= found.end() {
                break;
            }
            if b >= found.start() {
                weights[k] *= FORMULA_WEIGHT;
            }
            chars.next();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters of `text` that formulas cover, as a string with the others replaced by `.`.
    fn covered(text: &str) -> String {
        let mut weights = vec![1.0; text.chars().count()];
        lower(text, &mut weights);
        text.chars().zip(weights).map(|(c, w)| if w < 1.0 { c } else { '.' }).collect()
    }

    #[test]
    fn penalty_templates_and_cross_references_are_formulas_and_the_conduct_is_not() {
        assert_eq!(
            covered("违反本办法第十二条第一款规定的伪造捕捞许可证的处二百元以上二千元以下罚款"),
            "违反本办法第十二条第一款规定的........处二百元以上二千元以下罚款"
        );
        assert_eq!(covered("构成犯罪的依法追究刑事责任"), "构成犯罪的依法追究刑事责任");
    }

    #[test]
    fn agency_names_and_closing_formulas_are_formulas() {
        assert_eq!(covered("由县级以上人民政府渔业主管部门没收渔获物"), ".县级以上人民政府渔业主管部门.....");
        assert_eq!(covered("本办法自2020年5月1日起施行"), "本办法自2020年5月1日起施行");
        assert_eq!(covered("本办法由区科委负责解释自印发之日起实行"), "本办法由区科委负责解释自印发之日起实行");
    }

    #[test]
    fn plain_provisions_are_not_formulas() {
        assert_eq!(covered("农民专业合作社以其成员为主要服务对象"), "..................");
    }
}
