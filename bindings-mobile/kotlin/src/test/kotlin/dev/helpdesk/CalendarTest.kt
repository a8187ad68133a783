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
        fun calendar() = WorkingCalendar(spec(file.getJSONObject("calendars").getJSONObject(case.getString("calendar"))))
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
            else -> throw AssertionError("unknown calendar op $op")
        }
    }

    @TestFactory
    fun `golden calendar cases replay with the same results`(): List<DynamicTest> {
        val files = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name }.orEmpty()
        assertTrue(files.isNotEmpty(), "no golden calendar cases in ${dir.absolutePath}")
        return files.map { path ->
            DynamicTest.dynamicTest("calendar/${path.nameWithoutExtension}") {
                val file = JSONObject(path.readText())
                val cases = file.getJSONArray("cases")
                assertTrue(cases.length() >= 10, "too few calendar cases")
                for (i in 0 until cases.length()) {
                    val case = cases.getJSONObject(i)
                    val got = try {
                        outcome(file, case)
                    } catch (e: HelpdeskException) {
                        "error:${e.code()}"
                    }
                    val want: Any? = when {
                        case.has("expect_error") -> "error:${case.getString("expect_error")}"
                        case.has("expect") -> case.getString("expect")
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
