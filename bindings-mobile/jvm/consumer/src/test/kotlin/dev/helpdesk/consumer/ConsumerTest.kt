package dev.helpdesk.consumer

import dev.helpdesk.Helpdesk
import dev.helpdesk.NewTeam
import dev.helpdesk.NewTicket
import dev.helpdesk.core.Actor
import dev.helpdesk.core.NewCompany
import dev.helpdesk.core.Visibility
import dev.helpdesk.version
import java.io.File
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

/** The installed artifact, used as a user's project would: no jna.library.path, no repository. */
class ConsumerTest {
    @Test
    fun `the jar carries its native library and a desk works from it`() {
        assertNull(System.getProperty("jna.library.path"), "the library must come from the jar")
        val path = File.createTempFile("helpdesk-consumer", ".sqlite")
        path.delete()
        Helpdesk.open(path.path).use { desk ->
            val system = Actor.System
            val acme = desk.createCompany(system, NewCompany(name = "Acme"))
            val team = desk.createTeam(
                system,
                NewTeam(company = acme.id, name = "Support", visibility = Visibility.INTERNAL),
            )
            val ticket = desk.createTicket(system, NewTicket(team = team.id, subject = "Printer"))
            assertEquals("#1", ticket.reference)
            assertEquals(ticket, desk.getTicket(system, ticket.id))
        }
        assertEquals(System.getProperty("helpdesk.expected.version"), version())
    }
}
