//! Closing tickets: idle tickets closed automatically (CLS-1) and
//! customers closing their own (CLS-2).

use super::records::{load, Records};
use super::{Helpdesk, Work};
use crate::access::{Actor, TicketScope};
use crate::ids::{CompanyId, StageId};
use crate::model::{Company, Stage, Team, Ticket};
use crate::store::{RecordKey, SortKey, TicketFilter, TicketSort};
use crate::{Error, Result};
use chrono::{DateTime, Days, Utc};

/// How many idle tickets one store query returns at a time.
const PAGE: usize = 200;

impl Helpdesk {
    /// CLS-1: closes the idle tickets of every team with automatic closing,
    /// as of `at` (default: now; never ahead of the clock). A ticket is idle
    /// when its last activity (a change, a message or a time entry) is
    /// before the start of the local day, in the team calendar's time zone
    /// (UTC without a calendar), the team's number of days before the day
    /// of `at`. Idle open tickets in the team's chosen stages (none chosen:
    /// every open stage) move to its closing stage (set, or else its first
    /// folded stage, else its last stage) with every effect of a move: the
    /// closed instant, SLA statuses reached, the stage's templates in the
    /// outbox, the stage history. Run by the host's scheduler (or a
    /// manager, for their companies) every few minutes or hourly: a second
    /// run at the same instant closes nothing more. Returns the tickets it
    /// closed. Its cost is that of the tickets it closes and an index range
    /// of idle tickets per team, never a walk over every ticket.
    pub fn close_inactive_tickets(
        &self,
        actor: Actor,
        at: Option<DateTime<Utc>>,
    ) -> Result<Vec<Ticket>> {
        self.write(actor, |w| {
            let at = w.scheduled_instant("close inactive tickets", at)?;
            let mut closed = Vec::new();
            for company in w.scheduled_companies()? {
                let teams: Vec<Team> = w.tx.in_company(company)?;
                for team in teams.iter().filter(|t| t.settings.auto_close) {
                    w.close_idle_tickets(team, at, &mut closed)?;
                }
            }
            Ok(closed)
        })
    }

    /// CLS-2: closes a ticket by moving it to its team's closing stage
    /// (see [`Helpdesk::close_inactive_tickets`]) with every effect of a
    /// move. Agents and managers close any ticket they may change; a
    /// customer closes a ticket they may read when its team lets customers
    /// close their tickets, and the ticket is then marked closed by the
    /// customer (a ticket already in the closing stage only gets the mark).
    /// Moving the ticket back to an open stage clears the mark. A ticket
    /// without a team closes to its company's first folded stage.
    pub fn close_ticket(&self, actor: Actor, id: crate::ids::TicketId) -> Result<Ticket> {
        self.write(actor, |w| {
            let customer = w.user().is_some_and(|u| !u.is_agent());
            let (mut ticket, team) = if customer {
                let (ticket, team) = w.readable_ticket(id)?;
                if !team.as_ref().is_some_and(|t| t.settings.customer_can_close) {
                    return Err(Error::forbidden(
                        format!("close ticket {}", ticket.reference),
                        "the ticket's team does not let customers close their tickets (CLS-2)",
                    ));
                }
                (ticket, team)
            } else {
                w.changeable_ticket(id)?
            };
            let stage = match &team {
                Some(team) => w.closing_stage(team)?,
                None => w.company_closing_stage(ticket.company)?,
            };
            if stage.id != ticket.stage {
                w.move_to(&mut ticket, team.as_ref(), &stage)?;
            }
            ticket.closed_by_customer |= customer && stage.folded;
            w.save(&mut ticket)?;
            Ok(ticket)
        })
    }
}

