//! Visibility and access rules (VIS-1 … VIS-9), as pure functions of the facts
//! they depend on. The desk calls them inside every operation; the stores only
//! ever see a [`TicketScope`] derived from them.

use crate::ids::{CompanyId, PartnerId, TeamId, UserId};
use crate::model::{Team, Ticket, User, UserKind, Visibility};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Who performs an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Actor {
    /// The host itself: bypasses every access rule. Use it for set-up,
    /// imports and scheduled jobs, never on behalf of a person.
    System,
    /// A user, checked against every rule.
    User(UserId),
}

/// What the visibility of one ticket depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketFacts {
    /// The ticket's company.
    pub company: CompanyId,
    /// The visibility of its team (`None`: no team, treated as `internal`).
    pub team_visibility: Option<Visibility>,
    /// Whether the viewer's partner follows the ticket's team.
    pub follows_team: bool,
    /// Whether the viewer's partner follows the ticket.
    pub follows_ticket: bool,
}

/// VIS-2 … VIS-4: may `user` see a ticket with these facts?
pub fn can_read_ticket(user: &User, facts: &TicketFacts) -> bool {
    if !user.active || !user.works_for(facts.company) {
        return false;
    }
    match user.kind {
        UserKind::Internal => {
            user.is_manager()
                || facts.team_visibility != Some(Visibility::InvitedInternal)
                || facts.follows_team
                || facts.follows_ticket
        }
        UserKind::Portal => {
            facts.team_visibility == Some(Visibility::Portal)
                && (facts.follows_ticket || facts.follows_team)
        }
    }
}

/// VIS-8: may `user` change a ticket with these facts (agents and managers
/// who can see it)?
pub fn can_change_ticket(user: &User, facts: &TicketFacts) -> bool {
    user.is_agent() && can_read_ticket(user, facts)
}

/// VIS-8: only managers configure teams, stages, policies and programs of
/// their companies.
pub fn can_configure(user: &User, company: CompanyId) -> bool {
    user.active && user.is_manager() && user.works_for(company)
}

/// May `user` see `team` (its settings; for portal users, its public form)?
pub fn can_read_team(user: &User, team: &Team, follows_team: bool) -> bool {
    if !user.active || !user.works_for(team.company) {
        return false;
    }
    match user.kind {
        UserKind::Internal => {
            user.is_manager() || team.visibility != Visibility::InvitedInternal || follows_team
        }
        UserKind::Portal => team.visibility == Visibility::Portal,
    }
}

/// VIS-7: the public ticket form requires a `portal` team.
pub fn can_submit_to(user: &User, team: &Team) -> bool {
    user.active
        && user.kind == UserKind::Portal
        && team.active
        && team.visibility == Visibility::Portal
        && user.works_for(team.company)
}

/// The set of tickets a viewer may list, in a form every store can turn into
/// one query. It is derived from [`can_read_ticket`] by [`TicketScope::for_user`],
/// and [`TicketScope::contains`] agrees with it (a property test checks both).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TicketScope {
    /// The companies searched; `None` = every company (the system actor).
    pub companies: Option<Vec<CompanyId>>,
    /// Every ticket of those companies is visible (managers, system).
    pub all: bool,
    /// Every ticket of these teams is visible.
    pub teams: Vec<TeamId>,
    /// Tickets without a team are visible.
    pub teamless: bool,
    /// Tickets followed by this partner are visible …
    pub followed_by: Option<PartnerId>,
    /// … when their team is one of these (`None`: whatever their team).
    pub followed_in: Option<Vec<TeamId>>,
}

impl TicketScope {
    /// Everything (the system actor).
    pub fn everything() -> Self {
        Self {
            all: true,
            ..Self::default()
        }
    }

    /// The scope of `user`, given every team of the user's companies and the
    /// teams the user's partner follows.
    pub fn for_user(user: &User, teams: &[Team], followed_teams: &BTreeSet<TeamId>) -> Self {
        let companies = if user.active {
            user.companies.clone()
        } else {
            Vec::new()
        };
        let mine = |t: &&Team| companies.contains(&t.company);
        match user.kind {
            UserKind::Internal if user.is_manager() => Self {
                companies: Some(companies),
                all: true,
                ..Self::default()
            },
            UserKind::Internal => Self {
                teams: teams
                    .iter()
                    .filter(mine)
                    .filter(|t| {
                        t.visibility != Visibility::InvitedInternal
                            || followed_teams.contains(&t.id)
                    })
                    .map(|t| t.id)
                    .collect(),
                teamless: true,
                followed_by: Some(user.partner),
                followed_in: None,
                all: false,
                companies: Some(companies.clone()),
            },
            UserKind::Portal => {
                let portal: Vec<TeamId> = teams
                    .iter()
                    .filter(mine)
                    .filter(|t| t.visibility == Visibility::Portal)
                    .map(|t| t.id)
                    .collect();
                Self {
                    teams: portal
                        .iter()
                        .copied()
                        .filter(|t| followed_teams.contains(t))
                        .collect(),
                    teamless: false,
                    followed_by: Some(user.partner),
                    followed_in: Some(portal),
                    all: false,
                    companies: Some(companies.clone()),
                }
            }
        }
    }

    /// Whether `ticket` is in the scope; `followers` are the ticket's followers.
    pub fn contains(&self, ticket: &Ticket, followers: &[PartnerId]) -> bool {
        if let Some(companies) = &self.companies {
            if !companies.contains(&ticket.company) {
                return false;
            }
        }
        if self.all {
            return true;
        }
        let by_team = match ticket.team {
            Some(team) => self.teams.contains(&team),
            None => self.teamless,
        };
        let by_follow = match self.followed_by {
            Some(partner) if followers.contains(&partner) => match (&self.followed_in, ticket.team)
            {
                (None, _) => true,
                (Some(teams), Some(team)) => teams.contains(&team),
                (Some(_), None) => false,
            },
            _ => false,
        };
        by_team || by_follow
    }
}
