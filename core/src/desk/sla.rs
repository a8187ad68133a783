//! SLA policies through the desk (SLA-1 … SLA-8): managed by managers,
//! applied and recomputed inside the unit of work that changes a ticket,
//! read by internal users, never shown to portal users.

use super::records::{load, load_in, Records};
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::ids::{
    CompanyId, PartnerId, SlaPolicyId, StageId, TagId, TeamId, TicketId, TicketTypeId,
};
use crate::model::{
    Partner, Priority, SlaPolicy, SlaState, SlaStatus, Stage, Team, Ticket, User, UserKind, Within,
};
use crate::sla::{self, EvaluatedStatus, SlaFigures, SlaTicket, TeamTime};
use crate::store::{RecordKey, SlaStatusQuery};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Why portal users are refused SLA reads.
const SLA_INTERNAL: &str = "portal users never see SLA internals (VIS-4)";

/// The longest working time a policy may allow, in days counted as 24 h.
const MAX_WITHIN_DAYS: u64 = 3_650;

/// Input of [`Helpdesk::create_sla_policy`] (SLA-1).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewSlaPolicy {
    /// The team.
    pub team: TeamId,
    /// Display name (required).
    pub name: String,
    /// Internal description.
    #[serde(default)]
    pub description: String,
    /// The priority a ticket must have.
    #[serde(default)]
    pub priority: Priority,
    /// Empty, or one of these tags.
    #[serde(default)]
    pub tags: Vec<TagId>,
    /// Empty, or one of these customers (or their parent or a child).
    #[serde(default)]
    pub customers: Vec<PartnerId>,
    /// Empty, or one of these types.
    #[serde(default)]
    pub ticket_types: Vec<TicketTypeId>,
    /// The stage to reach (a stage of the team).
    pub target_stage: StageId,
    /// Stages of the team that stop the clock.
    #[serde(default)]
    pub excluded_stages: Vec<StageId>,
    /// The working time allowed (more than zero).
    pub within: Within,
}

/// Input of [`Helpdesk::update_sla_policy`]: `None` keeps a field. Tickets
/// keep their statuses until they change (SLA-3).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SlaPolicyUpdate {
    /// New name.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// New description.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: Option<String>,
    /// New priority.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub priority: Option<Priority>,
    /// New tag list.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub tags: Option<Vec<TagId>>,
    /// New customer list.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub customers: Option<Vec<PartnerId>>,
    /// New type list.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub ticket_types: Option<Vec<TicketTypeId>>,
    /// New target stage.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub target_stage: Option<StageId>,
    /// New excluded stages.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub excluded_stages: Option<Vec<StageId>>,
    /// New working time allowed.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub within: Option<Within>,
    /// Archive (`false`) or restore (`true`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub active: Option<bool>,
}

/// One SLA status of a ticket as it stands now (SLA-6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SlaStatusView {
    /// The policy.
    pub policy: SlaPolicyId,
    /// Its name.
    pub policy_name: String,
    /// The stage to reach.
    pub target_stage: StageId,
    /// The deadline (`None` while the clock is stopped).
    pub deadline: Option<DateTime<Utc>>,
    /// When the target was reached.
    pub reached_at: Option<DateTime<Utc>>,
    /// Where it stands.
    pub state: SlaState,
    /// Signed working time between the deadline and reached-or-now, in
    /// seconds (positive = late; `None` while the deadline is unknown).
    pub exceeded_seconds: Option<i64>,
}

/// Input of [`Helpdesk::sla_report`] (SLA-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SlaReportQuery {
    /// The company.
    pub company: CompanyId,
    /// Only this team's tickets (required for agents).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub team: Option<TeamId>,
    /// Only this policy's statuses.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub policy: Option<SlaPolicyId>,
    /// Tickets created at or after this instant.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub from: Option<DateTime<Utc>>,
    /// Tickets created before this instant.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub to: Option<DateTime<Utc>>,
}

/// The figures of one policy in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SlaPolicyFigures {
    /// The policy.
    pub policy: SlaPolicyId,
    /// Its name.
    pub name: String,
    /// Its figures.
    pub figures: SlaFigures,
}

/// The SLA report (SLA-8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SlaReport {
    /// Over every status the query selects.
    pub total: SlaFigures,
    /// Per policy, by increasing id.
    pub by_policy: Vec<SlaPolicyFigures>,
}

