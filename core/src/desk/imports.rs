//! Imports (IMP-1): contacts and tickets brought over from another system,
//! safe to run again; tickets with the instants they had there, quietly.

use super::records::{load, Records};
use super::{Helpdesk, NewPartner, NewTicket, Work};
use crate::access::Actor;
use crate::ids::{CompanyId, PartnerId, TicketId};
use crate::model::{Partner, Team, Ticket};
use crate::store::{RecordKey, RecordKind};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What [`Helpdesk::import_ticket`] keeps of a ticket's past in the system
/// it comes from (IMP-1).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TicketImport {
    /// The ticket's id in the system it comes from (required, unique per
    /// company): importing it again returns the ticket made the first
    /// time, so an interrupted import can simply be run again.
    pub external_id: String,
    /// When it was created there (default: now).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub created_at: Option<DateTime<Utc>>,
    /// When it was assigned there, to the ticket's `assignee` (default:
    /// at creation, when it has one).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub assigned_at: Option<DateTime<Utc>>,
    /// When it was closed there: it is closed in its team's closing stage
    /// (default: open).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub closed_at: Option<DateTime<Utc>>,
    /// Whether the outbox records the notifications the import causes
    /// (default `false`: an import tells nobody).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub notify: bool,
}

/// What an import made of a record of the system it comes from, found by
/// the kind and the record's id there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ImportLink {
    pub(crate) id: i64,
    pub(crate) company: CompanyId,
    /// What was imported: `ticket` or `partner`.
    pub(crate) kind: String,
    /// Its id in the system it comes from.
    pub(crate) external_id: String,
    /// The id of what it became here.
    pub(crate) record: i64,
    pub(crate) at: DateTime<Utc>,
}

impl ImportLink {
    fn key(kind: &str, external_id: &str) -> RecordKey {
        RecordKey::external_id(&format!("{kind}:{external_id}"))
    }
}

impl super::records::Record for ImportLink {
    const KIND: RecordKind = RecordKind::ImportLink;
    fn raw_id(&self) -> i64 {
        self.id
    }
    fn company(&self) -> Option<CompanyId> {
        Some(self.company)
    }
    fn keys(&self) -> Vec<RecordKey> {
        vec![ImportLink::key(&self.kind, &self.external_id)]
    }
}

/// What happens to an imported ticket after its creation, in time order.
enum Event {
    Assigned,
    Closed,
}

impl Work<'_> {
    /// The id of what the `kind` record `external_id` of another system
    /// became in `company`, if it was imported.
    fn imported(
        &mut self,
        company: CompanyId,
        kind: &str,
        external_id: &str,
    ) -> Result<Option<i64>> {
        Ok(self
            .tx
            .by_key::<ImportLink>(company, ImportLink::key(kind, external_id))?
            .into_iter()
            .find(|link| link.kind == kind && link.external_id == external_id)
            .map(|link| link.record))
    }

    /// Records that the `kind` record `external_id` became `record`.
    fn link_import(
        &mut self,
        company: CompanyId,
        kind: &str,
        external_id: String,
        record: i64,
    ) -> Result<()> {
        let link = ImportLink {
            id: self.tx.new_id::<ImportLink>()?,
            company,
            kind: kind.to_string(),
            external_id,
            record,
            at: self.now,
        };
        self.tx.put(&link)
    }

    /// An instant of the import: not after now, not before `created`.
    fn past(
        &self,
        field: &'static str,
        at: Option<DateTime<Utc>>,
        created: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>> {
        match at {
            Some(at) if at > self.now => Err(Error::invalid(field, "an instant not after now")),
            Some(at) if at < created => Err(Error::invalid(
                field,
                "an instant not before the ticket's creation",
            )),
            other => Ok(other),
        }
    }

    /// Closes an imported `ticket` at the current instant in the stage
    /// closing moves its team's tickets to.
    fn close_imported(&mut self, ticket: &mut Ticket) -> Result<()> {
        let team: Option<Team> = ticket.team.map(|t| load(self.tx, t)).transpose()?;
        let stage = match &team {
            Some(team) => self.closing_stage(team)?,
            None => self.company_closing_stage(ticket.company)?,
        };
        if !stage.folded {
            return Err(Error::invalid(
                "closed_at",
                "the ticket's team has no folded stage to close it in",
            ));
        }
        self.move_to(ticket, team.as_ref(), &stage)
    }
}

