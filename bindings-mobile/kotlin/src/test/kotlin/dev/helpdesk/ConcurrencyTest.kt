package dev.helpdesk

import dev.helpdesk.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** Several Kotlin threads calling one desk at once. */
class ConcurrencyTest {
    @Test
    fun `threads share one desk without losing or duplicating writes`() {
        val threads = 8
        val perThread = 25
        Helpdesk.inMemory().use { desk ->
            val acme = desk.createCompany(Actor.System, NewCompany(name = "Acme")).id
            val manager = desk.createUser(
                Actor.System,
                NewUser(name = "M", kind = UserKind.INTERNAL, role = HelpdeskRole.MANAGER, companies = listOf(acme)),
            )
            val team = desk.createTeam(Actor.User(manager.id), NewTeam(company = acme, name = "Support")).id
            val pool = Executors.newFixedThreadPool(threads)
            try {
                val jobs = (0 until threads).map { t ->
                    Callable {
                        (0 until perThread).map { i ->
                            val ticket = desk.createTicket(
                                Actor.System,
                                NewTicket(team = team, subject = "thread $t ticket $i"),
                            )
                            // reads interleaved with writes
                            desk.replyToTicket(Actor.User(manager.id), ticket.id, "ack $t/$i")
                            desk.countTickets(Actor.System, TicketFilter(team = team))
                            ticket.reference
                        }
                    }
                }
                val references = pool.invokeAll(jobs).flatMap { it.get(60, TimeUnit.SECONDS) }
                val total = threads * perThread
                assertEquals(total, references.toSet().size, "every ticket got its own reference")
                assertEquals((1..total).map { "#$it" }.toSet(), references.toSet())
                assertEquals(total.toULong(), desk.countTickets(Actor.System, TicketFilter(team = team)))
            } finally {
                pool.shutdownNow()
            }
        }
    }
}
