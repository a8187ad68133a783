//! Creating and changing tickets, followers and messages.

use super::outbox::Outgoing;
use super::records::{load, load_in, Records};
use super::sla::SlaChange;
use super::{Helpdesk, Viewer, Work};
use crate::access::{self, Actor};
use crate::ids::{
    CompanyId, MessageId, PartnerId, ProductId, StageId, TagId, TeamId, TicketId, TicketTypeId,
    UserId,
};
use crate::model::{
    Message, MessageKind, OutboxEvent, OutboxKind, OutboxPayload, Partner, Priority, Stage,
    StageChange, Team, Ticket, User, UserKind, Visibility,
};
use crate::store::{Followable, RecordKey, Sequence};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Input of [`Helpdesk::create_ticket`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewTicket {
    /// The team; the ticket's company is the team's.
    #[serde(default)]
    pub team: Option<TeamId>,
    /// The company, required only for a ticket without a team.
    #[serde(default)]
    pub company: Option<CompanyId>,
    /// Subject (required).
    pub subject: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Priority (default low).
    #[serde(default)]
    pub priority: Priority,
    /// Ticket type.
    #[serde(default)]
    pub ticket_type: Option<TicketTypeId>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<TagId>,
    /// Customer contact (made a follower, VIS-5).
    #[serde(default)]
    pub customer: Option<PartnerId>,
    /// Assignee (made a follower, VIS-5).
    #[serde(default)]
    pub assignee: Option<UserId>,
    /// Product the ticket is about.
    #[serde(default)]
    pub product: Option<ProductId>,
    /// Lot or serial number.
    #[serde(default)]
    pub lot: Option<String>,
    /// CC'd contacts: those that are internal users follow the ticket (VIS-5).
    #[serde(default)]
    pub cc: Vec<PartnerId>,
}

/// Input of [`Helpdesk::submit_ticket`]: the public ticket form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Submission {
    /// The team (must be visible on the portal, VIS-7).
    pub team: TeamId,
    /// Subject (required).
    pub subject: String,
    /// Description.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: String,
}

/// Input of [`Helpdesk::update_ticket`]: `None` keeps a field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TicketUpdate {
    /// New subject (not empty).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub subject: Option<String>,
    /// New description.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: Option<String>,
    /// New priority.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub priority: Option<Priority>,
    /// New tag list.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub tags: Option<Vec<TagId>>,
}

