import ConcordDiagnostics
import XCTest
@testable import ConcordRules

final class EngineTests: XCTestCase {
    let leaders = """
        rules:
          - id: leaders-are-members
            for: coalitions[*]
            assert: self.leaders.all(l, l in self.members)
            message: "leader {{l}} is not a member of {{self.id}}"
        """

    func testLeaderNotAMemberIsBlamedAtTheLeaderScalar() {
        let d = RuleTestSupport.check(leaders, [("it.yaml", """
            coalitions:
              - id: it-coalition
                leaders: [EE, PL, LU]
                members: [EE, LU, NL]
            """)])
        XCTAssertEqual(d.map(RuleTestSupport.render), [
            "it.yaml:3:19-3:21 leaders-are-members: leader PL is not a member of it-coalition",
        ])
        XCTAssertEqual(RuleTestSupport.renderRelated(d[0]), ["it.yaml:4:14 `members` is here"])
    }

    func testEveryFailingElementOfAllIsReported() {
        let d = RuleTestSupport.check(leaders, [("it.yaml", """
            coalitions:
              - id: c
                leaders: [PL, EE, DE]
                members: [EE]
            """)])
        XCTAssertEqual(d.map { "\($0.location.range?.start.column ?? 0) \($0.message)" },
                       ["15 leader PL is not a member of c", "23 leader DE is not a member of c"])
    }

    func testComparisonBlamesTheLeftOperandWithTheRightRelated() {
        let d = RuleTestSupport.check("""
            rules:
              - id: member-count-matches
                for: coalitions[*]
                when: has(self.member_count)
                assert: self.member_count == size(self.members)
                message: "member_count is {{self.member_count}} but {{size(self.members)}} members are listed"
            """, [("c.yaml", """
            coalitions:
              - id: it
                members: [UA, BE, GB, DK, EE, IS, IT, LV, LT, LU, JP, NL]
                member_count: 11
              - id: ok
                members: [EE]
                member_count: 1
              - id: no-count
                members: [EE]
            """)])
        XCTAssertEqual(d.map(RuleTestSupport.render), [
            "c.yaml:4:19-4:21 member-count-matches: member_count is 11 but 12 members are listed",
        ])
        XCTAssertEqual(RuleTestSupport.renderRelated(d[0]), ["c.yaml:3:14 `members` is here"])
    }

    func testHasBlamesTheMappingThatLacksTheField() {
        let d = RuleTestSupport.check("""
            rules:
              - id: amount-has-currency
                for: pledges[*]
                when: self.kind == 'financial'
                assert: has(self.amount) && has(self.amount.currency)
            """, [("p.yaml", """
            pledges:
              - id: a
                kind: financial
                amount: {value: 500000}
              - id: b
                kind: financial
            """)])
        XCTAssertEqual(d.map(RuleTestSupport.render), [
            "p.yaml:4:13-4:28 amount-has-currency: `has(self.amount) && has(self.amount.currency)` is not true",
            "p.yaml:5:5-6:20 amount-has-currency: `has(self.amount) && has(self.amount.currency)` is not true",
        ])
    }

    func testDateOrderUsesIntervalsAndBlamesTheLaterDate() {
        let d = RuleTestSupport.check("""
            rules:
              - id: delivered-after-announced
                description: A pledge is delivered on or after it is announced.
                for: pledges[*]
                when: has(self.delivered)
                assert: date(self.delivered) >= date(self.announced)
            """, [("p.yaml", """
            pledges:
              - {id: a, announced: "2023-12-22", delivered: "2023-12-01"}
              - {id: b, announced: "2023-12", delivered: "2023-12-01"}
              - {id: c, announced: "2023", delivered: "2024-01"}
            """)])
        XCTAssertEqual(d.map(RuleTestSupport.render), [
            "p.yaml:2:49-2:61 delivered-after-announced: A pledge is delivered on or after it is announced.",
        ])
    }

    func testUniqueReportsEveryDuplicateAcrossFilesWithTheFirstRelated() {
        let d = RuleTestSupport.check("""
            rules:
              - id: pledge-ids-unique
                for: pledges[*]
                unique: self.id
            """, [("a.yaml", "pledges:\n  - id: p1\n  - id: p2\n"), ("b.yaml", "pledges:\n  - id: p1\n  - id: p1\n")])
        XCTAssertEqual(d.map(RuleTestSupport.render), [
            "b.yaml:2:9-2:11 pledge-ids-unique: `p1` is not unique",
            "b.yaml:3:9-3:11 pledge-ids-unique: `p1` is not unique",
        ])
        XCTAssertEqual(RuleTestSupport.renderRelated(d[0]), ["a.yaml:2:9 first used here"])
    }

