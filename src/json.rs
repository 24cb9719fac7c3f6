//! The JSON contracts of `spec/json.md`. IDs become strings here, at the edge.

use std::borrow::Borrow;

use serde_json::{json, Value};

use crate::model::{Alignment, ConditionDiff, Constraint, Document, Edit, Resolved, Target, Unit};

/// `zhengce parse FILE --format json`.
pub fn document(doc: &Document) -> Value {
    json!({
        "file": doc.path.display().to_string(),
        "title": doc.front.title,
        "doc_number": doc.front.doc_number,
        "date": doc.front.date,
        "issuer": doc.front.issuer,
        "level": doc.front.level.map(|l| l.as_str()),
        "jurisdiction": doc.front.jurisdiction,
        "script": doc.script.as_str(),
        "encoding": doc.encoding.as_str(),
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
        "label": u.label.filter(|l| !l.is_empty()).map(|l| doc.slice(l)),
        "text": doc.own_text(u),
        "span": [u.span.start, u.span.end],
        "children": u.children.iter().map(|c| unit(doc, c)).collect::<Vec<_>>(),
    });
    if let Some(heading) = u.heading {
        value["heading"] = json!(doc.slice(heading));
    }
    value
}

/// `zhengce cite FILE... --format json`: one entry per document.
pub fn citations(docs: &[Document], resolved: &[Vec<Resolved>]) -> Value {
    let documents: Vec<Value> = docs
        .iter()
        .zip(resolved)
        .map(|(doc, list)| json!({"file": doc.path.display().to_string(), "citations": citation_list(docs, doc, list)}))
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

/// `zhengce align NATIONAL LOCAL --format json`.
pub fn alignment(national: &Document, local: &Document, alignment: &Alignment) -> Value {
    json!({
        "national": national.path.display().to_string(),
        "local": local.path.display().to_string(),
        "links": alignment.links.iter().map(|l| json!({
            "local_unit": l.local.to_string(),
            "national_unit": l.national.to_string(),
            "score": round3(l.score),
            "relation": l.relation.as_str(),
            "coverage": round3(l.coverage),
        })).collect::<Vec<_>>(),
        "dropped": alignment.dropped.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
    })
}

/// Scores with three decimals, so that JSON output is stable and readable.
fn round3(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

/// `zhengce diff NATIONAL LOCAL --format json`.
pub fn condition_diff(national: &Document, local: &Document, diff: &ConditionDiff) -> Value {
    let lists: Vec<Value> = diff
        .lists
        .iter()
        .map(|list| {
            json!({
                "local_list": list.local.to_string(),
                "national_list": list.national.as_ref().map(|n| n.to_string()),
                "items": list.items.iter().map(|item| json!({
                    "local_item": item.local.as_ref().map(|u| u.to_string()),
                    "national_item": item.national.as_ref().map(|u| u.to_string()),
                    "verdict": item.verdict.as_str(),
                    "ops": item.edits.iter().map(edit).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let constraints: Vec<Value> = diff
        .constraints
        .iter()
        .map(|c| {
            let shown = c.local.as_ref().or(c.national.as_ref()).expect("a change has a side");
            let mut value = constraint(shown);
            value["unit"] = json!(c.local.as_ref().map(|l| l.unit.to_string()));
            value["national"] = c.national.as_ref().map_or(Value::Null, constraint);
            value["change"] = json!(c.change.as_str());
            value
        })
        .collect();
    json!({
        "national": national.path.display().to_string(),
        "local": local.path.display().to_string(),
        "lists": lists,
        "constraints": constraints,
    })
}

fn edit(e: &Edit) -> Value {
    match e {
        Edit::Equal(t) => json!({"op": "equal", "text": t}),
        Edit::Insert(t) => json!({"op": "insert", "text": t}),
        Edit::Delete(t) => json!({"op": "delete", "text": t}),
    }
}

fn constraint(c: &Constraint) -> Value {
    json!({
        "unit": c.unit.to_string(),
        "subject": c.subject,
        "comparator": c.comparator.as_str(),
        "value": c.value,
        "value_max": c.upper,
        "unit_of_measure": c.unit_of_measure,
        "modality": c.modal,
        "modality_kind": c.modality.map(|m| m.as_str()),
        "kind": c.kind.as_str(),
        "text": c.text,
        "span": [c.span.start, c.span.end],
    })
}
