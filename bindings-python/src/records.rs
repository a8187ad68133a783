//! The records the desk returns, as read-only Python classes.
//!
//! Each class is a newtype around the core record: its attributes convert
//! the core fields on access (ids to `int`, instants to aware
//! `datetime.datetime`, enums to the `str` enums of `helpdesk._enums`).
//! Records compare equal by value and hash alike, have a dataclass-like
//! `__repr__` and `__match_args__` (the field names, in order), cannot be
//! changed, turn into plain data with `to_dict()` (the core's JSON form) and
//! pickle through it.

use crate::calendar::{Closure, WorkingHours};
use crate::convert::{raw_ids, raw_opt, Arg, EnumArg, EnumOut, RawId, ReadArg};
use chrono::{DateTime, NaiveDate, Utc};
use helpdesk as hd;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use rust_decimal::Decimal;

/// `Name(field=value, ...)`, from the record's `__match_args__`.
fn record_repr(record: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    let mut parts = Vec::new();
    for field in record.getattr("__match_args__")?.try_iter()? {
        let field = field?;
        let value = record.getattr(field.str()?)?;
        parts.push(format!("{}={}", field.str()?, value.repr()?));
    }
    Ok(format!("{name}({})", parts.join(", ")))
}

/// A core record's plain data: its JSON form (`Null` if it had none, which
/// no record of the core has).
fn plain<T: serde::Serialize>(record: &T) -> serde_json::Value {
    serde_json::to_value(record).unwrap_or_default()
}

/// JSON data as Python's `json` module reads it (`dict`, `list`, `str`,
/// `int`, `float`, `bool`, `None`).
fn to_python(py: Python<'_>, data: &serde_json::Value) -> PyResult<Py<PyAny>> {
    Ok(py
        .import("json")?
        .call_method1("loads", (data.to_string(),))?
        .unbind())
}

/// Declares a read-only Python record wrapping a core record.
///
/// Each field is `name: PythonSideType = |record| conversion;`; an optional
/// `extra { ... }` block adds methods (e.g. a constructor).
macro_rules! record {
    (
        $(#[$meta:meta])*
        $name:ident($core:ty) {
            $( $(#[$fmeta:meta])* $field:ident: $ty:ty = |$r:ident| $conv:expr; )*
        }
        $(extra { $($extra:tt)* })?
    ) => {
        $(#[$meta])*
        #[pyclass(frozen, eq, hash, module = "helpdesk", from_py_object)]
        #[derive(Debug, Clone)]
        pub struct $name(pub $core);

        // Equal exactly when their plain data is equal, so that equality and
        // the hash agree (a decimal's scale counts: 1.0 is not 1.00).
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                plain(&self.0) == plain(&other.0)
            }
        }

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                plain(&self.0).to_string().hash(state);
            }
        }

        #[pymethods]
        impl $name {
            /// The record as plain data, ready for `json.dumps`: the core's
            /// JSON form (snake_case keys; ids as `int`; decimals, dates and
            /// instants as text; enums by their value).
            fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                to_python(py, &plain(&self.0))
            }

            /// Pickling: the record is rebuilt from its plain data.
            fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (String,))> {
                let rebuild = slf.get_type().getattr("_from_plain_json")?.unbind();
                Ok((rebuild, (plain(&slf.get().0).to_string(),)))
            }

            /// The record whose plain data (`to_dict`) is the JSON `text`.
            #[staticmethod]
            fn _from_plain_json(text: &str) -> PyResult<Self> {
                serde_json::from_str(text).map(Self).map_err(|e| {
                    pyo3::exceptions::PyValueError::new_err(format!(
                        "not the plain data of a {}: {e}",
                        stringify!($name)
                    ))
                })
            }

            $(
                $(#[$fmeta])*
                #[getter]
                fn $field(&self) -> $ty {
                    let $r = &self.0;
                    $conv
                }
            )*

            /// The field names, in order (as a dataclass has).
            #[classattr]
            fn __match_args__(py: Python<'_>) -> PyResult<Py<PyTuple>> {
                Ok(PyTuple::new(py, [$(stringify!($field)),*])?.unbind())
            }

            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                record_repr(slf.as_any(), stringify!($name))
            }

            $($($extra)*)?
        }
    };
}

record! {
    /// A company: teams, tickets and documents belong to exactly one.
    Company(hd::Company) {
        id: i64 = |r| r.id.raw();
        name: String = |r| r.name.clone();
        /// Upsell alerts go out when a prepaid line's delivered time passes
        /// this percentage of the ordered quantity (default 100).
        upsell_threshold: Decimal = |r| r.upsell_threshold;
    }
}

record! {
    /// A contact: a customer, a person at a customer, or a user's own contact.
    Partner(hd::Partner) {
        id: i64 = |r| r.id.raw();
        company: Option<i64> = |r| raw_opt(r.company);
        name: String = |r| r.name.clone();
        email: Option<String> = |r| r.email.clone();
        phone: Option<String> = |r| r.phone.clone();
        parent: Option<i64> = |r| raw_opt(r.parent);
        commercial_partner: i64 = |r| r.commercial_partner.raw();
        /// Postal address (where field service goes).
        address: Option<String> = |r| r.address.clone();
    }
}

record! {
    /// Someone who acts on the desk: an employee or a customer's portal login.
    User(hd::User) {
        id: i64 = |r| r.id.raw();
        name: String = |r| r.name.clone();
        email: Option<String> = |r| r.email.clone();
        partner: i64 = |r| r.partner.raw();
        kind: EnumOut<hd::UserKind> = |r| EnumOut(r.kind);
        role: EnumOut<hd::HelpdeskRole> = |r| EnumOut(r.role);
        companies: Vec<i64> = |r| raw_ids(&r.companies);
        active: bool = |r| r.active;
        calendar: Option<i64> = |r| raw_opt(r.calendar);
    }
}