    func testReferencesUseAHashIndexAndSuggestNearMisses() {
        let d = RuleTestSupport.check("""
            rules:
              - id: pledge-coalition-exists
                for: pledges[*]
                when: has(self.coalition)
                references: coalitions[*].id
                key: self.coalition
            """, [("c.yaml", "coalitions:\n  - id: it-coalition\n  - id: drone-coalition\n"),
                  ("p.yaml", "pledges:\n  - {id: a, coalition: it-coaliton}\n  - {id: b, coalition: drone-coalition}\n  - {id: c, coalition: nothing-like-it}\n  - {id: d}\n")])
        XCTAssertEqual(d.map(RuleTestSupport.render), [
            "p.yaml:2:24-2:35 pledge-coalition-exists: `it-coaliton` is not one of `coalitions[*].id`; did you mean `it-coalition`?",
            "p.yaml:4:24-4:39 pledge-coalition-exists: `nothing-like-it` is not one of `coalitions[*].id`",
        ])
    }

    func testVariablesAreEvaluatedOnceAndVisibleToRules() {
        let d = RuleTestSupport.check("""
            variables:
              byId: keyBy(dataset.coalitions, 'id')
            rules:
              - id: donor-is-member
                severity: warning
                for: pledges[*]
                when: has(self.coalition)
                assert: "!(self.coalition in byId) || self.donor in byId[self.coalition].members"
                message: "donor {{self.donor}} is not a member of {{self.coalition}}"
            """, [("d.yaml", """
            coalitions:
              - {id: it, members: [EE, LU]}
            pledges:
              - {id: a, donor: EE, coalition: it}
              - {id: b, donor: DK, coalition: it}
            """)])
        XCTAssertEqual(d.map(RuleTestSupport.render), [
            "d.yaml:5:20-5:22 donor-is-member: donor DK is not a member of it",
        ])
        XCTAssertEqual(d.first?.severity, .warning)
        XCTAssertEqual(RuleTestSupport.renderRelated(d[0]), ["d.yaml:2:23 `members` is here"])
    }

    func testAtNamesTheNodeExplicitly() {
        let d = RuleTestSupport.check("""
            rules:
              - id: x
                for: pledges[*]
                assert: self.amount.value > 0
                at: self.amount
            """, [("p.yaml", "pledges:\n  - {id: a, amount: {value: -5, currency: EUR}}\n")])
        XCTAssertEqual(d.map { $0.location.range.map { "\($0.start.line):\($0.start.column)" } ?? "" }, ["2:21"])
    }

    func testEvaluationErrorsAreReportedAtTheRecord() {
        let d = RuleTestSupport.check("""
            rules:
              - id: x
                for: pledges[*]
                assert: self.amount.value > 0
            """, [("p.yaml", "pledges:\n  - {id: a}\n")])
        XCTAssertEqual(d.map(RuleTestSupport.render), [
            "p.yaml:2:5-2:12 x: cannot evaluate `assert`: no such key: 'amount'",
        ])
    }

    func testLargeDatasetsAreCheckedOnAllCoresInMatchOrder() {
        var text = "coalitions:\n"
        var expected: [Int] = []
        for i in 0..<3_000 {
            let leader = i % 7 == 0 ? "PL" : "EE"
            if i % 7 == 0 { expected.append(i + 2) }
            text += "  - {id: c\(i), leaders: [\(leader)], members: [EE]}\n"
        }
        let (set, _) = RuleTestSupport.rules(leaders)
        let dataset = RuleTestSupport.dataset([("big.yaml", text)])
        let first = RuleEngine(rules: set).check(dataset)
        XCTAssertEqual(first.compactMap { $0.location.range?.start.line }, expected, "one per planted leader, in match order")
        XCTAssertEqual(RuleEngine(rules: set).check(dataset), first, "the same on every run")
    }

    func testCostBudgetStopsARunawayRule() {
        let text = """
            rules:
              - id: slow
                for: items[*]
                assert: "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, [1,2,3,4,5,6,7,8,9,10].all(f, a + b + c + d + e + f > 0))))))"
            """
        // The static estimate rejects the rule by default; with the static check out of the way,
        // the runtime budget stops it.
        XCTAssertEqual(RuleTestSupport.rules(text).1.map(\.ruleID), ["rule-cost-exceeded"])
        let (set, _) = RuleFileLoader(costBudget: .max).load(texts: [("rules.yaml", text)])
        let dataset = RuleTestSupport.dataset([("i.yaml", "items: [1]\n")])
        let d = RuleEngine(rules: set, costLimit: 100_000).check(dataset)
        XCTAssertEqual(d.map(\.message), ["cannot evaluate `assert`: cost budget exceeded (limit 100000)"])
    }

