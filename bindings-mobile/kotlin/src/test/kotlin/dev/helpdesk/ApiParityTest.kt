package dev.helpdesk

import dev.helpdesk.core.*
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.time.Instant

/**
 * Signature-level parity with core/api.json (see [ApiParity] for the rules): every operation's
 * parameters, every record's fields, every enum's variants. The drift known today is listed in
 * src/test/resources/parity-allow.json, `{"key": "<what differs>. Why: <reason>"}`; the test
 * fails on a mismatch not listed, on a listed one whose difference is no longer the one written,
 * and on a listed one that no longer mismatches (remove it).
 */
class ApiParityTest {
    private val api = JSONObject(File(System.getProperty("helpdesk.api.json", "../../core/api.json")).readText())

    private fun allowList(): Map<String, String> {
        val text = javaClass.getResource("/parity-allow.json")?.readText() ?: error("parity-allow.json missing from the test resources")
        val json = JSONObject(text)
        return json.keySet().associateWith { json.getString(it) }
    }

    @Test
    fun `Kotlin signatures, records and enums match core api json, but for the allow-list`() {
        val ops = api.getJSONArray("operations").length()
        assertTrue(ops >= 100 && api.getJSONObject("records").length() >= 50, "api.json looks truncated: $ops operations")
        val mismatches = ApiParity(api, Helpdesk::class).check()
        val allow = allowList()
        val problems = reconcile(mismatches, allow)
        // On failure, the allow-list as it would be now: kept reasons, new entries to explain.
        val now = mismatches.entries.joinToString(",\n", "{\n", "\n}") { (key, what) ->
            val entry = allow[key]?.takeIf { it.startsWith("$what. Why: ") } ?: "$what. Why: "
            "  ${JSONObject.quote(key)}: ${JSONObject.quote(entry)}"
        }
        assertEquals(emptyList<String>(), problems, "core/api.json ↔ Kotlin; every current mismatch:\n$now")
    }

    // --- the checker itself, on a made-up description and made-up Kotlin (below) ---

    private val sample = """
        {
          "operations": [
            {"name": "add_note", "returns": "SampleNote", "params": [
              {"name": "ticket", "type": "id:Ticket"},
              {"name": "body", "type": "string"},
              {"name": "mood", "type": "option<SampleMood>"},
              {"name": "tags", "type": "list<decimal>"},
              {"name": "raw", "type": "bytes"}
            ]},
            {"name": "copy_note", "returns": "unit", "params": [{"name": "note", "type": "SampleNote"}]}
          ],
          "records": {
            "SampleNote": {"fields": [
              {"name": "id", "type": "id:Message", "optional": false},
              {"name": "body", "type": "string", "optional": false},
              {"name": "posted_at", "type": "option<instant>", "optional": true},
              {"name": "attachment", "type": "option<bytes>", "optional": true}
            ]}
          },
          "enums": {
            "SampleMood": {"variants": [{"name": "calm"}, {"name": "very_angry"}]},
            "SampleShape": {"tag": "kind", "variants": [
              {"name": "dot", "fields": [{"name": "at", "type": "instant"}]},
              {"name": "line", "fields": [{"name": "from", "type": "instant"}, {"name": "to", "type": "option<instant>"}]}
            ]}
          }
        }
    """.trimIndent()

    private fun check(edit: JSONObject.() -> Unit): Map<String, String> {
        val description = JSONObject(sample).apply(edit)
        return ApiParity(description, SampleDesk::class, listOf("dev.helpdesk")).check()
    }

    private fun JSONObject.param(i: Int) = getJSONArray("operations").getJSONObject(0).getJSONArray("params").getJSONObject(i)
    private fun JSONObject.field(i: Int) = getJSONObject("records").getJSONObject("SampleNote").getJSONArray("fields").getJSONObject(i)

    @Test
    fun `self-test - the made-up Kotlin matches its description`() {
        assertEquals(emptyMap<String, String>(), check {})
    }

    @Test
    fun `self-test - a renamed parameter is caught`() {
        val found = check { param(1).put("name", "text") }
        assertEquals(setOf("add_note.text", "add_note.body"), found.keys, "$found")
        assertEquals("no Kotlin parameter text (Kotlin has body there)", found["add_note.text"])
        assertEquals("Kotlin parameter body not in core", found["add_note.body"])
    }

    @Test
    fun `self-test - a nullability change is caught, in a parameter and in a field`() {
        val param = check { param(2).put("type", "SampleMood") }
        assertEquals(mapOf("add_note.mood" to "nullability: Kotlin SampleMood?, core SampleMood is SampleMood"), param)
        val field = check { field(1).put("type", "option<string>") }
        assertEquals(mapOf("SampleNote.body" to "nullability: Kotlin String, core option<string> is String?"), field)
    }

    @Test
    fun `self-test - an extra parameter on either side is caught`() {
        val inCore = check { getJSONArray("operations").getJSONObject(0).getJSONArray("params").put(JSONObject(mapOf("name" to "internal", "type" to "bool"))) }
        assertEquals(mapOf("add_note.internal" to "no Kotlin parameter internal"), inCore)
        val inKotlin = check { getJSONArray("operations").getJSONObject(0).getJSONArray("params").remove(2) }
        assertEquals(mapOf("add_note.mood" to "Kotlin parameter mood not in core"), inKotlin)
    }

