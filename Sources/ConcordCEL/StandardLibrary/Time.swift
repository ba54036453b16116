extension StandardLibrary {
    /// Timestamp and duration accessors: `getFullYear`, `getMonth`, `getDate`, `getDayOfMonth`,
    /// `getDayOfWeek`, `getDayOfYear`, `getHours`, `getMinutes`, `getSeconds`,
    /// `getMilliseconds`, each on a timestamp with an optional time zone argument
    /// (`"America/Los_Angeles"`, `"+02:00"`), and `getHours` ... `getMilliseconds` on durations.
    static func registerTime(into t: inout FunctionTable) {
        let getters: [String] = [
            "getFullYear", "getMonth", "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear",
            "getHours", "getMinutes", "getSeconds", "getMilliseconds",
        ]
        for name in getters {
            let impl: FunctionTable.Implementation = { args in
                switch args[0] {
                case .timestamp(let ts):
                    var offset: Int64 = 0
                    if args.count > 1 {
                        guard case .string(let zone) = args[1] else { return .error(.noOverload(name, args)) }
                        guard let o = ts.zoneOffset(zone) else { return .error("unknown time zone '\(zone)'") }
                        offset = o
                    }
                    let c = ts.components(offset: offset)
                    switch name {
                    case "getFullYear": return .int(c.year)
                    case "getMonth": return .int(c.month - 1)
                    case "getDate": return .int(c.day)
                    case "getDayOfMonth": return .int(c.day - 1)
                    case "getDayOfWeek": return .int(c.weekday)
                    case "getDayOfYear": return .int(c.dayOfYear)
                    case "getHours": return .int(c.hour)
                    case "getMinutes": return .int(c.minute)
                    case "getSeconds": return .int(c.second)
                    default: return .int(Int64(ts.nanos) / 1_000_000)
                    }
                case .duration(let d) where args.count == 1:
                    switch name {
                    case "getHours": return .int(d.nanoseconds / 3_600_000_000_000)
                    case "getMinutes": return .int(d.nanoseconds / 60_000_000_000)
                    case "getSeconds": return .int(d.nanoseconds / 1_000_000_000)
                    case "getMilliseconds": return .int(d.nanoseconds / 1_000_000)
                    default: return .error(.noOverload(name, args))
                    }
                default:
                    return .error(.noOverload(name, args))
                }
            }
            t.register(name, style: .receiver, arity: 0, impl)
            t.register(name, style: .receiver, arity: 1, impl)
        }
    }
}
