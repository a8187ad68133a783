package dev.helpdesk

import dev.helpdesk.core.*
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import java.io.File
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import java.time.format.DateTimeParseException

/**
 * The working-calendar engine from Kotlin: the shared golden cases (tests/golden/calendar,
 * replayed like `golden_calendar_cases` in core/tests/calendar.rs) and the Kotlin types.
 */
class CalendarTest {
    private val dir = File(System.getProperty("helpdesk.golden.dir", "../../tests/golden"), "calendar")

    /** A spec from its JSON form (tests/golden/README.md), through the typed records. */
    private fun spec(json: JSONObject): CalendarSpec = calendarSpec(json)

    /** One case: its result as the reference computes it (an instant string, seconds, or null). */
    private fun outcome(file: JSONObject, case: JSONObject): Any? {
        fun calendar(): WorkingCalendar {
            val cal = WorkingCalendar(spec(file.getJSONObject("calendars").getJSONObject(case.getString("calendar"))))
            if (!case.has("time_zone")) return cal
            return cal.use { it.inTimeZone(case.getString("time_zone")) }
        }
        fun at(key: String) = Instant.parse(case.getString(key))
        return when (val op = case.getString("op")) {
            "new" -> {
                // Like the Rust replay: a spec that does not even parse is invalid input.
                val spec = try {
                    spec(case.getJSONObject("spec"))
                } catch (e: IllegalArgumentException) {
                    return "error:invalid_input"
                } catch (e: DateTimeParseException) {
                    return "error:invalid_input"
                }
                WorkingCalendar(spec).close()
                null
            }
            "add_working_time" -> calendar().use {
                it.addWorkingTime(Instant.parse(case.getString("start")), Duration.ofSeconds(case.getLong("seconds"))).toString()
            }
            "working_time_between" -> calendar().use {
                it.workingTimeBetween(Instant.parse(case.getString("a")), Instant.parse(case.getString("b"))).seconds
            }
            "add_working_days" -> calendar().use { it.addWorkingDays(at("start"), case.getLong("days")).toString() }
            "subtract_working_time" -> calendar().use {
                it.subtractWorkingTime(at("end"), Duration.ofSeconds(case.getLong("seconds"))).toString()
            }
            "next_working_instant" -> calendar().use { it.nextWorkingInstant(at("at")).toString() }
            "previous_working_instant" -> calendar().use { it.previousWorkingInstant(at("at")).toString() }
            "working_intervals" -> calendar().use { cal ->
                cal.workingIntervals(at("a"), at("b")).map { listOf(it.start.toString(), it.end.toString()) }
            }
            "working_time_by_day" -> calendar().use { byDay(it.workingTimeByDay(at("a"), at("b"))) }
            "closed_time_by_day" -> calendar().use { byDay(it.closedTimeByDay(at("a"), at("b"))) }
            else -> throw AssertionError("unknown calendar op $op")
        }
    }

    /** A breakdown (CAL-9) as the core writes it: seconds, decimals as text, snake_case keys. */
    private fun byDay(b: TimeByDay): Map<String, Any> = mapOf(
        "days" to b.days.toPlainString(),
        "time" to b.time.seconds,
        "per_day" to b.perDay.map {
            mapOf("date" to it.date.toString(), "time" to it.time.seconds, "normal" to it.normal.seconds, "days" to it.days.toPlainString())
        },
    )

    /** An expected value of the golden file as Kotlin values (lists and maps of strings and longs). */
    private fun plain(value: Any?): Any? = when (value) {
        is org.json.JSONArray -> (0 until value.length()).map { plain(value.get(it)) }
        is JSONObject -> value.keySet().associateWith { plain(value.get(it)) }
        is Int -> value.toLong()
        else -> value
    }