    func testDatasetMergesListsAndReportsKeysDefinedTwice() {
        let dataset = RuleTestSupport.dataset([
            ("a.yaml", "coalitions: [{id: a}]\nreference:\n  eur: 1\ntitle: A\n"),
            ("b.yaml", "coalitions: [{id: b}]\nreference:\n  eur: 2\n  usd: 3\ntitle: B\n"),
            ("c.yaml", "coalitions: {id: c}\n"),
        ])
        XCTAssertEqual(dataset.recordCount, 2)
        XCTAssertEqual(dataset.diagnostics.map(RuleTestSupport.render), [
            "b.yaml:3:3-3:6 dataset-duplicate-key: `reference.eur` is defined twice in the dataset",
            "b.yaml:5:1-5:6 dataset-duplicate-key: `title` is defined twice in the dataset",
            "c.yaml:1:1-1:11 dataset-duplicate-key: `coalitions` holds a different kind of value here than where it was first defined (a list, a map or a scalar)",
        ])
        XCTAssertEqual(RuleTestSupport.renderRelated(dataset.diagnostics[0]), ["a.yaml:3:3 first defined here"])
    }

    func testMapsMergedFromManyFilesReportEveryEarlierDefinition() {
        let dataset = RuleTestSupport.dataset([
            ("a.yaml", "reference:\n  eur: 1\n"),
            ("b.yaml", "reference:\n  usd: 2\n  eur: 3\n"),
            ("c.yaml", "reference:\n  eur: 4\n  gbp: 5\n"),
        ])
        XCTAssertEqual(dataset.diagnostics.map(RuleTestSupport.render), [
            "b.yaml:3:3-3:6 dataset-duplicate-key: `reference.eur` is defined twice in the dataset",
            "c.yaml:2:3-2:6 dataset-duplicate-key: `reference.eur` is defined twice in the dataset",
            "c.yaml:2:3-2:6 dataset-duplicate-key: `reference.eur` is defined twice in the dataset",
        ])
        XCTAssertEqual(dataset.diagnostics.flatMap(RuleTestSupport.renderRelated),
                       ["a.yaml:2:3 first defined here", "a.yaml:2:3 first defined here", "b.yaml:3:3 first defined here"])
    }

    func testListsAndMapsMergedFromManyFilesReadAsOne() {
        let d = RuleTestSupport.check("""
            rules:
              - id: merged
                for: pledges[0]
                assert: "false"
                message: "{{size(dataset.pledges)}} {{dataset.pledges.map(p, p.id)}} {{dataset.pledges[3].id}} {{dataset.reference.eur}} {{dataset.reference.gbp}} {{'chf' in dataset.reference}} {{size(dataset.reference)}}"
            """, [
            ("a.yaml", "pledges: [{id: a}, {id: b}]\nreference: {eur: 1}\n"),
            ("b.yaml", "pledges: []\nreference: {usd: 2, eur: 3}\n"),
            ("c.yaml", "pledges: [{id: c}]\n"),
            ("d.yaml", "pledges: [{id: d}]\nreference: {gbp: 5}\n"),
        ])
        XCTAssertEqual(d.filter { $0.ruleID == "merged" }.map(\.message), ["4 [a, b, c, d] d 1 5 false 3"])
    }

    func testSelectorsWalkTheMergedDataset() throws {
        let dataset = RuleTestSupport.dataset([
            ("a.yaml", "pledges:\n  - {id: a, sources: [{url: x}, {url: y}]}\nreference:\n  rates: {eur: 1, usd: 2}\n"),
            ("b.yaml", "pledges:\n  - {id: b, sources: [{url: z}]}\n"),
        ])
        XCTAssertEqual(try Selector(parsing: "pledges[*].sources[*].url").matches(in: dataset).map { $0.node.scalarText }, ["x", "y", "z"])
        XCTAssertEqual(try Selector(parsing: "pledges[1].id").matches(in: dataset).map { $0.node.scalarText }, ["b"])
        XCTAssertEqual(try Selector(parsing: "reference.rates.*").matches(in: dataset).map { $0.node.scalarText }, ["1", "2"])
        XCTAssertEqual(try Selector(parsing: "missing[*]").matches(in: dataset).count, 0)
        XCTAssertThrowsError(try Selector(parsing: "pledges[x]"))
        XCTAssertThrowsError(try Selector(parsing: "pledges..id"))
    }

