//! Merging tickets into one (MRG-1).

use super::records::Records;
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::ids::{CouponId, MessageId, TicketId};
use crate::model::{
    DocumentKind, DocumentRef, FieldServiceTask, Invoice, Message, MessageKind, Repair, SlaStatus,
    Team, Ticket, TimeEntry, Transfer,
};
use crate::store::{Followable, RecordKey, Sequence};
use crate::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};

impl Helpdesk {
    /// MRG-1: merges `others` into the ticket `into`, in one unit of work.
    /// Every ticket must be of one company, active, and one the actor may
    /// change (agents and managers). What the others hold moves to the
    /// kept ticket: their messages, followers, documents (credit notes,
    /// coupons, returns, repairs, field-service tasks) and unbilled time
    /// entries, which are charged to the kept ticket's order line (billed
    /// time stays where it was billed). Per SLA policy only the status
    /// with the earliest deadline is kept (a status without one counts as
    /// latest). The others are archived, pointing to the kept ticket
    /// (`merged_into`), and a note on each side records the merge. The
    /// kept ticket's own fields do not change (its documents and SLA
    /// figures take in what moved). Returns the kept ticket.
    pub fn merge_tickets(
        &self,
        actor: Actor,
        into: TicketId,
        others: Vec<TicketId>,
    ) -> Result<Ticket> {
        self.write(actor, |w| {
            let distinct: BTreeSet<TicketId> = others.iter().copied().collect();
            if distinct.is_empty() {
                return Err(Error::invalid("others", "name at least one ticket to merge"));
            }
            if distinct.len() != others.len() || distinct.contains(&into) {
                return Err(Error::invalid(
                    "others",
                    "each ticket is named once, and not the one they merge into",
                ));
            }
            let (mut kept, _) = w.mergeable(into)?;
            let mut merged = Vec::with_capacity(distinct.len());
            for id in &distinct {
                let (other, _) = w.mergeable(*id)?;
                if other.company != kept.company {
                    return Err(Error::invalid(
                        "others",
                        format!(
                            "ticket {} is of another company than {}: tickets merge within one company",
                            other.reference, kept.reference
                        ),
                    ));
                }
                merged.push(other);
            }
            let mut statuses = w.tx.sla_statuses(kept.id)?;
            for other in &mut merged {
                w.move_holdings(other, &mut kept)?;
                statuses.extend(w.tx.sla_statuses(other.id)?);
                w.tx.put_sla_statuses(other.id, &[])?;
            }
            let statuses = earliest_per_policy(&kept, statuses);
            super::sla::summarize_sla(&mut kept, &statuses);
            w.tx.put_sla_statuses(kept.id, &statuses)?;
            let references: Vec<&str> = merged.iter().map(|t| t.reference.as_str()).collect();
            w.note(
                &mut kept,
                format!("Merged {} into this ticket.", references.join(", ")),
            )?;
            for other in &mut merged {
                other.active = false;
                other.merged_into = Some(kept.id);
                w.note(other, format!("Merged into {}.", kept.reference))?;
                w.save(other)?;
            }
            w.save(&mut kept)?;
            Ok(kept)
        })
    }
}

/// Per SLA policy, the status with the earliest deadline (one without a
/// deadline counts as latest; ties keep the first, the kept ticket's),
/// now the kept ticket's.
fn earliest_per_policy(kept: &Ticket, statuses: Vec<SlaStatus>) -> Vec<SlaStatus> {
    let mut best: BTreeMap<_, SlaStatus> = BTreeMap::new();
    for status in statuses {
        let later = |s: &SlaStatus| s.deadline.map_or((1, None), |d| (0, Some(d)));
        match best.get(&status.policy) {
            Some(held) if later(held) <= later(&status) => {}
            _ => {
                best.insert(status.policy, status);
            }
        }
    }
    best.into_values()
        .map(|status| SlaStatus {
            ticket: kept.id,
            ticket_created_at: kept.created_at,
            ..status
        })
        .collect()
}

impl Work<'_> {
    /// A ticket the viewer may change, active (an archived or already
    /// merged ticket does not merge).
    fn mergeable(&mut self, id: TicketId) -> Result<(Ticket, Option<Team>)> {
        let (ticket, team) = self.changeable_ticket(id)?;
        if !ticket.active {
            return Err(Error::InvalidState {
                entity: "ticket",
                id: ticket.reference,
                state: "archived".into(),
                reason: "only active tickets merge".into(),
            });
        }
        Ok((ticket, team))
    }

    /// An internal note on `ticket` (not saved).
    fn note(&mut self, ticket: &mut Ticket, body: String) -> Result<()> {
        let author = self.user().cloned();
        let id = MessageId(self.tx.next_value(Sequence::Message)?);
        self.tx.add_message(&Message {
            id,
            ticket: ticket.id,
            kind: MessageKind::Note,
            author: author.as_ref().map(|u| u.id),
            author_partner: author.as_ref().map(|u| u.partner),
            body,
            at: self.now,
        })
    }

    /// Moves what `other` holds to `kept`: messages, followers, documents
    /// and unbilled time entries.
    fn move_holdings(&mut self, other: &mut Ticket, kept: &mut Ticket) -> Result<()> {
        for mut message in self.tx.messages(other.id)? {
            message.ticket = kept.id;
            self.tx.add_message(&message)?;
        }
        for partner in self.tx.followers(Followable::Ticket(other.id))? {
            self.tx.add_follower(Followable::Ticket(kept.id), partner)?;
            self.tx
                .remove_follower(Followable::Ticket(other.id), partner)?;
        }
        let (moving, staying): (Vec<DocumentRef>, Vec<DocumentRef>) = other
            .documents
            .iter()
            .partition(|d| d.kind != DocumentKind::SaleOrderLine);
        for document in &moving {
            self.move_document(document.kind, document.id, kept.id)?;
            if !kept.documents.contains(document) {
                kept.documents.push(*document);
            }
        }
        other.documents = staying;
        let entries: Vec<TimeEntry> = self.tx.by_key(other.company, RecordKey::Ticket(other.id))?;
        for mut entry in entries.into_iter().filter(|e| e.invoice.is_none()) {
            entry.ticket = kept.id;
            entry.sale_line = kept.sale_line;
            self.tx.put(&entry)?;
        }
        Ok(())
    }

    /// Points a document made from a ticket to the ticket `to`.
    fn move_document(&mut self, kind: DocumentKind, id: i64, to: TicketId) -> Result<()> {
        match kind {
            DocumentKind::CreditNote => {
                let mut note: Invoice = self.tx.require(id)?;
                note.ticket = Some(to);
                self.tx.put(&note)
            }
            DocumentKind::Coupon => {
                let mut coupon = self
                    .tx
                    .get_coupon(CouponId(id))?
                    .ok_or_else(|| Error::not_found("coupon", CouponId(id)))?;
                coupon.ticket = Some(to);
                self.tx.put_coupon(&coupon)
            }
            DocumentKind::Return => {
                let mut transfer: Transfer = self.tx.require(id)?;
                transfer.ticket = Some(to);
                self.tx.put(&transfer)
            }
            DocumentKind::Repair => {
                let mut repair: Repair = self.tx.require(id)?;
                repair.ticket = to;
                self.tx.put(&repair)
            }
            DocumentKind::FieldServiceTask => {
                let mut task: FieldServiceTask = self.tx.require(id)?;
                task.ticket = to;
                self.tx.put(&task)
            }
            DocumentKind::SaleOrderLine => Ok(()),
        }
    }
}
