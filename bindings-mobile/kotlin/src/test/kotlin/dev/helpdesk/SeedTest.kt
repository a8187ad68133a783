package dev.helpdesk

import dev.helpdesk.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Test
import java.math.BigDecimal
import java.time.Instant

/** `Helpdesk.inMemory(clock, DeskOptions(seed = …))`: a seeded desk draws reproducible coupon codes, as in Python and Node. */
class SeedTest {
    /** The first coupon code a fresh desk seeded with [seed] draws. */
    private fun firstCode(seed: ULong): String {
        Helpdesk.inMemory(ManualClock(Instant.parse("2026-03-02T09:00:00Z")), DeskOptions(seed = seed)).use { desk ->
            val system = Actor.System
            val acme = desk.createCompany(system, NewCompany(name = "Acme")).id
            val carla = desk.createPartner(system, NewPartner(company = acme, name = "Carla")).id
            val team = desk.createTeam(
                system,
                NewTeam(company = acme, name = "Care", settings = defaultTeamSettings().copy(coupons = true)),
            ).id
            val ticket = desk.createTicket(system, NewTicket(team = team, subject = "Sorry", customer = carla)).id
            val program = desk.createCouponProgram(
                system,
                NewCouponProgram(
                    company = acme, name = "Sorry 10%", currency = "EUR",
                    reward = NewReward(kind = RewardKind.DISCOUNT, discountPercent = BigDecimal("10")),
                ),
            ).id
            return desk.generateCoupon(system, ticket, NewCoupon(program = program)).code
        }
    }

    @Test
    fun `desks seeded alike draw the same coupon codes`() {
        assertEquals(firstCode(7u), firstCode(7u))
        assertNotEquals(firstCode(7u), firstCode(8u))
    }
}
