use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    };
}

id_type!(
    /// An organisation: a company or a support organisation.
    OrgId
);
id_type!(
    /// A person who signs in.
    UserId
);
id_type!(
    /// One incident of a company (operations.md §3).
    IncidentId
);
id_type!(
    /// One entry of a company's contact list (operations.md §2).
    ContactId
);
id_type!(
    /// One entry of one of a company's registers (devices, applications, …).
    RegisterEntryId
);
id_type!(
    /// One diagnosis (draft or submitted) of one organisation.
    AssessmentId
);
id_type!(
    /// An API token (the id, never the secret).
    TokenId
);
id_type!(
    /// One entry of a company's action list.
    ActionId
);
id_type!(
    /// One row of a company's information-asset register (one asset on one medium).
    RiskAssetId
);
id_type!(
    /// A closed risk analysis: the whole analysis as it stood at that moment.
    RiskSnapshotId
);
