/// The expression of a computed item (`compute:`): arithmetic over earlier answers, such as
/// `sum(interest, mood, sleep)`, `(total - 10) / 2`, `today + 4 weeks` or `review_date - today`.
public indirect enum Expression: Equatable, Sendable {
    case number(Double, offset: Int)
    case reference(Reference)
    case today(offset: Int)
    /// `4 weeks`: only added to or taken from a date.
    case duration(Int, DateUnit, offset: Int)
    case negate(Expression, offset: Int)
    case binary(Expression, Operator, Expression, offset: Int)
    case call(Function, [Expression], offset: Int)

    public enum Operator: String, Sendable {
        case plus = "+", minus = "-", times = "*", divide = "/"
    }

    public enum DateUnit: String, Sendable {
        case days, weeks, months
    }

    /// The functions an expression can call.
    public enum Function: String, CaseIterable, Sendable {
        /// The total of its numbers; answers not given count for nothing.
        case sum
        /// How many of its answers were given (for a list, how many items).
        case count
        case min, max
        /// The average of the answers given.
        case mean
        /// Rounded to a whole number, or to `digits` places: `round(x, 1)`.
        case round
    }

    /// Every answer the expression reads.
    public var references: [Reference] {
        switch self {
        case .reference(let r): [r]
        case .negate(let e, _): e.references
        case .binary(let a, _, let b, _): a.references + b.references
        case .call(_, let args, _): args.flatMap(\.references)
        case .number, .today, .duration: []
        }
    }

    var offset: Int {
        switch self {
        case .number(_, let o), .today(let o), .duration(_, _, let o), .negate(_, let o), .binary(_, _, _, let o),
            .call(_, _, let o):
            o
        case .reference(let r): r.offset
        }
    }

    /// Parses an expression. Names are question ids (dotted for a group's question); `today`
    /// is the day of the run.
    public static func parse(_ text: String) throws(ConditionSyntaxError) -> Expression {
        var parser = ExpressionParser(tokens: try ExpressionParser.tokens(text), length: text.count)
        let expression = try parser.sum()
        if let extra = parser.peek {
            throw ConditionSyntaxError(
                message: tr("unexpected \(extra.describe) after a complete expression"), offset: extra.offset)
        }
        return expression
    }

    /// The expression in plain words, for an outline.
    public var words: String {
        switch self {
        case .number(let n, _): ComputedValue.format(n)
        case .reference(let r): r.name
        case .today: "today"
        case .duration(let n, let unit, _): "\(n) \(unit.rawValue)"
        case .negate(let e, _): "-\(e.wordsNested)"
        case .binary(let a, let op, let b, _): "\(a.wordsNested) \(op.rawValue) \(b.wordsNested)"
        case .call(let f, let args, _): "\(f.rawValue)(\(args.map(\.words).joined(separator: ", ")))"
        }
    }

    private var wordsNested: String {
        if case .binary = self { return "(\(words))" }
        return words
    }
}

/// What a computed item (or a part of its expression) holds.
public enum ValueKind: String, Equatable, Sendable {
    case number, date, text, duration
    /// Several numbers: a question inside a repeat, read from outside it, or a multi answer.
    case numbers
    /// Several answers that are not numbers: they can only be counted.
    case answers
    /// Several dates: a date question of a repeat, read from outside it.
    case dates
    /// A choice whose choices have no numbers: it can only be counted.
    case unscored

    var words: String {
        switch self {
        case .number: tr("a number")
        case .date: tr("a date")
        case .text: tr("text", context: "value kind")
        case .duration: tr("a length of time")
        case .numbers: tr("several numbers")
        case .answers: tr("several answers")
        case .dates: tr("several dates")
        case .unscored: tr("a choice without numbers (give each choice a 'value' to score it)")
        }
    }
}

