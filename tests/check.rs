//! `zhengce check` on real text: planted defects of every kind in drafts made of real national
//! clauses (extracts of ../shared/corpus-extra/lawrefbook in `tests/fixtures/check/`), no
//! finding on a real regulation that stays within its law, the real conflicts of a regulation
//! older than the law it implements, and the legal constraints `diff` compares.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use zhengce::check::{check, Severity};
use zhengce::model::{Change, ConstraintKind, Document};
use zhengce::parse::parse_file;
use zhengce::source::DEFAULT_MAX_FILE_SIZE;

const DIR: &str = "tests/fixtures/check";

fn doc(name: &str) -> Document {
    parse_file(Path::new(&format!("{DIR}/{name}")), DEFAULT_MAX_FILE_SIZE).unwrap()
}

/// The findings of `draft` against `source`: kind, draft unit and source unit.
fn findings(draft: &str, source: &str) -> BTreeSet<(&'static str, String, String)> {
    let (draft, source) = (doc(draft), doc(source));
    let report = check(&draft, &[&source]);
    let shown = |u: &Option<zhengce::UnitId>| u.as_ref().map_or("-".to_string(), |u| u.to_string());
    report.findings.iter().map(|f| (f.kind.as_str(), shown(&f.unit), shown(&f.source_unit))).collect()
}

