//! Companies, partners and users.

use super::records::{load, Records};
use super::{Helpdesk, Viewer, Work};
use crate::access::Actor;
use crate::ids::{CompanyId, PartnerId, UserId};
use crate::model::{Company, HelpdeskRole, Partner, User, UserKind};
use crate::store::RecordKey;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Input of [`Helpdesk::create_company`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewCompany {
    /// Display name (required).
    pub name: String,
}

/// Input of [`Helpdesk::create_partner`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewPartner {
    /// Restrict the contact to a company (`None`: shared).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub company: Option<CompanyId>,
    /// Display name (required).
    pub name: String,
    /// E-mail address.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub email: Option<String>,
    /// Phone number.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub phone: Option<String>,
    /// Parent contact (e.g. the customer company of a person).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub parent: Option<PartnerId>,
    /// Postal address (where field service goes).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub address: Option<String>,
}

/// Input of [`Helpdesk::update_partner`]: `None` keeps a field, an empty
/// e-mail or phone clears it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PartnerUpdate {
    /// New display name.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// New e-mail (empty clears).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub email: Option<String>,
    /// New phone (empty clears).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub phone: Option<String>,
    /// New postal address (empty clears).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub address: Option<String>,
}

/// Input of [`Helpdesk::create_user`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewUser {
    /// Display name (required).
    pub name: String,
    /// Login e-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Employee or portal.
    pub kind: UserKind,
    /// Helpdesk role (must be `none` for portal users).
    #[serde(default)]
    pub role: HelpdeskRole,
    /// Companies the user works for (at least one).
    pub companies: Vec<CompanyId>,
    /// The user's contact: required for portal users (the customer contact
    /// they log in for); created from name and e-mail when `None` for
    /// employees.
    #[serde(default)]
    pub partner: Option<PartnerId>,
}

/// Input of [`Helpdesk::update_user`]: `None` keeps a field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UserUpdate {
    /// New display name.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// New helpdesk role (internal users only).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub role: Option<HelpdeskRole>,
    /// New company list (at least one).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub companies: Option<Vec<CompanyId>>,
    /// Archive (`false`) or restore (`true`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub active: Option<bool>,
}

fn check_email(email: &Option<String>) -> Result<()> {
    match email {
        Some(email) => email_address("email", email).map(|_| ()),
        None => Ok(()),
    }
}

/// `text` as an e-mail address: one `@` with text on both sides, no white
/// space or control character; `field` names it in the error.
pub(super) fn email_address<'a>(field: &'static str, text: &'a str) -> Result<&'a str> {
    let well_formed = text.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && !domain.is_empty() && !domain.contains('@')
    }) && !text.chars().any(|c| c.is_whitespace() || c.is_control());
    if well_formed {
        Ok(text)
    } else {
        Err(Error::invalid(
            field,
            format!("{text:?} is not an e-mail address"),
        ))
    }
}