/// The value of a computed item, or of part of its expression.
public enum ComputedValue: Equatable, Sendable {
    case none
    case number(Double)
    case date(CalendarDate)
    case text(String)
    case duration(Int, Expression.DateUnit)
    /// Numbers to add up or count, with how many answers were not numbers (still counted).
    case numbers([Double], others: Int)
    /// The dates of a repeat's rounds.
    case dates([CalendarDate])

    /// The value as an answer: whole numbers as numbers, others as text.
    public var answer: AnswerValue? {
        switch self {
        case .none, .duration, .numbers, .dates: nil
        case .number(let n):
            !n.isFinite || abs(n) > Self.largest ? nil : n == n.rounded() ? .number(Int(n)) : .text(Self.format(n))
        case .date(let d): .date(d)
        case .text(let t): .text(t)
        }
    }

    /// A number as a person reads it: `13`, `47.3`, `0.25`.
    public static func format(_ n: Double) -> String {
        guard n.isFinite else { return "?" }
        if n == n.rounded() && abs(n) < 1e15 { return String(Int(n)) }
        // Past what four places hold exactly, as Swift writes doubles (1e+20).
        guard abs(n) < 1e12 else { return String(n) }
        // Up to four places, without trailing zeros.
        let scaled = (abs(n) * 10_000).rounded()
        let whole = Int(scaled) / 10_000
        var places = String(Int(scaled) % 10_000)
        places = String(repeating: "0", count: 4 - places.count) + places
        while places.hasSuffix("0") { places.removeLast() }
        let sign = n < 0 && scaled > 0 ? "-" : ""
        return sign + String(whole) + (places.isEmpty ? "" : "." + places)
    }

    /// The largest number a computed value may hold; past it, the value is left empty.
    public static let largest = 1e12
}

extension Expression {
    /// Evaluates the expression. `resolve` gives each answer it reads: `.none` when not given.
    public func evaluate(today: CalendarDate, _ resolve: (Reference) -> ComputedValue) -> ComputedValue {
        let value = evaluateUnchecked(today: today, resolve)
        // Numbers too large to be a score are no value at all.
        if case .number(let n) = value, !n.isFinite || abs(n) > ComputedValue.largest { return .none }
        return value
    }

    private func evaluateUnchecked(today: CalendarDate, _ resolve: (Reference) -> ComputedValue) -> ComputedValue {
        switch self {
        case .number(let n, _): return .number(n)
        case .today: return .date(today)
        case .duration(let n, let unit, _): return .duration(n, unit)
        case .reference(let r): return resolve(r)
        case .negate(let e, _):
            if case .number(let n) = e.evaluate(today: today, resolve) { return .number(-n) }
            return .none
        case .binary(let a, let op, let b, _):
            return Self.apply(op, a.evaluate(today: today, resolve), b.evaluate(today: today, resolve))
        case .call(let f, let args, _):
            let values = args.map { $0.evaluate(today: today, resolve) }
            if f == .round {
                guard case .number(let n)? = values.first else { return .none }
                var places = 0
                if values.count > 1, case .number(let p) = values[1], p.isFinite { places = Int(max(0, min(p, 6))) }
                var scale = 1.0
                for _ in 0..<places { scale *= 10 }
                return .number((n * scale).rounded() / scale)
            }
            var numbers: [Double] = []
            var dates: [CalendarDate] = []
            var answered = 0
            for value in values {
                switch value {
                case .number(let n):
                    numbers.append(n)
                    answered += 1
                case .numbers(let list, let others):
                    numbers += list
                    answered += list.count + others
                case .date(let d):
                    dates.append(d)
                    answered += 1
                case .dates(let list):
                    dates += list
                    answered += list.count
                case .none: break
                default: answered += 1
                }
            }
            // The earliest or latest of dates.
            if f == .min || f == .max, numbers.isEmpty, !dates.isEmpty {
                return .date(f == .min ? dates.min()! : dates.max()!)
            }
            switch f {
            case .sum: return .number(numbers.reduce(0, +))
            case .count: return .number(Double(answered))
            case .min: return numbers.min().map { .number($0) } ?? .none
            case .max: return numbers.max().map { .number($0) } ?? .none
            case .mean: return numbers.isEmpty ? .none : .number(numbers.reduce(0, +) / Double(numbers.count))
            case .round: return .none
            }
        }
    }

