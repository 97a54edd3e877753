//! Columns: the canonical fields with their synonyms, header normalisation, the
//! direct-identifier test, title-line skipping with delimiter sniffing, and mapping a header
//! to fields (`input-formats.md` §2).

use super::{MappingProfile, Refusal, RefusalKind};
use crate::catalogue::messages::{self, fill, msg, Lang};

/// The canonical fields of the case-level extract, in the order of the spec's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Field {
    ChildId,
    OffenceDate,
    OutcomeDate,
    Outcome,
    DateOfBirth,
    BirthMonth,
    Age,
    Sex,
    Ethnicity,
    OffenceCategory,
    Gravity,
    ReleaseDate,
    EndDate,
    LookedAfter,
    Service,
}

pub(crate) const FIELDS: [Field; 15] = [
    Field::ChildId,
    Field::OffenceDate,
    Field::OutcomeDate,
    Field::Outcome,
    Field::DateOfBirth,
    Field::BirthMonth,
    Field::Age,
    Field::Sex,
    Field::Ethnicity,
    Field::OffenceCategory,
    Field::Gravity,
    Field::ReleaseDate,
    Field::EndDate,
    Field::LookedAfter,
    Field::Service,
];

impl Field {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Field::ChildId => "child_id",
            Field::OffenceDate => "offence_date",
            Field::OutcomeDate => "outcome_date",
            Field::Outcome => "outcome",
            Field::DateOfBirth => "date_of_birth",
            Field::BirthMonth => "birth_month",
            Field::Age => "age",
            Field::Sex => "sex",
            Field::Ethnicity => "ethnicity",
            Field::OffenceCategory => "offence_category",
            Field::Gravity => "gravity",
            Field::ReleaseDate => "release_date",
            Field::EndDate => "end_date",
            Field::LookedAfter => "looked_after",
            Field::Service => "service",
        }
    }

    pub(crate) fn required(self) -> bool {
        matches!(
            self,
            Field::ChildId | Field::OffenceDate | Field::OutcomeDate | Field::Outcome
        )
    }

    pub(crate) fn is_date(self) -> bool {
        matches!(
            self,
            Field::OffenceDate
                | Field::OutcomeDate
                | Field::DateOfBirth
                | Field::ReleaseDate
                | Field::EndDate
        )
    }

    /// Whether a value of this field may be shown as an example in the quality report: never
    /// the child's id or birth (personal data, used only to link rows and derive age).
    pub(crate) fn example_allowed(self) -> bool {
        !matches!(
            self,
            Field::ChildId | Field::DateOfBirth | Field::BirthMonth
        )
    }

    /// What the field holds, for refusal sentences.
    fn meaning(self) -> &'static str {
        match self {
            Field::ChildId => "the child's pseudonymous id",
            Field::OffenceDate => "the date of the offence",
            Field::OutcomeDate => "the date of the outcome",
            Field::Outcome => "the outcome (caution, sentence, diversion or remand)",
            _ => "",
        }
    }

    /// Synonyms from `input-formats.md` §2 (the canonical name is matched too).
    pub(crate) const fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::ChildId => &[
                "child id",
                "person id",
                "pseudo id",
                "pseudonymised id",
                "pseudonymized id",
                "pseudonym",
                "client id",
                "yj id",
                "young person id",
                "yp id",
                "id",
            ],
            Field::OffenceDate => &[
                "date of offence",
                "offence committed date",
                "offence start date",
                "offence dt",
            ],
            Field::OutcomeDate => &[
                "disposal date",
                "sentence date",
                "outcome start date",
                "date of outcome",
                "caution date",
                "date of disposal",
                "date of sentence",
            ],
            Field::Outcome => &[
                "disposal",
                "disposal type",
                "outcome type",
                "sentence",
                "sentence type",
                "legal outcome",
                "outcome description",
                "disposal description",
            ],
            Field::DateOfBirth => &["dob", "birth date", "d.o.b."],
            Field::BirthMonth => &["month of birth", "yob-mob", "year and month of birth"],
            Field::Age => &["age at outcome", "age at disposal", "age at sentence"],
            Field::Sex => &["gender"],
            Field::Ethnicity => &["ethnic group", "ethnic origin", "ethnicity code"],
            Field::OffenceCategory => &[
                "offence type",
                "offence group",
                "yjb offence category",
                "primary offence type",
            ],
            Field::Gravity => &[
                "gravity score",
                "offence gravity",
                "seriousness score",
                "gravity factor",
            ],
            Field::ReleaseDate => &["custody release date", "date of release", "discharge date"],
            Field::EndDate => &["remand end date", "order end date", "outcome end date"],
            Field::LookedAfter => &[
                "lac",
                "child looked after",
                "cla",
                "care status",
                "looked after child",
                "lac status",
            ],
            Field::Service => &[
                "yjs",
                "yot",
                "youth justice service",
                "team",
                "local authority",
            ],
        }
    }
}

