//! The full definition of every measure id, written once into the report
//! ([`crate::report::Report::definitions`]). Each figure carries a short definition with what
//! is particular to it (period pooling, history, population year, open episodes).

use std::collections::BTreeMap;

use crate::report::{CohortMethod, Settings};

const TRACKER: &str = "Local tracker computed from case data, following the MoJ proven reoffending measure as applied to children (3-month cohorts): it will not equal the published MoJ figures (which come from the Police National Computer), and offences committed after 18 are usually missing from a YJS extract, so cohorts of 17-year-olds are understated. Cohort: children aged 10-17 at an index event in the quarter - a non-custodial substantive occasion (pre-court, first tier, community; index date = outcome date) or release from a custodial occasion (index date = release date) - each child once per quarter at their first index event (ties: the most severe outcome, then first in file). Reoffence: a row of the same child with a substantive outcome whose offence date is strictly after the index date and no later than index + 12 months, and whose outcome date is no later than index + 18 months; diversion outcomes and remands are not reoffences.";

/// Full definitions by measure id, reflecting the settings used.
pub fn all(settings: &Settings) -> BTreeMap<String, String> {
    let breaches = if settings.exclude_breaches {
        "Local choice, on: offences whose category is a breach (Breach ...) are not counted as reoffences."
    } else {
        "The local choice to exclude breaches is off: breach offences are counted as reoffences."
    };
    let twelve = match settings.cohort_method {
        CohortMethod::Pooled => "12-month figures (financial year, rolling 12 months) pool the four quarterly cohorts: counts summed (a child can be counted once in each quarter), rates recomputed from the sums, provisional if any quarter is.",
        CohortMethod::Legacy => "Option chosen: 12-month figures use a legacy 12-month cohort - each child once, at their first index event in the 12 months - not the four quarterly cohorts pooled.",
    };
    let reo = |what: &str| {
        format!("{what} {TRACKER} {breaches} {twelve} Status: final when the extract date is on or after the quarter's last day + 18 months, else provisional (tracking incomplete).")
    };
    let pop = "Population: 10-17 population of the year containing the period's start (else the nearest earlier, else the nearest later year, flagged). Rates are not annualised. Without a population file the rate is empty (add population to see rates).";
    let disp = |what: &str| {
        format!("{what} Stages count distinct children aged 10-17 at the qualifying date in the period: throughput (any occasion), substantive, diversion, out_of_court (Youth Caution or Youth Conditional Caution), first_time_entrants, court, custody, remand (to youth detention accommodation, starting in the period), reoffending_cohort and reoffending. Ethnicity is the child's latest known value.")
    };
    let rri_rule = "Interval: exp(ln RRI +/- 1.96 sqrt(1/a - 1/n1 + 1/c - 1/n2)), a and c the counts of the group and the reference group, n1 and n2 their populations (or base-stage counts for stage-to-stage rates written <later>_vs_<base>). Flag over when the lower bound > 1, under when the upper bound < 1, else none; too_few (no interval) when a < 5 or c < 5. Local choice: a standard log-scale interval, not the YJB tool's own (unpublished) significance rule.";
    let fte = "Children whose first substantive occasion (pre-court, first tier, community or custody) in the whole extract falls in the period, aged 10-17 on that date. A first entry is only first within the extract: the history before each period is shown, with a warning when under 24 months.";
    let custody = "Custodial occasions (DTO, Section 250, other long-term detention) with outcome date in the period, child 10-17 on that date.";
    let remand = "Remands to youth detention accommodation starting in the period, child 10-17 at the start.";
    let throughput = "Throughput profile: every occasion (all rows of a child with the same outcome date, outcome = the most severe, category = that of the highest-gravity row) with outcome date in the period, diversion included, all ages (under 10 and 18+ shown as such; age at the outcome date). Children by age and sex are placed by their first occasion in the period; by outcome, category or gravity a child counts once in each group they have an occasion in.";
    let mut m = BTreeMap::new();
    let mut put = |k: &str, v: String| {
        m.insert(k.to_string(), v);
    };
    put("reoffending_cohort", reo("Children in the cohort."));
    put(
        "reoffending_reoffenders",
        reo("Cohort children with at least one reoffence."),
    );
    put(
        "reoffending_reoffences",
        reo("Reoffences by the cohort (each reoffence row counted)."),
    );
    put("reoffending_binary_rate", reo("Binary reoffending rate: reoffenders / cohort x 100, with a Wilson score 95% interval."));
    put("reoffending_frequency_rate", reo("Reoffences per child in the cohort (\"reoffences per offender\"): reoffences / cohort. Not the same as reoffences per reoffender."));
    put("reoffences_per_reoffender", reo("Reoffences per reoffender: reoffences / reoffenders. Not the same as reoffences per child in the cohort."));
    put("reoffending_time_to_first", reo("For each month m = 1..12 (breakdown month), the cumulative % of the cohort whose first reoffence was committed on or before index + m months."));
    put("reoffending_concentration", reo("% of the cohort's reoffences committed by the most prolific 10% of its reoffenders (ceil(0.1 x reoffenders) children, ties broken by child id)."));
    put("reoffending_distribution", reo("Reoffenders by their number of reoffences (breakdown reoffences_band: 1, 2, 3, 4, 5-9, 10+); denominator: all reoffenders."));
    put("fte_count", fte.to_string());
    put(
        "fte_rate",
        format!("First-time entrants per 100,000 aged 10-17. {fte} {pop}"),
    );
    put("custody_sentences", custody.to_string());
    put(
        "custody_children",
        format!("Distinct children among the custodial occasions. {custody}"),
    );
    put("custody_rate", format!("Custodial sentences per 1,000 (or per 100,000 when switched; the unit is printed) aged 10-17. {custody} {pop}"));
    put("custody_share_of_court", "Custodial occasions / court occasions (first tier, community or custody) in the period, children 10-17, x 100, with a Wilson 95% interval.".to_string());
    put("remand_episodes", remand.to_string());
    put(
        "remand_children",
        format!("Distinct children among the remand episodes. {remand}"),
    );
    put("remand_bed_nights", "Nights in the period spent on remand to youth detention accommodation (child 10-17 at the start): each night from the start to the end date - 1 day; an episode with no end date by the extract date runs to the earlier of the period end and the extract date and is flagged in the figure's definition.".to_string());
    put("remand_la_episodes", "Remands to local authority accommodation starting in the period, child 10-17 at the start.".to_string());
    put("remand_outcome_custody", format!("Remand episodes whose child's next occasion after the start is custodial, as % of those with a next occasion, with a Wilson 95% interval. {remand}"));
    put(
        "disp_count",
        disp("Children of the ethnic group at the stage (Unknown included as its own group)."),
    );
    put("disp_share", disp("Children of the group / children of known ethnicity at the stage x 100 (Unknown excluded, reported as disp_unknown_share)."));
    put(
        "disp_unknown_share",
        disp("Children of unknown ethnicity / all children at the stage x 100."),
    );
    put(
        "disp_population_share",
        format!("Population of the group / known-ethnicity population x 100. {pop}"),
    );
    put("disp_gap_pp", disp("Share at the stage minus share of the population, in percentage points (positive: over-represented)."));
    put(
        "disp_rate",
        disp(&format!(
            "Children at the stage per 1,000 of the group's population aged 10-17. {pop}"
        )),
    );
    put("disp_rri", disp(&format!("Relative rate index: rate of the group / rate of the reference group ({}), not written for the reference group. {rri_rule}", settings.reference_group.label())));
    put(
        "throughput_children",
        format!("Distinct children. {throughput}"),
    );
    put("throughput_occasions", format!("Occasions. {throughput}"));
    put(
        "throughput_offences",
        format!("Offences (rows), each with its own outcome, category and gravity. {throughput}"),
    );
    put("serious_violence_count", "Serious violence: offences (rows) with a substantive outcome whose category is drugs, robbery or violence against the person and whose gravity is 5 or more (the YJB definition), child 10-17 at the outcome date.".to_string());
    put(
        "serious_violence_rate",
        format!("Serious violence offences per 100,000 aged 10-17. {pop}"),
    );
    m
}