impl Work<'_> {
    /// The instant a scheduled job runs as: `at`, or now; never ahead of
    /// the clock. Only the host and managers run scheduled jobs.
    pub(super) fn scheduled_instant(
        &self,
        job: &str,
        at: Option<DateTime<Utc>>,
    ) -> Result<DateTime<Utc>> {
        if self.user().is_some_and(|u| !u.is_manager()) {
            return Err(Error::forbidden(
                job,
                "the host or managers run scheduled work",
            ));
        }
        let at = at.unwrap_or(self.now);
        if at > self.now {
            return Err(Error::invalid(
                "at",
                "scheduled work runs when it is due, not ahead of the clock",
            ));
        }
        Ok(at)
    }

    /// The companies a scheduled job covers: the manager's, or for the
    /// host every company.
    pub(super) fn scheduled_companies(&mut self) -> Result<Vec<CompanyId>> {
        Ok(match self.user() {
            Some(user) => user.companies.clone(),
            None => self
                .tx
                .shared::<Company>(RecordKey::Directory)?
                .iter()
                .map(|c| c.id)
                .collect(),
        })
    }

    /// The stage closing moves a team's tickets to: the team's closing
    /// stage, or else its first folded stage, else its last stage.
    pub(super) fn closing_stage(&mut self, team: &Team) -> Result<Stage> {
        if let Some(id) = team.settings.closing_stage {
            return load(self.tx, id);
        }
        let mut stages: Vec<Stage> = self.tx.by_key(team.company, RecordKey::Team(team.id))?;
        stages.sort_by_key(|s| (s.sequence, s.id));
        let last = stages.last().cloned();
        stages
            .into_iter()
            .find(|s| s.folded)
            .or(last)
            .ok_or_else(|| Error::InvalidState {
                entity: "team",
                id: team.name.clone(),
                state: "without stages".into(),
                reason: "the team has no stage to close tickets in".into(),
            })
    }

    /// The first folded stage of a company (tickets without a team).
    pub(super) fn company_closing_stage(&mut self, company: CompanyId) -> Result<Stage> {
        let mut stages: Vec<Stage> = self.tx.in_company(company)?;
        stages.sort_by_key(|s| (s.sequence, s.id));
        stages
            .into_iter()
            .find(|s| s.folded)
            .ok_or_else(|| Error::InvalidState {
                entity: "company",
                id: company.to_string(),
                state: "without a folded stage".into(),
                reason: "a ticket without a team closes in its company's first folded stage".into(),
            })
    }

    /// Moves `ticket` to `stage` with every effect of a move (not saved).
    pub(super) fn move_to(
        &mut self,
        ticket: &mut Ticket,
        team: Option<&Team>,
        stage: &Stage,
    ) -> Result<()> {
        self.enter_stage(ticket, stage)?;
        self.refresh_sla(ticket, team, super::sla::SlaChange::Stage)
    }

    /// The instant before which a ticket of `team` is idle at `at` (CLS-1).
    fn idle_threshold(&mut self, team: &Team, at: DateTime<Utc>) -> Result<DateTime<Utc>> {
        let zone = match team.settings.calendar {
            Some(id) => self.working_calendar(id)?.zone(),
            None => chrono_tz::Tz::UTC,
        };
        let day = at
            .with_timezone(&zone)
            .date_naive()
            .checked_sub_days(Days::new(u64::from(team.settings.auto_close_days)))
            .unwrap_or_default();
        let start = crate::calendar::utc_of(zone, day, 0);
        Ok(DateTime::from_timestamp(start, 0).unwrap_or(DateTime::UNIX_EPOCH))
    }

    /// Closes the idle open tickets of `team` at `at`, adding them to
    /// `closed`: one index range of idle tickets per chosen stage (or one
    /// for every stage), a page at a time.
    fn close_idle_tickets(
        &mut self,
        team: &Team,
        at: DateTime<Utc>,
        closed: &mut Vec<Ticket>,
    ) -> Result<()> {
        let before = self.idle_threshold(team, at)?;
        let stage = self.closing_stage(team)?;
        let chosen: Vec<Option<StageId>> = if team.settings.auto_close_from_stages.is_empty() {
            vec![None]
        } else {
            team.settings
                .auto_close_from_stages
                .iter()
                .map(|s| Some(*s))
                .collect()
        };
        let scope = TicketScope {
            companies: Some(vec![team.company]),
            all: true,
            ..TicketScope::default()
        };
        for from in chosen {
            let filter = TicketFilter {
                team: Some(team.id),
                stage: from,
                open: Some(true),
                last_activity_before: Some(before),
                ..TicketFilter::default()
            };
            let mut after: Option<SortKey> = None;
            loop {
                let page = self.tx.find_tickets(
                    &scope,
                    &filter,
                    at,
                    TicketSort::LastActivity,
                    after,
                    PAGE,
                )?;
                let full = page.len() == PAGE;
                for mut ticket in page {
                    after = Some(SortKey {
                        primary: TicketSort::LastActivity.primary(&ticket),
                        id: ticket.id,
                    });
                    // Already in the closing stage (an unfolded one): a
                    // move would change nothing.
                    if ticket.stage == stage.id {
                        continue;
                    }
                    self.move_to(&mut ticket, Some(team), &stage)?;
                    self.save(&mut ticket)?;
                    closed.push(ticket);
                }
                if !full {
                    break;
                }
            }
        }
        Ok(())
    }
}
