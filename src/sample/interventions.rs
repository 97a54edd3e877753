//! The synthetic **interventions extract** (`yjlens sample --interventions`): one row per
//! intervention, consistent with the synthetic case-level extract of the same size and seed —
//! the same children (`YJ000001`, …), an intervention for each occasion whose outcome the YJS
//! supervises, starting on its outcome date — and the synthetic board attendance file.
//!
//! Everything is invented and deterministic (the statuses come from a second SplitMix64
//! stream per child, so the case-level extract is unchanged). Durations: prevention and
//! diversion 3 months, out-of-court 4 months, referral order 6–12 months, YRO 12 months,
//! custody to the release date plus a licence as long again; an end after the extract date is
//! left blank (open). Rates, at the end of the intervention: suitable accommodation ~88%,
//! suitable ETE ~68%, SEND ~35% (a learning plan for ~60% of them), mental-health need ~45%
//! (offered ~80%, attending ~70% of those), substance-misuse need ~30% (offered ~80%,
//! attending ~60%), early help ~10%, child in need ~15%, child protection ~5%, looked after as
//! the extract says; out-of-court and prevention completed ~85%. Each status is "not recorded"
//! (blank, or now and then "Not known") on ~3% of rows, and a few rows carry "Unknown".
//! Victims: about two in five interventions have 1–3 victims consenting to contact, about
//! three in five of them engaging.

use std::io::{self, Write};

use super::calendar::{days_from_civil, NONE};
use super::extract::{push_date, push_id, push_text};
use super::generator::{Child, Generator, Row};
use super::rng::{child_seed, Rng};
use super::{SampleSize, SERVICE};

/// The header of the synthetic interventions extract.
pub const INTERVENTIONS_HEADER: &str = "child_id,intervention_type,start_date,end_date,end_reason,setting_at_end,accommodation_suitable,ete_suitable,ete_hours_offered,ete_hours_attended,send_need,learning_plan,mh_need,mh_offered,mh_attended,sm_need,sm_offered,sm_attended,early_help,child_in_need,child_protection,looked_after,victims_consented,victims_engaged,service";

/// The intervention type written for an outcome label of the extract, with its duration in
/// days and whether it is custodial; `None` for outcomes the YJS does not supervise (fines,
/// discharges, remands, …).
fn intervention(label: &str) -> Option<(&'static str, i32)> {
    let n: String = label
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    Some(match n.as_str() {
        "triage" => ("Diversion programme", 91),
        "communityresolution" | "cr" | "outcome22" | "o22" | "oc22" => ("Community resolution", 91),
        "turnaround" => ("Turnaround", 120),
        "youthcaution" | "yc" => ("Youth caution", 122),
        "youthconditionalcaution" | "ycc" => ("Youth conditional caution", 122),
        "referralorder" | "ro" => ("Referral order", 274),
        "reparationorder" => ("Reparation order", 91),
        "youthrehabilitationorder"
        | "yro"
        | "yroiss"
        | "yrowithiss"
        | "yrowithintensivefostering" => ("Youth rehabilitation order", 365),
        "detentionandtrainingorder" | "dto" => ("Detention and training order", 0),
        "section250" | "s250" => ("Section 250 sentence", 0),
        _ => return None,
    })
}

/// A Y/N status drawn with `yes` per mille, not recorded on ~3% of rows.
fn status(rng: &mut Rng, yes: u32) -> &'static str {
    if rng.chance(30) {
        return if rng.chance(200) { "Not known" } else { "" };
    }
    if rng.chance(yes) {
        "Y"
    } else {
        "N"
    }
}

fn push_field(out: &mut Vec<u8>, s: &str) {
    out.push(b',');
    push_text(out, s);
}

