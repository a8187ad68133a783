//! Working calendars as stored records.

use crate::calendar::CalendarSpec;
use crate::ids::{CalendarId, CompanyId};
use serde::{Deserialize, Serialize};

/// A named working calendar of a company (a team's, or an agent's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Calendar {
    /// Identifier.
    pub id: CalendarId,
    /// The company.
    pub company: CompanyId,
    /// Display name, e.g. `Brussels office hours`.
    pub name: String,
    /// Zone, weekly hours and closures.
    pub spec: CalendarSpec,
}
