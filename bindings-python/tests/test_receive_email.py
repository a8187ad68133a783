"""E-mail in from Python (MAIL-1 … MAIL-5), as a host's mail fetcher does it:
it builds or receives a message with the standard library's ``email``
package, hands the desk its bytes, and keeps the attachments' bytes the
receipt gives back."""

from __future__ import annotations

import datetime
import hashlib
from email.message import EmailMessage

import pytest
from conftest import SYSTEM, World

from helpdesk import InvalidInput, InvalidType, MailOutcome, MailReceipt, MessageKind

ALIAS = "support@desk.example"
# Not text: every byte value, so a lossy conversion anywhere would show.
REPORT = b"%PDF-1.4\n" + bytes(range(256)) + b"\n%%EOF\n"


@pytest.fixture
def mail_world(world: World) -> World:
    """The shared world, with Acme's Support team taking mail at ``ALIAS``."""
    world.desk.update_team(world.manager, world.support, email_alias=ALIAS)
    return world


def mail(
    subject: str = "Printer prints blank pages",
    *,
    message_id: str = "<jane-1@example.com>",
    sender: str = "Jane Doe <Jane@Example.com>",
    to: str = f"Support <{ALIAS}>",
    body: str = "Since this morning every page comes out blank.\n",
    in_reply_to: str | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = message_id
    if in_reply_to is not None:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    message.set_content(body)
    return message


def receive(world: World, raw: bytes | bytearray | memoryview) -> MailReceipt:
    return world.desk.receive_email(SYSTEM, world.acme, raw)


def test_mail_1_a_mail_to_a_team_alias_opens_a_ticket_for_its_sender(mail_world: World) -> None:
    desk = mail_world.desk
    receipt = receive(mail_world, bytes(mail()))
    assert receipt.outcome is MailOutcome.TICKET_CREATED
    assert receipt.outcome.value == "ticket_created"
    assert receipt.automatic is None
    assert receipt.attachments == []
    assert receipt.ticket is not None and receipt.message is not None

    ticket = desk.get_ticket(SYSTEM, receipt.ticket)
    assert ticket.team == mail_world.support
    assert ticket.subject == "Printer prints blank pages"
    assert ticket.description == "Since this morning every page comes out blank."
    # The customer is a new contact of Acme, named as in From, found by the
    # address whatever its case.
    assert ticket.customer is not None
    customer = desk.get_partner(SYSTEM, ticket.customer)
    assert (customer.name, customer.email, customer.company) == (
        "Jane Doe",
        "jane@example.com",
        mail_world.acme,
    )
    found = desk.find_partner_by_email(SYSTEM, mail_world.acme, " JANE@example.com ")
    assert found is not None and found.id == customer.id
    # The mail is the ticket's first message: the customer's reply.
    [first] = desk.list_messages(SYSTEM, ticket.id)
    assert first.id == receipt.message
    assert first.kind is MessageKind.REPLY
    assert first.author_partner == customer.id
    assert first.body == ticket.description


def test_mail_1_raw_may_be_a_bytearray_or_a_memoryview(mail_world: World) -> None:
    first = mail("First", message_id="<a@example.com>").as_bytes()
    second = mail("Second", message_id="<b@example.com>").as_bytes()
    from_bytearray = receive(mail_world, bytearray(first))
    from_memoryview = receive(mail_world, memoryview(second))
    assert from_bytearray.outcome is MailOutcome.TICKET_CREATED
    assert from_memoryview.outcome is MailOutcome.TICKET_CREATED
    assert from_bytearray.ticket is not None and from_memoryview.ticket is not None
    assert from_bytearray.ticket != from_memoryview.ticket
    subjects = [
        mail_world.desk.get_ticket(SYSTEM, t).subject
        for t in (from_bytearray.ticket, from_memoryview.ticket)
    ]
    assert subjects == ["First", "Second"]


def test_mail_1_a_mail_to_no_alias_goes_to_the_default_team_set_by_keyword(
    mail_world: World,
) -> None:
    desk = mail_world.desk
    company = desk.get_company(SYSTEM, mail_world.acme)
    assert company.mail.default_team is None
    assert company.mail.tickets_per_sender_per_hour == 10
    assert company.mail.max_kept_attachment_bytes == 10 * 1024 * 1024

    updated = desk.set_mail_settings(
        mail_world.manager, mail_world.acme, default_team=mail_world.payroll
    )
    assert updated.mail.default_team == mail_world.payroll
    assert desk.get_company(SYSTEM, mail_world.acme).mail == updated.mail
    receipt = receive(mail_world, bytes(mail(to="sales@desk.example")))
    assert receipt.outcome is MailOutcome.TICKET_CREATED
    assert receipt.ticket is not None
    assert desk.get_ticket(SYSTEM, receipt.ticket).team == mail_world.payroll


def test_mail_2_a_reply_naming_the_first_mail_joins_its_ticket(mail_world: World) -> None:
    desk = mail_world.desk
    first = mail()
    opened = receive(mail_world, bytes(first))
    reply = mail(
        "Re: Printer prints blank pages",
        message_id="<jane-2@example.com>",
        to=ALIAS,
        body="It works again after a restart.\n",
        in_reply_to=first["Message-ID"],
    )
    receipt = receive(mail_world, bytes(reply))
    assert receipt.outcome is MailOutcome.MESSAGE_ADDED
    assert receipt.ticket == opened.ticket
    assert receipt.ticket is not None
    assert desk.count_tickets(SYSTEM, team=mail_world.support) == 1
    messages = desk.list_messages(SYSTEM, receipt.ticket)
    assert [m.id for m in messages] == [opened.message, receipt.message]
    assert messages[-1].body == "It works again after a restart."
    assert messages[-1].kind is MessageKind.REPLY


def test_mail_3_the_same_mail_delivered_twice_is_a_duplicate(mail_world: World) -> None:
    raw = bytes(mail())
    opened = receive(mail_world, raw)
    before = mail_world.desk.snapshot()
    again = receive(mail_world, raw)
    assert again.outcome is MailOutcome.DUPLICATE
    assert again.ticket == opened.ticket
    assert again.message is None
    assert mail_world.desk.snapshot() == before


def test_mail_3_a_sender_over_the_hourly_limit_is_throttled_until_the_hour_has_passed(
    mail_world: World,
) -> None:
    desk = mail_world.desk
    company = desk.set_mail_settings(SYSTEM, mail_world.acme, tickets_per_sender_per_hour=2)
    assert company.mail.tickets_per_sender_per_hour == 2
    outcomes = [
        receive(mail_world, bytes(mail(f"Problem {n}", message_id=f"<p{n}@example.com>"))).outcome
        for n in range(2)
    ]
    assert outcomes == [MailOutcome.TICKET_CREATED] * 2
    third = bytes(mail("Problem 2", message_id="<p2@example.com>"))
    before = desk.snapshot()
    throttled = receive(mail_world, third)
    assert throttled.outcome is MailOutcome.THROTTLED
    assert (throttled.ticket, throttled.message) == (None, None)
    assert desk.snapshot() == before
    # The same mail is taken once the hour has passed.
    mail_world.clock.advance(datetime.timedelta(hours=1))
    assert receive(mail_world, third).outcome is MailOutcome.TICKET_CREATED


def test_mail_4_attachment_bytes_come_back_as_bytes_with_their_sha256(mail_world: World) -> None:
    message = mail()
    message.add_attachment(REPORT, maintype="application", subtype="pdf", filename="report.pdf")
    receipt = receive(mail_world, message.as_bytes())
    assert receipt.outcome is MailOutcome.TICKET_CREATED
    [attachment] = receipt.attachments
    assert attachment.name == "report.pdf"
    assert attachment.media_type == "application/pdf"
    assert attachment.size == len(REPORT)
    assert attachment.sha256 == hashlib.sha256(REPORT).hexdigest()
    assert type(attachment.content) is bytes
    assert attachment.content == REPORT
    # The message records the attachment, found by its SHA-256; the bytes
    # are the host's to keep.
    assert receipt.ticket is not None
    [first] = mail_world.desk.list_messages(SYSTEM, receipt.ticket)
    [recorded] = first.attachments
    assert (recorded.name, recorded.media_type, recorded.size, recorded.sha256) == (
        "report.pdf",
        "application/pdf",
        len(REPORT),
        attachment.sha256,
    )


def test_mail_4_past_the_companys_limit_an_attachment_keeps_its_record_without_bytes(
    mail_world: World,
) -> None:
    mail_world.desk.set_mail_settings(
        mail_world.manager, mail_world.acme, max_kept_attachment_bytes=len(REPORT) - 1
    )
    message = mail()
    message.add_attachment(REPORT, maintype="application", subtype="pdf", filename="report.pdf")
    receipt = receive(mail_world, bytes(message))
    [attachment] = receipt.attachments
    assert attachment.content is None
    assert attachment.size == len(REPORT)
    assert attachment.sha256 == hashlib.sha256(REPORT).hexdigest()


def test_mail_5_a_str_raw_is_refused_as_a_type_error_naming_raw(mail_world: World) -> None:
    before = mail_world.desk.snapshot()
    with pytest.raises(InvalidType) as refused:
        receive(mail_world, mail().as_string())  # type: ignore[arg-type]
    assert isinstance(refused.value, TypeError)
    assert refused.value.code == "invalid_input"
    assert refused.value.fields["field"] == "raw"
    assert mail_world.desk.snapshot() == before


def test_mail_5_a_mail_to_no_alias_without_a_default_team_is_invalid_raw(
    mail_world: World,
) -> None:
    before = mail_world.desk.snapshot()
    with pytest.raises(InvalidInput) as refused:
        receive(mail_world, bytes(mail(to="sales@desk.example")))
    assert not isinstance(refused.value, InvalidType)
    assert refused.value.fields["field"] == "raw"
    assert "no team's alias" in refused.value.fields["reason"]
    assert mail_world.desk.snapshot() == before
