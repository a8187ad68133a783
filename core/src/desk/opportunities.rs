//! Converting a ticket into an opportunity for the host's CRM (CNV-1), and
//! the sales teams opportunities go to.

use super::records::{load, Records};
use super::{Helpdesk, Work};
use crate::access::Actor;
use crate::ids::{CompanyId, OpportunityId, PartnerId, SalesTeamId, TicketId, UserId};
use crate::model::{
    ConversionCustomer, Opportunity, OutboxKind, Partner, SalesTeam, Ticket, User, UserKind,
};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Input of [`Helpdesk::create_sales_team`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewSalesTeam {
    /// The company (required).
    pub company: CompanyId,
    /// Display name (required, unique in the company ignoring ASCII case).
    pub name: String,
    /// Its salespeople: internal users of the company.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub members: Vec<UserId>,
}

/// Input of [`Helpdesk::convert_to_opportunity`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Conversion {
    /// Whom the opportunity is for: a new customer made from the ticket's
    /// customer contact, or the `partner` linked; nobody when absent.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub customer: Option<ConversionCustomer>,
    /// The contact linked (only with `customer: link`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub partner: Option<PartnerId>,
    /// The sales team, of the ticket's company.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sales_team: Option<SalesTeamId>,
    /// The salesperson: an internal user of the ticket's company (a member
    /// of the sales team when one is given).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub salesperson: Option<UserId>,
}

impl Helpdesk {
    /// Creates a sales team (managers of its company).
    pub fn create_sales_team(&self, actor: Actor, input: NewSalesTeam) -> Result<SalesTeam> {
        self.write(actor, |w| {
            w.load_own(input.company)?;
            w.require_configure(input.company, "create a sales team")?;
            let name = w.required_text("name", &input.name)?;
            let teams: Vec<SalesTeam> = w.tx.in_company(input.company)?;
            Work::require_unique_name(
                "sales_team",
                teams.iter().map(|t| (t.company, t.name.as_str())),
                input.company,
                &name,
            )?;
            for member in &input.members {
                w.salesperson_of(input.company, *member, "members")?;
            }
            let team = SalesTeam {
                id: SalesTeamId(w.tx.new_id::<SalesTeam>()?),
                company: input.company,
                name,
                members: input.members.clone(),
            };
            w.tx.put(&team)?;
            Ok(team)
        })
    }

    /// The sales teams of a company (its internal users).
    pub fn list_sales_teams(&self, actor: Actor, company: CompanyId) -> Result<Vec<SalesTeam>> {
        self.read(actor, |w| {
            w.load_own(company)?;
            w.require_company_reader(company, "company", company.0)?;
            w.tx.in_company(company)
        })
    }

