/// The program's own words in the person's language.
///
/// Every sentence goalplan prints is written in the source in English, inside `tr(...)`:
/// `tr("Saved your plan to \(path).")`. The English text, with each interpolation written
/// `%@` (and a literal `%` as `%%`), is the key, as in gettext, and a language's words for it
/// come from its PO catalog (`Prompts/messages/es.po`), the format translators' tools read and
/// write. A key a catalog lacks, or leaves empty or fuzzy, falls back to English, and
/// `Tests/Messages/catalog.py` reports every one. A translation may reorder the values with
/// `%1$@`, `%2$@`.
///
/// The catalog in use is a task-local value, so a plan can be written in its own language
/// while the screen speaks another, and tests running side by side never see each other's.
public struct MessageCatalog: Sendable {
    /// The language's code (`es`); `en` for the words in the source.
    public let language: String
    /// Translations keyed by the English text (`context` + U+0004 + text for a key with a
    /// context, gettext's own convention).
    let entries: [String: String]

    /// The words as written in the source.
    public static let english = MessageCatalog(language: "en", entries: [:])

    init(language: String, entries: [String: String]) {
        self.language = language
        self.entries = entries
    }

    /// The catalog of a PO file's text. Entries that are fuzzy, untranslated, or plural (which
    /// goalplan does not use) are left out, so they fall back to English; lines that are not
    /// PO are skipped.
    public init(language: String, po: String) {
        self.language = language
        var entries: [String: String] = [:]
        for entry in POFile.entries(of: po) where !entry.fuzzy && !entry.id.isEmpty && !entry.text.isEmpty {
            entries[Self.key(entry.id, context: entry.context)] = entry.text
        }
        self.entries = entries
    }

    static func key(_ id: String, context: String?) -> String {
        context.map { $0 + "\u{4}" + id } ?? id
    }

    /// How many sentences this catalog has words for.
    public var count: Int { entries.count }

    /// The words for `words` in this language, with its values put in.
    public func callAsFunction(_ words: Words) -> String {
        let template = entries[Self.key(words.key, context: words.context)] ?? words.key
        return Words.fill(template, with: words.values)
    }

    /// The words for `words` in this language: for words that must stay in one language while
    /// `tr` speaks another (a plan's reader, whose errors are for the person at the screen).
    public func tr(_ words: Words) -> String { self(words) }

    /// The same, for a short text with a context (see the global `tr(_:context:)`).
    public func tr(_ words: Words, context: String) -> String {
        var words = words
        words.context = context
        return self(words)
    }

    /// The catalog built into goalplan for `code` (Prompts/messages/CODE.po), or English when
    /// there is none. English needs no catalog, so nothing is read for it.
    public static func builtIn(_ code: String?) -> MessageCatalog {
        guard let code, code != "en" else { return .english }
        return allBuiltIn.first { $0.language == code } ?? .english
    }

    /// Every built-in catalog, English first: the languages a plan may be written in.
    public static let allBuiltIn: [MessageCatalog] =
        [.english] + BuiltinCatalogs.files.map { MessageCatalog(language: $0.name, po: $0.text) }

    /// The catalog `tr` uses: English unless a command or a writer says otherwise.
    @TaskLocal public static var current: MessageCatalog = .english
}

/// The program's words in the current language (`MessageCatalog.current`). The argument must
/// be a string literal: `Tests/Messages/catalog.py` finds every key by reading the source.
public func tr(_ words: Words) -> String {
    MessageCatalog.current(words)
}

/// The same, for a short text whose meaning depends on where it stands ("Decision" as a
/// heading, say): `context` tells a translator, and keeps two such keys apart.
public func tr(_ words: Words, context: String) -> String {
    var words = words
    words.context = context
    return MessageCatalog.current(words)
}

/// The fixed words of a translated template, for reading text back: `tr` a key with each
/// value `TemplateWords.mark`, then split the result with `TemplateWords.parts`.
public enum TemplateWords {
    /// A value that no text holds.
    public static let mark = "\u{1}"

    /// The words around the values, in order: `["Started ", ""]` for `Started %@`.
    public static func parts(_ rendered: String) -> [String] {
        rendered.components(separatedBy: mark)
    }
}

/// A sentence to translate: its English key (values as `%@`) and the values.
public struct Words: ExpressibleByStringInterpolation, Sendable {
    public var key: String
    public var values: [String]
    public var context: String? = nil

    public init(stringLiteral value: String) {
        key = value.replacing("%", with: "%%")
        values = []
    }