impl Work<'_> {
    fn check_tags(&mut self, company: CompanyId, tags: &[TagId]) -> Result<()> {
        for tag in tags {
            load_in(self.tx, *tag, company)?;
        }
        Ok(())
    }

    fn check_type(&mut self, company: CompanyId, ticket_type: Option<TicketTypeId>) -> Result<()> {
        if let Some(id) = ticket_type {
            load_in(self.tx, id, company)?;
        }
        Ok(())
    }

    fn check_customer(&mut self, company: CompanyId, customer: Option<PartnerId>) -> Result<()> {
        if let Some(id) = customer {
            load_in(self.tx, id, company)?;
        }
        Ok(())
    }

    pub(super) fn check_assignee(
        &mut self,
        company: CompanyId,
        assignee: Option<UserId>,
    ) -> Result<Option<User>> {
        let Some(id) = assignee else { return Ok(None) };
        let user: User = load(self.tx, id)?;
        if !user.active || !user.is_agent() || !user.works_for(company) {
            return Err(Error::invalid(
                "assignee",
                format!(
                    "{} is not an active agent of the ticket's company",
                    user.name
                ),
            ));
        }
        Ok(Some(user))
    }

    /// The stage a new ticket starts in: the team's first stage, or the
    /// company's first stage for a ticket without a team.
    fn first_stage(&mut self, company: CompanyId, team: Option<TeamId>) -> Result<Stage> {
        let mut stages: Vec<Stage> = match team {
            Some(team) => self.tx.by_key(company, RecordKey::Team(team))?,
            None => self.tx.in_company(company)?,
        };
        // A ticket without a team goes to a stage no team owns when the
        // company has one, else to the company's first stage.
        stages.sort_by_key(|s| (team.is_none() && !s.teams.is_empty(), s.sequence, s.id));
        stages.into_iter().next().ok_or_else(|| {
            Error::invalid(
                "team",
                "the team has no stage: attach one before creating tickets",
            )
        })
    }

    /// VIS-5: the customer follows the ticket, unless the customer is a
    /// portal user and the team is not on the portal (VIS-6 keeps them out).
    pub(super) fn follow_as_customer(
        &mut self,
        ticket: &Ticket,
        team: Option<&Team>,
        partner: PartnerId,
    ) -> Result<()> {
        let portal_team = team.is_some_and(|t| t.visibility == Visibility::Portal);
        if portal_team || !self.is_portal_partner(partner)? {
            self.tx
                .add_follower(Followable::Ticket(ticket.id), partner)?;
        }
        Ok(())
    }

    /// The working time of the ticket's team from the ticket's creation to
    /// `at`, in seconds (RPT-1).
    pub(super) fn working_seconds_since_creation(
        &mut self,
        ticket: &Ticket,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64> {
        let team = ticket.team.map(|id| load(self.tx, id)).transpose()?;
        let calendar = self.team_time(team.as_ref())?;
        use chrono::SubsecRound;
        // To the second, as reports take every instant.
        let second = |at: chrono::DateTime<chrono::Utc>| at.trunc_subsecs(0);
        Ok(crate::sla::TeamTime(calendar.as_deref())
            .between(second(ticket.created_at), second(at))
            .num_seconds())
    }

    /// Opens or closes `ticket` as a stage folded or not makes it (DOMAIN
    /// §0), with its working time to closing (RPT-1).
    pub(super) fn enter_stage_state(&mut self, ticket: &mut Ticket, folded: bool) -> Result<()> {
        ticket.enter_stage_state(folded, self.now);
        if let (Some(closed), None) = (ticket.closed_at, ticket.working_seconds_to_close) {
            ticket.working_seconds_to_close =
                Some(self.working_seconds_since_creation(ticket, closed)?);
        }
        Ok(())
    }

    /// Puts `ticket` in `stage` at `now`: closed rules, history, templates,
    /// the rating request of a stage that asks for one (RAT-1).
    pub(super) fn enter_stage(&mut self, ticket: &mut Ticket, stage: &Stage) -> Result<()> {
        ticket.stage = stage.id;
        self.enter_stage_state(ticket, stage.folded)?;
        ticket.last_stage_change_at = self.now;
        ticket.last_activity_at = self.now;
        let by = self.user().map(|u| u.id);
        self.tx.add_stage_change(&StageChange {
            ticket: ticket.id,
            stage: stage.id,
            at: self.now,
            by,
        })?;
        let customer: Vec<PartnerId> = ticket.customer.into_iter().collect();
        let subject = format!("Ticket {}: {}", ticket.reference, stage.name);
        let templates = [
            (
                &stage.email_template,
                OutboxKind::EmailTemplate,
                OutboxEvent::StageEmail,
            ),
            (
                &stage.sms_template,
                OutboxKind::SmsTemplate,
                OutboxEvent::StageSms,
            ),
        ];
        for (template, kind, event) in templates {
            if let Some(template) = template.clone() {
                let payload = OutboxPayload {
                    stage_name: Some(stage.name.clone()),
                    ..self.ticket_payload(ticket)?
                };
                let out = Outgoing {
                    kind,
                    event,
                    recipients: customer.clone(),
                    template: Some(template),
                    subject: subject.clone(),
                    body: String::new(),
                    payload,
                    token: None,
                };
                self.send(ticket.company, Some(ticket), out)?;
            }
        }
        self.request_rating(ticket, stage)
    }

    /// Sets the assignee: follows the ticket (VIS-5) and is notified.
    pub(super) fn set_assignee(
        &mut self,
        ticket: &mut Ticket,
        assignee: Option<User>,
    ) -> Result<()> {
        ticket.assignee = assignee.as_ref().map(|u| u.id);
        ticket.assigned_at = assignee.as_ref().map(|_| self.now);
        ticket.working_seconds_to_assign = match ticket.assigned_at {
            Some(at) => Some(self.working_seconds_since_creation(ticket, at)?),
            None => None,
        };
        if let Some(user) = assignee {
            self.tx
                .add_follower(Followable::Ticket(ticket.id), user.partner)?;
            if self.user().is_none_or(|me| me.id != user.id) {
                let payload = OutboxPayload {
                    assignee_name: Some(user.name.clone()),
                    ..self.ticket_payload(ticket)?
                };
                let out = Outgoing {
                    kind: OutboxKind::Notification,
                    event: OutboxEvent::TicketAssigned,
                    recipients: vec![user.partner],
                    template: None,
                    subject: format!("Ticket {} assigned to you", ticket.reference),
                    body: ticket.subject.clone(),
                    payload,
                    token: None,
                };
                self.send(ticket.company, Some(ticket), out)?;
            }
        }
        Ok(())
    }

    /// Creates a ticket from checked parts.
    fn insert_ticket(
        &mut self,
        company: CompanyId,
        team: Option<&Team>,
        input: NewTicket,
    ) -> Result<Ticket> {
        let subject = self.required_text("subject", &input.subject)?;
        self.check_tags(company, &input.tags)?;
        self.check_type(company, input.ticket_type)?;
        self.check_customer(company, input.customer)?;
        if let Some(product) = input.product {
            load_in(self.tx, product, company)?;
        }
        let mut assignee = self.check_assignee(company, input.assignee)?;
        if let (None, Some(team), false) = (&assignee, team, self.importing) {
            assignee = self.auto_assignee(team)?;
        }
        let stage = self.first_stage(company, team.map(|t| t.id))?;
        let (id, number) = self.tx.next_ticket_ids(company)?;
        let mut ticket = Ticket {
            id,
            company,
            number,
            reference: format!("#{number}"),
            subject,
            description: self.text("description", &input.description)?,
            team: team.map(|t| t.id),
            stage: stage.id,
            priority: input.priority,
            ticket_type: input.ticket_type,
            tags: distinct(input.tags),
            customer: input.customer,
            assignee: None,
            product: input.product,
            lot: self.optional_text("lot", input.lot)?,
            created_at: self.now,
            assigned_at: None,
            closed_at: None,
            last_stage_change_at: self.now,
            last_activity_at: self.now,
            active: true,
            closed_by_customer: false,
            merged_into: None,
            opportunity: None,
            documents: Vec::new(),
            sla_deadline: None,
            sla_reached_late: false,
            sale_line: None,
            working_seconds_to_assign: None,
            working_seconds_to_close: None,
        };
        ticket.sale_line = self.default_line_of(&ticket, team)?;
        if let Some(customer) = ticket.customer {
            self.follow_as_customer(&ticket, team, customer)?;
        }
        for partner in input.cc {
            load(self.tx, partner)?;
            if self.login_kind(partner)? == Some(UserKind::Internal) {
                self.tx
                    .add_follower(Followable::Ticket(ticket.id), partner)?;
            }
        }
        self.set_assignee(&mut ticket, assignee)?;
        self.enter_stage(&mut ticket, &stage)?;
        // A new ticket has no SLA status yet: only a team that uses SLA
        // policies can give it one.
        if team.is_some_and(|t| t.settings.use_sla) {
            self.refresh_sla(&mut ticket, team, SlaChange::Facts)?;
        }
        self.tx.put_ticket(&ticket)?;
        Ok(ticket)
    }

    /// The team (one the viewer sees) and the company a new ticket is filed
    /// in: the team's company, else the company named; `invalid_input` on
    /// `company` when they disagree or neither is given.
    pub(super) fn ticket_home(&mut self, input: &NewTicket) -> Result<(Option<Team>, CompanyId)> {
        let team = input.team.map(|id| self.readable_team(id)).transpose()?;
        let company = match (&team, input.company) {
            (Some(team), Some(company)) if company != team.company => {
                return Err(Error::invalid(
                    "company",
                    "the team belongs to another company",
                ))
            }
            (Some(team), _) => team.company,
            (None, Some(company)) => self.load_own(company)?.id,
            (None, None) => {
                return Err(Error::invalid(
                    "company",
                    "a ticket without a team needs a company",
                ))
            }
        };
        Ok((team, company))
    }

    /// Creates a ticket as the viewer (agents, managers, the system).
    pub(super) fn create_one(&mut self, input: NewTicket) -> Result<Ticket> {
        let (team, company) = self.ticket_home(&input)?;
        if let Some(team) = &team {
            require_active(team)?;
        }
        match &self.viewer {
            Viewer::User(user) if !user.works_for(company) => {
                return Err(Error::not_found("company", company))
            }
            Viewer::User(user) if !user.is_agent() => {
                return Err(Error::forbidden(
                    "create a ticket",
                    "only agents and managers create tickets; customers use submit_ticket (VIS-8)",
                ))
            }
            _ => {}
        }
        self.insert_ticket(company, team.as_ref(), input)
    }

    /// Saves a changed ticket, stamping its activity.
    pub(super) fn save(&mut self, ticket: &mut Ticket) -> Result<()> {
        ticket.last_activity_at = self.now;
        self.tx.put_ticket(ticket)
    }

    /// Posts a message and notifies followers of replies.
    fn post(&mut self, id: TicketId, kind: MessageKind, body: String) -> Result<Message> {
        let (mut ticket, _) = self.readable_ticket(id)?;
        let body = self.required_text("body", &body)?;
        let action = format!("write on ticket {}", ticket.reference);
        match (&self.viewer, kind) {
            (Viewer::User(user), MessageKind::Note) if !user.is_agent() => {
                return Err(Error::forbidden(
                    action,
                    "only agents and managers write internal notes (VIS-8)",
                ))
            }
            (Viewer::User(user), MessageKind::Reply)
                if user.kind == UserKind::Internal && !user.is_agent() =>
            {
                return Err(Error::forbidden(
                    action,
                    "employees without a helpdesk role read only (VIS-8)",
                ))
            }
            _ => {}
        }
        let author = self.user().cloned();
        let message = Message {
            id: MessageId(self.tx.next_value(Sequence::Message)?),
            ticket: id,
            kind,
            author: author.as_ref().map(|u| u.id),
            author_partner: author.as_ref().map(|u| u.partner),
            body,
            at: self.now,
            attachments: Vec::new(),
        };
        self.tx.add_message(&message)?;
        if kind == MessageKind::Reply {
            // A portal user's reply is the customer's; an employee's or the
            // system's, the desk's.
            let event = match self.user().is_some_and(|u| u.kind == UserKind::Portal) {
                true => OutboxEvent::CustomerReply,
                false => OutboxEvent::AgentReply,
            };
            self.notify_reply(&ticket, &message, event)?;
        }
        self.save(&mut ticket)?;
        Ok(message)
    }

    /// Sends reply `message` of `ticket` to the ticket's followers but its
    /// author (OUT-1: `event` says whose reply it is).
    pub(super) fn notify_reply(
        &mut self,
        ticket: &Ticket,
        message: &Message,
        event: OutboxEvent,
    ) -> Result<()> {
        let recipients: Vec<PartnerId> = self
            .tx
            .followers(Followable::Ticket(ticket.id))?
            .into_iter()
            .filter(|p| Some(*p) != message.author_partner)
            .collect();
        let author = message
            .author_partner
            .map(|p| load(self.tx, p))
            .transpose()?;
        let payload = OutboxPayload {
            author_name: author.map(|p: Partner| p.name),
            reply: Some(message.body.clone()),
            ..self.ticket_payload(ticket)?
        };
        let out = Outgoing {
            kind: OutboxKind::Notification,
            event,
            recipients,
            template: None,
            subject: format!("Re: {} {}", ticket.reference, ticket.subject),
            body: message.body.clone(),
            payload,
            token: None,
        };
        self.send(ticket.company, Some(ticket), out)?;
        Ok(())
    }

    /// Whether the viewer may add or remove `partner` on a ticket's
    /// followers: agents may change any; internal users may (un)follow
    /// themselves on a ticket they see.
    fn check_follow_change(
        &mut self,
        id: TicketId,
        partner: PartnerId,
    ) -> Result<(Ticket, Option<Team>)> {
        let self_service = self
            .user()
            .is_some_and(|u| u.kind == UserKind::Internal && u.partner == partner);
        if self_service {
            self.readable_ticket(id)
        } else {
            self.changeable_ticket(id)
        }
    }
}

