package dev.helpdesk

import dev.helpdesk.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The Kotlin Helpdesk has exactly the core's operations (helpdesk::OPERATIONS), in lowerCamelCase. */
class ParityTest {
    private fun camel(snake: String) =
        snake.split('_').mapIndexed { i, part -> if (i == 0) part else part.replaceFirstChar { it.uppercase() } }.joinToString("")

    /**
     * The JVM name of a Kotlin method: a method taking or returning an unsigned type (an inline
     * class, e.g. `limit: UInt`) gets a mangled JVM name, `pendingOutbox-Qn1smSk`.
     */
    private fun kotlinName(method: java.lang.reflect.Method) = method.name.substringBefore('-')

    /** The operations as declared by the generated interface (not inherited helpers). */
    private val declared = HelpdeskInterface::class.java.declaredMethods.map(::kotlinName).toSet()

    @Test
    fun `every core operation is a method of Helpdesk`() {
        val ops = operations()
        assertTrue(ops.size >= 40, "operations(): $ops")
        val missing = ops.map(::camel).filter { it !in declared }
        assertEquals(emptyList<String>(), missing, "operations missing from the Kotlin Helpdesk")
        // and on the class a host uses, not only the interface
        val onClass = Helpdesk::class.java.methods.map(::kotlinName).toSet()
        assertEquals(emptyList<String>(), ops.map(::camel).filter { it !in onClass })
    }

    @Test
    fun `Helpdesk has no operation the core does not list`() {
        val ops = operations().map(::camel).toSet()
        val extra = declared.filter { it !in ops && it != "snapshot" }
        assertEquals(emptyList<String>(), extra, "methods of the Kotlin Helpdesk that are not core operations")
    }
}
