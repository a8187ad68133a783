package dev.helpdesk

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import java.io.File

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
}
