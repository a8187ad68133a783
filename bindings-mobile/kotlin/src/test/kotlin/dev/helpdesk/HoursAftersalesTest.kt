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

/** Prepaid support hours, returns, repairs and field service from Kotlin: types, defaults, refusals. */
class HoursAftersalesTest {
    private val clock = ManualClock(Instant.parse("2026-03-02T09:00:00Z"))
    private val desk = Helpdesk.inMemory(clock)
    private val system = Actor.System
    private val acme = desk.createCompany(system, NewCompany(name = "Acme")).id
    private fun staff(name: String, role: HelpdeskRole) = desk.createUser(
        system,
        NewUser(name = name, kind = UserKind.INTERNAL, role = role, companies = listOf(acme)),
    )
    private val manager = staff("Mia", HelpdeskRole.MANAGER)
    private val asManager = Actor.User(manager.id)
    private val agent = staff("Alice", HelpdeskRole.AGENT)
    private val asAgent = Actor.User(agent.id)
    private val carla = desk.createPartner(
        system,
        NewPartner(company = acme, name = "Carla", address = "1 Main St, Brussels"),
    )
    private val portal = desk.createUser(
        system,
        NewUser(name = "Carla", kind = UserKind.PORTAL, companies = listOf(acme), partner = carla.id),
    )
    private val onSite = desk.createFieldServiceProject(
        asManager,
        NewFieldServiceProject(company = acme, name = "On site", worksheets = true, defaultWorksheetTemplate = "Printer check"),
    )
    private val team = desk.createTeam(
        asManager,
        NewTeam(
            company = acme,
            name = "Care",
            members = listOf(agent.id),
            settings = defaultTeamSettings().copy(
                timeTracking = true, timeBilling = true, returns = true, repairs = true,
                fieldService = true, fieldServiceProject = onSite.id,
            ),
        ),
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

    private fun ticket(subject: String, product: Long? = null) = desk.createTicket(
        asAgent,
        NewTicket(team = team.id, subject = subject, customer = carla.id, product = product),
    )

    @Test
    fun `fifty prepaid hours at 500 invoice 25000 and time in hours and days counts against them`() {
        val units = desk.listUnits(asAgent, acme).associateBy { it.name }
        val hours = units.getValue("Hours")
        val days = units.getValue("Days")
        assertEquals(BigDecimal("12.00"), desk.convertQuantity(asAgent, BigDecimal("1.5"), days.id, hours.id))
        val support = desk.createProduct(
            asManager,
            NewProduct(company = acme, name = "Technical Support", salePrice = BigDecimal("500"), servicePolicy = ServicePolicy.PREPAID),
        )
        assertEquals(hours.id, support.unit) // a service defaults to Hours
        val journal = desk.createJournal(system, NewJournal(company = acme, name = "Sales", code = "INV", kind = JournalKind.SALE))
        val order = desk.createSaleOrder(
            asManager,
            NewSaleOrder(
                company = acme, customer = carla.id, currency = "EUR", salesperson = manager.id,
                lines = listOf(SaleOrderLine(product = support.id, quantity = BigDecimal("50"), unitPrice = BigDecimal("500"))),
            ),
        )
        assertEquals(manager.id, order.salesperson)
        assertEquals(emptyList<UInt>(), order.upsellAlerted)
        desk.confirmSaleOrder(asManager, order.id)
        val invoice = desk.postInvoice(asManager, desk.invoiceSaleOrder(asManager, order.id, journal.id).id)
        assertEquals(BigDecimal("25000.00"), invoice.total)
        assertEquals(0u, invoice.lines[0].saleLine)

        // A new ticket of the customer is charged to the prepaid line.
        val first = ticket("Cannot log in")
        assertEquals(OrderLineRef(order = order.id, line = 0u), first.saleLine)
        val entry = desk.logTime(asAgent, first.id, NewTimeEntry(quantity = BigDecimal("10"), description = "Reset the SSO"))
        assertEquals(hours.id, entry.unit)
        assertEquals(agent.id, entry.agent)
        assertEquals(LocalDate.of(2026, 3, 2), entry.date)
        assertEquals(BigDecimal("10.00"), desk.ticketHours(asAgent, first.id).loggedHours)
        assertEquals(BigDecimal("40.00"), desk.ticketHours(asAgent, first.id).remainingHours)

        val second = ticket("Slow reports")
        desk.logTime(asAgent, second.id, NewTimeEntry(quantity = BigDecimal("2"), unit = days.id))
        val contract = desk.customerContracts(asAgent, acme, carla.id).single()
        assertEquals(ServicePolicy.PREPAID, contract.policy)
        assertEquals(BigDecimal("50"), contract.ordered)
        assertEquals(BigDecimal("26.00"), contract.delivered)
        assertEquals(BigDecimal("24.00"), contract.remainingHours)
        assertEquals(BigDecimal("50"), contract.invoiced)
        assertEquals(false, contract.upselling)

        // Overspent: the remaining hours go negative and the order is on the upsell list.
        desk.logTime(asAgent, second.id, NewTimeEntry(quantity = BigDecimal("25")))
        assertEquals(BigDecimal("-1.00"), desk.ticketHours(asAgent, second.id).remainingHours)
        assertEquals(listOf(order.id), desk.upsellOrders(asAgent, acme).map { it.id })
        val company = desk.setSupportHours(asManager, acme, SupportHoursUpdate(upsellThreshold = BigDecimal("120")))
        assertEquals(BigDecimal("120"), company.upsellThreshold)
    }

    @Test
    fun `returning more than was delivered is invalid input and changes nothing`() {
        val stock = desk.createLocation(asManager, NewLocation(company = acme, name = "WH/Stock", kind = LocationKind.INTERNAL))
        val customers = desk.createLocation(asManager, NewLocation(company = acme, name = "Customers", kind = LocationKind.CUSTOMER))
        val toner = desk.createProduct(asManager, NewProduct(company = acme, name = "Toner", salePrice = BigDecimal("30")))
        val delivery = desk.createDelivery(
            asManager,
            NewDelivery(
                company = acme, customer = carla.id, source = stock.id, destination = customers.id,
                lines = listOf(TransferLine(product = toner.id, quantity = BigDecimal("5"), lot = "L-7")),
            ),
        )
        assertEquals(TransferKind.DELIVERY, delivery.kind)
        assertEquals(TransferState.DONE, desk.validateTransfer(asManager, delivery.id).state)
        val ticket = ticket("Toner leaks")
        val returnable = desk.returnableDeliveries(asAgent, ticket.id).single()
        assertEquals(BigDecimal("5"), returnable.lines.single().returnable)

        val tooMany = ReturnRequest(delivery = delivery.id, lines = listOf(ReturnQuantity(line = 0u, quantity = BigDecimal("6"))))
        rejected<HelpdeskException.InvalidInput>("invalid_input") { desk.returnProducts(asAgent, ticket.id, tooMany) }

        val back = desk.returnProducts(
            asAgent, ticket.id,
            ReturnRequest(delivery = delivery.id, lines = listOf(ReturnQuantity(line = 0u, quantity = BigDecimal("2")))),
        )
        assertEquals(TransferKind.RETURN, back.kind)
        assertEquals(delivery.id, back.origin)
        assertEquals(0u, back.lines.single().returnsLine)
        assertEquals(listOf(back.id), desk.ticketReturns(asAgent, ticket.id).map { it.id })
        assertEquals(BigDecimal("3"), desk.returnableDeliveries(asAgent, ticket.id).single().lines.single().returnable)
    }

    @Test
    fun `a repair takes the ticket's facts and warranty zeroes its parts`() {
        val printer = desk.createProduct(
            asManager,
            NewProduct(company = acme, name = "Printer", tracking = Tracking.SERIAL, salePrice = BigDecimal("300")),
        )
        val roller = desk.createProduct(asManager, NewProduct(company = acme, name = "Roller", salePrice = BigDecimal("12.50")))
        val ticket = desk.createTicket(
            asAgent,
            NewTicket(team = team.id, subject = "Printer jams", customer = carla.id, product = printer.id, lot = "SN-42"),
        )
        val repair = desk.createRepair(asAgent, ticket.id)
        assertEquals(RepairState.NEW, repair.state)
        assertEquals(carla.id, repair.customer)
        assertEquals("SN-42", repair.lot)
        assertEquals(LocalDate.of(2026, 3, 2), repair.scheduledDate)
        val priced = desk.addRepairPart(asAgent, repair.id, NewRepairPart(product = roller.id, quantity = BigDecimal("2")))
        assertEquals(BigDecimal("12.50"), priced.parts.single().unitPrice)
        val warranty = desk.updateRepair(asAgent, repair.id, RepairUpdate(underWarranty = true, tags = listOf("urgent")))
        assertEquals(0, BigDecimal.ZERO.compareTo(warranty.parts.single().unitPrice))
        assertEquals(listOf("urgent"), warranty.tags)
        assertEquals(RepairState.CONFIRMED, desk.advanceRepair(asAgent, repair.id).state)
        assertEquals(SaleOrderState.DRAFT, desk.repairQuotation(asAgent, repair.id, "EUR").state)
        assertEquals(listOf(repair.id), desk.ticketRepairs(Actor.User(portal.id), ticket.id).map { it.id })
    }

    @Test
    fun `a worksheet template on a project without worksheets is invalid input`() {
        val plain = desk.createFieldServiceProject(asManager, NewFieldServiceProject(company = acme, name = "Plain"))
        val ticket = ticket("Printer jams")
        val error = rejected<HelpdeskException.InvalidInput>("invalid_input") {
            desk.createFieldServiceTask(
                asAgent, ticket.id,
                NewFieldServiceTask(project = plain.id, worksheetTemplate = "Printer check"),
            )
        }
        assertTrue(error.message().contains("Plain"), error.message())
    }

    @Test
    fun `a portal customer reads the field-service task of their ticket`() {
        val ticket = ticket("Printer jams")
        val task = desk.createFieldServiceTask(asAgent, ticket.id)
        assertEquals("Printer jams", task.title)
        assertEquals(onSite.id, task.project)
        assertEquals("1 Main St, Brussels", task.address)
        assertEquals("Printer check", task.worksheetTemplate)
        assertEquals(TaskStage.NEW, task.stage)
        desk.moveFieldServiceTask(asAgent, task.id, TaskStage.IN_PROGRESS)
        val asCarla = Actor.User(portal.id)
        val seen = desk.getFieldServiceTask(asCarla, task.id)
        assertEquals(TaskStage.IN_PROGRESS, seen.stage)
        assertEquals(listOf(task.id), desk.ticketFieldServiceTasks(asCarla, ticket.id).map { it.id })
        rejected<HelpdeskException.Forbidden>("forbidden") { desk.moveFieldServiceTask(asCarla, task.id, TaskStage.DONE) }
        // An empty address clears it; the task keeps the address it was planned with.
        assertNull(desk.updatePartner(system, carla.id, PartnerUpdate(address = "")).address)
        assertEquals("1 Main St, Brussels", desk.getFieldServiceTask(asAgent, task.id).address)
    }
}