    static func apply(_ op: Operator, _ a: ComputedValue, _ b: ComputedValue) -> ComputedValue {
        switch (a, op, b) {
        case (.number(let x), .plus, .number(let y)): return .number(x + y)
        case (.number(let x), .minus, .number(let y)): return .number(x - y)
        case (.number(let x), .times, .number(let y)): return .number(x * y)
        case (.number(let x), .divide, .number(let y)): return y == 0 ? .none : .number(x / y)
        case (.date(let d), .plus, .duration(let n, let unit)), (.duration(let n, let unit), .plus, .date(let d)):
            return Self.add(n, unit, to: d).map { .date($0) } ?? .none
        case (.date(let d), .minus, .duration(let n, let unit)):
            return Self.add(-n, unit, to: d).map { .date($0) } ?? .none
        case (.date(let x), .minus, .date(let y)): return .number(Double(x.dayNumber - y.dayNumber))
        default: return .none
        }
    }

    static func add(_ n: Int, _ unit: DateUnit, to date: CalendarDate) -> CalendarDate? {
        let days = unit == .days ? n : unit == .weeks ? 7 * n : 0
        let months = unit == .months ? n : 0
        // Past year 9999 or before year 1 a date is not one a plan can hold.
        guard abs(days) <= 3_650_000, abs(months) <= 120_000 else { return nil }
        let result = months != 0 ? date.adding(months: months) : date.adding(days: days)
        guard (1...9999).contains(result.year), result != date || n == 0 else { return nil }
        return result
    }

    /// The kind of value the expression gives, or why it cannot be worked out, with the offset of
    /// the part at fault. `kind` gives the kind of each answer it reads.
    public func kind(_ kindOf: (Reference) -> ValueKind?) -> Result<ValueKind, ConditionSyntaxError> {
        func fail(_ message: String, _ at: Int) -> Result<ValueKind, ConditionSyntaxError> {
            .failure(ConditionSyntaxError(message: message, offset: at))
        }
        switch self {
        case .number: return .success(.number)
        case .today: return .success(.date)
        case .duration: return .success(.duration)
        case .reference(let r):
            guard let k = kindOf(r) else { return fail(tr("'\(r.name)' cannot be used in a sum"), r.offset) }
            return .success(k)
        case .negate(let e, let at):
            switch e.kind(kindOf) {
            case .success(.number): return .success(.number)
            case .success(let k): return fail(tr("'-' needs a number here, not \(k.words)"), at)
            case .failure(let f): return .failure(f)
            }
        case .binary(let a, let op, let b, let at):
            let left: ValueKind
            let right: ValueKind
            switch a.kind(kindOf) {
            case .success(let k): left = k
            case .failure(let f): return .failure(f)
            }
            switch b.kind(kindOf) {
            case .success(let k): right = k
            case .failure(let f): return .failure(f)
            }
            if op == .divide, case .number(0, _) = b { return fail(tr("dividing by 0 never gives a value"), at) }
            switch (left, op, right) {
            case (.number, _, .number): return .success(.number)
            case (.date, .plus, .duration), (.duration, .plus, .date), (.date, .minus, .duration):
                return .success(.date)
            case (.date, .minus, .date): return .success(.number)
            case (.numbers, _, _), (_, _, .numbers), (.answers, _, _), (_, _, .answers), (.dates, _, _), (_, _, .dates):
                return fail(
                    tr(
                        "'\(op.rawValue)' works on single values; add several answers up with sum(...), or count them with count(...)"
                    ),
                    at)
            default:
                return fail(tr("cannot work out \(left.words) \(op.rawValue) \(right.words)"), at)
            }
        case .call(let f, let args, let at):
            if args.isEmpty { return fail(tr("\(f.rawValue)(...) needs at least one answer inside"), at) }
            if f == .round {
                if args.count > 2 { return fail(tr("round(...) takes a number and, optionally, how many places"), at) }
                for arg in args {
                    switch arg.kind(kindOf) {
                    case .success(.number): continue
                    case .success(let k): return fail(tr("round(...) needs a number, not \(k.words)"), arg.offset)
                    case .failure(let e): return .failure(e)
                    }
                }
                return .success(.number)
            }
            var kinds: [ValueKind] = []
            for arg in args {
                switch arg.kind(kindOf) {
                case .success(let k): kinds.append(k)
                case .failure(let e): return .failure(e)
                }
            }
            if f == .count { return .success(.number) }
            // min and max of dates give a date: the earliest, the latest.
            if f == .min || f == .max, kinds.allSatisfy({ $0 == .date || $0 == .dates }) { return .success(.date) }
            for (arg, k) in zip(args, kinds) where k != .number && k != .numbers {
                return fail(
                    f == .min || f == .max
                        ? tr("\(f.rawValue)(...) compares numbers (or dates); \(arg.words) is \(k.words)")
                        : tr("\(f.rawValue)(...) works on numbers; \(arg.words) is \(k.words)"), arg.offset)
            }
            return .success(.number)
        }
    }