impl Work<'_> {
    /// Creates the contact `input` describes, checked.
    pub(super) fn insert_partner(&mut self, input: &NewPartner) -> Result<Partner> {
        let name = self.required_text("name", &input.name)?;
        let email = self.optional_text("email", input.email.clone())?;
        check_email(&email)?;
        if let Some(company) = input.company {
            self.load_own(company)?;
        }
        let id = PartnerId(self.tx.new_id::<Partner>()?);
        let commercial_partner = match input.parent {
            Some(parent) => {
                let parent = load(self.tx, parent)?;
                if !self.can_see_partner(&parent)? {
                    return Err(Error::not_found("partner", parent.id));
                }
                parent.commercial_partner
            }
            None => id,
        };
        let partner = Partner {
            id,
            company: input.company,
            name,
            email,
            phone: self.optional_text("phone", input.phone.clone())?,
            parent: input.parent,
            commercial_partner,
            address: self.optional_text("address", input.address.clone())?,
        };
        self.tx.put(&partner)?;
        Ok(partner)
    }

    /// The oldest contact of `company` with the address `wanted` (trimmed
    /// and lowercase), read through the address's key (IMP-1, MAIL-1).
    pub(super) fn contact_by_email(
        &mut self,
        company: CompanyId,
        wanted: &str,
    ) -> Result<Option<Partner>> {
        Ok(self
            .tx
            .by_key::<Partner>(company, RecordKey::email(wanted))?
            .into_iter()
            .filter(|p| {
                p.company == Some(company)
                    && p.email
                        .as_deref()
                        .map(|e| e.trim().to_lowercase())
                        .as_deref()
                        == Some(wanted)
            })
            .min_by_key(|p| p.id))
    }

    fn require_system(&self, action: &str) -> Result<()> {
        match self.viewer {
            Viewer::System => Ok(()),
            Viewer::User(_) => Err(Error::forbidden(
                action,
                "only the system actor may do this",
            )),
        }
    }

    fn require_agent(&self, action: &str) -> Result<()> {
        match &self.viewer {
            Viewer::User(user) if !user.is_agent() => Err(Error::forbidden(
                action,
                "only helpdesk agents and managers may do this (VIS-8)",
            )),
            _ => Ok(()),
        }
    }

    /// Whether the viewer may see a partner: internal users see contacts of
    /// their companies and shared ones, except that a user's own contact
    /// belongs to the user's companies (VIS-12); portal users see their own
    /// contact and its commercial partner.
    pub(super) fn can_see_partner(&mut self, partner: &Partner) -> Result<bool> {
        let user = match &self.viewer {
            Viewer::System => return Ok(true),
            Viewer::User(user) => user.clone(),
        };
        Ok(match (user.kind, partner.company) {
            (UserKind::Portal, _) => {
                partner.id == user.partner || partner.commercial_partner == user.partner
            }
            (UserKind::Internal, Some(company)) => user.works_for(company),
            (UserKind::Internal, None) => {
                let owners: Vec<User> = self.tx.shared(RecordKey::Partner(partner.id))?;
                owners.is_empty()
                    || owners
                        .iter()
                        .any(|o| o.companies.iter().any(|c| user.works_for(*c)))
            }
        })
    }

    fn check_companies(&mut self, companies: &[CompanyId]) -> Result<()> {
        if companies.is_empty() {
            return Err(Error::invalid(
                "companies",
                "a user works for at least one company",
            ));
        }
        for company in companies {
            self.load_own(*company)?;
            self.require_configure(*company, "manage users")?;
        }
        Ok(())
    }
}

impl Helpdesk {
    /// Creates a company (system actor only: companies are set up by the host).
    pub fn create_company(&self, actor: Actor, input: NewCompany) -> Result<Company> {
        self.write(actor, |w| {
            w.require_system("create a company")?;
            let company = Company {
                id: CompanyId(w.tx.new_id::<Company>()?),
                name: w.required_text("name", &input.name)?,
                upsell_threshold: rust_decimal::Decimal::ONE_HUNDRED,
                mail: crate::model::MailSettings::default(),
            };
            w.tx.put(&company)?;
            Ok(company)
        })
    }

    /// Renames a company (its managers or the system).
    pub fn update_company(&self, actor: Actor, id: CompanyId, name: String) -> Result<Company> {
        self.write(actor, |w| {
            let mut company = w.load_own(id)?;
            w.require_configure(id, "rename the company")?;
            company.name = w.required_text("name", &name)?;
            w.tx.put(&company)?;
            Ok(company)
        })
    }

    /// A company the actor works for.
    pub fn get_company(&self, actor: Actor, id: CompanyId) -> Result<Company> {
        self.read(actor, |w| {
            let company = load(w.tx, id)?;
            match w.user() {
                Some(user) if !user.works_for(id) => Err(Error::not_found("company", id)),
                _ => Ok(company),
            }
        })
    }

    /// The companies the actor works for, by id; for the system actor,
    /// every company the host created.
    pub fn list_companies(&self, actor: Actor) -> Result<Vec<Company>> {
        self.read(actor, |w| match &w.viewer {
            Viewer::System => w.tx.shared::<Company>(RecordKey::Directory),
            Viewer::User(user) => {
                let mut ids = user.companies.clone();
                ids.sort_unstable();
                ids.dedup();
                ids.into_iter().map(|id| load(w.tx, id)).collect()
            }
        })
    }

    /// Creates a contact (agents, managers, the system).
    pub fn create_partner(&self, actor: Actor, input: NewPartner) -> Result<Partner> {
        self.write(actor, |w| {
            w.require_agent("create a contact")?;
            w.insert_partner(&input)
        })
    }

    /// Changes a contact's name, e-mail or phone (agents, managers, the system).
    pub fn update_partner(
        &self,
        actor: Actor,
        id: PartnerId,
        update: PartnerUpdate,
    ) -> Result<Partner> {
        self.write(actor, |w| {
            let mut partner = load(w.tx, id)?;
            if !w.can_see_partner(&partner)? {
                return Err(Error::not_found("partner", id));
            }
            w.require_agent("change a contact")?;
            if let Some(name) = update.name.clone() {
                partner.name = w.required_text("name", &name)?;
            }
            if update.email.is_some() {
                partner.email = w.optional_text("email", update.email.clone())?;
                check_email(&partner.email)?;
            }
            if update.address.is_some() {
                partner.address = w.optional_text("address", update.address.clone())?;
            }
            if update.phone.is_some() {
                partner.phone = w.optional_text("phone", update.phone.clone())?;
            }
            w.tx.put(&partner)?;
            Ok(partner)
        })
    }

