package dev.helpdesk

import dev.helpdesk.core.*
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.math.BigDecimal
import java.time.Duration
import java.time.Instant

/** Automatic assignment, leaves and SLA policies from Kotlin: types, defaults, refusals. */
class AssignmentSlaTest {
    private val start = Instant.parse("2026-03-02T09:00:00Z")
    private val clock = ManualClock(start)
    private val desk = Helpdesk.inMemory(clock)
    private val acme = desk.createCompany(Actor.System, NewCompany(name = "Acme")).id
    private fun staff(name: String, role: HelpdeskRole) = desk.createUser(
        Actor.System,
        NewUser(name = name, kind = UserKind.INTERNAL, role = role, companies = listOf(acme)),
    )
    private val manager = staff("Manager", HelpdeskRole.MANAGER)
    private val a1 = staff("Ann", HelpdeskRole.AGENT)
    private val a2 = staff("Ben", HelpdeskRole.AGENT)
    private val customer = desk.createPartner(Actor.System, NewPartner(company = acme, name = "Customer"))
    private val portal = desk.createUser(
        Actor.System,
        NewUser(name = "Portal", kind = UserKind.PORTAL, companies = listOf(acme), partner = customer.id),
    )
    private val asManager = Actor.User(manager.id)
    private val support = desk.createTeam(
        asManager,
        NewTeam(
            company = acme,
            name = "Support",
            members = listOf(a1.id, a2.id),
            settings = defaultTeamSettings().copy(autoAssignment = true, useSla = true),
        ),
    )
    private val inProgress = desk.listStages(asManager, support.id)[1]

    @AfterEach
    fun close() = desk.close()

    /** Runs [block], expecting [T] with [code]; asserts the store is exactly as before. */
    private inline fun <reified T : HelpdeskException> rejected(code: String, crossinline block: () -> Unit): T {
        val before = desk.snapshot()
        val error = assertThrows<T> { block() }
        assertEquals(code, error.code())
        assertEquals(before, desk.snapshot(), "the store changed although the call failed")
        return error
    }

    private fun firstResponse(priority: Priority? = Priority.URGENT) = desk.createSlaPolicy(
        asManager,
        NewSlaPolicy(
            team = support.id,
            name = "First response",
            priority = priority,
            targetStage = inProgress.id,
            within = Within(days = BigDecimal.ZERO, hours = BigDecimal(4)),
        ),
    )

    @Test
    fun `new tickets are assigned round robin, one by one or in a batch`() {
        assertEquals(a1.id, desk.suggestAssignee(asManager, support.id))
        val one = desk.createTicket(Actor.System, NewTicket(team = support.id, subject = "One"))
        assertEquals(a1.id, one.assignee)
        val batch = desk.createTickets(
            Actor.System,
            listOf(NewTicket(team = support.id, subject = "Two"), NewTicket(team = support.id, subject = "Three")),
        )
        assertEquals(listOf(a2.id, a1.id), batch.map { it.assignee })
        assertEquals(listOf("#2", "#3"), batch.map { it.reference })
    }

    @Test
    fun `a batch with one bad ticket creates none`() {
        val error = rejected<HelpdeskException.InvalidInput>("invalid_input") {
            desk.createTickets(
                Actor.System,
                listOf(
                    NewTicket(team = support.id, subject = "Fine"),
                    NewTicket(team = support.id, subject = "   "),
                    NewTicket(team = support.id, subject = "Also fine"),
                ),
            )
        }
        assertEquals("subject", error.fields["field"])
        assertEquals(0uL, desk.countTickets(Actor.System))
        assertEquals(emptyList<Ticket>(), desk.createTickets(Actor.System, emptyList()))
    }

    @Test
    fun `a leave must end after it starts, and lists and deletes`() {
        val error = rejected<HelpdeskException.InvalidInput>("invalid_input") {
            desk.createLeave(Actor.User(a1.id), NewLeave(user = a1.id, from = start, to = start))
        }
        assertEquals("to", error.fields["field"])
        rejected<HelpdeskException.InvalidInput>("invalid_input") {
            desk.createLeave(asManager, NewLeave(user = a1.id, from = start, to = start.minusSeconds(60)))
        }
        val leave = desk.createLeave(
            Actor.User(a1.id),
            NewLeave(user = a1.id, from = start, to = start.plus(Duration.ofDays(1))),
        )
        assertEquals("", leave.reason)
        assertEquals(listOf(leave), desk.listLeaves(asManager, a1.id))
        rejected<HelpdeskException.Forbidden>("forbidden") {
            desk.deleteLeave(Actor.User(a2.id), leave.id)
        }
        desk.deleteLeave(asManager, leave.id)
        assertEquals(emptyList<Leave>(), desk.listLeaves(asManager, a1.id))
        rejected<HelpdeskException.NotFound>("not_found") { desk.deleteLeave(asManager, leave.id) }
    }

    @Test
    fun `a user's own calendar is set and cleared`() {
        assertNull(a1.calendar)
        val office = desk.createCalendar(
            asManager,
            NewCalendar(
                company = acme,
                name = "Office",
                spec = CalendarSpec(
                    timeZone = "Europe/Brussels",
                    hours = listOf(WorkingHours(Weekday.MONDAY, "09:00", "17:00")),
                    closures = emptyList(),
                ),
            ),
        )
        assertEquals(office.id, desk.setUserCalendar(asManager, a1.id, office.id).calendar)
        assertEquals(office.id, desk.getUser(asManager, a1.id).calendar)
        assertNull(desk.setUserCalendar(Actor.User(a1.id), a1.id, null).calendar)
        rejected<HelpdeskException.Forbidden>("forbidden") { desk.setUserCalendar(Actor.User(a2.id), a1.id, office.id) }
    }