    func testShapesReportMissingFieldsWrongTypesAndTypos() {
        let d = RuleTestSupport.check("""
            shapes:
              - id: pledge-shape
                for: pledges[*]
                closed: true
                fields:
                  id: {type: string, required: true}
                  donor: {type: country, required: true}
                  amount: money
                  announced: date
                  items: {type: "[map]", fields: {name: string, quantity: int}, closed: true}
            """, [("p.yaml", """
            pledges:
              - id: a
                donor: XX
                anount: {value: 1, currency: EUR}
                announced: 2023-13
              - id: b
                donor: "NO"
                amount: {value: 5, currency: EUROS}
                items: [{name: tanks, quantity: many, colour: green}]
              - donor: DE
            """)])
        XCTAssertEqual(d.map(RuleTestSupport.render), [
            "p.yaml:3:12-3:14 pledge-shape: `donor`: `XX` is not an ISO 3166-1 country code",
            "p.yaml:4:5-4:11 pledge-shape: unknown field `anount`; did you mean `amount`?",
            "p.yaml:5:16-5:23 pledge-shape: `announced`: invalid date \"2023-13\": month must be between 01 and 12",
            "p.yaml:8:34-8:39 pledge-shape: `amount.currency`: `EUROS` is not an ISO 4217 currency code",
            "p.yaml:9:37-9:41 pledge-shape: `items[].quantity` must be an integer, not the string \"many\"",
            "p.yaml:9:43-9:49 pledge-shape: unknown field `items[].colour`",
            "p.yaml:10:5-10:14 pledge-shape: missing required field `id`",
        ])
    }

    /// A `url` field: `http://` or `https://`, more than 10 characters (Unicode scalars, not
    /// bytes) and no space; a `date` field: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    func testShapeURLsAndDatesAreCheckedByTheirCharacters() {
        // `https://éé` is 12 bytes but 10 scalars: not a URL; `http://éééé` is 11 scalars: one.
        let d = RuleTestSupport.check("""
            shapes:
              - id: source-shape
                for: sources[*]
                fields: {url: url, seen: date}
            """, [("s.yaml", """
            sources:
              - {url: "https://a.b", seen: "2024"}
              - {url: "https://éé", seen: "2024-05"}
              - {url: "http://éééé", seen: 2024-05-14}
              - {url: "https://a b.org", seen: "2024-5-14"}
              - {url: "ftp://example.org", seen: "20240514"}
            """)])
        XCTAssertEqual(d.map(RuleTestSupport.render), [
            "s.yaml:3:11-3:23 source-shape: `url` must be an http(s) URL, not the string \"https://éé\"",
            "s.yaml:5:11-5:28 source-shape: `url` must be an http(s) URL, not the string \"https://a b.org\"",
            "s.yaml:5:36-5:47 source-shape: `seen`: invalid date \"2024-5-14\": expected YYYY, YYYY-MM or YYYY-MM-DD",
            "s.yaml:6:11-6:30 source-shape: `url` must be an http(s) URL, not the string \"ftp://example.org\"",
            "s.yaml:6:38-6:48 source-shape: `seen`: invalid date \"20240514\": expected YYYY, YYYY-MM or YYYY-MM-DD",
        ])
    }

    /// Keys are matched to a shape's fields by their bytes (quoted or plain, long names included),
    /// a key that is the same text in another Unicode form still names its field, and keys that
    /// are not strings are neither fields nor unknown.
    func testShapeFieldsAreFoundWhateverTheKeysForm() {
        let d = RuleTestSupport.check("""
            shapes:
              - id: s
                for: items[*]
                closed: true
                fields:
                  a_rather_long_field_name: {type: int, required: true}
                  caf\u{e9}: {type: string}
                  note: string
            """, [("p.yaml", """
            items:
              - {"a_rather_long_field_name": x, note: 1}
              - {a_rather_long_field_name: 2, "cafe\u{301}": 3, 7: any}
              - {a_rather_long_field_nam: 2}
            """)])
        XCTAssertEqual(d.map(RuleTestSupport.render), [
            "p.yaml:2:34-2:35 s: `a_rather_long_field_name` must be an integer, not the string \"x\"",
            "p.yaml:2:43-2:44 s: `note` must be a string, not the integer 1",
            "p.yaml:3:44-3:45 s: `caf\u{e9}` must be a string, not the integer 3",
            "p.yaml:4:5-4:33 s: missing required field `a_rather_long_field_name`",
            "p.yaml:4:6-4:29 s: unknown field `a_rather_long_field_nam`; did you mean `a_rather_long_field_name`?",
        ])
    }
}
