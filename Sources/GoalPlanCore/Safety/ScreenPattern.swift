/// A run of words the crisis screen looks for, written in a small notation:
///
/// | written | matches |
/// |---|---|
/// | `kill` | one word of any form: kill, kills, killed, killing (both sides are stemmed) |
/// | `kill\|murder` | any one of them |
/// | `@self` | any word of a named set (see `CrisisLexicon.sets`) |
/// | `suicid*`, `*ando` | a word that starts or ends so |
/// | `=overdoses` | exactly this word, not its other forms |
/// | `#8` | a number of 8 or more |
/// | `_3` | up to 3 words of any kind |
/// | `~3` | up to 3 small words (my, the, just, really, to, i...) |
/// | `(a b \| c)` | one of the runs inside |
/// | `[a b]` | the run inside, or nothing |
/// | `$` | the end of a sentence, or a comma or dash |
/// | `!on` | the next word is not this one (`overdosed !on`) |
struct ScreenPattern: Sendable {
    indirect enum Node: Sendable {
        case word(WordSet)
        case gap(Int, smallWordsOnly: Bool)
        case choice([[Node]])
        case optional([Node])
        case end
        /// The next word must not be one of these (it is not part of the match).
        case not(WordSet)
    }

    /// What one word may be. Stems are kept as sorted hashes, so that checking a word costs a
    /// few comparisons and no string hashing.
    struct WordSet: Sendable {
        final class Storage: Sendable {
            let stems: Set<String>
            let stemIDs: [UInt64]
            let prefixes: [String]
            let suffixes: [String]
            let exactIDs: [UInt64]
            let exact: Set<String>
            let minimumNumber: Int?

            init(stems: Set<String>, prefixes: [String], suffixes: [String], exact: Set<String>, minimumNumber: Int?) {
                self.stems = stems
                self.stemIDs = stems.map(ScreenText.id).sorted()
                self.prefixes = prefixes
                self.suffixes = suffixes
                self.exact = exact
                self.exactIDs = exact.map(ScreenText.id).sorted()
                self.minimumNumber = minimumNumber
            }
        }

        private(set) var storage = Storage(stems: [], prefixes: [], suffixes: [], exact: [], minimumNumber: nil)

        init() {}

        init(
            stems: Set<String> = [], prefixes: [String] = [], suffixes: [String] = [], exact: Set<String> = [],
            minimumNumber: Int? = nil
        ) {
            storage = Storage(
                stems: stems, prefixes: prefixes, suffixes: suffixes, exact: exact, minimumNumber: minimumNumber)
        }

        var stems: Set<String> { storage.stems }
        var prefixes: [String] { storage.prefixes }

        func matches(_ token: ScreenText.Token) -> Bool {
            let s = storage
            for id in token.ids where Self.contains(s.stemIDs, id) { return true }
            if !s.exactIDs.isEmpty && Self.contains(s.exactIDs, token.wordID) { return true }
            if let minimumNumber = s.minimumNumber, let n = token.number, n >= minimumNumber { return true }
            for p in s.prefixes where token.word.hasPrefix(p) || token.forms.contains(where: { $0.hasPrefix(p) }) {
                return true
            }
            for x in s.suffixes where token.word.hasSuffix(x) { return true }
            return false
        }

        private static func contains(_ sorted: [UInt64], _ id: UInt64) -> Bool {
            var low = 0
            var high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if sorted[mid] < id { low = mid + 1 } else { high = mid }
            }
            return low < sorted.count && sorted[low] == id
        }

        /// Whether the set matches no word at all.
        var isEmpty: Bool {
            let s = storage
            return s.stems.isEmpty && s.prefixes.isEmpty && s.suffixes.isEmpty && s.exact.isEmpty
                && s.minimumNumber == nil
        }

        mutating func add(_ other: WordSet) {
            let a = storage
            let b = other.storage
            // A named set on its own (`@small`) is shared, not copied: most patterns use a few.
            if other.isEmpty { return }
            if isEmpty { return storage = b }
            let n = [a.minimumNumber, b.minimumNumber].compactMap { $0 }.min()
            storage = Storage(
                stems: a.stems.union(b.stems), prefixes: a.prefixes + b.prefixes, suffixes: a.suffixes + b.suffixes,
                exact: a.exact.union(b.exact), minimumNumber: n)
        }

