#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small linear model that backs up the rules: it scores an answer from its words, their
/// pairs, and the concepts they belong to (death, means, a perpetrator, hope...), so that a
/// disclosure worded in a way no rule foresaw can still pause.
///
/// It is a multinomial logistic regression trained on the tuning half of the corpus in
/// `Tests/GoalPlanCoreTests/SafetyCorpus` (`make screen-model` trains it again and rewrites
/// `CrisisModelWeights.swift`). It only speaks when the answer has at least one word of a
/// crisis concept, so everyday answers are never judged on style alone.
struct CrisisModel: Sendable {
    /// Weights by feature: one per class, in the order of `classes`.
    let weights: [String: [Double]]
    let bias: [Double]
    /// `none`, then the categories.
    static let classes: [SafetyCategory?] = [nil] + SafetyCategory.allCases
    /// How sure the model must be that an answer is not everyday talk before it pauses.
    let threshold: Double

    static let standard: CrisisModel = CrisisModel(text: CrisisModelWeights.text)

    init(text: String) {
        var weights: [String: [Double]] = [:]
        var bias = [Double](repeating: 0, count: Self.classes.count)
        var threshold = 0.5
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { continue }
            let values = parts[1].split(separator: ",").compactMap { Double(String($0)) }
            switch parts[0] {
            case "#threshold": threshold = values.first ?? threshold
            case "#bias" where values.count == bias.count: bias = values
            default: if values.count == bias.count { weights[String(parts[0])] = values }
            }
        }
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
    }

    /// The concept sets the model's features use.
    static let concepts = [
        "self", "kill", "killmaybe", "harmself", "die", "death", "wish", "violent", "person", "perp", "victim", "child",
        "abuse",
        "pill", "quantity", "take", "gun", "blade", "heights", "tracks", "traffic", "water", "negation", "life",
        "hope", "burden", "prep", "fear", "soon", "firstperson", "spanishwant", "spanishharm", "spanishperp",
        "spanishperson",
    ]

    /// Concepts whose words let the model speak at all.
    static let riskConcepts: Set<String> = [
        "kill", "killmaybe", "harmself", "die", "death", "violent", "abuse", "pill", "gun", "blade", "heights",
        "tracks", "hope",
        "burden", "prep", "fear", "spanishharm", "life",
    ]

    /// The features of a text: words, pairs of neighbouring words, concepts, pairs of concepts
    /// within a clause, and concepts that follow a "not".
    static func features(of sentences: [[ScreenText.Token]], sets: [String: ScreenPattern.WordSet]) -> (
        features: Set<String>, hasRisk: Bool
    ) {
        var out: Set<String> = []
        var risk = false
        let named = concepts.compactMap { name in sets[name].map { (name, $0) } }
        for sentence in sentences {
            var clause: [(String, [String])] = []
            var negatedUntil = -1
            func closeClause() {
                let present = Set(clause.flatMap(\.1))
                let sorted = present.sorted()
                for (i, a) in sorted.enumerated() {
                    for b in sorted[(i + 1)...] { out.insert("cc:\(a)+\(b)") }
                }
                clause = []
            }
            for (i, token) in sentence.enumerated() {
                let stem = token.forms.first ?? token.word
                out.insert("w:" + stem)
                if i + 1 < sentence.count && !token.breakAfter {
                    out.insert("b:" + stem + "_" + (sentence[i + 1].forms.first ?? sentence[i + 1].word))
                }
                var hit: [String] = []
                for (name, set) in named where set.matches(token) {
                    hit.append(name)
                    out.insert("c:" + name)
                    if i <= negatedUntil { out.insert("n:" + name) }
                    if riskConcepts.contains(name) { risk = true }
                }
                if hit.contains("negation") { negatedUntil = i + 3 }
                clause.append((stem, hit))
                if token.breakAfter { closeClause() }
            }
            closeClause()
        }
        return (out, risk)
    }

    /// The probability of each class, in the order of `classes`.
    func probabilities(_ features: Set<String>) -> [Double] {
        var z = bias
        for feature in features {
            guard let w = weights[feature] else { continue }
            for k in z.indices { z[k] += w[k] }
        }
        let top = z.max() ?? 0
        let e = z.map { exp($0 - top) }
        let sum = e.reduce(0, +)
        return e.map { $0 / sum }
    }

    /// The category the model would pause for, if it is sure enough the text is not everyday.
    func category(of features: Set<String>) -> SafetyCategory? {
        let p = probabilities(features)
        guard 1 - p[0] >= threshold else { return nil }
        let best = (1..<p.count).max { p[$0] < p[$1] } ?? 1
        return Self.classes[best]
    }
}
