/// A day on the calendar, with no time and no time zone: what a plan's dates are.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or nil if the day does not exist (such as 31 April).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `2026-11-27`.
    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    /// `27 November 2026`: how a person reads a date on paper, in the current language
    /// (`27 de noviembre de 2026`).
    public var longForm: String {
        tr("\(day) \(Self.monthName(month)) \(year)", context: "date")
    }

    /// A month's name in the current language (1 is January).
    public static func monthName(_ month: Int) -> String {
        switch month {
        case 1: tr("January", context: "month")
        case 2: tr("February", context: "month")
        case 3: tr("March", context: "month")
        case 4: tr("April", context: "month")
        case 5: tr("May", context: "month")
        case 6: tr("June", context: "month")
        case 7: tr("July", context: "month")
        case 8: tr("August", context: "month")
        case 9: tr("September", context: "month")
        case 10: tr("October", context: "month")
        case 11: tr("November", context: "month")
        default: tr("December", context: "month")
        }
    }

    /// `Saturday`: the day of the week, in the current language.
    public var weekday: String {
        // 1 January 1970 was a Thursday, the fourth day from Monday.
        switch ((dayNumber % 7) + 7 + 3) % 7 {
        case 0: tr("Monday", context: "weekday")
        case 1: tr("Tuesday", context: "weekday")
        case 2: tr("Wednesday", context: "weekday")
        case 3: tr("Thursday", context: "weekday")
        case 4: tr("Friday", context: "weekday")
        case 5: tr("Saturday", context: "weekday")
        default: tr("Sunday", context: "weekday")
        }
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// The date `days` later (or earlier, when negative).
    public func adding(days: Int) -> CalendarDate {
        Self(dayNumber: dayNumber + days) ?? self
    }

    /// The same day `months` later, or the month's last day when it is shorter.
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let y = index / 12
        let m = index % 12 + 1
        let d = min(day, Self.daysIn(month: m, year: y))
        return Self(year: y, month: m, day: d) ?? self
    }

    /// Days since 1970-01-01 (proleptic Gregorian calendar).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init?(dayNumber: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension CalendarDate {
    /// 1 January 1970, for when no other date can be had.
    public static let epoch = CalendarDate(unchecked: 1970, 1, 1)

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}

/// Dates as plans write them (27 November 2026), or as people might (2026-11-27, 27 Nov 2026,
/// November 27, 2026).
extension CalendarDate {
    /// A date read back from a plan: the inverse of `longForm`, and of `iso`.
    init?(written text: String) {
        let t = text.trimmingSpaces
        if let iso = CalendarDate(iso: t) {
            self = iso
            return
        }
        // The words a language puts between day, month and year ("de") are not part of it.
        let fillers = Self.dateFillers
        let words = t.replacing(",", with: " ").split(whereSeparator: { $0.isWhitespace }).map(
            String.init
        ).filter { !fillers.contains($0.lowercased()) }
        guard words.count == 3 else { return nil }
        func month(_ w: String) -> Int? {
            guard w.count >= 3 else { return nil }
            let w = w.lowercased()
            return Self.monthNamesInEveryLanguage.first { names in names.contains { $0.hasPrefix(w) } }.flatMap {
                names in names.firstIndex { $0.hasPrefix(w) }.map { $0 + 1 }
            }
        }
        if let d = Int(words[0]), let m = month(words[1]), let y = Int(words[2]) {
            self.init(year: y, month: m, day: d)
        } else if let m = month(words[0]), let d = Int(words[1]), let y = Int(words[2]) {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }
}

extension CalendarDate {
    /// The month names of every built-in language, lower case, English first: a plan in
    /// any of them is read on any screen.
    static let monthNamesInEveryLanguage: [[String]] = MessageCatalog.allBuiltIn.map { catalog in
        MessageCatalog.$current.withValue(catalog) { (1...12).map { monthName($0).lowercased() } }
    }

    /// The words each language writes around a date's parts (`de` in `27 de noviembre de 2026`).
    static let dateFillers: Set<String> = Set(
        MessageCatalog.allBuiltIn.flatMap { catalog in
            TemplateWords.parts(
                catalog.tr("\(TemplateWords.mark) \(TemplateWords.mark) \(TemplateWords.mark)", context: "date")
            )
            .flatMap { $0.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init) }
        })
}