impl Helpdesk {
    /// Creates a ticket (agents, managers, the system). Its customer,
    /// assignee and internal CC'd contacts follow it (VIS-5).
    pub fn create_ticket(&self, actor: Actor, input: NewTicket) -> Result<Ticket> {
        self.write(actor, |w| w.create_one(input.clone()))
    }

    /// Creates several tickets in one unit of work, each assigned as if
    /// created one after another (ASG-6); all or none are created.
    pub fn create_tickets(&self, actor: Actor, tickets: Vec<NewTicket>) -> Result<Vec<Ticket>> {
        self.write(actor, |w| {
            tickets
                .clone()
                .into_iter()
                .map(|input| w.create_one(input))
                .collect()
        })
    }

    /// A portal user submits a ticket through a team's public form (VIS-7):
    /// the user's contact is the customer and follows it.
    pub fn submit_ticket(&self, actor: Actor, input: Submission) -> Result<Ticket> {
        self.write(actor, |w| {
            let user = match &w.viewer {
                Viewer::User(user) if user.kind == UserKind::Portal => user.clone(),
                _ => {
                    return Err(Error::forbidden(
                        "submit a ticket",
                        "the public form is for portal users; use create_ticket",
                    ))
                }
            };
            let team: Team = load(w.tx, input.team)?;
            if !access::can_submit_to(&user, &team) {
                return Err(Error::not_found("team", input.team));
            }
            let new = NewTicket {
                team: Some(team.id),
                subject: input.subject.clone(),
                description: input.description.clone(),
                customer: Some(user.partner),
                ..NewTicket::default()
            };
            let ticket = w.insert_ticket(team.company, Some(&team), new)?;
            Ok(super::sla::redact_for(w.user(), ticket))
        })
    }

