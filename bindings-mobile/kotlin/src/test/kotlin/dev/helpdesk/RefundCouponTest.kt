package dev.helpdesk

import dev.helpdesk.core.*
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate

/** Commerce, refunds by credit note and coupons from Kotlin: types, defaults, refusals. */
class RefundCouponTest {
    private val clock = ManualClock(Instant.parse("2026-03-02T09:00:00Z"))
    private val desk = Helpdesk.inMemory(clock)
    private val system = Actor.System
    private val acme = desk.createCompany(system, NewCompany(name = "Acme")).id
    private fun staff(name: String, role: HelpdeskRole) = desk.createUser(
        system,
        NewUser(name = name, kind = UserKind.INTERNAL, role = role, companies = listOf(acme)),
    )
    private val asManager = Actor.User(staff("Mia", HelpdeskRole.MANAGER).id)
    private val agent = staff("Alice", HelpdeskRole.AGENT)
    private val asAgent = Actor.User(agent.id)
    private val carla = desk.createPartner(system, NewPartner(company = acme, name = "Carla"))
    private val care = desk.createTeam(
        asManager,
        NewTeam(
            company = acme,
            name = "Care",
            members = listOf(agent.id),
            settings = defaultTeamSettings().copy(refunds = true, coupons = true),
        ),
    )
    private val ticket = desk.createTicket(asAgent, NewTicket(team = care.id, subject = "Broken", customer = carla.id))
    private val vat = desk.createTax(system, NewTax(company = acme, name = "VAT 21%", percent = BigDecimal("21")))
    private val sales = desk.createJournal(
        system,
        NewJournal(company = acme, name = "Customer Invoices", code = "INV", kind = JournalKind.SALE),
    )

    @AfterEach
    fun close() = desk.close()

    /** Runs [block], expecting [T] with [code]; asserts the store is exactly as before. */
    private inline fun <reified T : HelpdeskException> rejected(code: String, crossinline block: () -> Unit): T {
        val before = desk.snapshot()
        val error = assertThrows<T> { block() }
        assertEquals(code, error.code())
        assertEquals(before, desk.snapshot(), "the store changed although the call failed")
        return error
    }

    /** A posted invoice for Carla: a printer (100.00) and two rollers (10.00), VAT 21 %. */
    private fun postedInvoice(): Invoice {
        val printer = desk.createProduct(
            system,
            NewProduct(company = acme, name = "Printer", tracking = Tracking.SERIAL, salePrice = BigDecimal("100.00"), taxes = listOf(vat.id)),
        )
        val roller = desk.createProduct(
            system,
            NewProduct(company = acme, name = "Roller", salePrice = BigDecimal("10.00"), taxes = listOf(vat.id)),
        )
        val draft = desk.createInvoice(
            system,
            NewInvoice(
                company = acme, customer = carla.id, journal = sales.id, currency = "EUR",
                date = LocalDate.parse("2026-03-01"),
                lines = listOf(
                    NewInvoiceLine(product = printer.id, quantity = BigDecimal.ONE),
                    NewInvoiceLine(product = roller.id, quantity = BigDecimal("2")),
                ),
            ),
        )
        return desk.postInvoice(system, draft.id)
    }

    private fun couponProgram() = desk.createCouponProgram(
        asManager,
        NewCouponProgram(
            company = acme, name = "Sorry 10%", currency = "EUR",
            reward = NewReward(kind = RewardKind.DISCOUNT, discountPercent = BigDecimal("10")),
        ),
    )

    @Test
    fun `products and invoices carry BigDecimal amounts, LocalDate dates and the core's defaults`() {
        val bare = desk.createProduct(system, NewProduct(company = acme, name = "Service"))
        assertEquals(Tracking.NONE, bare.tracking)
        assertEquals(0, BigDecimal.ZERO.compareTo(bare.salePrice))
        val invoice = postedInvoice()
        assertEquals(InvoiceKind.INVOICE, invoice.kind)
        assertEquals(InvoiceState.POSTED, invoice.state)
        assertEquals(PaymentState.NOT_PAID, invoice.paymentState)
        assertEquals("INV/2026/00001", invoice.number)
        assertEquals(LocalDate.of(2026, 3, 1), invoice.date)
        assertEquals(Currency(code = "EUR", decimals = 2u), invoice.currency)
        assertEquals(BigDecimal("120.00"), invoice.untaxed)
        assertEquals(BigDecimal("25.20"), invoice.tax)
        assertEquals(BigDecimal("145.20"), invoice.total)
        assertEquals(listOf(BigDecimal("121.00"), BigDecimal("24.20")), invoice.lines.map { it.total })
        assertNull(invoice.lines[0].reverses)
        // A date left out is today, on the desk's clock.
        val today = desk.createInvoice(
            system,
            NewInvoice(
                company = acme, customer = carla.id, journal = sales.id, currency = "JPY",
                lines = listOf(NewInvoiceLine(label = "Cable", quantity = BigDecimal("3"), unitPrice = BigDecimal("333"))),
            ),
        )
        assertEquals(LocalDate.of(2026, 3, 2), today.date)
        assertEquals(BigDecimal("999"), today.total)
        assertEquals(Currency(code = "XBT", decimals = 8u), desk.defineCurrency(system, "XBT", 8u))
    }

