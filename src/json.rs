//! The JSON contracts of `spec/json.md`. IDs become strings here, at the edge.

use std::borrow::Borrow;

use serde::Serialize;
use serde_json::{json, Value};

use crate::library::Library;
use crate::model::{Alignment, ConditionDiff, Constraint, Document, Edit, Resolved, Target, Unit, UnitId};

/// `zhengce parse FILE --format json`.
pub fn document(doc: &Document) -> Value {
    json!({
        "file": doc.path.display().to_string(),
        "title": doc.front.title,
        "doc_number": doc.front.doc_number,
        "date": doc.front.date,
        "issuer": doc.front.issuer,
        "level": doc.front.level.map(|l| l.as_str()),
        "kind": doc.front.kind.map(|k| k.as_str()),
        "jurisdiction": doc.front.jurisdiction,
        "effective": doc.front.effective,
        "version_of": null,
        "script": doc.script.as_str(),
        "encoding": doc.encoding.as_str(),
        "format": doc.format.as_str(),
        "tracked_changes": doc.tracked_changes.map(|t| json!({"insertions": t.insertions, "deletions": t.deletions})),
        "units": doc.units.iter().map(|u| unit(doc, u)).collect::<Vec<_>>(),
        "boilerplate": doc.boilerplate.iter().map(|b| json!({
            "span": [b.span.start, b.span.end],
            "kind": b.kind.as_str(),
            "text": doc.slice(b.span),
        })).collect::<Vec<_>>(),
        "numbering_issues": doc.numbering_issues.iter().map(|n| json!({
            "unit": n.unit.to_string(), "expected": n.expected, "found": n.found,
        })).collect::<Vec<_>>(),
    })
}

fn unit(doc: &Document, u: &Unit) -> Value {
    let mut value = json!({
        "id": u.id.to_string(),
        "kind": u.kind.as_str(),
        "label": u.label.filter(|l| !l.is_empty()).map(|l| doc.text_of(l)),
        "text": doc.own_text(u),
        "span": [u.span.start, u.span.end],
        "children": u.children.iter().map(|c| unit(doc, c)).collect::<Vec<_>>(),
    });
    if let Some(heading) = u.heading {
        value["heading"] = json!(doc.text_of(heading));
    }
    value
}

/// `zhengce cite FILE... --format json`: one entry per document; a citation of a document held
/// in several versions lists them all (`versions`, oldest first) and resolves to the one in force.
pub fn citations(library: &Library) -> Value {
    let docs = &library.docs;
    let documents: Vec<Value> = docs
        .iter()
        .zip(&library.resolved)
        .map(|(doc, list)| {
            let mut citations = citation_list(docs, doc, list);
            for (value, r) in citations.as_array_mut().into_iter().flatten().zip(list) {
                if let Some(d) = r.document.filter(|_| r.citation.target == Target::Document) {
                    let versions = library.versions.of_doc(d);
                    value["versions"] =
                        json!(versions.iter().map(|&v| docs[v].path.display().to_string()).collect::<Vec<_>>());
                }
            }
            json!({"file": doc.path.display().to_string(), "citations": citations})
        })
        .collect();
    json!({ "documents": documents })
}

/// The resolved citations of `doc`, one of `docs`.
pub fn citation_list<D: Borrow<Document>>(docs: &[D], doc: &Document, list: &[Resolved]) -> Value {
    Value::Array(list.iter().map(|r| citation(docs, doc, r)).collect())
}

fn citation<D: Borrow<Document>>(docs: &[D], doc: &Document, r: &Resolved) -> Value {
    let c = &r.citation;
    let mut value = json!({
        "unit": c.unit.as_ref().map(|u| u.to_string()),
        "span": [c.span.start, c.span.end],
        "text": doc.slice(c.span),
        "doc_number": c.doc_number,
        "title": c.title,
        "alias": c.alias,
        "relation": c.relation.as_str(),
        "resolves_to": r.document.map(|d| docs[d].borrow().path.display().to_string()),
        "confidence": r.confidence,
        "malformed": c.malformed,
        "internal": matches!(c.target, Target::Internal(_)),
    });
    if let Target::Internal(Some(unit)) = &c.target {
        value["target_unit"] = json!(unit.to_string());
    }
    value
}

/// Serialises a displayable value as a JSON string without making the string first.
pub(crate) struct Shown<T>(pub(crate) T);

impl<T: std::fmt::Display> Serialize for Shown<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// A document's path, as JSON shows it.
fn path(doc: &Document) -> Shown<std::path::Display<'_>> {
    Shown(doc.path.display())
}

// The contracts below are written straight from the data, without building a `Value`: fields are
// declared in sorted order, the order in which `serde_json` writes an object's keys.

/// An alignment as `zhengce align NATIONAL LOCAL --format json` prints it.
#[derive(Serialize)]
pub struct AlignmentJson<'a> {
    dropped: Vec<Shown<&'a UnitId>>,
    dropped_confidence: Vec<DroppedJson<'a>>,
    links: Vec<LinkJson<'a>>,
    local: Shown<std::path::Display<'a>>,
    national: Shown<std::path::Display<'a>>,
}

