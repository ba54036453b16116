import XCTest
@testable import ConcordCEL

final class ISOCodesTests: XCTestCase {

    func testCountryLookups() {
        XCTAssertEqual(ISOCodes.countryName("NO"), "Norway")
        XCTAssertEqual(ISOCodes.countryName("NOR"), "Norway")
        XCTAssertEqual(ISOCodes.countryName("UA"), "Ukraine")
        XCTAssertEqual(ISOCodes.countryName("CIV"), "Côte d'Ivoire")
        XCTAssertNil(ISOCodes.countryName("XX"))
        XCTAssertNil(ISOCodes.countryName("no"))
        XCTAssertNil(ISOCodes.countryName(""))
    }

    func testIsCountry() {
        XCTAssertTrue(ISOCodes.isCountry("NO"))
        XCTAssertTrue(ISOCodes.isCountry("NOR"))
        XCTAssertTrue(ISOCodes.isCountry("DK"))
        XCTAssertTrue(ISOCodes.isCountry("DNK"))
        XCTAssertFalse(ISOCodes.isCountry("XX"))
        XCTAssertFalse(ISOCodes.isCountry("no"), "case-sensitive")
        XCTAssertFalse(ISOCodes.isCountry("nor"), "case-sensitive")
        XCTAssertFalse(ISOCodes.isCountry("No"))
        XCTAssertFalse(ISOCodes.isCountry(""))
        XCTAssertFalse(ISOCodes.isCountry(" NO"))
        XCTAssertFalse(ISOCodes.isCountry("NORW"))
        XCTAssertFalse(ISOCodes.isCountry("578"), "numeric codes are not accepted")
        // U+212A KELVIN SIGN is canonically equivalent to "K" in Swift String equality.
        XCTAssertTrue(ISOCodes.isCountry("KE"))
        XCTAssertFalse(ISOCodes.isCountry("\u{212A}E"))
    }

    func testIsCurrency() {
        for code in ["EUR", "DKK", "UAH", "NOK", "USD", "CHF", "XAU", "XDR"] {
            XCTAssertTrue(ISOCodes.isCurrency(code), code)
        }
        for code in ["XYZ", "eur", "Eur", "EU", "EURO", "", "XTS", "XXX", "DEM", "FRF"] {
            XCTAssertFalse(ISOCodes.isCurrency(code), code)
        }
    }

    func testTablesAreConsistent() {
        XCTAssertGreaterThanOrEqual(ISOCodes.countryNamesByAlpha2.count, 249)
        XCTAssertEqual(ISOCodes.alpha3ToAlpha2.count, ISOCodes.countryNamesByAlpha2.count)
        XCTAssertGreaterThanOrEqual(ISOCodes.currencies.count, 150)
        for (alpha3, alpha2) in ISOCodes.alpha3ToAlpha2 {
            XCTAssertEqual(alpha3.utf8.count, 3)
            XCTAssertNotNil(ISOCodes.countryNamesByAlpha2[alpha2], alpha3)
            XCTAssertEqual(ISOCodes.countryName(alpha3), ISOCodes.countryName(alpha2))
        }
        for alpha2 in ISOCodes.countryNamesByAlpha2.keys {
            XCTAssertEqual(alpha2.utf8.count, 2)
            XCTAssertTrue(ISOCodes.isCountry(alpha2))
        }
        for code in ISOCodes.currencies {
            XCTAssertEqual(code.utf8.count, 3)
        }
        XCTAssertFalse(ISOCodes.sourceVersion.isEmpty)
    }
}