    /// Changes a ticket's subject, description, priority or tags (agents).
    pub fn update_ticket(
        &self,
        actor: Actor,
        id: TicketId,
        update: TicketUpdate,
    ) -> Result<Ticket> {
        self.write(actor, |w| {
            let (mut ticket, team) = w.changeable_ticket(id)?;
            let facts = (ticket.priority, ticket.tags.clone());
            if let Some(subject) = update.subject.clone() {
                ticket.subject = w.required_text("subject", &subject)?;
            }
            if let Some(description) = update.description.clone() {
                ticket.description = w.text("description", &description)?;
            }
            if let Some(priority) = update.priority {
                ticket.priority = priority;
            }
            if let Some(tags) = update.tags.clone() {
                w.check_tags(ticket.company, &tags)?;
                ticket.tags = distinct(tags);
            }
            if facts != (ticket.priority, ticket.tags.clone()) {
                w.refresh_sla(&mut ticket, team.as_ref(), SlaChange::Facts)?;
            }
            w.save(&mut ticket)?;
            Ok(ticket)
        })
    }

    /// Assigns a ticket to an agent, or unassigns it with `None` (agents).
    pub fn assign_ticket(
        &self,
        actor: Actor,
        id: TicketId,
        assignee: Option<UserId>,
    ) -> Result<Ticket> {
        self.write(actor, |w| {
            let (mut ticket, _) = w.changeable_ticket(id)?;
            let assignee = w.check_assignee(ticket.company, assignee)?;
            w.set_assignee(&mut ticket, assignee)?;
            w.save(&mut ticket)?;
            Ok(ticket)
        })
    }

