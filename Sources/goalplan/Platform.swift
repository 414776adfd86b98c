import GoalPlanCore

// The C library, for every file of the command line: the one place that says which.
#if canImport(Glibc)
    @_exported import Glibc
#elseif canImport(Darwin)
    @_exported import Darwin
#endif

/// The environment, read once at the edge.
var processEnvironment: [String: String] {
    var out: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
        let pair = String(cString: entry)
        if let eq = pair.firstIndex(of: "=") {
            out[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
        }
        pointer += 1
    }
    return out
}

/// This computer's clock, read in one place: today's date for a session, and the time a
/// draft was saved.
enum LocalClock {
    /// The local date and time now.
    private static func parts() -> (tm, time_t) {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return (parts, now)
    }

    /// Seconds since 1970, for names that must differ from one run to the next.
    static func seconds() -> Int { Int(time(nil)) }

    /// Today's date on this computer's calendar.
    static func today() -> CalendarDate {
        let (parts, now) = parts()
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? CalendarDate(dayNumber: Int(now) / 86_400)
            ?? CalendarDate.epoch
    }

    /// The local time, for a person to read: `2026-11-27 22:30`.
    static func now() -> String {
        let (parts, _) = parts()
        func pad(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return
            "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday)) \(pad(parts.tm_hour)):\(pad(parts.tm_min))"
    }
}

/// Ends the process with `status` (inside a command, `exit` names the parser's own method).
func exitProcess(_ status: Int32) -> Never { exit(status) }
