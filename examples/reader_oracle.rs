//! A differential check for reader optimisations: generate many small CSV-ish files from a
//! fixed seed (quotes, doubled quotes, quoted line breaks, mixed CR/LF/CRLF, blank and
//! whitespace-only lines, BOMs, title lines, ragged rows, bad dates, unknown codes,
//! duplicates, non-ASCII and Windows-1252 bytes), read each whole and in random chunks, and
//! print one digest per file. Run before and after a change and `diff` the outputs:
//! `cargo run --release --example reader_oracle [FILES] > out.txt`.

use yjlens_core::extract::{read_extract, Encoding, ExtractReader, ReadError, ReadOptions};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const VALUES: &[&str] = &[
    "C1",
    "C2",
    "C3",
    " C1 ",
    "01/02/2023",
    "03/04/2023",
    "3/4/2023",
    "2023-04-03",
    "2023-04-03T10:00",
    "31/02/2023",
    "29/02/2024",
    "45019",
    "03-Apr-2023",
    "3 April 2023",
    "01/02/23",
    "01.02.2023",
    "Youth Caution",
    "YC",
    "DTO",
    "Referral Order",
    "referral order",
    "NFA",
    "Banana",
    "White British",
    "White: English, Welsh, Scottish, Northern Irish or British",
    "WBRI",
    "BAME",
    "Asian or Asian British: Indian",
    "M",
    "F",
    "Male",
    "x",
    "5",
    "9",
    "5.0",
    "",
    "",
    " ",
    "Y",
    "No",
    "2008-05",
    "14",
    "Robbery",
    "Free text offence",
    "\"a,b\"",
    "\"x\"\"y\"",
    "\"line\nbreak\"",
    "\"cr\rbreak\"",
    "\"crlf\r\nbreak\"",
    "ab\"c",
    " \"q\"",
    "\"q\" ",
    "\"unterminated",
    "café £",
    "\u{feff}C1",
    "SW1A 1AA",
];

const HEADERS: &[&str] = &[
    "child_id",
    "offence_date",
    "outcome_date",
    "outcome",
    "ethnicity",
    "sex",
    "gravity",
    "release_date",
    "end_date",
    "date_of_birth",
    "birth_month",
    "age",
    "looked_after",
    "offence_category",
    "service",
    "postcode",
    "Name",
];

fn file(rng: &mut Rng) -> Vec<u8> {
    let sep = [",", ";", "\t", "|"][rng.below(4)];
    let ends = ["\n", "\r\n", "\r"];
    let main_end = ends[rng.below(3)];
    let mut rng3 = Rng(rng.next() | 1);
    let mut end = || {
        if rng3.below(10) == 0 {
            ends[rng3.below(3)]
        } else {
            main_end
        }
    };
    let mut rng2 = Rng(rng.next() | 1);
    let mut s = String::new();
    if rng2.below(4) == 0 {
        s.push('\u{feff}');
    }
    if rng2.below(3) == 0 {
        s.push_str("Extract of the YJS");
        s.push_str(end());
        if rng2.below(2) == 0 {
            s.push_str(end());
        }
    }
    let mut cols: Vec<&str> = HEADERS[..4].to_vec();
    for h in &HEADERS[4..] {
        if rng2.below(2) == 0 {
            cols.insert(rng2.below(cols.len() + 1), h);
        }
    }
    s.push_str(&cols.join(sep));
    s.push_str(end());
    let rows = rng2.below(40);
    let mut prev = String::new();
    for _ in 0..rows {
        match rng2.below(20) {
            0 => {
                s.push_str(end()); // blank line
                continue;
            }
            1 if !prev.is_empty() => {
                s.push_str(&prev.clone()); // exact duplicate
                continue;
            }
            2 => {
                s.push_str("  \t ");
                s.push_str(end());
                continue;
            }
            _ => {}
        }
        let n = match rng2.below(12) {
            0 => rng2.below(cols.len() + 3),
            _ => cols.len(),
        };
        let mut fields = Vec::new();
        for c in 0..n {
            let h = cols.get(c).copied().unwrap_or("");
            let v = if rng2.below(5) == 0 {
                VALUES[rng2.below(VALUES.len())]
            } else {
                match h {
                    "child_id" => ["C1", "C2", "C3", "C4"][rng2.below(4)],
                    "offence_date" | "date_of_birth" => {
                        ["01/02/2023", "2022-12-01", "5/6/2008", "01/02/2005"][rng2.below(4)]
                    }
                    "outcome_date" | "release_date" | "end_date" => {
                        ["03/04/2023", "2023-04-03", "10/10/2023", ""][rng2.below(4)]
                    }
                    "outcome" => ["Youth Caution", "DTO", "YRO", "Fine", "CR"][rng2.below(5)],
                    "ethnicity" if rng2.below(500) == 0 => "03/25/2023",
                    _ => VALUES[rng2.below(VALUES.len())],
                }
            };
            fields.push(v);
        }
        let mut line = fields.join(sep);
        line.push_str(end());
        s.push_str(&line);
        prev = line;
    }
    let mut bytes = s.into_bytes();
    if rng2.below(15) == 0 && !bytes.is_empty() {
        let at = rng2.below(bytes.len());
        bytes.insert(at, 0xA3); // not UTF-8: read as Windows-1252
    }
    if rng2.below(6) == 0 {
        // A final record without a line end.
        while bytes.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
            bytes.pop();
        }
    }
    bytes
}

fn stream(bytes: &[u8], rng: &mut Rng) -> String {
    let mut options = ReadOptions::default();
    let mut cuts: Vec<usize> = (0..rng.below(8))
        .map(|_| rng.below(bytes.len() + 1))
        .collect();
    cuts.sort_unstable();
    cuts.push(bytes.len());
    loop {
        let mut reader = ExtractReader::new(options.clone());
        reader.size_hint(bytes.len() as u64);
        let mut start = 0;
        let mut r = Ok(());
        for &c in &cuts {
            r = reader.push(&bytes[start..c]);
            start = c;
            if r.is_err() {
                break;
            }
        }
        match r.and_then(|()| reader.finish()) {
            Ok(e) => return format!("{e:?}"),
            Err(ReadError::RestartAsWindows1252) if options.encoding.is_none() => {
                options.encoding = Some(Encoding::Windows1252);
            }
            Err(ReadError::Refused(r)) => return format!("{r:?}"),
            Err(e) => return format!("{e:?}"),
        }
    }
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for i in 0..n {
        let bytes = file(&mut rng);
        let whole = match read_extract(&bytes, &ReadOptions::default()) {
            Ok(e) => format!("{e:?}"),
            Err(r) => format!("{r:?}"),
        };
        let streamed = stream(&bytes, &mut rng);
        // Whole and streamed must agree (the streamed read may differ only by chunking).
        let same = if whole == streamed { "same" } else { "DIFF" };
        if whole != streamed && std::env::var("ORACLE_SHOW").is_ok() {
            eprintln!(
                "file {i}: {:?}\nwhole:    {whole}\nstreamed: {streamed}",
                String::from_utf8_lossy(&bytes)
            );
        }
        let kind = if whole.starts_with("Refusal") {
            "refused"
        } else {
            "read"
        };
        println!("{i} {:016x} {same} {kind}", fnv(&whole));
    }
}