    /// A contact the actor may see.
    pub fn get_partner(&self, actor: Actor, id: PartnerId) -> Result<Partner> {
        self.read(actor, |w| {
            let partner = load(w.tx, id)?;
            if !w.can_see_partner(&partner)? {
                return Err(Error::not_found("partner", id));
            }
            Ok(partner)
        })
    }

    /// IMP-1, MAIL-1: the oldest contact of `company` with the e-mail
    /// address `email` (whatever its case and surrounding spaces), if any
    /// — to match an imported row or a sender to a customer. For agents and
    /// managers of the company and the system; a malformed address is
    /// `invalid_input` naming `email`. Reads only the company's contacts
    /// with that address.
    pub fn find_partner_by_email(
        &self,
        actor: Actor,
        company: CompanyId,
        email: String,
    ) -> Result<Option<Partner>> {
        let wanted = email_address("email", email.trim())?.to_lowercase();
        self.read(actor, |w| {
            w.load_own(company)?;
            w.require_agent("find a contact by e-mail")?;
            w.contact_by_email(company, &wanted)
        })
    }

    /// Creates a user (managers of every listed company, or the system).
    /// An employee without a contact gets one made from name and e-mail.
    pub fn create_user(&self, actor: Actor, input: NewUser) -> Result<User> {
        self.write(actor, |w| {
            let name = w.required_text("name", &input.name)?;
            let email = w.optional_text("email", input.email.clone())?;
            check_email(&email)?;
            w.check_companies(&input.companies)?;
            let partner = match (input.kind, input.partner) {
                (UserKind::Portal, None) => {
                    return Err(Error::invalid(
                        "partner",
                        "a portal user logs in for a customer contact: give its partner",
                    ))
                }
                (UserKind::Portal, Some(_)) if input.role != HelpdeskRole::None => {
                    return Err(Error::invalid("role", "portal users have no helpdesk role"))
                }
                (_, Some(partner)) => load(w.tx, partner)?.id,
                (UserKind::Internal, None) => {
                    let partner = Partner {
                        id: PartnerId(w.tx.new_id::<Partner>()?),
                        company: None,
                        name: name.clone(),
                        email: email.clone(),
                        phone: None,
                        parent: None,
                        commercial_partner: PartnerId(0),
                        address: None,
                    };
                    let partner = Partner {
                        commercial_partner: partner.id,
                        ..partner
                    };
                    w.tx.put(&partner)?;
                    partner.id
                }
            };
            let user = User {
                id: UserId(w.tx.new_id::<User>()?),
                name,
                email,
                partner,
                kind: input.kind,
                role: input.role,
                companies: input.companies.clone(),
                active: true,
                calendar: None,
                time_zone: None,
            };
            w.tx.put(&user)?;
            Ok(user)
        })
    }

    /// Changes a user's name, role, companies or archives them (managers of
    /// the user's companies, or the system).
    pub fn update_user(&self, actor: Actor, id: UserId, update: UserUpdate) -> Result<User> {
        self.write(actor, |w| {
            let mut user = load(w.tx, id)?;
            if w.user()
                .is_some_and(|me| !user.companies.iter().any(|c| me.works_for(*c)))
            {
                return Err(Error::not_found("user", id));
            }
            w.check_companies(&user.companies.clone())?;
            if let Some(name) = update.name.clone() {
                user.name = w.required_text("name", &name)?;
            }
            if let Some(role) = update.role {
                if user.kind == UserKind::Portal && role != HelpdeskRole::None {
                    return Err(Error::invalid("role", "portal users have no helpdesk role"));
                }
                user.role = role;
            }
            if let Some(companies) = update.companies.clone() {
                w.check_companies(&companies)?;
                user.companies = companies;
            }
            if let Some(active) = update.active {
                user.active = active;
            }
            w.tx.put(&user)?;
            Ok(user)
        })
    }

    /// A user: internal users see the users of their companies; everyone
    /// sees themselves.
    pub fn get_user(&self, actor: Actor, id: UserId) -> Result<User> {
        self.read(actor, |w| {
            let user = load(w.tx, id)?;
            match w.user() {
                Some(me)
                    if me.id != id
                        && (me.kind == UserKind::Portal
                            || !user.companies.iter().any(|c| me.works_for(*c))) =>
                {
                    Err(Error::not_found("user", id))
                }
                _ => Ok(user),
            }
        })
    }
}
