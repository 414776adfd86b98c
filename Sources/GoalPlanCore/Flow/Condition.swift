/// A `when:` condition over earlier answers, such as
/// `area == 'relationships' and (rating < 5 or not steps is empty)`.
public indirect enum Condition: Equatable, Sendable {
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)
    case compare(Operand, Comparison, Operand)
    /// A multi or list answer holding an item (or text holding a phrase).
    case contains(Operand, Operand)
    case answered(Reference)
    case empty(Reference)

    /// Every answer the condition reads.
    public var references: [Reference] {
        switch self {
        case .and(let a, let b), .or(let a, let b): a.references + b.references
        case .not(let c): c.references
        case .compare(let a, _, let b), .contains(let a, let b): [a, b].compactMap(\.reference)
        case .answered(let r), .empty(let r): [r]
        }
    }
}

/// A comparison operator.
public enum Comparison: String, Sendable, CaseIterable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    /// How a clinician reads `left op right`, in the current language.
    func words(_ left: String, _ right: String) -> String {
        switch self {
        case .equal: tr("\(left) is \(right)")
        case .notEqual: tr("\(left) is not \(right)")
        case .less: tr("\(left) is less than \(right)")
        case .lessOrEqual: tr("\(left) is at most \(right)")
        case .greater: tr("\(left) is more than \(right)")
        case .greaterOrEqual: tr("\(left) is at least \(right)")
        }
    }
}

/// An earlier answer named in a condition or a `{{...}}` placeholder, and where it was written.
public struct Reference: Equatable, Sendable {
    /// The question id (the last part of a dotted name such as `goals.goal`).
    public var questionID: String
    /// The group named before it, if any (`goals` in `goals.goal`).
    public var groupID: String?
    /// The offset of the name in the text it came from, in characters.
    public var offset: Int

    public var name: String { groupID.map { "\($0).\(questionID)" } ?? questionID }
}

/// One side of a comparison.
public enum Operand: Equatable, Sendable {
    case reference(Reference)
    case text(String, offset: Int)
    case number(Double, offset: Int)

    var reference: Reference? {
        if case .reference(let r) = self { r } else { nil }
    }

    var words: String {
        switch self {
        case .reference(let r): "'\(r.name)'"
        case .text(let s, _): "\"\(s)\""
        case .number(let n, _): ComputedValue.format(n)
        }
    }
}

/// A mistake in a condition's wording, with its offset in the text.
public struct ConditionSyntaxError: Error, Equatable, Sendable {
    public var message: String
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }
}

extension Condition {
    /// Parses a condition. Strings go in quotes; names are question ids, optionally dotted.
    public static func parse(_ text: String) throws(ConditionSyntaxError) -> Condition {
        var parser = ConditionParser(tokens: try ConditionLexer.tokens(text), length: text.count)
        let condition = try parser.parseOr()
        if let extra = parser.peek {
            throw ConditionSyntaxError(
                message: tr("unexpected \(extra.kind.describe) after a complete condition"), offset: extra.offset)
        }
        return condition
    }

    /// The condition in plain words, for a clinician reading an outline.
    public var words: String {
        switch self {
        case .and(let a, let b): tr("\(a.wordsNested) and \(b.wordsNested)", context: "condition")
        case .or(let a, let b): tr("\(a.wordsNested) or \(b.wordsNested)", context: "condition")
        case .not(let c): tr("not (\(c.words))", context: "condition")
        case .compare(let a, let op, let b): op.words(a.words, b.words)
        case .contains(let a, let b): tr("\(a.words) includes \(b.words)")
        case .answered(let r): tr("'\(r.name)' was answered")
        case .empty(let r): tr("'\(r.name)' was left empty")
        }
    }

    private var wordsNested: String {
        switch self {
        case .and, .or: "(\(words))"
        default: words
        }
    }
}

// MARK: Evaluation

/// An answer as a condition sees it.
public enum ConditionValue: Equatable, Sendable {
    case none
    case text(String)
    case number(Double)
    case list([String])
    /// A choice with a number of its own: equal to its id, and compared as its number.
    case scored(String, Double)