    public init(stringInterpolation: StringInterpolation) {
        key = stringInterpolation.key
        values = stringInterpolation.values
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var key = ""
        var values: [String] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            key.reserveCapacity(literalCapacity + 2 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            key += literal.replacing("%", with: "%%")
        }

        public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            key += "%@"
            values.append(value.description)
        }
    }

    /// `template` with each `%@` (or `%N$@`, the Nth value) replaced by a value and each `%%`
    /// by `%`. A placeholder with no value is dropped rather than shown.
    static func fill(_ template: String, with values: [String]) -> String {
        guard template.contains("%") else { return template }
        var out = ""
        var next = 0
        var i = template.startIndex
        while i < template.endIndex {
            let c = template[i]
            i = template.index(after: i)
            guard c == "%", i < template.endIndex else {
                out.append(c)
                continue
            }
            if template[i] == "%" {
                out.append("%")
                i = template.index(after: i)
                continue
            }
            var digits = ""
            var j = i
            while j < template.endIndex, template[j].isASCII, template[j].isNumber {
                digits.append(template[j])
                j = template.index(after: j)
            }
            if !digits.isEmpty, j < template.endIndex, template[j] == "$",
                template.index(after: j) < template.endIndex, template[template.index(after: j)] == "@",
                let n = Int(digits)
            {
                if (1...values.count).contains(n) { out += values[n - 1] }
                i = template.index(j, offsetBy: 2)
            } else if template[i] == "@" {
                if next < values.count { out += values[next] }
                next += 1
                i = template.index(after: i)
            } else {
                out.append("%")
            }
        }
        return out
    }
}

/// The entries of a gettext PO file, as far as goalplan needs them. Read as bytes: a catalog
/// is read at each start in its language, and byte by byte it costs well under a millisecond.
public enum POFile {
    public struct Entry: Sendable, Equatable {
        public var context: String?
        public var id: String
        public var text: String
        public var fuzzy: Bool
    }

    public static func entries(of po: String) -> [Entry] {
        var entries: [Entry] = []
        var context: [UInt8]?
        var id: [UInt8]?
        var text: [UInt8] = []
        var fuzzy = false
        var plural = false
        /// Which field a continuation line ("...") adds to.
        enum Field { case context, id, text, other }
        var field = Field.other

        func finish() {
            if let id, !plural {
                entries.append(
                    Entry(
                        context: context.map { String(decoding: $0, as: UTF8.self) },
                        id: String(decoding: id, as: UTF8.self), text: String(decoding: text, as: UTF8.self),
                        fuzzy: fuzzy))
            }
            context = nil
            id = nil
            text = []
            fuzzy = false
            plural = false
            field = .other
        }

        let bytes = Array(po.utf8)
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var i = start
            while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            let line = bytes[i..<end]
            start = end + 1
            if line.isEmpty { continue }
            if line.starts(with: Self.flags) {
                if id != nil { finish() }
                let words = line.dropFirst(2).split(separator: UInt8(ascii: ","))
                if words.contains(where: {
                    $0.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }.elementsEqual(Self.fuzzyWord)
                }) {
                    fuzzy = true
                }
            } else if line.first == UInt8(ascii: "#") {
                if id != nil { finish() }
            } else if line.starts(with: Self.msgctxt) {
                if id != nil { finish() }
                context = quoted(line.dropFirst(Self.msgctxt.count))
                field = .context
            } else if line.starts(with: Self.msgidPlural) {
                plural = true
                field = .other
            } else if line.starts(with: Self.msgid) {
                if id != nil { finish() }
                id = quoted(line.dropFirst(Self.msgid.count))
                field = .id
            } else if line.starts(with: Self.msgstrN) {
                field = .other
            } else if line.starts(with: Self.msgstr) {
                text = quoted(line.dropFirst(Self.msgstr.count)) ?? []
                field = .text
            } else if line.first == UInt8(ascii: "\"") {
                let more = quoted(line) ?? []
                switch field {
                case .context: context = (context ?? []) + more
                case .id: id = (id ?? []) + more
                case .text: text += more
                case .other: break
                }
            }
        }
        finish()
        return entries
    }

    private static let flags = Array("#,".utf8)
    private static let fuzzyWord = Array("fuzzy".utf8)
    private static let msgctxt = Array("msgctxt ".utf8)
    private static let msgidPlural = Array("msgid_plural ".utf8)
    private static let msgid = Array("msgid ".utf8)
    private static let msgstrN = Array("msgstr[".utf8)
    private static let msgstr = Array("msgstr ".utf8)

    /// The bytes of a C string literal (`"a\"b\n"`), or nil when `s` is not one.
    static func quoted(_ s: ArraySlice<UInt8>) -> [UInt8]? {
        var s = s
        while let last = s.last, last == 0x20 || last == 0x09 || last == 0x0D { s = s.dropLast() }
        while let first = s.first, first == 0x20 || first == 0x09 { s = s.dropFirst() }
        guard s.count >= 2, s.first == UInt8(ascii: "\""), s.last == UInt8(ascii: "\"") else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var escaped = false
        for c in s.dropFirst().dropLast() {
            if escaped {
                switch c {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                default: out.append(c)
                }
                escaped = false
            } else if c == UInt8(ascii: "\\") {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
