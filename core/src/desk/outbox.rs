//! Draining the outbox: the host sends, then acknowledges.
//!
//! One drainer reads `pending_outbox`. Several (one per application server)
//! each `claim_outbox` a batch for a lease, send it, and acknowledge what
//! they sent; a message whose lease ends unacknowledged (its drainer died)
//! is claimed again. Delivery is therefore at least once: a host that must
//! not send twice keeps the ids it sent (every message has a stable id).

use super::records::{load, Records};
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::ids::{CompanyId, OutboxId, PartnerId, TicketId};
use crate::model::{
    MailHeaders, OutboxEvent, OutboxKind, OutboxMessage, OutboxPayload, Team, Ticket,
};
use crate::store::{RecordKey, Sequence};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The domain of the Message-IDs of a team without an e-mail alias.
const NO_DOMAIN: &str = "helpdesk.invalid";

/// How many Message-IDs of a ticket's thread an e-mail's References
/// name: the first and the latest (RFC 5322 allows trimming the middle).
const REFERENCES: usize = 10;

/// A message to record in the outbox (OUT-1): what happened and its
/// default English rendering.
pub(super) struct Outgoing {
    /// What the host must do.
    pub kind: OutboxKind,
    /// What happened.
    pub event: OutboxEvent,
    /// Who receives it.
    pub recipients: Vec<PartnerId>,
    /// The host's template, for template kinds.
    pub template: Option<String>,
    /// Default subject line.
    pub subject: String,
    /// Default plain-text body.
    pub body: String,
    /// The facts for the host's own rendering.
    pub payload: OutboxPayload,
    /// The recipient's secret, for a rating request.
    pub token: Option<String>,
}

/// A Message-ID in a ticket's e-mail thread: one the desk issued for its
/// e-mails (OUT-2), or one received with a customer's e-mail (MAIL-2).
/// Found by the ticket and by the id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct MailLink {
    pub(crate) id: i64,
    pub(crate) company: CompanyId,
    pub(crate) ticket: TicketId,
    /// Without angle brackets.
    pub(crate) message_id: String,
    pub(crate) at: DateTime<Utc>,
}

impl super::records::Record for MailLink {
    const KIND: crate::store::RecordKind = crate::store::RecordKind::MailLink;
    fn raw_id(&self) -> i64 {
        self.id
    }
    fn company(&self) -> Option<CompanyId> {
        Some(self.company)
    }
    fn keys(&self) -> Vec<RecordKey> {
        vec![
            RecordKey::Ticket(self.ticket),
            RecordKey::message_id(&self.message_id),
        ]
    }
}