    /// Sets or clears a ticket's customer; the new customer follows it (VIS-5).
    pub fn set_ticket_customer(
        &self,
        actor: Actor,
        id: TicketId,
        customer: Option<PartnerId>,
    ) -> Result<Ticket> {
        self.write(actor, |w| {
            let (mut ticket, team) = w.changeable_ticket(id)?;
            w.check_customer(ticket.company, customer)?;
            let changed = ticket.customer != customer;
            ticket.customer = customer;
            if let Some(customer) = customer {
                w.follow_as_customer(&ticket, team.as_ref(), customer)?;
            }
            if changed {
                w.refresh_sla(&mut ticket, team.as_ref(), SlaChange::Facts)?;
                w.recharge_default_line(&mut ticket, team.as_ref())?;
            }
            w.save(&mut ticket)?;
            Ok(ticket)
        })
    }

    /// Sets or clears a ticket's type (agents).
    pub fn set_ticket_type(
        &self,
        actor: Actor,
        id: TicketId,
        ticket_type: Option<TicketTypeId>,
    ) -> Result<Ticket> {
        self.write(actor, |w| {
            let (mut ticket, team) = w.changeable_ticket(id)?;
            w.check_type(ticket.company, ticket_type)?;
            if ticket.ticket_type != ticket_type {
                ticket.ticket_type = ticket_type;
                w.refresh_sla(&mut ticket, team.as_ref(), SlaChange::Facts)?;
            }
            w.save(&mut ticket)?;
            Ok(ticket)
        })
    }

