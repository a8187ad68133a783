//! The four inputs whose core definition has an enum or record field with a default
//! (`role`, `visibility`, `settings`, `priority`, `sort`, `limit`). uniffi's proc-macros can
//! only give literal defaults, so these are restated with that field optional: `null` means
//! "the core's default" (taken from the core's `Default`, never restated here). Everything
//! else crosses as the core type itself (see [`crate::records`]).

use helpdesk::{
    CompanyId, HelpdeskRole, PartnerId, Priority, ProductId, TagId, TeamId, TeamSettings,
    TicketFilter, TicketSort, TicketTypeId, UserId, UserKind, Visibility,
};

/// Input of `createUser`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewUser {
    /// Display name.
    pub name: String,
    /// E-mail address (login).
    #[uniffi(default)]
    pub email: Option<String>,
    /// Internal or portal.
    pub kind: UserKind,
    /// Helpdesk role (`null` = the core's default, no role).
    #[uniffi(default)]
    pub role: Option<HelpdeskRole>,
    /// The companies the user works for.
    pub companies: Vec<CompanyId>,
    /// An existing contact for the user (`null` = a new one is created).
    #[uniffi(default)]
    pub partner: Option<PartnerId>,
}

impl From<NewUser> for helpdesk::NewUser {
    fn from(input: NewUser) -> Self {
        helpdesk::NewUser {
            name: input.name,
            email: input.email,
            kind: input.kind,
            role: input.role.unwrap_or_default(),
            companies: input.companies,
            partner: input.partner,
        }
    }
}

/// Input of `createTeam`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewTeam {
    /// The company.
    pub company: CompanyId,
    /// Display name.
    pub name: String,
    /// Public description.
    #[uniffi(default)]
    pub description: String,
    /// Who sees the team's tickets (`null` = the core's default, portal).
    #[uniffi(default)]
    pub visibility: Option<Visibility>,
    /// Members, in assignment order.
    #[uniffi(default)]
    pub members: Vec<UserId>,
    /// Switches and parameters (`null` = `defaultTeamSettings()`).
    #[uniffi(default)]
    pub settings: Option<TeamSettings>,
}

impl From<NewTeam> for helpdesk::NewTeam {
    fn from(input: NewTeam) -> Self {
        helpdesk::NewTeam {
            company: input.company,
            name: input.name,
            description: input.description,
            visibility: input.visibility.unwrap_or_default(),
            members: input.members,
            settings: input.settings.unwrap_or_default(),
        }
    }
}

/// Input of `createTicket`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewTicket {
    /// The team (`null` = no team; then `company` is required).
    #[uniffi(default)]
    pub team: Option<TeamId>,
    /// The company (`null` = the team's).
    #[uniffi(default)]
    pub company: Option<CompanyId>,
    /// Subject (required).
    pub subject: String,
    /// Description.
    #[uniffi(default)]
    pub description: String,
    /// Priority (`null` = the core's default, low).
    #[uniffi(default)]
    pub priority: Option<Priority>,
    /// Ticket type.
    #[uniffi(default)]
    pub ticket_type: Option<TicketTypeId>,
    /// Tags.
    #[uniffi(default)]
    pub tags: Vec<TagId>,
    /// The customer contact.
    #[uniffi(default)]
    pub customer: Option<PartnerId>,
    /// The assigned agent (`null` = auto-assignment if the team has it).
    #[uniffi(default)]
    pub assignee: Option<UserId>,
    /// The product the ticket is about.
    #[uniffi(default)]
    pub product: Option<ProductId>,
    /// The lot or serial number.
    #[uniffi(default)]
    pub lot: Option<String>,
    /// Contacts to add as followers.
    #[uniffi(default)]
    pub cc: Vec<PartnerId>,
}

impl From<NewTicket> for helpdesk::NewTicket {
    fn from(input: NewTicket) -> Self {
        helpdesk::NewTicket {
            team: input.team,
            company: input.company,
            subject: input.subject,
            description: input.description,
            priority: input.priority.unwrap_or_default(),
            ticket_type: input.ticket_type,
            tags: input.tags,
            customer: input.customer,
            assignee: input.assignee,
            product: input.product,
            lot: input.lot,
            cc: input.cc,
        }
    }
}

/// Input of `listTickets`: a filter, an order and a page.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TicketQuery {
    /// Which tickets.
    #[uniffi(default)]
    pub filter: TicketFilter,
    /// Their order (`null` = the core's default, newest first).
    #[uniffi(default)]
    pub sort: Option<TicketSort>,
    /// The `nextCursor` of the previous page (`null` = first page).
    #[uniffi(default)]
    pub cursor: Option<String>,
    /// Page size (`null` = the core's default).
    #[uniffi(default)]
    pub limit: Option<u32>,
}

impl From<TicketQuery> for helpdesk::TicketQuery {
    fn from(input: TicketQuery) -> Self {
        let defaults = helpdesk::TicketQuery::default();
        helpdesk::TicketQuery {
            filter: input.filter,
            sort: input.sort.unwrap_or(defaults.sort),
            cursor: input.cursor,
            limit: input.limit.unwrap_or(defaults.limit),
        }
    }
}
