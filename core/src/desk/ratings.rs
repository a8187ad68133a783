//! Customer ratings (RAT-1): a ticket entering a stage that asks for a
//! rating sends its customer a request carrying a token; the customer's
//! answer, given through the token, is recorded on the ticket; managers
//! hide or publish ratings; a team's satisfaction and its public page count
//! the published ones.
//!
//! A rating request is stored as a rating record without an answer yet. Its
//! token is `<company>-<32 hex digits>`: the company routes the lookup to
//! one company's records (one shard of a database distributed by company),
//! and the 128 random bits, drawn from the desk's random source, are the
//! secret; the first 64 of them are the record's [`RecordKey::RatingToken`],
//! so an answer finds its request through an index, never a scan.

use super::records::{Record, Records};
use super::{Helpdesk, Work};
use crate::access::{Actor, TicketScope};
use crate::ids::{CompanyId, MessageId, PartnerId, RatingId, TeamId, TicketId, UserId};
use crate::model::{
    rating_label, satisfaction, Message, MessageKind, OutboxKind, PublicRating, Rating, Stage,
    Team, TeamSatisfaction, Ticket, UserKind,
};
use crate::random::RandomSource;
use crate::store::{Followable, RecordKey, Sequence};
use crate::{Error, Result};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The random bytes of a rating token (RAT-1: at least 128 bits).
const TOKEN_BYTES: usize = 16;

/// How far back a team's satisfaction looks (RAT-1).
const SATISFACTION_DAYS: i64 = 7;

/// How far back a team's public page looks (RAT-1).
const PUBLIC_DAYS: i64 = 30;

/// Input of [`Helpdesk::list_ratings`]: which answered ratings of a
/// company to list; every field but the company narrows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RatingQuery {
    /// The company.
    pub company: CompanyId,
    /// Only the ratings counted for this team (the ticket's team when the
    /// rating was asked for).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub team: Option<TeamId>,
    /// Only the ratings of this agent (the ticket's assignee when the
    /// rating was asked for).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub assignee: Option<UserId>,
    /// Only ratings answered at or after this instant.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub from: Option<DateTime<Utc>>,
    /// Only ratings answered before this instant.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub to: Option<DateTime<Utc>>,
}

/// A rating request and its answer, as stored: the token stays here, never
/// in a [`Rating`] an operation returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RatingRecord {
    pub(crate) id: RatingId,
    pub(crate) company: CompanyId,
    pub(crate) ticket: TicketId,
    pub(crate) team: TeamId,
    pub(crate) assignee: Option<UserId>,
    pub(crate) customer: PartnerId,
    pub(crate) token: String,
    pub(crate) requested_at: DateTime<Utc>,
    pub(crate) rating: Option<u32>,
    pub(crate) feedback: Option<String>,
    pub(crate) rated_at: Option<DateTime<Utc>>,
    pub(crate) published: bool,
}

impl RatingRecord {
    /// The keys a rating is found by: its ticket, its token, its team (and
    /// the team and month of its answer), its agent.
    pub(super) fn index_keys(&self) -> Vec<RecordKey> {
        let mut keys = vec![RecordKey::Ticket(self.ticket), RecordKey::Team(self.team)];
        keys.extend(parse_token(&self.token).map(|(_, key)| key));
        keys.extend(self.rated_at.map(|at| RecordKey::rated_in(self.team, at)));
        keys.extend(self.assignee.map(RecordKey::User));
        keys
    }

    /// The answered rating, `None` while the request is unanswered.
    pub(super) fn view(&self) -> Option<Rating> {
        Some(Rating {
            id: self.id,
            company: self.company,
            ticket: self.ticket,
            team: self.team,
            assignee: self.assignee,
            customer: self.customer,
            rating: self.rating?,
            feedback: self.feedback.clone(),
            published: self.published,
            requested_at: self.requested_at,
            rated_at: self.rated_at?,
        })
    }
}

/// A new token of `company`: `<company>-<128 random bits in hex>`.
fn new_token(random: &dyn RandomSource, company: CompanyId) -> Result<String> {
    let mut bytes = [0u8; TOKEN_BYTES];
    random.fill(&mut bytes)?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("{}-{hex}", company.0))
}