    /// The least and most the expression can be, given the range of each answer it reads; nil
    /// when that cannot be told.
    public func range(
        _ rangeOf: (Reference) -> ClosedRange<Double>?, count countOf: (Reference) -> Int?,
        required: (Reference) -> Bool = { _ in false }
    ) -> ClosedRange<Double>? {
        guard let r = rangeUnchecked(rangeOf, count: countOf, required: required), r.lowerBound.isFinite,
            r.upperBound.isFinite, abs(r.lowerBound) <= ComputedValue.largest,
            abs(r.upperBound) <= ComputedValue.largest
        else { return nil }
        return r
    }

    func rangeUnchecked(
        _ rangeOf: (Reference) -> ClosedRange<Double>?, count countOf: (Reference) -> Int?,
        required: (Reference) -> Bool
    ) -> ClosedRange<Double>? {
        switch self {
        case .number(let n, _): return n...n
        case .today, .duration: return nil
        case .reference(let r): return rangeOf(r)
        case .negate(let e, _):
            return e.rangeUnchecked(rangeOf, count: countOf, required: required).map {
                (-$0.upperBound)...(-$0.lowerBound)
            }
        case .binary(let a, let op, let b, _):
            guard let x = a.rangeUnchecked(rangeOf, count: countOf, required: required),
                let y = b.rangeUnchecked(rangeOf, count: countOf, required: required)
            else { return nil }
            let corners: [Double]
            switch op {
            case .plus: return (x.lowerBound + y.lowerBound)...(x.upperBound + y.upperBound)
            case .minus: return (x.lowerBound - y.upperBound)...(x.upperBound - y.lowerBound)
            case .times:
                corners = [
                    x.lowerBound * y.lowerBound, x.lowerBound * y.upperBound, x.upperBound * y.lowerBound,
                    x.upperBound * y.upperBound,
                ]
            case .divide:
                guard y.lowerBound > 0 || y.upperBound < 0 else { return nil }
                corners = [
                    x.lowerBound / y.lowerBound, x.lowerBound / y.upperBound, x.upperBound / y.lowerBound,
                    x.upperBound / y.upperBound,
                ]
            }
            return corners.min()!...corners.max()!
        case .call(let f, let args, _):
            if f == .count {
                var most = 0
                for arg in args {
                    if case .reference(let r) = arg, let n = countOf(r) { most += n } else { most += 1 }
                }
                return 0...Double(most)
            }
            var parts: [(range: ClosedRange<Double>, count: Int, always: Bool)] = []
            for arg in args {
                guard let r = arg.rangeUnchecked(rangeOf, count: countOf, required: required) else { return nil }
                var n = 1
                var always = true
                if case .reference(let ref) = arg {
                    if let many = countOf(ref) { n = many }
                    always = countOf(ref) == nil && required(ref)
                }
                parts.append((r, n, always))
            }
            switch f {
            case .sum:
                // An answer not given counts as nothing, so 0 is within reach, but for a
                // question that is always answered.
                let low = parts.reduce(0.0) {
                    $0 + ($1.always ? $1.range.lowerBound : Swift.min($1.range.lowerBound * Double($1.count), 0))
                }
                let high = parts.reduce(0.0) {
                    $0 + ($1.always ? $1.range.upperBound : Swift.max($1.range.upperBound * Double($1.count), 0))
                }
                return low...high
            case .min, .max, .mean:
                guard let low = parts.map(\.range.lowerBound).min(), let high = parts.map(\.range.upperBound).max()
                else {
                    return nil
                }
                return low...high
            case .round:
                return parts.first.map { $0.range.lowerBound.rounded(.down)...$0.range.upperBound.rounded(.up) }
            case .count:
                return nil
            }
        }
    }
}

