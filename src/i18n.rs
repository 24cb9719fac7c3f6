//! The languages zhengce speaks to people in: English and Chinese. Everything a person reads (the
//! report pages, `check` in text, HTML and Word, the messages on stderr, errors included) comes
//! from this one catalogue; JSON is for programs and stays the same in every language (its field
//! names, its enum values and its English `message`).
//!
//! Fixed labels are fields of [`Labels`], written once in each language side by side, so that a
//! label missing in one language does not compile; labels with values in them, and the names of
//! the pipeline's enums, are methods of [`Lang`]. The Chinese wording is that of a drafting
//! office and a reviewing body (备案审查): 上位法, 条, 款, 项, 新增, 删除, 修改, 幅度, 从严/从宽.

use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::check::{Finding, FindingKind, Severity, Why};
use crate::error::{BinaryHint, DecodeProblem, Error};
use crate::model::{
    Change, Comparator, ConstraintKind, DocKind, Document, FrontKind, Level, NoiseKind, Relation, Script, Segment, Tie,
    UnitId, Verdict,
};

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Chinese (simplified script, mainland usage).
    Zh,
}

impl Lang {
    /// The language of the user's locale: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is
    /// set and not empty, as POSIX orders them; Chinese for `zh…`, English otherwise.
    pub fn from_env() -> Lang {
        let var = |name: &str| std::env::var(name).ok();
        Lang::from_locale([var("LC_ALL"), var("LC_MESSAGES"), var("LANG")])
    }

