/// What changed in a dataset between two revisions, record by record (`concord diff`).
public struct DatasetChanges: Sendable, Codable, Hashable {
    /// Schema version of the `json` rendering.
    public static let schemaVersion = 1

    public enum Kind: String, Sendable, Codable, Hashable {
        case added, removed, modified, moved
    }

    /// One field of a record, before and after (JSON text; nil where absent).
    public struct FieldChange: Sendable, Codable, Hashable {
        public var field: String
        public var old: String?
        public var new: String?

        public init(field: String, old: String?, new: String?) {
            self.field = field
            self.old = old
            self.new = new
        }
    }

    /// One record that changed. A record that moved to another file is `moved` (its `fields`
    /// list what also changed); `modified` stayed in its file.
    public struct Change: Sendable, Codable, Hashable {
        public var kind: Kind
        /// The top-level key (`pledges`).
        public var list: String
        /// The record's identity (`id`, the key of a `unique` rule, or a map key); nil for a
        /// record without one.
        public var identity: String?
        /// Where the record is now (for `removed`: where it was, at the base).
        public var location: SourceLocation
        /// Where it was, for `moved`.
        public var oldLocation: SourceLocation?
        public var fields: [FieldChange]

        public init(kind: Kind, list: String, identity: String?, location: SourceLocation,
                    oldLocation: SourceLocation? = nil, fields: [FieldChange] = []) {
            self.kind = kind
            self.list = list
            self.identity = identity
            self.location = location
            self.oldLocation = oldLocation
            self.fields = fields
        }
    }

    /// The base revision, and the head (a revision, or "the working tree").
    public var base: String
    public var head: String
    /// In order: the head's records in dataset order, then removed records in base order.
    public var changes: [Change]

    public init(base: String, head: String, changes: [Change]) {
        self.base = base
        self.head = head
        self.changes = changes
    }

    public func count(_ kind: Kind) -> Int { changes.filter { $0.kind == kind }.count }
}
