package dev.helpdesk

import dev.helpdesk.core.*
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import java.io.File
import java.math.BigDecimal
import java.math.RoundingMode
import java.time.Duration
import java.time.LocalDate
import java.time.OffsetDateTime
import java.time.format.DateTimeParseException

/** Every shared golden case (the JSON files in tests/golden), replayed from Kotlin. */
class GoldenTest {
    private val dir = File(System.getProperty("helpdesk.golden.dir", "../../tests/golden"))

    @TestFactory
    fun `golden cases replay with the same results`(): List<DynamicTest> {
        val files = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name }.orEmpty()
        assertTrue(files.isNotEmpty(), "no golden cases in ${dir.absolutePath}")
        return files.map { file ->
            DynamicTest.dynamicTest(file.nameWithoutExtension) {
                GoldenReplay(JSONObject(file.readText())).run()
            }
        }
    }

    /**
     * The same cases on a PostgreSQL database, a fresh schema each, when `make test` (or the
     * host) names a server in HELPDESK_TEST_POSTGRES_URL; HELPDESK_REQUIRE_POSTGRES makes a
     * missing server a failure instead of no test.
     */
    @TestFactory
    fun `golden cases replay with the same results on PostgreSQL`(): List<DynamicTest> {
        val url = System.getenv("HELPDESK_TEST_POSTGRES_URL").orEmpty()
        if (url.isEmpty()) {
            assertTrue(System.getenv("HELPDESK_REQUIRE_POSTGRES") == null, "HELPDESK_REQUIRE_POSTGRES without HELPDESK_TEST_POSTGRES_URL")
            return emptyList()
        }
        val files = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name }.orEmpty()
        val run = "k${ProcessHandle.current().pid()}_${System.nanoTime()}"
        return files.mapIndexed { i, file ->
            DynamicTest.dynamicTest("${file.nameWithoutExtension} (PostgreSQL)") {
                val separator = if (url.contains('?')) '&' else '?'
                val location = "$url${separator}schema=${run}_$i"
                GoldenReplay(JSONObject(file.readText())) { clock -> Helpdesk.open(location, clock) }.run()
            }
        }
    }

    @Test
    fun `a location that cannot be read names the location, and an unreachable server is a storage error`() {
        val bad = assertThrows(HelpdeskException.InvalidInput::class.java) {
            Helpdesk.open("postgres://desk@127.0.0.1/db?pool_size=0")
        }
        assertEquals("location", bad.fields()["field"])
        val unreachable = assertThrows(HelpdeskException.Storage::class.java) {
            Helpdesk.open("postgres://desk@127.0.0.1:1/db?connect_timeout=5")
        }
        assertTrue(unreachable.message().contains("cannot connect"), unreachable.message())
    }

    /** tests/golden/README.md: an argument of type bytes is written as the text of its UTF-8. */
    @Test
    fun `golden bytes are the UTF-8 of their text`() {
        val text = "Subject: h\u00e9llo \u2709\r\n"
        val raw = GoldenArguments(emptyMap()).value(text, ByteArray::class, "raw") as ByteArray
        assertArrayEquals(text.toByteArray(Charsets.UTF_8), raw)
        assertEquals(21, raw.size)
    }

    /**
     * tests/golden/scalars/cases.json (README "Scalar cases"): each input built as a Kotlin user
     * builds it, handed to a test hook that runs exactly the binding's lift, and what the core
     * read compared with `value`; a refusal must be `InvalidInput` naming the field.
     */
    @TestFactory
    fun `scalar golden cases read the same as in the core`(): List<DynamicTest> {
        val cases = JSONObject(File(dir, "scalars/cases.json").readText())
        val tests = scalarKinds.keys.flatMap { kind ->
            val list = cases.getJSONArray(kind)
            (0 until list.length()).map { i -> scalarCase(kind, list.getJSONObject(i)) }
        }
        assertTrue(tests.size >= 40, "only ${tests.size} scalar cases")
        return tests
    }

    /** The field a refused value of each kind names (the lift knows its kind, not its argument). */
    private val scalarKinds = linkedMapOf(
        "decimal" to "decimal",
        "date" to "date",
        "instant" to "instant",
        "duration_seconds" to "duration",
        "id" to "ticket",
    )

    private fun scalarCase(kind: String, case: JSONObject): DynamicTest =
        DynamicTest.dynamicTest("$kind ${case.get("input")}") {
            val input = case.get("input")
            val got: Any? = try {
                // null: a Kotlin user cannot even build this value, so cannot pass it.
                read(kind, input)
            } catch (e: HelpdeskException.InvalidInput) {
                assertEquals("invalid_input", e.code(), "code of $kind $input")
                assertEquals(scalarKinds[kind], e.fields()["field"], "field named by $kind $input: ${e.message()}")
                null
            }
            if (case.has("error")) {
                assertEquals("invalid_input", case.getString("error"))
                assertEquals(null, got, "$kind $input must be refused")
            } else {
                val want: Any = when (val value = case.get("value")) {
                    is Number -> value.toLong()
                    else -> value.toString()
                }
                assertEquals(want, got, "$kind $input")
            }
        }

    /** What the library reads from [input], or null when Kotlin cannot build the value. */
    private fun read(kind: String, input: Any): Any? = when (kind) {
        "decimal" -> built { BigDecimal(input as String) }?.let { testOnlyReadDecimal(it) }
        "date" -> built { LocalDate.parse(input as String) }?.let { testOnlyReadDate(it) }
        "instant" -> built { OffsetDateTime.parse(input as String).toInstant() }?.let { testOnlyReadInstant(it) }
        "duration_seconds" -> built { durationOf(BigDecimal(input as String)) }?.let { testOnlyReadDuration(it) }
        // org.json reads a whole number as Int or Long, anything else (1.9, beyond a Long) not.
        "id" -> when (input) {
            is Int -> testOnlyReadId(input.toLong())
            is Long -> testOnlyReadId(input)
            else -> null
        }
        else -> throw AssertionError("unknown scalar kind $kind")
    }

    /** The exact `Duration` of [seconds] (to the nanosecond, as `java.time.Duration` holds it). */
    private fun durationOf(seconds: BigDecimal): Duration {
        val whole = seconds.setScale(0, RoundingMode.DOWN)
        return Duration.ofSeconds(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).longValueExact())
    }

    /** [build]'s value, or null when Kotlin refuses to build it (as its users would meet). */
    private fun <T> built(build: () -> T): T? = try {
        build()
    } catch (e: NumberFormatException) {
        null
    } catch (e: DateTimeParseException) {
        null
    } catch (e: ArithmeticException) {
        null
    }
}