/// The company and key a token is found by, if it has a token's shape.
/// Only the token as issued matches its stored record, which the caller
/// compares whole.
fn parse_token(token: &str) -> Option<(CompanyId, RecordKey)> {
    let (company, secret) = token.split_once('-')?;
    if company.is_empty()
        || company.len() > 16
        || !company.bytes().all(|b| b.is_ascii_digit())
        || secret.len() != 2 * TOKEN_BYTES
        || !secret
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return None;
    }
    let company = company.parse::<i64>().ok().filter(|c| *c > 0)?;
    let prefix = u64::from_str_radix(&secret[..16], 16).ok()?;
    Some((
        CompanyId(company),
        RecordKey::RatingToken(i64::from_be_bytes(prefix.to_be_bytes())),
    ))
}

/// Compares two texts in time that depends only on their lengths.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

/// The first instant of each month (UTC) from the month of `from` to the
/// month of `to`, both included.
fn months(from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    let (mut year, mut month) = (from.year(), from.month());
    while (year, month) <= (to.year(), to.month()) {
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
            break;
        };
        out.push(first.and_time(chrono::NaiveTime::MIN).and_utc());
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    out
}

/// The note an answer leaves on the ticket.
fn note_of(rating: u32, feedback: Option<&str>, again: bool) -> String {
    let label = rating_label(rating).unwrap_or("rated");
    let head = if again {
        format!("The customer changed their rating to {rating} ({label}).")
    } else {
        format!("The customer rated the service {rating} ({label}).")
    };
    match feedback {
        Some(feedback) => format!("{head}\nFeedback: {feedback}"),
        None => head,
    }
}