record! {
    /// A team's switches and parameters. Build one with keyword arguments;
    /// every argument left out takes the core's default.
    TeamSettings(hd::TeamSettings) {
        auto_assignment: bool = |r| r.auto_assignment;
        assignment_method: EnumOut<hd::AssignmentMethod> = |r| EnumOut(r.assignment_method);
        calendar: Option<i64> = |r| raw_opt(r.calendar);
        use_sla: bool = |r| r.use_sla;
        refunds: bool = |r| r.refunds;
        coupons: bool = |r| r.coupons;
        returns: bool = |r| r.returns;
        repairs: bool = |r| r.repairs;
        field_service: bool = |r| r.field_service;
        field_service_project: Option<i64> = |r| r.field_service_project;
        auto_close: bool = |r| r.auto_close;
        auto_close_days: u32 = |r| r.auto_close_days;
        auto_close_from_stages: Vec<i64> = |r| raw_ids(&r.auto_close_from_stages);
        closing_stage: Option<i64> = |r| raw_opt(r.closing_stage);
        customer_can_close: bool = |r| r.customer_can_close;
        time_tracking: bool = |r| r.time_tracking;
        time_billing: bool = |r| r.time_billing;
        ratings: bool = |r| r.ratings;
        public_ratings: bool = |r| r.public_ratings;
    }
    extra {
        /// Settings with the core's defaults, changed by the arguments given.
        #[new]
        #[pyo3(signature = (
            *, auto_assignment = None, assignment_method = None, calendar = None,
            use_sla = None, refunds = None, coupons = None, returns = None, repairs = None,
            field_service = None, field_service_project = None, auto_close = None,
            auto_close_days = None, auto_close_from_stages = None, closing_stage = None,
            customer_can_close = None, time_tracking = None, time_billing = None,
            ratings = None, public_ratings = None,
        ))]
        #[allow(clippy::too_many_arguments)]
        fn new(
            py: Python<'_>,
            auto_assignment: Option<bool>,
            assignment_method: Option<crate::convert::EnumArg<hd::AssignmentMethod>>,
            calendar: Option<Arg<hd::CalendarId>>,
            use_sla: Option<bool>,
            refunds: Option<bool>,
            coupons: Option<bool>,
            returns: Option<bool>,
            repairs: Option<bool>,
            field_service: Option<bool>,
            field_service_project: Option<Arg<hd::FieldServiceProjectId>>,
            auto_close: Option<bool>,
            auto_close_days: Option<Arg<u32>>,
            auto_close_from_stages: Option<Vec<Arg<hd::StageId>>>,
            closing_stage: Option<Arg<hd::StageId>>,
            customer_can_close: Option<bool>,
            time_tracking: Option<bool>,
            time_billing: Option<bool>,
            ratings: Option<bool>,
            public_ratings: Option<bool>,
        ) -> PyResult<Self> {
            let calendar = calendar.read(py, "calendar")?;
            let field_service_project = field_service_project.read(py, "field_service_project")?;
            let auto_close_days = auto_close_days.read(py, "auto_close_days")?;
            let auto_close_from_stages = auto_close_from_stages.read(py, "auto_close_from_stages")?;
            let closing_stage = closing_stage.read(py, "closing_stage")?;
            let d = hd::TeamSettings::default();
            Ok(TeamSettings(hd::TeamSettings {
                auto_assignment: auto_assignment.unwrap_or(d.auto_assignment),
                assignment_method: assignment_method.map_or(d.assignment_method, |m| m.0),
                calendar: calendar.or(d.calendar),
                use_sla: use_sla.unwrap_or(d.use_sla),
                refunds: refunds.unwrap_or(d.refunds),
                coupons: coupons.unwrap_or(d.coupons),
                returns: returns.unwrap_or(d.returns),
                repairs: repairs.unwrap_or(d.repairs),
                field_service: field_service.unwrap_or(d.field_service),
                field_service_project: field_service_project
                    .map(|project| project.0)
                    .or(d.field_service_project),
                auto_close: auto_close.unwrap_or(d.auto_close),
                auto_close_days: auto_close_days.unwrap_or(d.auto_close_days),
                auto_close_from_stages: auto_close_from_stages.unwrap_or(d.auto_close_from_stages),
                closing_stage: closing_stage.or(d.closing_stage),
                customer_can_close: customer_can_close.unwrap_or(d.customer_can_close),
                time_tracking: time_tracking.unwrap_or(d.time_tracking),
                time_billing: time_billing.unwrap_or(d.time_billing),
                ratings: ratings.unwrap_or(d.ratings),
                public_ratings: public_ratings.unwrap_or(d.public_ratings),
            }))
        }
    }
}

record! {
    /// A helpdesk team.
    Team(hd::Team) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        name: String = |r| r.name.clone();
        description: String = |r| r.description.clone();
        visibility: EnumOut<hd::Visibility> = |r| EnumOut(r.visibility);
        members: Vec<i64> = |r| raw_ids(&r.members);
        settings: TeamSettings = |r| TeamSettings(r.settings.clone());
        active: bool = |r| r.active;
    }
}

record! {
    /// A step of the ticket pipeline; a folded stage means *closed*.
    Stage(hd::Stage) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        name: String = |r| r.name.clone();
        sequence: i32 = |r| r.sequence;
        folded: bool = |r| r.folded;
        teams: Vec<i64> = |r| raw_ids(&r.teams);
        email_template: Option<String> = |r| r.email_template.clone();
        sms_template: Option<String> = |r| r.sms_template.clone();
    }
}

record! {
    /// A label on tickets.
    Tag(hd::Tag) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        name: String = |r| r.name.clone();
    }
}

record! {
    /// A kind of ticket (question, issue, ...).
    TicketType(hd::TicketType) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        name: String = |r| r.name.clone();
    }
}

record! {
    /// A link from a ticket to a document made from it.
    DocumentRef(hd::DocumentRef) {
        kind: EnumOut<hd::DocumentKind> = |r| EnumOut(r.kind);
        id: i64 = |r| r.id;
    }
}

record! {
    /// A customer request.
    Ticket(hd::Ticket) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        number: i64 = |r| r.number;
        reference: String = |r| r.reference.clone();
        subject: String = |r| r.subject.clone();
        description: String = |r| r.description.clone();
        team: Option<i64> = |r| raw_opt(r.team);
        stage: i64 = |r| r.stage.raw();
        priority: EnumOut<hd::Priority> = |r| EnumOut(r.priority);
        ticket_type: Option<i64> = |r| raw_opt(r.ticket_type);
        tags: Vec<i64> = |r| raw_ids(&r.tags);
        customer: Option<i64> = |r| raw_opt(r.customer);
        assignee: Option<i64> = |r| raw_opt(r.assignee);
        product: Option<i64> = |r| raw_opt(r.product);
        lot: Option<String> = |r| r.lot.clone();
        created_at: DateTime<Utc> = |r| r.created_at;
        assigned_at: Option<DateTime<Utc>> = |r| r.assigned_at;
        closed_at: Option<DateTime<Utc>> = |r| r.closed_at;
        last_stage_change_at: DateTime<Utc> = |r| r.last_stage_change_at;
        last_activity_at: DateTime<Utc> = |r| r.last_activity_at;
        active: bool = |r| r.active;
        closed_by_customer: bool = |r| r.closed_by_customer;
        documents: Vec<DocumentRef> = |r| r.documents.iter().copied().map(DocumentRef).collect();
        sla_deadline: Option<DateTime<Utc>> = |r| r.sla_deadline;
        sla_reached_late: bool = |r| r.sla_reached_late;
        /// The order line its time is charged to.
        sale_line: Option<OrderLineRef> = |r| r.sale_line.map(OrderLineRef);
    }
}

