/// Where each key of one `unique` rule occurs, by file, kept up to date as a live check
/// re-checks files: an edit adds and removes one file's keys instead of comparing every key
/// of the dataset again. The keys that occur more than once are known at any time; only their
/// matches are then compared in dataset order (`RuleEngine.compareKeys`).
struct UniqueKeyIndex: Sendable {
    /// The file of each occurrence of a key (a file twice when it holds the key twice).
    private enum Holders: Sendable {
        case one(String)
        case many([String])
    }

    private var holders: [ValueKey: Holders] = [:]
    /// The keys that occur more than once.
    private(set) var duplicated: Set<ValueKey> = []

    mutating func add(_ keys: [KeyedMatch], of path: String) {
        holders.reserveCapacity(holders.count + keys.count)
        for keyed in keys {
            switch holders[keyed.key] {
            case nil:
                holders[keyed.key] = .one(path)
            case .one(let other):
                holders[keyed.key] = .many([other, path])
                duplicated.insert(keyed.key)
            case .many(var paths):
                holders[keyed.key] = nil
                paths.append(path)
                holders[keyed.key] = .many(paths)
            }
        }
    }

    mutating func remove(_ keys: [KeyedMatch], of path: String) {
        for keyed in keys {
            switch holders[keyed.key] {
            case nil:
                continue
            case .one:
                holders[keyed.key] = nil
            case .many(var paths):
                holders[keyed.key] = nil
                if let i = paths.firstIndex(of: path) { paths.remove(at: i) }
                if paths.count == 1 {
                    holders[keyed.key] = .one(paths[0])
                    duplicated.remove(keyed.key)
                } else {
                    holders[keyed.key] = .many(paths)
                }
            }
        }
    }

    /// The files that hold a key that occurs more than once.
    var filesWithDuplicates: Set<String> {
        var files: Set<String> = []
        for key in duplicated {
            if case .many(let paths)? = holders[key] { files.formUnion(paths) }
        }
        return files
    }
}
