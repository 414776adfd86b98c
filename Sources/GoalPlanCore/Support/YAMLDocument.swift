import Yams

/// A YAML file read safely: size and depth capped before parsing, anchors and aliases refused,
/// parsed with Yams's Node API (which keeps line and column), never into untyped values.
public struct YAMLDocument {
    /// The largest file read, in bytes.
    public static let maximumBytes = 1 << 20
    /// The deepest nesting of lists and mappings allowed.
    public static let maximumDepth = 64

    /// A reason the text is not YAML that we read.
    public struct Problem: Error, Equatable, Sendable {
        public var code: DiagnosticCode
        public var message: String
        public var location: SourceLocation
    }

    public let root: Node?

    /// Parses `bytes`, or throws the first problem that stops reading.
    public init(bytes: [UInt8]) throws(Problem) {
        guard bytes.count <= Self.maximumBytes else {
            throw Problem(
                code: .tooLarge,
                message: "file is larger than 1 MiB, the most goalplan reads; split it or shorten it",
                location: .unknown)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = Self.firstInvalidUTF8(bytes)
            throw Problem(
                code: .notUTF8, message: "file is not valid UTF-8 text (first bad byte at offset \(offset))",
                location: Self.location(ofByte: offset, in: bytes))
        }
        if let deep = Self.tooDeep(text) {
            throw Problem(
                code: .tooLarge,
                message: "nesting is deeper than \(Self.maximumDepth) levels", location: deep)
        }
        // Nodes hold their anchors weakly; the parser owns them, so it must outlive the walk.
        let parser: Parser
        let composed: Node?
        do {
            parser = try Parser(yaml: text, resolver: .basic)
            composed = try parser.singleRoot()
        } catch let error as YamlError {
            throw Self.problem(from: error)
        } catch {
            throw Problem(code: .yamlSyntax, message: "could not read YAML", location: .unknown)
        }
        // An anchor or alias needs a '&' or '*' somewhere; most files have neither.
        let mayHaveAnchors = bytes.contains(UInt8(ascii: "&")) || bytes.contains(UInt8(ascii: "*"))
        let anchored = mayHaveAnchors ? withExtendedLifetime(parser) { composed.flatMap(Self.firstAnchor(in:)) } : nil
        if let anchored {
            throw Problem(
                code: .anchorOrAlias,
                message: "anchors and aliases ('&name', '*name') are not allowed; write the text out in full",
                location: anchored)
        }
        root = composed
    }

    /// The position of the first node carrying an anchor, walking in document order.
    /// Aliases resolve to anchored nodes, so this finds them too, without expanding them.
    private static func firstAnchor(in node: Node) -> SourceLocation? {
        switch node {
        case .scalar(let s):
            return s.anchor != nil ? location(s.mark) : nil
        case .sequence(let seq):
            if seq.anchor != nil { return location(seq.mark) }
            for child in seq { if let found = firstAnchor(in: child) { return found } }
            return nil
        case .mapping(let map):
            if map.anchor != nil { return location(map.mark) }
            for (key, value) in map {
                if let found = firstAnchor(in: key) ?? firstAnchor(in: value) { return found }
            }
            return nil
        case .alias(let alias):
            return location(alias.mark)
        }
    }

    static func location(_ mark: Mark?) -> SourceLocation {
        mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? .unknown
    }

    private static func problem(from error: YamlError) -> Problem {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = problem
            if let context { message += " (\(context.text))" }
            return Problem(code: .yamlSyntax, message: message, location: location(mark))
        case .reader(let problem, _, _, _):
            return Problem(code: .yamlSyntax, message: problem, location: .unknown)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return Problem(
                code: .duplicateID, message: "key \(names) appears twice in the same mapping",
                location: location(context.mark))
        default:
            return Problem(code: .yamlSyntax, message: "could not read YAML", location: .unknown)
        }
    }

    /// A quick scan that over-estimates nesting (indentation steps, `- ` runs, open brackets),
    /// so that a pathological file is refused before the recursive parser sees it.
    static func tooDeep(_ text: String) -> SourceLocation? {
        var indents: [Int] = []
        var flow = 0
        var lineNumber = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var i = line.startIndex
            var indent = 0
            while i < line.endIndex, line[i] == UInt8(ascii: " ") {
                indent += 1
                i = line.index(after: i)
            }
            if i == line.endIndex || line[i] == UInt8(ascii: "#") { continue }
            if flow == 0 {
                while let last = indents.last, last >= indent { indents.removeLast() }
                indents.append(indent)
            }
            var dashes = 0
            var quote: UInt8? = nil
            var previous: UInt8 = UInt8(ascii: " ")
            var j = i
            var leading = true
            while j < line.endIndex {
                let c = line[j]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == UInt8(ascii: "#") && previous == UInt8(ascii: " ") {
                    break
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    if previous == UInt8(ascii: " ") || previous == UInt8(ascii: "[")
                        || previous == UInt8(ascii: "{") || previous == UInt8(ascii: ",")
                        || previous == UInt8(ascii: ":")
                    {
                        quote = c
                    }
                } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                    flow += 1
                } else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                    flow = Swift.max(0, flow - 1)
                } else if leading && c == UInt8(ascii: "-") {
                    dashes += 1
                } else if c != UInt8(ascii: " ") {
                    leading = false
                }
                if flow + indents.count + dashes > maximumDepth {
                    return SourceLocation(line: lineNumber, column: line.distance(from: line.startIndex, to: j) + 1)
                }
                previous = c
                j = line.index(after: j)
            }
        }
        return nil
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 character.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xED: length = 3; secondRange = 0x80...0x9F
            case 0xE1...0xEF: length = 3
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF4: length = 4; secondRange = 0x80...0x8F
            case 0xF1...0xF3: length = 4
            default: return i
            }
            guard i + length <= bytes.count else { return i }
            for k in 1..<length where !(k == 1 ? secondRange : 0x80...0xBF).contains(bytes[i + k]) {
                return i
            }
            i += length
        }
        return bytes.count
    }

    private static func location(ofByte offset: Int, in bytes: [UInt8]) -> SourceLocation {
        let before = bytes[0..<Swift.min(offset, bytes.count)]
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        return SourceLocation(line: line, column: offset - lineStart + 1)
    }
}

extension Node.Mapping {
    /// The value under a plain-text key. Yams's own subscript builds a node and compares
    /// resolved tags (running its type regexes) for every pair; this compares the text only.
    func value(_ key: String) -> Node? {
        for (k, v) in self where k.scalar?.string == key { return v }
        return nil
    }
}

extension Node {
    /// The node's position as a source location.
    var location: SourceLocation { YAMLDocument.location(mark) }
}