record! {
    /// A ticket to create, for `Helpdesk.create_tickets` (the arguments of
    /// `Helpdesk.create_ticket`); every argument left out takes the core's
    /// default.
    NewTicket(hd::NewTicket) {
        subject: String = |r| r.subject.clone();
        team: Option<i64> = |r| raw_opt(r.team);
        company: Option<i64> = |r| raw_opt(r.company);
        description: String = |r| r.description.clone();
        priority: EnumOut<hd::Priority> = |r| EnumOut(r.priority);
        ticket_type: Option<i64> = |r| raw_opt(r.ticket_type);
        tags: Vec<i64> = |r| raw_ids(&r.tags);
        customer: Option<i64> = |r| raw_opt(r.customer);
        assignee: Option<i64> = |r| raw_opt(r.assignee);
        product: Option<i64> = |r| raw_opt(r.product);
        lot: Option<String> = |r| r.lot.clone();
        cc: Vec<i64> = |r| raw_ids(&r.cc);
    }
    extra {
        /// The ticket `subject`, with the other fields given or the core's defaults.
        #[new]
        #[pyo3(signature = (
            *, subject, team = None, company = None, description = None, priority = None,
            ticket_type = None, tags = None, customer = None, assignee = None, product = None,
            lot = None, cc = None,
        ))]
        #[allow(clippy::too_many_arguments)]
        pub(crate) fn new(
            py: Python<'_>,
            subject: String,
            team: Option<Arg<hd::TeamId>>,
            company: Option<Arg<hd::CompanyId>>,
            description: Option<String>,
            priority: Option<EnumArg<hd::Priority>>,
            ticket_type: Option<Arg<hd::TicketTypeId>>,
            tags: Option<Vec<Arg<hd::TagId>>>,
            customer: Option<Arg<hd::PartnerId>>,
            assignee: Option<Arg<hd::UserId>>,
            product: Option<Arg<hd::ProductId>>,
            lot: Option<String>,
            cc: Option<Vec<Arg<hd::PartnerId>>>,
        ) -> PyResult<Self> {
            let team = team.read(py, "team")?;
            let company = company.read(py, "company")?;
            let ticket_type = ticket_type.read(py, "ticket_type")?;
            let tags = tags.read(py, "tags")?;
            let customer = customer.read(py, "customer")?;
            let assignee = assignee.read(py, "assignee")?;
            let product = product.read(py, "product")?;
            let cc = cc.read(py, "cc")?;
            let d = hd::NewTicket::default();
            Ok(NewTicket(hd::NewTicket {
                team,
                company,
                subject,
                description: description.unwrap_or(d.description),
                priority: priority.map_or(d.priority, |p| p.0),
                ticket_type,
                tags: tags.unwrap_or(d.tags),
                customer,
                assignee,
                product,
                lot,
                cc: cc.unwrap_or(d.cc),
            }))
        }
    }
}

record! {
    /// A message in a ticket's chatter: a public reply or an internal note.
    Message(hd::Message) {
        id: i64 = |r| r.id.raw();
        ticket: i64 = |r| r.ticket.raw();
        kind: EnumOut<hd::MessageKind> = |r| EnumOut(r.kind);
        author: Option<i64> = |r| raw_opt(r.author);
        author_partner: Option<i64> = |r| raw_opt(r.author_partner);
        body: String = |r| r.body.clone();
        at: DateTime<Utc> = |r| r.at;
    }
}

record! {
    /// One entry of a ticket's stage history: the ticket entered `stage` at `at`.
    StageChange(hd::StageChange) {
        ticket: i64 = |r| r.ticket.raw();
        stage: i64 = |r| r.stage.raw();
        at: DateTime<Utc> = |r| r.at;
        by: Option<i64> = |r| raw_opt(r.by);
    }
}

record! {
    /// A message the host must send (e-mail, SMS, notification); acknowledge it once sent.
    OutboxMessage(hd::OutboxMessage) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        kind: EnumOut<hd::OutboxKind> = |r| EnumOut(r.kind);
        recipients: Vec<i64> = |r| raw_ids(&r.recipients);
        template: Option<String> = |r| r.template.clone();
        subject: String = |r| r.subject.clone();
        body: String = |r| r.body.clone();
        ticket: Option<i64> = |r| raw_opt(r.ticket);
        created_at: DateTime<Utc> = |r| r.created_at;
    }
}

record! {
    /// A page of tickets; pass `next_cursor` back as `cursor` for the next page.
    TicketPage(hd::TicketPage) {
        tickets: Vec<Ticket> = |r| r.tickets.iter().cloned().map(Ticket).collect();
        next_cursor: Option<String> = |r| r.next_cursor.clone();
    }
}

record! {
    /// What a stored calendar is: weekly hours in an IANA time zone, minus
    /// closures. Plain data (checked when the desk stores it, or when a
    /// `WorkingCalendar` is built from it); build one with keyword arguments,
    /// as `WorkingCalendar`.
    CalendarSpec(helpdesk::calendar::CalendarSpec) {
        time_zone: String = |r| r.time_zone.clone();
        hours: Vec<WorkingHours> = |r| r.hours.iter().copied().map(WorkingHours).collect();
        closures: Vec<Closure> = |r| r.closures.iter().cloned().map(Closure).collect();
    }
    extra {
        /// The spec `time_zone`, `hours`, `closures` (none by default).
        #[new]
        #[pyo3(signature = (*, time_zone, hours, closures = None))]
        pub(crate) fn new(
            time_zone: String,
            hours: Vec<WorkingHours>,
            closures: Option<Vec<Closure>>,
        ) -> Self {
            CalendarSpec(helpdesk::calendar::CalendarSpec {
                time_zone,
                hours: hours.into_iter().map(|h| h.0).collect(),
                closures: closures
                    .unwrap_or_default()
                    .into_iter()
                    .map(|c| c.0)
                    .collect(),
            })
        }
    }
}