    /// The language of locale settings given in POSIX order of precedence (`LC_ALL`,
    /// `LC_MESSAGES`, `LANG`): the first set and not empty decides; `zh`, `zh_CN.UTF-8`, `zh_TW`,
    /// `zh-Hans` are Chinese, anything else (`C`, `POSIX`, `en_US.UTF-8`) English.
    pub fn from_locale(settings: [Option<String>; 3]) -> Lang {
        let locale = settings.into_iter().flatten().find(|s| !s.is_empty()).unwrap_or_default();
        let language = locale.split(['_', '-', '.', '@']).next().unwrap_or("");
        if language.eq_ignore_ascii_case("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The value of an HTML `lang` attribute.
    pub fn html(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The fixed labels.
    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    fn pick<T>(self, en: T, zh: T) -> T {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// The language of messages written to stderr from inside the pipeline (warnings met while
/// reading a file), set once by the command line; English until then.
static MESSAGES: AtomicU8 = AtomicU8::new(0);

/// Sets the language of messages on stderr.
pub fn set_messages(lang: Lang) {
    MESSAGES.store(lang as u8, Ordering::Relaxed);
}

/// The language of messages on stderr.
pub fn messages() -> Lang {
    if MESSAGES.load(Ordering::Relaxed) == Lang::Zh as u8 {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Defines [`Labels`] and its two instances from one table of `field: "English" | "中文"`.
macro_rules! labels {
    ($($field:ident: $en:literal | $zh:literal,)*) => {
        /// The fixed labels of the pages and outputs, one field per label (its doc is its English).
        #[derive(Debug)]
        pub struct Labels {
            $(#[doc = $en] pub $field: &'static str,)*
        }

        static EN: Labels = Labels { $($field: $en,)* };
        static ZH: Labels = Labels { $($field: $zh,)* };

        impl Labels {
            /// Every label, in the order of the catalogue.
            pub fn all(&self) -> Vec<&'static str> {
                vec![$(self.$field,)*]
            }
        }
    };
}

labels! {
    // Every page.
    tagline: "national policy → local measures" | "国家政策如何落实到地方配套文件",
    none_dash: "—" | "—",
    none: "None." | "无。",
    // The index.
    corpus_report: "Corpus report" | "文件库报告",
    documents: "Documents" | "文件",
    filter_placeholder: "filter: title, number, issuer, jurisdiction, kind…" | "筛选：标题、文号、制定机关、地区、类别…",
    col_title: "Title" | "标题",
    col_number: "Number" | "文号",
    col_kind: "Kind" | "类别",
    col_issuer: "Issuer" | "制定机关",
    col_date: "Date" | "日期",
    col_effective: "Effective" | "施行日期",
    col_articles: "Articles" | "条数",
    col_citations: "Citations" | "引用",
    col_sources: "Sources" | "上位法",
    col_derived: "Derived" | "下位文件",
    level_unknown: "level unknown" | "层级不明",
    jurisdiction_unknown: "jurisdiction unknown" | "地区不明",
    learned: "(learned)" | "（推得）",
    learned_tip: "not stated by the document: learned from the documents that cite it"
        | "文件本身未载明，据引用它的文件推得",
    citation_graph: "Citation graph" | "引用关系图",
    outside_boxes: "dashed boxes: cited documents outside the corpus" | "虚线框：文件库以外的被引文件",
    sources: "Sources" | "上位法",
    sources_note: "The documents others derive from, and how many derive from each. Each document's page draws its own neighbourhood."
        | "其他文件所依据的文件，以及依据各文件的下位文件数。各文件的页面另绘其关联文件。",
    coverage_of: "Coverage of " | "条文落实情况：",
    pages_and_exports: "Pages and exports" | "页面与导出文件",
    matrix_article: "Article" | "条文",
    derivation_dropped: "dropped" | "未落实",
    // A document's page.
    no_number: "no number" | "无文号",
    learned_number: " (learned from the documents citing it)" | "（据引用它的文件推得）",
    kind_unknown: "kind unknown" | "类别不明",
    issuer_unknown: "issuer unknown" | "制定机关不明",
    no_date: "no date" | "日期不明",
    effective: " · effective " | " · 施行日期 ",
    neighbourhood: "Neighbourhood" | "关联文件",
    alone: "No source, version, derived document or borrowing found in the library."
        | "文件库中未发现本文件的上位法、其他版本、下位文件或借鉴关系。",
    sources_derives: "Sources (derives from)" | "上位法（本文件所依据）",
    versions: "Versions, oldest first" | "各版本（由旧到新）",
    this_version: "this version" | "本版本",
    borrowings: "Borrowings (text shared with another jurisdiction, beyond their sources)"
        | "借鉴（与其他地区文件相同、且并非来自共同上位法的文字）",
    borrows_from: "borrows from " | "借鉴自 ",
    lent_to: "lent to " | "被借鉴于 ",
    derived_documents: "Derived documents" | "下位文件",
    coverage: "Coverage" | "条文落实情况",
    side_by_side_link: "side by side" | "逐条对照",
    text: "Text" | "正文",
    legend_citation: "citation" | "引用",
    legend_outside: " (dashed: outside the corpus)" | "（虚线：文件库以外）",
    legend_constraint: "constraint" | "量化规定",
    legend_boilerplate: "boilerplate" | "非正文内容",
    not_in_corpus: " (not in the corpus)" | "（不在文件库中）",
    graph_label: "citation graph" | "引用关系图",
    version: "version" | "版本",
    // A pair's page.
    derived_from: "derived from " | "依据 ",
    local_document: "local document" | "地方文件",
    derivation_links: "derivation links" | "对应条文",
    national_dropped: "national articles dropped" | "上位法条文未落实",
    local_only: "local-only articles" | "地方新增条文",
    items_changed: "condition items changed" | "条件项有变化",
    tightened: "thresholds tightened" | "条件从严",
    outside_range: "penalties outside the national range" | "处罚超出上位法幅度",
    side_by_side: "Side by side" | "逐条对照",
    side_left: "Left: the national unit, " | "左栏为上位法条文，地方文件未采用的文字标为",
    side_deleted: "deleted" | "删除",
    side_right: " where the local text drops it. Right: the local unit, " | "；右栏为地方文件条文，其增加的文字标为",
    side_inserted: "inserted" | "新增",
    side_end: " where it adds to it." | "。",
    national: "National" | "上位法",
    local: "Local" | "地方文件",
    score: "score " | "相似度 ",
    coverage_share: "coverage " | "覆盖率 ",
    condition_lists: "Condition lists" | "条件列表",
    no_condition_list: "No condition list found in the local document." | "地方文件中未发现条件列表。",
    list_local: "Local " | "地方文件 ",
    list_national: " ← national " | " ← 上位法 ",
    list_none: "(none)" | "（无）",
    local_item: "Local item" | "地方文件项",
    national_item: "National item" | "上位法项",
    verdict: "Verdict" | "比对结果",
    changes: "Changes" | "改动",
    constraints: "Thresholds, penalties and time limits" | "数量条件、处罚与期限",
    change: "Change" | "变化",
    duties: "Duties and prohibitions" | "义务性规定与禁止性规定",
    no_duty_change: "No national duty weakened, no prohibition dropped." | "未发现弱化上位法义务或删除禁止性规定的情形。",
    dropped_articles: "National articles dropped" | "上位法未落实的条文",
    dropped_sureness: "Each with how sure it is that no local unit implements it." | "百分比为确无地方条文落实该条的把握程度。",
    local_only_articles: "Local-only articles" | "地方新增条文",
    // The review of a draft.
    check_of: "Check of " | "审查意见：",
    against: "against " | "对照上位法：",
    errors: "errors" | "处错误",
    warnings: "warnings" | "处警告",
    notes: "notes" | "处提示",
    no_findings: "No findings: the draft stays within its sources." | "未发现问题：草案未超出上位法的规定。",
    draft: "Draft" | "草案",
    findings_and_source: "Findings and source text" | "审查意见与上位法原文",
    undated: "undated" | "日期不明",
}

impl Lang {
    /// A level of government.
    pub fn level(self, level: Level) -> &'static str {
        match (self, level) {
            (Lang::En, level) => level.as_str(),
            (Lang::Zh, Level::National) => "国家",
            (Lang::Zh, Level::Provincial) => "省级",
            (Lang::Zh, Level::Municipal) => "市级",
            (Lang::Zh, Level::County) => "县级",
        }
    }

    /// A kind of document.
    pub fn doc_kind(self, kind: DocKind) -> &'static str {
        match (self, kind) {
            (Lang::En, kind) => kind.as_str(),
            (Lang::Zh, DocKind::Law) => "法律",
            (Lang::Zh, DocKind::AdministrativeRegulation) => "行政法规",
            (Lang::Zh, DocKind::DepartmentalRule) => "部门规章",
            (Lang::Zh, DocKind::JudicialInterpretation) => "司法解释",
            (Lang::Zh, DocKind::LocalRegulation) => "地方性法规",
            (Lang::Zh, DocKind::LocalRule) => "地方政府规章",
            (Lang::Zh, DocKind::NormativeDocument) => "规范性文件",
        }
    }

    /// The script a document is written in.
    pub fn script(self, script: Script) -> &'static str {
        match (self, script) {
            (Lang::En, script) => script.as_str(),
            (Lang::Zh, Script::Simplified) => "简体",
            (Lang::Zh, Script::Traditional) => "繁体",
            (Lang::Zh, Script::Mixed) => "简繁混排",
        }
    }

    /// What a citation says of the cited document.
    pub fn relation(self, relation: Relation) -> &'static str {
        match (self, relation) {
            (Lang::En, relation) => relation.as_str(),
            (Lang::Zh, Relation::Basis) => "依据",
            (Lang::Zh, Relation::Implements) => "实施",
            (Lang::Zh, Relation::Follows) => "贯彻",
            (Lang::Zh, Relation::Repeals) => "废止",
            (Lang::Zh, Relation::Issues) => "印发",
            (Lang::Zh, Relation::Mentions) => "提及",
        }
    }

    /// How a local unit derives from a source unit.
    pub fn derivation(self, derivation: crate::model::Derivation) -> &'static str {
        use crate::model::Derivation;
        match (self, derivation) {
            (Lang::En, derivation) => derivation.as_str(),
            (Lang::Zh, Derivation::Verbatim) => "照录",
            (Lang::Zh, Derivation::Modified) => "修改",
            (Lang::Zh, Derivation::Paraphrase) => "转述",
        }
    }

    /// The one-character mark of a derivation in a coverage matrix.
    pub fn derivation_mark(self, derivation: crate::model::Derivation) -> String {
        self.derivation(derivation).chars().take(1).flat_map(char::to_uppercase).collect()
    }

    /// A tie between documents, as an edge of a graph says it.
    pub fn tie(self, tie: Tie) -> &'static str {
        match (self, tie) {
            (Lang::En, tie) => tie.as_str(),
            (Lang::Zh, Tie::Derives) => "依据",
            (Lang::Zh, Tie::Borrows) => "借鉴",
        }
    }

    /// One version replacing another, as an edge of a graph says it.
    pub fn supersedes(self) -> &'static str {
        self.pick("supersedes", "取代")
    }