    @Test
    fun `a partial refund edits the credit note down, posts it, and leaves the rest refundable`() {
        val invoice = postedInvoice()
        assertEquals(listOf(BigDecimal("145.20")), desk.refundableInvoices(asAgent, ticket.id).map { it.remaining })
        val defaults = desk.refundDefaults(asAgent, ticket.id)
        assertEquals(LocalDate.of(2026, 3, 2), defaults.reversalDate)
        assertEquals("Helpdesk Ticket #1", defaults.reason)

        val draft = desk.reverseInvoice(asAgent, ticket.id, Reversal(invoice = invoice.id))
        assertEquals(InvoiceKind.CREDIT_NOTE, draft.kind)
        assertEquals(InvoiceState.DRAFT, draft.state)
        assertEquals(invoice.id, draft.reversedInvoice)
        assertEquals(listOf<UInt?>(0u, 1u), draft.lines.map { it.reverses })
        // Keep one roller: nothing of the printer, one of the two rollers.
        desk.updateCreditNoteLine(asAgent, draft.id, 0u, CreditLineUpdate(quantity = BigDecimal.ZERO))
        val edited = desk.updateCreditNoteLine(asAgent, draft.id, 1u, CreditLineUpdate(quantity = BigDecimal.ONE))
        assertEquals(BigDecimal("12.10"), edited.total)
        // Never more than the invoice line had.
        rejected<HelpdeskException.InvalidInput>("invalid_input") {
            desk.updateCreditNoteLine(asAgent, draft.id, 1u, CreditLineUpdate(quantity = BigDecimal("3")))
        }
        val posted = desk.postInvoice(asAgent, draft.id)
        assertEquals(InvoiceState.POSTED, posted.state)
        assertEquals("RINV/2026/00001", posted.number)

        val left = desk.refundableInvoices(asAgent, ticket.id, RefundFilter())
        assertEquals(listOf(invoice.id), left.map { it.invoice.id })
        assertEquals(BigDecimal("133.10"), left.single().remaining)
        assertEquals(listOf(posted.id), desk.ticketCreditNotes(asAgent, ticket.id).map { it.id })
        // A posted credit note is no longer edited.
        rejected<HelpdeskException.InvalidState>("invalid_state") {
            desk.updateCreditNoteLine(asAgent, posted.id, 1u, CreditLineUpdate(quantity = BigDecimal("0.5")))
        }
    }

    @Test
    fun `reverse and reinvoice on a later date is scheduled, then posted when due`() {
        val invoice = postedInvoice()
        val made = desk.reverseAndReinvoice(
            asAgent, ticket.id, Reversal(invoice = invoice.id, reversalDate = LocalDate.of(2026, 3, 4)),
        )
        assertEquals(InvoiceState.DRAFT, made.creditNote.state)
        assertEquals(LocalDate.of(2026, 3, 4), made.creditNote.scheduledPost)
        assertEquals(InvoiceState.DRAFT, made.invoice.state)
        assertEquals(emptyList<Invoice>(), desk.postDueCreditNotes(system))
        clock.advance(java.time.Duration.ofDays(2))
        // As of an earlier instant (the day before it is due), nothing yet.
        assertEquals(emptyList<Invoice>(), desk.postDueCreditNotes(system, clock.now().minus(java.time.Duration.ofDays(1))))
        assertEquals(listOf("RINV/2026/00001"), desk.postDueCreditNotes(system).map { it.number })
        assertEquals(PaymentState.REVERSED, desk.getInvoice(system, invoice.id).paymentState)
    }

    @Test
    fun `posting due credit notes as of an instant later than now is invalid input, and posts nothing`() {
        val invoice = postedInvoice()
        desk.reverseAndReinvoice(asAgent, ticket.id, Reversal(invoice = invoice.id, reversalDate = LocalDate.of(2026, 3, 4)))
        val ahead = rejected<HelpdeskException.InvalidInput>("invalid_input") {
            desk.postDueCreditNotes(system, clock.now().plus(java.time.Duration.ofDays(2)))
        }
        assertEquals("at", ahead.fields()["field"])
        assertEquals(listOf(InvoiceState.DRAFT), desk.ticketCreditNotes(asAgent, ticket.id).map { it.state })
    }

    @Test
    fun `a decimal the core cannot hold is invalid input, and nothing is written`() {
        // A BigDecimal is always a number; what the core refuses is one beyond its 28 digits.
        for (percent in listOf(BigDecimal("1e40"), BigDecimal("1e-40"))) {
            val error = rejected<HelpdeskException.InvalidInput>("invalid_input") {
                desk.createTax(system, NewTax(company = acme, name = "Odd", percent = percent))
            }
            assertEquals("decimal", error.fields()["field"])
        }
        // And the core's own rules on amounts.
        rejected<HelpdeskException.InvalidInput>("invalid_input") {
            desk.createProduct(system, NewProduct(company = acme, name = "Gift", salePrice = BigDecimal("-1")))
        }
        rejected<HelpdeskException.InvalidInput>("invalid_input") {
            desk.createTax(system, NewTax(company = acme, name = "Too much", percent = BigDecimal("100.5")))
        }
    }

