//! An agent's time off.

use crate::ids::{LeaveId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A period a user does not work (CAL-1 resource calendar, ASG-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Leave {
    /// Identifier.
    pub id: LeaveId,
    /// Who is away.
    pub user: UserId,
    /// First instant away.
    pub from: DateTime<Utc>,
    /// First instant back.
    pub to: DateTime<Utc>,
    /// Why (e.g. "Holidays").
    pub reason: String,
}
