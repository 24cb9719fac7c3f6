//! The lexicons of `grammar/`, compiled into the binary so that zhengce runs from any directory.

use std::sync::OnceLock;

/// Non-comment, non-blank lines of a lexicon file.
fn entries(text: &'static str) -> Vec<&'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

macro_rules! lexicon {
    ($(#[$doc:meta])* $name:ident, $file:literal) => {
        $(#[$doc])*
        pub fn $name() -> &'static [&'static str] {
            static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
            CELL.get_or_init(|| entries(include_str!(concat!("../grammar/", $file))))
        }
    };
}

lexicon!(
    /// Words that end a document title (`grammar/doc-types.txt`).
    doc_types, "doc-types.txt");
lexicon!(
    /// Qualifiers in brackets after a title (`grammar/title-qualifiers.txt`).
    title_qualifiers, "title-qualifiers.txt");
lexicon!(
    /// Web-page noise phrases with their match mode prefix (`grammar/boilerplate.txt`).
    boilerplate, "boilerplate.txt");
lexicon!(
    /// Keys of a web page's article meta line (`grammar/web-meta-keys.txt`).
    web_meta_keys, "web-meta-keys.txt");
lexicon!(
    /// Keys of a government page's document information table, `field\tkey`
    /// (`grammar/web-info-keys.txt`).
    web_info_keys, "web-info-keys.txt");
lexicon!(
    /// Keys of contact lines (`grammar/contact-keys.txt`).
    contact_keys, "contact-keys.txt");
lexicon!(
    /// Endings of an issuing body's name (`grammar/issuer-suffixes.txt`).
    issuer_suffixes, "issuer-suffixes.txt");
lexicon!(
    /// Relation cues of citations, `relation\tcue` (`grammar/citation-cues.txt`).
    citation_cues, "citation-cues.txt");
lexicon!(
    /// Words stripped from the front of an issuer code (`grammar/citation-prefixes.txt`).
    citation_prefixes, "citation-prefixes.txt");
lexicon!(
    /// Markers of national issuers (`grammar/national-bodies.txt`).
    national_bodies, "national-bodies.txt");
lexicon!(
    /// Stem words of condition lists (`grammar/condition-stems.txt`).
    condition_stems, "condition-stems.txt");
lexicon!(
    /// Comparator words, `comparator\tword\tposition` (`grammar/constraints.txt`).
    comparators, "constraints.txt");
lexicon!(
    /// Modal cues, `kind\tcue` (`grammar/modality.txt`).
    modal_cues, "modality.txt");
lexicon!(
    /// Characters OpenCC t2s converts one by one, 50 to a line (`grammar/t2s-characters.txt`).
    t2s_characters, "t2s-characters.txt");
lexicon!(
    /// Characters t2s changes only inside phrases (`grammar/t2s-phrase-characters.txt`).
    t2s_phrase_characters, "t2s-phrase-characters.txt");
lexicon!(
    /// The administrative divisions of China, `code\tname` (`grammar/places.tsv`).
    places, "places.tsv");
lexicon!(
    /// Words of penalty clauses, `role\tword` (`grammar/penalties.txt`).
    penalty_words, "penalties.txt");
lexicon!(
    /// Cues of duties, prohibitions and weaker wording, `kind\tcue` (`grammar/duties.txt`).
    duty_cues, "duties.txt");
lexicon!(
    /// Formulas of legal drafting, as regular expressions over match keys (`grammar/align-formulas.txt`).
    align_formulas, "align-formulas.txt");
lexicon!(
    /// Wording changed across revisions, `older\tcurrent` (`grammar/align-revision-variants.tsv`).
    align_revision_variants, "align-revision-variants.tsv");
