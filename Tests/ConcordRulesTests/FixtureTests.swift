import ConcordDiagnostics
import Foundation
import XCTest
@testable import ConcordRules

/// Each folder under `Tests/Fixtures/datasets/` is a small dataset with one kind of problem
/// planted; each test checks it with the shipped `Rules/` and asserts the exact diagnostics:
/// rule id, severity, file, start and end line:column, message, and related places.
/// A diagnostic is written `rule severity file:line:col-endLine:endCol message`, followed by
/// ` | related file:line:col message` for each related place; files are relative to the fixture.
final class FixtureTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rules = packageRoot.appendingPathComponent("Rules").path

    static func render(_ d: Diagnostic, relativeTo folder: String) -> String {
        func relative(_ file: String) -> String {
            file.hasPrefix(folder + "/") ? String(file.dropFirst(folder.count + 1)) : file
        }
        func position(_ l: SourceLocation) -> String {
            guard let r = l.range else { return relative(l.file) }
            return "\(relative(l.file)):\(r.start.line):\(r.start.column)"
        }
        var text = "\(d.ruleID) \(d.severity.rawValue) \(position(d.location))"
        if let r = d.location.range { text += "-\(r.end.line):\(r.end.column)" }
        text += " \(d.message)"
        for related in d.related { text += " | related \(position(related.location)) \(related.message)" }
        return text
    }

    static func check(_ path: String) -> CheckResult {
        CheckSession.run(CheckRequest(paths: [path], rulePaths: [rules]))
    }

    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted {
            let a = ($0.location.file, $0.location.range?.start.line ?? 0, $0.location.range?.start.column ?? 0, $0.ruleID)
            let b = ($1.location.file, $1.location.range?.start.line ?? 0, $1.location.range?.start.column ?? 0, $1.ruleID)
            return a < b
        }
    }

    func expect(_ fixture: String, files: Int, records: Int, _ expected: [String],
                file: StaticString = #filePath, line: UInt = #line) {
        let folder = Self.packageRoot.appendingPathComponent("Tests/Fixtures/datasets/\(fixture)").path
        let result = Self.check(folder)
        XCTAssertFalse(result.configurationFailed, "the rule pack loads", file: file, line: line)
        let actual = Self.sorted(result.report.diagnostics).map { Self.render($0, relativeTo: folder) }
        XCTAssertEqual(actual, expected, file: file, line: line)
        XCTAssertEqual(result.report.statistics.files, files, "files", file: file, line: line)
        XCTAssertEqual(result.report.statistics.records, records, "records", file: file, line: line)
        let errors = expected.contains { $0.split(separator: " ").dropFirst().first == "error" }
        XCTAssertEqual(result.exitCode(failOn: .error), errors ? 1 : 0, "exit code", file: file, line: line)
    }

    /// A financial amount without its currency.
    func testAmountWithoutCurrency() {
        expect("amount-without-currency", files: 3, records: 5, [
            "amount-has-currency error pledges.yaml:7:13-7:30 the amount of pledge nl-it-coalition-2024-01 has no currency",
        ])
    }

    /// A member `UK` (not ISO 3166-1; the code is GB) and a donor `DN`.
    func testBadCountry() {
        expect("bad-country", files: 3, records: 5, [
            "member-codes-valid error coalitions.yaml:11:9-11:13 member UK is not an ISO 3166-1 country code",
            "donor-code-valid error pledges.yaml:16:12-16:16 donor DN is not an ISO 3166-1 country code",
        ])
    }

    /// `DKR` is not ISO 4217 (the code is DKK); no second report from the rate rules.
    func testBadCurrency() {
        expect("bad-currency", files: 3, records: 5, [
            "currency-code-valid error pledges.yaml:20:41-20:44 currency DKR is not an ISO 4217 code",
        ])
    }

    /// The base dataset every other fixture breaks once: nothing to report.
    func testClean() {
        expect("clean", files: 3, records: 5, [])
    }

    /// member_count says 4; five members are listed.
    func testCountMismatch() {
        expect("count-mismatch", files: 3, records: 5, [
            "member-count-matches error coalitions.yaml:13:19-13:20 member_count is 4 but 5 members are listed | related coalitions.yaml:8:7 `members` is here",
        ])
    }

    /// A member joins before the founding, a delivery precedes its announcement, a period runs backwards, a source predates the pledge.
    func testDatesOutOfOrder() {
        expect("dates-out-of-order", files: 3, records: 5, [
            "member-joined-after-founded error coalitions.yaml:12:33-12:42 NL joined it-coalition on 2023-05, before it was founded (2023-06-15) | related coalitions.yaml:14:14 `founded` is here",
            "pledge-source-after-announced error pledges.yaml:13:20-13:32 source published 2024-01-22 predates the announcement of nl-it-coalition-2024-01 (2024-01-23) | related pledges.yaml:8:16 `announced` is here",
            "announced-before-delivered error pledges.yaml:36:16-36:28 pledge nl-f16-2023-12 is delivered on 2023-12-01, before it was announced (2023-12-22) | related pledges.yaml:35:16 `announced` is here",
            "period-in-order error pledges.yaml:37:20-37:26 period of pledge nl-f16-2023-12 runs from 2025 to 2024-12; it ends before it starts | related pledges.yaml:37:32 `to` is here",
        ])
    }

    /// Denmark pledges in the IT coalition without being a member (a warning).
    func testDonorNotMember() {
        expect("donor-not-member", files: 3, records: 5, [
            "donor-is-coalition-member warning pledges.yaml:16:12-16:16 donor DK is not a member of it-coalition | related coalitions.yaml:8:7 `members` is here",
        ])
    }

    /// Two pledge files use the same pledge id; the later file is blamed.
    func testDuplicateIdAcrossFiles() {
        expect("duplicate-id-across-files", files: 4, records: 6, [
            "pledge-ids-unique error reported-pledges.yaml:2:9-2:32 pledge id nl-it-coalition-2024-01 is used more than once | related pledges.yaml:2:9 first used here",
        ])
    }

    /// Estonia is listed twice (once as a mapping, once as a code).
    func testDuplicateMember() {
        expect("duplicate-member", files: 3, records: 5, [
            "members-unique error coalitions.yaml:12:9-12:13 EE is listed more than once among the members of it-coalition",
        ])
    }

    /// An item with quantity 0 (an item without quantity is fine).
    func testInKindQuantities() {
        expect("in-kind-quantities", files: 3, records: 5, [
            "item-quantity-positive error pledges.yaml:34:49-34:50 item F-16 fighter aircraft has quantity 0; a quantity is greater than zero",
        ])
    }

    /// Latvia leads the IT coalition but is not among its members.
    func testLeaderNotMember() {
        expect("leader-not-member", files: 3, records: 5, [
            "leaders-are-members error coalitions.yaml:6:21-6:25 leader LV is not a member of it-coalition | related coalitions.yaml:8:7 `members` is here",
        ])
    }

    /// Funding that is not a donation: an unknown funding, a sale of money carrying amount_eur,
    /// an unfunded pledge with a delivery date.
    func testNotADonation() {
        expect("not-a-donation", files: 3, records: 5, [
            "pledge-funding-known error pledges.yaml:7:14-7:18 funding gift is not one of donation, sale, purchase, unfunded",
            "non-donation-is-in-kind error pledges.yaml:20:11-20:20 pledge dk-it-coalition-2024-01 has funding sale but kind financial; only in-kind pledges are sold, bought or left to fund",
            "only-donations-carry-amount-eur error pledges.yaml:23:17-23:25 pledge dk-it-coalition-2024-01 is not a donation (funding: sale): its value is not aid, so it carries no amount_eur",
            "unfunded-not-delivered error pledges.yaml:39:16-39:25 pledge nl-f16-2023-12 is unfunded but delivered on 2024-06; record who paid for it",
        ])
    }

    /// The only DKK rate is for another date, so amount_eur cannot be checked.
    func testMissingRate() {
        expect("missing-rate", files: 3, records: 5, [
            "amount-eur-has-rate error pledges.yaml:21:17-21:25 no ECB rate for DKK on 2024-01-23 in `rates:`, so amount_eur cannot be checked",
        ])
    }

    /// A pledge without sources.
    func testMissingSource() {
        expect("missing-source", files: 3, records: 5, [
            "pledge-has-source error pledges.yaml:29:5-36:39 pledge nl-f16-2023-12 cites no source",
        ])
    }

    /// amount_eur disagrees with DKK 91 million at the ECB rate of its date by more than 0.5 %.
    func testRateMismatch() {
        expect("rate-mismatch", files: 3, records: 5, [
            "amount-eur-matches-rate error pledges.yaml:21:17-21:25 amount_eur is 13200000 but 91000000 DKK at 7.4574 per EUR (2024-01-23) is 12202644 EUR (tolerance 0.5 %)",
        ])
    }

    /// `anount` for `amount`: the shape suggests the fix; the financial pledge has no amount.
    func testTypoField() {
        expect("typo-field", files: 3, records: 5, [
            "money-pledge-has-amount error pledges.yaml:2:5-13:32 financial pledge nl-it-coalition-2024-01 has no amount",
            "pledge-shape error pledges.yaml:7:5-7:11 unknown field `anount`; did you mean `amount`?",
        ])
    }

    /// A pledge names a coalition id with a typo.
    func testUnknownCoalition() {
        expect("unknown-coalition", files: 3, records: 5, [
            "pledge-coalition-exists error pledges.yaml:5:16-5:27 `it-coaliton` is not one of `coalitions[*].id`; did you mean `it-coalition`?",
        ])
    }

    // MARK: - The shipped dataset and the demonstration

    /// `Datasets/` is clean under `Rules/`.
    func testShippedDatasetIsClean() {
        let folder = Self.packageRoot.appendingPathComponent("Datasets").path
        let result = Self.check(folder)
        XCTAssertFalse(result.configurationFailed)
        XCTAssertEqual(result.report.diagnostics.map { Self.render($0, relativeTo: folder) }, [])
        XCTAssertGreaterThan(result.report.statistics.rules, 30)
    }

    /// `examples/it-coalition-as-reported.yaml` reports each planted problem once, at its place.
    func testExamplesReportEachPlantedProblemOnce() {
        let folder = Self.packageRoot.appendingPathComponent("examples").path
        let actual = Self.sorted(Self.check(folder + "/it-coalition-as-reported.yaml").report.diagnostics).map { Self.render($0, relativeTo: folder) }
        XCTAssertEqual(actual, [
            "member-count-matches error it-coalition-as-reported.yaml:17:19-17:21 member_count is 11 but 12 members are listed | related it-coalition-as-reported.yaml:14:14 `members` is here",
            "yaml-ambiguous-scalar warning it-coalition-as-reported.yaml:31:45-31:47 `NO` is the string \"NO\" in YAML 1.2 but the boolean false in YAML 1.1; quote it (\"NO\") so every tool reads it the same",
            "amount-has-currency error it-coalition-as-reported.yaml:73:13-73:28 the amount of pledge ee-it-coalition-as-reported has no currency",
            "announced-before-delivered error it-coalition-as-reported.yaml:89:16-89:28 pledge nl-f16-as-reported is delivered on 2023-12-01, before it was announced (2023-12-22) | related it-coalition-as-reported.yaml:87:16 `announced` is here",
        ])
    }
}