/// Score ranges and the words for each (`bands:`), such as 0-4 "Minimal", 5-9 "Mild".
public struct Band: Equatable, Sendable {
    public var from: Double
    public var to: Double
    public var label: String

    public init(from: Double, to: Double, label: String) {
        self.from = from
        self.to = to
        self.label = label
    }
}

extension [Band] {
    /// The band a score falls in: `from` at most the score, which is below the next band's start.
    public func label(for score: Double) -> String? {
        for (i, band) in enumerated() {
            let end = i + 1 < count ? self[i + 1].from : band.to
            if score >= band.from && (score < end || (i + 1 == count && score <= band.to)) { return band.label }
        }
        return nil
    }
}

// MARK: Parsing

struct ExpressionParser {
    struct Token: Equatable {
        enum Kind: Equatable {
            case number(Double)
            case name(String)
            case symbol(Character)
        }
        var kind: Kind
        var offset: Int

        var describe: String {
            switch kind {
            case .number(let n): "'\(ComputedValue.format(n))'"
            case .name(let n): "'\(n)'"
            case .symbol(let c): "'\(c)'"
            }
        }
    }

    var tokens: [Token]
    var length: Int
    var index = 0

    var peek: Token? { index < tokens.count ? tokens[index] : nil }

    static func tokens(_ text: String) throws(ConditionSyntaxError) -> [Token] {
        let chars = Array(text)
        var out: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
                continue
            }
            let start = i
            if c.isASCII && c.isNumber {
                while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." { i += 1 }
                guard let n = Double(String(chars[start..<i])), n.isFinite, abs(n) < 1e12 else {
                    throw ConditionSyntaxError(
                        message: tr("'\(String(chars[start..<i]))' is not a number"), offset: start)
                }
                out.append(Token(kind: .number(n), offset: start))
            } else if c.isASCII && (c.isLetter || c == "_") {
                // Ids may hold '-', so a minus sign needs a space before it.
                while i < chars.count, chars[i].isASCII,
                    chars[i].isLetter || chars[i].isNumber || "_-.".contains(chars[i])
                {
                    i += 1
                }
                out.append(Token(kind: .name(String(chars[start..<i])), offset: start))
            } else if "+-*/(),".contains(c) {
                i += 1
                out.append(Token(kind: .symbol(c), offset: start))
            } else if c == "'" || c == "\"" {
                throw ConditionSyntaxError(
                    message: tr("an expression works with numbers and dates; text in quotes has no place in it"),
                    offset: start)
            } else {
                throw ConditionSyntaxError(message: tr("unexpected character '\(c)'"), offset: start)
            }
        }
        return out
    }

    mutating func take() -> Token? {
        defer { index += 1 }
        return peek
    }

    mutating func takeSymbol(_ c: Character) -> Token? {
        guard let t = peek, t.kind == .symbol(c) else { return nil }
        index += 1
        return t
    }

    mutating func sum() throws(ConditionSyntaxError) -> Expression {
        var left = try product()
        while let t = peek, case .symbol(let c) = t.kind, c == "+" || c == "-" {
            index += 1
            left = .binary(left, c == "+" ? .plus : .minus, try product(), offset: t.offset)
        }
        return left
    }

    mutating func product() throws(ConditionSyntaxError) -> Expression {
        var left = try unary()
        while let t = peek, case .symbol(let c) = t.kind, c == "*" || c == "/" {
            index += 1
            left = .binary(left, c == "*" ? .times : .divide, try unary(), offset: t.offset)
        }
        return left
    }

    mutating func unary() throws(ConditionSyntaxError) -> Expression {
        if let minus = takeSymbol("-") { return .negate(try unary(), offset: minus.offset) }
        return try atom()
    }

    mutating func atom() throws(ConditionSyntaxError) -> Expression {
        guard let token = take() else {
            throw ConditionSyntaxError(message: tr("the expression ends too soon"), offset: length)
        }
        switch token.kind {
        case .number(let n):
            if case .name(let word)? = peek?.kind, let unit = Self.unit(word) {
                index += 1
                guard n == n.rounded() else {
                    throw ConditionSyntaxError(message: tr("a length of time is a whole number"), offset: token.offset)
                }
                let years = unit == .days ? n / 365 : unit == .weeks ? n / 52 : n / 12
                guard years <= 100 else {
                    throw ConditionSyntaxError(
                        message:
                            tr(
                                "\(ComputedValue.format(n)) \(unit.rawValue) is over a hundred years; a plan's dates are nearer"
                            ),
                        offset: token.offset)
                }
                return .duration(Int(n), unit, offset: token.offset)
            }
            return .number(n, offset: token.offset)
        case .symbol("("):
            let inner = try sum()
            guard takeSymbol(")") != nil else {
                throw ConditionSyntaxError(message: tr("'(' here is never closed"), offset: token.offset)
            }
            return inner
        case .symbol(let c):
            throw ConditionSyntaxError(
                message: tr("expected a number or an answer's id, found '\(c)'"), offset: token.offset)
        case .name(let name):
            if takeSymbol("(") != nil {
                guard let function = Expression.Function(rawValue: name.lowercased()) else {
                    let names = Expression.Function.allCases.map(\.rawValue)
                    throw ConditionSyntaxError(
                        message: tr(
                            "unknown function '\(name)'\(Suggestions.hint(for: name, in: names)); there are \(names.joined(separator: ", "))"
                        ), offset: token.offset)
                }
                var args: [Expression] = []
                if takeSymbol(")") == nil {
                    repeat { args.append(try sum()) } while takeSymbol(",") != nil
                    guard takeSymbol(")") != nil else {
                        throw ConditionSyntaxError(
                            message: tr("\(name)( here is never closed, or a ',' is missing"), offset: token.offset)
                    }
                }
                return .call(function, args, offset: token.offset)
            }
            if name == "today" { return .today(offset: token.offset) }
            if Self.unit(name) != nil {
                throw ConditionSyntaxError(
                    message: tr("put a number before '\(name)', as in 2 \(name)"), offset: token.offset)
            }
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else {
                throw ConditionSyntaxError(
                    message: tr("'\(name)' is not an answer's id; write an id, or group.id"), offset: token.offset)
            }
            let reference =
                parts.count == 2
                ? Reference(questionID: String(parts[1]), groupID: String(parts[0]), offset: token.offset)
                : Reference(questionID: name, groupID: nil, offset: token.offset)
            return .reference(reference)
        }
    }

    static func unit(_ word: String) -> Expression.DateUnit? {
        switch word.lowercased() {
        case "day", "days": .days
        case "week", "weeks": .weeks
        case "month", "months": .months
        default: nil
        }
    }
}
