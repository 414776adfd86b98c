/// What an answer seemed to be about when it made goalplan pause. The order is the order of
/// urgency: the first category that fires decides what the pause says.
public enum SafetyCategory: String, CaseIterable, Sendable, Codable, Comparable {
    /// A way, a plan or preparation to end a life, or something already taken.
    case method
    /// Thoughts or plans of hurting someone else.
    case others
    /// Someone hurting or threatening the person, or a child they know.
    case harmed
    /// Thoughts of suicide or of hurting oneself.
    case suicide
    /// Hopelessness, or feeling a burden to others.
    case hopeless

    /// How a clinician's record names it.
    public var name: String {
        switch self {
        case .method: "a method, plan or preparation"
        case .others: "harm to others"
        case .harmed: "being harmed"
        case .suicide: "suicide and self-harm"
        case .hopeless: "hopelessness and burden"
        }
    }

    public static func < (a: SafetyCategory, b: SafetyCategory) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Finds crisis language in an answer, by category, without quoting it.
///
/// Rules (`CrisisLexicon`) are runs of words matched on stems, with short gaps, so that word
/// forms, words in between, common misspellings, slang and Spanish are caught; idioms are set
/// aside by exceptions. A "not" just before a match ("I'm not suicidal") softens it to a
/// gentle check-in, unless the rule itself says "not" ("I don't want to live"). Runs offline
/// in well under a millisecond for an ordinary answer.
public struct CrisisScreen: Sendable {
    /// What the screen found in one answer.
    public struct Assessment: Equatable, Sendable {
        /// Categories that call for a pause, most urgent first.
        public var pauses: [SafetyCategory] = []
        /// Categories only mentioned in passing or denied: a gentle check-in, no pause.
        public var checkIns: [SafetyCategory] = []
        /// The patterns that matched, for testing and tuning (never the answer's words).
        public var reasons: [String] = []

        public var isQuiet: Bool { pauses.isEmpty && checkIns.isEmpty }
        public init() {}
    }

    struct Rule: Sendable {
        var category: SafetyCategory
        var pattern: ScreenPattern
        var with: ScreenPattern.WordSet?
        var unless: ScreenPattern.WordSet?
        var firm: Bool
        /// Not set aside by an idiom ("he'd kill me if I left" is a threat, not a joke).
        var strong = false
    }

    /// A problem in a line of the screen's notation.
    public struct LineProblem: Error, Equatable, Sendable {
        public var line: String
        public var message: String
    }

    let rules: [Rule]
    let exceptions: [ScreenPattern]
    let mentions: [ScreenPattern]
    let sets: [String: ScreenPattern.WordSet]
    /// Rules by the stems their first word can have; the rest are tried everywhere.
    let rulesByFirstStem: [String: [Int]]
    let rulesAnywhere: [Int]
    /// The model that backs the rules up.
    var model: CrisisModel = .standard
    /// Whether the model is asked at all (off to measure the rules alone).
    public var useModel = true

    /// The model's features for a text, one a line, for training it again.
    public func modelFeatures(_ text: String) -> [String] {
        let small = sets["small"] ?? ScreenPattern.WordSet()
        let sentences = ScreenText(text).sentences.map { sentence in
            let excused = Self.covered(by: exceptions, in: sentence, small: small)
            return sentence.enumerated().filter { !excused.contains($0.offset) }.map(\.element)
        }
        let (features, risky) = CrisisModel.features(of: sentences, sets: sets)
        return (risky ? ["risk"] : []) + features.sorted()
    }

    /// The screen goalplan ships with.
    public static var standard: CrisisScreen { compiledStandard.0 }

    /// Problems in the built-in lexicon (none, in a release; the tests check).
    public static var standardProblems: [LineProblem] { compiledStandard.1 }

    private static let compiledStandard = CrisisScreen.compile(CrisisLexicon.lines)

