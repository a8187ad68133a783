package dev.helpdesk

import dev.helpdesk.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.time.Instant

/** VIS-13: text from outside is kept to the desk's limits, which each desk may set. */
class LimitsTest {
    private fun submit(limits: Limits, subject: String): Result<Ticket> =
        Helpdesk.inMemory(ManualClock(Instant.parse("2026-03-02T09:00:00Z")), DeskOptions(limits = limits)).use { desk ->
            val system = Actor.System
            val acme = desk.createCompany(system, NewCompany(name = "Acme")).id
            val carla = desk.createPartner(system, NewPartner(company = acme, name = "Carla")).id
            val portal = desk.createUser(
                system,
                NewUser(name = "Carla", kind = UserKind.PORTAL, companies = listOf(acme), partner = carla),
            ).id
            val team = desk.createTeam(system, NewTeam(company = acme, name = "Support")).id
            runCatching { desk.submitTicket(Actor.User(portal), Submission(team = team, subject = subject)) }
        }

    @Test
    fun `VIS-13 limits are configurable per desk`() {
        assertEquals(Limits(short = 256u, subject = 300u, text = 262144u), Limits())
        assertTrue(submit(Limits(), "s".repeat(300)).isSuccess)
        val tooLong = submit(Limits(), "s".repeat(301)).exceptionOrNull()
        assertTrue(tooLong is HelpdeskException.InvalidInput && tooLong.fields["field"] == "subject", "$tooLong")
        assertTrue(submit(Limits(subject = 10u), "ten chars!").isSuccess)
        val strict = submit(Limits(subject = 10u), "eleven char").exceptionOrNull()
        assertTrue(strict is HelpdeskException.InvalidInput && strict.message().contains("at most 10 characters"), "$strict")
    }
}