    /// The verdict on an item of a condition list.
    pub fn verdict(self, verdict: Verdict) -> &'static str {
        match (self, verdict) {
            (Lang::En, verdict) => verdict.as_str(),
            (Lang::Zh, Verdict::Same) => "相同",
            (Lang::Zh, Verdict::Modified) => "修改",
            (Lang::Zh, Verdict::Added) => "新增",
            (Lang::Zh, Verdict::Removed) => "删除",
        }
    }

    /// How a local constraint differs from the source's.
    pub fn change(self, change: Change) -> &'static str {
        match (self, change) {
            (Lang::En, change) => change.as_str(),
            (Lang::Zh, Change::Added) => "新增",
            (Lang::Zh, Change::Removed) => "删除",
            (Lang::Zh, Change::Stricter) => "从严",
            (Lang::Zh, Change::Looser) => "从宽",
            (Lang::Zh, Change::Changed) => "修改",
            (Lang::Zh, Change::Same) => "相同",
            (Lang::Zh, Change::WithinRange) => "在幅度内",
            (Lang::Zh, Change::OutsideRange) => "超出幅度",
        }
    }

    /// How a duty of the source fares in the local text.
    pub fn duty_change(self, change: crate::model::DutyChange) -> &'static str {
        use crate::model::DutyChange;
        match (self, change) {
            (Lang::En, change) => change.as_str(),
            (Lang::Zh, DutyChange::Weakened) => "义务弱化",
            (Lang::Zh, DutyChange::Dropped) => "禁止性规定缺失",
        }
    }

    /// What a constraint constrains.
    pub fn constraint_kind(self, kind: ConstraintKind) -> &'static str {
        match (self, kind) {
            (Lang::En, kind) => kind.as_str(),
            (Lang::Zh, ConstraintKind::Threshold) => "数量条件",
            (Lang::Zh, ConstraintKind::Validity) => "有效期",
            (Lang::Zh, ConstraintKind::Deadline) => "截止时间",
            (Lang::Zh, ConstraintKind::Fine) => "罚款",
            (Lang::Zh, ConstraintKind::Detention) => "拘留",
            (Lang::Zh, ConstraintKind::Suspension) => "暂扣、停业",
            (Lang::Zh, ConstraintKind::Revocation) => "吊销",
            (Lang::Zh, ConstraintKind::TimeLimit) => "期限",
            (Lang::Zh, ConstraintKind::Term) => "任期",
            (Lang::Zh, ConstraintKind::Age) => "年龄",
        }
    }

    /// How a constraint compares: a symbol, or the word for a range.
    pub fn comparator(self, comparator: Comparator) -> &'static str {
        match (self, comparator) {
            (Lang::Zh, Comparator::Range) => "幅度",
            (_, comparator) => comparator.as_str(),
        }
    }

    /// Why a span is boilerplate.
    pub fn noise(self, kind: NoiseKind) -> &'static str {
        match (self, kind) {
            (Lang::En, kind) => kind.as_str(),
            (Lang::Zh, NoiseKind::WebPage) => "网页栏目",
            (Lang::Zh, NoiseKind::WebMeta) => "网页信息行",
            (Lang::Zh, NoiseKind::Contact) => "联系方式",
            (Lang::Zh, NoiseKind::RepeatedTitle) => "重复的标题",
            (Lang::Zh, NoiseKind::FlattenedCopy) => "重复的全文",
            (Lang::Zh, NoiseKind::Stray) => "零散字符",
            (Lang::Zh, NoiseKind::Markup) | (Lang::Zh, NoiseKind::InlineMarkup) => "标记",
            (Lang::Zh, NoiseKind::Contents) => "目录",
            (Lang::Zh, NoiseKind::PageFurniture) => "页眉页脚",
        }
    }

    /// How serious a finding is.
    pub fn severity(self, severity: Severity) -> &'static str {
        match (self, severity) {
            (Lang::En, severity) => severity.as_str(),
            (Lang::Zh, Severity::Error) => "错误",
            (Lang::Zh, Severity::Warning) => "警告",
            (Lang::Zh, Severity::Info) => "提示",
        }
    }

    /// What a finding is about.
    pub fn finding_kind(self, kind: FindingKind) -> &'static str {
        match (self, kind) {
            (Lang::En, kind) => kind.as_str(),
            (Lang::Zh, FindingKind::PenaltyOutsideRange) => "处罚不在上位法幅度内",
            (Lang::Zh, FindingKind::DeadlineLonger) => "期限长于上位法",
            (Lang::Zh, FindingKind::ThresholdLooser) => "条件较上位法从宽",
            (Lang::Zh, FindingKind::ThresholdStricter) => "条件较上位法从严",
            (Lang::Zh, FindingKind::ObligationWeakened) => "义务性规定被弱化",
            (Lang::Zh, FindingKind::ProhibitionDropped) => "禁止性规定缺失",
            (Lang::Zh, FindingKind::UncitedSource) => "沿用文件未引用",
            (Lang::Zh, FindingKind::CitesSuperseded) => "引用已被取代的版本",
        }
    }

    /// A unit as a reader names it: its ID in English (`art8/p2`), 第八条第二款 in Chinese.
    pub fn unit(self, id: &UnitId) -> String {
        if self == Lang::En {
            return id.to_string();
        }
        let mut name = String::new();
        for step in &id.0 {
            let n = |n: u32| crate::text::chinese_number(n);
            match step.segment {
                Segment::Attachment(a) => name.push_str(&format!("附件{a}")),
                Segment::Part(p) => name.push_str(&format!("第{}编", n(p))),
                Segment::Chapter(c) => name.push_str(&format!("第{}章", n(c))),
                Segment::Section(s) => name.push_str(&format!("第{}节", n(s))),
                Segment::Heading(h) => name.push_str(&format!("第{}部分", n(h))),
                Segment::Article(a, None) => name.push_str(&format!("第{}条", n(a))),
                Segment::Article(a, Some(m)) => name.push_str(&format!("第{}条之{}", n(a), n(m))),
                Segment::Paragraph(p) => name.push_str(&format!("第{}款", n(p))),
                Segment::Item(i) => name.push_str(&format!("第（{}）项", n(i))),
                Segment::SubItem(s) => name.push_str(&format!("第{s}目")),
                Segment::ThirdItem(x) => name.push_str(&format!("（{x}）")),
                Segment::Preamble => name.push_str("序言"),
                Segment::Front(kind) => name.push_str(match kind {
                    FrontKind::Title => "标题",
                    FrontKind::Number => "文号",
                    FrontKind::Addressees => "主送机关",
                    FrontKind::Issuer => "落款",
                    FrontKind::Date => "成文日期",
                    FrontKind::Meta => "题注",
                }),
            }
            if step.occurrence > 1 {
                name.push_str(&format!("（第{}处）", n(step.occurrence)));
            }
        }
        name
    }

    /// A document as messages name it: its file name in English, its title (《…》) in Chinese
    /// when it has one.
    pub fn doc_name(self, doc: &Document) -> String {
        let file =
            || doc.path.file_name().map_or_else(|| doc.path.display().to_string(), |n| n.to_string_lossy().into());
        match (self, &doc.front.title) {
            (Lang::Zh, Some(title)) => format!("《{title}》"),
            _ => file(),
        }
    }

    // The index.

    /// The heading of the index.
    pub fn library_heading(self, documents: usize, pairs: usize) -> String {
        self.pick(
            format!("Library: {documents} documents, {pairs} local–source comparisons"),
            format!("文件库：文件 {documents} 件，地方文件与上位法对照 {pairs} 组"),
        )
    }

    /// The line under the index's heading.
    pub fn library_meta(self, sources: usize, versions: usize, borrows: usize) -> String {
        self.pick(
            format!(
                "How national policy travels into provincial and city measures: citations, derivations, condition changes. \
                 {sources} sources · {versions} documents held in several versions · {borrows} borrowings between jurisdictions"
            ),
            format!(
                "国家政策如何落实到省、市配套文件：引用、承接关系、条件变化。\
                 上位法 {sources} 件 · 有多个版本的文件 {versions} 件 · 地区间借鉴 {borrows} 处"
            ),
        )
    }

    /// What the index says of sources whose coverage it leaves out.
    pub fn more_sources(self, n: usize) -> String {
        self.pick(
            format!("{n} more sources: their coverage is on their document pages."),
            format!("另有上位法 {n} 件，其条文落实情况见各自页面。"),
        )
    }

    /// The second line of a source's box in the graph of sources.
    pub fn derived_count(self, n: usize) -> String {
        self.pick(format!("{n} derived"), format!("下位文件 {n} 件"))
    }

    // A document's page.

    /// How many articles two documents share.
    pub fn articles_count(self, n: usize) -> String {
        self.pick(format!(" · {n} articles"), format!(" · {n} 条"))
    }

    /// The tooltip of boilerplate.
    pub fn boilerplate_tip(self, kind: NoiseKind) -> String {
        format!("{}: {}", self.labels().legend_boilerplate, self.noise(kind))
    }

    // The review of a draft.

    /// The summary line of `check --format text`.
    pub fn check_summary(self, errors: usize, warnings: usize, notes: usize) -> String {
        self.pick(
            format!("{errors} errors, {warnings} warnings, {notes} notes"),
            format!("错误 {errors} 处，警告 {warnings} 处，提示 {notes} 处"),
        )
    }

    /// The first line of `check --format text`.
    pub fn check_heading(self, draft: &Path, sources: &[String]) -> String {
        self.pick(
            format!("{} against {}", draft.display(), sources.join(", ")),
            format!("{} 对照上位法 {}", draft.display(), sources.join("、")),
        )
    }

    /// What a finding says: what is wrong, against which source unit (`source` is the finding's
    /// source document).
    pub fn finding(self, f: &Finding, source: &Document) -> String {
        let src = self.doc_name(source);
        let unit = |u: &UnitId| self.unit(u);
        let of = |u: &UnitId| self.pick(format!("of {src} {}", unit(u)), format!("{src}{}", unit(u)));
        match (&f.why, self) {
            (Why::Penalty { subject, value, above, range, source_value, source_unit }, Lang::En) => {
                let how = if *above { "exceeds" } else { "falls below" };
                let range = match range {
                    Comparator::Range => "range",
                    Comparator::AtMost | Comparator::LessThan => "cap",
                    Comparator::AtLeast | Comparator::MoreThan => "floor",
                    Comparator::Equal => "penalty",
                };
                format!("{subject} {value} {how} the {range} {source_value} {}", of(source_unit))
            }
            (Why::Penalty { subject, value, above, range, source_value, source_unit }, Lang::Zh) => {
                let how = if *above { "超出" } else { "低于" };
                let range = match range {
                    Comparator::Range => "处罚幅度",
                    Comparator::AtMost | Comparator::LessThan => "上限",
                    Comparator::AtLeast | Comparator::MoreThan => "下限",
                    Comparator::Equal => "处罚",
                };
                format!("{subject} {value}，{how}{}规定的{range} {source_value}", of(source_unit))
            }
            (Why::NoticeShorter { time, source_time, source_unit }, Lang::En) => format!(
                "notice of {time} before is shorter than {source_time} {}: the draft allows more time",
                of(source_unit)
            ),
            (Why::NoticeShorter { time, source_time, source_unit }, Lang::Zh) => {
                format!("提前 {time}，短于{}规定的提前 {source_time}，时限较上位法从宽", of(source_unit))
            }
            (Why::TimeLimitLonger { time, source_time, source_unit }, Lang::En) => {
                format!("time limit of {time} is longer than {source_time} {}", of(source_unit))
            }
            (Why::TimeLimitLonger { time, source_time, source_unit }, Lang::Zh) => {
                format!("期限 {time}，长于{}规定的 {source_time}", of(source_unit))
            }
            (Why::Threshold { subject, value, looser, source_value, source_unit }, Lang::En) => {
                let how = if *looser { "looser" } else { "stricter" };
                format!("{subject} {value} is {how} than {source_value} {}", of(source_unit))
            }
            (Why::Threshold { subject, value, looser, source_value, source_unit }, Lang::Zh) => {
                let how = if *looser { "从宽" } else { "从严" };
                format!("{subject} {value}，较{}规定的 {source_value} {how}", of(source_unit))
            }
            (Why::Weakened { cue, local_cue, source_text, source_unit }, Lang::En) => format!(
                "{cue} → {local_cue}: “{source_text}” {} is a duty, the draft makes it optional",
                of(source_unit)
            ),
            (Why::Weakened { cue, local_cue, source_text, source_unit }, Lang::Zh) => {
                format!("{}“{source_text}”是义务性规定（{cue}），草案改为“{local_cue}”，弱化了义务", of(source_unit))
            }
            (Why::Dropped { source_text, source_unit }, Lang::En) => {
                format!("“{source_text}” {} is not prohibited anywhere in the draft", of(source_unit))
            }
            (Why::Dropped { source_text, source_unit }, Lang::Zh) => {
                format!("{}规定“{source_text}”，草案中没有相应的禁止性规定", of(source_unit))
            }
            (Why::Uncited { units }, Lang::En) => {
                let title = source.front.title.as_deref().map_or(String::new(), |t| format!(" (《{t}》)"));
                format!("the draft reuses the text of {src}{title} in {units} units but never cites it")
            }
            (Why::Uncited { units }, Lang::Zh) => {
                format!("草案有 {units} 处沿用{src}的文字，但未引用该文件")
            }
            (Why::Superseded { cited, cited_date, current_date }, _) => {
                let l = self.labels();
                let (cited_date, current_date) =
                    (cited_date.as_deref().unwrap_or(l.undated), current_date.as_deref().unwrap_or(l.undated));
                let cited = match (self, cited) {
                    (Lang::En, (file, _)) | (Lang::Zh, (file, None)) => file.clone(),
                    (Lang::Zh, (_, Some(title))) => format!("《{title}》"),
                };
                self.pick(
                    format!(
                        "cites the version of {cited} dated {cited_date}; {src} (dated {current_date}) replaces it at the draft's date"
                    ),
                    format!("所引用的是{cited}（{cited_date}）的版本，至草案日期已被{src}（{current_date}）取代"),
                )
            }
        }
    }

    /// What introduces the source text in a comment of the Word redline.
    pub fn source_text_heading(self, source: &Document, unit: &UnitId) -> String {
        let title = source.front.title.clone();
        match self {
            Lang::En => format!("Source text ({} {unit}):", title.unwrap_or_else(|| self.doc_name(source))),
            Lang::Zh => format!("上位法原文（{}{}）：", self.doc_name(source), self.unit(unit)),
        }
    }

    // Messages.

    /// An error, as `zhengce: …` prints it.
    pub fn error(self, error: &Error) -> String {
        let shown = |path: &Path| path.display().to_string();
        match (self, error) {
            (Lang::En, Error::NotFound { path }) => format!("{}: no such file", shown(path)),
            (Lang::Zh, Error::NotFound { path }) => format!("{}：文件不存在", shown(path)),
            (Lang::En, Error::IsDirectory { path }) => format!(
                "{}: is a directory, not a file (give the files inside it, or a command that takes a directory)",
                shown(path)
            ),
            (Lang::Zh, Error::IsDirectory { path }) => {
                format!("{}：这是目录，不是文件（请给出其中的文件，或使用接受目录的命令）", shown(path))
            }
            (Lang::En, Error::Empty { path }) => format!("{}: the file is empty (0 bytes)", shown(path)),
            (Lang::Zh, Error::Empty { path }) => format!("{}：文件为空（0 字节）", shown(path)),
            (Lang::En, Error::TooLarge { path, size, limit }) => format!(
                "{}: the file is {size} bytes, over the limit of {limit} bytes (raise it with --max-file-size)",
                shown(path)
            ),
            (Lang::Zh, Error::TooLarge { path, size, limit }) => format!(
                "{}：文件大小 {size} 字节，超过上限 {limit} 字节（可用 --max-file-size 调高）",
                shown(path)
            ),
            (_, Error::Undecodable { path, problem }) => {
                format!("{}{}{}", shown(path), self.pick(": cannot decode the text: ", "：无法解码文本："), self.decode(problem))
            }
            (Lang::En, Error::Binary { path, hint }) => {
                format!("{}: looks like binary data, not text ({})", shown(path), self.binary(hint))
            }
            (Lang::Zh, Error::Binary { path, hint }) => {
                format!("{}：看来是二进制数据，不是文本（{}）", shown(path), self.binary(hint))
            }
            (Lang::En, Error::NoDocuments { path }) => {
                format!("{}: no documents (.txt, .md, .html, .htm, .docx or .pdf files) found", shown(path))
            }
            (Lang::Zh, Error::NoDocuments { path }) => {
                format!("{}：未找到文件（.txt、.md、.html、.htm、.docx 或 .pdf）", shown(path))
            }
            (Lang::En, Error::LegacyWord { path }) => format!(
                "{}: a binary Word or WPS document (.doc/.wps), which zhengce cannot read: open it in Word or WPS and save it as .docx",
                shown(path)
            ),
            (Lang::Zh, Error::LegacyWord { path }) => format!(
                "{}：这是旧版二进制 Word 或 WPS 文档（.doc/.wps），zhengce 无法读取：请在 Word 或 WPS 中打开并另存为 .docx",
                shown(path)
            ),
            (Lang::En, Error::Docx { path, detail }) => {
                format!("{}: cannot read the Word document: {detail}", shown(path))
            }
            (Lang::Zh, Error::Docx { path, detail }) => format!("{}：无法读取该 Word 文档：{detail}", shown(path)),
            (Lang::En, Error::Pdf { path, detail }) => format!("{}: cannot read the PDF: {detail}", shown(path)),
            (Lang::Zh, Error::Pdf { path, detail }) => format!("{}：无法读取该 PDF：{detail}", shown(path)),
            (Lang::En, Error::ScannedPdf { path, pages }) => format!(
                "{}: the PDF has no text layer: its {pages} page(s) are images, as a scanner makes them; zhengce does not do OCR: run OCR on it first (for example ocrmypdf -l chi_sim) or use a text version",
                shown(path)
            ),
            (Lang::Zh, Error::ScannedPdf { path, pages }) => format!(
                "{}：该 PDF 没有文字层，其 {pages} 页都是扫描图像；zhengce 不做文字识别：请先做 OCR（例如 ocrmypdf -l chi_sim）或使用文字版",
                shown(path)
            ),
            (_, Error::Manifest { path, detail }) => format!("{}{}{detail}", shown(path), self.pick(": ", "：")),
            (_, Error::Io { path, source }) => format!("{}{}{source}", shown(path), self.pick(": ", "：")),
            (Lang::En, Error::NotInCorpus { path }) => {
                format!("{}: --national is not a document of the corpus", shown(path))
            }
            (Lang::Zh, Error::NotInCorpus { path }) => format!("{}：--national 给出的不是文件库中的文件", shown(path)),
            (Lang::En, Error::NoCitedSource { path }) => format!(
                "{}: cites no document of the corpus as its basis or as what it implements; name the sources with --against",
                shown(path)
            ),
            (Lang::Zh, Error::NoCitedSource { path }) => format!(
                "{}：未引用文件库中的任何文件作为制定依据或所实施的文件；请用 --against 指明上位法",
                shown(path)
            ),
            (Lang::En, Error::NotDocx { path }) => format!(
                "{}: the Word redline (--format docx) is made from a Word draft: give the .docx",
                shown(path)
            ),
            (Lang::Zh, Error::NotDocx { path }) => {
                format!("{}：Word 审查批注稿（--format docx）须由 Word 草案生成：请给出 .docx 文件", shown(path))
            }
            (Lang::En, Error::BinaryToTerminal) => {
                "the Word redline is a binary file: give --out FILE.docx, or redirect the output to a file".to_string()
            }
            (Lang::Zh, Error::BinaryToTerminal) => {
                "Word 审查批注稿是二进制文件：请用 --out 文件名.docx 指定输出文件，或将输出重定向到文件".to_string()
            }
            (_, Error::Usage(message)) => message.clone(),
        }
    }

    fn decode(self, problem: &DecodeProblem) -> String {
        match (self, problem) {
            (Lang::En, DecodeProblem::TruncatedUtf8 { at }) => {
                format!("truncated UTF-8: the file ends inside a character at byte {at}")
            }
            (Lang::Zh, DecodeProblem::TruncatedUtf8 { at }) => {
                format!("UTF-8 不完整：文件在第 {at} 字节处的字符中间结束")
            }
            (Lang::En, DecodeProblem::InvalidUtf8 { at }) => format!("invalid UTF-8 at byte {at}"),
            (Lang::Zh, DecodeProblem::InvalidUtf8 { at }) => format!("第 {at} 字节处不是有效的 UTF-8"),
            (Lang::En, DecodeProblem::OddUtf16) => "truncated UTF-16: odd number of bytes".to_string(),
            (Lang::Zh, DecodeProblem::OddUtf16) => "UTF-16 不完整：字节数为奇数".to_string(),
            (Lang::En, DecodeProblem::InvalidUtf16) => "invalid UTF-16".to_string(),
            (Lang::Zh, DecodeProblem::InvalidUtf16) => "不是有效的 UTF-16".to_string(),
            (Lang::En, DecodeProblem::NotUtf8NorGb { at }) => {
                format!("neither UTF-8 (invalid at byte {at}) nor GB18030/GBK")
            }
            (Lang::Zh, DecodeProblem::NotUtf8NorGb { at }) => {
                format!("既不是 UTF-8（第 {at} 字节处无效），也不是 GB18030/GBK")
            }
        }
    }

    fn binary(self, hint: &BinaryHint) -> String {
        match (self, hint) {
            (Lang::En, BinaryHint::ControlBytes) => "mostly control bytes".to_string(),
            (Lang::Zh, BinaryHint::ControlBytes) => "大部分是控制字节".to_string(),
            (Lang::En, BinaryHint::ControlCharacters { control, sample }) => {
                format!("{control} control characters in the first {sample} characters")
            }
            (Lang::Zh, BinaryHint::ControlCharacters { control, sample }) => {
                format!("前 {sample} 个字符中有 {control} 个控制字符")
            }
        }
    }

    /// The warning that a Word draft's tracked changes were read as accepted.
    pub fn tracked_changes(self, path: &Path, insertions: usize, deletions: usize) -> String {
        self.pick(
            format!(
                "{}: warning: {insertions} tracked insertions and {deletions} deletions, read as accepted",
                path.display()
            ),
            format!(
                "{}：警告：有修订痕迹（插入 {insertions} 处、删除 {deletions} 处），已按接受修订读取",
                path.display()
            ),
        )
    }

    /// The line `report` ends with.
    pub fn report_summary(self, s: &crate::report::Summary, out: &Path) -> String {
        self.pick(
            format!(
                "report: {} documents, {} pairs, {} derivation links, {} files written to {} in {:.1} s",
                s.documents,
                s.pairs,
                s.links,
                s.pages,
                out.display(),
                s.seconds
            ),
            format!(
                "报告：文件 {} 件，对照 {} 组，对应条文 {} 处，已写入 {} 个文件到 {}，用时 {:.1} 秒",
                s.documents,
                s.pairs,
                s.links,
                s.pages,
                out.display(),
                s.seconds
            ),
        )
    }

    /// What `batch` says when input lines failed.
    pub fn batch_failed(self, failed: usize, lines: usize) -> String {
        self.pick(
            format!("batch: {failed} of {lines} input lines failed (see their \"error\" records)"),
            format!("batch：{lines} 行输入中有 {failed} 行失败（见其 \"error\" 记录）"),
        )
    }

    /// What `check --format docx` says when it has written the redline.
    pub fn redline_written(self, out: &Path, comments: usize) -> String {
        self.pick(
            format!("check: {comments} comments written to {}", out.display()),
            format!("审查：已将 {comments} 条批注写入 {}", out.display()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(all: &str, messages: &str, lang: &str) -> Lang {
        let set = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Lang::from_locale([set(all), set(messages), set(lang)])
    }

    #[test]
    fn the_locale_decides_in_posix_order() {
        assert_eq!(locale("", "", "zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(locale("", "", "zh_TW.Big5"), Lang::Zh);
        assert_eq!(locale("", "", "zh"), Lang::Zh);
        assert_eq!(locale("", "", "en_US.UTF-8"), Lang::En);
        assert_eq!(locale("", "", "C.UTF-8"), Lang::En);
        assert_eq!(locale("", "", ""), Lang::En);
        assert_eq!(locale("C", "", "zh_CN.UTF-8"), Lang::En, "LC_ALL overrides LANG");
        assert_eq!(locale("", "zh_CN.UTF-8", "en_GB.UTF-8"), Lang::Zh, "LC_MESSAGES overrides LANG");
        assert_eq!(locale("zh_CN.GB18030", "en_US", "en_US"), Lang::Zh);
        assert_eq!(locale("", "", "zhx_ZZ"), Lang::En, "only the language zh");
    }

    #[test]
    fn every_label_is_there_in_both_languages_and_chinese_has_no_english_word() {
        let (en, zh) = (Lang::En.labels().all(), Lang::Zh.labels().all());
        assert_eq!(en.len(), zh.len());
        for (e, z) in en.iter().zip(&zh) {
            assert!(!e.is_empty() && !z.is_empty(), "{e:?} {z:?}");
            let english_word = z.split(|c: char| !c.is_ascii_alphabetic()).any(|w| w.len() > 1);
            assert!(!english_word, "Chinese label with an English word: {z:?} (English {e:?})");
        }
    }

    #[test]
    fn units_read_as_a_drafting_office_names_them() {
        let name = |id: &str| Lang::Zh.unit(&UnitId::parse(id).unwrap());
        assert_eq!(name("art8"), "第八条");
        assert_eq!(name("art92/p1"), "第九十二条第一款");
        assert_eq!(name("art8/p2/i3"), "第八条第二款第（三）项");
        assert_eq!(name("art12-1"), "第十二条之一");
        assert_eq!(name("ch2/sec1"), "第二章第一节");
        assert_eq!(name("att1/s2/i1/n2"), "附件1第二部分第（一）项第2目");
        assert_eq!(Lang::En.unit(&UnitId::parse("art8/p2").unwrap()), "art8/p2");
    }
}
