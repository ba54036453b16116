import ConcordCEL
import ConcordYAML

/// Who a record is, across revisions: the top-level key it belongs to and its identity there.
public struct RecordIdentity: Hashable, Sendable, CustomStringConvertible {
    /// The top-level key (`pledges`).
    public let list: String
    /// The identity as text (`nl-it-coalition-2024-01`), for messages and `concord diff`.
    public let key: String

    public var description: String { "\(list) \(key)" }
}

/// One record of a dataset: an item of a top-level list or an entry of a top-level map.
public struct DatasetRecord: Sendable {
    /// The top-level key the record belongs to.
    public let list: String
    public let identity: RecordIdentity?
    public let node: YAMLNode
    /// For an entry of a map, the node of its key.
    public let keyNode: YAMLNode?
}

/// The records of a dataset with their identities, and which record holds a place in a file.
///
/// A record's identity is, in order: its `id` field; else the key of a `unique` rule over its
/// list (`for: rates[*]` with `unique: self.date + self.currency`); for an entry of a top-level
/// map, its key. A record without one has no old self (and `concord diff` shows it by place).
public struct RecordIndex: Sendable {
    public private(set) var records: [DatasetRecord] = []
    private var byIdentity: [RecordIdentity: Int] = [:]
    /// Per top-level key: its record numbers, in dataset order.
    private var byList: [String: [Int]] = [:]
    /// Per file path: (byte range, record number), in file order.
    private var spans: [String: [(Range<Int>, Int)]] = [:]

    public init(dataset: Dataset, rules: RuleSet = RuleSet(), functions: FunctionTable = .concord) {
        let table = DataValues(files: dataset.files)
        let evaluator = Evaluator(functions: functions)
        let identityRules = Self.identityExpressions(rules, evaluator: evaluator)
        withExtendedLifetime(table) {
            for list in dataset.keys {
                switch dataset.entries[list] {
                case .list(let parts)?:
                    let unique = identityRules[list]
                    for part in parts {
                        for item in Dataset.items(of: part) {
                            let key = Self.identity(of: item, unique: unique, table: table, evaluator: evaluator)
                            add(DatasetRecord(list: list, identity: key.map { RecordIdentity(list: list, key: $0) }, node: item, keyNode: nil))
                        }
                    }
                case .map(let parts)?:
                    for part in parts {
                        for pair in part.mapping.map(Array.init) ?? [] {
                            let key = pair.key.scalarText.map { RecordIdentity(list: list, key: $0) }
                            add(DatasetRecord(list: list, identity: key, node: pair.value, keyNode: pair.key))
                        }
                    }
                default:
                    continue
                }
            }
        }
        table.close()
        for file in spans.keys { spans[file]?.sort { $0.0.lowerBound < $1.0.lowerBound } }
    }

    private mutating func add(_ record: DatasetRecord) {
        let number = records.count
        records.append(record)
        byList[record.list, default: []].append(number)
        if let identity = record.identity, byIdentity[identity] == nil { byIdentity[identity] = number }
        let start = record.keyNode?.byteRange.lowerBound ?? record.node.byteRange.lowerBound
        spans[record.node.file.path, default: []].append((start..<record.node.byteRange.upperBound, number))
    }

    /// The record with this identity (the first, when two share it).
    public func record(_ identity: RecordIdentity) -> DatasetRecord? {
        byIdentity[identity].map { records[$0] }
    }

    /// The record that holds byte `offset` of file `path`, if any.
    public func record(inFile path: String, atOffset offset: Int) -> DatasetRecord? {
        guard let list = spans[path] else { return nil }
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].0.lowerBound <= offset { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0, list[lo - 1].0.contains(offset) else { return nil }
        return records[list[lo - 1].1]
    }

    /// The records of one top-level key, in dataset order.
    public func records(of list: String) -> [DatasetRecord] {
        (byList[list] ?? []).map { records[$0] }
    }

    /// The identity text of a list item: `id`, else the `unique` key.
    private static func identity(of item: YAMLNode, unique: [CompiledExpression]?, table: DataValues, evaluator: Evaluator) -> String? {
        if let id = item["id"], id.isScalar, let text = id.scalarText, id.scalarValue != .null { return text }
        for expression in unique ?? [] {
            let activation = Activation().binding("self", to: table.value(of: item))
            let value = evaluator.evaluate(expression, activation)
            if case .error = value { continue }
            if case .null = value { continue }
            return MessageRenderer.display(value)
        }
        return nil
    }

    /// The key expressions of `unique` rules that range over the items of a top-level list,
    /// compiled once for all records.
    private static func identityExpressions(_ rules: RuleSet, evaluator: Evaluator) -> [String: [CompiledExpression]] {
        var found: [String: [CompiledExpression]] = [:]
        for rule in rules.rules {
            guard case .unique(let expression) = rule.check, rule.selector.steps.count == 2,
                  case .key(let list) = rule.selector.steps[0], rule.selector.steps[1] == .allItems else { continue }
            found[list, default: []].append(evaluator.compile(expression.root))
        }
        return found
    }
}
