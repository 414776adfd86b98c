/// A small linear model that backs up the rules: it scores an answer from its words, their
/// pairs, and the concepts they belong to (death, means, a perpetrator, hope...), so that a
/// disclosure worded in a way no rule foresaw can still pause.
///
/// It is a multinomial logistic regression trained on the tuning half of the corpus in
/// `Tests/GoalPlanCoreTests/SafetyCorpus` (`make screen-model` trains it again and rewrites
/// `CrisisModelWeights.swift`). It only speaks when the answer has at least one word of a
/// crisis concept, so everyday answers are never judged on style alone.
struct CrisisModel: Sendable {
    /// Where each feature's weights start in `table`: one weight per class, in the order of
    /// `classes`.
    let rows: [String: Int]
    let table: [Double]
    let bias: [Double]
    /// `none`, then the categories.
    static let classes: [SafetyCategory?] = [nil] + SafetyCategory.allCases
    /// How sure the model must be that an answer is not everyday talk before it pauses.
    let threshold: Double

    static let standard: CrisisModel = CrisisModel(text: CrisisModelWeights.text)

    /// Reads the weights' text: a line per feature, its name, a tab, and a comma-separated
    /// weight per class; `#bias` and `#threshold` lines. Read as bytes, as the run's first
    /// screened answer waits for it; a line of the wrong shape is passed over.
    init(text: String) {
        let width = Self.classes.count
        var rows: [String: Int] = [:]
        var table: [Double] = []
        var bias = [Double](repeating: 0, count: width)
        var threshold = 0.5
        var text = text
        text.withUTF8 { bytes in
            var values: [Double] = []
            values.reserveCapacity(width)
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                var tab = lineStart
                while tab < lineEnd && bytes[tab] != 0x09 { tab += 1 }
                guard tab < lineEnd else { continue }
                var nameStart = lineStart
                while nameStart < tab && bytes[nameStart] == 0x20 { nameStart += 1 }
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<tab]), as: UTF8.self)
                values.removeAll(keepingCapacity: true)
                var i = tab + 1
                while i < lineEnd {
                    var end = i
                    while end < lineEnd && bytes[end] != 0x2C { end += 1 }
                    guard let value = Self.number(UnsafeBufferPointer(rebasing: bytes[i..<end])) else { break }
                    values.append(value)
                    i = end + 1
                }
                switch name {
                case "#threshold": threshold = values.first ?? threshold
                case "#bias" where values.count == width: bias = values
                default:
                    if values.count == width && !name.hasPrefix("#") {
                        rows[name] = table.count
                        table += values
                    }
                }
            }
        }
        self.rows = rows
        self.table = table
        self.bias = bias
        self.threshold = threshold
    }

    /// A decimal as the weights are written: an optional minus, digits, an optional point and
    /// digits. Nothing else is read, so a damaged line is passed over rather than misread.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        var negative = false
        if i < bytes.count && bytes[i] == 0x2D {
            negative = true
            i += 1
        }
        // Digits as a whole number, then one division by a power of ten: the same correctly
        // rounded value `Double("0.0158")` gives, for up to 15 digits.
        var mantissa: Int64 = 0
        var digits = 0
        var decimals = 0
        var point = false
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x2E && !point {
                point = true
            } else if b >= 0x30 && b <= 0x39 && digits < 15 {
                mantissa = mantissa * 10 + Int64(b - 0x30)
                digits += 1
                if point { decimals += 1 }
            } else {
                break
            }
            i += 1
        }
        var scale: Double = 1
        for _ in 0..<decimals { scale *= 10 }
        let whole = Double(mantissa) / scale
        guard digits > 0, i == bytes.count else { return nil }
        return negative ? -whole : whole
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

    /// The features of a text: words, pairs of neighboring words, concepts, pairs of concepts
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
            guard let row = rows[feature] else { continue }
            for k in z.indices { z[k] += table[row + k] }
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