record! {
    /// A named working calendar of a company, stored by the desk.
    Calendar(hd::Calendar) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        name: String = |r| r.name.clone();
        spec: CalendarSpec = |r| CalendarSpec(r.spec.clone());
    }
}

record! {
    /// A period a user does not work (an agent's time off): from `from_`
    /// (inclusive) to `to` (exclusive).
    Leave(hd::Leave) {
        id: i64 = |r| r.id.raw();
        user: i64 = |r| r.user.raw();
        from_: DateTime<Utc> = |r| r.from;
        to: DateTime<Utc> = |r| r.to;
        reason: String = |r| r.reason.clone();
    }
}

record! {
    /// The working time an SLA policy allows: `days` count as the team
    /// calendar's hours per day (a team without a calendar: 24 h). Build one
    /// with keyword arguments; those left out take the core's default (0).
    Within(hd::Within) {
        days: u32 = |r| r.days;
        hours: u32 = |r| r.hours;
        minutes: u32 = |r| r.minutes;
    }
    extra {
        /// `days`, `hours` and `minutes` of working time.
        #[new]
        #[pyo3(signature = (*, days = None, hours = None, minutes = None))]
        fn new(
            py: Python<'_>,
            days: Option<Arg<u32>>,
            hours: Option<Arg<u32>>,
            minutes: Option<Arg<u32>>,
        ) -> PyResult<Self> {
            let days = days.read(py, "days")?;
            let hours = hours.read(py, "hours")?;
            let minutes = minutes.read(py, "minutes")?;
            let d = hd::Within::default();
            Ok(Within(hd::Within {
                days: days.unwrap_or(d.days),
                hours: hours.unwrap_or(d.hours),
                minutes: minutes.unwrap_or(d.minutes),
            }))
        }
    }
}

record! {
    /// A service-level agreement of a team: tickets matching it must reach
    /// `target_stage` within the working time `within`.
    SlaPolicy(hd::SlaPolicy) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        team: i64 = |r| r.team.raw();
        name: String = |r| r.name.clone();
        description: String = |r| r.description.clone();
        priority: EnumOut<hd::Priority> = |r| EnumOut(r.priority);
        tags: Vec<i64> = |r| raw_ids(&r.tags);
        customers: Vec<i64> = |r| raw_ids(&r.customers);
        ticket_types: Vec<i64> = |r| raw_ids(&r.ticket_types);
        target_stage: i64 = |r| r.target_stage.raw();
        excluded_stages: Vec<i64> = |r| raw_ids(&r.excluded_stages);
        within: Within = |r| Within(r.within);
        active: bool = |r| r.active;
    }
}

record! {
    /// One SLA status of a ticket as it stands now.
    SlaStatusView(hd::SlaStatusView) {
        policy: i64 = |r| r.policy.raw();
        policy_name: String = |r| r.policy_name.clone();
        target_stage: i64 = |r| r.target_stage.raw();
        deadline: Option<DateTime<Utc>> = |r| r.deadline;
        reached_at: Option<DateTime<Utc>> = |r| r.reached_at;
        state: EnumOut<hd::SlaState> = |r| EnumOut(r.state);
        exceeded_seconds: Option<i64> = |r| r.exceeded_seconds;
    }
}

record! {
    /// The figures of a set of SLA statuses; `success_rate` is a percentage
    /// with two decimals (`None` without tickets).
    SlaFigures(hd::SlaFigures) {
        tickets: u64 = |r| r.tickets;
        failed: u64 = |r| r.failed;
        success_rate: Option<Decimal> = |r| r.success_rate;
        average_exceeded_seconds: Option<i64> = |r| r.average_exceeded_seconds;
        worst_exceeded_seconds: Option<i64> = |r| r.worst_exceeded_seconds;
    }
}

record! {
    /// The figures of one policy in an SLA report.
    SlaPolicyFigures(hd::SlaPolicyFigures) {
        policy: i64 = |r| r.policy.raw();
        name: String = |r| r.name.clone();
        figures: SlaFigures = |r| SlaFigures(r.figures.clone());
    }
}

record! {
    /// The SLA report: the figures in total and per policy (by increasing id).
    SlaReport(hd::SlaReport) {
        total: SlaFigures = |r| SlaFigures(r.total.clone());
        by_policy: Vec<SlaPolicyFigures> = |r| r.by_policy.iter().cloned().map(SlaPolicyFigures).collect();
    }
}

record! {
    /// A currency: an ISO 4217 code and the decimal places its amounts are
    /// rounded to (EUR 2, JPY 0, KWD 3, or as `define_currency` set it).
    Currency(hd::Currency) {
        code: String = |r| r.code.clone();
        decimals: u32 = |r| r.decimals;
    }
}

record! {
    /// Something sold: goods or a service.
    Product(hd::Product) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        name: String = |r| r.name.clone();
        tracking: EnumOut<hd::Tracking> = |r| EnumOut(r.tracking);
        sale_price: Decimal = |r| r.sale_price;
        taxes: Vec<i64> = |r| raw_ids(&r.taxes);
        /// The unit it is sold in (`None`: units).
        unit: Option<i64> = |r| raw_opt(r.unit);
        /// For a service: how it is invoiced.
        service_policy: Option<EnumOut<hd::ServicePolicy>> = |r| r.service_policy.map(EnumOut);
    }
}

record! {
    /// A sales tax.
    Tax(hd::Tax) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        name: String = |r| r.name.clone();
        percent: Decimal = |r| r.percent;
        price_included: bool = |r| r.price_included;
    }
}

record! {
    /// An accounting journal; its `code` prefixes the numbers it gives.
    Journal(hd::Journal) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        name: String = |r| r.name.clone();
        code: String = |r| r.code.clone();
        kind: EnumOut<hd::JournalKind> = |r| EnumOut(r.kind);
    }
}

