//! E-mail in (MAIL-1 … MAIL-5): a raw mail becomes a ticket, a message on
//! the ticket it answers, or nothing, and a receipt says which.
//!
//! The mail is read by [`crate::mail::parse_mail`] before anything is
//! written; then, in one unit of work: a Message-ID already in a thread is
//! a duplicate; a reply to a thread joins it (a machine's reply as an
//! internal note); a machine's mail opening nothing is ignored; anything
//! else opens a ticket of the team its recipient's alias names, unless its
//! sender has opened too many this hour.

use super::outbox::MailLink;
use super::records::Records;
use super::{Helpdesk, NewTicket, Work};
use crate::access::{Actor, TicketScope};
use crate::ids::{CompanyId, MessageId, PartnerId, TeamId, TicketId};
use crate::mail::{
    parse_mail, AutomaticKind, IncomingMail, MailAddress, MailAttachment, MailLimits,
};
use crate::model::{
    Company, MailSettings, Message, MessageAttachment, MessageKind, OutboxEvent, Partner, Team,
    Ticket,
};
use crate::store::{RecordKey, RecordKind, Sequence, TicketFilter, TicketSort};
use crate::{Error, Result};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The most contacts one mail's other recipients make followers of the
/// ticket it opens (MAIL-1); the rest are left out, not refused.
pub const MAX_MAIL_FOLLOWERS: usize = 50;

/// The most of a mail's To and Cc addresses looked at for a team's alias
/// (MAIL-1): a mail to thousands costs no more than one to a hundred.
const MAX_ROUTED_RECIPIENTS: usize = 100;

/// What [`Helpdesk::receive_email`] did with a mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum MailOutcome {
    /// It opened a ticket (MAIL-1).
    TicketCreated,
    /// It answered a ticket's thread and was added to it as a reply
    /// (MAIL-2).
    MessageAdded,
    /// A machine's mail (an auto-reply, a bounce) answering a ticket's
    /// thread: added to it as an internal note, sent to nobody (MAIL-3).
    NoteAdded,
    /// Its Message-ID is already in a thread: it was taken in before, or
    /// is one of the desk's own e-mails come back (MAIL-3). Nothing written.
    Duplicate,
    /// A machine's mail answering no thread: it opens nothing (MAIL-3).
    Ignored,
    /// Its sender has opened as many tickets this hour as the company
    /// allows (MAIL-3). Nothing written: take it in again later, or drop it.
    Throttled,
}

/// What [`Helpdesk::receive_email`] did with a mail, and the attachments'
/// bytes for the host to keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MailReceipt {
    /// What was done.
    pub outcome: MailOutcome,
    /// The ticket the mail opened or joined (for a duplicate: the one it
    /// joined before); `None` when ignored or throttled.
    pub ticket: Option<TicketId>,
    /// The message it became, when one was written.
    pub message: Option<MessageId>,
    /// Set when the mail is a machine's (MAIL-3).
    pub automatic: Option<AutomaticKind>,
    /// The attachments of the message written, with their bytes as far as
    /// [`MailSettings::max_kept_attachment_bytes`] allows (MAIL-4): the
    /// desk records only name, media type, size and SHA-256 on the
    /// message; the host keeps the bytes, found by the SHA-256. Empty when
    /// no message was written.
    pub attachments: Vec<MailAttachment>,
}

impl MailReceipt {
    fn nothing(outcome: MailOutcome, mail: &IncomingMail) -> Self {
        MailReceipt {
            outcome,
            ticket: None,
            message: None,
            automatic: mail.automatic,
            attachments: Vec::new(),
        }
    }
}

/// The instants a sender's mail opened tickets at, within the last hour
/// (MAIL-3): found by the sender's address, pruned as it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct MailSender {
    pub(crate) id: i64,
    pub(crate) company: CompanyId,
    /// Trimmed and lowercase.
    pub(crate) email: String,
    /// Oldest first.
    pub(crate) opened: Vec<DateTime<Utc>>,
}

impl super::records::Record for MailSender {
    const KIND: RecordKind = RecordKind::MailSender;
    fn raw_id(&self) -> i64 {
        self.id
    }
    fn company(&self) -> Option<CompanyId> {
        Some(self.company)
    }
    fn keys(&self) -> Vec<RecordKey> {
        vec![RecordKey::email(&self.email)]
    }
}

