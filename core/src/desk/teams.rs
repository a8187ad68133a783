//! Teams, their followers and members, stages, tags and ticket types.

use super::records::{load, load_in, Records};
use super::{Helpdesk, Viewer, Work};
use crate::access::{self, Actor, TicketScope};
use crate::ids::{CompanyId, PartnerId, StageId, TagId, TeamId, TicketTypeId, UserId};
use crate::model::{
    Company, Stage, Tag, Team, TeamSettings, TeamSettingsPatch, TicketType, User, UserKind,
    Visibility,
};
use crate::store::{Followable, RecordKey, TicketFilter, TicketSort};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Input of [`Helpdesk::create_team`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewTeam {
    /// The company (required).
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// Public description, shown on the customer form.
    #[serde(default)]
    pub description: String,
    /// Who sees its tickets (default `portal`, VIS-1).
    #[serde(default)]
    pub visibility: Visibility,
    /// Members in assignment order (agents or managers of the company).
    #[serde(default)]
    pub members: Vec<UserId>,
    /// Switches and parameters.
    #[serde(default)]
    pub settings: TeamSettings,
    /// Its e-mail alias (MAIL-1, OUT-2): an address, unique in the company.
    #[serde(default)]
    pub email_alias: Option<String>,
}

/// Input of [`Helpdesk::update_team`]: `None` keeps a field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TeamUpdate {
    /// New name.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// New public description.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: Option<String>,
    /// New visibility (VIS-6 side effects apply).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub visibility: Option<Visibility>,
    /// Changes to the settings: what the patch leaves out stays as it is.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub settings: Option<TeamSettingsPatch>,
    /// Archive (`false`) or restore (`true`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub active: Option<bool>,
    /// New e-mail alias (MAIL-1, OUT-2); empty removes it.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub email_alias: Option<String>,
}

/// Input of [`Helpdesk::create_stage`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewStage {
    /// The company (required).
    pub company: CompanyId,
    /// Display name (required).
    pub name: String,
    /// Position (lower first).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sequence: i32,
    /// Folded = closed.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub folded: bool,
    /// The teams using it (of the same company).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub teams: Vec<TeamId>,
    /// E-mail template sent to the customer on entering it.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub email_template: Option<String>,
    /// SMS template sent to the customer on entering it.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sms_template: Option<String>,
    /// A ticket entering it asks its customer for a rating, when its team
    /// has ratings on (RAT-1).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rating_request: bool,
}

/// Input of [`Helpdesk::update_stage`]: `None` keeps a field; an empty
/// template clears it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StageUpdate {
    /// New name.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// New position (reordering).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sequence: Option<i32>,
    /// Fold (close) or unfold; tickets in the stage follow.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub folded: Option<bool>,
    /// New team list.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub teams: Option<Vec<TeamId>>,
    /// New e-mail template (empty clears).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub email_template: Option<String>,
    /// New SMS template (empty clears).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub sms_template: Option<String>,
    /// Ask for a rating on entering it, or stop asking (RAT-1).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rating_request: Option<bool>,
}

/// The stages a new team gets: New → In Progress → Solved (folded) →
/// Cancelled (folded).
const DEFAULT_STAGES: [(&str, bool); 4] = [
    ("New", false),
    ("In Progress", false),
    ("Solved", true),
    ("Cancelled", true),
];

