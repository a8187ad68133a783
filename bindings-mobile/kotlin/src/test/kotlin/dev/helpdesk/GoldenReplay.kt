package dev.helpdesk

import dev.helpdesk.core.*
import org.json.JSONArray
import org.json.JSONObject
import java.io.File
import java.lang.reflect.InvocationTargetException
import java.math.BigDecimal
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KParameter
import kotlin.reflect.KType
import kotlin.reflect.full.instanceParameter
import kotlin.reflect.full.memberFunctions
import kotlin.reflect.full.memberProperties
import kotlin.reflect.full.primaryConstructor
import kotlin.reflect.full.valueParameters

/**
 * A working-calendar spec from its JSON form (tests/golden/README.md: `time_zone`, `hours`,
 * `closures?`), built by [GoldenArguments] like any other record. Shared by the desk replay and
 * [CalendarTest]; a malformed spec throws [IllegalArgumentException] (or the parse exception of
 * its date or instant), as a Kotlin user building it would meet.
 */
fun calendarSpec(json: JSONObject): CalendarSpec =
    GoldenArguments(emptyMap()).value(json, CalendarSpec::class, "spec") as CalendarSpec

/**
 * Builds the Kotlin arguments of a [Helpdesk] method from a golden step's `args` and calls it,
 * driven by core/api.json (which keys belong to which parameter or record) and kotlin-reflect
 * (the Kotlin types, which decide every conversion; the binding restates a few inputs with
 * nullable fields, e.g. `NewTicket`, `NewReward`, so the Kotlin types win where they differ).
 *
 * The golden format (tests/golden/README.md, the same as `helpdesk::json_api::call`):
 * - each parameter under its published name (api.json's `params`); a parameter whose type is a
 *   record takes that record's fields from the top level, beside the other parameters, and so
 *   does a field the record flattens (serde `flatten`; a nested property in Kotlin, e.g.
 *   `TicketQuery.filter`); any other record (a list's items, an option, a field) is a JSON object;
 * - ids are numbers or `"$name"` (bound by an earlier step); a string `"$name"` whose name is
 *   bound is that value (a coupon's code); decimals are strings, dates `YYYY-MM-DD`, instants
 *   RFC 3339, a duration whole seconds, bytes (a `ByteArray`) the text of their UTF-8, enums their
 *   snake_case names, a tagged enum (`Closure`) an object whose tag (api.json's `tag`) names the
 *   variant;
 * - a field or parameter left out takes the Kotlin default, else `null` where nullable, else
 *   the record's defaults exported by the binding (`defaultTeamSettings()`: `TeamSettings` has
 *   no constructor defaults); `null` is accepted only where the Kotlin type is nullable.
 *
 * Every key of `args` must be read: a key no parameter or field takes fails the step.
 *
 * [names] holds the values bound so far (ids as `Long`).
 */
class GoldenArguments(private val names: Map<String, Any?>) {

    /** Calls operation [op] (snake_case, as in api.json) of [desk] as [actor] with [args]. */
    fun call(desk: Helpdesk, op: String, actor: Actor, args: JSONObject): Any? {
        val operation = operations[op] ?: throw AssertionError("unknown operation $op (not in core/api.json)")
        val method = methods[camel(op)] ?: throw AssertionError("no Kotlin method ${camel(op)} for $op")
        val given = Args(args)
        val values = mutableMapOf<KParameter, Any?>(method.instanceParameter!! to desk)
        val kotlinParams = method.valueParameters
        check(kotlinParams.firstOrNull()?.name == "actor") { "${method.name}: the first parameter is not the actor" }
        values[kotlinParams.first()] = actor
        val published = objects(operation.getJSONArray("params"))
        check(published.size == kotlinParams.size - 1) { "${method.name}: parameters differ from core/api.json" }
        for ((param, described) in kotlinParams.drop(1).zip(published)) {
            val name = described.getString("name")
            check(param.name == camel(name)) { "${method.name}: parameter ${param.name}, core/api.json has $name" }
            if (records.has(described.getString("type"))) {
                // An input record: its fields sit at the top level of args.
                values[param] = record(classOf(param.type), given)
            } else {
                fill(values, param, name, given, defaults = { null }, owner = op)
            }
        }
        given.checkAllRead(op)
        return invoke(method, values)
    }

    /** A JSON value as the Kotlin [kclass] (for a value with no type arguments, e.g. a record). */
    fun value(json: Any?, kclass: KClass<*>, what: String): Any? = convert(json, kclass, null, what)

