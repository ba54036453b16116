import ConcordDiagnostics

/// The loader's own checks: their ids, descriptions and messages, kept together.
public enum LoaderRules: BuiltInRules {
    case syntax, encoding, unreadable, folderRevisited, duplicateKey, undefinedAlias, aliasLimit, depthLimit, tagMismatch, invalidMerge, ambiguousScalar

    public var descriptor: RuleDescriptor {
        switch self {
        case .syntax:
            return RuleDescriptor(id: "yaml-syntax",
                                  shortDescription: "The file is valid YAML.",
                                  fullDescription: "libyaml could not parse the file. The diagnostic sits at libyaml's problem mark and quotes its problem and context; the rest of the file is not checked.",
                                  defaultSeverity: .error)
        case .encoding:
            return RuleDescriptor(id: "yaml-encoding",
                                  shortDescription: "The file is UTF-8 text.",
                                  fullDescription: "Concord reads UTF-8 (with or without a byte order mark). Invalid UTF-8, a NUL byte (a binary file) or a UTF-16/UTF-32 file is reported at the first offending byte.",
                                  defaultSeverity: .error)
        case .unreadable:
            return RuleDescriptor(id: "file-unreadable",
                                  shortDescription: "The file can be read.",
                                  fullDescription: "A file or folder of the dataset could not be read (permissions, a broken link), or a `.yaml` name is not a regular file (a FIFO, a socket, a device), which Concord never opens. The other files are checked.",
                                  defaultSeverity: .error)
        case .folderRevisited:
            return RuleDescriptor(id: "folder-revisited",
                                  shortDescription: "Each folder is reached once.",
                                  fullDescription: "Folders are identified by device and inode; a link that leads back to a folder already walked (a link loop such as `loop -> .`, or a second link to the same folder) is not followed again, so its files are read once.",
                                  defaultSeverity: .warning,
                                  help: "Remove the link, or name the folder once.")
        case .duplicateKey:
            return RuleDescriptor(id: "yaml-duplicate-key",
                                  shortDescription: "A mapping has no duplicate keys.",
                                  fullDescription: "YAML forbids two equal keys in one mapping; parsers disagree on which value wins. Concord keeps the first and reports the second, with the first as a related location.",
                                  defaultSeverity: .error,
                                  help: "Remove or rename one of the two keys.")
        case .undefinedAlias:
            return RuleDescriptor(id: "yaml-undefined-alias",
                                  shortDescription: "Every alias refers to an anchor defined before it.",
                                  defaultSeverity: .error)
        case .aliasLimit:
            return RuleDescriptor(id: "yaml-alias-limit",
                                  shortDescription: "Aliases do not expand a document beyond the limit.",
                                  fullDescription: "Aliases share nodes, but a document whose aliases would expand to a huge tree (a \"billion laughs\" attack) is stopped.",
                                  defaultSeverity: .error)
        case .depthLimit:
            return RuleDescriptor(id: "yaml-depth-limit",
                                  shortDescription: "Nesting stays within the depth limit.",
                                  defaultSeverity: .error)
        case .tagMismatch:
            return RuleDescriptor(id: "yaml-tag-mismatch",
                                  shortDescription: "A scalar with a core tag (!!int, !!float, !!bool, !!null) has a value of that type.",
                                  defaultSeverity: .error)
        case .invalidMerge:
            return RuleDescriptor(id: "yaml-invalid-merge",
                                  shortDescription: "A `<<` merge key's value is a mapping or a list of mappings.",
                                  defaultSeverity: .error)
        case .ambiguousScalar:
            return RuleDescriptor(id: "yaml-ambiguous-scalar",
                                  shortDescription: "Plain scalars mean the same in YAML 1.1 and YAML 1.2.",
                                  fullDescription: "Concord reads YAML 1.2, where `NO`, `yes`, `off`, `012`, `1_000` or `12:30` keep their 1.2 meaning; YAML 1.1 tools (PyYAML, many CI systems) read them as booleans or numbers. Quote such values so that every tool agrees (the Norway problem).",
                                  defaultSeverity: .warning,
                                  help: "Quote the value to make it a string in every YAML version.")
        }
    }

    // MARK: Messages

    enum Message {
        static func syntax(problem: String, context: String?) -> String {
            guard let context else { return problem }
            return "\(problem) (\(context))"
        }
        static let syntaxContext = "the construct that could not be completed starts here"
        static func unsupportedEncoding(_ name: String) -> String {
            "the file is \(name); Concord reads UTF-8 only"
        }
        static let invalidUTF8 = "invalid UTF-8 byte sequence; the file is not UTF-8 text"
        static let nulByte = "NUL byte in the file; it looks like a binary file, not YAML text"
        static func unreadable(_ reason: String) -> String { "cannot read the file: \(reason)" }
        static func unreadableFolder(_ reason: String) -> String { "cannot read the folder: \(reason)" }
        static func notRegularFile(_ kind: String) -> String {
            "it is not a regular file but \(kind); Concord does not open it"
        }
        static func folderRevisited(first: String) -> String {
            "this folder is \(first), already walked (a link loop or a second link to it); it is walked once"
        }
        static func duplicateKey(_ key: String) -> String { "duplicate key \(key) in this mapping" }
        static let duplicateKeyFirst = "first defined here"
        static func undefinedAlias(_ name: String) -> String {
            "alias *\(name) refers to no anchor &\(name) defined before it"
        }
        static func recursiveAlias(_ name: String) -> String {
            "alias *\(name) refers to a node that contains it (a recursive alias)"
        }
        static func aliasLimit(limit: Int) -> String {
            "aliases would expand this document to more than \(limit) nodes (a \"billion laughs\" document?); loading stopped"
        }
        static func depthLimit(_ limit: Int) -> String {
            "nesting deeper than \(limit) levels; loading stopped"
        }
        static func tagMismatch(text: String, tag: String) -> String {
            "\"\(text)\" is tagged \(tag) but is not a valid \(tag.dropFirst(2)) value"
        }
        static let invalidMerge = "the value of a `<<` merge key must be a mapping or a list of mappings"
        static func ambiguous(text: String, yaml12: String, yaml11: String) -> String {
            "`\(text)` is \(yaml12) in YAML 1.2 but \(yaml11) in YAML 1.1; quote it (\"\(text)\") so every tool reads it the same"
        }
        static func quoteFix(_ quoted: String) -> String { "quote it: \(quoted)" }
    }
}
