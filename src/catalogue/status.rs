//! Period types and figure statuses (`measures.md`, "Periods").

use super::ids::id_enum;

id_enum! {
    /// The three period types of `measures.md` ("Periods").
    pub enum PeriodType {
        Quarter = "quarter",
        FinancialYear = "financial_year",
        Rolling12m = "rolling_12m",
    }
}

impl PeriodType {
    /// The order the period control offers them in (the longest view first).
    pub const DISPLAY: [PeriodType; 3] = [
        PeriodType::Rolling12m,
        PeriodType::FinancialYear,
        PeriodType::Quarter,
    ];
}

id_enum! {
    /// `final`, `provisional` (a reoffending cohort still being tracked) or `partial` (a period
    /// containing the extract date).
    pub enum Status {
        Final = "final",
        Provisional = "provisional",
        Partial = "partial",
    }
}