    /**
     * Sets [param] from key [key] of [given]; a key left out takes the constructor's or method's
     * default, else `null` where nullable, else the value in [defaults] (a record's exported
     * defaults, looked up only when needed).
     */
    private fun fill(
        values: MutableMap<KParameter, Any?>, param: KParameter, key: String, given: Args, defaults: () -> Any?, owner: String,
    ) {
        when {
            given.has(key) -> values[param] = convert(given.take(key), classOf(param.type), param.type, key)
            param.isOptional -> Unit
            param.type.isMarkedNullable -> values[param] = null
            else -> {
                val record = defaults() ?: throw IllegalArgumentException("$owner: missing argument $key")
                values[param] = record::class.memberProperties.single { it.name == param.name }.getter.call(record)
            }
        }
    }

    /**
     * A JSON value as a Kotlin value of [kclass] ([type] gives a list's element type): the
     * conversions of the class docs, recursively through lists, records and tagged enums.
     */
    private fun convert(json: Any?, kclass: KClass<*>, type: KType?, what: String): Any? {
        if (json == null || json == JSONObject.NULL) {
            require(type == null || type.isMarkedNullable) { "$what: null for a non-nullable ${kclass.simpleName}" }
            return null
        }
        return when {
            kclass == Long::class -> id(json, what)
            kclass == String::class -> string(json as String)
            kclass == Boolean::class -> json as Boolean
            kclass == Int::class -> (json as Number).toInt()
            kclass == UInt::class -> (json as Number).toLong().toUInt()
            kclass == ULong::class -> (json as Number).toLong().toULong()
            kclass == BigDecimal::class -> BigDecimal(json.toString())
            kclass == LocalDate::class -> LocalDate.parse(json as String)
            kclass == Instant::class -> Instant.parse(json as String)
            kclass == Duration::class -> Duration.ofSeconds((json as Number).toLong())
            kclass == ByteArray::class -> string(json as String).toByteArray(Charsets.UTF_8)
            kclass == List::class -> {
                val item = type?.arguments?.single()?.type ?: throw AssertionError("$what: a list without its element type")
                (json as JSONArray).map { convert(it, classOf(item), item, what) }
            }
            kclass.java.isEnum -> enumEntry(kclass, json as String, what)
            kclass.isSealed -> variant(kclass, Args(json as JSONObject), what)
            kclass.isData -> Args(json as JSONObject).let { given -> record(kclass, given).also { given.checkAllRead(what) } }
            else -> throw AssertionError("$what: no conversion to ${kclass.qualifiedName}")
        }
    }

    /**
     * The data class [kclass] from [given]: each constructor parameter from the key of its
     * snake_case name; a field api.json marks `flatten` from the same keys (its own record).
     */
    private fun record(kclass: KClass<*>, given: Args): Any {
        val constructor = kclass.primaryConstructor ?: throw AssertionError("${kclass.simpleName} has no primary constructor")
        val flattened = records.optJSONObject(kclass.simpleName)?.let { described ->
            objects(described.getJSONArray("fields")).filter { it.optBoolean("flatten") }.map { camel(it.getString("name")) }
        }.orEmpty()
        val defaults by lazy { exportedDefaults(kclass) }
        val values = mutableMapOf<KParameter, Any?>()
        for (param in constructor.parameters) {
            if (param.name in flattened) {
                values[param] = record(classOf(param.type), given)
            } else {
                fill(values, param, snake(param.name!!), given, { defaults }, owner = kclass.simpleName!!)
            }
        }
        return invoke(constructor, values)!!
    }

    /** The variant of the tagged enum [kclass] that [given]'s tag names (a sealed subclass). */
    private fun variant(kclass: KClass<*>, given: Args, what: String): Any {
        val described = enums.optJSONObject(kclass.simpleName) ?: throw AssertionError("${kclass.simpleName} is not in core/api.json")
        val tag = described.getString("tag")
        val name = (if (given.has(tag)) given.take(tag) else null) as? String ?: throw IllegalArgumentException("$what: no $tag")
        val subclass = kclass.sealedSubclasses.firstOrNull { it.simpleName == pascal(name) }
            ?: throw IllegalArgumentException("$what: unknown ${kclass.simpleName} $tag $name")
        val value = subclass.objectInstance ?: record(subclass, given)
        given.checkAllRead(what)
        return value
    }

    /** The entry of enum class [kclass] named [snake] in SCREAMING_CASE. */
    private fun enumEntry(kclass: KClass<*>, snake: String, what: String): Any =
        kclass.java.enumConstants.firstOrNull { (it as Enum<*>).name == snake.uppercase() }
            ?: throw IllegalArgumentException("$what: unknown ${kclass.simpleName} $snake")