impl Work<'_> {
    /// The team if the viewer may see it, else "not found".
    /// The teams of `companies` the viewer may read (their visibility), by id.
    pub(super) fn readable_teams_of(&mut self, companies: &[CompanyId]) -> Result<Vec<Team>> {
        let mut teams = self.teams_of(companies)?;
        if let Viewer::User(user) = &self.viewer {
            let user = user.clone();
            let followed = self.tx.followed_teams(user.partner)?;
            teams.retain(|t| access::can_read_team(&user, t, followed.contains(&t.id)));
        }
        Ok(teams)
    }

    pub(super) fn readable_team(&mut self, id: TeamId) -> Result<Team> {
        let team = load(self.tx, id)?;
        if let Viewer::User(user) = &self.viewer {
            let user = user.clone();
            let follows = self
                .tx
                .followers(Followable::Team(id))?
                .contains(&user.partner);
            if !access::can_read_team(&user, &team, follows) {
                return Err(Error::not_found("team", id));
            }
        }
        Ok(team)
    }

    /// The team if the viewer may configure it.
    fn configurable_team(&mut self, id: TeamId) -> Result<Team> {
        let team = self.readable_team(id)?;
        self.require_configure(team.company, &format!("configure team {}", team.name))?;
        Ok(team)
    }

    fn check_members(&mut self, company: CompanyId, members: &[UserId]) -> Result<()> {
        for (i, id) in members.iter().enumerate() {
            if members[..i].contains(id) {
                return Err(Error::invalid(
                    "members",
                    format!("user {id} is listed twice"),
                ));
            }
            let user: User = load(self.tx, *id)?;
            if !user.is_agent() || !user.works_for(company) || !user.active {
                return Err(Error::invalid(
                    "members",
                    format!(
                        "{} is not an active agent or manager of the team's company",
                        user.name
                    ),
                ));
            }
        }
        Ok(())
    }

    fn check_settings(&mut self, team: &Team, settings: &TeamSettings) -> Result<()> {
        if settings.auto_close_days == 0 {
            return Err(Error::invalid(
                "settings.auto_close_days",
                "at least 1 day of inactivity",
            ));
        }
        if let Some(calendar) = settings.calendar {
            load_in(self.tx, calendar, team.company)?;
        }
        if let Some(raw) = settings.field_service_project {
            load_in(
                self.tx,
                crate::ids::FieldServiceProjectId(raw),
                team.company,
            )?;
        }
        let stages: Vec<StageId> = settings
            .auto_close_from_stages
            .iter()
            .chain(settings.closing_stage.iter())
            .copied()
            .collect();
        for stage in stages {
            let stage = load(self.tx, stage)?;
            if !stage.teams.contains(&team.id) {
                return Err(Error::invalid(
                    "settings",
                    format!("stage {} is not a stage of team {}", stage.name, team.name),
                ));
            }
        }
        Ok(())
    }

    fn check_stage_teams(&mut self, company: CompanyId, teams: &[TeamId]) -> Result<()> {
        for team in teams {
            load_in(self.tx, *team, company)?;
        }
        Ok(())
    }

    /// Every ticket (active and archived) matching `filter`.
    pub(super) fn all_tickets(
        &mut self,
        filter: TicketFilter,
    ) -> Result<Vec<crate::model::Ticket>> {
        let mut found = Vec::new();
        for archived in [false, true] {
            let filter = TicketFilter {
                archived,
                ..filter.clone()
            };
            found.extend(self.tx.find_tickets(
                &TicketScope::everything(),
                &filter,
                self.now,
                TicketSort::Oldest,
                None,
                usize::MAX,
            )?);
        }
        Ok(found)
    }

    /// VIS-6: narrowing from `portal` unfollows every portal user from the
    /// team and its tickets; widening to `portal` re-adds ticket customers.
    fn apply_visibility_change(&mut self, team: &Team, from: Visibility) -> Result<()> {
        let tickets = self.tx.team_ticket_ids(team.id)?;
        if from == Visibility::Portal && team.visibility != Visibility::Portal {
            // The portal users among the followers of the team and its
            // tickets: only they can lose anything.
            let mut followings = vec![Followable::Team(team.id)];
            followings.extend(tickets.iter().map(|t| Followable::Ticket(*t)));
            for target in followings {
                for partner in self.tx.followers(target)? {
                    if self.is_portal_partner(partner)? {
                        self.tx.remove_follower(target, partner)?;
                    }
                }
            }
        } else if from != Visibility::Portal && team.visibility == Visibility::Portal {
            for id in tickets {
                if let Some(customer) = self.tx.get_ticket(id)?.and_then(|t| t.customer) {
                    self.tx.add_follower(Followable::Ticket(id), customer)?;
                }
            }
        }
        Ok(())
    }
}

impl Work<'_> {
    /// MAIL-1: `alias` checked as `team`'s e-mail alias — an address,
    /// lowercase, that no other team of its company has; empty or `None`
    /// for none.
    fn team_alias(&mut self, team: &Team, alias: Option<&str>) -> Result<Option<String>> {
        let Some(alias) = alias.map(str::trim).filter(|a| !a.is_empty()) else {
            return Ok(None);
        };
        let alias = super::directory::email_address("email_alias", alias)?.to_lowercase();
        let taken = self
            .tx
            .by_key::<Team>(team.company, RecordKey::email(&alias))?
            .into_iter()
            .any(|t| t.id != team.id && t.email_alias.as_deref() == Some(alias.as_str()));
        if taken {
            return Err(Error::Conflict {
                entity: "team",
                reason: format!("another team of the company has the e-mail alias {alias}"),
            });
        }
        Ok(Some(alias))
    }
}

