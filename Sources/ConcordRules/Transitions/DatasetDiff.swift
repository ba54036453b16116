import ConcordDiagnostics
import ConcordSupport
import ConcordYAML

/// `concord diff`: the records added, removed, modified and moved between two versions of a
/// dataset, matched by identity (see `RecordIndex`). Records without an identity match only an
/// identical record of the same list; otherwise they are added or removed.
public enum DatasetDiff {
    /// Compares `base` with `head`. `basePath`/`headPath` name their files as reports show them
    /// (a moved record is one whose file has another name now).
    public static func compare(base: Dataset, head: Dataset, rules: RuleSet = RuleSet(),
                               baseName: String, headName: String,
                               basePath: (String) -> String, headPath: (String) -> String) -> DatasetChanges {
        let old = RecordIndex(dataset: base, rules: rules)
        let new = RecordIndex(dataset: head, rules: rules)
        // Identity-less records of the base, by list and content, to match identical ones.
        var anonymous: [String: [Int]] = [:]
        for (i, record) in old.records.enumerated() where record.identity == nil {
            anonymous[record.list + "\u{0}" + JSONRenderer.render(record.node), default: []].append(i)
        }
        var matchedAnonymous = Set<Int>()
        var changes: [DatasetChanges.Change] = []
        for record in new.records {
            let location = place(record, path: headPath)
            guard let identity = record.identity else {
                let key = record.list + "\u{0}" + JSONRenderer.render(record.node)
                if let i = anonymous[key]?.first(where: { !matchedAnonymous.contains($0) }) {
                    matchedAnonymous.insert(i)
                } else {
                    changes.append(.init(kind: .added, list: record.list, identity: nil, location: location))
                }
                continue
            }
            guard let before = old.record(identity) else {
                changes.append(.init(kind: .added, list: record.list, identity: identity.key, location: location))
                continue
            }
            let oldLocation = place(before, path: basePath)
            let moved = oldLocation.file != location.file
            let fields = before.node.sameContent(as: record.node) ? [] : fieldChanges(before.node, record.node)
            if moved {
                changes.append(.init(kind: .moved, list: record.list, identity: identity.key, location: location,
                                     oldLocation: oldLocation, fields: fields))
            } else if !fields.isEmpty {
                changes.append(.init(kind: .modified, list: record.list, identity: identity.key, location: location,
                                     oldLocation: oldLocation, fields: fields))
            }
        }
        for (i, record) in old.records.enumerated() {
            let gone: Bool
            if let identity = record.identity { gone = new.record(identity) == nil } else { gone = !matchedAnonymous.contains(i) }
            if gone {
                changes.append(.init(kind: .removed, list: record.list, identity: record.identity?.key,
                                     location: place(record, path: basePath)))
            }
        }
        return DatasetChanges(base: baseName, head: headName, changes: changes)
    }

    private static func place(_ record: DatasetRecord, path: (String) -> String) -> SourceLocation {
        var location = record.keyNode.map { $0.location } ?? record.node.location
        location.file = path(location.file)
        return location
    }

    /// The fields whose values differ (a record that is not a mapping is one field, "").
    static func fieldChanges(_ old: YAMLNode, _ new: YAMLNode) -> [DatasetChanges.FieldChange] {
        guard let a = old.mapping, let b = new.mapping else {
            return [.init(field: "", old: JSONRenderer.render(old), new: JSONRenderer.render(new))]
        }
        var changes: [DatasetChanges.FieldChange] = []
        var seen = Set<String>()
        for pair in b {
            guard let key = pair.key.scalarText else { continue }
            seen.insert(key)
            if let before = a.value(forKey: key) {
                if !before.sameContent(as: pair.value) {
                    changes.append(.init(field: key, old: JSONRenderer.render(before), new: JSONRenderer.render(pair.value)))
                }
            } else {
                changes.append(.init(field: key, old: nil, new: JSONRenderer.render(pair.value)))
            }
        }
        for pair in a {
            guard let key = pair.key.scalarText, !seen.contains(key) else { continue }
            changes.append(.init(field: key, old: JSONRenderer.render(pair.value), new: nil))
        }
        return changes
    }
}

extension DatasetDiff {
    /// `concord diff BASE [HEAD]`: the dataset under `paths` (absolute) at `baseRef`, compared
    /// with `headRef` (nil: the working tree). `rules` give records without `id` their identity
    /// (the keys of `unique` rules). Paths in the result are relative to `currentDirectory`.
    public static func between(_ baseRef: String, and headRef: String?, paths: [String], mounts: [DatasetMount] = [],
                               rules: RuleSet, currentDirectory: String) -> Result<DatasetChanges, BaseRevision.Failure> {
        let base: BaseRevision
        switch BaseRevision.load(baseRef, paths: paths, mounts: mounts, in: currentDirectory) {
        case .success(let b): base = b
        case .failure(let e): return .failure(e)
        }
        let pathNow = BaseComparison(base: base, currentDirectory: currentDirectory).pathNow
        let head: Dataset
        if let headRef {
            switch BaseRevision.load(headRef, paths: paths, mounts: mounts, in: currentDirectory) {
            case .success(let h): head = h.dataset
            case .failure(let e): return .failure(e)
            }
        } else {
            let cwd = PathNormalizer.canonical(currentDirectory)
            let relative = paths.map { RelativePath.display($0, under: cwd) }
            let (files, problems) = MountedFiles.resolve(relative.map { DatasetMount(path: $0) } + mounts, in: currentDirectory)
            if let problem = problems.first {
                return .failure(BaseRevision.Failure(description: problem.message))
            }
            let loader = YAMLLoader()
            var dataset = Dataset()
            for file in files {
                let result = loader.load(path: MountedFiles.absolute(file.path, in: currentDirectory), displayPath: file.path)
                for document in result.documents { dataset.add(document, mount: file.mount) }
            }
            head = dataset
        }
        return .success(compare(base: base.dataset, head: head, rules: rules, baseName: baseRef,
                                headName: headRef ?? "working tree", basePath: pathNow,
                                headPath: headRef == nil ? { $0 } : pathNow))
    }
}
