package dev.helpdesk

import dev.helpdesk.core.*
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.math.BigDecimal
import java.time.Duration
import java.time.Instant
import java.time.LocalDate

/**
 * Scalars refused on their way in through real operations (the golden scalar cases in
 * [GoldenTest] go through the test hooks): always the typed `InvalidInput` naming the field,
 * never an `InternalException`, and nothing written.
 */
class ScalarBoundaryTest {
    private val clock = ManualClock(Instant.parse("2026-03-02T09:00:00Z"))
    private val desk = Helpdesk.inMemory(clock)
    private val system = Actor.System
    private val acme = desk.createCompany(system, NewCompany(name = "Acme")).id
    private val office = CalendarSpec(
        timeZone = "Europe/Brussels",
        hours = listOf(WorkingHours(Weekday.MONDAY, "08:00", "17:00")),
        closures = emptyList(),
    )

    @AfterEach
    fun close() = desk.close()

    /** Runs [block], expecting `InvalidInput` naming [field]; asserts the store is unchanged. */
    private fun refused(field: String, block: () -> Unit): HelpdeskException.InvalidInput {
        val before = desk.snapshot()
        val error = assertThrows<HelpdeskException.InvalidInput> { block() }
        assertEquals("invalid_input", error.code())
        assertEquals(field, error.fields()["field"], error.message())
        assertEquals(before, desk.snapshot(), "the store changed although the call failed")
        return error
    }

    @Test
    fun `a duration with a fraction of a second is refused, not cut to whole seconds`() {
        val start = Instant.parse("2026-03-02T08:00:00Z")
        val almostAnHour = Duration.ofSeconds(3600, 720_000_000)
        WorkingCalendar(office).use { cal ->
            refused("duration") { cal.addWorkingTime(start, almostAnHour) }
            refused("duration") { cal.addWorkingTime(start, Duration.ofMillis(1)) }
            assertEquals(Instant.parse("2026-03-02T09:00:00Z"), cal.addWorkingTime(start, Duration.ofHours(1)))
        }
        val stored = desk.createCalendar(system, NewCalendar(company = acme, name = "Office", spec = office))
        refused("duration") { desk.addWorkingTime(system, stored.id, start, almostAnHour) }
    }

    @Test
    fun `an id outside 1 to 2^53 - 1 is invalid input naming its entity, not a missing record`() {
        refused("ticket") { desk.getTicket(system, 0L) }
        refused("ticket") { desk.getTicket(system, -1L) }
        refused("company") { desk.getCompany(system, 9_007_199_254_740_992L) }
        refused("user") { desk.listTeams(Actor.User(0L)) }
        refused("company") { desk.createTeam(system, NewTeam(company = Long.MAX_VALUE, name = "Support")) }
        // The largest id is an id: merely one that does not exist.
        assertThrows<HelpdeskException.NotFound> { desk.getCompany(system, 9_007_199_254_740_991L) }
    }

    @Test
    fun `an instant outside the years 1 to 9999 is invalid input, not an internal error`() {
        val beyond = Instant.parse("+10000-01-01T00:00:00Z")
        val error = assertThrows<HelpdeskException.InvalidInput> { ManualClock(beyond) }
        assertEquals("instant", error.fields()["field"])
        assertThrows<HelpdeskException.InvalidInput> { clock.set(Instant.MIN) }
        assertEquals(Instant.parse("2026-03-02T09:00:00Z"), clock.now(), "the clock did not move")
        WorkingCalendar(office).use { cal ->
            refused("instant") { cal.workingTimeBetween(Instant.MAX, Instant.EPOCH) }
        }
        refused("instant") {
            desk.createLeave(system, NewLeave(user = 1L, from = Instant.parse("-0001-01-01T00:00:00Z"), to = beyond))
        }
    }

    @Test
    fun `a date outside the years 1 to 9999 is invalid input`() {
        val customer = desk.createPartner(system, NewPartner(company = acme, name = "Carla"))
        val sales = desk.createJournal(system, NewJournal(company = acme, name = "Sales", code = "INV", kind = JournalKind.SALE))
        fun invoiceOn(date: LocalDate) = desk.createInvoice(
            system,
            NewInvoice(
                company = acme, customer = customer.id, journal = sales.id, currency = "EUR", date = date,
                lines = listOf(NewInvoiceLine(label = "Cable", quantity = BigDecimal.ONE, unitPrice = BigDecimal("3.00"))),
            ),
        )
        refused("date") { invoiceOn(LocalDate.of(10_000, 1, 1)) }
        refused("date") { invoiceOn(LocalDate.of(0, 12, 31)) }
        assertEquals(LocalDate.of(9999, 12, 31), invoiceOn(LocalDate.of(9999, 12, 31)).date)
    }

    @Test
    fun `a decimal written with an exponent is read exactly, one needing rounding is refused`() {
        val product = desk.createProduct(system, NewProduct(company = acme, name = "Printer", salePrice = BigDecimal("1.5E+2")))
        assertEquals(BigDecimal("150"), product.salePrice)
        refused("decimal") {
            desk.createProduct(system, NewProduct(company = acme, name = "Dust", salePrice = BigDecimal("1E-29")))
        }
    }

    @Test
    fun `the human text is message() on every exception, the same text as the variant's detail`() {
        val error = refused("ticket") { desk.getTicket(system, 0L) }
        assertEquals(error.detail, error.message())
        assertTrue(error.message().contains("not an id"), error.message())
        val missing = assertThrows<HelpdeskException.NotFound> { desk.getTicket(system, 42L) }
        assertEquals(missing.detail, missing.message())
        assertTrue(missing.message().isNotBlank())
        // Kotlin's own `Throwable.message` is uniffi's summary of the three parts.
        assertTrue(missing.message!!.contains(missing.detail), missing.message)
    }
}
