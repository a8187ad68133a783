package dev.helpdesk

import dev.helpdesk.core.*
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.security.MessageDigest
import java.time.Duration
import java.time.Instant
import java.util.Base64

/**
 * E-mail in from Kotlin (MAIL-1 … MAIL-5), as an app's mail fetcher does it: each mail handed to
 * the desk as the `ByteArray` received, the attachments' bytes kept from the receipt.
 */
class ReceiveEmailTest {
    private val clock = ManualClock(Instant.parse("2026-03-02T09:00:00Z"))
    private val desk = Helpdesk.inMemory(clock)
    private val acme = desk.createCompany(Actor.System, NewCompany(name = "Acme")).id
    private val manager = desk.createUser(
        Actor.System,
        NewUser(name = "Mia", kind = UserKind.INTERNAL, role = HelpdeskRole.MANAGER, companies = listOf(acme)),
    )
    private val support = desk.createTeam(
        Actor.User(manager.id),
        NewTeam(company = acme, name = "Support", emailAlias = ALIAS),
    )

    @AfterEach
    fun close() = desk.close()

    private fun receive(raw: ByteArray): MailReceipt = desk.receiveEmail(Actor.System, acme, raw)

    @Test
    fun `mail_1 a mail to a team alias opens a ticket for its sender`() {
        val receipt = receive(mail().toByteArray())
        assertEquals(MailOutcome.TICKET_CREATED, receipt.outcome)
        assertNull(receipt.automatic)
        assertTrue(receipt.attachments.isEmpty())
        val ticket = desk.getTicket(Actor.System, receipt.ticket!!)
        assertEquals(support.id, ticket.team)
        assertEquals("Printer prints blank pages", ticket.subject)
        assertEquals("Since this morning every page comes out blank.", ticket.description)
        val customer = desk.getPartner(Actor.System, ticket.customer!!)
        assertEquals("Jane Doe", customer.name)
        assertEquals("jane@example.com", customer.email)
        val messages = desk.listMessages(Actor.System, ticket.id)
        assertEquals(listOf(receipt.message), messages.map { it.id })
        assertEquals(MessageKind.REPLY, messages[0].kind)
        assertEquals(customer.id, messages[0].authorPartner)
    }

    @Test
    fun `mail_2 a reply naming the first mail joins its ticket`() {
        val opened = receive(mail().toByteArray())
        val reply = mail(
            subject = "Re: Printer prints blank pages",
            messageId = "<jane-2@example.com>",
            headers = "In-Reply-To: <jane-1@example.com>\r\nReferences: <jane-1@example.com>\r\n",
            body = "It works again after a restart.",
        )
        val receipt = receive(reply.toByteArray())
        assertEquals(MailOutcome.MESSAGE_ADDED, receipt.outcome)
        assertEquals(opened.ticket, receipt.ticket)
        val messages = desk.listMessages(Actor.System, opened.ticket!!)
        assertEquals(listOf(opened.message, receipt.message), messages.map { it.id })
        assertEquals("It works again after a restart.", messages[1].body)
    }

    @Test
    fun `mail_3 the same mail twice is a duplicate, and a sender over the hourly limit is throttled`() {
        val first = mail().toByteArray()
        val opened = receive(first)
        val duplicate = receive(first)
        assertEquals(MailOutcome.DUPLICATE, duplicate.outcome)
        assertEquals(opened.ticket, duplicate.ticket)
        assertNull(duplicate.message)

        val company = desk.setMailSettings(Actor.User(manager.id), acme, MailSettings(ticketsPerSenderPerHour = 1u))
        assertEquals(1u, company.mail.ticketsPerSenderPerHour)
        val another = mail(subject = "Another problem", messageId = "<jane-9@example.com>").toByteArray()
        val before = desk.snapshot()
        val throttled = receive(another)
        assertEquals(MailOutcome.THROTTLED, throttled.outcome)
        assertNull(throttled.ticket)
        assertEquals(before, desk.snapshot(), "a throttled mail wrote something")
        clock.advance(Duration.ofHours(1))
        assertEquals(MailOutcome.TICKET_CREATED, receive(another).outcome)
    }

