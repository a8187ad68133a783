//! Reading tickets: one, a page, a count, their messages and history.

use super::sla::redact_for;
use super::{Helpdesk, Viewer, Work};
use crate::access::{Actor, TicketScope};
use crate::ids::TicketId;
use crate::model::{Message, MessageKind, StageChange, Ticket, UserKind};
use crate::store::{SortKey, TicketFilter, TicketSort};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// The largest page [`Helpdesk::list_tickets`] returns.
pub const MAX_PAGE_SIZE: u32 = 500;

/// Input of [`Helpdesk::list_tickets`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketQuery {
    /// What to list.
    #[serde(flatten)]
    pub filter: TicketFilter,
    /// In which order.
    pub sort: TicketSort,
    /// Continue after the page that returned this cursor.
    pub cursor: Option<String>,
    /// Page size, 1 to 500 (default 50).
    pub limit: u32,
}

impl Default for TicketQuery {
    fn default() -> Self {
        Self {
            filter: TicketFilter::default(),
            sort: TicketSort::default(),
            cursor: None,
            limit: 50,
        }
    }
}

/// A page of tickets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TicketPage {
    /// The tickets, in the query's order.
    pub tickets: Vec<Ticket>,
    /// Pass it as the next query's cursor for the following page; `None`
    /// on the last page.
    pub next_cursor: Option<String>,
}

fn sort_name(sort: TicketSort) -> &'static str {
    match sort {
        TicketSort::Newest => "newest",
        TicketSort::Oldest => "oldest",
        TicketSort::Priority => "priority",
        TicketSort::LastActivity => "last_activity",
        TicketSort::SlaDeadline => "sla_deadline",
    }
}

/// Cursors are `<sort>.<primary>.<id>`: opaque to hosts, checked here.
fn encode_cursor(sort: TicketSort, key: SortKey) -> String {
    format!("{}.{}.{}", sort_name(sort), key.primary, key.id)
}

fn decode_cursor(sort: TicketSort, cursor: &str) -> Result<SortKey> {
    let bad = || {
        Error::invalid(
            "cursor",
            "not a cursor of this listing: pass back next_cursor unchanged, with the same sort",
        )
    };
    let mut parts = cursor.split('.');
    let (Some(name), Some(primary), Some(id), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    if name != sort_name(sort) {
        return Err(bad());
    }
    Ok(SortKey {
        primary: primary.parse().map_err(|_| bad())?,
        id: TicketId(id.parse().map_err(|_| bad())?),
    })
}

impl Work<'_> {
    /// The viewer's listing scope (VIS-2 … VIS-4).
    pub(super) fn scope(&mut self) -> Result<TicketScope> {
        match &self.viewer {
            Viewer::System => Ok(TicketScope::everything()),
            Viewer::User(user) => {
                let user = user.clone();
                let teams = self.teams_of(&user.companies)?;
                let followed = self.tx.followed_teams(user.partner)?;
                Ok(TicketScope::for_user(&user, &teams, &followed))
            }
        }
    }

    fn is_portal(&self) -> bool {
        self.user().is_some_and(|u| u.kind == UserKind::Portal)
    }

    /// Search text within the limits (VIS-13); SLA filters and sorts are
    /// refused to portal users (VIS-4).
    fn check_listing(&self, filter: &TicketFilter, sort: TicketSort) -> Result<()> {
        if let Some(text) = &filter.text {
            self.text("text", text)?;
        }
        if filter.sla_failed.is_some() || sort == TicketSort::SlaDeadline {
            self.require_internal(
                "filter or sort tickets by SLA",
                "portal users never see SLA internals (VIS-4)",
            )?;
        }
        Ok(())
    }
}

impl Helpdesk {
    /// A ticket the actor may see; "not found" otherwise (VIS-9).
    pub fn get_ticket(&self, actor: Actor, id: TicketId) -> Result<Ticket> {
        self.read(actor, |w| {
            let (ticket, _) = w.readable_ticket(id)?;
            Ok(redact_for(w.user(), ticket))
        })
    }

    /// A page of the tickets the actor may see, filtered and sorted
    /// (lists are filtered by access, never rejected: VIS-9).
    pub fn list_tickets(&self, actor: Actor, query: TicketQuery) -> Result<TicketPage> {
        if query.limit == 0 || query.limit > MAX_PAGE_SIZE {
            return Err(Error::invalid(
                "limit",
                format!("a page holds 1 to {MAX_PAGE_SIZE} tickets"),
            ));
        }
        let after = query
            .cursor
            .as_deref()
            .map(|c| decode_cursor(query.sort, c))
            .transpose()?;
        self.read(actor, |w| {
            w.check_listing(&query.filter, query.sort)?;
            let scope = w.scope()?;
            let limit = query.limit as usize;
            let mut tickets =
                w.tx.find_tickets(&scope, &query.filter, w.now, query.sort, after, limit + 1)?;
            let next_cursor = if tickets.len() > limit {
                tickets.truncate(limit);
                tickets.last().map(|t| {
                    encode_cursor(
                        query.sort,
                        SortKey {
                            primary: query.sort.primary(t),
                            id: t.id,
                        },
                    )
                })
            } else {
                None
            };
            let viewer = w.user();
            Ok(TicketPage {
                tickets: tickets.into_iter().map(|t| redact_for(viewer, t)).collect(),
                next_cursor,
            })
        })
    }

    /// How many tickets the actor may see match `filter`.
    pub fn count_tickets(&self, actor: Actor, filter: TicketFilter) -> Result<u64> {
        self.read(actor, |w| {
            w.check_listing(&filter, TicketSort::Newest)?;
            let scope = w.scope()?;
            w.tx.count_tickets(&scope, &filter, w.now)
        })
    }

    /// The messages of a ticket, oldest first; portal users never receive
    /// internal notes (VIS-4).
    pub fn list_messages(&self, actor: Actor, id: TicketId) -> Result<Vec<Message>> {
        self.read(actor, |w| {
            w.readable_ticket(id)?;
            let portal = w.is_portal();
            Ok(w.tx
                .messages(id)?
                .into_iter()
                .filter(|m| !portal || m.kind == MessageKind::Reply)
                .collect())
        })
    }

    /// The stage history of a ticket, oldest first (internal users).
    pub fn stage_history(&self, actor: Actor, id: TicketId) -> Result<Vec<StageChange>> {
        self.read(actor, |w| {
            w.readable_ticket(id)?;
            if w.is_portal() {
                return Ok(Vec::new());
            }
            w.tx.stage_history(id)
        })
    }
}