/// The key a mail is known by in its thread: its Message-ID, or for a mail
/// without one the SHA-256 of its bytes (the same mail delivered twice is
/// the same bytes).
fn thread_key(mail: &IncomingMail, raw: &[u8]) -> String {
    match &mail.message_id {
        Some(id) => id.clone(),
        None => {
            let digest: String = Sha256::digest(raw)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            format!("{digest}@sha256.invalid")
        }
    }
}

/// `text` cut to at most `max` bytes, on a character boundary.
fn cut_bytes(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl Work<'_> {
    /// The link of the Message-ID `id` in one of the company's threads.
    fn mail_link(&mut self, company: CompanyId, id: &str) -> Result<Option<MailLink>> {
        Ok(self
            .tx
            .by_key::<MailLink>(company, RecordKey::message_id(id))?
            .into_iter()
            .find(|link| link.message_id == id))
    }

    /// MAIL-2: the ticket `mail` answers — the first of its thread ids a
    /// thread of the company holds, else the `[#ref]` of its subject when
    /// a contact with the sender's address follows that ticket.
    fn answered_ticket(
        &mut self,
        company: CompanyId,
        mail: &IncomingMail,
        sender: Option<&Partner>,
    ) -> Result<Option<Ticket>> {
        for id in mail.thread_ids() {
            if let Some(link) = self.mail_link(company, id)? {
                return self.tx.get_ticket(link.ticket);
            }
        }
        let (Some(reference), Some(sender)) = (mail.subject_reference(), sender) else {
            return Ok(None);
        };
        let reference = format!("#{}", reference.trim_start_matches('#'));
        // The tickets the sender follows: what the hint may name.
        let scope = TicketScope {
            companies: Some(vec![company]),
            followed_by: Some(sender.id),
            ..TicketScope::default()
        };
        for archived in [false, true] {
            let filter = TicketFilter {
                archived,
                ..TicketFilter::default()
            };
            let followed = self.tx.find_tickets(
                &scope,
                &filter,
                self.now,
                TicketSort::Newest,
                None,
                usize::MAX,
            )?;
            if let Some(ticket) = followed.into_iter().find(|t| t.reference == reference) {
                return Ok(Some(ticket));
            }
        }
        Ok(None)
    }

    /// MAIL-1: the team a new mail is for — the first of its To, then Cc,
    /// addresses (the first 100) that is an active team's alias, else the
    /// company's
    /// default team; `invalid_input` on `raw` when there is neither.
    fn mail_team(&mut self, company: &Company, mail: &IncomingMail) -> Result<TeamId> {
        for address in mail.to.iter().chain(&mail.cc).take(MAX_ROUTED_RECIPIENTS) {
            if let Some(team) = self.team_of_alias(company.id, &address.email)? {
                return Ok(team.id);
            }
        }
        company.mail.default_team.ok_or_else(|| {
            Error::invalid(
                "raw",
                "the mail is addressed to no team's alias, and the company has no default team for e-mail (MAIL-1)",
            )
        })
    }

    /// The active team of `company` whose alias is `email`, if any.
    fn team_of_alias(&mut self, company: CompanyId, email: &str) -> Result<Option<Team>> {
        Ok(self
            .tx
            .by_key::<Team>(company, RecordKey::email(email))?
            .into_iter()
            .find(|t| t.active && t.email_alias.as_deref() == Some(email)))
    }

    /// The contact of `company` with `address`, made (named by the
    /// address's display name, else the address) when there is none.
    fn mail_contact(&mut self, company: CompanyId, address: &MailAddress) -> Result<Partner> {
        if let Some(partner) = self.contact_by_email(company, &address.email)? {
            return Ok(partner);
        }
        let short = self.limits.short as usize;
        if address.email.chars().count() > short {
            return Err(Error::invalid(
                "raw",
                format!("an address of the mail is over {short} characters"),
            ));
        }
        let name = address.name.as_deref().unwrap_or(&address.email);
        let id = PartnerId(self.tx.new_id::<Partner>()?);
        let partner = Partner {
            id,
            company: Some(company),
            name: name.chars().take(short).collect(),
            email: Some(address.email.clone()),
            phone: None,
            parent: None,
            commercial_partner: id,
            address: None,
        };
        self.tx.put(&partner)?;
        Ok(partner)
    }

    /// MAIL-3: records that `sender` opens a ticket now, unless they have
    /// opened `settings.tickets_per_sender_per_hour` in the last hour
    /// (`false`: throttled, nothing written).
    fn admit_sender(
        &mut self,
        company: CompanyId,
        sender: &str,
        settings: &MailSettings,
    ) -> Result<bool> {
        let since = self.now - Duration::hours(1);
        let found = self
            .tx
            .by_key::<MailSender>(company, RecordKey::email(sender))?
            .into_iter()
            .find(|s| s.email == sender);
        let mut record = match found {
            Some(record) => record,
            None => MailSender {
                id: self.tx.new_id::<MailSender>()?,
                company,
                email: sender.to_string(),
                opened: Vec::new(),
            },
        };
        record.opened.retain(|at| *at > since);
        if record.opened.len() >= settings.tickets_per_sender_per_hour as usize {
            return Ok(false);
        }
        record.opened.push(self.now);
        self.tx.put(&record)?;
        Ok(true)
    }

    /// The message `mail` becomes on `ticket`, from `author`.
    fn mail_message(
        &mut self,
        ticket: TicketId,
        kind: MessageKind,
        author: PartnerId,
        mail: &IncomingMail,
    ) -> Result<Message> {
        let body = cut_bytes(&mail.text, self.limits.text as usize).trim();
        let body = match body.is_empty() {
            true => "(no text)".to_string(),
            false => body.to_string(),
        };
        let message = Message {
            id: MessageId(self.tx.next_value(Sequence::Message)?),
            ticket,
            kind,
            author: None,
            author_partner: Some(author),
            body,
            at: self.now,
            attachments: mail
                .attachments
                .iter()
                .map(MessageAttachment::from)
                .collect(),
        };
        self.tx.add_message(&message)?;
        Ok(message)
    }

    /// Joins `key` to the thread of `ticket`, so that the same mail is
    /// stored once and replies to it thread (MAIL-2, MAIL-3).
    fn link_mail(&mut self, company: CompanyId, ticket: TicketId, key: String) -> Result<()> {
        let link = MailLink {
            id: self.tx.new_id::<MailLink>()?,
            company,
            ticket,
            message_id: key,
            at: self.now,
        };
        self.tx.put(&link)
    }

    /// MAIL-1: opens a ticket for `mail` (routed, throttled), with the
    /// sender as customer and the other recipients as followers.
    fn open_ticket_by_mail(
        &mut self,
        company: &Company,
        mail: &IncomingMail,
        key: String,
    ) -> Result<MailReceipt> {
        let team = self.mail_team(company, mail)?;
        if !self.admit_sender(company.id, &mail.from.email, &company.mail)? {
            return Ok(MailReceipt::nothing(MailOutcome::Throttled, mail));
        }
        let customer = self.mail_contact(company.id, &mail.from)?;
        let subject = match mail.subject.is_empty() {
            true => "(no subject)".to_string(),
            false => mail
                .subject
                .chars()
                .take(self.limits.subject as usize)
                .collect(),
        };
        let ticket = self.create_one(NewTicket {
            team: Some(team),
            subject,
            description: cut_bytes(&mail.text, self.limits.text as usize).to_string(),
            customer: Some(customer.id),
            ..NewTicket::default()
        })?;
        let team = self.tx.require::<Team>(team.0)?;
        let mut followers = 0;
        for address in mail.to.iter().chain(&mail.cc).take(MAX_ROUTED_RECIPIENTS) {
            if followers == MAX_MAIL_FOLLOWERS {
                break;
            }
            if address.email == mail.from.email
                || self.team_of_alias(company.id, &address.email)?.is_some()
            {
                continue;
            }
            let partner = self.mail_contact(company.id, address)?;
            self.follow_as_customer(&ticket, Some(&team), partner.id)?;
            followers += 1;
        }
        let message = self.mail_message(ticket.id, MessageKind::Reply, customer.id, mail)?;
        self.link_mail(company.id, ticket.id, key)?;
        Ok(MailReceipt {
            outcome: MailOutcome::TicketCreated,
            ticket: Some(ticket.id),
            message: Some(message.id),
            automatic: None,
            attachments: mail.attachments.clone(),
        })
    }
}