    @Test
    fun `mail_4 the receipt hands back the attachment as a ByteArray with its SHA-256`() {
        val receipt = receive(mailWithAttachment(REPORT).toByteArray())
        assertEquals(MailOutcome.TICKET_CREATED, receipt.outcome)
        val attachment = receipt.attachments.single()
        assertEquals("report.pdf", attachment.name)
        assertEquals("application/pdf", attachment.mediaType)
        assertEquals(REPORT.size.toULong(), attachment.size)
        assertEquals(sha256Hex(REPORT), attachment.sha256)
        val content: ByteArray = attachment.content ?: error("the receipt kept no bytes of the attachment")
        assertTrue(content contentEquals REPORT, "the attached bytes came back changed")
        assertArrayEquals(REPORT, content)
        val recorded = desk.listMessages(Actor.System, receipt.ticket!!).single().attachments.single()
        assertEquals(attachment.sha256, recorded.sha256)
        assertEquals(attachment.size, recorded.size)
    }

    @Test
    fun `mail_5 a mail to no team's alias, without a default team, is invalid on raw and writes nothing`() {
        val before = desk.snapshot()
        val error = assertThrows<HelpdeskException.InvalidInput> {
            receive(mail(to = "sales@desk.example").toByteArray())
        }
        assertEquals("invalid_input", error.code())
        assertEquals("raw", error.fields["field"])
        assertTrue(error.fields["reason"].orEmpty().contains("no team's alias"), error.fields.toString())
        assertEquals(before, desk.snapshot(), "the store changed although the call failed")
        // With a default team, the same mail opens a ticket there.
        val sales = desk.createTeam(Actor.User(manager.id), NewTeam(company = acme, name = "Sales"))
        desk.setMailSettings(Actor.User(manager.id), acme, MailSettings(defaultTeam = sales.id))
        val receipt = receive(mail(to = "sales@desk.example").toByteArray())
        assertNotEquals(support.id, sales.id)
        assertEquals(sales.id, desk.getTicket(Actor.System, receipt.ticket!!).team)
    }

    private companion object {
        const val ALIAS = "support@desk.example"

        /** Not text: every byte value, so a lossy conversion anywhere would show. */
        val REPORT: ByteArray = "%PDF-1.4\n".toByteArray() + ByteArray(256) { it.toByte() }

        fun sha256Hex(bytes: ByteArray): String =
            MessageDigest.getInstance("SHA-256").digest(bytes).joinToString("") { "%02x".format(it) }

        /** A raw mail's text, CRLF line ends as on the wire. */
        fun mail(
            subject: String = "Printer prints blank pages",
            messageId: String = "<jane-1@example.com>",
            to: String = "Support <$ALIAS>",
            headers: String = "",
            body: String = "Since this morning every page comes out blank.",
        ): String =
            "From: Jane Doe <Jane@Example.com>\r\nTo: $to\r\nSubject: $subject\r\nMessage-ID: $messageId\r\n" +
                headers +
                "Content-Type: text/plain; charset=utf-8\r\n\r\n$body\r\n"

        /** A multipart mail with [bytes] attached as report.pdf (base64, MIME lines). */
        fun mailWithAttachment(bytes: ByteArray): String {
            val encoded = Base64.getMimeEncoder().encodeToString(bytes)
            return listOf(
                "From: Jane Doe <jane@example.com>",
                "To: $ALIAS",
                "Subject: The report",
                "Message-ID: <jane-report@example.com>",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b1\"",
                "",
                "--b1",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "Here is the report.",
                "--b1",
                "Content-Type: application/pdf; name=\"report.pdf\"",
                "Content-Disposition: attachment; filename=\"report.pdf\"",
                "Content-Transfer-Encoding: base64",
                "",
                encoded,
                "--b1--",
                "",
            ).joinToString("\r\n")
        }
    }
}