record! {
    /// A line of a sales order; build one with keyword arguments for
    /// `Helpdesk.create_sale_order`.
    SaleOrderLine(hd::SaleOrderLine) {
        product: i64 = |r| r.product.raw();
        quantity: Decimal = |r| r.quantity;
        unit_price: Decimal = |r| r.unit_price;
        /// The unit of `quantity` (`None`: the product's).
        unit: Option<i64> = |r| raw_opt(r.unit);
    }
    extra {
        /// `quantity` of `product` at `unit_price` (decimals: `Decimal`, `int`
        /// or `str`), in `unit` (default the product's).
        #[new]
        #[pyo3(signature = (*, product, quantity, unit_price, unit = None))]
        fn new(
            py: Python<'_>,
            product: Arg<hd::ProductId>,
            quantity: Arg<Decimal>,
            unit_price: Arg<Decimal>,
            unit: Option<Arg<hd::UnitId>>,
        ) -> PyResult<Self> {
            let product = product.read(py, "product")?;
            let quantity = quantity.read(py, "quantity")?;
            let unit_price = unit_price.read(py, "unit_price")?;
            let unit = unit.read(py, "unit")?;
            Ok(SaleOrderLine(hd::SaleOrderLine {
                product,
                quantity,
                unit_price,
                unit,
            }))
        }
    }
}

record! {
    /// A sales order.
    SaleOrder(hd::SaleOrder) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        reference: String = |r| r.reference.clone();
        customer: i64 = |r| r.customer.raw();
        commercial_partner: i64 = |r| r.commercial_partner.raw();
        currency: Currency = |r| Currency(r.currency.clone());
        state: EnumOut<hd::SaleOrderState> = |r| EnumOut(r.state);
        lines: Vec<SaleOrderLine> = |r| r.lines.iter().cloned().map(SaleOrderLine).collect();
        confirmed_at: Option<DateTime<Utc>> = |r| r.confirmed_at;
        /// Who sold it (upsell alerts go to them).
        salesperson: Option<i64> = |r| raw_opt(r.salesperson);
        /// The lines whose upsell alert was raised (once per line).
        upsell_alerted: Vec<u32> = |r| r.upsell_alerted.clone();
    }
}

record! {
    /// A line of an invoice or credit note, its amounts rounded per the
    /// currency; on a credit note, `reverses` is the index of the invoice
    /// line it reverses.
    InvoiceLine(hd::InvoiceLine) {
        product: Option<i64> = |r| raw_opt(r.product);
        label: String = |r| r.label.clone();
        quantity: Decimal = |r| r.quantity;
        unit_price: Decimal = |r| r.unit_price;
        taxes: Vec<i64> = |r| raw_ids(&r.taxes);
        subtotal: Decimal = |r| r.subtotal;
        tax: Decimal = |r| r.tax;
        total: Decimal = |r| r.total;
        reverses: Option<usize> = |r| r.reverses;
        /// The line (index) of the invoice's sales order it bills.
        sale_line: Option<u32> = |r| r.sale_line;
    }
}

record! {
    /// A customer invoice or credit note.
    Invoice(hd::Invoice) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        kind: EnumOut<hd::InvoiceKind> = |r| EnumOut(r.kind);
        number: Option<String> = |r| r.number.clone();
        customer: i64 = |r| r.customer.raw();
        commercial_partner: i64 = |r| r.commercial_partner.raw();
        journal: i64 = |r| r.journal.raw();
        currency: Currency = |r| Currency(r.currency.clone());
        date: NaiveDate = |r| r.date;
        state: EnumOut<hd::InvoiceState> = |r| EnumOut(r.state);
        payment_state: EnumOut<hd::PaymentState> = |r| EnumOut(r.payment_state);
        sale_order: Option<i64> = |r| raw_opt(r.sale_order);
        reference: String = |r| r.reference.clone();
        reversed_invoice: Option<i64> = |r| raw_opt(r.reversed_invoice);
        ticket: Option<i64> = |r| raw_opt(r.ticket);
        scheduled_post: Option<NaiveDate> = |r| r.scheduled_post;
        lines: Vec<InvoiceLine> = |r| r.lines.iter().cloned().map(InvoiceLine).collect();
        untaxed: Decimal = |r| r.untaxed;
        tax: Decimal = |r| r.tax;
        total: Decimal = |r| r.total;
    }
}

record! {
    /// A line of an invoice to create, for `Helpdesk.create_invoice`; what
    /// is left out comes from the product (name, sale price, taxes).
    NewInvoiceLine(hd::NewInvoiceLine) {
        product: Option<i64> = |r| raw_opt(r.product);
        label: Option<String> = |r| r.label.clone();
        quantity: Decimal = |r| r.quantity;
        unit_price: Option<Decimal> = |r| r.unit_price;
        taxes: Option<Vec<i64>> = |r| r.taxes.as_deref().map(raw_ids);
    }
    extra {
        /// `quantity` of `product` (or of a `label`led line), with the
        /// product's defaults for what is left out.
        #[new]
        #[pyo3(signature = (*, quantity, product = None, label = None, unit_price = None, taxes = None))]
        fn new(
            py: Python<'_>,
            quantity: Arg<Decimal>,
            product: Option<Arg<hd::ProductId>>,
            label: Option<String>,
            unit_price: Option<Arg<Decimal>>,
            taxes: Option<Vec<Arg<hd::TaxId>>>,
        ) -> PyResult<Self> {
            let quantity = quantity.read(py, "quantity")?;
            let product = product.read(py, "product")?;
            let unit_price = unit_price.read(py, "unit_price")?;
            let taxes = taxes.read(py, "taxes")?;
            Ok(NewInvoiceLine(hd::NewInvoiceLine {
                product,
                label,
                quantity,
                unit_price,
                taxes,
            }))
        }
    }
}

record! {
    /// An invoice that may be refunded, with its total not yet taken by
    /// credit notes (drafts included).
    RefundableInvoice(hd::RefundableInvoice) {
        invoice: Invoice = |r| Invoice(r.invoice.clone());
        remaining: Decimal = |r| r.remaining;
    }
}

record! {
    /// The refund wizard's defaults for a ticket.
    RefundDefaults(hd::RefundDefaults) {
        sale_order: Option<i64> = |r| raw_opt(r.sale_order);
        reason: String = |r| r.reason.clone();
        reversal_date: NaiveDate = |r| r.reversal_date;
    }
}

record! {
    /// What `reverse_and_reinvoice` made: the credit note (posted, or a
    /// draft scheduled for its date) and the draft copy of the invoice.
    Reinvoice(hd::Reinvoice) {
        credit_note: Invoice = |r| Invoice(r.credit_note.clone());
        invoice: Invoice = |r| Invoice(r.invoice.clone());
    }
}

