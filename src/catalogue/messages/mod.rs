//! Every user-facing sentence and label the core produces, in one message table per language,
//! keyed by id: English (`en.rs`) and Welsh (`cy.rs`). A language is one more table (a file
//! beside `en.rs`, a variant of [`Lang`] and its arm in [`table`]), which the tests hold to the
//! same ids as English, none empty.
//!
//! The core writes its sentences (the report's notes, each figure's definition, period labels,
//! refusals) in the language of the computation: [`in_language`] sets it for the duration of a
//! call on this thread and [`msg`] reads the table of that language (English when none is set:
//! the CLI and the tests).
//!
//! Ids are dotted: `measure.fte_rate` (a measure's label), `stage.custody.base` (a stage's
//! phrase as a base), `note.rows_after_extract_date` (a sentence of the report's notes). A
//! sentence with values has `{name}` placeholders, filled by [`fill`].
//!
//! The Welsh table is compiled in with the `cy-text` feature (a default one). The browser's
//! modules are built without it (issue 15: the bytes an English page fetches): a Welsh page
//! gives them the table at run time through [`give`]; until then Welsh reads as English.

#[cfg(feature = "cy-text")]
mod cy;
mod en;

use std::cell::Cell;
#[cfg(not(feature = "cy-text"))]
use std::sync::OnceLock;

use super::ids::id_enum;

id_enum! {
    /// A language of the message tables.
    pub enum Lang {
        En = "en",
        Cy = "cy",
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language of the computation running on this thread (English unless [`in_language`]
/// set another).
pub fn current() -> Lang {
    CURRENT.with(Cell::get)
}

/// Run `f` with the core's sentences in `lang`; the language before is restored after.
pub fn in_language<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    struct Restore(Lang);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(CURRENT.with(|c| c.replace(lang)));
    f()
}

/// Write the core's sentences in `lang` on this thread from now on (the browser's worker, whose
/// one session follows the element's `lang`); [`in_language`] is the scoped form.
pub fn set_language(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// Text of message `id` in the language of the computation ([`current`]).
pub fn msg(id: &str) -> &'static str {
    text(current(), id)
}

/// The message table of a language: (id, text) pairs. Without `cy-text`, Welsh is the table
/// [`give`] was given (none before).
pub fn table(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::En => en::MESSAGES,
        #[cfg(feature = "cy-text")]
        Lang::Cy => cy::MESSAGES,
        #[cfg(not(feature = "cy-text"))]
        Lang::Cy => GIVEN_CY.get().copied().unwrap_or(&[]),
    }
}

/// The Welsh table given at run time (built without `cy-text`).
#[cfg(not(feature = "cy-text"))]
static GIVEN_CY: OnceLock<&'static [(&'static str, &'static str)]> = OnceLock::new();

/// Give the table of `lang` at run time, as (id, text) pairs (the browser's modules, built
/// without `cy-text`: a Welsh page's worker and drawing instance, from `messages/core-cy.js`).
/// Kept for the instance's life; true when taken, false when the language has its table
/// already (compiled in, given before, or English).
pub fn give(lang: Lang, entries: Vec<(String, String)>) -> bool {
    #[cfg(not(feature = "cy-text"))]
    if lang == Lang::Cy && GIVEN_CY.get().is_none() {
        let leaked: Vec<(&'static str, &'static str)> = entries
            .into_iter()
            .map(|(id, text)| {
                let id: &'static str = Box::leak(id.into_boxed_str());
                let text: &'static str = Box::leak(text.into_boxed_str());
                (id, text)
            })
            .collect();
        return GIVEN_CY.set(Box::leak(leaked.into_boxed_slice())).is_ok();
    }
    let _ = (lang, entries);
    false
}

/// The command line's own messages of a language (`cli.*`), when the `cli-text` feature links
/// them; none in the browser's wasm.
pub fn cli_table(lang: Lang) -> &'static [(&'static str, &'static str)] {
    #[cfg(feature = "cli-text")]
    {
        match lang {
            Lang::En => en::CLI,
            Lang::Cy => cy::CLI,
        }
    }
    #[cfg(not(feature = "cli-text"))]
    {
        let _ = lang;
        &[]
    }
}

