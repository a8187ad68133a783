package dev.helpdesk

import dev.helpdesk.core.*
import org.json.JSONArray
import org.json.JSONObject
import java.math.BigDecimal
import java.time.Duration
import java.time.Instant
import java.time.LocalDate

/**
 * A working-calendar spec from its JSON form (tests/golden/README.md: `time_zone`, `hours`,
 * `closures?`), through the typed records. Shared by the desk replay and [CalendarTest].
 */
fun calendarSpec(json: JSONObject): CalendarSpec {
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

/**
 * Replays one golden case (tests/golden/README.md) through the Kotlin binding: every step is a
 * typed call on [Helpdesk], and results are compared field by field through the generated
 * data classes, exactly as a Kotlin host would read them.
 */
class GoldenReplay(private val case: JSONObject) {
    val name: String = case.getString("name")
    private val clock = ManualClock(Instant.parse(case.getString("start")))
    private val desk = Helpdesk.inMemory(clock)
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

    // ---- the dispatcher: one typed call per operation ----

    @Suppress("CyclomaticComplexMethod")
    fun call(op: String, actor: Actor, a: JSONObject): Any? = when (op) {
        "create_company" -> desk.createCompany(actor, NewCompany(name = a.getString("name")))
        "update_company" -> desk.updateCompany(actor, id(a, "company"), a.getString("name"))
        "get_company" -> desk.getCompany(actor, id(a, "company"))
        "create_partner" -> desk.createPartner(
            actor,
            NewPartner(
                company = optId(a, "company"), name = a.getString("name"), email = optStr(a, "email"),
                phone = optStr(a, "phone"), parent = optId(a, "parent"), address = optStr(a, "address"),
            ),
        )
        "update_partner" -> desk.updatePartner(
            actor, id(a, "partner"),
            PartnerUpdate(
                name = optStr(a, "name"), email = optStr(a, "email"), phone = optStr(a, "phone"),
                address = optStr(a, "address"),
            ),
        )
        "get_partner" -> desk.getPartner(actor, id(a, "partner"))
        "create_user" -> desk.createUser(
            actor,
            NewUser(
                name = a.getString("name"), email = optStr(a, "email"),
                kind = UserKind.valueOf(a.getString("kind").uppercase()),
                role = optStr(a, "role")?.let { HelpdeskRole.valueOf(it.uppercase()) },
                companies = ids(a, "companies")!!, partner = optId(a, "partner"),
            ),
        )
        "update_user" -> desk.updateUser(
            actor, id(a, "user"),
            UserUpdate(
                name = optStr(a, "name"), role = optStr(a, "role")?.let { HelpdeskRole.valueOf(it.uppercase()) },
                companies = ids(a, "companies"), active = optBool(a, "active"),
            ),
        )
        "get_user" -> desk.getUser(actor, id(a, "user"))
        "create_team" -> desk.createTeam(
            actor,
            NewTeam(
                company = id(a, "company"), name = a.getString("name"),
                description = optStr(a, "description") ?: "",
                visibility = optStr(a, "visibility")?.let { Visibility.valueOf(it.uppercase()) },
                members = ids(a, "members") ?: emptyList(),
                settings = a.optJSONObject("settings")?.let { settings(it) },
            ),
        )
        "update_team" -> desk.updateTeam(
            actor, id(a, "team"),
            TeamUpdate(
                name = optStr(a, "name"), description = optStr(a, "description"),
                visibility = optStr(a, "visibility")?.let { Visibility.valueOf(it.uppercase()) },
                settings = a.optJSONObject("settings")?.let { settings(it) }, active = optBool(a, "active"),
            ),
        )
        "set_team_members" -> desk.setTeamMembers(actor, id(a, "team"), ids(a, "members")!!)
        "get_team" -> desk.getTeam(actor, id(a, "team"))
        "list_companies" -> desk.listCompanies(actor)
        "list_teams" -> desk.listTeams(actor)
        "follow_team" -> desk.followTeam(actor, id(a, "team"), id(a, "partner"))
        "unfollow_team" -> desk.unfollowTeam(actor, id(a, "team"), id(a, "partner"))
        "team_followers" -> desk.teamFollowers(actor, id(a, "team"))
        "create_stage" -> desk.createStage(
            actor,
            NewStage(
                company = id(a, "company"), name = a.getString("name"),
                sequence = optLong(a, "sequence")?.toInt() ?: 0, folded = optBool(a, "folded") ?: false,
                teams = ids(a, "teams") ?: emptyList(), emailTemplate = optStr(a, "email_template"),
                smsTemplate = optStr(a, "sms_template"),
            ),
        )
        "update_stage" -> desk.updateStage(
            actor, id(a, "stage"),
            StageUpdate(
                name = optStr(a, "name"), sequence = optLong(a, "sequence")?.toInt(), folded = optBool(a, "folded"),
                teams = ids(a, "teams"), emailTemplate = optStr(a, "email_template"),
                smsTemplate = optStr(a, "sms_template"),
            ),
        )
        "list_stages" -> desk.listStages(actor, id(a, "team"))
        "create_tag" -> desk.createTag(actor, id(a, "company"), a.getString("name"))
        "list_tags" -> desk.listTags(actor, id(a, "company"))
        "create_ticket_type" -> desk.createTicketType(actor, id(a, "company"), a.getString("name"))
        "list_ticket_types" -> desk.listTicketTypes(actor, id(a, "company"))
        "create_calendar" -> desk.createCalendar(
            actor,
            NewCalendar(company = id(a, "company"), name = a.getString("name"), spec = calendarSpec(a)),
        )
        "update_calendar" -> desk.updateCalendar(
            actor, id(a, "calendar"),
            CalendarUpdate(name = optStr(a, "name"), spec = a.optJSONObject("spec")?.let { calendarSpec(it) }),
        )
        "get_calendar" -> desk.getCalendar(actor, id(a, "calendar"))
        "list_calendars" -> desk.listCalendars(actor, id(a, "company"))
        "add_working_time" -> desk.addWorkingTime(
            actor, id(a, "calendar"), Instant.parse(a.getString("start")), Duration.ofSeconds(a.getLong("duration")),
        )
        "working_time_between" -> desk.workingTimeBetween(
            actor, id(a, "calendar"), Instant.parse(a.getString("a")), Instant.parse(a.getString("b")),
        )
        "create_ticket" -> desk.createTicket(actor, newTicket(a))
        "create_tickets" -> desk.createTickets(actor, a.getJSONArray("tickets").map { newTicket(it as JSONObject) })
        "submit_ticket" -> desk.submitTicket(
            actor,
            Submission(team = id(a, "team"), subject = a.getString("subject"), description = optStr(a, "description") ?: ""),
        )
        "update_ticket" -> desk.updateTicket(
            actor, id(a, "ticket"),
            TicketUpdate(
                subject = optStr(a, "subject"), description = optStr(a, "description"),
                priority = optStr(a, "priority")?.let { Priority.valueOf(it.uppercase()) }, tags = ids(a, "tags"),
            ),
        )
        "assign_ticket" -> desk.assignTicket(actor, id(a, "ticket"), optId(a, "assignee"))
        "set_ticket_customer" -> desk.setTicketCustomer(actor, id(a, "ticket"), optId(a, "customer"))
        "set_ticket_type" -> desk.setTicketType(actor, id(a, "ticket"), optId(a, "ticket_type"))
        "set_ticket_team" -> desk.setTicketTeam(actor, id(a, "ticket"), optId(a, "team"))
        "move_ticket" -> desk.moveTicket(actor, id(a, "ticket"), id(a, "stage"))
        "archive_ticket" -> desk.archiveTicket(actor, id(a, "ticket"))
        "unarchive_ticket" -> desk.unarchiveTicket(actor, id(a, "ticket"))
        "follow_ticket" -> desk.followTicket(actor, id(a, "ticket"), id(a, "partner"))
        "unfollow_ticket" -> desk.unfollowTicket(actor, id(a, "ticket"), id(a, "partner"))
        "ticket_followers" -> desk.ticketFollowers(actor, id(a, "ticket"))
        "reply_to_ticket" -> desk.replyToTicket(actor, id(a, "ticket"), a.getString("body"))
        "add_internal_note" -> desk.addInternalNote(actor, id(a, "ticket"), a.getString("body"))
        "get_ticket" -> desk.getTicket(actor, id(a, "ticket"))
        "list_tickets" -> desk.listTickets(
            actor,
            TicketQuery(
                filter = filter(a), sort = optStr(a, "sort")?.let { TicketSort.valueOf(it.uppercase()) },
                cursor = optStr(a, "cursor"), limit = optLong(a, "limit")?.toUInt(),
            ),
        )
        "count_tickets" -> desk.countTickets(actor, filter(a))
        "list_messages" -> desk.listMessages(actor, id(a, "ticket"))
        "stage_history" -> desk.stageHistory(actor, id(a, "ticket"))
        "set_user_calendar" -> desk.setUserCalendar(actor, id(a, "user"), optId(a, "calendar"))
        "create_leave" -> desk.createLeave(
            actor,
            NewLeave(
                user = id(a, "user"), from = Instant.parse(a.getString("from")), to = Instant.parse(a.getString("to")),
                reason = optStr(a, "reason") ?: "",
            ),
        )
        "delete_leave" -> desk.deleteLeave(actor, id(a, "leave"))
        "list_leaves" -> desk.listLeaves(actor, id(a, "user"))
        "suggest_assignee" -> desk.suggestAssignee(actor, id(a, "team"))
        "create_sla_policy" -> desk.createSlaPolicy(
            actor,
            NewSlaPolicy(
                team = id(a, "team"), name = a.getString("name"), description = optStr(a, "description") ?: "",
                priority = optStr(a, "priority")?.let { Priority.valueOf(it.uppercase()) },
                tags = ids(a, "tags") ?: emptyList(), customers = ids(a, "customers") ?: emptyList(),
                ticketTypes = ids(a, "ticket_types") ?: emptyList(), targetStage = id(a, "target_stage"),
                excludedStages = ids(a, "excluded_stages") ?: emptyList(), within = within(a.getJSONObject("within")),
            ),
        )
        "update_sla_policy" -> desk.updateSlaPolicy(
            actor, id(a, "policy"),
            SlaPolicyUpdate(
                name = optStr(a, "name"), description = optStr(a, "description"),
                priority = optStr(a, "priority")?.let { Priority.valueOf(it.uppercase()) },
                tags = ids(a, "tags"), customers = ids(a, "customers"), ticketTypes = ids(a, "ticket_types"),
                targetStage = optId(a, "target_stage"), excludedStages = ids(a, "excluded_stages"),
                within = a.optJSONObject("within")?.let { within(it) }, active = optBool(a, "active"),
            ),
        )
        "get_sla_policy" -> desk.getSlaPolicy(actor, id(a, "policy"))
        "list_sla_policies" -> desk.listSlaPolicies(actor, id(a, "team"))
        "ticket_sla_statuses" -> desk.ticketSlaStatuses(actor, id(a, "ticket"))
        "sla_report" -> desk.slaReport(
            actor,
            SlaReportQuery(
                company = id(a, "company"), team = optId(a, "team"), policy = optId(a, "policy"),
                from = optStr(a, "from")?.let { Instant.parse(it) }, to = optStr(a, "to")?.let { Instant.parse(it) },
            ),
        )
        "define_currency" -> desk.defineCurrency(actor, a.getString("code"), a.getLong("decimals").toUInt())
        "create_product" -> desk.createProduct(
            actor,
            NewProduct(
                company = id(a, "company"), name = a.getString("name"),
                tracking = optStr(a, "tracking")?.let { Tracking.valueOf(it.uppercase()) },
                salePrice = optDec(a, "sale_price"), taxes = ids(a, "taxes") ?: emptyList(), unit = optId(a, "unit"),
                servicePolicy = optStr(a, "service_policy")?.let { ServicePolicy.valueOf(it.uppercase()) },
            ),
        )
        "create_tax" -> desk.createTax(
            actor,
            NewTax(
                company = id(a, "company"), name = a.getString("name"), percent = dec(a, "percent"),
                priceIncluded = optBool(a, "price_included") ?: false,
            ),
        )
        "create_journal" -> desk.createJournal(
            actor,
            NewJournal(
                company = id(a, "company"), name = a.getString("name"), code = a.getString("code"),
                kind = JournalKind.valueOf(a.getString("kind").uppercase()),
            ),
        )
        "create_sale_order" -> desk.createSaleOrder(
            actor,
            NewSaleOrder(
                company = id(a, "company"), customer = id(a, "customer"), currency = a.getString("currency"),
                lines = objects(a, "lines").map {
                    SaleOrderLine(
                        product = id(it, "product"), quantity = dec(it, "quantity"), unitPrice = dec(it, "unit_price"),
                        unit = optId(it, "unit"),
                    )
                },
                salesperson = optId(a, "salesperson"),
            ),
        )
        "confirm_sale_order" -> desk.confirmSaleOrder(actor, id(a, "sale_order"))
        "get_sale_order" -> desk.getSaleOrder(actor, id(a, "sale_order"))
        "create_invoice" -> desk.createInvoice(
            actor,
            NewInvoice(
                company = id(a, "company"), customer = id(a, "customer"), journal = id(a, "journal"),
                currency = a.getString("currency"), date = optDate(a, "date"), saleOrder = optId(a, "sale_order"),
                lines = objects(a, "lines").map {
                    NewInvoiceLine(
                        product = optId(it, "product"), label = optStr(it, "label"), quantity = dec(it, "quantity"),
                        unitPrice = optDec(it, "unit_price"), taxes = ids(it, "taxes"),
                    )
                },
            ),
        )
        "get_invoice" -> desk.getInvoice(actor, id(a, "invoice"))
        "set_payment_state" -> desk.setPaymentState(
            actor, id(a, "invoice"), PaymentState.valueOf(a.getString("payment_state").uppercase()),
        )
        "post_invoice" -> desk.postInvoice(actor, id(a, "invoice"))
        "cancel_invoice" -> desk.cancelInvoice(actor, id(a, "invoice"))
        "refundable_invoices" -> desk.refundableInvoices(
            actor, id(a, "ticket"), RefundFilter(saleOrder = optId(a, "sale_order"), product = optId(a, "product")),
        )
        "refund_defaults" -> desk.refundDefaults(actor, id(a, "ticket"))
        "reverse_invoice" -> desk.reverseInvoice(actor, id(a, "ticket"), reversal(a))
        "reverse_and_reinvoice" -> desk.reverseAndReinvoice(actor, id(a, "ticket"), reversal(a))
        "update_credit_note_line" -> desk.updateCreditNoteLine(
            actor, id(a, "credit_note"), a.getLong("line").toUInt(),
            CreditLineUpdate(quantity = optDec(a, "quantity"), unitPrice = optDec(a, "unit_price")),
        )
        "post_due_credit_notes" -> desk.postDueCreditNotes(actor, optStr(a, "at")?.let { Instant.parse(it) })
        "ticket_credit_notes" -> desk.ticketCreditNotes(actor, id(a, "ticket"))
        "create_coupon_program" -> desk.createCouponProgram(
            actor,
            NewCouponProgram(
                company = id(a, "company"), name = a.getString("name"), currency = a.getString("currency"),
                reward = reward(a.getJSONObject("reward")),
                conditions = a.optJSONObject("conditions")?.let { conditions(it) } ?: RewardConditions(),
                validFrom = optDate(a, "valid_from"), validUntil = optDate(a, "valid_until"),
                usageLimit = optLong(a, "usage_limit")?.toUInt(), pointsPerUse = optLong(a, "points_per_use")?.toUInt(),
            ),
        )
        "get_coupon_program" -> desk.getCouponProgram(actor, id(a, "program"))
        "generate_coupon" -> desk.generateCoupon(
            actor, id(a, "ticket"),
            NewCoupon(
                program = id(a, "program"), points = optLong(a, "points")?.toUInt(), validUntil = optDate(a, "valid_until"),
            ),
        )
        "get_coupon" -> desk.getCoupon(actor, id(a, "coupon"))
        "ticket_coupons" -> desk.ticketCoupons(actor, id(a, "ticket"))
        "send_coupon" -> desk.sendCoupon(actor, id(a, "coupon"))
        "coupon_share_link" -> desk.couponShareLink(actor, id(a, "coupon"), a.getString("base_url"), optStr(a, "redirect"))
        "redeem_coupon" -> desk.redeemCoupon(
            actor,
            Redemption(
                company = id(a, "company"), code = optStr(a, "code")!!, partner = optId(a, "partner"),
                saleOrder = optId(a, "sale_order"),
            ),
        )
        "create_unit_category" -> desk.createUnitCategory(actor, id(a, "company"), a.getString("name"))
        "create_unit" -> desk.createUnit(
            actor,
            NewUnit(
                company = id(a, "company"), category = id(a, "category"), name = a.getString("name"),
                ratio = dec(a, "ratio"), rounding = optDec(a, "rounding"),
            ),
        )
        "list_units" -> desk.listUnits(actor, id(a, "company"))
        "convert_quantity" -> desk.convertQuantity(actor, dec(a, "quantity"), id(a, "from"), id(a, "to"))
        "set_support_hours" -> desk.setSupportHours(
            actor, id(a, "company"),
            SupportHoursUpdate(hoursPerDay = optDec(a, "hours_per_day"), upsellThreshold = optDec(a, "upsell_threshold")),
        )
        "mark_sale_order_done" -> desk.markSaleOrderDone(actor, id(a, "sale_order"))
        "cancel_sale_order" -> desk.cancelSaleOrder(actor, id(a, "sale_order"))
        "invoice_sale_order" -> desk.invoiceSaleOrder(actor, id(a, "sale_order"), id(a, "journal"))
        "log_time" -> desk.logTime(
            actor, id(a, "ticket"),
            NewTimeEntry(
                quantity = dec(a, "quantity"), unit = optId(a, "unit"), description = optStr(a, "description") ?: "",
                date = optDate(a, "date"), agent = optId(a, "agent"),
            ),
        )
        "update_time_entry" -> desk.updateTimeEntry(
            actor, id(a, "entry"),
            TimeEntryUpdate(
                quantity = optDec(a, "quantity"), unit = optId(a, "unit"), description = optStr(a, "description"),
                date = optDate(a, "date"),
            ),
        )
        "delete_time_entry" -> desk.deleteTimeEntry(actor, id(a, "entry"))
        "ticket_time_entries" -> desk.ticketTimeEntries(actor, id(a, "ticket"))
        "set_ticket_sale_line" -> desk.setTicketSaleLine(
            actor, id(a, "ticket"),
            a.optJSONObject("sale_line")?.let { OrderLineRef(order = id(it, "order"), line = it.getLong("line").toUInt()) },
        )
        "ticket_hours" -> desk.ticketHours(actor, id(a, "ticket"))
        "customer_contracts" -> desk.customerContracts(actor, id(a, "company"), id(a, "customer"))
        "upsell_orders" -> desk.upsellOrders(actor, id(a, "company"))
        "create_location" -> desk.createLocation(
            actor,
            NewLocation(
                company = id(a, "company"), name = a.getString("name"),
                kind = LocationKind.valueOf(a.getString("kind").uppercase()),
            ),
        )
        "create_delivery" -> desk.createDelivery(
            actor,
            NewDelivery(
                company = id(a, "company"), customer = id(a, "customer"), saleOrder = optId(a, "sale_order"),
                source = id(a, "source"), destination = id(a, "destination"),
                lines = objects(a, "lines").map {
                    TransferLine(
                        product = id(it, "product"), quantity = dec(it, "quantity"), lot = optStr(it, "lot"),
                        returnsLine = optLong(it, "returns_line")?.toUInt(),
                    )
                },
            ),
        )
        "validate_transfer" -> desk.validateTransfer(actor, id(a, "transfer"))
        "cancel_transfer" -> desk.cancelTransfer(actor, id(a, "transfer"))
        "get_transfer" -> desk.getTransfer(actor, id(a, "transfer"))
        "returnable_deliveries" -> desk.returnableDeliveries(
            actor, id(a, "ticket"), ReturnFilter(saleOrder = optId(a, "sale_order"), product = optId(a, "product")),
        )
        "return_products" -> desk.returnProducts(actor, id(a, "ticket"), returnRequest(a))
        "return_for_exchange" -> desk.returnForExchange(actor, id(a, "ticket"), returnRequest(a))
        "ticket_returns" -> desk.ticketReturns(actor, id(a, "ticket"))
        "create_repair" -> desk.createRepair(
            actor, id(a, "ticket"),
            NewRepair(
                customer = optId(a, "customer"), product = optId(a, "product"), lot = optStr(a, "lot"),
                returnTransfer = optId(a, "return_transfer"), saleOrder = optId(a, "sale_order"),
                scheduledDate = optDate(a, "scheduled_date"), responsible = optId(a, "responsible"),
                tags = strings(a, "tags") ?: emptyList(), underWarranty = optBool(a, "under_warranty") ?: false,
                notes = optStr(a, "notes") ?: "",
            ),
        )
        "get_repair" -> desk.getRepair(actor, id(a, "repair"))
        "ticket_repairs" -> desk.ticketRepairs(actor, id(a, "ticket"))
        "update_repair" -> desk.updateRepair(
            actor, id(a, "repair"),
            RepairUpdate(
                underWarranty = optBool(a, "under_warranty"), scheduledDate = optDate(a, "scheduled_date"),
                responsible = optId(a, "responsible"), tags = strings(a, "tags"), notes = optStr(a, "notes"),
            ),
        )
        "add_repair_part" -> desk.addRepairPart(
            actor, id(a, "repair"),
            NewRepairPart(product = id(a, "product"), quantity = dec(a, "quantity"), unitPrice = optDec(a, "unit_price")),
        )
        "remove_repair_part" -> desk.removeRepairPart(actor, id(a, "repair"), a.getLong("index").toUInt())
        "advance_repair" -> desk.advanceRepair(actor, id(a, "repair"))
        "cancel_repair" -> desk.cancelRepair(actor, id(a, "repair"))
        "repair_quotation" -> desk.repairQuotation(actor, id(a, "repair"), a.getString("currency"))
        "create_field_service_project" -> desk.createFieldServiceProject(
            actor,
            NewFieldServiceProject(
                company = id(a, "company"), name = a.getString("name"), worksheets = optBool(a, "worksheets") ?: false,
                defaultWorksheetTemplate = optStr(a, "default_worksheet_template"),
            ),
        )
        "create_field_service_task" -> desk.createFieldServiceTask(
            actor, id(a, "ticket"),
            NewFieldServiceTask(
                title = optStr(a, "title"), project = optId(a, "project"),
                worksheetTemplate = optStr(a, "worksheet_template"),
            ),
        )
        "get_field_service_task" -> desk.getFieldServiceTask(actor, id(a, "task"))
        "ticket_field_service_tasks" -> desk.ticketFieldServiceTasks(actor, id(a, "ticket"))
        "move_field_service_task" -> desk.moveFieldServiceTask(
            actor, id(a, "task"), TaskStage.valueOf(a.getString("stage").uppercase()),
        )
        "pending_outbox" -> desk.pendingOutbox(actor, a.getLong("limit").toUInt())
        "acknowledge_outbox" -> desk.acknowledgeOutbox(actor, ids(a, "ids")!!)
        else -> throw AssertionError("unknown operation $op")
    }

    private fun filter(a: JSONObject) = TicketFilter(
        team = optId(a, "team"), stage = optId(a, "stage"), assignee = optId(a, "assignee"),
        customer = optId(a, "customer"), open = optBool(a, "open"), text = optStr(a, "text"),
        archived = optBool(a, "archived") ?: false, slaFailed = optBool(a, "sla_failed"),
    )

    private fun newTicket(a: JSONObject) = NewTicket(
        team = optId(a, "team"), company = optId(a, "company"), subject = a.getString("subject"),
        description = optStr(a, "description") ?: "",
        priority = optStr(a, "priority")?.let { Priority.valueOf(it.uppercase()) },
        ticketType = optId(a, "ticket_type"), tags = ids(a, "tags") ?: emptyList(),
        customer = optId(a, "customer"), assignee = optId(a, "assignee"), product = optId(a, "product"),
        lot = optStr(a, "lot"), cc = ids(a, "cc") ?: emptyList(),
    )

    private fun returnRequest(a: JSONObject) = ReturnRequest(
        delivery = id(a, "delivery"),
        lines = if (a.has("lines") && !a.isNull("lines")) {
            objects(a, "lines").map { ReturnQuantity(line = it.getLong("line").toUInt(), quantity = dec(it, "quantity")) }
        } else {
            null
        },
        location = optId(a, "location"),
    )

    private fun reversal(a: JSONObject) = Reversal(
        invoice = id(a, "invoice"), reason = optStr(a, "reason"), journal = optId(a, "journal"),
        reversalDate = optDate(a, "reversal_date"),
    )

    /** A program's reward from its JSON form; absent fields take the core's defaults (`null`). */
    private fun reward(json: JSONObject): NewReward {
        val known = setOf("kind", "discount_percent", "fixed_amount", "free_product", "scope", "products", "max_discount")
        check(json.keySet().all { it in known }) { "unknown reward field in $json" }
        return NewReward(
            kind = RewardKind.valueOf(json.getString("kind").uppercase()),
            discountPercent = optDec(json, "discount_percent"), fixedAmount = optDec(json, "fixed_amount"),
            freeProduct = optId(json, "free_product"),
            scope = optStr(json, "scope")?.let { RewardScope.valueOf(it.uppercase()) },
            products = ids(json, "products") ?: emptyList(), maxDiscount = optDec(json, "max_discount"),
        )
    }

    private fun conditions(json: JSONObject): RewardConditions {
        val known = setOf("minimum_quantity", "minimum_amount", "products")
        check(json.keySet().all { it in known }) { "unknown condition in $json" }
        return RewardConditions(
            minimumQuantity = optDec(json, "minimum_quantity"), minimumAmount = optDec(json, "minimum_amount"),
            products = ids(json, "products") ?: emptyList(),
        )
    }

    /** An SLA policy's working time from `{days?, hours?, minutes?}`, over the core's defaults (0). */
    private fun within(json: JSONObject): Within {
        var w = Within()
        for (key in json.keySet()) {
            val n = json.getLong(key).toUInt()
            w = when (key) {
                "days" -> w.copy(days = n)
                "hours" -> w.copy(hours = n)
                "minutes" -> w.copy(minutes = n)
                else -> throw AssertionError("unknown within part $key")
            }
        }
        return w
    }

    /** Team settings from snake_case JSON, over the core's defaults. */
    private fun settings(json: JSONObject): TeamSettings {
        var s = defaultTeamSettings()
        for (key in json.keySet()) {
            s = when (key) {
                "auto_assignment" -> s.copy(autoAssignment = json.getBoolean(key))
                "assignment_method" -> s.copy(assignmentMethod = AssignmentMethod.valueOf(json.getString(key).uppercase()))
                "calendar" -> s.copy(calendar = optId(json, key))
                "use_sla" -> s.copy(useSla = json.getBoolean(key))
                "refunds" -> s.copy(refunds = json.getBoolean(key))
                "coupons" -> s.copy(coupons = json.getBoolean(key))
                "returns" -> s.copy(returns = json.getBoolean(key))
                "repairs" -> s.copy(repairs = json.getBoolean(key))
                "field_service" -> s.copy(fieldService = json.getBoolean(key))
                "field_service_project" -> s.copy(fieldServiceProject = optId(json, key))
                "auto_close" -> s.copy(autoClose = json.getBoolean(key))
                "auto_close_days" -> s.copy(autoCloseDays = json.getLong(key).toUInt())
                "auto_close_from_stages" -> s.copy(autoCloseFromStages = ids(json, key)!!)
                "closing_stage" -> s.copy(closingStage = optId(json, key))
                "customer_can_close" -> s.copy(customerCanClose = json.getBoolean(key))
                "time_tracking" -> s.copy(timeTracking = json.getBoolean(key))
                "time_billing" -> s.copy(timeBilling = json.getBoolean(key))
                "ratings" -> s.copy(ratings = json.getBoolean(key))
                "public_ratings" -> s.copy(publicRatings = json.getBoolean(key))
                else -> throw AssertionError("unknown team setting $key")
            }
        }
        return s
    }

    // ---- arguments ----

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

    private fun id(a: JSONObject, key: String): Long = optId(a, key) ?: throw AssertionError("missing argument $key")
    private fun optId(a: JSONObject, key: String): Long? = if (a.has(key) && !a.isNull(key)) resolve(a.get(key)) else null
    private fun ids(a: JSONObject, key: String): List<Long>? =
        if (a.has(key) && !a.isNull(key)) a.getJSONArray(key).map { resolve(it) } else null
    private fun strings(a: JSONObject, key: String): List<String>? =
        if (a.has(key) && !a.isNull(key)) a.getJSONArray(key).map { it as String } else null
    /** A string argument; `"$name"` is a value bound by `bind_paths` (e.g. a coupon's code). */
    private fun optStr(a: JSONObject, key: String): String? {
        if (!a.has(key) || a.isNull(key)) return null
        val text = a.getString(key)
        return if (text.startsWith("$") && text.substring(1) in names) bound(text) as String else text
    }

    /** A decimal argument: the golden files write them as strings (`"199.99"`). */
    private fun optDec(a: JSONObject, key: String): BigDecimal? =
        if (a.has(key) && !a.isNull(key)) BigDecimal(a.get(key).toString()) else null
    private fun dec(a: JSONObject, key: String): BigDecimal = optDec(a, key) ?: throw AssertionError("missing argument $key")
    private fun optDate(a: JSONObject, key: String): LocalDate? =
        if (a.has(key) && !a.isNull(key)) LocalDate.parse(a.getString(key)) else null
    private fun objects(a: JSONObject, key: String): List<JSONObject> = a.getJSONArray(key).map { it as JSONObject }
    private fun optBool(a: JSONObject, key: String): Boolean? = if (a.has(key) && !a.isNull(key)) a.getBoolean(key) else null
    private fun optLong(a: JSONObject, key: String): Long? = if (a.has(key) && !a.isNull(key)) a.getLong(key) else null

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
     * kept, `"50.00"`), records of the binding as maps of their snake_case fields.
     */
    private fun normalise(value: Any?): Any? = when (value) {
        null -> null
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