record! {
    /// A coupon program's reward; build one with keyword arguments (those
    /// left out take the core's defaults).
    Reward(hd::Reward) {
        kind: EnumOut<hd::RewardKind> = |r| EnumOut(r.kind);
        discount_percent: Decimal = |r| r.discount_percent;
        fixed_amount: Decimal = |r| r.fixed_amount;
        free_product: Option<i64> = |r| raw_opt(r.free_product);
        scope: EnumOut<hd::RewardScope> = |r| EnumOut(r.scope);
        products: Vec<i64> = |r| raw_ids(&r.products);
        max_discount: Option<Decimal> = |r| r.max_discount;
    }
    extra {
        /// A reward of `kind`: `discount_percent` for a discount,
        /// `fixed_amount` for a fixed amount, `free_product` for a free product.
        #[new]
        #[pyo3(signature = (
            *, kind, discount_percent = None, fixed_amount = None, free_product = None,
            scope = None, products = None, max_discount = None,
        ))]
        #[allow(clippy::too_many_arguments)]
        fn new(
            py: Python<'_>,
            kind: EnumArg<hd::RewardKind>,
            discount_percent: Option<Arg<Decimal>>,
            fixed_amount: Option<Arg<Decimal>>,
            free_product: Option<Arg<hd::ProductId>>,
            scope: Option<EnumArg<hd::RewardScope>>,
            products: Option<Vec<Arg<hd::ProductId>>>,
            max_discount: Option<Arg<Decimal>>,
        ) -> PyResult<Self> {
            let discount_percent = discount_percent.read(py, "reward.discount_percent")?;
            let fixed_amount = fixed_amount.read(py, "reward.fixed_amount")?;
            let free_product = free_product.read(py, "reward.free_product")?;
            let products = products.read(py, "products")?;
            let max_discount = max_discount.read(py, "reward.max_discount")?;
            Ok(Reward(hd::Reward {
                kind: kind.0,
                discount_percent: discount_percent
                .unwrap_or_default(),
                fixed_amount: fixed_amount
                    .unwrap_or_default(),
                free_product,
                scope: scope.map(|s| s.0).unwrap_or_default(),
                products: products.unwrap_or_default(),
                max_discount,
            }))
        }
    }
}

record! {
    /// When an order qualifies for a coupon program's reward; every
    /// condition given must hold. Build one with keyword arguments.
    RewardConditions(hd::RewardConditions) {
        minimum_quantity: Option<Decimal> = |r| r.minimum_quantity;
        minimum_amount: Option<Decimal> = |r| r.minimum_amount;
        products: Vec<i64> = |r| raw_ids(&r.products);
    }
    extra {
        /// A minimum quantity, a minimum amount, and products of which the
        /// order must hold one (none of them by default).
        #[new]
        #[pyo3(signature = (*, minimum_quantity = None, minimum_amount = None, products = None))]
        fn new(
            py: Python<'_>,
            minimum_quantity: Option<Arg<Decimal>>,
            minimum_amount: Option<Arg<Decimal>>,
            products: Option<Vec<Arg<hd::ProductId>>>,
        ) -> PyResult<Self> {
            let minimum_quantity = minimum_quantity.read(py, "conditions.minimum_quantity")?;
            let minimum_amount = minimum_amount.read(py, "conditions.minimum_amount")?;
            let products = products.read(py, "conditions.products")?;
            Ok(RewardConditions(hd::RewardConditions {
                minimum_quantity,
                minimum_amount,
                products: products.unwrap_or_default(),
            }))
        }
    }
}

record! {
    /// A coupon program.
    CouponProgram(hd::CouponProgram) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        name: String = |r| r.name.clone();
        currency: Currency = |r| Currency(r.currency.clone());
        reward: Reward = |r| Reward(r.reward.clone());
        conditions: RewardConditions = |r| RewardConditions(r.conditions.clone());
        valid_from: Option<NaiveDate> = |r| r.valid_from;
        valid_until: Option<NaiveDate> = |r| r.valid_until;
        usage_limit: Option<u32> = |r| r.usage_limit;
        used: u32 = |r| r.used;
        points_per_use: u32 = |r| r.points_per_use;
        active: bool = |r| r.active;
    }
}

record! {
    /// A coupon: its canonical code (`XXXX-XXXX-XXXX-XXXX-C`), the customer
    /// it is reserved for, and the points left.
    Coupon(hd::Coupon) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        program: i64 = |r| r.program.raw();
        code: String = |r| r.code.clone();
        partner: Option<i64> = |r| raw_opt(r.partner);
        points: u32 = |r| r.points;
        valid_until: Option<NaiveDate> = |r| r.valid_until;
        ticket: Option<i64> = |r| raw_opt(r.ticket);
        created_at: DateTime<Utc> = |r| r.created_at;
    }
}

record! {
    /// What a redemption gave: the coupon with its points taken, the amount
    /// off the order (zero without an order or for a free product), and the
    /// free product of such a reward.
    Redeemed(hd::Redeemed) {
        coupon: Coupon = |r| Coupon(r.coupon.clone());
        discount: Decimal = |r| r.discount;
        free_product: Option<i64> = |r| raw_opt(r.free_product);
    }
}

// ----- support hours -----

record! {
    /// A kind of quantity whose units convert into one another.
    UnitCategory(hd::UnitCategory) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        name: String = |r| r.name.clone();
        /// The company's working-time category (Hours and Days).
        working_time: bool = |r| r.working_time;
    }
}

record! {
    /// A unit of measure.
    Unit(hd::Unit) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        /// Its category: only units of one category convert.
        category: i64 = |r| r.category.raw();
        name: String = |r| r.name.clone();
        /// How many of the category's reference unit one of it is (Hours 1, Days 8).
        ratio: Decimal = |r| r.ratio;
        /// Quantities in it are rounded half up to a multiple of this.
        rounding: Decimal = |r| r.rounding;
    }
}

record! {
    /// A line of a sales order: the order and the line's index in it (from
    /// 0). Build one with keyword arguments for `Helpdesk.set_ticket_sale_line`.
    OrderLineRef(hd::OrderLineRef) {
        order: i64 = |r| r.order.raw();
        line: u32 = |r| r.line;
    }
    extra {
        /// Line `line` (from 0) of the sales order `order`.
        #[new]
        #[pyo3(signature = (*, order, line))]
        fn new(
            py: Python<'_>,
            order: Arg<hd::SaleOrderId>,
            line: Arg<u32>,
        ) -> PyResult<Self> {
            let order = order.read(py, "order")?;
            let line = line.read(py, "line")?;
            Ok(OrderLineRef(hd::OrderLineRef {
                order,
                line,
            }))
        }
    }
}

