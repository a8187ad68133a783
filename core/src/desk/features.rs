//! The after-sales switches of a team, checked the same way by every
//! engine, and the documents a ticket keeps.

use super::records::{load, RecordId};
use super::Work;
use crate::ids::{MessageId, TicketId};
use crate::model::{DocumentKind, Message, MessageKind, Team, TeamSettings, Ticket};
use crate::store::Sequence;
use crate::{Error, Result};

/// A team switch an operation on a ticket needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Feature {
    /// REF-1.
    Refunds,
    /// CPN-1.
    Coupons,
    /// RET-1.
    Returns,
    /// REP-1.
    Repairs,
    /// FSM-1.
    FieldService,
    /// HRS-4.
    TimeTracking,
}

impl Feature {
    fn name(self) -> &'static str {
        match self {
            Feature::Refunds => "refunds",
            Feature::Coupons => "coupons",
            Feature::Returns => "returns",
            Feature::Repairs => "repairs",
            Feature::FieldService => "field service",
            Feature::TimeTracking => "time tracking",
        }
    }

    fn rule(self) -> &'static str {
        match self {
            Feature::Refunds => "REF-1",
            Feature::Coupons => "CPN-1",
            Feature::Returns => "RET-1",
            Feature::Repairs => "REP-1",
            Feature::FieldService => "FSM-1",
            Feature::TimeTracking => "HRS-4",
        }
    }

    fn is_on(self, settings: &TeamSettings) -> bool {
        match self {
            Feature::Refunds => settings.refunds,
            Feature::Coupons => settings.coupons,
            Feature::Returns => settings.returns,
            Feature::Repairs => settings.repairs,
            Feature::FieldService => settings.field_service,
            Feature::TimeTracking => settings.time_tracking,
        }
    }
}

impl Work<'_> {
    /// The ticket and its team if the viewer may change the ticket and the
    /// team has `feature` on (a typed error naming the team otherwise).
    pub(super) fn ticket_with(&mut self, id: TicketId, feature: Feature) -> Result<(Ticket, Team)> {
        let (ticket, team) = self.changeable_ticket(id)?;
        match team {
            Some(team) if feature.is_on(&team.settings) => Ok((ticket, team)),
            Some(team) => Err(Error::InvalidState {
                entity: "team",
                id: team.name.clone(),
                state: format!("{} off", feature.name()),
                reason: format!(
                    "switch {} on in the team's settings ({})",
                    feature.name(),
                    feature.rule()
                ),
            }),
            None => Err(Error::invalid(
                "ticket",
                format!(
                    "ticket {} has no team, so no {} ({})",
                    ticket.reference,
                    feature.name(),
                    feature.rule()
                ),
            )),
        }
    }

    /// Records on a ticket, as an internal note, what was made from it or
    /// happened to it (REF-6; returns, repairs and tasks alike).
    pub(super) fn note_on_ticket(&mut self, ticket: TicketId, body: String) -> Result<()> {
        let message = Message {
            id: MessageId(self.tx.next_value(Sequence::Message)?),
            ticket,
            kind: MessageKind::Note,
            author: self.user().map(|u| u.id),
            author_partner: self.user().map(|u| u.partner),
            body,
            at: self.now,
            attachments: Vec::new(),
        };
        self.tx.add_message(&message)
    }

    /// The documents of `kind` a ticket keeps, loaded in the order made.
    pub(super) fn documents<I: RecordId>(
        &mut self,
        ticket: &Ticket,
        kind: DocumentKind,
        id: fn(i64) -> I,
    ) -> Result<Vec<I::Record>> {
        let mut out = Vec::new();
        for doc in ticket.documents.iter().filter(|d| d.kind == kind) {
            out.push(load(self.tx, id(doc.id))?);
        }
        Ok(out)
    }
}