    /// The standard screen with more lines of the same notation, such as a clinic's own phrases;
    /// lines with problems are left out and reported.
    public func adding(_ lines: [String]) -> (CrisisScreen, [LineProblem]) {
        Self.compile(lines, sets: sets, rules: rules, exceptions: exceptions, mentions: mentions)
    }

    /// The problem with one line of the notation, if it has one.
    public static func problem(in line: String) -> LineProblem? {
        var rules: [Rule] = []
        var exceptions: [ScreenPattern] = []
        var mentions: [ScreenPattern] = []
        do throws(LineProblem) {
            try parse(line, sets: standard.sets, rules: &rules, exceptions: &exceptions, mentions: &mentions)
            return nil
        } catch {
            return error
        }
    }

    static func compile(_ lines: [String]) -> (CrisisScreen, [LineProblem]) {
        var sets: [String: ScreenPattern.WordSet] = [:]
        for (name, words) in CrisisLexicon.sets {
            var stems: Set<String> = []
            var exact: Set<String> = []
            var prefixes: [String] = []
            for word in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                if case .word(let one)? = try? ScreenPattern(String(word), sets: [:]).nodes.first {
                    stems.formUnion(one.storage.stems)
                    exact.formUnion(one.storage.exact)
                    prefixes += one.storage.prefixes
                }
            }
            sets[name] = ScreenPattern.WordSet(stems: stems, prefixes: prefixes, exact: exact)
        }
        return compile(lines, sets: sets, rules: [], exceptions: [], mentions: [])
    }

    private static func compile(
        _ lines: [String], sets: [String: ScreenPattern.WordSet], rules: [Rule], exceptions: [ScreenPattern],
        mentions: [ScreenPattern]
    ) -> (CrisisScreen, [LineProblem]) {
        var rules = rules
        var exceptions = exceptions
        var mentions = mentions
        var problems: [LineProblem] = []
        let memo = ScreenPattern.Memo()
        for line in lines {
            do throws(LineProblem) {
                try Self.parse(
                    line, sets: sets, memo: memo, rules: &rules, exceptions: &exceptions, mentions: &mentions)
            } catch {
                problems.append(error)
            }
        }
        var byStem: [String: [Int]] = [:]
        var anywhere: [Int] = []
        for (i, rule) in rules.enumerated() {
            if let stems = rule.pattern.firstStems {
                for stem in stems { byStem[stem, default: []].append(i) }
            } else {
                anywhere.append(i)
            }
        }
        let screen = CrisisScreen(
            rules: rules, exceptions: exceptions, mentions: mentions, sets: sets, rulesByFirstStem: byStem,
            rulesAnywhere: anywhere)
        return (screen, problems)
    }