/// The spreadsheet module's messages of a language (`sheets.*`, `error.sheets.*`), when the
/// `sheets-text` feature links them; none in the main wasm.
pub fn sheets_table(lang: Lang) -> &'static [(&'static str, &'static str)] {
    #[cfg(feature = "sheets-text")]
    {
        match lang {
            Lang::En => en::SHEETS,
            Lang::Cy => cy::SHEETS,
        }
    }
    #[cfg(not(feature = "sheets-text"))]
    {
        let _ = lang;
        &[]
    }
}

/// Every message of a language: its table, then the spreadsheet module's and the command
/// line's (when linked).
fn entries(lang: Lang) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    table(lang)
        .iter()
        .chain(sheets_table(lang))
        .chain(cli_table(lang))
}

/// The text of message `id` in `lang`, when the table has it. (A linear search: the tables are
/// a few hundred entries, and the measures look up each sentence once per computation.)
#[inline(never)]
pub fn get(lang: Lang, id: &str) -> Option<&'static str> {
    entries(lang).find(|(k, _)| *k == id).map(|(_, t)| *t)
}

/// The text of message `id` in `lang`; a message missing from a table falls back to English,
/// and one missing from English is empty (the tests make sure none is: never a crash).
pub fn text(lang: Lang, id: &str) -> &'static str {
    get(lang, id).or_else(|| get(Lang::En, id)).unwrap_or("")
}

/// The text of the message whose id is `parts` joined by dots (`["measure", "fte_rate"]` is
/// `measure.fte_rate`), without building the id; empty when no table has it.
#[inline(never)]
pub fn of(lang: Lang, parts: &[&str]) -> &'static str {
    let is = |k: &str| {
        let mut rest = k;
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                match rest.strip_prefix('.') {
                    Some(r) => rest = r,
                    None => return false,
                }
            }
            match rest.strip_prefix(p) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        rest.is_empty()
    };
    let find = |l: Lang| entries(l).find(|(k, _)| is(k)).map(|(_, t)| *t);
    find(lang).or_else(|| find(Lang::En)).unwrap_or("")
}

/// A language's whole table as a map (id → text), serialised as its entries come.
#[derive(Clone, Copy, Debug)]
pub struct Table(pub Lang);

impl serde::Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(table(self.0).iter().copied())
    }
}

/// English text of message `id`, whatever the language of the computation.
pub fn en(id: &str) -> &'static str {
    text(Lang::En, id)
}