    @Test
    fun `a coupon redeemed twice is coupon_used, an InvalidState`() {
        val program = couponProgram()
        assertEquals(RewardScope.ORDER, program.reward.scope)
        assertEquals(0, BigDecimal.ZERO.compareTo(program.reward.fixedAmount))
        assertEquals(1u, program.pointsPerUse)
        val coupon = desk.generateCoupon(asAgent, ticket.id, NewCoupon(program = program.id))
        assertEquals(carla.id, coupon.partner)
        assertEquals(1u, coupon.points)
        assertNull(coupon.validUntil)
        assertTrue(Regex("""[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-.""").matches(coupon.code), coupon.code)
        assertEquals(listOf(coupon.id), desk.ticketCoupons(asAgent, ticket.id).map { it.id })

        val redeemed = desk.redeemCoupon(system, Redemption(company = acme, code = coupon.code, partner = carla.id))
        assertEquals(0u, redeemed.coupon.points)
        assertEquals(BigDecimal("0"), redeemed.discount)
        val error = rejected<HelpdeskException.InvalidState>("coupon_used") {
            desk.redeemCoupon(system, Redemption(company = acme, code = coupon.code, partner = carla.id))
        }
        assertEquals("coupon_used", error.code)
        assertEquals(coupon.code, error.fields["typed"])
        assertTrue(error.fields["reason"]!!.isNotBlank())
        assertEquals(1u, desk.getCouponProgram(asAgent, program.id).used)
    }

    @Test
    fun `a mistyped code is coupon_mistyped, an InvalidInput, and an unknown one coupon_unknown`() {
        val coupon = desk.generateCoupon(asAgent, ticket.id, NewCoupon(program = couponProgram().id))
        val typo = (if (coupon.code[0] == '0') "1" else "0") + coupon.code.substring(1)
        val error = rejected<HelpdeskException.InvalidInput>("coupon_mistyped") {
            desk.redeemCoupon(system, Redemption(company = acme, code = typo))
        }
        assertEquals(typo, error.fields["typed"])
        rejected<HelpdeskException.InvalidInput>("coupon_unknown") {
            desk.redeemCoupon(system, Redemption(company = acme, code = "0000-0000-0000-0000-0"))
        }
        // Lower case and spaces are what customers type: still the coupon.
        val typed = coupon.code.lowercase().replace('-', ' ')
        val redeemed = desk.redeemCoupon(system, Redemption(company = acme, code = typed, partner = carla.id))
        assertEquals(coupon.id, redeemed.coupon.id)
    }

    @Test
    fun `a coupon is expired after its last day, e-mailed through the outbox, and shared by link`() {
        val program = desk.createCouponProgram(
            asManager,
            NewCouponProgram(
                company = acme, name = "25 off", currency = "EUR",
                reward = NewReward(kind = RewardKind.FIXED_AMOUNT, fixedAmount = BigDecimal("25")),
                conditions = RewardConditions(minimumAmount = BigDecimal("100")),
            ),
        )
        val printer = desk.createProduct(system, NewProduct(company = acme, name = "Printer", salePrice = BigDecimal("199.99")))
        val order = desk.createSaleOrder(
            system,
            NewSaleOrder(
                company = acme, customer = carla.id, currency = "EUR",
                lines = listOf(SaleOrderLine(product = printer.id, quantity = BigDecimal.ONE, unitPrice = BigDecimal("199.99"))),
            ),
        )
        assertEquals(SaleOrderState.DRAFT, order.state)
        assertEquals(SaleOrderState.CONFIRMED, desk.confirmSaleOrder(system, order.id).state)
        val coupon = desk.generateCoupon(
            asAgent, ticket.id, NewCoupon(program = program.id, points = 2u, validUntil = LocalDate.of(2026, 3, 3)),
        )
        assertEquals(LocalDate.of(2026, 3, 3), coupon.validUntil)

        val mail = desk.sendCoupon(asAgent, coupon.id)
        assertEquals(listOf(carla.id), mail.recipients)
        assertEquals("helpdesk.coupon", mail.template)
        val link = desk.couponShareLink(asAgent, coupon.id, "https://shop.example.com")
        assertTrue(link.startsWith("https://shop.example.com/coupon/") && link.endsWith("?r=%2Fshop"), link)
        rejected<HelpdeskException.InvalidInput>("invalid_input") { desk.couponShareLink(asAgent, coupon.id, "ftp://shop") }

        val redeemed = desk.redeemCoupon(
            system, Redemption(company = acme, code = coupon.code, partner = carla.id, saleOrder = order.id),
        )
        assertEquals(BigDecimal("25.00"), redeemed.discount)
        clock.advance(java.time.Duration.ofDays(2))
        rejected<HelpdeskException.InvalidState>("coupon_expired") {
            desk.redeemCoupon(system, Redemption(company = acme, code = coupon.code, partner = carla.id, saleOrder = order.id))
        }
    }
}