    @Test
    fun `self-test - order, types, defaults, enum entries and variant fields are caught`() {
        val order = check {
            val params = getJSONArray("operations").getJSONObject(0).getJSONArray("params")
            val body = params.getJSONObject(1)
            params.put(1, params.getJSONObject(2)).put(2, body)
        }
        assertEquals(setOf("add_note"), order.keys, "$order")
        assertEquals(mapOf("add_note.tags" to "type: Kotlin List<BigDecimal>, core list<instant> is List<Instant>"),
            check { param(3).put("type", "list<instant>") })
        assertEquals(mapOf("add_note.raw" to "type: Kotlin ByteArray, core string is String"), check { param(4).put("type", "string") })
        assertEquals(mapOf("SampleNote.attachment" to "type: Kotlin ByteArray?, core option<list<u8>> is List<UByte>?"),
            check { field(3).put("type", "option<list<u8>>") })
        assertEquals(mapOf("add_note.return" to "returns SampleNote, core unit is kotlin.Unit"),
            check { getJSONArray("operations").getJSONObject(0).put("returns", "unit") })
        assertEquals(mapOf("SampleNote.body" to "no constructor default, core's field is optional"), check { field(1).put("optional", true) })
        assertEquals(mapOf("SampleNote.posted_at" to "a constructor default, core's field is required"), check { field(2).put("optional", false) })
        // a record no parameter reaches is only read by a host: its defaults are not compared
        assertEquals(emptyMap<String, String>(), check { getJSONArray("operations").remove(1); field(1).put("optional", true) })
        assertEquals(mapOf("SampleMood.furious" to "no Kotlin entry FURIOUS", "SampleMood.VERY_ANGRY" to "Kotlin entry VERY_ANGRY not in core"),
            check { getJSONObject("enums").getJSONObject("SampleMood").getJSONArray("variants").getJSONObject(1).put("name", "furious") })
        assertEquals(mapOf("SampleShape.line.to" to "nullability: Kotlin Instant?, core instant is Instant"),
            check { getJSONObject("enums").getJSONObject("SampleShape").getJSONArray("variants").getJSONObject(1).getJSONArray("fields").getJSONObject(1).put("type", "instant") })
        assertEquals(mapOf("SampleGone" to "no Kotlin data class SampleGone in dev.helpdesk"),
            check { getJSONObject("records").put("SampleGone", JSONObject(mapOf("fields" to emptyList<Any>()))) })
    }

    @Test
    fun `self-test - the allow-list fails on a new mismatch, a changed one and a stale entry`() {
        val now = mapOf("a.b" to "nullability: Kotlin String?, core string is String")
        assertEquals(emptyList<String>(), reconcile(now, mapOf("a.b" to "nullability: Kotlin String?, core string is String. Why: a reason")))
        assertEquals(listOf("new mismatch a.b: nullability: Kotlin String?, core string is String"), reconcile(now, emptyMap()))
        assertEquals(listOf("stale allow-list entry c.d: no longer mismatches"),
            reconcile(now, mapOf("a.b" to "${now["a.b"]}. Why: a reason", "c.d" to "no Kotlin parameter d. Why: a reason")))
        assertEquals(listOf("allow-list entry a.b says \"type: Kotlin Int, core string is String\", the mismatch is now \"${now["a.b"]}\""),
            reconcile(now, mapOf("a.b" to "type: Kotlin Int, core string is String. Why: a reason")))
        assertEquals(listOf("allow-list entry a.b gives no reason (\"<what differs>. Why: <reason>\")"),
            reconcile(now, mapOf("a.b" to "${now["a.b"]}.")))
    }

    companion object {
        /**
         * What is wrong between the mismatches found and the allow-list: a mismatch not listed, a
         * listed one that differs otherwise now, an entry without its reason, an entry that no
         * longer mismatches.
         */
        fun reconcile(mismatches: Map<String, String>, allow: Map<String, String>): List<String> {
            val problems = mutableListOf<String>()
            for ((key, what) in mismatches) {
                val entry = allow[key]
                if (entry == null) {
                    problems += "new mismatch $key: $what"
                    continue
                }
                val why = entry.indexOf(". Why: ")
                if (why < 0 || entry.substring(why + 7).isBlank()) {
                    problems += "allow-list entry $key gives no reason (\"<what differs>. Why: <reason>\")"
                    continue
                }
                val written = entry.substring(0, why)
                if (written != what) problems += "allow-list entry $key says \"$written\", the mismatch is now \"$what\""
            }
            allow.keys.filter { it !in mismatches }.forEach { problems += "stale allow-list entry $it: no longer mismatches" }
            return problems
        }
    }
}

// The made-up Kotlin of the self-tests.

interface SampleDesk {
    fun addNote(actor: Actor, ticket: Long, body: String, mood: SampleMood?, tags: List<java.math.BigDecimal>, raw: ByteArray): SampleNote
    fun copyNote(actor: Actor, note: SampleNote)
}

data class SampleNote(val id: Long, val body: String, val postedAt: Instant? = null, val attachment: ByteArray? = null)

enum class SampleMood { CALM, VERY_ANGRY }

sealed class SampleShape {
    data class Dot(val at: Instant) : SampleShape()
    data class Line(val from: Instant, val to: Instant?) : SampleShape()
}
