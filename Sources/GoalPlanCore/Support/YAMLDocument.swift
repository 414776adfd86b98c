import CYAML

/// A YAML file read safely: size capped before parsing, depth capped as libyaml's events arrive
/// (libyaml keeps its own stacks, so deep nesting cannot exhaust ours), anchors and aliases refused,
/// read from libyaml's events into `Node`s that keep their line and column, never into
/// untyped values.
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
                message: tr("file is larger than 1 MiB, the most goalplan reads; split it or shorten it"),
                location: .unknown)
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            let offset = Self.firstInvalidUTF8(bytes)
            throw Problem(
                code: .notUTF8, message: tr("file is not valid UTF-8 text (first bad byte at offset \(offset))"),
                location: Self.location(ofByte: offset, in: bytes))
        }
        root = try Self.compose(bytes)
    }

    /// Reads libyaml's events into nodes. An anchor or alias, a second document, a key given
    /// twice in one mapping and nesting past the limit each stop reading with their place.
    private static func compose(_ bytes: [UInt8]) throws(Problem) -> Node? {
        var result: Swift.Result<Node?, Problem> = .success(nil)
        bytes.withUnsafeBufferPointer { buffer in
            guard let parser = gp_yaml_parser_new(buffer.baseAddress, buffer.count) else {
                result = .failure(
                    Problem(code: .yamlSyntax, message: tr("out of memory reading YAML"), location: .unknown))
                return
            }
            defer { gp_yaml_parser_free(parser) }
            var composer = Composer()
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser, &event) != 0 else {
                    result = .failure(Self.problem(from: parser.pointee))
                    return
                }
                defer { yaml_event_delete(&event) }
                do throws(Problem) {
                    if try composer.take(&event) { break }
                } catch {
                    result = .failure(error)
                    return
                }
            }
            result = .success(composer.root)
        }
        return try result.get()
    }

    /// Builds the tree as events arrive: containers open on a stack and close into their parent.
    private struct Composer {
        /// A container being filled: a class, so that adding to it never copies what it holds.
        final class Open {
            let isMapping: Bool
            let mark: SourceLocation
            var items: [Node] = []
            var pairs: [(Node, Node)] = []
            var key: Node?
            var keys: [String: SourceLocation] = [:]
            init(isMapping: Bool, mark: SourceLocation) {
                self.isMapping = isMapping
                self.mark = mark
            }
        }
        var stack: [Open] = []
        var root: Node?
        var documents = 0

        /// Takes one event; true at the end of the stream.
        mutating func take(_ event: inout yaml_event_t) throws(Problem) -> Bool {
            let mark = SourceLocation(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return true
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw Problem(
                        code: .yamlSyntax,
                        message: tr("a flow file holds one document; remove the second '---' and what follows"),
                        location: mark)
                }
            case YAML_ALIAS_EVENT:
                throw Self.anchored(mark)
            case YAML_SCALAR_EVENT:
                if event.data.scalar.anchor != nil { throw Self.anchored(mark) }
                let value =
                    event.data.scalar.value.map {
                        String(decoding: UnsafeBufferPointer(start: $0, count: event.data.scalar.length), as: UTF8.self)
                    } ?? ""
                let style: Node.Scalar.Style =
                    switch event.data.scalar.style {
                    case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                    case YAML_LITERAL_SCALAR_STYLE: .literal
                    case YAML_FOLDED_SCALAR_STYLE: .folded
                    default: .plain
                    }
                try add(.scalar(Node.Scalar(string: value, style: style, location: mark)))
            case YAML_MAPPING_START_EVENT:
                if event.data.mapping_start.anchor != nil { throw Self.anchored(mark) }
                try open(Open(isMapping: true, mark: mark), at: mark)
            case YAML_SEQUENCE_START_EVENT:
                if event.data.sequence_start.anchor != nil { throw Self.anchored(mark) }
                try open(Open(isMapping: false, mark: mark), at: mark)
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                guard let last = stack.popLast() else { break }
                try add(
                    last.isMapping
                        ? .mapping(Node.Mapping(pairs: last.pairs, location: last.mark))
                        : .sequence(Node.Sequence(items: last.items, location: last.mark)))
            default:
                break
            }
            return false
        }

        mutating func open(_ container: Open, at mark: SourceLocation) throws(Problem) {
            guard stack.count < YAMLDocument.maximumDepth else {
                throw Problem(
                    code: .tooLarge, message: tr("nesting is deeper than \(YAMLDocument.maximumDepth) levels"),
                    location: mark)
            }
            stack.append(container)
        }

        mutating func add(_ node: Node) throws(Problem) {
            guard let top = stack.last else {
                root = node
                return
            }
            guard top.isMapping else {
                top.items.append(node)
                return
            }
            guard let key = top.key else {
                if case .scalar(let s) = node {
                    if let first = top.keys[s.string] {
                        throw Problem(
                            code: .duplicateID,
                            message:
                                tr(
                                    "key '\(s.string)' appears twice in the same mapping (first at line \(first.line)); keep one"
                                ),
                            location: s.location)
                    }
                    top.keys[s.string] = s.location
                }
                top.key = node
                return
            }
            top.pairs.append((key, node))
            top.key = nil
        }

        static func anchored(_ mark: SourceLocation) -> Problem {
            Problem(
                code: .anchorOrAlias,
                message: tr("anchors and aliases ('&name', '*name') are not allowed; write the text out in full"),
                location: mark)
        }
    }

    /// libyaml's account of what stopped it, with its place (its lines count from 0).
    private static func problem(from parser: yaml_parser_t) -> Problem {
        var message = parser.problem.map { String(cString: $0) } ?? tr("could not read YAML")
        if let context = parser.context { message += " (\(String(cString: context)))" }
        let mark = parser.problem_mark
        let location =
            parser.error == YAML_READER_ERROR
            ? SourceLocation.unknown : SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        return Problem(code: .yamlSyntax, message: message, location: location)
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

/// A node of a YAML document: text, a list, or a mapping, each with where it starts.
public enum Node: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    public struct Scalar: Sendable {
        public enum Style: Sendable { case plain, singleQuoted, doubleQuoted, literal, folded }
        /// The text, as written (no type is read into it: `no` stays a word).
        public var string: String
        public var style: Style
        public var location: SourceLocation
    }

    /// Key and value pairs, in the order written.
    public struct Mapping: Swift.Sequence, Sendable {
        public var pairs: [(Node, Node)]
        public var location: SourceLocation
        public var count: Int { pairs.count }
        public var isEmpty: Bool { pairs.isEmpty }
        public func makeIterator() -> IndexingIterator<[(Node, Node)]> { pairs.makeIterator() }

        /// The value under a plain-text key.
        public func value(_ key: String) -> Node? {
            for (k, v) in pairs where k.scalar?.string == key { return v }
            return nil
        }
    }

    public struct Sequence: RandomAccessCollection, Sendable {
        public var items: [Node]
        public var location: SourceLocation
        public var startIndex: Int { items.startIndex }
        public var endIndex: Int { items.endIndex }
        public subscript(position: Int) -> Node { items[position] }
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    /// Where the node starts.
    public var location: SourceLocation {
        switch self {
        case .scalar(let s): s.location
        case .mapping(let m): m.location
        case .sequence(let q): q.location
        }
    }
}