/// What changed on a ticket, for [`Work::refresh_sla`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SlaChange {
    /// Created, or team, priority, tags, customer or type changed (SLA-3).
    Facts,
    /// Entered a stage (SLA-5).
    Stage,
}

impl Work<'_> {
    /// The working time of a team's calendar.
    /// Where `statuses` stand now, each in its team's working time (SLA-6).
    pub(super) fn evaluate_statuses(
        &mut self,
        statuses: &[SlaStatus],
    ) -> Result<Vec<EvaluatedStatus>> {
        let mut times: BTreeMap<TeamId, Option<std::sync::Arc<crate::calendar::WorkingCalendar>>> =
            BTreeMap::new();
        let mut evaluated = Vec::with_capacity(statuses.len());
        for status in statuses {
            let calendar = match times.get(&status.team) {
                Some(calendar) => calendar.clone(),
                None => {
                    let team: Team = load(self.tx, status.team)?;
                    let calendar = self.team_time(Some(&team))?;
                    times.insert(status.team, calendar.clone());
                    calendar
                }
            };
            let (state, exceeded) = sla::evaluate(
                status.deadline,
                status.reached_at,
                self.now,
                TeamTime(calendar.as_deref()),
            );
            evaluated.push(EvaluatedStatus {
                ticket: status.ticket,
                policy: status.policy,
                state,
                exceeded,
            });
        }
        Ok(evaluated)
    }

    pub(super) fn team_time(
        &mut self,
        team: Option<&Team>,
    ) -> Result<Option<std::sync::Arc<crate::calendar::WorkingCalendar>>> {
        team.and_then(|t| t.settings.calendar)
            .map(|id| self.working_calendar(id))
            .transpose()
    }

    /// The customer, its parent and, among `listed`, its children (SLA-2).
    fn customer_family(
        &mut self,
        customer: Option<PartnerId>,
        listed: &[PartnerId],
    ) -> Result<Vec<PartnerId>> {
        let Some(id) = customer else {
            return Ok(Vec::new());
        };
        let partner: Partner = load(self.tx, id)?;
        let mut family: Vec<PartnerId> = std::iter::once(id).chain(partner.parent).collect();
        for other in listed {
            if load(self.tx, *other)?.parent == Some(id) {
                family.push(*other);
            }
        }
        Ok(family)
    }

    /// SLA-3: on archiving `policy`, the tickets it still holds open drop
    /// its unreached statuses at once (reached ones stay, as history).
    fn drop_open_statuses(&mut self, policy: &SlaPolicy) -> Result<()> {
        let open: BTreeSet<TicketId> = self
            .tx
            .find_sla_statuses(&SlaStatusQuery {
                company: policy.company,
                team: Some(policy.team),
                created_from: None,
                created_to: None,
            })?
            .into_iter()
            .filter(|s| s.policy == policy.id && s.reached_at.is_none())
            .map(|s| s.ticket)
            .collect();
        for id in open {
            let mut ticket = self
                .tx
                .get_ticket(id)?
                .ok_or_else(|| Error::not_found("ticket", id))?;
            let team = ticket.team.map(|t| load(self.tx, t)).transpose()?;
            self.refresh_sla(&mut ticket, team.as_ref(), SlaChange::Stage)?;
            self.tx.put_ticket(&ticket)?;
        }
        Ok(())
    }

    /// Brings a ticket's SLA statuses, deadline and failed flag up to date
    /// after `change`, in this unit of work (SLA-2 … SLA-7).
    pub(super) fn refresh_sla(
        &mut self,
        ticket: &mut Ticket,
        team: Option<&Team>,
        change: SlaChange,
    ) -> Result<()> {
        let mut statuses = self.tx.sla_statuses(ticket.id)?;
        let sla_team = team.filter(|t| t.settings.use_sla && ticket.team == Some(t.id));
        if statuses.is_empty() && sla_team.is_none() {
            return Ok(());
        }
        let stage: Stage = load(self.tx, ticket.stage)?;
        let calendar = self.team_time(team)?;
        let time = TeamTime(calendar.as_deref());
        let mut policies: BTreeMap<SlaPolicyId, (SlaPolicy, i32)> = BTreeMap::new();
        for status in &statuses {
            let policy: SlaPolicy = load(self.tx, status.policy)?;
            let target = load(self.tx, policy.target_stage)?.sequence;
            policies.insert(policy.id, (policy, target));
        }
        // SLA-3: an archived policy no longer applies; what it reached stays.
        statuses.retain(|s| {
            s.reached_at.is_some() || policies.get(&s.policy).is_some_and(|(p, _)| p.active)
        });
        if change == SlaChange::Facts {
            statuses.retain(|s| s.reached_at.is_some());
            if let Some(team) = sla_team {
                let candidates: Vec<SlaPolicy> = self
                    .tx
                    .by_key::<SlaPolicy>(team.company, RecordKey::Team(team.id))?
                    .into_iter()
                    .filter(|p| p.active)
                    .collect();
                let listed: Vec<PartnerId> = candidates
                    .iter()
                    .flat_map(|p| p.customers.iter().copied())
                    .collect();
                let family = self.customer_family(ticket.customer, &listed)?;
                let facts = SlaTicket {
                    priority: ticket.priority,
                    tags: &ticket.tags,
                    customer_family: &family,
                    ticket_type: ticket.ticket_type,
                    stage_sequence: stage.sequence,
                };
                for policy in candidates {
                    let target = load(self.tx, policy.target_stage)?.sequence;
                    if statuses.iter().any(|s| s.policy == policy.id)
                        || !sla::applies(&policy, target, &facts)
                    {
                        continue;
                    }
                    statuses.push(SlaStatus {
                        ticket: ticket.id,
                        policy: policy.id,
                        company: ticket.company,
                        team: team.id,
                        ticket_created_at: ticket.created_at,
                        deadline: None,
                        reached_at: None,
                    });
                    policies.insert(policy.id, (policy, target));
                }
                statuses.sort_by_key(|s| s.policy);
            }
        }
        let history = self.tx.stage_history(ticket.id)?;
        for status in &mut statuses {
            let Some((policy, target)) = policies.get(&status.policy) else {
                continue;
            };
            // A status keeps the deadline it had when it was reached; one
            // going back (SLA-5) is open again and its deadline moves on.
            let was_reached = status.reached_at.is_some();
            status.reached_at = if was_reached {
                sla::reach(status.reached_at, *target, stage.sequence, self.now)
            } else {
                None
            };
            if status.reached_at.is_none() {
                let allowed = time.allowed(policy.within);
                status.deadline = sla::deadline(
                    ticket.created_at,
                    allowed,
                    &history,
                    &policy.excluded_stages,
                    self.now,
                    time,
                )?;
                status.reached_at = sla::reach(None, *target, stage.sequence, self.now);
            }
        }
        summarize_sla(ticket, &statuses);
        self.tx.put_sla_statuses(ticket.id, &statuses)
    }

    /// A policy of a company the viewer works for (internal users).
    fn readable_policy(&mut self, id: SlaPolicyId) -> Result<SlaPolicy> {
        let policy: SlaPolicy = load(self.tx, id)?;
        // VIS-12: a policy follows its team's visibility; VIS-4: SLA
        // internals are not for portal users.
        self.require_company_reader(policy.company, "sla_policy", id.0)?;
        self.readable_team(policy.team)
            .map_err(|_| Error::not_found("sla_policy", id))?;
        Ok(policy)
    }

    /// Checks a policy's references against its team.
    fn check_policy(&mut self, policy: &SlaPolicy) -> Result<()> {
        let team: Team = load(self.tx, policy.team)?;
        for (field, stage) in std::iter::once(("target_stage", &policy.target_stage)).chain(
            policy
                .excluded_stages
                .iter()
                .map(|s| ("excluded_stages", s)),
        ) {
            let stage: Stage = load(self.tx, *stage)?;
            if !stage.teams.contains(&team.id) {
                return Err(Error::invalid(
                    field,
                    format!("stage {} is not a stage of team {}", stage.name, team.name),
                ));
            }
        }
        if policy.excluded_stages.contains(&policy.target_stage) {
            return Err(Error::invalid(
                "excluded_stages",
                "the target stage cannot stop its own clock",
            ));
        }
        for tag in &policy.tags {
            load_in(self.tx, *tag, team.company)?;
        }
        for kind in &policy.ticket_types {
            load_in(self.tx, *kind, team.company)?;
        }
        for partner in &policy.customers {
            load_in(self.tx, *partner, team.company)?;
        }
        let Within {
            days,
            hours,
            minutes,
        } = policy.within;
        if days.is_sign_negative() && !days.is_zero()
            || hours.is_sign_negative() && !hours.is_zero()
        {
            return Err(Error::invalid(
                "within",
                "working days and hours cannot be negative",
            ));
        }
        if days.is_zero() && hours.is_zero() && minutes == 0 {
            return Err(Error::invalid(
                "within",
                "a policy must allow some working time",
            ));
        }
        let too_much = || {
            Error::invalid(
                "within",
                format!("a policy allows at most {MAX_WITHIN_DAYS} days of working time"),
            )
        };
        let max_days = Decimal::from(MAX_WITHIN_DAYS);
        // Compared before any arithmetic, which then cannot overflow.
        if days > max_days || hours > max_days * Decimal::from(24) {
            return Err(too_much());
        }
        // CAL-11: hours exact to the second; a day's fraction is taken of the
        // calendar's day when the deadline is computed (to the nearest second).
        if !(hours * Decimal::from(3600)).fract().is_zero() {
            return Err(Error::invalid(
                "within",
                format!("{hours} hours is not a whole number of seconds"),
            ));
        }
        if days.normalize().scale() > 6 {
            return Err(Error::invalid(
                "within",
                format!("{days} days: at most 6 decimal places"),
            ));
        }
        let total_days =
            days + hours / Decimal::from(24) + Decimal::from(minutes) / Decimal::from(1440);
        if total_days > max_days {
            return Err(too_much());
        }
        Ok(())
    }
}

