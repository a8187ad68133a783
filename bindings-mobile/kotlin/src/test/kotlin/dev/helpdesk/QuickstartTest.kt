package dev.helpdesk

import dev.helpdesk.core.*
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.ByteArrayOutputStream
import java.io.PrintStream

/** Runs examples/kotlin/Quickstart.kt (compiled with the bindings) and checks its story. */
class QuickstartTest {
    @Test
    fun `the Kotlin quickstart runs the Rust quickstart's scenario`() {
        val captured = ByteArrayOutputStream()
        val original = System.out
        System.setOut(PrintStream(captured, true, "UTF-8"))
        try {
            dev.helpdesk.examples.main()
        } finally {
            System.setOut(original)
        }
        val output = captured.toString("UTF-8")
        print(output) // shown in the build log, like `cargo run --example quickstart`
        val expected = listOf(
            "stages: [New, In Progress, Solved, Cancelled]",
            "Carla submitted #1 \"My printer eats paper\"",
            "#1 is now \"Solved\", closed at 20",
            "Carla sees [#1]",
            "Bob sees [#1]",
            "Mia sees [#2, #1]",
            "Carla reads 2 messages (internal notes hidden): [We are sending a new roller., Thank you!]",
            "Bob opens #2: ",
            "(not_found)",
            "Carla tries to reopen: ",
            "acknowledged ",
            "outbox messages; 0 left",
            "Hardware tickets assigned round robin: [#3 -> Alice, #4 -> Bob, #5 -> Alice]",
            "#6 (urgent) goes to Bob; \"First response\" due at ",
            ", PT4H after creation",
            // The year of the numbers is the invoice's, on the system clock.
            "/00001 for Carla: 331.54 EUR (dated ",
            "(Reversal of: INV/",
            ", Helpdesk Ticket #7): 15.13 EUR refunded",
            "still refundable: [INV/",
            "/00001: 316.41]",
            " e-mailed to Carla",
            ": 1.50 h logged on S00001, 8.50 h left on the contract",
            "repair RO/00001 of serial SN-3000-42; field-service task \"Set up the network printer\" in On-site visits",
        )
        for (line in expected) assertTrue(output.contains(line), "quickstart output lacks \"$line\":\n$output")
        val coupon = Regex("""coupon [0-9A-Z]{4}(-[0-9A-Z]{4}){3}-\S e-mailed to Carla""")
        assertTrue(coupon.containsMatchIn(output), "quickstart output lacks the coupon's code:\n$output")
    }
}
