package dev.helpdesk

import dev.helpdesk.guide.guideOpening
import dev.helpdesk.guide.guideScenario
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream

/**
 * docs/guide-kotlin.md runs as written: bindings-mobile/guide-snippets.py turns its blocks into
 * guideOpening() and guideScenario(desk), compiled with this suite.
 */
class GuideTest {
    @Test
    fun `the Kotlin guide runs as written`() {
        val captured = ByteArrayOutputStream()
        val original = System.out
        System.setOut(PrintStream(captured, true, "UTF-8")) // the guide's output stays out of the log
        try {
            // The JVM cannot change its directory: the opening's store file lands in the
            // module's, and goes once the guide has shown it can be opened.
            val store = File("desk.sqlite")
            try {
                guideOpening()
                assertTrue(store.exists(), "the guide opened its store as a file")
            } finally {
                store.delete()
            }
            Helpdesk.inMemory().use { desk -> guideScenario(desk) }
        } finally {
            System.setOut(original)
        }
        assertTrue(captured.toString("UTF-8").contains("closed at"), "the scenario ran to its end")
    }
}