    @TestFactory
    fun `golden calendar cases replay with the same results`(): List<DynamicTest> {
        val files = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name }.orEmpty()
        assertTrue(files.isNotEmpty(), "no golden calendar cases in ${dir.absolutePath}")
        return files.map { path ->
            DynamicTest.dynamicTest("calendar/${path.nameWithoutExtension}") {
                val file = JSONObject(path.readText())
                val cases = file.getJSONArray("cases")
                assertTrue(cases.length() >= 30, "too few calendar cases")
                for (i in 0 until cases.length()) {
                    val case = cases.getJSONObject(i)
                    val got = try {
                        outcome(file, case)
                    } catch (e: HelpdeskException) {
                        "error:${e.code()}"
                    }
                    val want: Any? = when {
                        case.has("expect_error") -> "error:${case.getString("expect_error")}"
                        case.has("expect") -> plain(case.get("expect"))
                        case.has("expect_seconds") -> case.getLong("expect_seconds")
                        else -> null
                    }
                    assertEquals(want, got, "case ${i + 1}: $case")
                }
            }
        }
    }

    private val office = CalendarSpec(
        timeZone = "Europe/Brussels",
        hours = listOf(Weekday.MONDAY, Weekday.TUESDAY).flatMap {
            listOf(WorkingHours(it, "08:00", "12:00"), WorkingHours(it, "13:00", "17:00"))
        },
        closures = listOf(Closure.Days(LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-03"))),
    )

    @Test
    fun `durations are signed java time Durations and the spec round-trips`() {
        WorkingCalendar(office).use { cal ->
            val a = Instant.parse("2026-03-02T06:00:00Z")
            val b = Instant.parse("2026-03-02T12:00:00Z")
            assertEquals(Duration.ofHours(4), cal.workingTimeBetween(a, b))
            assertEquals(Duration.ofHours(-4), cal.workingTimeBetween(b, a))
            // Monday 16:00 CET + 2 h: Tuesday is closed, Monday next week 09:00 CET.
            assertEquals(
                Instant.parse("2026-03-09T08:00:00Z"),
                cal.addWorkingTime(Instant.parse("2026-03-02T15:00:00Z"), Duration.ofHours(2)),
            )
            assertEquals(office, cal.spec())
        }
    }

    @Test
    fun `two-week calendars and the planning methods speak java time (CAL-6 to CAL-11)`() {
        val twoWeeks = office.copy(secondWeek = SecondWeek(anchor = LocalDate.parse("2026-03-02"), hours = office.hours.take(2)))
        WorkingCalendar(twoWeeks).use { cal ->
            assertEquals(twoWeeks, cal.spec())
            // Week 2 works Mondays only: its Tuesday 2026-03-10 is off, so Monday 2026-03-16 08:00 CET.
            assertEquals(Instant.parse("2026-03-16T07:00:00Z"), cal.nextWorkingInstant(Instant.parse("2026-03-10T09:00:00Z")))
            assertEquals(Instant.parse("2026-03-09T16:00:00Z"), cal.previousWorkingInstant(Instant.parse("2026-03-10T09:00:00Z")))
            val monday = Instant.parse("2026-03-09T07:00:00Z")
            assertEquals(monday, cal.addWorkingDays(monday, 0))
            assertEquals(Instant.parse("2026-03-09T16:00:00Z"), cal.addWorkingDays(monday, 1))
            assertEquals(monday, cal.subtractWorkingTime(Instant.parse("2026-03-09T11:00:00Z"), Duration.ofHours(4)))
            val day = cal.workingTimeByDay(monday, Instant.parse("2026-03-10T00:00:00Z"))
            assertEquals(java.math.BigDecimal("1"), day.days)
            assertEquals(listOf(DayTime(LocalDate.parse("2026-03-09"), Duration.ofHours(8), Duration.ofHours(8), java.math.BigDecimal("1"))), day.perDay)
            assertEquals(Duration.ofHours(8), cal.workingDay())
            assertThrows(HelpdeskException.InvalidInput::class.java) { cal.inTimeZone("Mars/Olympus") }
            assertThrows(HelpdeskException.InvalidInput::class.java) { cal.subtractWorkingTime(monday, Duration.ofSeconds(-1)) }
        }
        val notMonday = twoWeeks.copy(secondWeek = SecondWeek(anchor = LocalDate.parse("2026-03-03"), hours = emptyList()))
        assertThrows(HelpdeskException.InvalidInput::class.java) { WorkingCalendar(notMonday) }
    }

    @Test
    fun `a bad spec or a negative duration is InvalidInput`() {
        for (bad in listOf(
            office.copy(timeZone = "Mars/Olympus"),
            office.copy(hours = listOf(WorkingHours(Weekday.MONDAY, "25:00", "26:00"))),
            office.copy(hours = listOf(WorkingHours(Weekday.MONDAY, "8h", "12:00"))),
            office.copy(hours = emptyList()),
            office.copy(closures = listOf(Closure.Days(LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-03")))),
        )) {
            val error = assertThrows(HelpdeskException.InvalidInput::class.java) { WorkingCalendar(bad) }
            assertEquals("invalid_input", error.code())
        }
        WorkingCalendar(office).use { cal ->
            val error = assertThrows(HelpdeskException.InvalidInput::class.java) {
                cal.addWorkingTime(Instant.parse("2026-03-02T07:00:00Z"), Duration.ofSeconds(-1))
            }
            assertEquals("invalid_input", error.code())
        }
    }

    @Test
    fun `stored calendars through the desk, and a team's calendar must be one of its company`() {
        Helpdesk.inMemory(ManualClock(Instant.parse("2026-03-02T09:00:00Z"))).use { desk ->
            val acme = desk.createCompany(Actor.System, NewCompany(name = "Acme"))
            val globex = desk.createCompany(Actor.System, NewCompany(name = "Globex"))
            val cal = desk.createCalendar(Actor.System, NewCalendar(company = acme.id, name = "Office", spec = office))
            assertEquals(Calendar(id = cal.id, company = acme.id, name = "Office", spec = office), cal)
            assertEquals(cal, desk.getCalendar(Actor.System, cal.id))
            assertEquals(listOf(cal), desk.listCalendars(Actor.System, acme.id))
            assertEquals(emptyList<Calendar>(), desk.listCalendars(Actor.System, globex.id))

            val start = Instant.parse("2026-03-02T15:00:00Z")
            assertEquals(Instant.parse("2026-03-09T08:00:00Z"), desk.addWorkingTime(Actor.System, cal.id, start, Duration.ofHours(2)))
            val a = Instant.parse("2026-03-02T06:00:00Z")
            val b = Instant.parse("2026-03-02T12:00:00Z")
            assertEquals(Duration.ofHours(-4), desk.workingTimeBetween(Actor.System, cal.id, b, a))

            // CalendarUpdate: omitted fields keep their value; the new spec is used at once.
            val renamed = desk.updateCalendar(Actor.System, cal.id, CalendarUpdate(name = "Brussels"))
            assertEquals(office, renamed.spec)
            desk.updateCalendar(Actor.System, cal.id, CalendarUpdate(spec = office.copy(closures = emptyList())))
            assertEquals(Instant.parse("2026-03-03T08:00:00Z"), desk.addWorkingTime(Actor.System, cal.id, start, Duration.ofHours(2)))
            assertThrows(HelpdeskException.InvalidInput::class.java) {
                desk.updateCalendar(Actor.System, cal.id, CalendarUpdate(spec = office.copy(hours = emptyList())))
            }

            val settings = defaultTeamSettings()
            val team = desk.createTeam(Actor.System, NewTeam(company = acme.id, name = "Support", settings = settings.copy(calendar = cal.id)))
            assertEquals(cal.id, team.settings.calendar)
            val other = desk.createCalendar(Actor.System, NewCalendar(company = globex.id, name = "Globex", spec = office))
            // VIS-11: another company's calendar is as unknown as a missing one.
            assertThrows(HelpdeskException.NotFound::class.java) {
                desk.createTeam(Actor.System, NewTeam(company = acme.id, name = "Sales", settings = settings.copy(calendar = other.id)))
            }
            assertThrows(HelpdeskException.NotFound::class.java) { desk.getCalendar(Actor.System, 9999L) }
        }
    }
}