    /// Moves a ticket to another team of its company, or out of any team
    /// (agents): it enters the new team's first stage unless its stage is
    /// shared; portal followers leave when the new team is not on the
    /// portal (VIS-6); unassigned, it is assigned automatically (ASG-1);
    /// its SLAs are recomputed (SLA-3).
    pub fn set_ticket_team(
        &self,
        actor: Actor,
        id: TicketId,
        team: Option<TeamId>,
    ) -> Result<Ticket> {
        self.write(actor, |w| {
            let (mut ticket, _) = w.changeable_ticket(id)?;
            let team = team.map(|t| w.readable_team_for_tickets(t)).transpose()?;
            if team.as_ref().is_some_and(|t| t.company != ticket.company) {
                return Err(Error::invalid(
                    "team",
                    "the team belongs to another company",
                ));
            }
            if ticket.team == team.as_ref().map(|t| t.id) {
                return Ok(ticket);
            }
            ticket.team = team.as_ref().map(|t| t.id);
            let stage: Stage = load(w.tx, ticket.stage)?;
            let keeps_stage = match &team {
                Some(team) => stage.teams.contains(&team.id),
                None => stage.teams.is_empty(),
            };
            if !keeps_stage {
                let first = w.first_stage(ticket.company, ticket.team)?;
                if first.id != stage.id {
                    w.enter_stage(&mut ticket, &first)?;
                }
            }
            if team
                .as_ref()
                .is_none_or(|t| t.visibility != Visibility::Portal)
            {
                for partner in w.tx.followers(Followable::Ticket(id))? {
                    if w.is_portal_partner(partner)? {
                        w.tx.remove_follower(Followable::Ticket(id), partner)?;
                    }
                }
            } else if let Some(customer) = ticket.customer {
                w.follow_as_customer(&ticket, team.as_ref(), customer)?;
            }
            if let (None, Some(team)) = (ticket.assignee, &team) {
                let assignee = w.auto_assignee(team)?;
                w.set_assignee(&mut ticket, assignee)?;
            }
            w.refresh_sla(&mut ticket, team.as_ref(), SlaChange::Facts)?;
            w.recharge_default_line(&mut ticket, team.as_ref())?;
            w.save(&mut ticket)?;
            Ok(ticket)
        })
    }

    /// Moves a ticket to a stage of its team (agents): entering a folded
    /// stage closes it, an unfolded one reopens it; the stage's templates go
    /// to the outbox and the move to the stage history.
    pub fn move_ticket(&self, actor: Actor, id: TicketId, stage: StageId) -> Result<Ticket> {
        self.write(actor, |w| {
            let (mut ticket, team) = w.changeable_ticket(id)?;
            let stage: Stage = load(w.tx, stage)?;
            let fits = match ticket.team {
                Some(team) => stage.teams.contains(&team),
                None => stage.company == ticket.company,
            };
            if !fits {
                return Err(Error::invalid(
                    "stage",
                    format!("stage {} is not a stage of the ticket's team", stage.name),
                ));
            }
            if stage.id != ticket.stage {
                w.enter_stage(&mut ticket, &stage)?;
                w.refresh_sla(&mut ticket, team.as_ref(), SlaChange::Stage)?;
            }
            w.save(&mut ticket)?;
            Ok(ticket)
        })
    }