    private static func parse(
        _ line: String, sets: [String: ScreenPattern.WordSet], memo: ScreenPattern.Memo? = nil, rules: inout [Rule],
        exceptions: inout [ScreenPattern], mentions: inout [ScreenPattern]
    ) throws(LineProblem) {
        func fail(_ message: String) -> LineProblem { LineProblem(line: line, message: message) }
        guard let colon = line.firstIndex(of: ":") else {
            throw fail("expected 'category: words', such as 'suicide: want to die'")
        }
        let kind = String(line[..<colon]).trimmingSpaces
        let rest = line[line.index(after: colon)...]
        let parts =
            rest.contains(";")
            ? rest.split(separator: ";;", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            : [String(rest).trimmingSpaces]
        func compile(_ text: String) throws(LineProblem) -> ScreenPattern {
            do {
                return try ScreenPattern(text, sets: sets, memo: memo)
            } catch {
                throw fail(error.message)
            }
        }
        let pattern = try compile(parts[0])
        switch kind {
        case "except":
            exceptions.append(pattern)
            return
        case "mention":
            mentions.append(pattern)
            return
        default:
            break
        }
        guard let category = SafetyCategory(rawValue: kind) else {
            let names = SafetyCategory.allCases.map(\.rawValue) + ["except", "mention"]
            throw fail("'\(kind)' is not a category; use one of \(names.joined(separator: ", "))")
        }
        var rule = Rule(category: category, pattern: pattern, with: nil, unless: nil, firm: pattern.hasNegation)
        for option in parts.dropFirst() {
            let words = option.split(separator: " ").map(String.init)
            switch (words.first, words.count) {
            case ("firm", 1):
                rule.firm = true
            case ("strong", 1):
                rule.strong = true
            case ("with", 2), ("unless", 2):
                guard case .word(let set)? = try compile(words[1]).nodes.first else {
                    throw fail("'\(words[0])' takes words such as @accident or a|b|c")
                }
                if words[0] == "with" { rule.with = set } else { rule.unless = set }
            default:
                throw fail("unknown option '\(option)'; use 'with WORDS', 'unless WORDS', 'firm' or 'strong'")
            }
        }
        rules.append(rule)
    }

    // MARK: Assessing

    /// What the screen finds in `text`.
    public func assess(_ text: String) -> Assessment {
        var firm: Set<SafetyCategory> = []
        var soft: Set<SafetyCategory> = []
        var reasons: [String] = []
        let small = sets["small"] ?? ScreenPattern.WordSet()
        let sentences = ScreenText(text).sentences
        // Sentences with everyday idioms taken out, for the model.
        var unexcused: [[ScreenText.Token]] = []
        for sentence in sentences {
            let excused = Self.covered(by: exceptions, in: sentence, small: small)
            unexcused.append(sentence.enumerated().filter { !excused.contains($0.offset) }.map(\.element))
            let mentioned = Self.covered(by: mentions, in: sentence, small: small)
            var harmedSpans: [Range<Int>] = []
            // "If my boss emails again I'll jump out the window lol": a joke made of a
            // condition and a laugh gets a gentle check-in, not a pause.
            let saysNotAJoke = sentence.indices.contains { i in
                ["joke", "joking", "kidding"].map(ScreenText.stem).contains(sentence[i].forms.first ?? "")
                    && sentence[max(0, i - 2)..<i].contains {
                        $0.forms.contains(where: ScreenPattern.negators.contains)
                    }
            }
            let isJoke =
                !saysNotAJoke && sentence.contains { sets["laugh"]?.matches($0) == true }
                && sentence.contains { sets["if"]?.matches($0) == true }
            var found: [(Rule, ScreenPattern.Match, Bool)] = []
            for index in candidateRules(for: sentence) {
                let rule = rules[index]
                if let with = rule.with, !sentence.contains(where: with.matches) { continue }
                if let unless = rule.unless, sentence.contains(where: unless.matches),
                    !sentence.contains(where: { sets["onpurpose"]?.matches($0) == true })
                {
                    continue
                }
                for match in rule.pattern.matches(in: sentence, smallWords: small) {
                    if !rule.strong && match.words.contains(where: excused.contains) { continue }
                    let gentle =
                        match.words.contains(where: mentioned.contains)
                        || (!rule.firm && Self.isNegated(match, in: sentence))
                        || isTalkAbout(match, in: sentence) || isJoke

                    found.append((rule, match, gentle))
                    if rule.category == .harmed && !gentle { harmedSpans.append(match.start..<match.end) }
                }
            }
            for (rule, match, gentle) in found {
                // "My husband hits my son" is someone being harmed, not the person harming.
                if rule.category == .others, harmedSpans.contains(where: { $0.overlaps(match.start..<match.end) }) {
                    continue
                }
                if gentle { soft.insert(rule.category) } else { firm.insert(rule.category) }
                reasons.append("\(gentle ? "check-in" : "pause") \(rule.category.rawValue): \(rule.pattern.source)")
            }
        }
        // The model speaks only where the rules found nothing at all.
        if useModel && firm.isEmpty && soft.isEmpty {
            let (features, risky) = CrisisModel.features(of: unexcused, sets: sets)
            if risky, let category = model.category(of: features) {
                firm.insert(category)
                reasons.append("pause \(category.rawValue): the model")
            }
        }
        var out = Assessment()
        out.pauses = firm.sorted()
        out.checkIns = soft.subtracting(firm).sorted()
        out.reasons = reasons
        return out
    }

    /// How the screen reads a text: each sentence's words with the forms they can stand for,
    /// for people writing phrases (`goalplan screen --words`).
    public static func words(of text: String) -> [[String]] {
        ScreenText(text).sentences.map { sentence in
            sentence.map { token in
                let forms = token.forms.filter { $0 != token.word }
                return token.word + (forms.isEmpty ? "" : "(" + forms.joined(separator: "/") + ")")
                    + (token.breakAfter ? "," : "")
            }
        }
    }

    private func candidateRules(for sentence: [ScreenText.Token]) -> [Int] {
        var seen = Set(rulesAnywhere)
        var out = rulesAnywhere
        for token in sentence {
            for form in token.forms {
                for index in rulesByFirstStem[form] ?? [] where seen.insert(index).inserted { out.append(index) }
            }
        }
        return out
    }

    /// The words of a sentence that any of `patterns` covers.
    private static func covered(
        by patterns: [ScreenPattern], in sentence: [ScreenText.Token], small: ScreenPattern.WordSet
    ) -> Set<Int> {
        var out = Set<Int>()
        for pattern in patterns {
            for match in pattern.matches(in: sentence, smallWords: small, acrossClauses: true) {
                out.formUnion(match.start..<match.end)
            }
        }
        return out
    }

    /// Words that break the reach of a "not" before a match: "I can't stop cutting", "not sure".
    private static let negationBreakers: Set<String> = [
        "but", "though", "although", "except", "stop", "help", "resist", "sure", "know", "only", "just", "because",
        "yet", "pero", "aunque", "sino", "quit", "control", "shake", "cap", "and", "so",
    ].reduce(into: []) { $0.insert(ScreenText.stem($1)) }

    /// Whether a "not", "never" or "no" stands within five words before the match, with
    /// nothing between them that turns it around, or the clause opens with "I don't think".
    private static func isNegated(_ match: ScreenPattern.Match, in sentence: [ScreenText.Token]) -> Bool {
        let first = match.words.first ?? match.start
        var i = first - 1
        while i >= max(0, first - 5) {
            if sentence[i].breakAfter { break }
            let forms = sentence[i].forms
            if forms.contains(where: negationBreakers.contains) { break }
            if forms.contains(where: ScreenPattern.negators.contains) {
                // "trying not to think about killing myself" is not a denial.
                // ... nor is "it's not like he hits me every day".
                let before = i > 0 ? sentence[i - 1].forms : []
                let after = i + 1 < sentence.count ? sentence[i + 1].forms : []
                if !before.contains(where: effort.contains) && !after.contains("like") { return true }
            }
            i -= 1
        }
        // "I don't think anyone would be better off without me."
        var j = first - 1
        while j > 0 && !sentence[j - 1].breakAfter {
            if sentence[j].forms.contains(where: believing.contains),
                sentence[j - 1].forms.contains(where: ScreenPattern.negators.contains)
            {
                return true
            }
            j -= 1
        }
        return false
    }

    private static let effort: Set<String> = Set(
        ["try", "trying", "tried", "attempt", "struggle"].map(ScreenText.stem))

    private static let believing: Set<String> = ["think", "believ", "reckon", "creo", "pienso"]

    /// Whether the sentence talks about a film, a book, the news or the like, and the match
    /// does not speak of the writer ("the film had a character who killed himself").
    private func isTalkAbout(_ match: ScreenPattern.Match, in sentence: [ScreenText.Token]) -> Bool {
        guard let media = sets["media"], let firstPerson = sets["firstperson"],
            sentence.contains(where: media.matches)
        else { return false }
        return !(match.start..<match.end).contains { firstPerson.matches(sentence[$0]) }
    }
}