impl Helpdesk {
    /// Creates a team with the default stages (managers of its company).
    pub fn create_team(&self, actor: Actor, input: NewTeam) -> Result<Team> {
        self.write(actor, |w| {
            w.load_own(input.company)?;
            w.require_configure(input.company, "create a team")?;
            let name = w.required_text("name", &input.name)?;
            w.check_members(input.company, &input.members)?;
            let team = Team {
                id: TeamId(w.tx.new_id::<Team>()?),
                company: input.company,
                name,
                description: w.text("description", &input.description)?,
                visibility: input.visibility,
                members: input.members.clone(),
                settings: input.settings.clone(),
                active: true,
                email_alias: None,
            };
            w.check_settings(&team, &team.settings)?;
            let team = Team {
                email_alias: w.team_alias(&team, input.email_alias.as_deref())?,
                ..team
            };
            w.tx.put(&team)?;
            for (sequence, (name, folded)) in (1..).zip(DEFAULT_STAGES) {
                let stage = Stage {
                    id: StageId(w.tx.new_id::<Stage>()?),
                    company: team.company,
                    name: name.to_string(),
                    sequence,
                    folded,
                    teams: vec![team.id],
                    email_template: None,
                    sms_template: None,
                    rating_request: false,
                };
                w.tx.put(&stage)?;
            }
            for member in &team.members {
                let partner = load(w.tx, *member)?.partner;
                w.tx.add_follower(Followable::Team(team.id), partner)?;
            }
            Ok(team)
        })
    }

    /// Changes a team's name, description, visibility (with VIS-6's effects
    /// on followers), settings or archives it (managers).
    pub fn update_team(&self, actor: Actor, id: TeamId, update: TeamUpdate) -> Result<Team> {
        self.write(actor, |w| {
            let mut team = w.configurable_team(id)?;
            let before = team.visibility;
            if let Some(name) = update.name.clone() {
                team.name = w.required_text("name", &name)?;
            }
            if let Some(description) = update.description.clone() {
                team.description = w.text("description", &description)?;
            }
            if let Some(patch) = update.settings.clone() {
                let settings = patch.apply(&team.settings)?;
                w.check_settings(&team, &settings)?;
                team.settings = settings;
            }
            if let Some(active) = update.active {
                team.active = active;
            }
            if let Some(alias) = update.email_alias.as_deref() {
                team.email_alias = w.team_alias(&team, Some(alias))?;
            }
            if let Some(visibility) = update.visibility {
                team.visibility = visibility;
            }
            w.tx.put(&team)?;
            if team.visibility != before {
                w.apply_visibility_change(&team, before)?;
            }
            Ok(team)
        })
    }

    /// Replaces a team's members (in assignment order). New members follow
    /// the team, so a private team's members see its tickets.
    pub fn set_team_members(&self, actor: Actor, id: TeamId, members: Vec<UserId>) -> Result<Team> {
        self.write(actor, |w| {
            let mut team = w.configurable_team(id)?;
            w.check_members(team.company, &members)?;
            for member in members.iter().filter(|m| !team.members.contains(m)) {
                let partner = load(w.tx, *member)?.partner;
                w.tx.add_follower(Followable::Team(id), partner)?;
            }
            team.members = members.clone();
            w.tx.put(&team)?;
            Ok(team)
        })
    }

    /// A team the actor may see.
    pub fn get_team(&self, actor: Actor, id: TeamId) -> Result<Team> {
        self.read(actor, |w| w.readable_team(id))
    }

    /// The teams the actor may see, by id.
    pub fn list_teams(&self, actor: Actor) -> Result<Vec<Team>> {
        self.read(actor, |w| {
            let companies: Vec<CompanyId> = match &w.viewer {
                Viewer::System => {
                    w.tx.shared::<Company>(RecordKey::Directory)?
                        .iter()
                        .map(|c| c.id)
                        .collect()
                }
                Viewer::User(user) => user.companies.clone(),
            };
            w.readable_teams_of(&companies)
        })
    }