impl Work<'_> {
    /// RAT-1: `ticket` entered `stage`: when the stage asks for a rating,
    /// the ticket's team has ratings on and the ticket has a customer, the
    /// customer is sent a rating request with the token of the ticket's
    /// unanswered request to them (a new one when there is none).
    pub(super) fn request_rating(&mut self, ticket: &Ticket, stage: &Stage) -> Result<()> {
        if !stage.rating_request {
            return Ok(());
        }
        let (Some(team), Some(customer)) = (ticket.team, ticket.customer) else {
            return Ok(());
        };
        let team: Team = self.tx.require(team.0)?;
        if !team.settings.ratings {
            return Ok(());
        }
        let pending = self
            .tx
            .by_key::<RatingRecord>(ticket.company, RecordKey::Ticket(ticket.id))?
            .into_iter()
            .find(|r| r.rating.is_none() && r.customer == customer);
        let record = match pending {
            Some(pending) => RatingRecord {
                team: team.id,
                assignee: ticket.assignee,
                requested_at: self.now,
                ..pending
            },
            None => RatingRecord {
                id: RatingId(self.tx.new_id::<RatingRecord>()?),
                company: ticket.company,
                ticket: ticket.id,
                team: team.id,
                assignee: ticket.assignee,
                customer,
                token: new_token(self.random, ticket.company)?,
                requested_at: self.now,
                rating: None,
                feedback: None,
                rated_at: None,
                published: true,
            },
        };
        self.tx.put(&record)?;
        let out = super::outbox::Outgoing {
            kind: OutboxKind::RatingRequest,
            event: crate::model::OutboxEvent::RatingRequest,
            recipients: vec![customer],
            template: None,
            subject: format!("Ticket {}: how did we do?", ticket.reference),
            body: format!(
                "Please rate how we handled \"{}\": unhappy, okay or happy.",
                ticket.subject
            ),
            payload: self.ticket_payload(ticket)?,
            token: Some(record.token),
        };
        self.send(ticket.company, Some(ticket), out).map(|_| ())
    }

    /// The rating request `token` names; `not_found` for a token that is
    /// malformed, unknown, or (for a user) not addressed to them.
    fn rating_by_token(&mut self, token: &str) -> Result<RatingRecord> {
        let unknown = || Error::not_found("rating", "token");
        let (company, key) = parse_token(token).ok_or_else(unknown)?;
        let record = self
            .tx
            .by_key::<RatingRecord>(company, key)?
            .into_iter()
            .find(|r| same_secret(&r.token, token))
            .ok_or_else(unknown)?;
        // A user answers only a request addressed to them: anyone else's
        // token, of their company or another, is as unknown as a missing
        // one (VIS-9, VIS-11).
        match self.user() {
            Some(user) if user.partner != record.customer || !user.works_for(company) => {
                Err(unknown())
            }
            _ => Ok(record),
        }
    }

    /// Whether the viewer may read the ticket of `record` (its ratings
    /// follow the ticket's access rules), with `scope` the viewer's
    /// listing scope; a portal user reads only the ratings they gave.
    fn sees_rating(&mut self, scope: &TicketScope, record: &RatingRecord) -> Result<bool> {
        let Some(user) = self.user() else {
            return Ok(true);
        };
        if user.kind == UserKind::Portal && user.partner != record.customer {
            return Ok(false);
        }
        if scope.all {
            return Ok(scope
                .companies
                .as_ref()
                .is_none_or(|c| c.contains(&record.company)));
        }
        let Some(ticket) = self.tx.get_ticket(record.ticket)? else {
            return Ok(false);
        };
        if scope.contains(&ticket, &[]) {
            return Ok(true);
        }
        if scope.followed_by.is_none() {
            return Ok(false);
        }
        let followers = self.tx.followers(Followable::Ticket(ticket.id))?;
        Ok(scope.contains(&ticket, &followers))
    }

    /// The answered rating records `team` received from `since` to `until`
    /// (both included), published or not, by increasing id: the months of
    /// the window, one key each, so ratings outside it are never read.
    pub(super) fn ratings_given(
        &mut self,
        team: TeamId,
        company: CompanyId,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<RatingRecord>> {
        let mut records = Vec::new();
        for month in months(since, until) {
            let key = RecordKey::rated_in(team, month);
            for record in self.tx.by_key::<RatingRecord>(company, key)? {
                if record.team == team
                    && record.rated_at.is_some_and(|at| at >= since && at <= until)
                {
                    records.push(record);
                }
            }
        }
        records.sort_by_key(|r| r.id);
        Ok(records)
    }

    /// The answered rating records of `company` given from `since` to
    /// `until`, of `teams` (empty: every team of the company), by
    /// increasing id.
    pub(super) fn company_ratings_given(
        &mut self,
        company: CompanyId,
        teams: &[TeamId],
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<RatingRecord>> {
        let teams: Vec<TeamId> = match teams.is_empty() {
            true => self.teams_of(&[company])?.iter().map(|t| t.id).collect(),
            false => teams.to_vec(),
        };
        let mut records = Vec::new();
        for team in teams {
            records.extend(self.ratings_given(team, company, since, until)?);
        }
        records.sort_by_key(|r| r.id);
        Ok(records)
    }

    /// The published ratings `team` received from `since` to now, newest
    /// first.
    pub(super) fn published_ratings(
        &mut self,
        team: &Team,
        since: DateTime<Utc>,
    ) -> Result<Vec<Rating>> {
        let mut ratings: Vec<Rating> = self
            .ratings_given(team.id, team.company, since, self.now)?
            .iter()
            .filter_map(RatingRecord::view)
            .filter(|r| r.published)
            .collect();
        ratings.sort_by_key(|r| std::cmp::Reverse((r.rated_at, r.id)));
        Ok(ratings)
    }
}

impl Helpdesk {
    /// RAT-1: the customer's answer to a rating request, given through the
    /// request's token (the host has it from the outbox message, kind
    /// `rating_request`, field `token`): `rating` is 1 (unhappy), 3 (okay)
    /// or 5 (happy), anything else `invalid_input` naming `rating`;
    /// `feedback` is optional. No login is needed beyond the token: the
    /// host calls it as the system actor on the customer's behalf, or as
    /// the customer's own portal user. A token that is malformed or
    /// unknown, or (for a user) addressed to someone else, is `not_found`.
    /// Answering again through the same token replaces the answer (rating
    /// and feedback) and its instant. Each answer leaves an internal note
    /// on the ticket.
    pub fn rate_ticket(
        &self,
        actor: Actor,
        token: String,
        rating: u32,
        feedback: Option<String>,
    ) -> Result<Rating> {
        if rating_label(rating).is_none() {
            return Err(Error::invalid(
                "rating",
                format!("{rating} is not a rating: 1 (unhappy), 3 (okay) or 5 (happy)"),
            ));
        }
        self.write(actor, |w| {
            let feedback = w.optional_text("feedback", feedback.clone())?;
            let mut record = w.rating_by_token(&token)?;
            let mut ticket =
                w.tx.get_ticket(record.ticket)?
                    .ok_or_else(|| Error::not_found("rating", "token"))?;
            let again = record.rating.is_some();
            record.rating = Some(rating);
            record.feedback = feedback;
            record.rated_at = Some(w.now);
            w.tx.put(&record)?;
            let note = Message {
                id: MessageId(w.tx.next_value(Sequence::Message)?),
                ticket: ticket.id,
                kind: MessageKind::Note,
                author: w.user().map(|u| u.id),
                author_partner: Some(record.customer),
                body: note_of(rating, record.feedback.as_deref(), again),
                at: w.now,
                attachments: Vec::new(),
            };
            w.tx.add_message(&note)?;
            w.save(&mut ticket)?;
            record.view().ok_or_else(|| Error::Internal {
                message: "an answered rating has no answer".into(),
            })
        })
    }

    /// RAT-1: shows (`true`) or hides (`false`) a rating on its team's
    /// public page and in its satisfaction (managers of its company). A
    /// rating the actor may not read is `not_found`; one they may read
    /// but not manage is `forbidden`.
    pub fn set_rating_published(
        &self,
        actor: Actor,
        id: RatingId,
        published: bool,
    ) -> Result<Rating> {
        self.write(actor, |w| {
            let mut record: RatingRecord = w.load_own(id)?;
            if record.rating.is_none() {
                return Err(Error::not_found("rating", id));
            }
            let manager = match w.user() {
                None => true,
                Some(user) => crate::access::can_configure(user, record.company),
            };
            if !manager {
                let scope = w.scope()?;
                if !w.sees_rating(&scope, &record)? {
                    return Err(Error::not_found("rating", id));
                }
                w.require_configure(record.company, "publish or hide a rating")?;
            }
            record.published = published;
            w.tx.put(&record)?;
            record.view().ok_or_else(|| Error::not_found("rating", id))
        })
    }

    /// RAT-1: the answered ratings of a company, newest answer first,
    /// narrowed by team, agent and period (`from` inclusive, `to`
    /// exclusive), with the access rules of their tickets: a rating of a
    /// ticket the actor may not read is left out (VIS-9: lists are
    /// filtered, never refused). Portal users get only the ratings they
    /// gave themselves. A team the actor may not see, or of another
    /// company, is `not_found`. Reads the team's ratings (or the agent's,
    /// or the company's), never another company's.
    pub fn list_ratings(&self, actor: Actor, query: RatingQuery) -> Result<Vec<Rating>> {
        self.read(actor, |w| {
            w.load_own(query.company)?;
            if let Some(id) = query.team {
                if w.readable_team(id)?.company != query.company {
                    return Err(Error::not_found("team", id));
                }
            }
            // From a first instant, the months since (by the key each
            // rating has for its team and month); else by team, by agent,
            // or the company's.
            let until = query.to.map_or(w.now, |to| to.min(w.now));
            let records: Vec<RatingRecord> = match (query.from, query.team, query.assignee) {
                (Some(from), team, None) => {
                    let teams: Vec<TeamId> = team.into_iter().collect();
                    w.company_ratings_given(query.company, &teams, from, until)?
                }
                (_, Some(team), _) => w.tx.by_key(query.company, RecordKey::Team(team))?,
                (_, None, Some(agent)) => w.tx.by_key(query.company, RecordKey::User(agent))?,
                (None, None, None) => w.tx.in_company(query.company)?,
            };
            let scope = w.scope()?;
            let mut ratings = Vec::new();
            for record in records {
                let Some(rating) = record.view() else {
                    continue;
                };
                let wanted = query.team.is_none_or(|t| rating.team == t)
                    && query.assignee.is_none_or(|a| rating.assignee == Some(a))
                    && query.from.is_none_or(|from| rating.rated_at >= from)
                    && query.to.is_none_or(|to| rating.rated_at < to);
                if wanted && w.sees_rating(&scope, &record)? {
                    ratings.push(rating);
                }
            }
            ratings.sort_by_key(|r| std::cmp::Reverse((r.rated_at, r.id)));
            Ok(ratings)
        })
    }

    /// RAT-1: a team's satisfaction over the last 7 days: the share of its
    /// published ratings answered since then that are satisfied (≥ 4), in
    /// percent with two decimals, `None` without ratings. Hidden ratings
    /// are left out. For the host and employees who see the team; portal
    /// users see the team's public page instead (`forbidden`).
    pub fn team_satisfaction(&self, actor: Actor, team: TeamId) -> Result<TeamSatisfaction> {
        self.read(actor, |w| {
            w.require_internal(
                "read a team's satisfaction",
                "customers see a team's ratings on its public page (public_ratings)",
            )?;
            let team = w.readable_team(team)?;
            let since = w.now - Duration::days(SATISFACTION_DAYS);
            let ratings = w.published_ratings(&team, since)?;
            let values: Vec<u32> = ratings.iter().map(|r| r.rating).collect();
            Ok(TeamSatisfaction {
                team: team.id,
                since,
                ratings: values.len() as u64,
                satisfied: values
                    .iter()
                    .filter(|v| **v >= crate::model::SATISFIED_FROM)
                    .count() as u64,
                satisfaction: satisfaction(values),
            })
        })
    }

    /// RAT-1: what a team's public page shows: its published ratings of
    /// the last 30 days, newest first, each its value and instant only —
    /// never the customer's feedback, nor who gave it or about which
    /// ticket. Only for a team with ratings and public ratings on (else
    /// `not_found`: the page does not exist), for the host (rendering the
    /// page for anyone) and users who see the team.
    pub fn public_ratings(&self, actor: Actor, team: TeamId) -> Result<Vec<PublicRating>> {
        self.read(actor, |w| {
            let team = w.readable_team(team)?;
            if !(team.settings.ratings && team.settings.public_ratings) {
                return Err(Error::not_found("public_ratings", team.id));
            }
            let since = w.now - Duration::days(PUBLIC_DAYS);
            Ok(w.published_ratings(&team, since)?
                .into_iter()
                .map(|r| PublicRating {
                    rating: r.rating,
                    rated_at: r.rated_at,
                })
                .collect())
        })
    }
}

impl Record for RatingRecord {
    const KIND: crate::store::RecordKind = crate::store::RecordKind::Rating;
    fn raw_id(&self) -> i64 {
        self.id.0
    }
    fn company(&self) -> Option<CompanyId> {
        Some(self.company)
    }
    fn keys(&self) -> Vec<RecordKey> {
        self.index_keys()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SeededRandom;

    #[test]
    fn rat_1_a_token_is_its_company_and_128_random_bits_and_only_that_shape_parses() {
        let token = new_token(&SeededRandom::new(7), CompanyId(42)).unwrap();
        let (company, secret) = token.split_once('-').unwrap();
        assert_eq!(company, "42");
        assert_eq!(secret.len(), 32);
        let (parsed, key) = parse_token(&token).unwrap();
        assert_eq!(parsed, CompanyId(42));
        let prefix = u64::from_str_radix(&secret[..16], 16).unwrap();
        assert_eq!(key, RecordKey::RatingToken(prefix as i64));
        for bad in [
            "",
            "42",
            "42-",
            "-0123456789abcdef0123456789abcdef",
            "0-0123456789abcdef0123456789abcdef",
            "x-0123456789abcdef0123456789abcdef",
            "42-0123456789ABCDEF0123456789abcdef",
            "42-0123456789abcdef0123456789abcde",
            "42-0123456789abcdef0123456789abcdef0",
            "42-0123456789abcdeg0123456789abcdef",
            "99999999999999999-0123456789abcdef0123456789abcdef",
        ] {
            assert!(parse_token(bad).is_none(), "{bad:?}");
        }
        assert_ne!(
            new_token(&SeededRandom::new(7), CompanyId(42)).unwrap(),
            new_token(&SeededRandom::new(8), CompanyId(42)).unwrap()
        );
    }

    #[test]
    fn rat_1_the_months_of_a_window_are_every_month_it_touches() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let months = months(at("2025-12-20T10:00:00Z"), at("2026-02-01T00:00:00Z"));
        assert_eq!(
            months,
            [
                at("2025-12-01T00:00:00Z"),
                at("2026-01-01T00:00:00Z"),
                at("2026-02-01T00:00:00Z")
            ]
        );
    }
}
