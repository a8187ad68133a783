//! Customer ratings of tickets (RAT-1): what a customer answered, what the
//! public page shows of it, and a team's satisfaction.

use crate::ids::{CompanyId, PartnerId, RatingId, TeamId, TicketId, UserId};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The answers a customer may give (RAT-1): 1 unhappy, 3 okay, 5 happy.
pub const RATING_VALUES: [u32; 3] = [1, 3, 5];

/// The lowest rating that counts as satisfied (RAT-1: satisfied = rating ≥ 4).
pub const SATISFIED_FROM: u32 = 4;

/// The word of a rating value, as the desk writes it in notes: `unhappy`,
/// `okay`, `happy` (`None` for a value that is not a rating).
pub fn rating_label(value: u32) -> Option<&'static str> {
    match value {
        1 => Some("unhappy"),
        3 => Some("okay"),
        5 => Some("happy"),
        _ => None,
    }
}

/// RAT-1: the share of satisfied ratings (≥ 4) among `values`, in percent
/// with two decimals, from the exact quotient rounded once (half away from
/// zero); `None` without ratings (no figure is not 0 %).
pub fn satisfaction(values: impl IntoIterator<Item = u32>) -> Option<Decimal> {
    let (mut total, mut satisfied) = (0u64, 0u64);
    for value in values {
        total += 1;
        satisfied += u64::from(value >= SATISFIED_FROM);
    }
    crate::reports::percent(satisfied, total)
}

/// A customer's answer to a rating request of a ticket (RAT-1), as agents
/// and managers list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Rating {
    /// Identifier.
    pub id: RatingId,
    /// The company of the ticket.
    pub company: CompanyId,
    /// The ticket rated.
    pub ticket: TicketId,
    /// The team the ticket was in when the rating was asked for (ratings
    /// are a team's switch): the team whose satisfaction and public page
    /// it counts in.
    pub team: TeamId,
    /// The agent rated: the ticket's assignee when the rating was asked for.
    pub assignee: Option<UserId>,
    /// The customer who was asked and answered.
    pub customer: PartnerId,
    /// 1 (unhappy), 3 (okay) or 5 (happy).
    pub rating: u32,
    /// What the customer wrote, if anything; never on the public page.
    pub feedback: Option<String>,
    /// Shown on the team's public page and counted in its satisfaction;
    /// managers hide a rating by clearing it.
    pub published: bool,
    /// When the rating was asked for (the latest request).
    pub requested_at: DateTime<Utc>,
    /// When the customer last answered.
    pub rated_at: DateTime<Utc>,
}

/// A rating as a team's public page shows it: the value and when, never
/// the customer's feedback nor who gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PublicRating {
    /// 1 (unhappy), 3 (okay) or 5 (happy).
    pub rating: u32,
    /// When the customer answered.
    pub rated_at: DateTime<Utc>,
}

/// A team's satisfaction over a window of time (RAT-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TeamSatisfaction {
    /// The team.
    pub team: TeamId,
    /// The window starts here (inclusive) and ends at the instant asked.
    pub since: DateTime<Utc>,
    /// The published ratings answered in the window.
    pub ratings: u64,
    /// Those of them that are satisfied (rating ≥ 4).
    pub satisfied: u64,
    /// `satisfied / ratings` in percent, two decimals; `None` without
    /// ratings.
    pub satisfaction: Option<Decimal>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rat_1_satisfaction_is_the_share_of_ratings_of_four_or_more_rounded_once() {
        assert_eq!(satisfaction([]), None);
        assert_eq!(satisfaction([5, 3, 1]), Some(Decimal::new(3333, 2)));
        assert_eq!(satisfaction([5, 5, 1]), Some(Decimal::new(6667, 2)));
        assert_eq!(satisfaction([5]), Some(Decimal::new(10000, 2)));
        assert_eq!(
            satisfaction([3, 1]).map(|d| d.to_string()),
            Some("0.00".into())
        );
        // 1/8 = 12.5 %: exact, two decimals.
        assert_eq!(
            satisfaction([5, 1, 1, 1, 1, 1, 1, 1]).map(|d| d.to_string()),
            Some("12.50".into())
        );
    }

    #[test]
    fn rat_1_only_one_three_and_five_are_ratings() {
        let labels: Vec<u32> = (0..=6).filter(|v| rating_label(*v).is_some()).collect();
        assert_eq!(labels, RATING_VALUES);
    }
}
