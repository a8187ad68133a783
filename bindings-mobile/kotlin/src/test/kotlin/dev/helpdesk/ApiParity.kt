package dev.helpdesk

import org.json.JSONArray
import org.json.JSONObject
import kotlin.reflect.KClass
import kotlin.reflect.KParameter
import kotlin.reflect.KType
import kotlin.reflect.full.memberFunctions
import kotlin.reflect.full.primaryConstructor

/**
 * Compares an API description (core/api.json, written by core/tests/api_description.rs) with the
 * Kotlin that uniffi generated, through kotlin-reflect, and returns every mismatch keyed
 * `op.param`, `op.return`, `op`, `Record.field`, `Record`, `Enum.value` or `Enum.value.field`
 * (core's snake_case names; a Kotlin name where Kotlin has something core lacks).
 *
 * The rules:
 * - an operation `create_ticket` is the method `createTicket` of [desk]; its first parameter is
 *   `actor: Actor`, then core's published parameters in lowerCamelCase, in order;
 * - a record is a data class of the same name in one of [packages]; its primary constructor's
 *   parameters are the record's fields in lowerCamelCase, in order. A field core flattens with
 *   serde (`flatten: true`) is a nested property of its record's type, as uniffi generates the
 *   Rust struct as declared (`TicketQuery.filter: TicketFilter`); a field is nullable exactly
 *   where its type is `option<...>`; a record a host passes in (one an operation's parameters
 *   reach, through fields and variants: [inputs]) has a constructor default exactly where
 *   api.json says `optional` (a record only returned is read, never built, by a host, so its
 *   defaults are not compared);
 * - an enum without fields is a Kotlin enum class whose entries are the variants in
 *   SCREAMING_CASE; an enum with fields (a tagged one, `Closure`) is a sealed class whose
 *   subclasses are the variants in PascalCase, each a data class of the variant's fields;
 * - types: `id:X` and `i64` are `Long`, `u32` and `usize` `UInt`, `u64` `ULong`, `decimal`
 *   `BigDecimal` (and `number`), `instant` `Instant`, `date` `LocalDate`, `duration` `Duration`, `time_of_day`
 *   and `string` `String`, `bool` `Boolean`, `bytes` `ByteArray` (uniffi's `Vec<u8>`), `unit` `kotlin.Unit` (in full: core has a record `Unit`), `list<T>` `List<T>`, `option<T>`
 *   `T?`, a record or enum its name. Types are compared as written by [render] (simple names;
 *   kotlin-reflect has expanded the typealiases such as `TicketId = Long`).
 */