/// How sure it is that a dropped national article is implemented by no local unit.
#[derive(Serialize)]
struct DroppedJson<'a> {
    confidence: f64,
    national_unit: Shown<&'a UnitId>,
}

#[derive(Serialize)]
struct LinkJson<'a> {
    coverage: f64,
    local_unit: Shown<&'a UnitId>,
    national_unit: Shown<&'a UnitId>,
    relation: &'static str,
    score: f64,
}

/// `zhengce align NATIONAL LOCAL --format json`.
pub fn alignment<'a>(national: &'a Document, local: &'a Document, alignment: &'a Alignment) -> AlignmentJson<'a> {
    AlignmentJson {
        dropped: alignment.dropped.iter().map(Shown).collect(),
        dropped_confidence: alignment
            .dropped
            .iter()
            .zip(&alignment.dropped_confidence)
            .map(|(id, &confidence)| DroppedJson { confidence: round3(confidence), national_unit: Shown(id) })
            .collect(),
        links: alignment
            .links
            .iter()
            .map(|l| LinkJson {
                coverage: round3(l.coverage),
                local_unit: Shown(&l.local),
                national_unit: Shown(&l.national),
                relation: l.relation.as_str(),
                score: round3(l.score),
            })
            .collect(),
        local: path(local),
        national: path(national),
    }
}

/// Scores with three decimals, so that JSON output is stable and readable.
fn round3(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

/// `pairs/NATIONAL--LOCAL.json` of the report: a pair's alignment and condition diff.
#[derive(Serialize)]
pub struct PairJson<'a> {
    /// As `zhengce align` writes it.
    pub alignment: AlignmentJson<'a>,
    /// As `zhengce diff` writes it.
    pub diff: ConditionDiffJson<'a>,
}

/// A condition diff as `zhengce diff NATIONAL LOCAL --format json` prints it.
#[derive(Serialize)]
pub struct ConditionDiffJson<'a> {
    constraints: Vec<ChangeJson<'a>>,
    duties: Vec<DutyJson<'a>>,
    lists: Vec<ListJson<'a>>,
    local: Shown<std::path::Display<'a>>,
    national: Shown<std::path::Display<'a>>,
}

/// A national duty weakened or prohibition dropped in the aligned local unit.
#[derive(Serialize)]
struct DutyJson<'a> {
    change: &'static str,
    cue: &'a str,
    local_cue: Option<&'a str>,
    local_text: Option<&'a str>,
    local_unit: Shown<&'a UnitId>,
    national_text: &'a str,
    national_unit: Shown<&'a UnitId>,
}

#[derive(Serialize)]
struct ListJson<'a> {
    items: Vec<ItemJson<'a>>,
    local_list: Shown<&'a UnitId>,
    national_list: Option<Shown<&'a UnitId>>,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    local_item: Option<Shown<&'a UnitId>>,
    national_item: Option<Shown<&'a UnitId>>,
    ops: Vec<EditJson<'a>>,
    verdict: &'static str,
}

#[derive(Serialize)]
struct EditJson<'a> {
    op: &'static str,
    text: &'a str,
}

/// A constraint change: the constraint shown (the local one, else the national one), its local
/// `unit`, the `national` constraint and the `change`.
#[derive(Serialize)]
struct ChangeJson<'a> {
    act: Option<&'a str>,
    change: &'static str,
    comparator: &'static str,
    kind: &'static str,
    modality: Option<&'a str>,
    modality_kind: Option<&'static str>,
    national: Option<ConstraintJson<'a>>,
    party: Option<&'a str>,
    span: [usize; 2],
    subject: &'a str,
    text: &'a str,
    unit: Option<Shown<&'a UnitId>>,
    unit_of_measure: &'a str,
    value: f64,
    value_max: Option<f64>,
}

#[derive(Serialize)]
struct ConstraintJson<'a> {
    act: Option<&'a str>,
    comparator: &'static str,
    kind: &'static str,
    modality: Option<&'a str>,
    modality_kind: Option<&'static str>,
    party: Option<&'a str>,
    span: [usize; 2],
    subject: &'a str,
    text: &'a str,
    unit: Shown<&'a UnitId>,
    unit_of_measure: &'a str,
    value: f64,
    value_max: Option<f64>,
}

