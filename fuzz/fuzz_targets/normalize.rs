//! Any text in any assumed script: display text and match key map every character back to a span
//! of the original, in order, and t2s never panics (NUL included).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhengce::model::{Script, Span};
use zhengce::normalize;

fn check(original: &str, mapped: &normalize::Mapped, what: &str) {
    assert_eq!(mapped.text.chars().count(), mapped.origins.len(), "{what}: one origin per character");
    let mut last = 0;
    for span in &mapped.origins {
        assert!(span.start <= span.end && span.end <= original.len(), "{what}: origin {span:?} outside the text");
        assert!(original.is_char_boundary(span.start) && original.is_char_boundary(span.end));
        assert!(span.start >= last || span.end <= last, "{what}: origins out of order");
        last = last.max(span.start);
    }
}

fuzz_target!(|text: &str| {
    let _ = normalize::t2s(text);
    let _ = normalize::detect_script(text);
    let whole = Span::new(0, text.len());
    for script in [Script::Simplified, Script::Traditional, Script::Mixed] {
        let display = normalize::display(text, whole, script);
        check(text, &display, "display");
        check(text, &normalize::key(&display), "key");
        check(text, &normalize::fold_variants(&display), "fold_variants");
    }
    let _ = normalize::text_key(text);
});