impl Helpdesk {
    /// IMP-1: creates `ticket` as another system kept it (system actor
    /// only: imports are the host's). The ticket is created at
    /// `imported.created_at`, assigned to its `assignee` at
    /// `imported.assigned_at`, and closed in its team's closing stage at
    /// `imported.closed_at`, each at that instant — so its stage history,
    /// SLA deadlines and statuses, and working times are those it would
    /// have had. An imported ticket keeps the assignee given (none
    /// included: no auto-assignment), and the outbox records nothing unless
    /// `imported.notify`. Importing an `external_id` the company already
    /// imported returns that ticket as it is now and writes nothing.
    ///
    /// `invalid_input` names the field: `external_id` empty;
    /// `created_at` after now; `assigned_at` or `closed_at` after now or
    /// before the creation; `assigned_at` without an assignee; `closed_at`
    /// when the team has no folded stage. Nothing is written then.
    pub fn import_ticket(
        &self,
        actor: Actor,
        ticket: NewTicket,
        imported: TicketImport,
    ) -> Result<Ticket> {
        self.write(actor, |w| {
            w.require_host("import a ticket")?;
            let external_id = w.required_text("external_id", &imported.external_id)?;
            let (_, company) = w.ticket_home(&ticket)?;
            if let Some(known) = w.imported(company, "ticket", &external_id)? {
                let known = TicketId(known);
                return w
                    .tx
                    .get_ticket(known)?
                    .ok_or_else(|| Error::not_found("ticket", known));
            }
            let now = w.now;
            let created = imported.created_at.unwrap_or(now);
            if created > now {
                return Err(Error::invalid("created_at", "an instant not after now"));
            }
            crate::scalars::check_instant("created_at", created)?;
            let assigned = w.past("assigned_at", imported.assigned_at, created)?;
            let closed = w.past("closed_at", imported.closed_at, created)?;
            if assigned.is_some() && ticket.assignee.is_none() {
                return Err(Error::invalid(
                    "assigned_at",
                    "a ticket is assigned only to its assignee: give one",
                ));
            }
            let mut input = ticket.clone();
            // Assigned later than created: the assignee comes with the event.
            let assignee = match assigned {
                Some(_) => input.assignee.take(),
                None => None,
            };
            let mut events: Vec<(DateTime<Utc>, Event)> = Vec::new();
            events.extend(assigned.map(|at| (at, Event::Assigned)));
            events.extend(closed.map(|at| (at, Event::Closed)));
            events.sort_by_key(|(at, _)| *at);

            (w.quiet, w.importing) = (!imported.notify, true);
            w.now = created;
            let mut record = w.create_one(input)?;
            for (at, event) in events {
                w.now = at;
                match event {
                    Event::Assigned => {
                        let user = w.check_assignee(company, assignee)?;
                        w.set_assignee(&mut record, user)?;
                    }
                    Event::Closed => w.close_imported(&mut record)?,
                }
                w.save(&mut record)?;
            }
            w.now = now;
            w.link_import(company, "ticket", external_id, record.id.0)?;
            Ok(record)
        })
    }

    /// IMP-1: creates the contact `partner` of a company (`company`
    /// required) as the contact `external_id` of another system (system
    /// actor only). Importing an `external_id` the company already imported
    /// returns that contact as it is now and writes nothing, so an
    /// interrupted import can simply be run again. `invalid_input` names
    /// `external_id` when it is empty, `company` when none is given.
    pub fn import_partner(
        &self,
        actor: Actor,
        partner: NewPartner,
        external_id: String,
    ) -> Result<Partner> {
        self.write(actor, |w| {
            w.require_host("import a contact")?;
            let external_id = w.required_text("external_id", &external_id)?;
            let company = partner.company.ok_or_else(|| {
                Error::invalid("company", "an imported contact belongs to a company")
            })?;
            w.load_own(company)?;
            if let Some(known) = w.imported(company, "partner", &external_id)? {
                return load(w.tx, PartnerId(known));
            }
            let record = w.insert_partner(&partner)?;
            w.link_import(company, "partner", external_id, record.id.0)?;
            Ok(record)
        })
    }
}