    init(_ answer: AnswerValue?, question: Question? = nil) {
        switch answer {
        case nil, .skipped: self = .none
        case .text(let s): self = .text(s)
        case .choice(let id):
            if let n = question?.score(ofChoice: id) {
                self = .scored(id, Double(n))
            } else {
                self = .text(id)
            }
        case .choices(let ids): self = .list(ids)
        case .items(let items): self = .list(items)
        case .number(let n): self = .number(Double(n))
        case .yes(let b): self = .text(YesNo.word(b))
        case .date(let d): self = .text(d.iso)
        }
    }

    var isEmpty: Bool {
        switch self {
        case .none: true
        case .text(let s): s.isEmpty
        case .list(let items): items.isEmpty
        case .number, .scored: false
        }
    }
}

extension Condition {
    /// Evaluates the condition, reading answers through `lookup`. An unanswered question makes
    /// every comparison false except `!=`, which is true.
    public func evaluate(_ lookup: (Reference) -> ConditionValue) -> Bool {
        switch self {
        case .and(let a, let b): return a.evaluate(lookup) && b.evaluate(lookup)
        case .or(let a, let b): return a.evaluate(lookup) || b.evaluate(lookup)
        case .not(let c): return !c.evaluate(lookup)
        case .answered(let r): return !lookup(r).isEmpty
        case .empty(let r): return lookup(r).isEmpty
        case .contains(let a, let b):
            let needle = Self.value(b, lookup)
            guard case .text(let word) = needle.asText else { return false }
            switch Self.value(a, lookup) {
            case .list(let items): return items.contains { $0.lowercased() == word.lowercased() }
            case .text(let s): return s.lowercased().contains(word.lowercased())
            default: return false
            }
        case .compare(let a, let op, let b):
            let (left, right) = (Self.value(a, lookup), Self.value(b, lookup))
            if op == .notEqual { return !Self.equal(left, right) }
            if op == .equal { return Self.equal(left, right) }
            guard let order = Self.order(left, right) else { return false }
            switch op {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            case .equal, .notEqual: return false
            }
        }
    }

    private static func value(_ operand: Operand, _ lookup: (Reference) -> ConditionValue) -> ConditionValue {
        switch operand {
        case .reference(let r): lookup(r)
        case .text(let s, _): .text(s)
        case .number(let n, _): .number(n)
        }
    }

    private static func equal(_ a: ConditionValue, _ b: ConditionValue) -> Bool {
        switch (a, b) {
        case (.none, _), (_, .none): return false
        case (.scored(_, let x), .number(let y)), (.number(let y), .scored(_, let x)): return x == y
        case (.scored(let id, _), _): return equal(.text(id), b)
        case (_, .scored(let id, _)): return equal(a, .text(id))
        case (.number(let x), .number(let y)): return x == y
        case (.number(let x), .text(let s)), (.text(let s), .number(let x)): return Double(s) == x
        case (.text(let x), .text(let y)): return x.lowercased() == y.lowercased()
        case (.list(let x), .list(let y)): return x.map { $0.lowercased() } == y.map { $0.lowercased() }
        default: return false
        }
    }