impl Helpdesk {
    /// MAIL-1 … MAIL-5: takes in one e-mail sent to `company` (system
    /// actor: the host's mail fetcher), `raw` being the message as
    /// received (RFC 5322 / MIME, any line ends and charsets).
    ///
    /// In this order: a mail whose Message-ID (or, without one, whose
    /// bytes) a thread of the company already holds is a
    /// [`MailOutcome::Duplicate`]. A mail answering a ticket — its
    /// `In-Reply-To` or `References` naming an e-mail of the ticket's
    /// thread, or its subject's `[#ref]` naming a ticket a contact with the
    /// sender's address follows — is added to that ticket: as a reply of
    /// the sender's contact (found by address or made) sent to the other
    /// followers as a `customer_reply`, or, for a machine's mail, as an
    /// internal note sent to nobody. A machine's mail (auto-reply, bounce,
    /// bulk) answering nothing is [`MailOutcome::Ignored`]. Any other mail
    /// opens a ticket of the team whose alias is among its To, then Cc,
    /// addresses (the first 100 are read), else of the company's default team
    /// ([`MailSettings::default_team`]), with its subject, its text as
    /// description and first message (text over the desk's limit is cut),
    /// the sender's contact as customer and the other recipients' contacts
    /// (at most 50, not the teams' aliases) as followers as a customer is
    /// (VIS-5, VIS-6); unless the sender has opened
    /// [`MailSettings::tickets_per_sender_per_hour`] tickets in the last
    /// hour: [`MailOutcome::Throttled`], nothing written.
    ///
    /// Attachments are recorded on the message (name, media type, size,
    /// SHA-256); their bytes are handed back in the receipt for the host
    /// to keep, as far as [`MailSettings::max_kept_attachment_bytes`]
    /// allows. A mail that cannot be read, is over 25 MiB, names no
    /// recipient, or would open a ticket but names no team's alias while
    /// the company has no default team is `invalid_input` on `raw`, and
    /// nothing is written.
    pub fn receive_email(
        &self,
        actor: Actor,
        company: CompanyId,
        raw: Vec<u8>,
    ) -> Result<MailReceipt> {
        let settings = self.read(actor, |w| {
            w.require_host("receive e-mail")?;
            Ok(w.load_own(company)?.mail)
        })?;
        let limits = MailLimits {
            max_kept_attachment_bytes: usize::try_from(settings.max_kept_attachment_bytes)
                .unwrap_or(usize::MAX),
            ..MailLimits::default()
        };
        let mail = parse_mail(&raw, &limits)?;
        let key = thread_key(&mail, &raw);
        self.write(actor, |w| {
            let company: Company = w.load_own(company)?;
            if let Some(link) = w.mail_link(company.id, &key)? {
                return Ok(MailReceipt {
                    ticket: Some(link.ticket),
                    ..MailReceipt::nothing(MailOutcome::Duplicate, &mail)
                });
            }
            let sender = w.contact_by_email(company.id, &mail.from.email)?;
            let Some(mut ticket) = w.answered_ticket(company.id, &mail, sender.as_ref())? else {
                return match mail.automatic {
                    Some(_) => Ok(MailReceipt::nothing(MailOutcome::Ignored, &mail)),
                    None => w.open_ticket_by_mail(&company, &mail, key.clone()),
                };
            };
            let author = match sender {
                Some(sender) => sender,
                None => w.mail_contact(company.id, &mail.from)?,
            };
            let (kind, outcome) = match mail.automatic {
                Some(_) => (MessageKind::Note, MailOutcome::NoteAdded),
                None => (MessageKind::Reply, MailOutcome::MessageAdded),
            };
            let message = w.mail_message(ticket.id, kind, author.id, &mail)?;
            if kind == MessageKind::Reply {
                w.notify_reply(&ticket, &message, OutboxEvent::CustomerReply)?;
            }
            w.save(&mut ticket)?;
            w.link_mail(company.id, ticket.id, key.clone())?;
            Ok(MailReceipt {
                outcome,
                ticket: Some(ticket.id),
                message: Some(message.id),
                automatic: mail.automatic,
                attachments: mail.attachments.clone(),
            })
        })
    }

    /// Replaces how `company` takes in e-mail with `settings`, whole
    /// (managers of the company, or the system): a setting left out takes
    /// its default, so to change one, start from the company's
    /// [`Company::mail`]. The default team must be one of the company's
    /// and active; the hourly limit at least 1.
    pub fn set_mail_settings(
        &self,
        actor: Actor,
        company: CompanyId,
        settings: MailSettings,
    ) -> Result<Company> {
        self.write(actor, |w| {
            let mut record: Company = w.load_own(company)?;
            w.require_configure(company, "configure e-mail intake")?;
            if let Some(team) = settings.default_team {
                let team: Team = w.load_own(team)?;
                if team.company != company {
                    return Err(Error::not_found("team", team.id));
                }
                if !team.active {
                    return Err(Error::invalid(
                        "default_team",
                        "an active team, not an archived one",
                    ));
                }
            }
            if settings.tickets_per_sender_per_hour == 0 {
                return Err(Error::invalid("tickets_per_sender_per_hour", "at least 1"));
            }
            record.mail = settings;
            w.tx.put(&record)?;
            Ok(record)
        })
    }
}
