// A whole helpdesk scenario from Kotlin, on the embedded SQLite store — the same as
// examples/quickstart.rs: a company, a portal-visible team and a private one, agents, a portal
// customer submitting a ticket, replies and internal notes, stage moves to Solved, what the
// customer and another agent can and cannot see, and the outbox. Then a team with automatic
// assignment (round robin between two agents) and an SLA policy whose deadline shows on a ticket.
// Last, refunds and coupons: the host records a tax, products, a sale journal and a posted
// invoice for the customer; an agent reverses it from a ticket, edits one line down (a partial
// refund), posts the credit note, and gives the customer a coupon. And after-sales: ten hours of
// prepaid support sold to the customer, time logged on a ticket charged to them, a repair under
// warranty and an on-site visit.
//
// Compiled and run by `make -C bindings-mobile test` (with the generated bindings, packages
// dev.helpdesk and dev.helpdesk.core, and the native library on jna.library.path). See README.md.

package dev.helpdesk.examples

import dev.helpdesk.Helpdesk
import dev.helpdesk.NewCouponProgram
import dev.helpdesk.NewProduct
import dev.helpdesk.NewReward
import dev.helpdesk.NewSlaPolicy
import dev.helpdesk.NewTeam
import dev.helpdesk.NewTicket
import dev.helpdesk.NewUser
import dev.helpdesk.TicketQuery
import dev.helpdesk.core.Actor
import dev.helpdesk.core.CreditLineUpdate
import dev.helpdesk.core.HelpdeskException
import dev.helpdesk.core.HelpdeskRole
import dev.helpdesk.core.JournalKind
import dev.helpdesk.core.NewCompany
import dev.helpdesk.core.NewCoupon
import dev.helpdesk.core.NewFieldServiceProject
import dev.helpdesk.core.NewInvoice
import dev.helpdesk.core.NewInvoiceLine
import dev.helpdesk.core.NewJournal
import dev.helpdesk.core.NewPartner
import dev.helpdesk.core.NewRepair
import dev.helpdesk.core.NewSaleOrder
import dev.helpdesk.core.NewTax
import dev.helpdesk.core.NewTimeEntry
import dev.helpdesk.core.Priority
import dev.helpdesk.core.Reversal
import dev.helpdesk.core.RewardKind
import dev.helpdesk.core.SaleOrderLine
import dev.helpdesk.core.ServicePolicy
import dev.helpdesk.core.StageUpdate
import dev.helpdesk.core.Submission
import dev.helpdesk.core.TeamSettingsPatch
import dev.helpdesk.core.TeamUpdate
import dev.helpdesk.core.Tracking
import dev.helpdesk.core.UserKind
import dev.helpdesk.core.Visibility
import dev.helpdesk.core.Within
import dev.helpdesk.defaultTeamSettings
import dev.helpdesk.version
import java.io.File
import java.math.BigDecimal
import java.time.Duration