fn set(rows: &[(&'static str, &str, &str)]) -> BTreeSet<(&'static str, String, String)> {
    rows.iter().map(|(k, u, s)| (*k, u.to_string(), s.to_string())).collect()
}

#[test]
fn planted_penalties_deadlines_duties_and_prohibitions_are_found() {
    // Each article of the draft copies an article of the law and changes it as a careless
    // drafter would; art4-art6 and art13 stay within the law and must give nothing.
    let found = findings("draft-road-traffic.md", "road-traffic-law.md");
    let expected = set(&[
        ("obligation_weakened", "art2", "art51"),       // 应当按规定使用安全带 → 可以
        ("prohibition_dropped", "art3/p1", "art56/p1"), // 禁止在人行道上停放 → 可以
        ("penalty_outside_range", "art7", "art91/p1"),  // 暂扣六个月 → 十二个月
        ("penalty_outside_range", "art8", "art92/p1"),  // 二百元以上五百元以下 → １０００元; 五百元以上 → 一百元以上
        ("penalty_outside_range", "art9", "art94/p2"),  // 五倍以上十倍以下 → 十倍以上二十倍以下
        ("penalty_outside_range", "art10", "art96/p1"), // 十五日以下拘留 → 二十日; 五千元 → 1万元
        ("deadline_longer", "art11/p1", "art108/p1"),   // 十五日内 → 三十日内
        ("deadline_longer", "art12/p1", "art110/p1"),   // 二十四小时内 → 四十八小时内
    ]);
    assert_eq!(found, expected);
    let (draft, source) = (doc("draft-road-traffic.md"), doc("road-traffic-law.md"));
    let report = check(&draft, &[&source]);
    let detention = report.findings.iter().filter(|f| f.unit.as_ref().is_some_and(|u| u.to_string() == "art10"));
    let details: Vec<(Option<f64>, Option<f64>, &str)> = detention
        .filter_map(|f| f.detail.as_ref())
        .map(|(draft, _)| (draft.min, draft.max, draft.unit_of_measure.as_str()))
        .collect();
    assert_eq!(details, [(None, Some(20.0), "日"), (Some(2000.0), Some(10000.0), "元")]);
    assert_eq!(report.count(Severity::Error), 8);
    assert_eq!(report.count(Severity::Warning), 2);
}

#[test]
fn planted_thresholds_ages_lead_times_and_an_uncited_source_are_found() {
    let found = findings("draft-villagers-committee.txt", "villagers-committee-law.md");
    let expected = set(&[
        ("uncited_source", "art2", "-"),                // copies the law, cites nothing
        ("threshold_looser", "art3/p1", "art13/p1"),    // 年满十八周岁 → 十六周岁
        ("prohibition_dropped", "art3/p3", "art13/p3"), // 不得再参加其他地方…选举 → 可以
        ("deadline_longer", "art4/p1", "art14/p1"),     // 选举日的二十日前 → 十日前
        ("deadline_longer", "art4/p2", "art14/p2"),     // 三日内作出处理决定 → 七日内
        ("threshold_looser", "art5", "art16/p1"),       // 五分之一以上 → 十分之一以上
        ("obligation_weakened", "art6", "art20"),       // 应当自…十日内完成工作移交 → 可以
        ("threshold_stricter", "art7/p2", "art26/p2"),  // 三分之二以上 → 四分之三以上
    ]);
    assert_eq!(found, expected);
}

#[test]
fn a_real_regulation_within_its_law_gives_no_finding() {
    assert_eq!(findings("beijing-road-traffic.md", "road-traffic-law.md"), BTreeSet::new());
}

#[test]
fn a_regulation_older_than_the_law_it_implements_falls_below_its_new_minimums() {
    // 北京市实施《种子法》办法 (2018) against the 种子法 as amended in 2021, which raised the fines:
    // the reviewing body would ask for these articles to be amended.
    let found = findings("beijing-seed.md", "seed-law.md");
    let expected = set(&[
        ("penalty_outside_range", "art52", "art80"),
        ("penalty_outside_range", "art55", "art77/p1"),
        ("penalty_outside_range", "art57", "art79"),
        ("penalty_outside_range", "art59", "art84"),
    ]);
    assert_eq!(found, expected);
}

fn diff_of(local: &str, national: &str) -> zhengce::model::ConditionDiff {
    let (national, local) = (doc(national), doc(local));
    let alignment = zhengce::align::align(&national, &local);
    zhengce::diff::diff(&national, &local, &alignment)
}

#[test]
fn local_fines_fall_under_the_national_range_of_the_same_party() {
    let diff = diff_of("beijing-road-traffic.md", "road-traffic-law.md");
    let fines: Vec<(String, f64, &str, String)> = diff
        .constraints
        .iter()
        .filter_map(|c| Some((c.local.as_ref()?, c.national.as_ref()?, c.change)))
        .filter(|(l, _, _)| l.kind == ConstraintKind::Fine)
        .map(|(l, n, change)| (l.unit.to_string(), l.value, change.as_str(), n.unit.to_string()))
        .collect();
    assert!(fines.contains(&("art81".to_string(), 10.0, "within_range", "art89".to_string())), "{fines:?}");
    assert!(fines.contains(&("art88/p1".to_string(), 50.0, "within_range", "art89".to_string())), "{fines:?}");
    assert!(fines.iter().all(|f| f.2 != "outside_range"), "{fines:?}");
    let pedestrians = diff.constraints.iter().find_map(|c| c.local.as_ref().filter(|l| l.unit.to_string() == "art81"));
    assert_eq!(pedestrians.map(|l| (l.party.as_str(), l.act.as_str())), Some(("行人", "行人有下列行为之一的")));
}

#[test]
fn a_repeated_range_is_the_same_and_a_reference_back_is_no_constraint() {
    let diff = diff_of("draft-road-traffic.md", "road-traffic-law.md");
    let change_of = |unit: &str| {
        diff.constraints
            .iter()
            .filter(|c| c.local.as_ref().is_some_and(|l| l.unit.to_string() == unit && l.kind == ConstraintKind::Fine))
            .map(|c| c.change)
            .collect::<Vec<Change>>()
    };
    assert_eq!(change_of("art5"), [Change::Same], "the national range repeated");
    assert_eq!(change_of("art6"), [Change::WithinRange], "一百元 inside 二十元以上二百元以下");
    // 依照《…》第九十条的规定处罚 and 违反本办法规定: no number, no constraint.
    let draft = doc("draft-road-traffic.md");
    let constraints = zhengce::diff::extract_constraints(&draft);
    assert!(constraints.iter().all(|c| c.unit.to_string() != "art13"), "{constraints:?}");
}

#[test]
fn legal_constraints_know_what_they_govern() {
    let law = doc("road-traffic-law.md");
    let constraints = zhengce::diff::extract_constraints(&law);
    let of = |unit: &str, kind: ConstraintKind| {
        constraints.iter().filter(|c| c.unit.to_string() == unit && c.kind == kind).collect::<Vec<_>>()
    };
    let drunk = of("art91/p1", ConstraintKind::Fine);
    assert_eq!(drunk.len(), 2, "a fine for driving after drinking, and one for doing it again");
    assert_eq!(drunk[0].act, "饮酒后驾驶机动车的");
    assert!(drunk[1].act.contains("再次饮酒后驾驶机动车的"), "{}", drunk[1].act);
    let suspension = &of("art91/p1", ConstraintKind::Suspension)[0];
    assert_eq!(
        (suspension.subject.as_str(), suspension.value, suspension.unit_of_measure.as_str()),
        ("机动车驾驶证", 6.0, "个月")
    );
    assert_eq!(of("art91/p1", ConstraintKind::Detention)[0].value, 10.0);
    assert!(!of("art91/p1", ConstraintKind::Revocation).is_empty(), "吊销机动车驾驶证");
    let payment = &of("art108/p1", ConstraintKind::TimeLimit)[0];
    assert_eq!((payment.value, payment.party.as_str()), (15.0, "当事人"));
    let multiple = &of("art94/p2", ConstraintKind::Fine)[0];
    assert_eq!((multiple.subject.as_str(), multiple.value, multiple.upper), ("所收检验费用", 5.0, Some(10.0)));
    let seed = zhengce::diff::extract_constraints(&doc("seed-law.md"));
    let refs: Vec<String> = seed
        .iter()
        .filter(|c| c.unit.to_string() == "art80" && c.kind == ConstraintKind::Fine)
        .flat_map(|c| c.refs.iter().map(|r| r.article.to_string()))
        .collect();
    assert_eq!(refs, ["art8"], "违反本法第八条规定");
}

fn zhengce(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhengce")).args(args).output().expect("run zhengce")
}

#[test]
fn check_json_follows_the_contract() {
    let out = zhengce(&[
        "check",
        &format!("{DIR}/draft-villagers-committee.txt"),
        "--against",
        &format!("{DIR}/villagers-committee-law.md"),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "an error finding exits 1");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"], serde_json::json!({"error": 2, "warning": 4, "info": 2}));
    insta::assert_json_snapshot!("check_villagers", json);
}

#[test]
fn check_text_names_each_finding() {
    let out = zhengce(&[
        "check",
        &format!("{DIR}/draft-road-traffic.md"),
        "--against",
        &format!("{DIR}/road-traffic-law.md"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("check_road_traffic", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn check_html_marks_findings_and_shows_the_source_beside_them() {
    let out = zhengce(&[
        "check",
        &format!("{DIR}/draft-road-traffic.md"),
        "--against",
        &format!("{DIR}/road-traffic-law.md"),
        "--format",
        "html",
    ]);
    let html = String::from_utf8(out.stdout).unwrap();
    let page = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    assert_eq!(page.select(&select("mark.finding.error")).count(), 8);
    assert_eq!(page.select(&select("mark.finding.warning")).count(), 2);
    let beside: Vec<String> =
        page.select(&select("tr#art8 .finding-note blockquote")).map(|q| q.text().collect()).collect();
    assert!(beside.iter().any(|q| q.contains("处二百元以上五百元以下罚款")), "{beside:?}");
}

#[test]
fn a_draft_within_its_law_exits_0_and_bad_input_exits_2() {
    let clean = zhengce(&[
        "check",
        &format!("{DIR}/beijing-road-traffic.md"),
        "--against",
        &format!("{DIR}/road-traffic-law.md"),
    ]);
    assert_eq!(clean.status.code(), Some(0), "{}", String::from_utf8_lossy(&clean.stderr));
    let missing =
        zhengce(&["check", &format!("{DIR}/no-such-draft.md"), "--against", &format!("{DIR}/road-traffic-law.md")]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-draft.md: no such file"));
    let no_sources = zhengce(&["check", &format!("{DIR}/beijing-road-traffic.md")]);
    assert_eq!(no_sources.status.code(), Some(2));
}

#[test]
fn without_against_the_sources_are_the_documents_the_draft_implements() {
    // The draft cites 《中华人民共和国道路交通安全法》 as what it implements; the corpus holds it.
    let out = zhengce(&["check", &format!("{DIR}/draft-road-traffic.md"), "--corpus", DIR, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["sources"], serde_json::json!([format!("{DIR}/road-traffic-law.md")]));
    // A draft that cites nothing in the corpus: a clear error, exit 2.
    let none = zhengce(&["check", &format!("{DIR}/draft-villagers-committee.txt"), "--corpus", DIR]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("--against"));
}
