// Smoke tests of the Swift binding (run with `swift test` on a machine with a Swift toolchain;
// the thorough suite is the Kotlin one, which exercises the same generated scaffolding). The
// Swift is generated from the release build, without the Kotlin suite's test hooks.
import XCTest
import Helpdesk

final class HelpdeskTests: XCTestCase {
    func testEveryOperationIsListed() {
        XCTAssertTrue(operations().contains("create_ticket"))
    }

    func testCreateAndRead() throws {
        let clock = try ManualClock(start: Date(timeIntervalSince1970: 1_772_442_000))
        let desk = Helpdesk.inMemory(clock: clock)
        let acme = try desk.createCompany(actor: .system, input: NewCompany(name: "Acme"))
        XCTAssertEqual(try desk.getCompany(actor: .system, company: acme.id).name, "Acme")
    }

    func testErrorsAreTypedAndTheStoreUnchanged() throws {
        let desk = Helpdesk.inMemory()
        let before = try desk.snapshot()
        XCTAssertThrowsError(try desk.getTicket(actor: .system, ticket: 42)) { error in
            guard let error = error as? HelpdeskError, case .NotFound = error else {
                return XCTFail("expected HelpdeskError.NotFound, got \(error)")
            }
            XCTAssertEqual(error.code(), "not_found")
            guard case let .NotFound(_, message, _) = error else { return }
            XCTAssertEqual(error.message(), message)
        }
        XCTAssertEqual(try desk.snapshot(), before)
    }

    func testAnIdOutsideTheRangeIsInvalidInputNamingItsEntity() throws {
        let desk = Helpdesk.inMemory()
        for bad: Int64 in [0, -1, 9_007_199_254_740_992] {
            XCTAssertThrowsError(try desk.getTicket(actor: .system, ticket: bad)) { error in
                guard let error = error as? HelpdeskError, case .InvalidInput = error else {
                    return XCTFail("expected HelpdeskError.InvalidInput, got \(error)")
                }
                XCTAssertEqual(error.fields()["field"], "ticket")
            }
        }
    }

    func testCouponRefusalsKeepTheirOwnCode() throws {
        let desk = Helpdesk.inMemory()
        let acme = try desk.createCompany(actor: .system, input: NewCompany(name: "Acme"))
        let typo = Redemption(company: acme.id, code: "0000-0000-0000-0000-1")
        XCTAssertThrowsError(try desk.redeemCoupon(actor: .system, input: typo)) { error in
            guard let error = error as? HelpdeskError, case .InvalidInput = error else {
                return XCTFail("expected HelpdeskError.InvalidInput, got \(error)")
            }
            XCTAssertEqual(error.code(), "coupon_mistyped")
        }
    }

    func testUnitsOfMeasureConvertDaysToHours() throws {
        let desk = Helpdesk.inMemory()
        let acme = try desk.createCompany(actor: .system, input: NewCompany(name: "Acme"))
        // The core's `Unit` is `UnitOfMeasure` (Foundation has its own `Unit`).
        let units: [UnitOfMeasure] = try desk.listUnits(actor: .system, company: acme.id)
        let hours = try XCTUnwrap(units.first { $0.name == "Hours" })
        let days = try XCTUnwrap(units.first { $0.name == "Days" })
        let half = Decimal(string: "1.5", locale: Locale(identifier: "en_US_POSIX"))!
        let converted = try desk.convertQuantity(actor: .system, quantity: half, from: days.id, to: hours.id)
        XCTAssertEqual(converted, Decimal(12))
    }

    func testDurationsAreWholeSecondsBothWays() throws {
        let hours = [WorkingHours(weekday: .monday, start: "08:00", end: "17:00")]
        let calendar = try WorkingCalendar(spec: CalendarSpec(timeZone: "UTC", hours: hours, closures: []))
        let monday8 = Date(timeIntervalSince1970: 1_772_438_400) // 2026-03-02T08:00:00Z
        let monday10 = try calendar.addWorkingTime(start: monday8, duration: 7200)
        XCTAssertEqual(monday10, Date(timeIntervalSince1970: 1_772_445_600))
        XCTAssertEqual(try calendar.workingTimeBetween(a: monday10, b: monday8), -7200)
    }
}