fun main() {
    val path = File(System.getProperty("java.io.tmpdir"), "helpdesk-quickstart-kotlin.sqlite")
    for (suffix in listOf("", "-wal", "-shm")) File(path.path + suffix).delete()

    Helpdesk.open(path.path).use { desk ->
        println("helpdesk ${version()} on $path")

        // The host sets up the directory as the system actor.
        val system = Actor.System
        val acme = desk.createCompany(system, NewCompany(name = "Acme Inc."))
        fun staff(name: String, role: HelpdeskRole) = NewUser(
            name = name,
            email = "${name.lowercase()}@acme.example",
            kind = UserKind.INTERNAL,
            role = role,
            companies = listOf(acme.id),
        )
        val manager = desk.createUser(system, staff("Mia", HelpdeskRole.MANAGER))
        val alice = desk.createUser(system, staff("Alice", HelpdeskRole.AGENT))
        val bob = desk.createUser(system, staff("Bob", HelpdeskRole.AGENT))
        val customer = desk.createPartner(
            system,
            NewPartner(company = acme.id, name = "Carla Customer", email = "carla@example.com"),
        )
        val carla = desk.createUser(
            system,
            NewUser(
                name = "Carla",
                email = customer.email,
                kind = UserKind.PORTAL,
                companies = listOf(acme.id),
                partner = customer.id,
            ),
        )

        // The manager configures two teams: one on the portal, one private.
        val asManager = Actor.User(manager.id)
        fun team(name: String, visibility: Visibility, members: List<Long>) = NewTeam(
            company = acme.id,
            name = name,
            description = "$name questions",
            visibility = visibility,
            members = members,
        )
        val support = desk.createTeam(asManager, team("Customer Care", Visibility.PORTAL, listOf(alice.id, bob.id)))
        val payroll = desk.createTeam(asManager, team("Payroll", Visibility.INVITED_INTERNAL, listOf(alice.id)))
        val stages = desk.listStages(asManager, support.id)
        println("team \"${support.name}\" stages: ${stages.map { it.name }}")
        val inProgress = stages[1]
        val solved = stages[2]
        desk.updateStage(asManager, solved.id, StageUpdate(emailTemplate = "helpdesk.ticket_solved"))

        // The customer submits a ticket through the portal form.
        val asCarla = Actor.User(carla.id)
        val ticket = desk.submitTicket(
            asCarla,
            Submission(team = support.id, subject = "My printer eats paper", description = "Since Monday."),
        )
        println("Carla submitted ${ticket.reference} \"${ticket.subject}\"")

        // Alice takes it, notes and replies, and solves it.
        val asAlice = Actor.User(alice.id)
        desk.assignTicket(asAlice, ticket.id, alice.id)
        desk.moveTicket(asAlice, ticket.id, inProgress.id)
        desk.addInternalNote(asAlice, ticket.id, "Model 3000: known roller issue.")
        desk.replyToTicket(asAlice, ticket.id, "We are sending a new roller.")
        desk.replyToTicket(asCarla, ticket.id, "Thank you!")
        val closed = desk.moveTicket(asAlice, ticket.id, solved.id)
        println("${closed.reference} is now \"${solved.name}\", closed at ${closed.closedAt}")

        // A private payroll ticket.
        val private = desk.createTicket(
            asAlice,
            NewTicket(team = payroll.id, subject = "Salary review", priority = Priority.HIGH),
        )

        // What each person sees.
        for ((name, actor) in listOf("Carla" to asCarla, "Bob" to Actor.User(bob.id), "Mia" to asManager)) {
            val page = desk.listTickets(actor, TicketQuery())
            println("$name sees ${page.tickets.map { it.reference }}")
        }
        val carlaView = desk.listMessages(asCarla, ticket.id)
        println("Carla reads ${carlaView.size} messages (internal notes hidden): ${carlaView.map { it.body }}")
        try {
            desk.getTicket(Actor.User(bob.id), private.id)
            println("Bob unexpectedly sees the payroll ticket")
        } catch (error: HelpdeskException.NotFound) {
            println("Bob opens ${private.reference}: ${error.detail} (${error.code})")
        }
        try {
            desk.moveTicket(asCarla, ticket.id, inProgress.id)
            println("Carla unexpectedly moved the ticket")
        } catch (error: HelpdeskException) {
            println("Carla tries to reopen: ${error.message()} (${error.code()})")
        }

        // The host drains the outbox: it sends, then acknowledges.
        val outbox = desk.pendingOutbox(system, 100u)
        for (message in outbox) {
            println("outbox #${message.id}: ${message.kind} to ${message.recipients}: ${message.subject}")
        }
        val sent = desk.acknowledgeOutbox(system, outbox.map { it.id })
        println("acknowledged $sent outbox messages; ${desk.pendingOutbox(system, 100u).size} left")

        // A team that hands new tickets out by itself (round robin between Alice and Bob), with
        // a first-response SLA on urgent tickets: reach "In Progress" within 4 working hours.
        val hardware = desk.createTeam(
            asManager,
            NewTeam(
                company = acme.id,
                name = "Hardware",
                members = listOf(alice.id, bob.id),
                settings = defaultTeamSettings().copy(autoAssignment = true, useSla = true),
            ),
        )
        val policy = desk.createSlaPolicy(
            asManager,
            NewSlaPolicy(
                team = hardware.id,
                name = "First response",
                priority = Priority.URGENT,
                targetStage = desk.listStages(asManager, hardware.id)[1].id,
                within = Within(days = BigDecimal.ZERO, hours = BigDecimal(4)),
            ),
        )
        val agents = mapOf(alice.id to alice.name, bob.id to bob.name)
        val batch = desk.createTickets(
            system,
            listOf("Scanner jammed", "Screen flickers", "Fan noise").map { NewTicket(team = hardware.id, subject = it) },
        )
        println("Hardware tickets assigned round robin: ${batch.map { "${it.reference} -> ${agents[it.assignee]}" }}")
        val urgent = desk.createTicket(
            system,
            NewTicket(team = hardware.id, subject = "Server room is flooding", priority = Priority.URGENT),
        )
        val deadline = urgent.slaDeadline
        println(
            "${urgent.reference} (urgent) goes to ${agents[urgent.assignee]}; \"${policy.name}\" due at $deadline, " +
                "${deadline?.let { Duration.between(urgent.createdAt, it) }} after creation",
        )

        // Refunds and coupons. The host records what its ERP holds: a tax, two products, a sale
        // journal, and Carla's posted invoice (a printer and two rollers).
        val refunds = desk.createTeam(
            asManager,
            NewTeam(
                company = acme.id,
                name = "After-sales",
                members = listOf(alice.id),
                settings = defaultTeamSettings().copy(refunds = true, coupons = true),
            ),
        )
        val vat = desk.createTax(system, NewTax(company = acme.id, name = "VAT 21%", percent = BigDecimal("21")))
        fun product(name: String, price: String) = desk.createProduct(
            system,
            NewProduct(company = acme.id, name = name, tracking = Tracking.SERIAL, salePrice = BigDecimal(price), taxes = listOf(vat.id)),
        )
        val printer = product("Printer 3000", "249.00")
        val roller = product("Spare roller", "12.50")
        val journal = desk.createJournal(
            system,
            NewJournal(company = acme.id, name = "Customer Invoices", code = "INV", kind = JournalKind.SALE),
        )
        val draftInvoice = desk.createInvoice(
            system,
            NewInvoice(
                company = acme.id,
                customer = customer.id,
                journal = journal.id,
                currency = "EUR",
                lines = listOf(
                    NewInvoiceLine(product = printer.id, quantity = BigDecimal.ONE),
                    NewInvoiceLine(product = roller.id, quantity = BigDecimal("2")),
                ),
            ),
        )
        val invoice = desk.postInvoice(system, draftInvoice.id)
        println("${invoice.number} for Carla: ${invoice.total} ${invoice.currency.code} (dated ${invoice.date})")

        // From a ticket, Alice refunds one of the two rollers: she reverses the invoice, edits the
        // draft credit note down (nothing of the printer, one roller), and posts it.
        val complaint = desk.createTicket(
            asAlice,
            NewTicket(team = refunds.id, subject = "One roller was broken", customer = customer.id),
        )
        val draft = desk.reverseInvoice(asAlice, complaint.id, Reversal(invoice = invoice.id))
        desk.updateCreditNoteLine(asAlice, draft.id, 0u, CreditLineUpdate(quantity = BigDecimal.ZERO))
        desk.updateCreditNoteLine(asAlice, draft.id, 1u, CreditLineUpdate(quantity = BigDecimal.ONE))
        val creditNote = desk.postInvoice(asAlice, draft.id)
        println("${creditNote.number} (${creditNote.reference}): ${creditNote.total} EUR refunded")
        val left = desk.refundableInvoices(asAlice, complaint.id).map { "${it.invoice.number}: ${it.remaining}" }
        println("still refundable: $left")

        // And gives Carla a coupon for her trouble.
        val program = desk.createCouponProgram(
            asManager,
            NewCouponProgram(
                company = acme.id,
                name = "Sorry: 10% off",
                currency = "EUR",
                reward = NewReward(kind = RewardKind.DISCOUNT, discountPercent = BigDecimal.TEN),
            ),
        )
        val coupon = desk.generateCoupon(asAlice, complaint.id, NewCoupon(program = program.id))
        desk.sendCoupon(asAlice, coupon.id)
        println("coupon ${coupon.code} e-mailed to Carla")

        // Ten hours of prepaid support sold to Carla; time logged on a ticket is charged to them.
        val onSite = desk.createFieldServiceProject(asManager, NewFieldServiceProject(company = acme.id, name = "On-site visits"))
        // Only what changes: the settings made above stay as they are.
        desk.updateTeam(
            asManager,
            support.id,
            TeamUpdate(
                settings = TeamSettingsPatch(
                    timeTracking = true, timeBilling = true, repairs = true,
                    fieldService = true, fieldServiceProject = onSite.id,
                ),
            ),
        )
        val technicalSupport = desk.createProduct(
            system,
            NewProduct(company = acme.id, name = "Technical Support", salePrice = BigDecimal("80"), servicePolicy = ServicePolicy.PREPAID),
        )
        val order = desk.createSaleOrder(
            system,
            NewSaleOrder(
                company = acme.id,
                customer = customer.id,
                currency = "EUR",
                lines = listOf(SaleOrderLine(product = technicalSupport.id, quantity = BigDecimal("10"), unitPrice = BigDecimal("80"))),
                salesperson = manager.id,
            ),
        )
        desk.confirmSaleOrder(system, order.id)
        val visit = desk.createTicket(
            asAlice,
            NewTicket(
                team = support.id,
                subject = "Set up the network printer",
                customer = customer.id,
                product = printer.id,
                lot = "SN-3000-42",
            ),
        )
        desk.logTime(asAlice, visit.id, NewTimeEntry(quantity = BigDecimal("1.5"), description = "Remote diagnosis"))
        val hours = desk.ticketHours(asAlice, visit.id)
        println("${visit.reference}: ${hours.loggedHours} h logged on ${order.reference}, ${hours.remainingHours} h left on the contract")

        // The printer goes for repair under warranty, and a technician visits.
        val repair = desk.createRepair(asAlice, visit.id, NewRepair(underWarranty = true))
        val task = desk.createFieldServiceTask(asAlice, visit.id)
        println("repair ${repair.reference} of serial ${repair.lot}; field-service task \"${task.title}\" in ${onSite.name}")
    }
}