impl Work<'_> {
    /// Records `out` in this unit of work, about `ticket` if any (OUT-1);
    /// a message for people without recipients is not recorded, nor is
    /// any during a quiet import (IMP-1). An
    /// e-mail event about a ticket joins the ticket's thread (OUT-2).
    pub(super) fn send(
        &mut self,
        company: CompanyId,
        ticket: Option<&Ticket>,
        out: Outgoing,
    ) -> Result<Option<OutboxMessage>> {
        if self.quiet || (out.recipients.is_empty() && out.kind.addresses_people()) {
            return Ok(None);
        }
        let id = OutboxId(self.tx.next_value(Sequence::Outbox)?);
        let mail = match out.event.is_email() {
            true => Some(self.mail_headers(company, ticket, id)?),
            false => None,
        };
        let message = OutboxMessage {
            id,
            company,
            kind: out.kind,
            recipients: out.recipients,
            template: out.template,
            subject: out.subject,
            body: out.body,
            ticket: ticket.map(|t| t.id),
            created_at: self.now,
            token: out.token,
            event: out.event,
            payload: out.payload,
            mail,
        };
        self.tx.add_outbox(&message)?;
        Ok(Some(message))
    }

    /// OUT-2: the headers of e-mail `id` — a new unguessable Message-ID at
    /// the team alias's domain, in reply to the ticket's thread, which it
    /// joins; Reply-To the team's alias.
    fn mail_headers(
        &mut self,
        company: CompanyId,
        ticket: Option<&Ticket>,
        id: OutboxId,
    ) -> Result<MailHeaders> {
        let team: Option<Team> = ticket
            .and_then(|t| t.team)
            .map(|team| load(self.tx, team))
            .transpose()?;
        let alias = team.and_then(|t| t.email_alias);
        let domain = alias
            .as_deref()
            .and_then(|a| a.rsplit_once('@'))
            .map_or(NO_DOMAIN, |(_, domain)| domain);
        let mut random = [0u8; 12];
        self.random.fill(&mut random)?;
        let secret: String = random.iter().map(|b| format!("{b:02x}")).collect();
        let message_id = format!("{}.{}.{secret}@{domain}", id.0, company.0);
        let mut thread: Vec<String> = Vec::new();
        if let Some(ticket) = ticket {
            let mut links: Vec<MailLink> = self.tx.by_key(company, RecordKey::Ticket(ticket.id))?;
            links.sort_by_key(|l| l.id);
            thread = links.into_iter().map(|l| l.message_id).collect();
            let link = MailLink {
                id: self.tx.new_id::<MailLink>()?,
                company,
                ticket: ticket.id,
                message_id: message_id.clone(),
                at: self.now,
            };
            self.tx.put(&link)?;
        }
        let bracket = |id: &String| format!("<{id}>");
        let references = match thread.len() > REFERENCES {
            true => std::iter::once(&thread[0])
                .chain(&thread[thread.len() - (REFERENCES - 1)..])
                .map(bracket)
                .collect(),
            false => thread.iter().map(bracket).collect(),
        };
        Ok(MailHeaders {
            message_id: bracket(&message_id),
            in_reply_to: thread.last().map(bracket),
            references,
            reply_to: alias,
        })
    }

    /// The payload facts every ticket event has: its reference, subject,
    /// team and customer.
    pub(super) fn ticket_payload(&mut self, ticket: &Ticket) -> Result<OutboxPayload> {
        let team = ticket.team.map(|t| load(self.tx, t)).transpose()?;
        let customer = ticket.customer.map(|p| load(self.tx, p)).transpose()?;
        Ok(OutboxPayload {
            ticket_reference: Some(ticket.reference.clone()),
            ticket_subject: Some(ticket.subject.clone()),
            team_name: team.map(|t: Team| t.name),
            customer_name: customer.map(|p: crate::model::Partner| p.name),
            ..OutboxPayload::default()
        })
    }

    pub(super) fn require_host(&self, action: &str) -> Result<()> {
        match self.user() {
            None => Ok(()),
            Some(_) => Err(Error::forbidden(
                action,
                "the outbox is drained by the host, as the system actor",
            )),
        }
    }
}

impl Helpdesk {
    /// Up to `limit` messages waiting to be sent, oldest first (system actor).
    pub fn pending_outbox(&self, actor: Actor, limit: u32) -> Result<Vec<OutboxMessage>> {
        self.read(actor, |w| {
            w.require_host("read the outbox")?;
            w.tx.pending_outbox(limit as usize)
        })
    }

    /// Claims up to `limit` messages waiting to be sent, oldest first, for
    /// `lease` (1 second to 1 day; system actor): no other claim takes them
    /// until the lease ends, and one that ends unacknowledged lets the next
    /// claim take them again (at-least-once delivery).
    pub fn claim_outbox(
        &self,
        actor: Actor,
        limit: u32,
        lease: chrono::Duration,
    ) -> Result<Vec<OutboxMessage>> {
        if lease < chrono::Duration::seconds(1) || lease > chrono::Duration::days(1) {
            return Err(Error::invalid("lease", "a lease lasts 1 second to 1 day"));
        }
        self.write(actor, |w| {
            w.require_host("claim outbox messages")?;
            let until = crate::scalars::check_instant("lease", w.now + lease)?;
            w.tx.claim_outbox(w.now, until, limit as usize)
        })
    }

    /// Marks messages as sent (system actor); returns how many were still
    /// pending. Acknowledging twice is harmless; an unknown id is an error
    /// and acknowledges nothing.
    pub fn acknowledge_outbox(&self, actor: Actor, ids: Vec<OutboxId>) -> Result<u32> {
        self.write(actor, |w| {
            w.require_host("acknowledge outbox messages")?;
            let mut acknowledged = 0;
            for id in ids.clone() {
                match w.tx.acknowledge_outbox(id)? {
                    Some(true) => acknowledged += 1,
                    Some(false) => {}
                    None => return Err(Error::not_found("outbox message", id)),
                }
            }
            Ok(acknowledged)
        })
    }
}
