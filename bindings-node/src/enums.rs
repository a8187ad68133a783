//! The core's enums as string-literal unions (`'low' | 'medium' | …`), with
//! the same snake_case names as core's serde form.

use napi_derive::napi;

/// The conversions both ways between a string enum and `helpdesk::$name`
/// (exhaustive: a new core variant is a compile error here).
macro_rules! convert_enum {
    ($name:ident { $($variant:ident),* $(,)? }) => {
        impl From<helpdesk::$name> for $name {
            fn from(value: helpdesk::$name) -> Self {
                match value {
                    $(helpdesk::$name::$variant => Self::$variant,)*
                }
            }
        }

        impl From<$name> for helpdesk::$name {
            fn from(value: $name) -> Self {
                match value {
                    $($name::$variant => Self::$variant,)*
                }
            }
        }
    };
}

/// Whether a user is an employee or a customer's portal login.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserKind {
    /// An employee.
    Internal,
    /// A customer's login, linked to a partner.
    Portal,
}

convert_enum!(UserKind { Internal, Portal });

/// The helpdesk role of an internal user (portal users always have `none`).
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpdeskRole {
    /// No helpdesk rights: reads what VIS-3 allows, changes nothing.
    None,
    /// Works tickets.
    Agent,
    /// Administrator: sees and configures everything of their companies.
    Manager,
}

convert_enum!(HelpdeskRole {
    None,
    Agent,
    Manager
});

/// Who can see a team's tickets (VIS-1).
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Private: only managers and invited (following) internal users.
    InvitedInternal,
    /// Every internal user of the company.
    Internal,
    /// Internal users, plus portal users who follow the ticket or the team.
    Portal,
}

convert_enum!(Visibility {
    InvitedInternal,
    Internal,
    Portal
});

/// How a team with auto-assignment chooses the next agent (ASG-4, ASG-5).
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignmentMethod {
    /// Round robin in member order: each user gets an equal number of tickets.
    EqualTickets,
    /// The member with the fewest open tickets in the team.
    EqualOpenTickets,
}

convert_enum!(AssignmentMethod {
    EqualTickets,
    EqualOpenTickets
});

/// Ticket priority: low (default), medium, high, urgent.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    /// `0`
    Low,
    /// `1`
    Medium,
    /// `2`
    High,
    /// `3`
    Urgent,
}

convert_enum!(Priority {
    Low,
    Medium,
    High,
    Urgent
});

/// The kind of document a ticket links to.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// A credit note (refund).
    CreditNote,
    /// A coupon.
    Coupon,
    /// A return transfer.
    Return,
    /// A repair order.
    Repair,
    /// A field-service task.
    FieldServiceTask,
    /// The sales order line billed for the ticket's time.
    SaleOrderLine,
}

convert_enum!(DocumentKind {
    CreditNote,
    Coupon,
    Return,
    Repair,
    FieldServiceTask,
    SaleOrderLine
});

/// Public reply or internal note.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// Seen by the customer and every follower.
    Reply,
    /// Internal users only; never shown to portal users (VIS-4).
    Note,
}

convert_enum!(MessageKind { Reply, Note });

/// What the host must do with an outbox message.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxKind {
    /// Render the e-mail `template` for the ticket and send it to the recipients.
    EmailTemplate,
    /// Render the SMS `template` and send it to the recipients' phones.
    SmsTemplate,
    /// Notify the recipients (followers) of `subject` / `body`.
    Notification,
}

convert_enum!(OutboxKind {
    EmailTemplate,
    SmsTemplate,
    Notification
});

/// The order of a ticket listing.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketSort {
    /// Most recently created first.
    Newest,
    /// Oldest first.
    Oldest,
    /// Highest priority first, then newest.
    Priority,
    /// Most recent activity first, then newest.
    LastActivity,
    /// Earliest SLA deadline first (tickets without one last), then oldest
    /// (internal users only).
    SlaDeadline,
}

convert_enum!(TicketSort {
    Newest,
    Oldest,
    Priority,
    LastActivity,
    SlaDeadline
});

/// Where a ticket's SLA status stands now (SLA-6).
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaState {
    /// Not reached, deadline unknown or ahead.
    Ongoing,
    /// Reached before the deadline.
    Reached,
    /// Reached at or after the deadline, or not reached and the deadline is past.
    Failed,
}

convert_enum!(SlaState {
    Ongoing,
    Reached,
    Failed
});

/// Who performs an operation: `{ kind: 'system' }` (the host itself, every
/// access rule bypassed: set-up, imports, scheduled jobs) or
/// `{ kind: 'user', id }` (a user, checked against every rule; `id` a
/// whole number from 1 to 2^53 − 1, anything else `invalid_input` naming
/// `actor`).
#[napi(discriminant = "kind", discriminant_case = "lowercase")]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Actor {
    /// The host itself: bypasses every access rule.
    System,
    /// A user, checked against every rule.
    User {
        // Undocumented on purpose: a doc comment here is rendered inside the
        // one-line union member of `index.d.ts`; the enum's doc names it.
        // An `f64`, not an `i64`: napi would truncate `1.9` and read `NaN`
        // as 0; the core checks the number (`crate::scalars::id`).
        #[allow(missing_docs)]
        id: f64,
    },
}