    /// Archives a ticket (agents).
    pub fn archive_ticket(&self, actor: Actor, id: TicketId) -> Result<Ticket> {
        self.set_active(actor, id, false)
    }

    /// Restores an archived ticket (agents).
    pub fn unarchive_ticket(&self, actor: Actor, id: TicketId) -> Result<Ticket> {
        self.set_active(actor, id, true)
    }

    fn set_active(&self, actor: Actor, id: TicketId, active: bool) -> Result<Ticket> {
        self.write(actor, |w| {
            let (mut ticket, _) = w.changeable_ticket(id)?;
            ticket.active = active;
            w.save(&mut ticket)?;
            Ok(ticket)
        })
    }

    /// Makes a contact follow a ticket (agents; internal users for themselves).
    pub fn follow_ticket(&self, actor: Actor, id: TicketId, partner: PartnerId) -> Result<()> {
        self.write(actor, |w| {
            let (ticket, team) = w.check_follow_change(id, partner)?;
            load(w.tx, partner)?;
            let portal_team = team.as_ref().is_some_and(|t| t.visibility == Visibility::Portal);
            if !portal_team && w.is_portal_partner(partner)? {
                return Err(Error::invalid(
                    "partner",
                    format!("a portal user cannot follow ticket {}: its team is not on the portal (VIS-6)", ticket.reference),
                ));
            }
            w.tx.add_follower(Followable::Ticket(id), partner)?;
            Ok(())
        })
    }

    /// Stops a contact following a ticket (agents; internal users for themselves).
    pub fn unfollow_ticket(&self, actor: Actor, id: TicketId, partner: PartnerId) -> Result<()> {
        self.write(actor, |w| {
            w.check_follow_change(id, partner)?;
            load(w.tx, partner)?;
            w.tx.remove_follower(Followable::Ticket(id), partner)?;
            Ok(())
        })
    }

    /// The followers of a ticket; portal users see only themselves among
    /// them (VIS-4: no other customers' data).
    pub fn ticket_followers(&self, actor: Actor, id: TicketId) -> Result<Vec<PartnerId>> {
        self.read(actor, |w| {
            w.readable_ticket(id)?;
            let followers = w.tx.followers(Followable::Ticket(id))?;
            Ok(match w.user() {
                Some(user) if user.kind == UserKind::Portal => followers
                    .into_iter()
                    .filter(|p| *p == user.partner)
                    .collect(),
                _ => followers,
            })
        })
    }

    /// Posts a public reply (agents, and portal users on tickets they see);
    /// every other follower is notified through the outbox.
    pub fn reply_to_ticket(&self, actor: Actor, id: TicketId, body: String) -> Result<Message> {
        self.write(actor, |w| w.post(id, MessageKind::Reply, body.clone()))
    }

    /// Posts an internal note (agents): never shown to portal users.
    pub fn add_internal_note(&self, actor: Actor, id: TicketId, body: String) -> Result<Message> {
        self.write(actor, |w| w.post(id, MessageKind::Note, body.clone()))
    }
}

impl Work<'_> {
    /// A team a new ticket may be filed in by the viewer: visible and active.
    fn readable_team_for_tickets(&mut self, id: TeamId) -> Result<Team> {
        let team = self.readable_team(id)?;
        require_active(&team)?;
        Ok(team)
    }
}

/// Tickets are filed only in an active team.
fn require_active(team: &Team) -> Result<()> {
    match team.active {
        true => Ok(()),
        false => Err(Error::InvalidState {
            entity: "team",
            id: team.name.clone(),
            state: "archived".into(),
            reason: "restore the team before filing tickets in it".into(),
        }),
    }
}

/// A ticket's tags are a set: the first of each, in the order given.
fn distinct(tags: Vec<TagId>) -> Vec<TagId> {
    let mut seen = std::collections::BTreeSet::new();
    tags.into_iter().filter(|tag| seen.insert(*tag)).collect()
}