    /// Makes a contact follow a team (managers).
    pub fn follow_team(&self, actor: Actor, team: TeamId, partner: PartnerId) -> Result<()> {
        self.write(actor, |w| {
            let team = w.configurable_team(team)?;
            let partner = load(w.tx, partner)?;
            if team.visibility != Visibility::Portal && w.is_portal_partner(partner.id)? {
                return Err(Error::invalid(
                    "partner",
                    format!(
                        "{} is a portal user and team {} is not visible on the portal (VIS-6)",
                        partner.name, team.name
                    ),
                ));
            }
            w.tx.add_follower(Followable::Team(team.id), partner.id)?;
            Ok(())
        })
    }

    /// Stops a contact following a team (managers).
    pub fn unfollow_team(&self, actor: Actor, team: TeamId, partner: PartnerId) -> Result<()> {
        self.write(actor, |w| {
            let team = w.configurable_team(team)?;
            load(w.tx, partner)?;
            w.tx.remove_follower(Followable::Team(team.id), partner)?;
            Ok(())
        })
    }

    /// The followers of a team (internal users who may see it).
    pub fn team_followers(&self, actor: Actor, team: TeamId) -> Result<Vec<PartnerId>> {
        self.read(actor, |w| {
            let team = w.readable_team(team)?;
            if w.user().is_some_and(|u| u.kind == UserKind::Portal) {
                return Ok(Vec::new());
            }
            w.tx.followers(Followable::Team(team.id))
        })
    }

    /// Creates a stage (managers).
    pub fn create_stage(&self, actor: Actor, input: NewStage) -> Result<Stage> {
        self.write(actor, |w| {
            w.load_own(input.company)?;
            w.require_configure(input.company, "create a stage")?;
            w.check_stage_teams(input.company, &input.teams)?;
            let stage = Stage {
                id: StageId(w.tx.new_id::<Stage>()?),
                company: input.company,
                name: w.required_text("name", &input.name)?,
                sequence: input.sequence,
                folded: input.folded,
                teams: input.teams.clone(),
                email_template: w.optional_text("email_template", input.email_template.clone())?,
                sms_template: w.optional_text("sms_template", input.sms_template.clone())?,
                rating_request: input.rating_request,
            };
            w.tx.put(&stage)?;
            Ok(stage)
        })
    }

    /// Renames, reorders, folds, re-attaches a stage or changes its
    /// templates and whether it asks for a rating (managers). Folding
    /// closes the tickets in it, unfolding reopens them; a team whose
    /// tickets sit in the stage cannot be removed.
    pub fn update_stage(&self, actor: Actor, id: StageId, update: StageUpdate) -> Result<Stage> {
        self.write(actor, |w| {
            let mut stage = w.load_own(id)?;
            w.require_configure(stage.company, "change a stage")?;
            if let Some(name) = update.name.clone() {
                stage.name = w.required_text("name", &name)?;
            }
            if let Some(sequence) = update.sequence {
                stage.sequence = sequence;
            }
            if let Some(teams) = update.teams.clone() {
                w.check_stage_teams(stage.company, &teams)?;
                for removed in stage.teams.iter().filter(|t| !teams.contains(t)) {
                    let filter = TicketFilter { team: Some(*removed), stage: Some(id), ..TicketFilter::default() };
                    if !w.all_tickets(filter)?.is_empty() {
                        return Err(Error::InvalidState {
                            entity: "stage",
                            id: stage.name.clone(),
                            state: "in use".into(),
                            reason: format!("team {removed} has tickets in it: move them to another stage first"),
                        });
                    }
                }
                stage.teams = teams;
            }
            if update.email_template.is_some() {
                stage.email_template = w.optional_text("email_template", update.email_template.clone())?;
            }
            if update.sms_template.is_some() {
                stage.sms_template = w.optional_text("sms_template", update.sms_template.clone())?;
            }
            if let Some(rating_request) = update.rating_request {
                stage.rating_request = rating_request;
            }
            if let Some(folded) = update.folded.filter(|f| *f != stage.folded) {
                stage.folded = folded;
                for mut ticket in w.all_tickets(TicketFilter { stage: Some(id), ..TicketFilter::default() })? {
                    w.enter_stage_state(&mut ticket, folded)?;
                    w.tx.put_ticket(&ticket)?;
                }
            }
            w.tx.put(&stage)?;
            Ok(stage)
        })
    }

    /// The stages of a team the actor may see, in pipeline order.
    pub fn list_stages(&self, actor: Actor, team: TeamId) -> Result<Vec<Stage>> {
        self.read(actor, |w| {
            let team = w.readable_team(team)?;
            let mut stages: Vec<Stage> = w.tx.by_key(team.company, RecordKey::Team(team.id))?;
            stages.sort_by_key(|s| (s.sequence, s.id));
            Ok(stages)
        })
    }

