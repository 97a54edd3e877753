//! KPIs 4 and 5 (`kpis.md`): the mental-health and substance-misuse cascades — need screened
//! or identified; of those, an intervention planned or offered; of those, attending. Each
//! step's denominator is the previous step's numerator with the current step recorded.

use super::Test;
use crate::extract::interventions::Statuses;

/// One cascade's three statuses.
#[derive(Clone, Copy, Debug)]
pub struct Cascade {
    pub need: Option<bool>,
    pub offered: Option<bool>,
    pub attended: Option<bool>,
}

impl Cascade {
    pub fn mental_health(s: &Statuses) -> Cascade {
        Cascade {
            need: s.mh_need,
            offered: s.mh_offered,
            attended: s.mh_attended,
        }
    }

    pub fn substance_misuse(s: &Statuses) -> Cascade {
        Cascade {
            need: s.sm_need,
            offered: s.sm_offered,
            attended: s.sm_attended,
        }
    }

    /// Step 1: need = Y / need recorded.
    pub fn need(self) -> Test {
        Test::of(self.need)
    }

    /// Step 2: need Y and offered Y / need Y and offered recorded.
    pub fn offered(self) -> Test {
        if self.need != Some(true) {
            return Test::Out;
        }
        Test::of(self.offered)
    }

    /// Step 3: need, offered and attended Y / need Y, offered Y and attended recorded.
    pub fn attended(self) -> Test {
        if self.need != Some(true) || self.offered != Some(true) {
            return Test::Out;
        }
        Test::of(self.attended)
    }
}