/// Normalise a header: lower case, letters and digits only (so spaces, `_`, `-`, `.` and
/// brackets are ignored).
pub(crate) fn normalise(h: &str) -> String {
    crate::codes::normalise(h)
}

/// The field a normalised header names by the built-in names, if any.
pub(crate) fn builtin_field(n: &str) -> Option<Field> {
    if n.is_empty() {
        return None;
    }
    builtin_names().get(n).copied()
}

/// Every built-in name and synonym, normalised once, to its field (the first field in
/// [`FIELDS`] order wins a name two share): a header of 10,000 columns is looked up in
/// 10,000 steps, not 10,000 × every synonym normalised again.
fn builtin_names() -> &'static std::collections::HashMap<String, Field> {
    static NAMES: std::sync::OnceLock<std::collections::HashMap<String, Field>> =
        std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = std::collections::HashMap::new();
        for f in FIELDS {
            for s in std::iter::once(f.name()).chain(f.synonyms().iter().copied()) {
                names.entry(normalise(s)).or_insert(f);
            }
        }
        names
    })
}

/// Words of a header: split on anything not a letter or digit and on lower→upper case
/// changes ("FirstName" → first, name), lower-cased.
fn words(h: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in h.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            cur.extend(c.to_lowercase());
        } else {
            prev_lower = false;
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Words of a header as the identifier test reads them: [`words`] with a possessive's "s"
/// dropped ("Child's", "Mother’s" → child, mother), a number ending a word dropped ("Addr1",
/// "Address2" → addr, address) and the usual abbreviations and plurals spelled one way:
/// no / num / nr → number, addr / adr → address, tel / telephone / mobile / landline → phone,
/// license → licence, names → name, aliases → alias.
fn identifier_words(h: &str) -> Vec<String> {
    words(h)
        .into_iter()
        .filter(|w| w != "s")
        .map(|w| {
            let stem = w.trim_end_matches(|c: char| c.is_ascii_digit());
            let w = if stem.is_empty() { w.as_str() } else { stem };
            match w {
                "no" | "num" | "nr" | "nos" | "numbers" => "number",
                "addr" | "adr" | "addresses" => "address",
                "tel" | "telephone" | "mobile" | "landline" | "phones" => "phone",
                "license" => "licence",
                "names" => "name",
                "aliases" => "alias",
                "surnames" => "surname",
                "forenames" => "forename",
                w => w,
            }
            .to_string()
        })
        .collect()
}

/// Whether a header names a direct identifier (`input-formats.md` §2, "Identifiers"). Read
/// as whole words ([`identifier_words`]: possessives, brackets, case, separators and the
/// usual abbreviations do not matter), a header is an identifier when it:
///
/// - contains a word that is always one: surname, forename, first/last/full/given/family/
///   middle/nick name written as one word, address, street, phone, email, passport, alias,
///   aka, UPN, ULN, NHS, PNC, CRO, NINO (or national insurance / NI number, e mail);
/// - says "known as" ("Known As", "Also known as");
/// - numbers something of a person: contact, home, work or licence followed by number
///   ("Contact number", "Driving licence number"), a driving licence, pupil, learner, student
///   or candidate followed by number / id / ref ("Unique Pupil Number", "Student ID") — not a
///   count ("Number of home visits"); "Mob" alone or with a number ("YOB-MOB", a birth
///   month, is not one);
/// - names a person: "name" alone, after a person word ("Child's name", "Pupil Name",
///   "Mother's name"), or with only person words around it ("Name (young person)", "Name of
///   child") — but not where it names a thing ("Offence Name", "Court name", "Team Name").
///
/// Postcode columns are only candidates: see [`is_postcode_header`].
pub(crate) fn is_identifier_header(h: &str) -> bool {
    let w = identifier_words(h);
    let has = |x: &str| w.iter().any(|v| v == x);
    let has_any = |xs: &[&str]| w.iter().any(|v| xs.contains(&v.as_str()));
    const ALWAYS: &[&str] = &[
        "surname",
        "forename",
        "firstname",
        "lastname",
        "fullname",
        "givenname",
        "familyname",
        "middlename",
        "nickname",
        "fname",
        "lname",
        "address",
        "street",
        "email",
        "emailaddress",
        "phone",
        "passport",
        "alias",
        "aka",
        "upn",
        "nhs",
        "nhsnumber",
        "nhsno",
        "pnc",
        "pncid",
        "pncnumber",
        "cro",
        "crono",
        "cronumber",
        "uln",
        "nino",
    ];
    if has_any(ALWAYS) {
        return true;
    }
    if has("ni") && has("number") || has("national") && has("insurance") {
        return true;
    }
    if has("e") && has("mail") {
        return true;
    }
    if w.windows(2).any(|p| p[0] == "known" && p[1] == "as") {
        return true;
    }
    // Numbers of a person, the number right after what it numbers: a phone ("Contact
    // number", "Home no"), a licence, a pupil's or learner's number ("Unique Pupil Number",
    // "Student ID") — not a count ("Number of home visits", "Number of pupils").
    let numbered = |what: &[&str], by: &[&str]| {
        w.windows(2)
            .any(|p| what.contains(&p[0].as_str()) && by.contains(&p[1].as_str()))
    };
    if numbered(&["contact", "home", "work", "licence"], &["number"]) {
        return true;
    }
    if has("driving") && has("licence") {
        return true;
    }
    if numbered(
        &["pupil", "learner", "student", "candidate"],
        &["number", "id", "ref", "reference", "identifier"],
    ) {
        return true;
    }
    if has("mob") && w.iter().all(|v| v == "mob" || v == "number") {
        return true;
    }
    // Name words: dropped when alone or qualified by a person ("Child Name", "First Name",
    // "Name of young person", "Name (child)"), kept when qualifying a thing ("Offence Name").
    const PERSON: &[&str] = &[
        "first",
        "last",
        "full",
        "given",
        "family",
        "middle",
        "preferred",
        "maiden",
        "legal",
        "known",
        "nick",
        "birth",
        "sur",
        "fore",
        "child",
        "childs",
        "children",
        "young",
        "person",
        "persons",
        "people",
        "client",
        "clients",
        "yp",
        "pupil",
        "pupils",
        "student",
        "students",
        "learner",
        "learners",
        "parent",
        "parents",
        "mother",
        "father",
        "mum",
        "dad",
        "sibling",
        "brother",
        "sister",
        "carer",
        "carers",
        "guardian",
        "victim",
        "victims",
        "witness",
        "offender",
        "offenders",
        "worker",
        "workers",
        "officer",
        "caseworker",
        "practitioner",
        "staff",
        "alias",
        "other",
        "previous",
    ];
    const LINKS: &[&str] = &["of", "the", "a", "for"];
    for (i, v) in w.iter().enumerate() {
        if v != "name" {
            continue;
        }
        if w.len() == 1 {
            return true;
        }
        if i > 0 && PERSON.contains(&w[i - 1].as_str()) {
            return true;
        }
        // Around it only person words (and "of", "the"): "Name (young person)", "Name of
        // child", "Name - pupil".
        let others: Vec<&str> = w
            .iter()
            .enumerate()
            .filter(|&(j, x)| {
                j != i && !LINKS.contains(&x.as_str()) && !x.bytes().all(|b| b.is_ascii_digit())
            })
            .map(|(_, x)| x.as_str())
            .collect();
        if i == 0 && !others.is_empty() && others.iter().all(|x| PERSON.contains(x)) {
            return true;
        }
        if i == 0 && w.len() == 2 && matches!(w[1].as_str(), "1" | "2" | "first" | "last") {
            return true;
        }
    }
    false
}

/// A postcode column (whole words "postcode" or "post code"): dropped only when its values
/// are full postcodes, decided from the values as they stream.
pub(crate) fn is_postcode_header(h: &str) -> bool {
    let w = words(h);
    w.iter().any(|v| v == "postcode" || v == "zip")
        || w.windows(2).any(|p| p[0] == "post" && p[1] == "code")
}

/// Whether a value is a full UK postcode (outward code + inward code `9AA`).
pub(crate) fn is_full_postcode(v: &[u8]) -> bool {
    let v: Vec<u8> = v.iter().filter(|b| **b != b' ').copied().collect();
    if !(5..=7).contains(&v.len()) {
        return false;
    }
    let (out, inw) = v.split_at(v.len() - 3);
    inw[0].is_ascii_digit()
        && inw[1].is_ascii_alphabetic()
        && inw[2].is_ascii_alphabetic()
        && out[0].is_ascii_alphabetic()
        && out.iter().all(u8::is_ascii_alphanumeric)
        && out.iter().any(u8::is_ascii_digit)
}

/// Split a line on `delim` outside double quotes (for sniffing only; records are parsed
/// with `csv-core`).
pub(crate) fn split_line(line: &str, delim: u8) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if c == delim as char && !quoted {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out
}

pub(crate) const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How many fields of `line` split by `delim` are known column names (built-in names or
/// headers named in the profile).
pub(crate) fn known_columns(line: &str, delim: u8, profile: &MappingProfile) -> usize {
    let mapped: Vec<String> = profile.columns.values().map(|h| normalise(h)).collect();
    let mut seen = Vec::new();
    for f in split_line(line, delim) {
        let n = normalise(&f);
        if n.is_empty() || seen.contains(&n) {
            continue;
        }
        if builtin_field(&n).is_some() || mapped.contains(&n) {
            seen.push(n);
        }
    }
    seen.len()
}

/// The header verdict for one line: the delimiter under which it names at least two known
/// columns (the most, ties in the order `,` `;` TAB `|`).
pub(crate) fn header_delimiter(
    line: &str,
    forced: Option<u8>,
    profile: &MappingProfile,
) -> Option<u8> {
    let candidates: &[u8] = match &forced {
        Some(d) => std::slice::from_ref(d),
        None => &DELIMITERS,
    };
    let mut best = None;
    let mut best_n = 1;
    for &d in candidates {
        let n = known_columns(line, d, profile);
        if n > best_n {
            best_n = n;
            best = Some(d);
        }
    }
    best
}

/// The delimiter giving a line the most fields (ties in the order `,` `;` TAB `|`).
pub(crate) fn most_fields_delimiter(line: &str) -> u8 {
    let mut best = b',';
    let mut best_n = 0;
    for d in DELIMITERS {
        let n = split_line(line, d).len();
        if n > best_n {
            best_n = n;
            best = d;
        }
    }
    best
}

/// Which column each field comes from, after mapping.
#[derive(Clone, Debug, Default)]
pub(crate) struct Mapping {
    /// Per field (indexed as [`FIELDS`]) the column index.
    pub cols: [Option<usize>; 15],
    /// Header names (trimmed), as in the file.
    pub headers: Vec<String>,
    /// Columns dropped as direct identifiers.
    pub identifiers: Vec<usize>,
    /// Postcode columns, dropped if any value is a full postcode.
    pub postcodes: Vec<usize>,
    /// Columns matched to nothing (ignored).
    pub ignored: Vec<usize>,
}

impl Mapping {
    pub(crate) fn col(&self, f: Field) -> Option<usize> {
        self.cols[f as usize]
    }
}

/// What a field holds, in the language of the computation (English: its meaning; another
/// language: the field's words from the message tables).
fn field_meaning(f: Field) -> &'static str {
    match messages::current() {
        Lang::En => f.meaning(),
        _ => msg(&format!("field.{}", f.name())),
    }
}

fn list(headers: &[&String]) -> String {
    headers
        .iter()
        .map(|h| format!("\"{h}\""))
        .collect::<Vec<_>>()
        .join(msg("word.and"))
}

/// Map the header's columns to fields, using the profile's column choices first.
pub(crate) fn map_header(
    headers: Vec<String>,
    profile: &MappingProfile,
) -> Result<Mapping, Refusal> {
    let mut m = Mapping {
        headers,
        ..Mapping::default()
    };
    let norm: Vec<String> = m.headers.iter().map(|h| normalise(h)).collect();
    for (i, h) in m.headers.iter().enumerate() {
        if is_identifier_header(h) {
            m.identifiers.push(i);
        }
    }
    let usable = |i: usize| !m.identifiers.contains(&i) && !norm[i].is_empty();
    // The profile's choices: canonical name (or a synonym) → header.
    let mut claimed: Vec<usize> = Vec::new();
    for (field_name, header) in &profile.columns {
        let Some(f) = builtin_field(&normalise(field_name)) else {
            continue;
        };
        let hn = normalise(header);
        let exact = (0..m.headers.len()).find(|&i| m.headers[i] == header.trim() && usable(i));
        let found = exact.or_else(|| (0..m.headers.len()).find(|&i| norm[i] == hn && usable(i)));
        if let Some(i) = found {
            m.cols[f as usize] = Some(i);
            claimed.push(i);
        }
    }
    let available: Vec<String> = (0..m.headers.len())
        .filter(|&i| usable(i))
        .map(|i| m.headers[i].clone())
        .collect();
    for f in FIELDS {
        if m.cols[f as usize].is_some() {
            continue;
        }
        let matches: Vec<usize> = (0..m.headers.len())
            .filter(|&i| usable(i) && !claimed.contains(&i) && builtin_field(&norm[i]) == Some(f))
            .collect();
        match matches.len() {
            0 if f.required() => {
                return Err(Refusal {
                    kind: RefusalKind::ColumnUnmapped {
                        field: f.name().into(),
                        headers: available,
                    },
                    message: fill(
                        msg("error.extract.column_unmapped"),
                        &[("field", &f.name()), ("meaning", &field_meaning(f))],
                    ),
                })
            }
            0 => {}
            1 => m.cols[f as usize] = Some(matches[0]),
            _ => {
                let names: Vec<&String> = matches.iter().map(|&i| &m.headers[i]).collect();
                return Err(Refusal {
                    kind: RefusalKind::ColumnAmbiguous {
                        field: f.name().into(),
                        headers: names.iter().map(|h| h.to_string()).collect(),
                    },
                    message: fill(
                        msg("error.extract.column_ambiguous"),
                        &[("columns", &list(&names)), ("field", &f.name())],
                    ),
                });
            }
        }
    }
    for (i, n) in norm.iter().enumerate() {
        if m.identifiers.contains(&i) || m.cols.contains(&Some(i)) {
            continue;
        }
        if is_postcode_header(&m.headers[i]) {
            m.postcodes.push(i);
        } else if !n.is_empty() {
            m.ignored.push(i);
        }
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_field_name_or_synonym_is_an_identifier() {
        for f in FIELDS {
            for h in std::iter::once(f.name()).chain(f.synonyms().iter().copied()) {
                assert!(!is_identifier_header(h), "{h}");
            }
        }
    }

    #[test]
    fn identifier_words_read_possessives_numbers_and_abbreviations() {
        assert_eq!(identifier_words("Mother’s Name"), ["mother", "name"]);
        assert_eq!(identifier_words("Addr1"), ["address"]);
        assert_eq!(identifier_words("Tel No."), ["phone", "number"]);
        assert_eq!(identifier_words("Name 1"), ["name", "1"]);
        assert_eq!(
            identifier_words("Driving License Nr"),
            ["driving", "licence", "number"]
        );
    }
}
