//! Draining the outbox: the host sends, then acknowledges.

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

    /// Marks messages as sent (system actor); returns how many were still
    /// pending. Acknowledging twice is harmless; an unknown id is an error
    /// and acknowledges nothing.
    pub fn acknowledge_outbox(&self, actor: Actor, ids: Vec<OutboxId>) -> Result<u32> {
        self.write(actor, |w| {
            w.require_host("acknowledge outbox messages")?;
            let mut acknowledged = 0;
            for id in ids {
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