/// The interventions of one child, appended to `out`.
fn push_child(out: &mut Vec<u8>, generator: &Generator, child: &Child, rows: &[Row]) {
    let mut rng = Rng::new(child_seed(generator.seed ^ 0x4b50_4953, child.index));
    let mut last_outcome = NONE;
    for row in rows {
        // One intervention per occasion (rows sharing an outcome date), the first row's.
        // A blank outcome date (the extract's data-quality rows) starts no intervention.
        if row.outcome == last_outcome || row.outcome == NONE {
            continue;
        }
        last_outcome = row.outcome;
        let Some((kind, days)) = intervention(row.label) else {
            continue;
        };
        let custodial = days == 0;
        let mut end = if custodial {
            if row.release == NONE {
                NONE
            } else {
                row.release + (row.release - row.outcome)
            }
        } else {
            row.outcome + days + rng.below(30) as i32
        };
        if kind == "Referral order" {
            end += rng.below(180) as i32;
        }
        let open = end == NONE || end > generator.extract;
        push_id(out, child.index);
        push_field(out, kind);
        out.push(b',');
        push_date(out, row.outcome);
        out.push(b',');
        if !open {
            push_date(out, end);
        }
        let prevention = matches!(
            kind,
            "Diversion programme" | "Community resolution" | "Turnaround"
        ) || kind.contains("caution");
        let reason = if open || rng.chance(30) {
            ""
        } else if rng.chance(if prevention { 850 } else { 760 }) {
            "Completed"
        } else {
            ["Breached", "Revoked", "Transferred", "Other"][rng.pick(&[45, 25, 20, 10])]
        };
        push_field(out, reason);
        push_field(
            out,
            if open {
                ""
            } else if custodial {
                "Custody release"
            } else {
                "Community"
            },
        );
        if open {
            // Statuses at the end are not known yet.
            for _ in 0..16 {
                out.push(b',');
            }
        } else {
            push_field(out, status(&mut rng, 880));
            let ete = status(&mut rng, 680);
            push_field(out, ete);
            let (offered, attended) = if ete == "Y" {
                let o = 15 + rng.below(11);
                (o.to_string(), (o - rng.below(6)).to_string())
            } else {
                (String::new(), String::new())
            };
            push_field(out, &offered);
            push_field(out, &attended);
            let send = status(&mut rng, 350);
            push_field(out, send);
            push_field(
                out,
                if send == "Y" {
                    status(&mut rng, 600)
                } else {
                    ""
                },
            );
            for (need, offer, attend) in [(450, 800, 700), (300, 800, 600)] {
                let n = status(&mut rng, need);
                push_field(out, n);
                let o = if n == "Y" {
                    status(&mut rng, offer)
                } else {
                    ""
                };
                push_field(out, o);
                push_field(
                    out,
                    if o == "Y" {
                        status(&mut rng, attend)
                    } else {
                        ""
                    },
                );
            }
            push_field(out, status(&mut rng, 100));
            push_field(out, status(&mut rng, 150));
            push_field(out, status(&mut rng, 50));
            push_field(
                out,
                match row.looked_after {
                    Some(true) => "Y",
                    Some(false) => "N",
                    None => {
                        if rng.chance(100) {
                            "Unknown"
                        } else {
                            ""
                        }
                    }
                },
            );
        }
        if !open && rng.chance(400) {
            let consented = 1 + rng.below(3);
            let engaged = (0..consented).filter(|_| rng.chance(600)).count();
            push_field(out, &consented.to_string());
            push_field(out, &engaged.to_string());
        } else if !open && rng.chance(950) {
            push_field(out, "0");
            push_field(out, "0");
        } else {
            out.push(b',');
            out.push(b',');
        }
        push_field(out, SERVICE);
        out.push(b'\n');
    }
}

/// Stream the synthetic interventions extract of the sample of this size and seed.
pub fn write_interventions(out: &mut impl Write, size: SampleSize, seed: u64) -> io::Result<()> {
    let generator = Generator::new(seed);
    let mut buf = Vec::with_capacity(1 << 17);
    buf.extend_from_slice(INTERVENTIONS_HEADER.as_bytes());
    buf.push(b'\n');
    generator.run(size, |child, rows| {
        push_child(&mut buf, &generator, child, rows);
        if buf.len() >= 1 << 16 {
            out.write_all(&buf)?;
            buf.clear();
        }
        Ok(())
    })?;
    out.write_all(&buf)
}

/// The synthetic interventions extract as a string.
pub fn interventions_csv(size: SampleSize, seed: u64) -> String {
    let mut out = Vec::new();
    write_interventions(&mut out, size, seed).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the generator writes UTF-8 only")
}

/// The synthetic board attendance file: a management board every quarter of the sample's
/// six years, seven expected senior partners, each attending ~80% of meetings, a few
/// attendances not recorded.
pub fn board_csv(seed: u64) -> String {
    const PARTNERS: [(&str, u32); 7] = [
        ("Children's social care", 900),
        ("Education", 780),
        ("Health", 700),
        ("Police", 850),
        ("Probation", 820),
        ("Community safety", 650),
        ("Housing", 600),
    ];
    let mut rng = Rng::new(child_seed(seed ^ 0x424f_4152, 0));
    let mut out = b"meeting_date,partner,attended\n".to_vec();
    for year in 2019..=2025 {
        for month in [1, 4, 7, 10] {
            let day = days_from_civil(year, month, 10 + rng.below(10));
            let first = days_from_civil(2019, 10, 1);
            let last = days_from_civil(
                super::EXTRACT_DATE.0,
                super::EXTRACT_DATE.1,
                super::EXTRACT_DATE.2,
            );
            if day < first || day > last {
                continue;
            }
            for (partner, rate) in PARTNERS {
                push_date(&mut out, day);
                push_field(&mut out, partner);
                push_field(
                    &mut out,
                    if rng.chance(30) {
                        ""
                    } else if rng.chance(rate) {
                        "Y"
                    } else {
                        "N"
                    },
                );
                out.push(b'\n');
            }
        }
    }
    String::from_utf8(out).expect("the generator writes UTF-8 only")
}