    /** An id: a number, or `"$name"` bound to an id. */
    private fun id(json: Any, what: String): Long = when (json) {
        is Number -> json.toLong()
        is String -> bound(json) as? Long ?: throw AssertionError("$what: $json is not an id")
        else -> throw AssertionError("$what: not an id: $json")
    }

    /** A string; `"$name"` whose name is bound is that value (e.g. a coupon's code). */
    private fun string(text: String): String =
        if (text.startsWith("$") && text.substring(1) in names) bound(text) as String else text

    /** The value bound to `$name`. */
    private fun bound(value: String): Any? {
        check(value.startsWith("$")) { "not a bound name: $value" }
        val name = value.substring(1)
        if (name !in names) throw AssertionError("unbound name $value")
        return names[name]
    }

    /**
     * The defaults the binding exports for a record whose constructor has none (uniffi's
     * `default<Record>()`, e.g. `defaultTeamSettings()`), or null.
     */
    private fun exportedDefaults(kclass: KClass<*>): Any? = facades.firstNotNullOfOrNull { facade ->
        facade.methods.firstOrNull { it.name == "default${kclass.simpleName}" && it.parameterCount == 0 }?.invoke(null)
    }

    /** A JSON object whose keys are read one by one, so that a key nothing reads can be told. */
    private class Args(private val json: JSONObject) {
        private val read = mutableSetOf<String>()

        /** Whether [key] is present (perhaps `null`). */
        fun has(key: String) = json.has(key)

        /** The value of [key], present ([JSONObject.NULL] for `null`), now counted as read. */
        fun take(key: String): Any {
            read += key
            return json.get(key)
        }

        /** Fails when a key was never taken: no parameter or field of the call has that name. */
        fun checkAllRead(what: String) {
            val unread = json.keySet() - read
            if (unread.isNotEmpty()) throw AssertionError("$what: no parameter or field takes ${unread.sorted()}")
        }
    }

    companion object {
        /** core/api.json (the Maven build passes its path, as to [ApiParityTest]). */
        private val api: JSONObject by lazy {
            JSONObject(File(System.getProperty("helpdesk.api.json", "../../core/api.json")).readText())
        }
        private val operations: Map<String, JSONObject> by lazy {
            objects(api.getJSONArray("operations")).associateBy { it.getString("name") }
        }
        private val records: JSONObject by lazy { api.getJSONObject("records") }
        private val enums: JSONObject by lazy { api.getJSONObject("enums") }
        private val methods: Map<String, KFunction<*>> by lazy { Helpdesk::class.memberFunctions.associateBy { it.name } }
        /** The classes of the generated files' top-level functions (where `default<Record>()` are). */
        private val facades: List<Class<*>> by lazy {
            listOf("dev.helpdesk.Helpdesk_mobileKt", "dev.helpdesk.core.HelpdeskKt").map { Class.forName(it) }
        }

        private fun objects(array: JSONArray) = (0 until array.length()).map { array.getJSONObject(it) }
        private fun camel(snake: String) = ApiParity.camel(snake)
        private fun pascal(snake: String) = ApiParity.pascal(snake)
        private fun snake(camel: String) = camel.replace(Regex("([A-Z])")) { "_" + it.value.lowercase() }
        private fun classOf(type: KType): KClass<*> = type.classifier as? KClass<*> ?: throw AssertionError("no class for $type")

        /** Calls [function], rethrowing what it threw (not reflection's wrapper). */
        private fun invoke(function: KFunction<*>, values: Map<KParameter, Any?>): Any? = try {
            function.callBy(values)
        } catch (e: InvocationTargetException) {
            throw e.targetException
        }
    }
}

/**
 * Replays one golden case (tests/golden/README.md) through the Kotlin binding: every step is a
 * typed call on [Helpdesk], and results are compared field by field through the generated
 * data classes, exactly as a Kotlin host would read them.
 */