/// A template with its `{name}` placeholders filled in. `{name|one|other}` is a word that agrees
/// with a number: `one` when `name` is written "1", else `other` ("{n} {n|child|children}");
/// a language whose nouns do not change after a number (Welsh) need not use it.
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    let value = |name: &str| {
        args.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    };
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let inner = &after[..close];
                let mut parts = inner.splitn(3, '|');
                let name = parts.next().unwrap_or_default();
                match (value(name), parts.next(), parts.next()) {
                    (Some(v), Some(one), Some(other)) => {
                        out.push_str(if v == "1" { one } else { other })
                    }
                    (Some(v), None, _) => {
                        let _ = write!(out, "{v}");
                    }
                    _ => {
                        out.push('{');
                        out.push_str(inner);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A count as a reader sees it in a sentence: digits in threes ("1,964", "69,800"), as in the
/// tables and charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count(pub u64);

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = self.0.to_string();
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                f.write_str(",")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_agrees_with_its_number_and_counts_are_grouped_in_threes() {
        let t = "{n} {n|child|children} of unknown age {n|is|are} included";
        assert_eq!(
            fill(t, &[("n", &Count(1))]),
            "1 child of unknown age is included"
        );
        assert_eq!(
            fill(t, &[("n", &Count(0))]),
            "0 children of unknown age are included"
        );
        // 1,964: the KPI linkage note of the sample, which read "1964 child(ren)".
        assert_eq!(
            fill(t, &[("n", &Count(1964))]),
            "1,964 children of unknown age are included"
        );
        assert_eq!(Count(69_800).to_string(), "69,800");
        assert_eq!(Count(1_000_000).to_string(), "1,000,000");
        assert_eq!(Count(999).to_string(), "999");
        // A placeholder with no value stays as written, choices included.
        assert_eq!(fill("{m|a|b} {x}", &[]), "{m|a|b} {x}");
    }

    /// The browser's modules, built without `cy-text`, speak Welsh once given the table
    /// (`cargo test -p yjlens-core --lib --no-default-features given`); with it compiled in, a
    /// table given is refused and the compiled one stays.
    #[test]
    fn a_welsh_table_given_at_run_time_is_used_once_and_only_without_the_compiled_one() {
        let id = "measure.fte_rate";
        let given = || vec![(id.to_owned(), "Cyfradd a roddwyd".to_owned())];
        assert!(!give(Lang::En, given()), "English is always compiled in");
        if cfg!(feature = "cy-text") {
            let compiled = text(Lang::Cy, id);
            assert!(!give(Lang::Cy, given()));
            assert_eq!(text(Lang::Cy, id), compiled);
        } else {
            // Before: Welsh reads as English (the fallback).
            assert_eq!(text(Lang::Cy, id), en(id));
            assert!(give(Lang::Cy, given()));
            assert_eq!(text(Lang::Cy, id), "Cyfradd a roddwyd");
            assert!(
                !give(Lang::Cy, vec![]),
                "given once for the instance's life"
            );
            assert_eq!(text(Lang::Cy, id), "Cyfradd a roddwyd");
        }
    }

    #[test]
    fn no_english_sentence_says_s_or_ren_in_brackets() {
        for (id, text) in table(Lang::En) {
            assert!(
                !text.contains("(s)") && !text.contains("(ren)"),
                "{id}: {text}"
            );
        }
    }

    #[test]
    fn ids_are_unique_in_every_table() {
        for &lang in Lang::ALL {
            let mut seen = std::collections::HashSet::new();
            for (id, _) in entries(lang) {
                assert!(seen.insert(id), "message {id} twice in the {lang} table");
            }
        }
    }

    #[test]
    fn every_table_has_the_english_ids() {
        for part in [table, sheets_table, cli_table] {
            let en: std::collections::BTreeSet<_> = part(Lang::En).iter().map(|(k, _)| k).collect();
            for &lang in Lang::ALL {
                let other: std::collections::BTreeSet<_> =
                    part(lang).iter().map(|(k, _)| k).collect();
                assert_eq!(en, other, "the {lang} table has other ids than English");
            }
        }
        assert!(
            !cli_table(Lang::Cy).is_empty(),
            "the tests link the CLI's words"
        );
        for &lang in Lang::ALL {
            for (id, text) in entries(lang) {
                assert!(
                    !text.trim().is_empty(),
                    "message {id} is empty in the {lang} table"
                );
            }
        }
    }

    /// Every message id the code spells out (`en("note.tracker")`) is in the English table: a
    /// missing one would print as nothing.
    #[test]
    fn every_message_the_code_names_exists() {
        fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    files(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut all = Vec::new();
        files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut all,
        );
        let kinds = ["definition.", "figure.", "note.", "error."];
        let mut named = 0;
        for path in all
            .iter()
            .filter(|p| !p.ends_with("messages/en.rs") && !p.ends_with("messages/cy.rs"))
        {
            let text = std::fs::read_to_string(path).unwrap();
            for literal in text.split('"').skip(1).step_by(2) {
                let is_id = kinds.iter().any(|k| literal.starts_with(k))
                    && literal.len() > 4
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._".contains(c));
                if is_id && !literal.ends_with('.') {
                    named += 1;
                    assert!(
                        get(Lang::En, literal).is_some(),
                        "{}: message {literal} is not in the English table",
                        path.display()
                    );
                }
            }
        }
        assert!(named > 40, "the scan found the ids ({named})");
        // Ids made from the catalogue: every measure has its definition, every stage its words.
        for m in crate::catalogue::Measure::ALL {
            assert!(
                get(Lang::En, &format!("definition.{m}")).is_some(),
                "definition.{m}"
            );
        }
        for s in crate::catalogue::Stage::ALL {
            assert!(
                get(Lang::En, &format!("stage.{s}.who")).is_some(),
                "stage.{s}.who"
            );
        }
    }

    #[test]
    fn a_message_is_found_by_its_parts() {
        assert_eq!(
            of(Lang::En, &["stage", "court", "base"]),
            text(Lang::En, "stage.court.base")
        );
        assert_eq!(of(Lang::En, &["stage", "court"]), "Court");
        assert_eq!(of(Lang::En, &["stage", "nowhere"]), "");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill(
                "{n} row(s) after {date}.",
                &[("n", &3), ("date", &"2025-09-30")]
            ),
            "3 row(s) after 2025-09-30."
        );
        assert_eq!(fill("keep {other} and {", &[]), "keep {other} and {");
    }
}