class ApiParity(
    private val api: JSONObject,
    private val desk: KClass<*>,
    private val packages: List<String> = listOf("dev.helpdesk", "dev.helpdesk.core"),
) {
    val mismatches = sortedMapOf<String, String>()

    private fun add(key: String, what: String) {
        mismatches[key] = mismatches[key]?.let { "$it; $what" } ?: what
    }

    /** The records and enums an operation's parameters reach, directly or through fields and variants. */
    val inputs: Set<String> by lazy {
        val seen = mutableSetOf<String>()
        val records = api.optJSONObject("records") ?: JSONObject()
        val enums = api.optJSONObject("enums") ?: JSONObject()
        fun visit(type: String) {
            val name = type.replace(Regex("^(option<|list<)+|>+$"), "")
            if (!seen.add(name)) return
            records.optJSONObject(name)?.let { r -> objects(r.getJSONArray("fields")).forEach { visit(it.getString("type")) } }
            enums.optJSONObject(name)?.let { e ->
                objects(e.getJSONArray("variants")).forEach { v -> v.optJSONArray("fields")?.let(::objects)?.forEach { visit(it.getString("type")) } }
            }
        }
        api.optJSONArray("operations")?.let(::objects)?.forEach { op -> objects(op.getJSONArray("params")).forEach { visit(it.getString("type")) } }
        seen.filter { records.has(it) || enums.has(it) }.toSet()
    }

    fun check(): Map<String, String> {
        api.optJSONArray("operations")?.let { ops -> objects(ops).forEach(::checkOperation) }
        api.optJSONObject("records")?.let { recs -> recs.keySet().sorted().forEach { checkRecord(it, recs.getJSONObject(it)) } }
        api.optJSONObject("enums")?.let { enums -> enums.keySet().sorted().forEach { checkEnum(it, enums.getJSONObject(it)) } }
        return mismatches
    }

    private fun checkOperation(op: JSONObject) {
        val name = op.getString("name")
        val methods = desk.memberFunctions.filter { it.name == camel(name) }
        if (methods.size != 1) {
            add(name, if (methods.isEmpty()) "no Kotlin method ${camel(name)}" else "${methods.size} Kotlin methods ${camel(name)}")
            return
        }
        val method = methods.single()
        val values = method.parameters.filter { it.kind == KParameter.Kind.VALUE }
        val first = values.firstOrNull()
        if (first == null || first.name != "actor" || render(first.type) != "Actor") {
            add("$name.actor", "the first Kotlin parameter is not actor: Actor")
        }
        val kotlinParams = values.drop(1)
        val coreParams = objects(op.getJSONArray("params"))
        compareMembers(name, "parameter", coreParams, kotlinParams.map { Member(it.name!!, it.type, it.isOptional) }, defaults = false)
        val returns = op.getString("returns")
        val expected = expect(returns)
        val actual = render(method.returnType)
        if (expected != actual) add("$name.return", "returns $actual, core $returns is $expected")
    }

    private fun checkRecord(name: String, record: JSONObject) {
        val kclass = find(name)
        if (kclass == null || !kclass.isData) {
            add(name, "no Kotlin data class $name in ${packages.joinToString(" or ")}")
            return
        }
        val params = kclass.primaryConstructor!!.parameters
        compareMembers(name, "property", objects(record.getJSONArray("fields")),
            params.map { Member(it.name!!, it.type, it.isOptional) }, defaults = name in inputs)
    }

    private fun checkEnum(name: String, enum: JSONObject) {
        val kclass = find(name)
        val variants = objects(enum.getJSONArray("variants"))
        val withFields = variants.any { (it.optJSONArray("fields")?.length() ?: 0) > 0 }
        if (kclass == null) {
            add(name, "no Kotlin ${if (withFields) "sealed class" else "enum class"} $name in ${packages.joinToString(" or ")}")
            return
        }
        if (kclass.java.isEnum) {
            if (withFields) add(name, "Kotlin enum class, core variants have fields")
            val entries = kclass.java.enumConstants.map { (it as Enum<*>).name }
            compareNames(name, variants.map { it.getString("name") }, entries) { it.uppercase() }
        } else if (kclass.isSealed) {
            val subclasses = kclass.sealedSubclasses.associateBy { it.simpleName!! }
            compareNames(name, variants.map { it.getString("name") }, subclasses.keys.toList(), ::pascal)
            for (variant in variants) {
                val sub = subclasses[pascal(variant.getString("name"))] ?: continue
                val params = sub.primaryConstructor?.parameters ?: emptyList()
                compareMembers("$name.${variant.getString("name")}", "field",
                    variant.optJSONArray("fields")?.let(::objects) ?: emptyList(),
                    params.map { Member(it.name!!, it.type, it.isOptional) }, defaults = false)
            }
        } else {
            add(name, "Kotlin ${kclass.qualifiedName} is neither an enum class nor a sealed class")
        }
    }

    /** Variants ↔ entries: each core variant once, no Kotlin entry more, the same order. */
    private fun compareNames(owner: String, core: List<String>, kotlin: List<String>, spell: (String) -> String) {
        val spelled = core.map(spell)
        core.filter { spell(it) !in kotlin }.forEach { add("$owner.$it", "no Kotlin entry ${spell(it)}") }
        kotlin.filter { it !in spelled }.forEach { add("$owner.$it", "Kotlin entry $it not in core") }
    }

    private class Member(val name: String, val type: KType, val optional: Boolean)

    /**
     * Core's parameters or fields ↔ Kotlin's: the same names (camelCase), the same order, the
     * same types (so the same nullability), and for a record a default exactly where core's
     * field is `optional`.
     */
    private fun compareMembers(owner: String, what: String, core: List<JSONObject>, kotlin: List<Member>, defaults: Boolean) {
        val byName = kotlin.associateBy { it.name }
        val coreNames = core.map { camel(it.getString("name")) }
        for ((i, item) in core.withIndex()) {
            val snake = item.getString("name")
            val member = byName[camel(snake)]
            if (member == null) {
                val there = kotlin.getOrNull(i)?.takeIf { it.name !in coreNames }?.let { " (Kotlin has ${it.name} there)" } ?: ""
                add("$owner.$snake", "no Kotlin $what ${camel(snake)}$there")
                continue
            }
            val type = item.getString("type")
            val expected = expect(type)
            val actual = render(member.type)
            if (expected != actual) {
                val nullability = expected.endsWith("?") != actual.endsWith("?")
                add("$owner.$snake", "${if (nullability) "nullability" else "type"}: Kotlin $actual, core $type is $expected")
            }
            if (defaults) {
                val optional = item.optBoolean("optional", false)
                if (optional && !member.optional) add("$owner.$snake", "no constructor default, core's field is optional")
                if (!optional && member.optional) add("$owner.$snake", "a constructor default, core's field is required")
            }
        }
        kotlin.filter { it.name !in coreNames }.forEach { add("$owner.${it.name}", "Kotlin $what ${it.name} not in core") }
        val common = coreNames.filter { it in byName }
        val kotlinOrder = kotlin.map { it.name }.filter { it in coreNames }
        if (common != kotlinOrder) add(owner, "${what}s in another order: core $common, Kotlin $kotlinOrder")
    }

    private fun find(name: String): KClass<*>? = packages.firstNotNullOfOrNull { pkg ->
        try {
            Class.forName("$pkg.$name").kotlin
        } catch (_: ClassNotFoundException) {
            null
        }
    }

    companion object {
        fun camel(snake: String) =
            snake.split('_').mapIndexed { i, part -> if (i == 0) part else part.replaceFirstChar { it.uppercase() } }.joinToString("")

        fun pascal(snake: String) = camel(snake).replaceFirstChar { it.uppercase() }

        private fun objects(array: JSONArray) = (0 until array.length()).map { array.getJSONObject(it) }

        private val scalars = mapOf(
            "string" to "String", "time_of_day" to "String", "bool" to "Boolean", "unit" to "kotlin.Unit",
            "u8" to "UByte", "u16" to "UShort", "u32" to "UInt", "u64" to "ULong", "usize" to "UInt",
            "i8" to "Byte", "i16" to "Short", "i32" to "Int", "i64" to "Long",
            "decimal" to "BigDecimal", "number" to "BigDecimal", "instant" to "Instant", "date" to "LocalDate", "duration" to "Duration",
            "bytes" to "ByteArray",
            "actor" to "Actor",
        )

        /** The Kotlin type, as [render] writes it, of a type of api.json's type language. */
        fun expect(type: String): String = when {
            type.startsWith("option<") -> expect(type.removePrefix("option<").removeSuffix(">")) + "?"
            type.startsWith("list<") -> "List<" + expect(type.removePrefix("list<").removeSuffix(">")) + ">"
            type.startsWith("id:") -> "Long"
            else -> scalars[type] ?: type
        }

        /** A Kotlin type by simple names: `List<BigDecimal>?`. */
        fun render(type: KType): String {
            val classifier = type.classifier
            // kotlin.Unit in full: core has a record named Unit.
            val name = if (classifier == Unit::class) "kotlin.Unit" else (classifier as? KClass<*>)?.simpleName ?: classifier.toString()
            val args = if (type.arguments.isEmpty()) "" else
                type.arguments.joinToString(", ", "<", ">") { it.type?.let(::render) ?: "*" }
            return name + args + if (type.isMarkedNullable) "?" else ""
        }
    }
}
