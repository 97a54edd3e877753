//! The flags of a relative rate index (`disp_rri` rows; every other row has none, written as
//! an empty cell).

use super::ids::id_enum;

id_enum! {
    /// Over- or under-representation as its 95% interval says, or too few to test.
    pub enum Flag {
        /// The interval's lower bound is above 1.
        Over = "over",
        /// The interval's upper bound is below 1.
        Under = "under",
        /// The interval includes 1.
        NoDifference = "none",
        /// A count under 5 on either side: no interval.
        TooFew = "too_few",
        /// A KPI (and its `<id>_not_recorded` count) whose status was not recorded for more
        /// than 10% of the children it counts.
        Recording = "recording",
    }
}
