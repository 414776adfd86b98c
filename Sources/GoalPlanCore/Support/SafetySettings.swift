import Foundation
import Yams

/// What goalplan says about safety and when it pauses: the notice for self-guided use, the
/// pause message, crisis resources, and the phrases that trigger a pause (Prompts/safety.yaml).
public struct SafetySettings: Equatable, Sendable {
    public struct Resource: Equatable, Sendable {
        public var place: String
        public var name: String
        public var contact: String
    }

    public var notice: String
    public var pause: String
    public var resources: [Resource]
    public var screen: SafetyScreen

    /// Reads safety settings, reporting problems like a flow file does.
    public static func load(_ bytes: [UInt8], path: String) -> (SafetySettings?, [Diagnostic]) {
        var findings: [Diagnostic] = []
        func problem(_ code: DiagnosticCode, _ message: String, _ location: SourceLocation) {
            findings.append(Diagnostic(.error, code, message, path: path, at: location))
        }
        let root: Node?
        do {
            root = try YAMLDocument(bytes: bytes).root
        } catch {
            problem(error.code, error.message, error.location)
            return (nil, findings)
        }
        guard case .mapping(let map)? = root else {
            problem(
                .wrongValueType, "expected 'notice', 'pause', 'resources', 'phrases' and 'except'",
                root?.location ?? .unknown)
            return (nil, findings)
        }
        let known = ["notice", "pause", "resources", "phrases", "except"]
        for (key, _) in map where !known.contains(key.scalar?.string ?? "") {
            let name = key.scalar?.string ?? ""
            problem(.unknownKey, "unknown key '\(name)'\(Suggestions.hint(for: name, in: known))", key.location)
        }
        func text(_ key: String) -> String? {
            guard let node = map.value(key) else {
                problem(.missingKey, "safety settings need '\(key)'", root?.location ?? .unknown)
                return nil
            }
            guard let s = node.scalar?.string, !s.trimmingSpaces.isEmpty else {
                problem(.wrongValueType, "'\(key)' should be text", node.location)
                return nil
            }
            return s.trimmingSpaces
        }
        func list(_ key: String, required: Bool) -> [String] {
            guard let node = map.value(key) else {
                if required { problem(.missingKey, "safety settings need a '\(key)' list", root?.location ?? .unknown) }
                return []
            }
            guard case .sequence(let seq) = node else {
                problem(.wrongValueType, "'\(key)' should be a list", node.location)
                return []
            }
            return seq.compactMap { item in
                guard let s = item.scalar?.string, !s.trimmingSpaces.isEmpty else {
                    problem(.wrongValueType, "each of '\(key)' should be text", item.location)
                    return nil
                }
                return s
            }
        }
        var resources: [Resource] = []
        if case .sequence(let seq)? = map.value("resources") {
            for item in seq {
                guard case .mapping(let r) = item, let place = r.value("place")?.scalar?.string,
                    let name = r.value("name")?.scalar?.string, let contact = r.value("contact")?.scalar?.string
                else {
                    problem(.wrongValueType, "each resource needs 'place', 'name' and 'contact'", item.location)
                    continue
                }
                resources.append(Resource(place: place, name: name, contact: contact))
            }
        } else {
            problem(
                .missingKey, "safety settings need a 'resources' list",
                map.value("resources")?.location ?? root?.location ?? .unknown)
        }
        let notice = text("notice")
        let pause = text("pause")
        let screen = SafetyScreen(phrases: list("phrases", required: true), exceptions: list("except", required: false))
        guard findings.isEmpty, let notice, let pause else { return (nil, findings) }
        return (SafetySettings(notice: notice, pause: pause, resources: resources, screen: screen), findings)
    }
}

/// Finds crisis language in an answer: whole-word phrases, after short forms are spelled out,
/// unless the words are part of a known harmless run ("suicide prevention").
public struct SafetyScreen: Equatable, Sendable {
    /// Each phrase as a run of words, each word a set of choices.
    let phrases: [[Set<String>]]
    let exceptions: [[Set<String>]]

    public init(phrases: [String], exceptions: [String] = []) {
        func compile(_ text: String) -> [Set<String>] {
            Self.words(text).map { Set($0.split(separator: "|").map(String.init)) }
        }
        self.phrases = phrases.map(compile).filter { !$0.isEmpty }
        self.exceptions = exceptions.map(compile).filter { !$0.isEmpty }
    }

    /// Whether the text has crisis language in it.
    public func flags(_ text: String) -> Bool {
        let words = Self.words(text)
        var excused = Set<Int>()
        for exception in exceptions {
            for start in matches(exception, in: words) { excused.formUnion(start..<(start + exception.count)) }
        }
        for phrase in phrases {
            for start in matches(phrase, in: words) where !(start..<(start + phrase.count)).allSatisfy(excused.contains)
            {
                return true
            }
        }
        return false
    }

    private func matches(_ phrase: [Set<String>], in words: [String]) -> [Int] {
        guard words.count >= phrase.count else { return [] }
        return (0...(words.count - phrase.count)).filter { start in
            phrase.indices.allSatisfy { phrase[$0].contains(words[start + $0]) }
        }
    }

    static let shortForms: [String: [String]] = [
        "i'm": ["i", "am"], "im": ["i", "am"], "can't": ["cannot"], "cant": ["cannot"], "don't": ["do", "not"],
        "dont": ["do", "not"], "doesn't": ["does", "not"], "won't": ["will", "not"], "wanna": ["want", "to"],
        "gonna": ["going", "to"], "i'd": ["i", "would"], "i've": ["i", "have"], "it's": ["it", "is"],
        "i'll": ["i", "will"], "didn't": ["did", "not"], "isn't": ["is", "not"], "self-harm": ["self", "harm"],
        "self-harming": ["self", "harming"],
    ]

    /// Lower-case words, short forms spelled out, punctuation dropped.
    static func words(_ text: String) -> [String] {
        let lowered = text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
        var out: [String] = []
        var word = ""
        func flush() {
            let trimmed = word.trimmingCharacters(in: ["'"])
            if let long = shortForms[trimmed] { out += long } else if !trimmed.isEmpty { out.append(trimmed) }
            word = ""
        }
        for c in lowered {
            if c.isLetter || c.isNumber || c == "'" || c == "|" || (c == "-" && !word.isEmpty) {
                word.append(c)
            } else {
                flush()
            }
        }
        flush()
        return out.flatMap { w in shortForms[w] ?? w.split(separator: "-").map(String.init) }
    }
}