impl Helpdesk {
    /// Creates an SLA policy for a team (managers). Existing tickets get it
    /// when they next change (SLA-3).
    pub fn create_sla_policy(&self, actor: Actor, input: NewSlaPolicy) -> Result<SlaPolicy> {
        self.write(actor, |w| {
            let team: Team = w.load_own(input.team)?;
            w.require_configure(team.company, "create an SLA policy")?;
            let policy = SlaPolicy {
                id: SlaPolicyId(w.tx.new_id::<SlaPolicy>()?),
                company: team.company,
                team: team.id,
                name: w.required_text("name", &input.name)?,
                description: w.text("description", &input.description)?,
                priority: input.priority,
                tags: input.tags.clone(),
                customers: input.customers.clone(),
                ticket_types: input.ticket_types.clone(),
                target_stage: input.target_stage,
                excluded_stages: input.excluded_stages.clone(),
                within: input.within,
                active: true,
            };
            w.check_policy(&policy)?;
            w.tx.put(&policy)?;
            Ok(policy)
        })
    }

    /// Changes an SLA policy (managers).
    pub fn update_sla_policy(
        &self,
        actor: Actor,
        id: SlaPolicyId,
        update: SlaPolicyUpdate,
    ) -> Result<SlaPolicy> {
        self.write(actor, |w| {
            let mut policy = w.readable_policy(id)?;
            w.require_configure(policy.company, "change an SLA policy")?;
            if let Some(name) = update.name.clone() {
                policy.name = w.required_text("name", &name)?;
            }
            if let Some(description) = update.description.clone() {
                policy.description = w.text("description", &description)?;
            }
            policy.priority = update.priority.unwrap_or(policy.priority);
            policy.tags = update.tags.clone().unwrap_or(policy.tags);
            policy.customers = update.customers.clone().unwrap_or(policy.customers);
            policy.ticket_types = update.ticket_types.clone().unwrap_or(policy.ticket_types);
            policy.target_stage = update.target_stage.unwrap_or(policy.target_stage);
            policy.excluded_stages = update
                .excluded_stages
                .clone()
                .unwrap_or(policy.excluded_stages);
            policy.within = update.within.unwrap_or(policy.within);
            let archived = policy.active && update.active == Some(false);
            policy.active = update.active.unwrap_or(policy.active);
            w.check_policy(&policy)?;
            w.tx.put(&policy)?;
            if archived {
                w.drop_open_statuses(&policy)?;
            }
            Ok(policy)
        })
    }