    /// Creates a tag, unique by name in its company (agents, managers).
    pub fn create_tag(&self, actor: Actor, company: CompanyId, name: String) -> Result<Tag> {
        self.write(actor, |w| {
            w.load_own(company)?;
            w.require_internal_agent_of(company, "create a tag")?;
            let name = w.required_text("name", &name)?;
            let tags: Vec<Tag> = w.tx.in_company(company)?;
            Work::require_unique_name(
                "tag",
                tags.iter().map(|t| (t.company, t.name.as_str())),
                company,
                &name,
            )?;
            let tag = Tag {
                id: TagId(w.tx.new_id::<Tag>()?),
                company,
                name,
            };
            w.tx.put(&tag)?;
            Ok(tag)
        })
    }

    /// The tags of a company (internal users; empty for portal users).
    pub fn list_tags(&self, actor: Actor, company: CompanyId) -> Result<Vec<Tag>> {
        self.read(actor, |w| {
            let visible = w
                .user()
                .is_none_or(|u| u.kind == UserKind::Internal && u.works_for(company));
            if !visible {
                return Ok(Vec::new());
            }
            w.tx.in_company(company)
        })
    }

    /// Creates a ticket type, unique by name in its company (managers).
    pub fn create_ticket_type(
        &self,
        actor: Actor,
        company: CompanyId,
        name: String,
    ) -> Result<TicketType> {
        self.write(actor, |w| {
            w.load_own(company)?;
            w.require_configure(company, "create a ticket type")?;
            let name = w.required_text("name", &name)?;
            let types: Vec<TicketType> = w.tx.in_company(company)?;
            Work::require_unique_name(
                "ticket_type",
                types.iter().map(|t| (t.company, t.name.as_str())),
                company,
                &name,
            )?;
            let ticket_type = TicketType {
                id: TicketTypeId(w.tx.new_id::<TicketType>()?),
                company,
                name,
            };
            w.tx.put(&ticket_type)?;
            Ok(ticket_type)
        })
    }

    /// The ticket types of a company (anyone working for it).
    pub fn list_ticket_types(&self, actor: Actor, company: CompanyId) -> Result<Vec<TicketType>> {
        self.read(actor, |w| {
            let visible = w.user().is_none_or(|u| u.works_for(company));
            if !visible {
                return Ok(Vec::new());
            }
            w.tx.in_company(company)
        })
    }
}

impl Work<'_> {
    /// Requires an agent or manager of `company` (or the system).
    fn require_internal_agent_of(&self, company: CompanyId, action: &str) -> Result<()> {
        match &self.viewer {
            Viewer::System => Ok(()),
            Viewer::User(user) if user.is_agent() && user.works_for(company) => Ok(()),
            Viewer::User(_) => Err(Error::forbidden(
                action,
                "only agents and managers of the company (VIS-8)",
            )),
        }
    }

    /// The teams of `companies`, by id.
    pub(super) fn teams_of(&mut self, companies: &[CompanyId]) -> Result<Vec<Team>> {
        let mut teams = Vec::new();
        for company in companies {
            teams.extend(self.tx.in_company::<Team>(*company)?);
        }
        teams.sort_by_key(|t| t.id);
        Ok(teams)
    }

    /// The kind of user who logs in as `partner`, if any.
    pub(super) fn login_kind(&mut self, partner: PartnerId) -> Result<Option<UserKind>> {
        Ok(self
            .tx
            .shared::<User>(RecordKey::Partner(partner))?
            .first()
            .map(|u| u.kind))
    }

    /// Whether a partner is the contact of a portal user.
    pub(super) fn is_portal_partner(&mut self, partner: PartnerId) -> Result<bool> {
        Ok(self.login_kind(partner)? == Some(UserKind::Portal))
    }

    /// Rejects `name` when a record of the company already has it (names of
    /// tags and ticket types are unique per company, ignoring ASCII case).
    pub(super) fn require_unique_name<'n>(
        entity: &'static str,
        mut existing: impl Iterator<Item = (CompanyId, &'n str)>,
        company: CompanyId,
        name: &str,
    ) -> Result<()> {
        if existing.any(|(c, n)| c == company && n.eq_ignore_ascii_case(name)) {
            return Err(Error::Conflict {
                entity,
                reason: format!("a {entity} named {name:?} exists in the company"),
            });
        }
        Ok(())
    }
}