    /// CNV-1: converts a ticket into an opportunity for the host's CRM
    /// (agents and managers who may change the ticket). The opportunity
    /// takes the ticket's subject, description and reference, its
    /// customer as `conversion` says, a sales team and salesperson of the
    /// ticket's company, and links the ticket's messages. The ticket is
    /// archived and names the opportunity (`opportunity`); the host's CRM
    /// learns of it from the outbox (`opportunity_created`). An archived
    /// ticket (one converted already, say) is not converted.
    pub fn convert_to_opportunity(
        &self,
        actor: Actor,
        ticket: TicketId,
        conversion: Conversion,
    ) -> Result<Opportunity> {
        self.write(actor, |w| {
            let (mut ticket, _) = w.changeable_ticket(ticket)?;
            if !ticket.active {
                return Err(Error::InvalidState {
                    entity: "ticket",
                    id: ticket.reference,
                    state: "archived".into(),
                    reason: "only active tickets are converted".into(),
                });
            }
            let company = ticket.company;
            let customer = w.conversion_customer(&ticket, &conversion)?;
            if let Some(id) = conversion.sales_team {
                let team = w.load_own(id)?;
                if team.company != company {
                    return Err(Error::invalid(
                        "sales_team",
                        "the sales team is of another company than the ticket",
                    ));
                }
                if let Some(person) = conversion.salesperson {
                    if !team.members.contains(&person) {
                        return Err(Error::invalid(
                            "salesperson",
                            format!("the salesperson is not a member of {}", team.name),
                        ));
                    }
                }
            }
            if let Some(person) = conversion.salesperson {
                w.salesperson_of(company, person, "salesperson")?;
            }
            let messages = w.tx.messages(ticket.id)?.iter().map(|m| m.id).collect();
            let opportunity = Opportunity {
                id: OpportunityId(w.tx.new_id::<Opportunity>()?),
                company,
                name: ticket.subject.clone(),
                customer,
                sales_team: conversion.sales_team,
                salesperson: conversion.salesperson,
                description: ticket.description.clone(),
                ticket: ticket.id,
                ticket_reference: ticket.reference.clone(),
                messages,
                created_at: w.now,
            };
            w.tx.put(&opportunity)?;
            ticket.active = false;
            ticket.opportunity = Some(opportunity.id);
            let subject = format!(
                "Opportunity from ticket {}: {}",
                ticket.reference, ticket.subject
            );
            let out = super::outbox::Outgoing {
                kind: OutboxKind::OpportunityCreated,
                event: crate::model::OutboxEvent::OpportunityCreated,
                recipients: Vec::new(),
                template: None,
                subject,
                body: String::new(),
                payload: crate::model::OutboxPayload {
                    opportunity: Some(opportunity.id),
                    ..w.ticket_payload(&ticket)?
                },
                token: None,
            };
            w.send(ticket.company, Some(&ticket), out)?;
            w.save(&mut ticket)?;
            Ok(opportunity)
        })
    }

    /// An opportunity (internal users of its company; the ticket's rules
    /// do not apply: the opportunity is the CRM's).
    pub fn get_opportunity(&self, actor: Actor, id: OpportunityId) -> Result<Opportunity> {
        self.read(actor, |w| {
            let opportunity: Opportunity = load(w.tx, id)?;
            w.require_company_reader(opportunity.company, "opportunity", id.0)?;
            Ok(opportunity)
        })
    }
}

impl Work<'_> {
    /// An active internal user of `company`, as a salesperson (`field`
    /// names the input).
    fn salesperson_of(
        &mut self,
        company: CompanyId,
        id: UserId,
        field: &'static str,
    ) -> Result<User> {
        let user: User = load(self.tx, id)?;
        if !user.active || user.kind != UserKind::Internal || !user.works_for(company) {
            return Err(Error::invalid(
                field,
                format!(
                    "{} is not an active internal user of the company",
                    user.name
                ),
            ));
        }
        Ok(user)
    }

    /// The opportunity's customer as `conversion` says (CNV-1).
    fn conversion_customer(
        &mut self,
        ticket: &Ticket,
        conversion: &Conversion,
    ) -> Result<Option<PartnerId>> {
        match (conversion.customer, conversion.partner) {
            (Some(ConversionCustomer::Link), Some(id)) => {
                let partner: Partner = load(self.tx, id)?;
                if !self.can_see_partner(&partner)?
                    || partner.company.is_some_and(|c| c != ticket.company)
                {
                    return Err(Error::not_found("partner", id));
                }
                Ok(Some(id))
            }
            (Some(ConversionCustomer::Link), None) => Err(Error::invalid(
                "partner",
                "name the contact the opportunity is linked to",
            )),
            (_, Some(_)) => Err(Error::invalid(
                "partner",
                "a contact is named only to link it (customer: link)",
            )),
            (None, None) => Ok(None),
            (Some(ConversionCustomer::Create), None) => {
                let Some(contact) = ticket.customer else {
                    return Err(Error::invalid(
                        "customer",
                        "the ticket has no customer to create one from: link a contact or convert without one",
                    ));
                };
                let contact: Partner = load(self.tx, contact)?;
                let id = PartnerId(self.tx.new_id::<Partner>()?);
                self.tx.put(&Partner {
                    id,
                    company: Some(ticket.company),
                    name: contact.name,
                    email: contact.email,
                    phone: contact.phone,
                    parent: None,
                    commercial_partner: id,
                    address: contact.address,
                })?;
                Ok(Some(id))
            }
        }
    }
}