    /// An SLA policy (internal users of its company).
    pub fn get_sla_policy(&self, actor: Actor, id: SlaPolicyId) -> Result<SlaPolicy> {
        self.read(actor, |w| w.readable_policy(id))
    }

    /// A team's SLA policies, by id (internal users who see the team).
    pub fn list_sla_policies(&self, actor: Actor, team: TeamId) -> Result<Vec<SlaPolicy>> {
        self.read(actor, |w| {
            w.require_internal("list SLA policies", SLA_INTERNAL)?;
            let team = w.readable_team(team)?;
            w.tx.by_key(team.company, RecordKey::Team(team.id))
        })
    }

    /// A ticket's SLA statuses as they stand now (SLA-6; internal users
    /// who see the ticket).
    pub fn ticket_sla_statuses(&self, actor: Actor, id: TicketId) -> Result<Vec<SlaStatusView>> {
        self.read(actor, |w| {
            w.require_internal("read SLA statuses", SLA_INTERNAL)?;
            let (_, team) = w.readable_ticket(id)?;
            let calendar = w.team_time(team.as_ref())?;
            let time = TeamTime(calendar.as_deref());
            let mut views = Vec::new();
            for status in w.tx.sla_statuses(id)? {
                let policy: SlaPolicy = load(w.tx, status.policy)?;
                let (state, exceeded) =
                    sla::evaluate(status.deadline, status.reached_at, w.now, time);
                views.push(SlaStatusView {
                    policy: policy.id,
                    policy_name: policy.name,
                    target_stage: policy.target_stage,
                    deadline: status.deadline,
                    reached_at: status.reached_at,
                    state,
                    exceeded_seconds: exceeded.map(|e| e.num_seconds()),
                });
            }
            Ok(views)
        })
    }