        /// The stems a word must have for this set to match it, when that is all it checks.
        var onlyStems: Set<String>? {
            let s = storage
            return s.prefixes.isEmpty && s.suffixes.isEmpty && s.exact.isEmpty && s.minimumNumber == nil ? s.stems : nil
        }
    }

    struct SyntaxError: Error, Equatable, Sendable {
        var message: String
    }

    let source: String
    let nodes: [Node]
    /// Whether the pattern itself says "not", so a "not" before it does not soften it.
    let hasNegation: Bool

    /// What compiling many patterns against the same sets has already worked out: each word's
    /// expansion and each token's node. The lexicon repeats its words and sets on line after
    /// line, and the screen is compiled before the first answer can be screened.
    final class Memo {
        var expansions: [String: [String]] = [:]
        var units: [String: Node] = [:]
        var stems: [String: String] = [:]
    }

    /// Compiles `source`, with `@name` looked up in `sets`; `memo` is shared by patterns
    /// compiled against the same `sets`.
    init(_ source: String, sets: [String: WordSet], memo: Memo? = nil) throws(SyntaxError) {
        self.source = source
        var parser = Parser(tokens: Self.split(source, memo: memo), sets: sets, memo: memo)
        let nodes = try parser.sequence(until: nil)
        guard !nodes.isEmpty else { throw SyntaxError(message: tr("an empty pattern")) }
        if case .gap = nodes[0] { throw SyntaxError(message: tr("a pattern cannot start with a gap")) }
        self.nodes = nodes
        self.hasNegation = nodes.contains(where: Self.negates)
        self.firstWords = Self.firstWords(of: nodes[...])
    }

    static let negators: Set<String> = Set(
        ["not", "never", "no", "nor", "nobody", "neither", "zero", "nunca", "jamas", "ni", "nadie"].map(ScreenText.stem)
    )

    /// Whether a node says "not" whichever way it matches.
    private static func negates(_ node: Node) -> Bool {
        switch node {
        case .word(let set): !set.stems.isEmpty && set.stems.isSubset(of: negators) && set.prefixes.isEmpty
        case .choice(let runs): runs.allSatisfy { $0.contains(where: negates) }
        case .gap, .optional, .end, .not: false
        }
    }

    /// The words a match can start with, when the first node names only stems.
    var firstStems: Set<String>? {
        firstWords?.onlyStems
    }

    /// The words a match can start with, when that can be known; nil when any word might.
    let firstWords: WordSet?

    private static func firstWords(of nodes: ArraySlice<Node>) -> WordSet? {
        switch nodes.first {
        case .word(let set)?:
            return set
        case .choice(let runs)?:
            var all = WordSet()
            for run in runs {
                guard let first = firstWords(of: run[...]) else { return nil }
                all.add(first)
            }
            return all
        default:
            return nil
        }
    }

    /// The pattern's pieces: brackets, `|` between runs inside brackets, and words. A plain
    /// word that stands for several ("can't", "self-harm") becomes those words.
    /// The pattern's tokens: brackets, `|` inside brackets, and words, each plain word read as
    /// answers are (folded, expanded, split at hyphens). Read as bytes: every character that
    /// separates tokens is ASCII, and ASCII bytes never occur inside a longer UTF-8 character.
    private static func split(_ source: String, memo: Memo?) -> [String] {
        var out: [String] = []
        var depth = 0
        var source = source
        source.withUTF8 { bytes in
            var start = 0
            func flush(_ end: Int) {
                defer { start = end + 1 }
                guard end > start else { return }
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
                let word = String(decoding: slice, as: UTF8.self)
                var marked = false
                var hyphen = false
                for b in slice {
                    switch b {
                    case UInt8(ascii: "|"), UInt8(ascii: "@"), UInt8(ascii: "*"), UInt8(ascii: "="), UInt8(ascii: "#"),
                        UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "$"), UInt8(ascii: "!"):
                        marked = true
                    case UInt8(ascii: "-"): hyphen = true
                    default: break
                    }
                }
                guard !marked else { return out.append(word) }
                for part in hyphen ? word.split(separator: "-").map(String.init) : [word] {
                    if let known = memo?.expansions[part] {
                        out += known
                        continue
                    }
                    let words = ScreenText.expand(part)
                    memo?.expansions[part] = words.isEmpty ? [part] : words
                    out += words.isEmpty ? [part] : words
                }
            }
            for (i, b) in bytes.enumerated() {
                switch b {
                case UInt8(ascii: " "):
                    flush(i)
                case UInt8(ascii: "("), UInt8(ascii: "["):
                    flush(i)
                    depth += 1
                    out.append(String(UnicodeScalar(b)))
                case UInt8(ascii: ")"), UInt8(ascii: "]"):
                    flush(i)
                    depth -= 1
                    out.append(String(UnicodeScalar(b)))
                case UInt8(ascii: "|") where depth > 0:
                    flush(i)
                    out.append("|")
                default:
                    continue
                }
            }
            flush(bytes.count)
        }
        return out
    }

    private struct Parser {
        var tokens: [String]
        var index = 0
        let sets: [String: WordSet]
        let memo: Memo?

        mutating func sequence(until close: String?) throws(SyntaxError) -> [Node] {
            var nodes: [Node] = []
            while index < tokens.count {
                let token = tokens[index]
                if close != nil, [")", "]", "|"].contains(token) { return nodes }
                index += 1
                switch token {
                case "(":
                    nodes.append(.choice(try alternatives(closing: ")")))
                case "[":
                    let runs = try alternatives(closing: "]")
                    nodes.append(.optional(runs.count == 1 ? runs[0] : [.choice(runs)]))
                case ")", "]", "|":
                    throw SyntaxError(message: tr("an unexpected '\(token)'"))
                case "$":
                    nodes.append(.end)
                default:
                    if let known = memo?.units[token] {
                        nodes.append(known)
                    } else {
                        let node = try unit(token)
                        memo?.units[token] = node
                        nodes.append(node)
                    }
                }
            }
            if close != nil { throw SyntaxError(message: tr("a bracket is not closed")) }
            return nodes
        }

        /// The runs of a bracket, up to its `closing` bracket.
        mutating func alternatives(closing: String) throws(SyntaxError) -> [[Node]] {
            var runs: [[Node]] = []
            while true {
                let run = try sequence(until: closing)
                guard !run.isEmpty else { throw SyntaxError(message: tr("an empty choice in brackets")) }
                runs.append(run)
                guard index < tokens.count else {
                    let opening = closing == ")" ? "(" : "["
                    throw SyntaxError(message: tr("a '\(opening)' is not closed"))
                }
                index += 1
                if tokens[index - 1] == closing { return runs }
                if tokens[index - 1] != "|" { throw SyntaxError(message: tr("a bracket closes with the wrong kind")) }
            }
        }

        func unit(_ token: String) throws(SyntaxError) -> Node {
            if token.hasPrefix("!") {
                guard case .word(let set) = try unit(String(token.dropFirst())) else {
                    throw SyntaxError(message: tr("'!' takes words, such as !on or !a|the"))
                }
                return .not(set)
            }
            if let first = token.first, first == "_" || first == "~" {
                guard let n = Int(token.dropFirst()), (1...12).contains(n) else {
                    throw SyntaxError(message: tr("'\(token)' should be _ or ~ and a number from 1 to 12"))
                }
                return .gap(n, smallWordsOnly: first == "~")
            }
            var stems: Set<String> = []
            var prefixes: [String] = []
            var suffixes: [String] = []
            var exact: Set<String> = []
            var minimumNumber: Int?
            var named = WordSet()
            for part in token.split(separator: "|").map(String.init) {
                if part.hasPrefix("@") {
                    guard let set = sets[String(part.dropFirst())] else {
                        throw SyntaxError(message: tr("no word set called '\(part)'"))
                    }
                    named.add(set)
                } else if part.hasPrefix("#") {
                    guard let n = Int(part.dropFirst()) else {
                        throw SyntaxError(message: tr("'\(part)' is not a number"))
                    }
                    minimumNumber = n
                } else if part.hasPrefix("=") {
                    exact.insert(ScreenText.fold(String(part.dropFirst())))
                } else if part.hasSuffix("*") {
                    prefixes.append(ScreenText.fold(String(part.dropLast())))
                } else if part.hasPrefix("*") {
                    suffixes.append(ScreenText.fold(String(part.dropFirst())))
                } else if let stem = memo?.stems[part] {
                    stems.insert(stem)
                } else {
                    guard
                        part.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A })
                            || part.unicodeScalars.allSatisfy({
                                $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "'"
                            })
                    else {
                        throw SyntaxError(message: tr("'\(part)' has a character the notation does not use"))
                    }
                    let words = ScreenText.expand(part)
                    guard words.count == 1, let word = words.first else {
                        throw SyntaxError(message: tr("'\(part)' is more than one word; write the words apart"))
                    }
                    let stem = ScreenText.stem(word)
                    memo?.stems[part] = stem
                    stems.insert(stem)
                }
            }
            var set = WordSet(
                stems: stems, prefixes: prefixes, suffixes: suffixes, exact: exact, minimumNumber: minimumNumber)
            set.add(named)
            return .word(set)
        }
    }

    // MARK: Matching

    /// A match: the words it covers, and those that matched a word of the pattern (not a gap).
    struct Match: Equatable {
        var start: Int
        var end: Int
        var words: [Int]
    }

    /// The first match starting at each place in the sentence.
    /// The first match starting at each place in the sentence; within one clause (not over a
    /// comma or dash) unless `acrossClauses`.
    func matches(in sentence: [ScreenText.Token], smallWords: WordSet, acrossClauses: Bool = false) -> [Match] {
        var out: [Match] = []
        let s = sentence
        for start in s.indices {
            if let firstWords, !firstWords.matches(s[start]) { continue }
            var path: [Int] = []
            var found: Match?
            var stack = [nodes[...]]
            _ = Self.run(&stack, at: start, in: s, smallWords: smallWords, clauses: !acrossClauses, path: &path) {
                end, path in
                found = Match(start: start, end: end, words: path)
                return true
            }
            if let found { out.append(found) }
        }
        return out
    }

    /// Whether what is left of a pattern can match the end of a clause before any word.
    private static func startsWithEnd(_ nodes: ArraySlice<Node>) -> Bool {
        switch nodes.first {
        case .end?: true
        case .optional(let inner)?: startsWithEnd(inner[...]) || startsWithEnd(nodes.dropFirst())
        case .choice(let runs)?: runs.contains { startsWithEnd($0[...]) }
        case .gap?, .not?: startsWithEnd(nodes.dropFirst())
        default: false
        }
    }

    /// Matches `nodes` from `i`, calling `done` with where the match ends; stops when it
    /// returns true.
    /// Matching with what is left to match as a stack of runs (the innermost last), so that
    /// trying a choice costs no copying.
    private static func run(
        _ stack: inout [ArraySlice<Node>], at i: Int, in s: [ScreenText.Token], smallWords: WordSet, clauses: Bool,
        path: inout [Int], done: (Int, [Int]) -> Bool
    ) -> Bool {
        func breaks(_ k: Int) -> Bool { clauses && s[k].breakAfter }
        guard let top = stack.last else { return done(i, path) }
        guard let node = top.first else {
            stack.removeLast()
            defer { stack.append(top) }
            return run(&stack, at: i, in: s, smallWords: smallWords, clauses: clauses, path: &path, done: done)
        }
        stack[stack.count - 1] = top.dropFirst()
        defer { stack[stack.count - 1] = top }
        func next(_ j: Int) -> Bool {
            run(&stack, at: j, in: s, smallWords: smallWords, clauses: clauses, path: &path, done: done)
        }
        switch node {
        case .word(let set):
            guard i < s.count, set.matches(s[i]) else { return false }
            // A match stays within one clause: it does not reach over a comma or a dash.
            if breaks(i) && !restCanEnd(stack) { return false }
            path.append(i)
            defer { path.removeLast() }
            return next(i + 1)
        case .end:
            guard i == s.count || (i > 0 && s[i - 1].breakAfter) else { return false }
            return next(i)
        case .not(let set):
            if i < s.count && !(i > 0 && breaks(i - 1)) && set.matches(s[i]) { return false }
            return next(i)
        case .gap(let most, let smallOnly):
            var j = i
            while true {
                if next(j) { return true }
                guard j < s.count, j - i < most, !smallOnly || smallWords.matches(s[j]), !breaks(j) else {
                    return false
                }
                j += 1
            }
        case .choice(let runs):
            for alternative in runs {
                stack.append(alternative[...])
                let found = next(i)
                stack.removeLast()
                if found { return true }
            }
            return false
        case .optional(let inner):
            stack.append(inner[...])
            let found = next(i)
            stack.removeLast()
            return found || next(i)
        }
    }

    /// Whether nothing is left to match, or what is left can match a clause's end first.
    private static func restCanEnd(_ stack: [ArraySlice<Node>]) -> Bool {
        for slice in stack.reversed() where !slice.isEmpty {
            return startsWithEnd(slice)
        }
        return true
    }
}