record! {
    /// Time logged on a ticket.
    TimeEntry(hd::TimeEntry) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        ticket: i64 = |r| r.ticket.raw();
        /// Who worked.
        agent: i64 = |r| r.agent.raw();
        /// The day worked.
        date: NaiveDate = |r| r.date;
        /// How long, in `unit`.
        quantity: Decimal = |r| r.quantity;
        /// A working-time unit.
        unit: i64 = |r| r.unit.raw();
        description: String = |r| r.description.clone();
        /// The order line it charges.
        sale_line: Option<OrderLineRef> = |r| r.sale_line.map(OrderLineRef);
        /// The invoice that billed it (post-paid).
        invoice: Option<i64> = |r| raw_opt(r.invoice);
    }
}

record! {
    /// A ticket's logged hours and its contract.
    TicketHours(hd::TicketHours) {
        /// Hours logged on the ticket.
        logged_hours: Decimal = |r| r.logged_hours;
        /// The order line its time is charged to.
        sale_line: Option<OrderLineRef> = |r| r.sale_line.map(OrderLineRef);
        /// Hours left on that line when it is prepaid (may be negative).
        remaining_hours: Option<Decimal> = |r| r.remaining_hours;
    }
}

record! {
    /// A service line of a customer's confirmed order with its balance.
    ContractLine(hd::ContractLine) {
        line: OrderLineRef = |r| OrderLineRef(r.line);
        /// The order's number.
        order_reference: String = |r| r.order_reference.clone();
        order_state: EnumOut<hd::SaleOrderState> = |r| EnumOut(r.order_state);
        /// The service.
        product: i64 = |r| r.product.raw();
        policy: EnumOut<hd::ServicePolicy> = |r| EnumOut(r.policy);
        /// The unit of the quantities.
        unit: i64 = |r| r.unit.raw();
        ordered: Decimal = |r| r.ordered;
        /// The time logged on it, in its unit.
        delivered: Decimal = |r| r.delivered;
        /// `ordered - delivered`; negative when overspent.
        remaining: Decimal = |r| r.remaining;
        /// `remaining` in hours.
        remaining_hours: Decimal = |r| r.remaining_hours;
        /// Invoiced (by invoices neither cancelled nor fully refunded).
        invoiced: Decimal = |r| r.invoiced;
        /// What invoicing would bill now.
        invoiceable: Decimal = |r| r.invoiceable;
        /// Delivered more than ordered.
        upselling: bool = |r| r.upselling;
    }
}

// ----- stock and returns -----

record! {
    /// A place goods are in.
    Location(hd::Location) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        name: String = |r| r.name.clone();
        kind: EnumOut<hd::LocationKind> = |r| EnumOut(r.kind);
    }
}

record! {
    /// A line of a transfer; build one with keyword arguments for
    /// `Helpdesk.create_delivery`.
    TransferLine(hd::TransferLine) {
        product: i64 = |r| r.product.raw();
        quantity: Decimal = |r| r.quantity;
        /// Lot or serial number.
        lot: Option<String> = |r| r.lot.clone();
        /// On a return: the index of the delivery line it returns.
        returns_line: Option<u32> = |r| r.returns_line;
    }
    extra {
        /// `quantity` of `product` (a `Decimal`, `int` or `str`), of `lot`.
        #[new]
        #[pyo3(signature = (*, product, quantity, lot = None))]
        fn new(
            py: Python<'_>,
            product: Arg<hd::ProductId>,
            quantity: Arg<Decimal>,
            lot: Option<String>,
        ) -> PyResult<Self> {
            let product = product.read(py, "product")?;
            let quantity = quantity.read(py, "quantity")?;
            Ok(TransferLine(hd::TransferLine {
                product,
                quantity,
                lot,
                returns_line: None,
            }))
        }
    }
}

record! {
    /// A move of goods between locations: a delivery or a return.
    Transfer(hd::Transfer) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        /// Its number, e.g. `WH/OUT/00001` or `WH/IN/00001`.
        reference: String = |r| r.reference.clone();
        kind: EnumOut<hd::TransferKind> = |r| EnumOut(r.kind);
        customer: i64 = |r| r.customer.raw();
        commercial_partner: i64 = |r| r.commercial_partner.raw();
        sale_order: Option<i64> = |r| raw_opt(r.sale_order);
        /// From (a location).
        source: i64 = |r| r.source.raw();
        /// To (a location).
        destination: i64 = |r| r.destination.raw();
        state: EnumOut<hd::TransferState> = |r| EnumOut(r.state);
        lines: Vec<TransferLine> = |r| r.lines.iter().cloned().map(TransferLine).collect();
        /// On a return: the delivery it returns.
        origin: Option<i64> = |r| raw_opt(r.origin);
        /// The ticket it was made from.
        ticket: Option<i64> = |r| raw_opt(r.ticket);
        done_at: Option<DateTime<Utc>> = |r| r.done_at;
    }
}

record! {
    /// A delivery line and what may come back of it.
    ReturnableLine(hd::ReturnableLine) {
        /// The line's index in the delivery.
        line: u32 = |r| r.line;
        product: i64 = |r| r.product.raw();
        lot: Option<String> = |r| r.lot.clone();
        delivered: Decimal = |r| r.delivered;
        /// Already returned (returns not cancelled).
        returned: Decimal = |r| r.returned;
        /// `delivered - returned`: the default quantity to return.
        returnable: Decimal = |r| r.returnable;
    }
}

record! {
    /// A done delivery with something left to return.
    ReturnableDelivery(hd::ReturnableDelivery) {
        delivery: Transfer = |r| Transfer(r.delivery.clone());
        lines: Vec<ReturnableLine> = |r| r.lines.iter().cloned().map(ReturnableLine).collect();
    }
}

