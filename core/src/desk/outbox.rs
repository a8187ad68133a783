//! Draining the outbox: the host sends, then acknowledges.
//!
//! One drainer reads `pending_outbox`. Several (one per application server)
//! each `claim_outbox` a batch for a lease, send it, and acknowledge what
//! they sent; a message whose lease ends unacknowledged (its drainer died)
//! is claimed again. Delivery is therefore at least once: a host that must
//! not send twice keeps the ids it sent (every message has a stable id).

use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::ids::OutboxId;
use crate::model::OutboxMessage;
use crate::{Error, Result};

impl Work<'_> {
    fn require_host(&self, action: &str) -> Result<()> {
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