    /// The SLA report per team, policy and period of creation (SLA-8):
    /// managers of the company; agents for a team they are a member of.
    pub fn sla_report(&self, actor: Actor, query: SlaReportQuery) -> Result<SlaReport> {
        self.read(actor, |w| {
            w.load_own(query.company)?;
            // VIS-12: a team's report follows the team's visibility; a team
            // of another company is as unknown as a missing one (VIS-11).
            let team = match query.team {
                Some(id) => {
                    let team = w.readable_team(id)?;
                    if team.company != query.company {
                        return Err(Error::not_found("team", id));
                    }
                    Some(team)
                }
                None => None,
            };
            if let Some(user) = w.user().cloned() {
                let member = |t: &Team| {
                    user.is_agent() && (t.members.is_empty() || t.members.contains(&user.id))
                };
                let allowed = crate::access::can_configure(&user, query.company)
                    || (user.works_for(query.company) && team.as_ref().is_some_and(member));
                if !allowed {
                    return Err(Error::forbidden(
                        "read the SLA report",
                        "managers of the company, or agents for a team they work in",
                    ));
                }
            }
            let statuses = w.tx.find_sla_statuses(&SlaStatusQuery {
                company: query.company,
                team: query.team,
                created_from: query.from,
                created_to: query.to,
            })?;
            let selected: Vec<SlaStatus> = statuses
                .into_iter()
                .filter(|s| query.policy.is_none_or(|p| s.policy == p))
                .collect();
            let evaluated = w.evaluate_statuses(&selected)?;
            let (total, by_policy) = sla::figures(&evaluated);
            let mut lines = Vec::with_capacity(by_policy.len());
            for (policy, figures) in by_policy {
                let name = load(w.tx, policy)?.name;
                lines.push(SlaPolicyFigures {
                    policy,
                    name,
                    figures,
                });
            }
            Ok(SlaReport {
                total,
                by_policy: lines,
            })
        })
    }
}

/// Hides SLA internals from portal users (VIS-4).
pub(super) fn redact_for(viewer: Option<&User>, mut ticket: Ticket) -> Ticket {
    if viewer.is_some_and(|u| u.kind == UserKind::Portal) {
        ticket.sla_deadline = None;
        ticket.sla_reached_late = false;
    }
    ticket
}

/// SLA-7: a ticket's deadline (the earliest among its unreached statuses)
/// and failed flag (a status reached after its deadline), from `statuses`.
pub(super) fn summarize_sla(ticket: &mut Ticket, statuses: &[SlaStatus]) {
    ticket.sla_deadline = statuses
        .iter()
        .filter(|s| s.reached_at.is_none())
        .filter_map(|s| s.deadline)
        .min();
    ticket.sla_reached_late = statuses
        .iter()
        .any(|s| matches!((s.reached_at, s.deadline), (Some(r), Some(d)) if r >= d));
}
