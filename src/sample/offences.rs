//! Offence categories as the synthetic file writes them, with each one's share of offences
//! and gravity distribution, and the breach offences.

/// An offence category with its share of offences and its gravity distribution.
pub(super) struct Category {
    pub(super) name: &'static str,
    pub(super) weight: u32,
    /// Weights for gravity 1..=8.
    pub(super) gravity: [u32; 8],
}

pub(super) const CATEGORIES: [Category; 15] = [
    Category {
        name: "Violence against the person",
        weight: 260,
        gravity: [0, 15, 32, 20, 18, 10, 5, 0],
    },
    Category {
        name: "Sexual offences",
        weight: 20,
        gravity: [0, 0, 0, 5, 30, 35, 20, 10],
    },
    Category {
        name: "Robbery",
        weight: 65,
        gravity: [0, 0, 0, 0, 30, 60, 10, 0],
    },
    Category {
        name: "Burglary (domestic)",
        weight: 30,
        gravity: [0, 0, 0, 20, 70, 10, 0, 0],
    },
    Category {
        name: "Burglary (non-domestic)",
        weight: 30,
        gravity: [0, 0, 60, 40, 0, 0, 0, 0],
    },
    Category {
        name: "Theft and handling stolen goods",
        weight: 140,
        gravity: [20, 50, 25, 5, 0, 0, 0, 0],
    },
    Category {
        name: "Vehicle theft / unauthorised taking",
        weight: 30,
        gravity: [0, 0, 55, 40, 5, 0, 0, 0],
    },
    Category {
        name: "Fraud and forgery",
        weight: 10,
        gravity: [0, 40, 40, 20, 0, 0, 0, 0],
    },
    Category {
        name: "Criminal damage",
        weight: 100,
        gravity: [5, 55, 30, 10, 0, 0, 0, 0],
    },
    Category {
        name: "Arson",
        weight: 10,
        gravity: [0, 0, 40, 30, 20, 10, 0, 0],
    },
    Category {
        name: "Drugs offences",
        weight: 100,
        gravity: [0, 35, 15, 5, 25, 20, 0, 0],
    },
    Category {
        name: "Public order",
        weight: 90,
        gravity: [5, 45, 35, 15, 0, 0, 0, 0],
    },
    Category {
        name: "Racially aggravated",
        weight: 15,
        gravity: [0, 0, 50, 50, 0, 0, 0, 0],
    },
    Category {
        name: "Motoring offences",
        weight: 60,
        gravity: [30, 25, 25, 15, 5, 0, 0, 0],
    },
    Category {
        name: "Other",
        weight: 40,
        gravity: [15, 40, 30, 15, 0, 0, 0, 0],
    },
];
pub(super) const DEATH_BY_DRIVING: &str = "Death or injury by dangerous driving";
pub(super) const BREACH_ORDER: &str = "Breach of statutory order";
pub(super) const BREACH_BAIL: &str = "Breach of bail";
pub(super) const BREACH_CD: &str = "Breach of conditional discharge";
