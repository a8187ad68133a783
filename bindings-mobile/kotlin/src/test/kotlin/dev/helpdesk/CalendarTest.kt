package dev.helpdesk

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
    private fun spec(json: JSONObject): CalendarSpec {
        val hours = json.getJSONArray("hours")
        val closures = json.optJSONArray("closures")
        return CalendarSpec(
            timeZone = json.getString("time_zone"),
            hours = (0 until hours.length()).map { i ->
                val h = hours.getJSONObject(i)
                WorkingHours(Weekday.valueOf(h.getString("weekday").uppercase()), h.getString("start"), h.getString("end"))
            },
            closures = (0 until (closures?.length() ?: 0)).map { i ->
                val c = closures!!.getJSONObject(i)
                when (val kind = c.getString("kind")) {
                    "days" -> Closure.Days(LocalDate.parse(c.getString("first")), LocalDate.parse(c.getString("last")))
                    "period" -> Closure.Period(Instant.parse(c.getString("from")), Instant.parse(c.getString("to")))
                    else -> throw IllegalArgumentException("unknown closure kind $kind")
                }
            },
        )
    }

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
}
