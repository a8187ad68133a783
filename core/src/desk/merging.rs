//! Merging tickets into one (MRG-1).

use super::records::Records;
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::ids::{CouponId, TicketId};
use crate::model::{
    DocumentKind, DocumentRef, FieldServiceTask, Invoice, Repair, SlaStatus, Team, Ticket,
    TimeEntry, Transfer,
};
use crate::store::{Followable, RecordKey};
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
            w.note_on_ticket(
                kept.id,
                format!("Merged {} into this ticket.", references.join(", ")),
            )?;
            for other in &mut merged {
                other.active = false;
                other.merged_into = Some(kept.id);
                w.note_on_ticket(other.id, format!("Merged into {}.", kept.reference))?;
                w.save(other)?;
            }
            w.save(&mut kept)?;
            Ok(kept)
        })
    }
}

/// How far apart in creation two tickets may be to be suggested as
/// duplicates.
const DUPLICATE_WINDOW_DAYS: i64 = 14;

/// How many of the customer's latest tickets a suggestion looks at.
const DUPLICATE_CANDIDATES: usize = 200;

impl Helpdesk {
    /// Tickets that look like duplicates of `ticket`, for an agent about to
    /// merge (MRG-1; the merge itself stays explicit): active tickets of
    /// the same customer contact, created within 14 days of it, whose
    /// subjects share at least half of their words (words of three or more
    /// letters or digits, case ignored), or all the words of the shorter
    /// one; most similar first, then newest. Only tickets the actor may
    /// change are suggested; a ticket without a customer has none. It
    /// looks at the customer's 200 latest tickets at most.
    pub fn suggest_duplicates(&self, actor: Actor, ticket: TicketId) -> Result<Vec<Ticket>> {
        self.read(actor, |w| {
            let (ticket, _) = w.changeable_ticket(ticket)?;
            let Some(customer) = ticket.customer else {
                return Ok(Vec::new());
            };
            let scope = w.scope()?;
            let filter = crate::store::TicketFilter {
                customer: Some(customer),
                ..crate::store::TicketFilter::default()
            };
            let candidates = w.tx.find_tickets(
                &scope,
                &filter,
                w.now,
                crate::store::TicketSort::Newest,
                None,
                DUPLICATE_CANDIDATES,
            )?;
            let window = chrono::Duration::days(DUPLICATE_WINDOW_DAYS);
            let words = subject_words(&ticket.subject);
            let mut alike: Vec<(usize, Ticket)> = candidates
                .into_iter()
                .filter(|t| t.id != ticket.id && (t.created_at - ticket.created_at).abs() <= window)
                .filter_map(|t| similarity(&words, &subject_words(&t.subject)).map(|s| (s, t)))
                .collect();
            // Most similar first; the listing was newest first already.
            alike.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
            Ok(alike.into_iter().map(|(_, t)| t).collect())
        })
    }
}

/// The words of a subject that count for similarity.
fn subject_words(subject: &str) -> BTreeSet<String> {
    subject
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// How alike two subjects are, in percent of shared words, when they are
/// alike enough: at least half their words shared, or every word of the
/// shorter one.
fn similarity(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Option<usize> {
    let shared = a.intersection(b).count();
    let all = a.union(b).count();
    if shared == 0 {
        return None;
    }
    let percent = shared * 100 / all;
    (percent >= 50 || shared == a.len().min(b.len())).then_some(percent)
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

    /// Moves what `other` holds to `kept`: messages, its e-mail thread
    /// (OUT-2: an answer to an e-mail about `other` threads to `kept`),
    /// followers, documents and unbilled time entries.
    fn move_holdings(&mut self, other: &mut Ticket, kept: &mut Ticket) -> Result<()> {
        for mut message in self.tx.messages(other.id)? {
            message.ticket = kept.id;
            self.tx.add_message(&message)?;
        }
        let thread: Vec<super::outbox::MailLink> =
            self.tx.by_key(other.company, RecordKey::Ticket(other.id))?;
        for mut link in thread {
            link.ticket = kept.id;
            self.tx.put(&link)?;
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