class GoldenReplay(
    private val case: JSONObject,
    open: (ManualClock) -> Helpdesk = { Helpdesk.inMemory(it) },
) {
    val name: String = case.getString("name")
    private val clock = ManualClock(Instant.parse(case.getString("start")))
    private val desk = open(clock)
    /** Bound names: ids (`Long`) from `bind`, any value (e.g. a coupon's code) from `bind_paths`. */
    private val names = mutableMapOf<String, Any?>()

    fun run() {
        desk.use {
            val steps = case.getJSONArray("steps")
            for (i in 0 until steps.length()) {
                val step = steps.getJSONObject(i)
                try {
                    runStep(step)
                } catch (failure: Throwable) {
                    throw AssertionError("$name, step ${i + 1} (${step.getString("op")}): ${failure.message}", failure)
                }
            }
        }
    }

    private fun runStep(step: JSONObject) {
        val op = step.getString("op")
        val args = step.optJSONObject("args") ?: JSONObject()
        val expect = step.optJSONObject("expect")
        if (op == "advance_clock") {
            clock.advance(Duration.ofSeconds(args.getLong("seconds")))
            return
        }
        val actor = actorOf(step.optString("actor", "system"))
        if (expect != null && expect.has("error")) {
            val before = desk.snapshot()
            val error = try {
                call(op, actor, args)
                null
            } catch (e: HelpdeskException) {
                e
            } ?: throw AssertionError("expected error ${expect.getString("error")}, the call succeeded")
            check(error.code() == expect.getString("error")) {
                "expected error ${expect.getString("error")}, got ${error.code()}: ${error.message()}"
            }
            check(desk.snapshot() == before) { "the store changed although the call failed" }
            return
        }
        val result = try {
            call(op, actor, args)
        } catch (e: HelpdeskException) {
            throw AssertionError("unexpected error ${e.code()}: ${e.message()}")
        }
        if (step.has("bind")) {
            val bind = step.getString("bind")
            names[bind] = (property(result!!, "id") as Number).toLong()
            if (hasProperty(result, "partner")) {
                names["$bind.partner"] = (property(result, "partner") as Number).toLong()
            }
        }
        val bindPaths = step.optJSONObject("bind_paths")
        if (bindPaths != null) {
            for (bound in bindPaths.keySet()) names[bound] = normalise(at(result, bindPaths.getString(bound)))
        }
        if (expect != null) checkExpectations(result, expect)
    }

    /** The value at a dotted path of a result: record fields (snake_case) or list indices. */
    private fun at(result: Any?, path: String): Any? = path.split('.').fold(result) { value, part ->
        when {
            value == null -> throw AssertionError("path $path: null before $part")
            value is List<*> && part.all { it.isDigit() } -> value[part.toInt()]
            else -> property(value, part)
        }
    }

    private fun checkExpectations(result: Any?, expect: JSONObject) {
        for (key in expect.keySet()) {
            when (key) {
                "fields" -> {
                    val fields = expect.getJSONObject("fields")
                    for (field in fields.keySet()) {
                        val want = normaliseExpected(fields.get(field))
                        val got = normalise(property(result!!, field))
                        check(same(want, got)) { "field $field: expected $want, got $got" }
                    }
                }
                "paths" -> {
                    val paths = expect.getJSONObject("paths")
                    for (path in paths.keySet()) {
                        val want = normaliseExpected(paths.get(path))
                        val got = normalise(at(result, path))
                        check(same(want, got)) { "path $path: expected $want, got $got" }
                    }
                }
                "references" -> {
                    val page = result as TicketPage
                    val want = expect.getJSONArray("references").map { it as String }
                    val got = page.tickets.map { it.reference }
                    check(want == got) { "references: expected $want, got $got" }
                }
                "count" -> {
                    val got = when (result) {
                        is ULong -> result.toLong()
                        is List<*> -> result.size.toLong()
                        is TicketPage -> result.tickets.size.toLong()
                        else -> throw AssertionError("count of $result")
                    }
                    check(got == expect.getLong("count")) { "count: expected ${expect.getLong("count")}, got $got" }
                }
                "bodies" -> {
                    val want = expect.getJSONArray("bodies").map { it as String }
                    val got = (result as List<*>).map { (it as Message).body }
                    check(want == got) { "bodies: expected $want, got $got" }
                }
                "bind_by_name" -> {
                    val byName = expect.getJSONObject("bind_by_name")
                    val items = result as List<*>
                    for (itemName in byName.keySet()) {
                        val item = items.firstOrNull { property(it!!, "name") == itemName }
                            ?: throw AssertionError("no item named $itemName")
                        names[byName.getString(itemName)] = (property(item, "id") as Number).toLong()
                    }
                }
                "items" -> {
                    val wanted = expect.getJSONArray("items")
                    val items = result as List<*>
                    check(items.size == wanted.length()) { "items: expected ${wanted.length()}, got ${items.size}: $items" }
                    for (i in 0 until wanted.length()) {
                        val fields = wanted.getJSONObject(i)
                        for (field in fields.keySet()) {
                            val want = normaliseExpected(fields.get(field))
                            val got = normalise(property(items[i]!!, field))
                            check(same(want, got)) { "item $i field $field: expected $want, got $got" }
                        }
                    }
                }
                "value" -> {
                    // add_working_time: an instant; working_time_between: signed whole seconds.
                    val want = normaliseExpected(expect.get("value"))
                    val got = when (result) {
                        is Duration -> result.seconds
                        else -> normalise(result)
                    }
                    check(same(want, got)) { "value: expected $want, got $got" }
                }
                "error" -> Unit
                else -> throw AssertionError("unknown expectation $key")
            }
        }
    }

    // ---- arguments ----

    /**
     * Calls operation [op] as [actor] with the step's [args], each argument built by
     * [GoldenArguments] from core/api.json and the Kotlin types.
     */
    fun call(op: String, actor: Actor, args: JSONObject): Any? = GoldenArguments(names).call(desk, op, actor, args)

    private fun actorOf(name: String): Actor = if (name == "system") Actor.System else Actor.User(resolve(name))

    /** The value bound to `$name`. */
    private fun bound(value: String): Any? {
        check(value.startsWith("$")) { "not a bound name: $value" }
        val name = value.substring(1)
        if (name !in names) throw AssertionError("unbound name $value")
        return names[name]
    }

    private fun resolve(value: Any): Long = when (value) {
        is String -> bound(value) as? Long ?: throw AssertionError("$value is not an id")
        is Number -> value.toLong()
        else -> throw AssertionError("not an id: $value")
    }

    // ---- results ----

    private fun getter(record: Any, field: String): java.lang.reflect.Method? {
        val camel = field.split('_').mapIndexed { i, part -> if (i == 0) part else part.replaceFirstChar { it.uppercase() } }
            .joinToString("")
        val name = "get" + camel.replaceFirstChar { it.uppercase() }
        // A property of an unsigned type (ULong, UInt) has a mangled JVM getter: `getTickets-s-VKNKU`.
        return record.javaClass.methods.firstOrNull { it.name.substringBefore('-') == name && it.parameterCount == 0 }
    }

    private fun hasProperty(record: Any, field: String) = getter(record, field) != null

    private fun property(record: Any, field: String): Any? {
        val method = getter(record, field) ?: throw AssertionError("${record.javaClass.simpleName} has no field $field")
        return method.invoke(record)
    }

    /**
     * A Kotlin value in the golden files' JSON terms: decimals as their exact string (scale
     * kept, `"50.00"`), bytes as their UTF-8 text (an invalid sequence is U+FFFD), records of the
     * binding as maps of their snake_case fields.
     */
    private fun normalise(value: Any?): Any? = when (value) {
        null -> null
        is ByteArray -> String(value, Charsets.UTF_8)
        is Instant -> value.toString()
        is LocalDate -> value.toString()
        is Enum<*> -> value.name.lowercase()
        is Boolean, is String -> value
        is BigDecimal -> value.toPlainString()
        is Number -> value.toLong()
        is UInt -> value.toLong()
        is ULong -> value.toLong()
        is List<*> -> value.map { normalise(it) }
        else -> if (value.javaClass.packageName in RECORD_PACKAGES) recordFields(value) else value
    }

    /** The packages of the generated records: the binding's inputs and the core's records. */
    private val RECORD_PACKAGES = setOf("dev.helpdesk", "dev.helpdesk.core")

    /** A generated data class as a map of its snake_case fields (unsigned fields read raw). */
    private fun recordFields(record: Any): Map<String, Any?> =
        record.javaClass.declaredFields
            .filter { !java.lang.reflect.Modifier.isStatic(it.modifiers) && !it.isSynthetic }
            .associate { field ->
                field.isAccessible = true
                val snake = field.name.replace(Regex("([A-Z])")) { "_" + it.value.lowercase() }
                snake to normalise(field.get(record))
            }

    private fun normaliseExpected(value: Any?): Any? = when {
        value == null || value == JSONObject.NULL -> null
        value is String && value.startsWith("$") -> bound(value)
        value is String && Regex("""\d{4}-\d\d-\d\dT.*Z""").matches(value) -> Instant.parse(value).toString()
        value is Number -> value.toLong()
        value is JSONArray -> value.map { normaliseExpected(it) }
        value is JSONObject -> value.keySet().associateWith { normaliseExpected(value.get(it)) }
        else -> value
    }

    private fun same(want: Any?, got: Any?) = want == got
}
