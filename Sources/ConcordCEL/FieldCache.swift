/// The fields of activation variables read so far in one context (`self.donor`, and whether
/// `has(self.amount)`), kept until a variable is bound again.
///
/// A rule engine evaluates many expressions in one activation (every rule of a selector on one
/// record), and those expressions read the same few fields of `self` again and again. CEL is
/// pure and the activation changes only through `EvaluationContext.bind`, which empties the
/// cache, so a field read once has the same value for every later read. Only values that are
/// not errors are kept: an error carries the position of the node that made it.
///
/// Entries are found by a code computed when the expression is compiled (`Key`) in a small
/// open-addressing table, then confirmed on the names; the cache stops growing at `capacity`.
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
    /// Slots of the open-addressing table over the entries (a power of two above `capacity`).
    private static let slotCount = 64

    // The entries, in the order they were stored.
    private var keys: [Key] = []
    private var values: [Value] = []
    /// Entry index of each slot, valid when the slot's stamp is `generation` (emptying the
    /// cache starts a new generation instead of clearing the slots).
    private var slotEntries = [Int32](repeating: 0, count: FieldCache.slotCount)
    private var slotStamps = [UInt32](repeating: 0, count: FieldCache.slotCount)
    private var generation: UInt32 = 1

    /// The value kept for `key`, if any.
    @inline(__always)
    func value(for key: Key) -> Value? {
        let mask = Self.slotCount - 1
        var slot = key.code & mask
        while slotStamps[slot] == generation {
            let entry = Int(slotEntries[slot])
            if keys[entry].matches(key) { return values[entry] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Keeps `value` for `key`, unless it is an error or the cache is full.
    @inline(__always)
    mutating func store(_ value: Value, for key: Key) {
        guard !value.isError, keys.count < Self.capacity else { return }
        let mask = Self.slotCount - 1
        var slot = key.code & mask
        while slotStamps[slot] == generation { slot = (slot + 1) & mask }
        slotStamps[slot] = generation
        slotEntries[slot] = Int32(keys.count)
        keys.append(key)
        values.append(value)
    }

    /// The value kept for `key`, charged as the variable's read it stands for; else `read`'s,
    /// kept for the next reads.
    @inline(__always)
    static func read(_ key: Key, _ f: inout EvalFrame, _ read: (inout EvalFrame) -> Value) -> Value {
        if let v = f.fields.value(for: key) { return f.charge(1) ? EvalFrame.budgetError : v }
        let v = read(&f)
        f.fields.store(v, for: key)
        return v
    }

    /// Forgets every entry (a variable was bound).
    mutating func removeAll() {
        guard !keys.isEmpty else { return }
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        if generation == .max {
            // After 4 billion bindings: clear the stamps once rather than let them wrap.
            for i in slotStamps.indices { slotStamps[i] = 0 }
            generation = 1
        } else {
            generation += 1
        }
    }
}
