import Foundation

/// Kubernetes' named string formats (`format.dns1123Label()`, ..., `format.named(name)`): each
/// validates a string and returns its problems, with the messages of Kubernetes' validators
/// (k8s.io/apimachinery/pkg/util/validation).
struct NamedFormat: KubernetesPayload {
    static let celType = CELType(name: "kubernetes.NamedFormat")
    let name: String
    var description: String { "format.\(name)()" }
    func sameValue(as other: NamedFormat) -> Bool { name == other.name }

    /// The problems of `s` in this format (empty when valid).
    func validate(_ s: String) -> [String] {
        NamedFormats.validators[name]?(s) ?? []
    }
}

enum NamedFormats {
    static let labelPattern = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let subdomainPattern = labelPattern + "(\\." + labelPattern + ")*"
    static let dns1035Pattern = "[a-z]([-a-z0-9]*[a-z0-9])?"
    static let namePattern = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let labelValuePattern = "(" + namePattern + ")?"
    static let uuidPattern = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

    enum Message {
        static func maxLength(_ n: Int) -> String { "must be no more than \(n) characters" }
        static let dns1123Label = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '\(labelPattern)')"
        static let dns1123Subdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '\(subdomainPattern)')"
        static let dns1035Label = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '\(dns1035Pattern)')"
        static let qualifiedNamePart = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '\(namePattern)')"
        static let qualifiedName = "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '\(namePattern)') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        static let labelValue = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '\(labelValuePattern)')"
        static let uri = "invalid URI"
        static let uuid = "does not match the UUID format"
        static let byte = "invalid base64"
        static let date = "invalid date"
        static let datetime = "invalid datetime"
    }

    private static func matches(_ s: String, _ pattern: String) -> Bool {
        s.range(of: "^(?:" + pattern + ")$", options: .regularExpression) != nil
    }

    private static func check(_ s: String, max: Int, _ pattern: String, _ message: String) -> [String] {
        var problems: [String] = []
        if s.count > max { problems.append(Message.maxLength(max)) }
        if !matches(s, pattern) { problems.append(message) }
        return problems
    }

    /// A name that may be a prefix for generated names: a trailing '-' is allowed.
    private static func prefix(_ s: String) -> String { s.hasSuffix("-") ? String(s.dropLast()) + "a" : s }

    static let dns1123Label: @Sendable (String) -> [String] = { check($0, max: 63, labelPattern, Message.dns1123Label) }
    static let dns1123Subdomain: @Sendable (String) -> [String] = { check($0, max: 253, subdomainPattern, Message.dns1123Subdomain) }
    static let dns1035Label: @Sendable (String) -> [String] = { check($0, max: 63, dns1035Pattern, Message.dns1035Label) }

    static func qualifiedName(_ s: String) -> [String] {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        var name = s
        var problems: [String] = []
        switch parts.count {
        case 1: break
        case 2:
            if parts[0].isEmpty {
                problems.append("prefix part must be non-empty")
            } else {
                problems += dns1123Subdomain(String(parts[0])).map { "prefix part " + $0 }
            }
            name = String(parts[1])
        default:
            return [Message.qualifiedName]
        }
        if name.isEmpty { return problems + ["name part must be non-empty"] }
        if name.count > 63 { problems.append("name part " + Message.maxLength(63)) }
        if !matches(name, namePattern) { problems.append(Message.qualifiedNamePart) }
        return problems
    }

    static let validators: [String: @Sendable (String) -> [String]] = [
        "dns1123Label": dns1123Label,
        "dns1123Subdomain": dns1123Subdomain,
        "dns1035Label": dns1035Label,
        "qualifiedName": qualifiedName,
        "dns1123LabelPrefix": { dns1123Label(prefix($0)) },
        "dns1123SubdomainPrefix": { dns1123Subdomain(prefix($0)) },
        "dns1035LabelPrefix": { dns1035Label(prefix($0)) },
        "labelValue": { check($0, max: 63, labelValuePattern, Message.labelValue) },
        "uri": { s in
            do throws(RequestURI.ParseError) { _ = try RequestURI(parsing: s); return [] } catch { return [Message.uri] }
        },
        "uuid": { matches($0, uuidPattern) ? [] : [Message.uuid] },
        "byte": { Data(base64Encoded: $0) == nil ? [Message.byte] : [] },
        "date": { s in
            guard matches(s, "[0-9]{4}-[0-9]{2}-[0-9]{2}"), CalendarDate.parse(s) != nil else { return [Message.date] }
            return []
        },
        "datetime": { s in
            guard matches(s, "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"),
                  CELTimestamp(rfc3339: s) != nil else { return [Message.datetime] }
            return []
        },
    ]
}