record! {
    /// A quantity to return of one delivery line; build one with keyword
    /// arguments for `Helpdesk.return_products` and `return_for_exchange`.
    ReturnQuantity(hd::ReturnQuantity) {
        /// The delivery line's index (from 0).
        line: u32 = |r| r.line;
        /// How many (0 leaves the line out).
        quantity: Decimal = |r| r.quantity;
    }
    extra {
        /// `quantity` (a `Decimal`, `int` or `str`) of delivery line `line`.
        #[new]
        #[pyo3(signature = (*, line, quantity))]
        fn new(
            py: Python<'_>,
            line: Arg<u32>,
            quantity: Arg<Decimal>,
        ) -> PyResult<Self> {
            let line = line.read(py, "line")?;
            let quantity = quantity.read(py, "quantity")?;
            Ok(ReturnQuantity(hd::ReturnQuantity {
                line,
                quantity,
            }))
        }
    }
}

record! {
    /// What `return_for_exchange` made: the incoming return and the
    /// outgoing delivery of the replacements.
    Exchange(hd::Exchange) {
        return_transfer: Transfer = |r| Transfer(r.return_transfer.clone());
        delivery: Transfer = |r| Transfer(r.delivery.clone());
    }
}

// ----- repairs -----

record! {
    /// A part used in a repair.
    RepairPart(hd::RepairPart) {
        product: i64 = |r| r.product.raw();
        quantity: Decimal = |r| r.quantity;
        /// Sale price (zero under warranty).
        unit_price: Decimal = |r| r.unit_price;
    }
}

record! {
    /// A repair order made from a ticket.
    Repair(hd::Repair) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        /// Its number, e.g. `RO/00001`.
        reference: String = |r| r.reference.clone();
        ticket: i64 = |r| r.ticket.raw();
        customer: Option<i64> = |r| raw_opt(r.customer);
        /// The product to repair.
        product: i64 = |r| r.product.raw();
        /// Its lot or serial number.
        lot: Option<String> = |r| r.lot.clone();
        /// The return it came back with.
        return_transfer: Option<i64> = |r| raw_opt(r.return_transfer);
        /// The sales order it was sold with.
        sale_order: Option<i64> = |r| raw_opt(r.sale_order);
        scheduled_date: NaiveDate = |r| r.scheduled_date;
        /// Who manages it.
        responsible: Option<i64> = |r| raw_opt(r.responsible);
        tags: Vec<String> = |r| r.tags.clone();
        /// Every part's sale price is zero.
        under_warranty: bool = |r| r.under_warranty;
        parts: Vec<RepairPart> = |r| r.parts.iter().cloned().map(RepairPart).collect();
        /// Internal notes.
        notes: String = |r| r.notes.clone();
        state: EnumOut<hd::RepairState> = |r| EnumOut(r.state);
        /// The quotation (sales order) made from it.
        quotation: Option<i64> = |r| raw_opt(r.quotation);
    }
}

// ----- field service -----

record! {
    /// A field-service project.
    FieldServiceProject(hd::FieldServiceProject) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        name: String = |r| r.name.clone();
        /// Whether its tasks carry worksheets.
        worksheets: bool = |r| r.worksheets;
        /// The worksheet template its tasks get by default.
        default_worksheet_template: Option<String> = |r| r.default_worksheet_template.clone();
    }
}

record! {
    /// An on-site intervention planned from a ticket.
    FieldServiceTask(hd::FieldServiceTask) {
        id: i64 = |r| r.id.raw();
        company: i64 = |r| r.company.raw();
        project: i64 = |r| r.project.raw();
        /// The ticket it was planned from.
        ticket: i64 = |r| r.ticket.raw();
        title: String = |r| r.title.clone();
        customer: Option<i64> = |r| raw_opt(r.customer);
        /// Where to go (the customer's address when planned).
        address: Option<String> = |r| r.address.clone();
        /// The worksheet template (projects with worksheets only).
        worksheet_template: Option<String> = |r| r.worksheet_template.clone();
        stage: EnumOut<hd::TaskStage> = |r| EnumOut(r.stage);
    }
}

/// Registers the record classes on the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Company>()?;
    m.add_class::<Partner>()?;
    m.add_class::<User>()?;
    m.add_class::<TeamSettings>()?;
    m.add_class::<Team>()?;
    m.add_class::<Stage>()?;
    m.add_class::<Tag>()?;
    m.add_class::<TicketType>()?;
    m.add_class::<DocumentRef>()?;
    m.add_class::<Ticket>()?;
    m.add_class::<Message>()?;
    m.add_class::<StageChange>()?;
    m.add_class::<OutboxMessage>()?;
    m.add_class::<TicketPage>()?;
    m.add_class::<CalendarSpec>()?;
    m.add_class::<Calendar>()?;
    m.add_class::<NewTicket>()?;
    m.add_class::<Leave>()?;
    m.add_class::<Within>()?;
    m.add_class::<SlaPolicy>()?;
    m.add_class::<SlaStatusView>()?;
    m.add_class::<SlaFigures>()?;
    m.add_class::<SlaPolicyFigures>()?;
    m.add_class::<SlaReport>()?;
    m.add_class::<Currency>()?;
    m.add_class::<Product>()?;
    m.add_class::<Tax>()?;
    m.add_class::<Journal>()?;
    m.add_class::<SaleOrderLine>()?;
    m.add_class::<SaleOrder>()?;
    m.add_class::<InvoiceLine>()?;
    m.add_class::<Invoice>()?;
    m.add_class::<NewInvoiceLine>()?;
    m.add_class::<RefundableInvoice>()?;
    m.add_class::<RefundDefaults>()?;
    m.add_class::<Reinvoice>()?;
    m.add_class::<Reward>()?;
    m.add_class::<RewardConditions>()?;
    m.add_class::<CouponProgram>()?;
    m.add_class::<Coupon>()?;
    m.add_class::<Redeemed>()?;
    m.add_class::<UnitCategory>()?;
    m.add_class::<Unit>()?;
    m.add_class::<OrderLineRef>()?;
    m.add_class::<TimeEntry>()?;
    m.add_class::<TicketHours>()?;
    m.add_class::<ContractLine>()?;
    m.add_class::<Location>()?;
    m.add_class::<TransferLine>()?;
    m.add_class::<Transfer>()?;
    m.add_class::<ReturnableLine>()?;
    m.add_class::<ReturnableDelivery>()?;
    m.add_class::<ReturnQuantity>()?;
    m.add_class::<Exchange>()?;
    m.add_class::<RepairPart>()?;
    m.add_class::<Repair>()?;
    m.add_class::<FieldServiceProject>()?;
    m.add_class::<FieldServiceTask>()?;
    Ok(())
}