impl Actor {
    /// The core's actor; a user id that is not an id is `invalid_input`
    /// naming `actor`.
    pub fn core(self) -> helpdesk::Result<helpdesk::Actor> {
        Ok(match self {
            Actor::System => helpdesk::Actor::System,
            Actor::User { id } => helpdesk::Actor::User(crate::scalars::id("actor", id)?),
        })
    }
}

/// How a product's units are told apart.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tracking {
    /// Not tracked.
    None,
    /// By lot number.
    Lot,
    /// By unique serial number.
    Serial,
}

convert_enum!(Tracking { None, Lot, Serial });

/// What an accounting journal records.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JournalKind {
    /// Customer invoices and their credit notes.
    Sale,
    /// Vendor bills.
    Purchase,
    /// Bank statements.
    Bank,
    /// Cash.
    Cash,
    /// Miscellaneous entries.
    General,
}

convert_enum!(JournalKind {
    Sale,
    Purchase,
    Bank,
    Cash,
    General
});

/// Where a sales order stands.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaleOrderState {
    /// A quotation.
    Draft,
    /// Confirmed by the customer.
    Confirmed,
    /// Locked: nothing more to deliver or invoice.
    Done,
    /// Cancelled.
    Cancelled,
}

convert_enum!(SaleOrderState {
    Draft,
    Confirmed,
    Done,
    Cancelled
});

/// Invoice or credit note.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceKind {
    /// A customer invoice.
    Invoice,
    /// A customer credit note (a refund).
    CreditNote,
}

convert_enum!(InvoiceKind {
    Invoice,
    CreditNote
});

/// Where an invoice or credit note stands.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceState {
    /// Editable, not in the books.
    Draft,
    /// In the books.
    Posted,
    /// Cancelled.
    Cancelled,
}

convert_enum!(InvoiceState {
    Draft,
    Posted,
    Cancelled
});

/// Whether an invoice is paid.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentState {
    /// Nothing paid.
    NotPaid,
    /// Partly paid.
    Partial,
    /// Fully paid.
    Paid,
    /// Settled by a credit note (REF-4).
    Reversed,
}

convert_enum!(PaymentState {
    NotPaid,
    Partial,
    Paid,
    Reversed
});

/// What a coupon program's reward gives (CPN-1).
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RewardKind {
    /// A percentage off (`discountPercent`).
    Discount,
    /// A fixed amount off (`fixedAmount`).
    FixedAmount,
    /// A product for free (`freeProduct`).
    FreeProduct,
}

convert_enum!(RewardKind {
    Discount,
    FixedAmount,
    FreeProduct
});

/// What a discount applies to (CPN-1).
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RewardScope {
    /// The whole order.
    Order,
    /// The cheapest line (one unit of it).
    CheapestLine,
    /// The lines of the reward's `products`.
    Products,
}

convert_enum!(RewardScope {
    Order,
    CheapestLine,
    Products
});

/// How a service product is invoiced (HRS-2).
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServicePolicy {
    /// Invoice the ordered quantity; time logged is tracked against it.
    Prepaid,
    /// Post-paid: invoice the time delivered.
    Timesheets,
    /// Delivered quantity entered by hand.
    Manual,
    /// Invoiced at milestones.
    Milestones,
}

convert_enum!(ServicePolicy {
    Prepaid,
    Timesheets,
    Manual,
    Milestones
});

/// What a stock location is.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocationKind {
    /// Where customers' goods are (deliveries end there, returns start there).
    Customer,
    /// A warehouse's own stock (or its returns area).
    Internal,
}

convert_enum!(LocationKind { Customer, Internal });

/// Which way a transfer goes.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferKind {
    /// Goods to a customer.
    Delivery,
    /// Goods back from a customer.
    Return,
}

convert_enum!(TransferKind { Delivery, Return });

/// Where a transfer stands.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferState {
    /// Being prepared.
    Draft,
    /// Ready to move.
    Ready,
    /// Moved.
    Done,
    /// Cancelled.
    Cancelled,
}

convert_enum!(TransferState {
    Draft,
    Ready,
    Done,
    Cancelled
});

/// Where a repair stands (REP-1): `new` → `confirmed` → `under_repair` →
/// `repaired`, or `cancelled`.
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepairState {
    /// Just created.
    New,
    /// Confirmed.
    Confirmed,
    /// Being repaired.
    UnderRepair,
    /// Repaired.
    Repaired,
    /// Cancelled.
    Cancelled,
}

convert_enum!(RepairState {
    New,
    Confirmed,
    UnderRepair,
    Repaired,
    Cancelled
});

/// Where a field-service task stands (FSM-1).
#[napi(string_enum = "snake_case")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStage {
    /// Not planned yet.
    New,
    /// Planned.
    Planned,
    /// On site.
    InProgress,
    /// Done.
    Done,
    /// Cancelled.
    Cancelled,
}

convert_enum!(TaskStage {
    New,
    Planned,
    InProgress,
    Done,
    Cancelled
});
