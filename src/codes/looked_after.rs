//! Looked-after status: Y/N, Yes/No, True/False, 1/0.

/// `Some(Some(b))` a recognised value, `Some(None)` blank, `None` unrecognised.
pub fn parse(value: &str) -> Option<Option<bool>> {
    match super::normalise(value).as_str() {
        "" => Some(None),
        "y" | "yes" | "true" | "1" | "lac" | "cla" => Some(Some(true)),
        "n" | "no" | "false" | "0" => Some(Some(false)),
        _ => None,
    }
}
