import XCTest
@testable import ConcordCEL

final class CalendarDateTests: XCTestCase {

    private func date(_ s: String, file: StaticString = #filePath, line: UInt = #line) throws -> CalendarDate {
        do {
            return try CalendarDate(parsing: s)
        } catch {
            XCTFail("\(error)", file: file, line: line)
            throw error
        }
    }

    // MARK: Parsing

    func testParsesThreePrecisions() throws {
        let y = try date("2023")
        XCTAssertEqual(y.precision, .year)
        XCTAssertEqual(y.year, 2023)
        XCTAssertNil(y.month)
        XCTAssertNil(y.day)

        let m = try date("2023-11")
        XCTAssertEqual(m.precision, .month)
        XCTAssertEqual(m.month, 11)
        XCTAssertNil(m.day)

        let d = try date("2023-11-30")
        XCTAssertEqual(d.precision, .day)
        XCTAssertEqual(d.year, 2023)
        XCTAssertEqual(d.month, 11)
        XCTAssertEqual(d.day, 30)
    }

    func testDescriptionRoundTrips() throws {
        for s in ["2023", "2023-11", "2023-11-30", "0001", "0001-01-01", "9999-12-31", "2024-02-29", "0999-02"] {
            let d = try date(s)
            XCTAssertEqual(d.description, s)
            XCTAssertEqual(try CalendarDate(parsing: d.description), d)
        }
    }

    func testLeapYears() throws {
        XCTAssertNotNil(CalendarDate.parse("2024-02-29"))
        XCTAssertNotNil(CalendarDate.parse("2000-02-29"))
        XCTAssertNil(CalendarDate.parse("2023-02-29"))
        XCTAssertNil(CalendarDate.parse("1900-02-29"))
        XCTAssertNil(CalendarDate.parse("2024-02-30"))
        XCTAssertEqual(try date("2024-02").end.day, 29)
        XCTAssertEqual(try date("2023-02").end.day, 28)
    }

    func testRejectsInvalid() {
        let bad = [
            "2023-02-29", "2023-13", "2023-00", "2023-1", "2023-11-1", "2023-11-00", "2023-04-31",
            "23", "", " 2023", "2023 ", "+2023", "-2023", "0000", "10000", "2023-11-30T00:00",
            "2023-11-30Z", "2023/11/30", "2023-11-", "2023--11", "２０２３", "2023-1a", "abcd",
            "20231130", "2023-11-30-01",
        ]
        for s in bad {
            XCTAssertThrowsError(try CalendarDate(parsing: s), s) { error in
                guard let e = error as? CalendarDateError else { return XCTFail("wrong error type for \(s)") }
                XCTAssertEqual(e.input, s)
                XCTAssertTrue(e.description.hasPrefix("invalid date \"\(s)\": "), e.description)
            }
        }
    }

    func testErrorMessages() {
        func message(_ s: String) -> String {
            do { _ = try CalendarDate(parsing: s); return "" } catch { return error.description }
        }
        XCTAssertEqual(message("2023-13"), "invalid date \"2023-13\": month must be between 01 and 12")
        XCTAssertEqual(message("2023-02-29"), "invalid date \"2023-02-29\": day must be between 01 and 28 in 2023-02")
        XCTAssertEqual(message("0000"), "invalid date \"0000\": year must be between 0001 and 9999")
        XCTAssertEqual(message("23"), "invalid date \"23\": expected YYYY, YYYY-MM or YYYY-MM-DD")
        XCTAssertEqual(message("2023-11-30T00:00"),
                       "invalid date \"2023-11-30T00:00\": expected YYYY, YYYY-MM or YYYY-MM-DD")
    }

    func testMemberwiseInitValidates() {
        XCTAssertThrowsError(try CalendarDate(year: 2023, month: nil, day: 5))
        XCTAssertThrowsError(try CalendarDate(year: 0))
        XCTAssertThrowsError(try CalendarDate(year: Int.max, month: Int.min, day: Int.max))
        XCTAssertThrowsError(try CalendarDate(year: 2023, month: 6, day: 31))
        XCTAssertNoThrow(try CalendarDate(year: 2023, month: 6, day: 30))
    }

    // MARK: Interval

    func testStartEnd() throws {
        let y = try date("2023")
        XCTAssertEqual(y.start, CalendarDate.Day(year: 2023, month: 1, day: 1))
        XCTAssertEqual(y.end, CalendarDate.Day(year: 2023, month: 12, day: 31))
        let m = try date("2023-11")
        XCTAssertEqual(m.start.description, "2023-11-01")
        XCTAssertEqual(m.end.description, "2023-11-30")
        let d = try date("2023-11-30")
        XCTAssertEqual(d.start, d.end)
    }

