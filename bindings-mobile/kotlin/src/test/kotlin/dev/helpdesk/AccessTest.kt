package dev.helpdesk

import dev.helpdesk.core.*
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.nio.file.Files
import java.time.Instant

/** Access rules and bad input from Kotlin: typed exceptions, and the store unchanged. */
class AccessTest {
    private val clock = ManualClock(Instant.parse("2026-03-02T09:00:00Z"))
    private val desk = Helpdesk.inMemory(clock)
    private val acme = desk.createCompany(Actor.System, NewCompany(name = "Acme")).id
    private val manager = desk.createUser(
        Actor.System,
        NewUser(name = "Manager", kind = UserKind.INTERNAL, role = HelpdeskRole.MANAGER, companies = listOf(acme)),
    )
    private val agent = desk.createUser(
        Actor.System,
        NewUser(name = "Agent", kind = UserKind.INTERNAL, role = HelpdeskRole.AGENT, companies = listOf(acme)),
    )
    private val customer = desk.createPartner(Actor.System, NewPartner(company = acme, name = "Customer"))
    private val portal = desk.createUser(
        Actor.System,
        NewUser(name = "Portal", kind = UserKind.PORTAL, companies = listOf(acme), partner = customer.id),
    )
    private val support = desk.createTeam(Actor.User(manager.id), NewTeam(company = acme, name = "Support"))
    private val privateTeam = desk.createTeam(
        Actor.User(manager.id),
        NewTeam(company = acme, name = "Payroll", visibility = Visibility.INVITED_INTERNAL),
    )

    @AfterEach
    fun close() = desk.close()

    /** Runs [block], expecting [T]; asserts the store is exactly as before. */
    private inline fun <reified T : HelpdeskException> rejected(code: String, crossinline block: () -> Unit): T {
        val before = desk.snapshot()
        val error = assertThrows<T> { block() }
        assertEquals(code, error.code())
        assertTrue(error.message().isNotBlank())
        assertEquals(before, desk.snapshot(), "the store changed although the call failed")
        return error
    }

    @Test
    fun `defaults come from the core`() {
        assertEquals(HelpdeskRole.NONE, portal.role)
        assertEquals(Visibility.PORTAL, support.visibility)
        assertEquals(defaultTeamSettings(), support.settings)
        val ticket = desk.createTicket(Actor.System, NewTicket(team = support.id, subject = "Hello"))
        assertEquals(Priority.LOW, ticket.priority)
        assertEquals(Instant.parse("2026-03-02T09:00:00Z"), ticket.createdAt)
        assertEquals("#1", ticket.reference)
    }

    @Test
    fun `an agent may not configure a team`() {
        val error = rejected<HelpdeskException.Forbidden>("forbidden") {
            desk.updateTeam(Actor.User(agent.id), support.id, TeamUpdate(name = "Renamed"))
        }
        assertTrue(error.fields.isNotEmpty())
        assertEquals(error.fields, error.fields())
    }

    @Test
    fun `a ticket of a private team is not found for an uninvited agent`() {
        val ticket = desk.createTicket(Actor.System, NewTicket(team = privateTeam.id, subject = "Salary"))
        val error = rejected<HelpdeskException.NotFound>("not_found") { desk.getTicket(Actor.User(agent.id), ticket.id) }
        assertEquals(ticket.id.toString(), error.fields["id"])
    }

    @Test
    fun `a portal user may not create a team, nor see another customer's ticket`() {
        rejected<HelpdeskException.Forbidden>("forbidden") {
            desk.createTeam(Actor.User(portal.id), NewTeam(company = acme, name = "Mine"))
        }
        val other = desk.createTicket(Actor.System, NewTicket(team = support.id, subject = "Someone else's"))
        rejected<HelpdeskException.NotFound>("not_found") { desk.getTicket(Actor.User(portal.id), other.id) }
    }

    @Test
    fun `bad input is refused before anything is written`() {
        val error = rejected<HelpdeskException.InvalidInput>("invalid_input") {
            desk.createTicket(Actor.System, NewTicket(team = support.id, subject = "   "))
        }
        assertEquals("subject", error.fields["field"])
        rejected<HelpdeskException.InvalidInput>("invalid_input") {
            desk.listTickets(Actor.System, TicketQuery(limit = 0u))
        }
        rejected<HelpdeskException.NotFound>("not_found") {
            desk.moveTicket(Actor.System, 999_999L, 1L)
        }
    }

    @Test
    fun `an unknown acting user is forbidden`() {
        rejected<HelpdeskException.Forbidden>("forbidden") { desk.listTeams(Actor.User(424242L)) }
    }

    @Test
    fun `exceptions are a sealed hierarchy, one class per kind`() {
        val base = HelpdeskException::class.java
        assertTrue(java.lang.reflect.Modifier.isAbstract(base.modifiers), "HelpdeskException is sealed (abstract)")
        val kinds = base.declaredClasses.filter { base.isAssignableFrom(it) }.map { it.simpleName }.toSet()
        assertEquals(
            setOf("NotFound", "Forbidden", "InvalidInput", "InvalidState", "Conflict", "Storage", "Internal"),
            kinds,
        )
    }

    @Test
    fun `the clock is the manual one and moves when told`() {
        clock.advance(java.time.Duration.ofMinutes(90))
        val ticket = desk.createTicket(Actor.System, NewTicket(team = support.id, subject = "Later"))
        assertEquals(Instant.parse("2026-03-02T10:30:00Z"), ticket.createdAt)
        clock.set(Instant.parse("2026-04-01T00:00:00Z"))
        assertEquals(Instant.parse("2026-04-01T00:00:00Z"), clock.now())
    }

    @Test
    fun `a SQLite store opens, persists, and a bad file is a storage error`() {
        val dir = Files.createTempDirectory("helpdesk-kotlin")
        val path = dir.resolve("desk.sqlite").toString()
        Helpdesk.open(path, clock).use { it.createCompany(Actor.System, NewCompany(name = "Persisted")) }
        Helpdesk.open(path).use { reopened ->
            assertEquals("Persisted", reopened.getCompany(Actor.System, 1L).name)
        }
        val garbage = dir.resolve("garbage.sqlite")
        Files.write(garbage, ByteArray(4096) { 0x42 })
        val error = assertThrows<HelpdeskException.Storage> { Helpdesk.open(garbage.toString()) }
        assertEquals("corrupt_store", error.code)
    }
}