    private static func order(_ a: ConditionValue, _ b: ConditionValue) -> Int? {
        switch (a, b) {
        case (.scored(_, let x), _): return order(.number(x), b)
        case (_, .scored(_, let y)): return order(a, .number(y))
        case (.number(let x), .number(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.number(let x), .text(let s)): return Double(s).map { x < $0 ? -1 : (x == $0 ? 0 : 1) }
        case (.text(let s), .number(let y)): return Double(s).map { $0 < y ? -1 : ($0 == y ? 0 : 1) }
        case (.text(let x), .text(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        default: return nil
        }
    }
}

extension ConditionValue {
    var asText: ConditionValue {
        switch self {
        case .number(let n): .text(n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n))
        case .scored(let id, _): .text(id)
        default: self
        }
    }
}

// MARK: Lexing and parsing

struct ConditionToken: Equatable {
    enum Kind: Equatable {
        case name(String)
        case text(String)
        case number(Double)
        case symbol(String)
        case keyword(String)

        var describe: String {
            switch self {
            case .name(let n): "'\(n)'"
            case .text(let s): "'\(s)'"
            case .number(let n): "'\(n)'"
            case .symbol(let s): "'\(s)'"
            case .keyword(let k): "'\(k)'"
            }
        }
    }
    var kind: Kind
    var offset: Int
}

enum ConditionLexer {
    static let keywords: Set<String> = ["and", "or", "not", "contains", "is", "answered", "empty"]

    static func tokens(_ text: String) throws(ConditionSyntaxError) -> [ConditionToken] {
        let chars = Array(text)
        var tokens: [ConditionToken] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
                continue
            }
            let start = i
            if c == "'" || c == "\"" {
                i += 1
                var value = ""
                while i < chars.count, chars[i] != c {
                    value.append(chars[i])
                    i += 1
                }
                guard i < chars.count else {
                    throw ConditionSyntaxError(message: tr("text starting here has no closing \(c)"), offset: start)
                }
                i += 1
                tokens.append(ConditionToken(kind: .text(value), offset: start))
            } else if c.isASCII && c.isNumber
                || (c == "-" && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber)
            {
                i += 1
                // Whole numbers, or decimals such as 2.5 (a computed mean).
                while i < chars.count, chars[i].isASCII,
                    chars[i].isNumber
                        || (chars[i] == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber)
                {
                    i += 1
                }
                guard let n = Double(String(chars[start..<i])), abs(n) <= ComputedValue.largest else {
                    throw ConditionSyntaxError(message: tr("number is too large"), offset: start)
                }
                tokens.append(ConditionToken(kind: .number(n), offset: start))
            } else if c.isASCII && (c.isLetter || c == "_") {
                while i < chars.count, chars[i].isASCII,
                    chars[i].isLetter || chars[i].isNumber || "_-.".contains(chars[i])
                {
                    i += 1
                }
                let word = String(chars[start..<i])
                let kind: ConditionToken.Kind =
                    keywords.contains(word.lowercased()) ? .keyword(word.lowercased()) : .name(word)
                tokens.append(ConditionToken(kind: kind, offset: start))
            } else if "=!<>".contains(c) {
                var op = String(c)
                if i + 1 < chars.count, chars[i + 1] == "=" { op.append("=") }
                guard Comparison(rawValue: op) != nil else {
                    throw ConditionSyntaxError(
                        message: op == "=" ? tr("use '==' to compare") : tr("unknown operator '\(op)'"), offset: start)
                }
                i += op.count
                tokens.append(ConditionToken(kind: .symbol(op), offset: start))
            } else if c == "(" || c == ")" {
                i += 1
                tokens.append(ConditionToken(kind: .symbol(String(c)), offset: start))
            } else {
                throw ConditionSyntaxError(message: tr("unexpected character '\(c)'"), offset: start)
            }
        }
        return tokens
    }
}

struct ConditionParser {
    var tokens: [ConditionToken]
    var length: Int
    var index = 0

    var peek: ConditionToken? { index < tokens.count ? tokens[index] : nil }

    mutating func take() -> ConditionToken? {
        defer { index += 1 }
        return peek
    }

    mutating func takeKeyword(_ word: String) -> Bool {
        if peek?.kind == .keyword(word) {
            index += 1
            return true
        }
        return false
    }

    mutating func parseOr() throws(ConditionSyntaxError) -> Condition {
        var left = try parseAnd()
        while takeKeyword("or") { left = .or(left, try parseAnd()) }
        return left
    }

    mutating func parseAnd() throws(ConditionSyntaxError) -> Condition {
        var left = try parseNot()
        while takeKeyword("and") { left = .and(left, try parseNot()) }
        return left
    }