/// `zhengce diff NATIONAL LOCAL --format json`.
pub fn condition_diff<'a>(
    national: &'a Document,
    local: &'a Document,
    diff: &'a ConditionDiff,
) -> ConditionDiffJson<'a> {
    let lists = diff
        .lists
        .iter()
        .map(|list| ListJson {
            items: list
                .items
                .iter()
                .map(|item| ItemJson {
                    local_item: item.local.as_ref().map(Shown),
                    national_item: item.national.as_ref().map(Shown),
                    ops: item.edits.iter().map(edit).collect(),
                    verdict: item.verdict.as_str(),
                })
                .collect(),
            local_list: Shown(&list.local),
            national_list: list.national.as_ref().map(Shown),
        })
        .collect();
    let constraints = diff
        .constraints
        .iter()
        .map(|c| {
            let shown = constraint(c.local.as_ref().or(c.national.as_ref()).expect("a change has a side"));
            ChangeJson {
                act: shown.act,
                change: c.change.as_str(),
                comparator: shown.comparator,
                kind: shown.kind,
                modality: shown.modality,
                modality_kind: shown.modality_kind,
                national: c.national.as_ref().map(constraint),
                party: shown.party,
                span: shown.span,
                subject: shown.subject,
                text: shown.text,
                unit: c.local.as_ref().map(|l| Shown(&l.unit)),
                unit_of_measure: shown.unit_of_measure,
                value: shown.value,
                value_max: shown.value_max,
            }
        })
        .collect();
    let duties = diff
        .duties
        .iter()
        .map(|d| DutyJson {
            change: d.change.as_str(),
            cue: &d.cue,
            local_cue: d.local_cue.as_deref(),
            local_text: d.local_text.as_deref(),
            local_unit: Shown(&d.local),
            national_text: &d.national_text,
            national_unit: Shown(&d.national),
        })
        .collect();
    ConditionDiffJson { constraints, duties, lists, local: path(local), national: path(national) }
}

fn edit(e: &Edit) -> EditJson<'_> {
    match e {
        Edit::Equal(text) => EditJson { op: "equal", text },
        Edit::Insert(text) => EditJson { op: "insert", text },
        Edit::Delete(text) => EditJson { op: "delete", text },
    }
}

/// A string that may be empty, as JSON shows it: `null` when empty.
fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

fn constraint(c: &Constraint) -> ConstraintJson<'_> {
    ConstraintJson {
        act: non_empty(&c.act),
        comparator: c.comparator.as_str(),
        kind: c.kind.as_str(),
        modality: c.modal.as_deref(),
        modality_kind: c.modality.map(|m| m.as_str()),
        party: non_empty(&c.party),
        span: [c.span.start, c.span.end],
        subject: &c.subject,
        text: &c.text,
        unit: Shown(&c.unit),
        unit_of_measure: &c.unit_of_measure,
        value: c.value,
        value_max: c.upper,
    }
}

/// `value` as indented JSON and a newline, as the commands print and the report writes it.
pub fn pretty(value: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("the JSON contracts serialise");
    bytes.push(b'\n');
    bytes
}

/// A review as `zhengce check DRAFT --against SOURCE... --format json` prints it.
#[derive(Serialize)]
pub struct CheckJson<'a> {
    draft: Shown<std::path::Display<'a>>,
    findings: Vec<FindingJson<'a>>,
    sources: Vec<Shown<std::path::Display<'a>>>,
    summary: SummaryJson,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    detail: Option<DetailJson<'a>>,
    kind: &'static str,
    message: String,
    severity: &'static str,
    source: Shown<std::path::Display<'a>>,
    source_unit: Option<Shown<&'a UnitId>>,
    span: Option<[usize; 2]>,
    text: &'a str,
    unit: Option<Shown<&'a UnitId>>,
}

#[derive(Serialize)]
struct DetailJson<'a> {
    draft: BoundsJson<'a>,
    source: BoundsJson<'a>,
}

#[derive(Serialize)]
struct BoundsJson<'a> {
    max: Option<f64>,
    min: Option<f64>,
    unit_of_measure: &'a str,
}

#[derive(Serialize)]
struct SummaryJson {
    error: usize,
    info: usize,
    warning: usize,
}

fn bounds(b: &crate::check::Bounds) -> BoundsJson<'_> {
    BoundsJson { max: b.max, min: b.min, unit_of_measure: &b.unit_of_measure }
}

/// `zhengce check DRAFT --against SOURCE... --format json`.
pub fn check<'a>(report: &'a crate::check::Report) -> CheckJson<'a> {
    use crate::check::Severity;
    let findings = report
        .findings
        .iter()
        .map(|f| FindingJson {
            detail: f
                .detail
                .as_ref()
                .map(|(draft, source)| DetailJson { draft: bounds(draft), source: bounds(source) }),
            kind: f.kind.as_str(),
            // JSON is for programs: the same in every language.
            message: f.message(report, crate::i18n::Lang::En),
            severity: f.severity().as_str(),
            source: path(report.sources[f.source]),
            source_unit: f.source_unit.as_ref().map(Shown),
            span: f.span.map(|s| [s.start, s.end]),
            text: &f.text,
            unit: f.unit.as_ref().map(Shown),
        })
        .collect();
    CheckJson {
        draft: path(report.draft),
        findings,
        sources: report.sources.iter().map(|d| path(d)).collect(),
        summary: SummaryJson {
            error: report.count(Severity::Error),
            info: report.count(Severity::Info),
            warning: report.count(Severity::Warning),
        },
    }
}
