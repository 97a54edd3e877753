//! Bad usage in one sentence: a `clap` error, which names the flag, said the way the rest of
//! the CLI speaks (the caller prints it on stderr and exits with status 2).

use clap::error::{ContextKind, ContextValue, ErrorKind};

const COMMANDS: [&str; 6] = ["report", "aggregate", "compare", "quality", "sample", "kpi"];

/// One sentence for a usage error; `raw` is the command line (program name first).
pub fn sentence(e: &clap::Error, raw: &[String]) -> String {
    let command = raw
        .get(1)
        .map(String::as_str)
        .filter(|c| COMMANDS.contains(c))
        .map_or_else(|| "yjlens".to_string(), |c| format!("yjlens {c}"));
    let text = |kind| e.get(kind).map(context_text);
    let arg = text(ContextKind::InvalidArg).map(|a| flag(&a).to_string());
    let value = text(ContextKind::InvalidValue);
    match (e.kind(), arg) {
        (ErrorKind::UnknownArgument, Some(a)) if a.starts_with('-') && a.len() > 1 => {
            match text(ContextKind::SuggestedArg) {
                Some(s) => format!(
                    "Unknown option {a} for {command}; did you mean {}?",
                    flag(&s)
                ),
                None => format!("Unknown option {a} for {command}; see {command} --help."),
            }
        }
        (ErrorKind::UnknownArgument, Some(a)) if command == "yjlens sample" => {
            format!("Unexpected argument {a}: {command} reads no file (it writes one on stdout).")
        }
        (ErrorKind::UnknownArgument, Some(a)) => {
            format!("Unexpected argument {a}: {command} takes one file.")
        }
        (ErrorKind::InvalidSubcommand, _) => {
            let c = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("Unknown command {c}; the commands are report, aggregate, compare, quality, sample and kpi.")
        }
        (ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand, _) => {
            "Give a command: report, aggregate, compare, quality, sample or kpi (see yjlens --help)."
                .into()
        }
        (ErrorKind::MissingRequiredArgument, _) => {
            format!("Give {command} an extract file (see {command} --help).")
        }
        (ErrorKind::InvalidValue, Some(a)) if value.as_deref().is_none_or(str::is_empty) => {
            format!("{a} needs a value.")
        }
        (ErrorKind::ValueValidation, Some(a)) => {
            let reason = std::error::Error::source(e)
                .map_or_else(|| "is not valid".to_string(), ToString::to_string);
            let value = value.unwrap_or_default();
            // "expects …" (a whole-number flag) is said of the flag, then the value refused.
            match (reason.starts_with("expects "), value.is_empty()) {
                (true, true) => format!("{a} {reason}."),
                (true, false) => format!("{a} {reason}, not {value}."),
                _ => format!("{a} {value} {reason}."),
            }
        }
        (ErrorKind::ArgumentConflict, Some(a)) => match text(ContextKind::PriorArg) {
            Some(p) if flag(&p) == a => format!("{a} is given more than once."),
            Some(p) => {
                // Named in the order given on the command line.
                let at = |f: &str| {
                    raw.iter().position(|r| {
                        r == f || r.strip_prefix(f).is_some_and(|t| t.starts_with('='))
                    })
                };
                let p = flag(&p).to_string();
                let (first, second) = if at(&a) < at(&p) { (&a, &p) } else { (&p, &a) };
                format!("Give {first} or {second}, not both.")
            }
            None => format!("{a} cannot be used here."),
        },
        (ErrorKind::TooManyValues | ErrorKind::NoEquals, Some(a)) => {
            format!(
                "{a} takes no value, so {} is not accepted.",
                value.unwrap_or_default()
            )
        }
        _ => fallback(e),
    }
}

/// A context value as plain text (the first of a list).
fn context_text(v: &ContextValue) -> String {
    match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(s) => s.first().cloned().unwrap_or_default(),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(s) => s.first().map(ToString::to_string).unwrap_or_default(),
        other => other.to_string(),
    }
}

/// "--suppress <K>" → "--suppress".
fn flag(arg: &str) -> &str {
    arg.split([' ', '=']).next().unwrap_or(arg)
}

/// clap's own first line, as a sentence.
fn fallback(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let line = rendered.lines().next().unwrap_or("bad usage");
    let line = line
        .strip_prefix("error: ")
        .unwrap_or(line)
        .trim_end_matches('.');
    let mut chars = line.chars();
    let first = chars.next().map(|c| c.to_uppercase().to_string());
    format!("{}{}.", first.unwrap_or_default(), chars.as_str())
}