    func testEpochDays() throws {
        XCTAssertEqual(try date("1970-01-01").startEpochDay, 0)
        XCTAssertEqual(try date("1969-12-31").startEpochDay, -1)
        XCTAssertEqual(try date("2000-03-01").startEpochDay, 11_017)
        XCTAssertEqual(try date("0001-01-01").startEpochDay, CalendarDate.minEpochDay)
        XCTAssertEqual(try date("9999-12-31").endEpochDay, CalendarDate.maxEpochDay)
        let y = try date("2024")
        XCTAssertEqual(y.endEpochDay - y.startEpochDay + 1, 366)
        // Round trip through epoch days across the whole range, sampled.
        var day = CalendarDate.minEpochDay
        while day <= CalendarDate.maxEpochDay {
            guard let d = CalendarDate(epochDay: day) else { return XCTFail("no date for \(day)") }
            XCTAssertEqual(d.precision, .day)
            XCTAssertEqual(d.startEpochDay, day)
            XCTAssertEqual(CalendarDate.parse(d.description), d)
            day += 997
        }
        XCTAssertNil(CalendarDate(epochDay: CalendarDate.minEpochDay - 1))
        XCTAssertNil(CalendarDate(epochDay: CalendarDate.maxEpochDay + 1))
        XCTAssertNil(CalendarDate(epochDay: Int.min))
        XCTAssertNil(CalendarDate(epochDay: Int.max))
    }

    func testEpochDayFromUnixSeconds() throws {
        XCTAssertEqual(CalendarDate.epochDay(fromUnixSeconds: 0), 0)
        XCTAssertEqual(CalendarDate.epochDay(fromUnixSeconds: 86_399), 0)
        XCTAssertEqual(CalendarDate.epochDay(fromUnixSeconds: 86_400), 1)
        XCTAssertEqual(CalendarDate.epochDay(fromUnixSeconds: -1), -1)
        XCTAssertEqual(CalendarDate.epochDay(fromUnixSeconds: -86_400), -1)
        XCTAssertEqual(CalendarDate.epochDay(fromUnixSeconds: -86_401), -2)
        _ = CalendarDate.epochDay(fromUnixSeconds: Int64.min)
        _ = CalendarDate.epochDay(fromUnixSeconds: Int64.max)
        // 2023-11-30T12:00:00Z
        let noon = CalendarDate.epochDay(fromUnixSeconds: 1_701_345_600)
        XCTAssertEqual(CalendarDate(epochDay: noon)?.description, "2023-11-30")
        XCTAssertTrue(try date("2023-11").contains(epochDay: noon))
        XCTAssertFalse(try date("2023-12").contains(epochDay: noon))
    }

    // MARK: Comparisons

    func testBriefExamples() throws {
        XCTAssertTrue(CalendarDate.lessOrEqual(try date("2023-11"), try date("2023-11-15")))
        XCTAssertFalse(CalendarDate.lessOrEqual(try date("2023-12"), try date("2023-11-15")))
        // Possible, not certain: the operator is true.
        XCTAssertTrue(CalendarDate.lessThan(try date("2023"), try date("2023-05")))
        XCTAssertFalse(try date("2023").isCertainlyBefore(try date("2023-05")))
        XCTAssertTrue(CalendarDate.lessOrEqual(try date("2023"), try date("2023-01-01")))
        XCTAssertFalse(CalendarDate.lessOrEqual(try date("2024"), try date("2023-12-31")))
    }

    func testYearVersusDayBoundaries() throws {
        let y2023 = try date("2023")
        let jan1 = try date("2023-01-01")
        let dec31 = try date("2023-12-31")
        let y2024 = try date("2024")
        // <=
        XCTAssertTrue(CalendarDate.lessOrEqual(y2023, jan1))
        XCTAssertTrue(CalendarDate.lessOrEqual(dec31, y2023))
        XCTAssertTrue(CalendarDate.lessOrEqual(dec31, y2024))
        XCTAssertFalse(CalendarDate.lessOrEqual(y2024, dec31))
        // <
        XCTAssertFalse(CalendarDate.lessThan(y2023, jan1), "no day of 2023 is before 2023-01-01")
        XCTAssertTrue(CalendarDate.lessThan(jan1, y2023))
        XCTAssertFalse(CalendarDate.lessThan(dec31, y2023), "no day of 2023 is after 2023-12-31")
        XCTAssertTrue(CalendarDate.lessThan(y2023, dec31))
        XCTAssertTrue(CalendarDate.lessThan(dec31, y2024))
        // > and >= mirror
        XCTAssertTrue(CalendarDate.greaterOrEqual(jan1, y2023))
        XCTAssertFalse(CalendarDate.greaterOrEqual(dec31, y2024))
        XCTAssertTrue(CalendarDate.greaterThan(y2024, dec31))
        XCTAssertFalse(CalendarDate.greaterThan(jan1, y2023))
        XCTAssertTrue(CalendarDate.greaterThan(dec31, y2023))
    }

