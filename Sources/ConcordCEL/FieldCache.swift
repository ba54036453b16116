/// The fields of activation variables read so far in one context (`self.donor`, and whether
/// `has(self.amount)`), kept until a variable is bound again.
///
/// A rule engine evaluates many expressions in one activation (every rule of a selector on one
/// record), and those expressions read the same few fields of `self` again and again. CEL is
/// pure and the activation changes only through `EvaluationContext.bind`, which empties the
/// cache, so a field read once has the same value for every later read. Only values that are
/// not errors are kept: an error carries the position of the node that made it.
///
/// Entries are found by a code computed when the expression is compiled (`Key`), then confirmed
/// on the names; the cache holds a few entries and stops growing at `capacity`.
struct FieldCache {
    /// What a compiled node reads: the field of a variable, or whether the variable has it.
    struct Key: Sendable {
        let variable: String
        let field: String
        let presence: Bool
        let code: Int

        init(variable: String, field: String, presence: Bool) {
            self.variable = variable
            self.field = field
            self.presence = presence
            var hasher = Hasher()
            hasher.combine(variable)
            hasher.combine(field)
            hasher.combine(presence)
            code = hasher.finalize()
        }

        @inline(__always)
        func matches(_ other: Key) -> Bool {
            code == other.code && presence == other.presence && field == other.field && variable == other.variable
        }
    }

    static let capacity = 48

    // Parallel arrays: a lookup scans the codes and reads a key only when its code matches.
    private var codes: [Int] = []
    private var keys: [Key] = []
    private var values: [Value] = []

    /// The value kept for `key`, if any.
    @inline(__always)
    func value(for key: Key) -> Value? {
        let found = codes.withUnsafeBufferPointer { codes -> Int? in
            var i = 0
            while i < codes.count {
                if codes[i] == key.code, keys[i].matches(key) { return i }
                i += 1
            }
            return nil
        }
        guard let found else { return nil }
        return values[found]
    }

    /// Keeps `value` for `key`, unless it is an error or the cache is full.
    @inline(__always)
    mutating func store(_ value: Value, for key: Key) {
        guard !value.isError, codes.count < Self.capacity else { return }
        codes.append(key.code)
        keys.append(key)
        values.append(value)
    }

    /// Forgets every entry (a variable was bound).
    mutating func removeAll() {
        guard !codes.isEmpty else { return }
        codes.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }
}
