package dev.helpdesk

import dev.helpdesk.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.math.BigDecimal
import java.time.Instant

/** The boundary itself: loading, versions, panics, custom types. */
class PipelineTest {
    @Test
    fun `version is the core's version`() {
        assertTrue(Regex("""\d+\.\d+\.\d+.*""").matches(version()), version())
    }

    @Test
    fun `a Rust panic surfaces as InternalException and the JVM lives on`() {
        val error = assertThrows<InternalException> { testOnlyPanic("boom at the boundary") }
        assertTrue(error.message!!.contains("boom at the boundary"), error.message)
        // The library is still usable after the panic.
        assertEquals(version(), version())
        assertThrows<InternalException> { testOnlyPanic("again") }
    }

    @Test
    fun `decimals cross exactly as BigDecimal, scale included`() {
        for (text in listOf("0", "12.50", "-0.001", "79228162514264337593543950335", "1234567.890123")) {
            val value = BigDecimal(text)
            val back = testOnlyDecimalRoundTrip(value)
            assertEquals(value, back, "round trip of $text")
            assertEquals(value.scale(), back.scale(), "scale of $text")
        }
    }

    @Test
    fun `a decimal too large for the core is invalid input, not a crash`() {
        val error = assertThrows<HelpdeskException.InvalidInput> {
            testOnlyDecimalRoundTrip(BigDecimal("1e40"))
        }
        assertEquals("invalid_input", error.code)
        assertEquals("decimal", error.fields["field"])
    }

    @Test
    fun `instants cross as java time Instant`() {
        val instant = Instant.parse("2026-03-29T01:30:00.123456Z")
        assertEquals(instant, testOnlyInstantRoundTrip(instant))
        val epoch = Instant.EPOCH
        assertEquals(epoch, testOnlyInstantRoundTrip(epoch))
    }
}