    @Test
    fun `within takes fractions of an hour or a day exactly (CAL-11)`() {
        val policy = firstResponse(priority = null)
        val ninety = desk.updateSlaPolicy(asManager, policy.id, SlaPolicyUpdate(within = Within(days = BigDecimal.ZERO, hours = BigDecimal("1.5"))))
        assertEquals(Within(days = BigDecimal.ZERO, hours = BigDecimal("1.5"), minutes = 0u), ninety.within)
        val quarter = desk.updateSlaPolicy(asManager, policy.id, SlaPolicyUpdate(within = Within(days = BigDecimal("0.25"), hours = BigDecimal.ZERO)))
        assertEquals(BigDecimal("0.25"), quarter.within.days)
        rejected<HelpdeskException.InvalidInput>("invalid_input") {
            desk.updateSlaPolicy(asManager, policy.id, SlaPolicyUpdate(within = Within(days = BigDecimal.ZERO, hours = BigDecimal("1.0001"))))
        }
    }

    @Test
    fun `policy defaults come from the core`() {
        val policy = firstResponse(priority = null)
        assertEquals(Priority.LOW, policy.priority)
        assertEquals(Within(days = BigDecimal.ZERO, hours = BigDecimal(4), minutes = 0u), policy.within)
        assertEquals("", policy.description)
        assertEquals(emptyList<Long>(), policy.excludedStages)
        assertTrue(policy.active)
        assertEquals(listOf(policy), desk.listSlaPolicies(Actor.User(a1.id), support.id))
        val renamed = desk.updateSlaPolicy(asManager, policy.id, SlaPolicyUpdate(name = "Reply"))
        assertEquals("Reply", renamed.name)
        assertEquals(policy.within, renamed.within)
        assertEquals(renamed, desk.getSlaPolicy(asManager, policy.id))
        rejected<HelpdeskException.InvalidInput>("invalid_input") {
            desk.updateSlaPolicy(asManager, policy.id, SlaPolicyUpdate(within = Within(days = BigDecimal.ZERO, hours = BigDecimal.ZERO)))
        }
        rejected<HelpdeskException.Forbidden>("forbidden") {
            desk.createSlaPolicy(
                Actor.User(a1.id),
                NewSlaPolicy(team = support.id, name = "Mine", targetStage = inProgress.id, within = Within(days = BigDecimal.ZERO, hours = BigDecimal.ZERO, minutes = 5u)),
            )
        }
    }

    @Test
    fun `a deadline shows on the ticket, fails, and is reported`() {
        val policy = firstResponse()
        val ticket = desk.createTicket(Actor.System, NewTicket(team = support.id, subject = "Down", priority = Priority.URGENT))
        assertEquals(start.plus(Duration.ofHours(4)), ticket.slaDeadline)
        assertFalse(ticket.slaReachedLate)
        val low = desk.createTicket(Actor.System, NewTicket(team = support.id, subject = "Later"))
        assertNull(low.slaDeadline)

        val ongoing = desk.ticketSlaStatuses(asManager, ticket.id).single()
        assertEquals(policy.id, ongoing.policy)
        assertEquals("First response", ongoing.policyName)
        assertEquals(SlaState.ONGOING, ongoing.state)
        assertEquals(-4 * 3600L, ongoing.exceededSeconds)

        clock.advance(Duration.ofHours(5))
        val failed = desk.ticketSlaStatuses(asManager, ticket.id).single()
        assertEquals(SlaState.FAILED, failed.state)
        assertEquals(3600L, failed.exceededSeconds)
        assertEquals(1uL, desk.countTickets(asManager, TicketFilter(slaFailed = true)))
        assertEquals(1uL, desk.countTickets(asManager, TicketFilter(slaFailed = false)))
        val bySla = desk.listTickets(asManager, TicketQuery(sort = TicketSort.SLA_DEADLINE))
        assertEquals(listOf(ticket.id, low.id), bySla.tickets.map { it.id })

        val report = desk.slaReport(asManager, SlaReportQuery(company = acme))
        assertEquals(1uL, report.total.tickets)
        assertEquals(1uL, report.total.failed)
        assertEquals(BigDecimal("0.00"), report.total.successRate)
        assertEquals(2, report.total.successRate!!.scale())
        assertEquals(3600L, report.total.worstExceededSeconds)
        assertEquals(listOf(policy.id), report.byPolicy.map { it.policy })
        val empty = desk.slaReport(asManager, SlaReportQuery(company = acme, to = start))
        assertEquals(0uL, empty.total.tickets)
        assertNull(empty.total.successRate)
        rejected<HelpdeskException.Forbidden>("forbidden") {
            desk.slaReport(Actor.User(a1.id), SlaReportQuery(company = acme))
        }
    }

    @Test
    fun `SLA internals are refused to portal users`() {
        firstResponse(priority = null)
        val mine = desk.submitTicket(Actor.User(portal.id), Submission(team = support.id, subject = "Help"))
        assertNull(mine.slaDeadline, "portal users never see a deadline")
        assertTrue(desk.getTicket(asManager, mine.id).slaDeadline != null)
        val error = rejected<HelpdeskException.Forbidden>("forbidden") {
            desk.ticketSlaStatuses(Actor.User(portal.id), mine.id)
        }
        assertTrue(error.message().isNotBlank())
        rejected<HelpdeskException.Forbidden>("forbidden") {
            desk.countTickets(Actor.User(portal.id), TicketFilter(slaFailed = true))
        }
        rejected<HelpdeskException.Forbidden>("forbidden") {
            desk.listTickets(Actor.User(portal.id), TicketQuery(sort = TicketSort.SLA_DEADLINE))
        }
        rejected<HelpdeskException.Forbidden>("forbidden") { desk.listSlaPolicies(Actor.User(portal.id), support.id) }
    }
}