    mutating func parseNot() throws(ConditionSyntaxError) -> Condition {
        if takeKeyword("not") { return .not(try parseNot()) }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws(ConditionSyntaxError) -> Condition {
        if peek?.kind == .symbol("(") {
            let open = take()
            let inner = try parseOr()
            guard peek?.kind == .symbol(")") else {
                throw ConditionSyntaxError(message: tr("'(' here is never closed"), offset: open?.offset ?? 0)
            }
            index += 1
            return inner
        }
        let left = try parseOperand()
        guard let next = peek else {
            throw ConditionSyntaxError(
                message: tr("a condition needs a comparison, such as \(left.words) == 'x', or 'is answered'"),
                offset: length)
        }
        switch next.kind {
        case .symbol(let op):
            guard let comparison = Comparison(rawValue: op) else {
                throw ConditionSyntaxError(
                    message: tr("expected a comparison, found \(next.kind.describe)"), offset: next.offset)
            }
            index += 1
            return .compare(left, comparison, try parseOperand())
        case .keyword("contains"):
            index += 1
            return .contains(left, try parseOperand())
        case .keyword("is"):
            index += 1
            guard case .reference(let ref) = left else {
                throw ConditionSyntaxError(
                    message: tr("'is answered' and 'is empty' follow a question id"), offset: next.offset)
            }
            let negated = takeKeyword("not")
            let word = take()
            let test: Condition
            switch word?.kind {
            case .keyword("answered"): test = .answered(ref)
            case .keyword("empty"): test = .empty(ref)
            default:
                throw ConditionSyntaxError(
                    message: tr("expected 'answered' or 'empty' after 'is'"), offset: word?.offset ?? length)
            }
            return negated ? .not(test) : test
        default:
            throw ConditionSyntaxError(
                message:
                    tr(
                        "expected a comparison (==, !=, <, <=, >, >=, contains, is) after \(left.words), found \(next.kind.describe)"
                    ),
                offset: next.offset)
        }
    }

    mutating func parseOperand() throws(ConditionSyntaxError) -> Operand {
        guard let token = take() else {
            throw ConditionSyntaxError(message: tr("the condition ends too soon"), offset: length)
        }
        switch token.kind {
        case .name(let name):
            return .reference(Self.reference(name, offset: token.offset))
        case .text(let s):
            return .text(s, offset: token.offset)
        case .number(let n):
            return .number(n, offset: token.offset)
        case .symbol, .keyword:
            throw ConditionSyntaxError(
                message: tr("expected a question id, 'text' or a number, found \(token.kind.describe)"),
                offset: token.offset)
        }
    }

    static func reference(_ name: String, offset: Int) -> Reference {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        return parts.count == 2
            ? Reference(questionID: parts[1], groupID: parts[0], offset: offset)
            : Reference(questionID: name, groupID: nil, offset: offset)
    }
}

// MARK: Templates

/// Text with `{{id}}` placeholders for earlier answers.
public enum Template {
    /// The placeholders in `text`, with their offsets.
    public static func references(in text: String) -> [Reference] {
        guard text.utf8.contains(UInt8(ascii: "{")) else { return [] }
        return pieces(text).compactMap { if case .reference(let r) = $0 { r } else { nil } }
    }

    /// Fills each placeholder with `value(reference)`.
    public static func render(_ text: String, _ value: (Reference) -> String) -> String {
        guard text.utf8.contains(UInt8(ascii: "{")), text.contains("{{") else { return text }
        return pieces(text).map { piece in
            switch piece {
            case .literal(let s): s
            case .reference(let r): value(r)
            }
        }.joined()
    }

    enum Piece {
        case literal(String)
        case reference(Reference)
    }

    static func pieces(_ text: String) -> [Piece] {
        var out: [Piece] = []
        var rest = text[...]
        var offset = 0
        while let open = pair(UInt8(ascii: "{"), in: rest) {
            guard let close = pair(UInt8(ascii: "}"), in: rest[open.upperBound...]) else { break }
            out.append(.literal(String(rest[..<open.lowerBound])))
            let inner = rest[open.upperBound..<close.lowerBound]
            let leading = inner.prefix { $0 == " " }.count
            let name = String(inner).trimmingSpaces
            let nameOffset = offset + rest.distance(from: rest.startIndex, to: open.upperBound) + leading
            out.append(.reference(ConditionParser.reference(name, offset: nameOffset)))
            offset += rest.distance(from: rest.startIndex, to: close.upperBound)
            rest = rest[close.upperBound...]
        }
        out.append(.literal(String(rest)))
        return out
    }

    /// Where `byte` first appears twice in a row (`{{`, `}}`), scanning bytes: both are ASCII,
    /// so the range falls on character boundaries. A string search here cost check 7% of its time.
    private static func pair(_ byte: UInt8, in text: Substring) -> Range<String.Index>? {
        let bytes = text.utf8
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == byte {
                let next = bytes.index(after: i)
                if next < bytes.endIndex, bytes[next] == byte { return i..<bytes.index(after: next) }
            }
            i = bytes.index(after: i)
        }
        return nil
    }
}
