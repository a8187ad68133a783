// Smoke tests of the Swift binding (run with `swift test` on a machine with a Swift toolchain;
// the thorough suite is the Kotlin one, which exercises the same generated scaffolding).
import XCTest
import Helpdesk

final class HelpdeskTests: XCTestCase {
    func testEveryOperationIsListed() {
        XCTAssertTrue(operations().contains("create_ticket"))
    }

    func testCreateAndRead() throws {
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_772_442_000))
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
        }
        XCTAssertEqual(try desk.snapshot(), before)
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

    func testDecimalsAreExact() throws {
        let value = Decimal(string: "12.50", locale: Locale(identifier: "en_US_POSIX"))!
        XCTAssertEqual(try testOnlyDecimalRoundTrip(value: value), value)
    }

    func testAPanicIsAThrownError() {
        XCTAssertThrowsError(try testOnlyPanic(message: "boom"))
    }
}