    func testEqualPrecisionIsOrdinaryOrderForDays() throws {
        let a = try date("2023-11-14")
        let b = try date("2023-11-15")
        XCTAssertTrue(CalendarDate.lessThan(a, b))
        XCTAssertTrue(CalendarDate.lessOrEqual(a, b))
        XCTAssertFalse(CalendarDate.greaterThan(a, b))
        XCTAssertFalse(CalendarDate.greaterOrEqual(a, b))
        XCTAssertFalse(CalendarDate.lessThan(b, a))
        XCTAssertFalse(CalendarDate.lessThan(a, a))
        XCTAssertTrue(CalendarDate.lessOrEqual(a, a))
        XCTAssertTrue(CalendarDate.greaterOrEqual(a, a))
        XCTAssertFalse(CalendarDate.greaterThan(a, a))
        XCTAssertTrue(CalendarDate.equal(a, a))
        XCTAssertTrue(CalendarDate.notEqual(a, b))
    }

    func testEqualPrecisionMonthsAndYears() throws {
        let oct = try date("2023-10")
        let nov = try date("2023-11")
        XCTAssertTrue(CalendarDate.lessThan(oct, nov))
        XCTAssertTrue(CalendarDate.lessOrEqual(oct, nov))
        XCTAssertFalse(CalendarDate.lessOrEqual(nov, oct))
        XCTAssertFalse(CalendarDate.lessThan(nov, oct))
        XCTAssertTrue(CalendarDate.lessOrEqual(nov, nov))
        // Two unknown days of the same month may be in either order.
        XCTAssertTrue(CalendarDate.lessThan(nov, nov))
        XCTAssertTrue(CalendarDate.greaterThan(nov, nov))
        XCTAssertTrue(CalendarDate.lessThan(try date("2023"), try date("2023")))
        XCTAssertFalse(CalendarDate.lessOrEqual(try date("2024"), try date("2023")))
        XCTAssertTrue(CalendarDate.equal(nov, nov))
        XCTAssertFalse(CalendarDate.notEqual(nov, nov))
    }

    func testEqualityIsStructural() throws {
        let m = try date("2023-11")
        let d = try date("2023-11-15")
        XCTAssertFalse(CalendarDate.equal(m, d))
        XCTAssertTrue(CalendarDate.notEqual(m, d))
        XCTAssertTrue(m.mayEqual(d))
        XCTAssertFalse(try date("2023-11-01") == date("2023-11"))
        XCTAssertEqual(Set([m, try date("2023-11"), d]).count, 2)
    }

    func testCompareRelation() throws {
        XCTAssertEqual(CalendarDate.compare(try date("2023-11"), try date("2023-11")), .equal)
        XCTAssertEqual(CalendarDate.compare(try date("2023-11"), try date("2023-11-15")), .overlapping)
        XCTAssertEqual(CalendarDate.compare(try date("2023"), try date("2023-11")), .overlapping)
        XCTAssertEqual(CalendarDate.compare(try date("2023-10"), try date("2023-11-15")), .certainlyBefore)
        XCTAssertEqual(CalendarDate.compare(try date("2024"), try date("2023-12-31")), .certainlyAfter)
        XCTAssertTrue(try date("2023-12").isCertainlyAfter(try date("2023-11-15")))
        XCTAssertFalse(try date("2023-12").mayEqual(try date("2023-11-15")))
    }

    /// The defining properties, checked exhaustively over a small mixed set.
    func testOperatorLaws() throws {
        let samples = try ["2022", "2023", "2024", "2023-01", "2023-02", "2023-12", "2024-02",
                           "2022-12-31", "2023-01-01", "2023-01-31", "2023-02-28", "2023-12-31",
                           "2024-01-01", "2024-02-29"].map { try date($0) }
        for a in samples {
            for b in samples {
                let ctx = "\(a) vs \(b)"
                XCTAssertEqual(CalendarDate.lessOrEqual(a, b), !a.isCertainlyAfter(b), ctx)
                XCTAssertEqual(CalendarDate.greaterOrEqual(a, b), !a.isCertainlyBefore(b), ctx)
                XCTAssertEqual(CalendarDate.lessThan(a, b), a.startEpochDay < b.endEpochDay, ctx)
                XCTAssertEqual(CalendarDate.greaterThan(a, b), CalendarDate.lessThan(b, a), ctx)
                XCTAssertEqual(CalendarDate.notEqual(a, b), !CalendarDate.equal(a, b), ctx)
                if CalendarDate.equal(a, b) { XCTAssertTrue(a.mayEqual(b), ctx) }
                if a.precision == .day && b.precision == .day {
                    XCTAssertEqual(CalendarDate.lessThan(a, b), a.start < b.start, ctx)
                    XCTAssertEqual(CalendarDate.lessOrEqual(a, b), a.start <= b.start, ctx)
                }
                // Certainty never contradicts: both certainly-before and certainly-after is impossible.
                XCTAssertFalse(a.isCertainlyBefore(b) && a.isCertainlyAfter(b), ctx)
            }
        }
    }

    func testSortOrder() throws {
        let sorted = try ["2023", "2023-01", "2023-01-01", "2023-01-02", "2023-02", "2024"].map { try date($0) }
        XCTAssertEqual(sorted.shuffled().sorted(by: CalendarDate.sortsBefore), sorted)
    }
}
