import Foundation
import GoalPlanCore
import Testing

/// How the crisis screen does on the corpus in `SafetyCorpus/`: recall per category and false
/// alarms, on the tuning half (what the rules and model were fitted to) and on the held-out
/// half (statements from writers who never saw the screen, not tuned on). Prints both tables;
/// `make safety-report` shows them.
@Suite struct SafetyCorpusTests {
    struct Statement {
        var category: SafetyCategory?
        var tags: [String]
        var text: String
    }

    static func load(_ name: String) -> [Statement] {
        let path = Fixtures.repository + "/Tests/GoalPlanCoreTests/SafetyCorpus/\(name).tsv"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { return nil }
            return Statement(
                category: SafetyCategory(rawValue: fields[0]), tags: fields[1].split(separator: ",").map(String.init),
                text: fields[2])
        }
    }

    /// Recall by category (a crisis statement counts when it pauses, whatever the category),
    /// and the share of everyday statements that pause.
    struct Table {
        var recall: [SafetyCategory: (hit: Int, of: Int)] = [:]
        var alarms = (hit: 0, of: 0)
        var byTag: [String: (hit: Int, of: Int)] = [:]

        init(_ statements: [Statement], screen: CrisisScreen = .standard) {
            for s in statements {
                let paused = !screen.assess(s.text).pauses.isEmpty
                if let c = s.category {
                    recall[c, default: (0, 0)].of += 1
                    if paused { recall[c, default: (0, 0)].hit += 1 }
                    for tag in s.tags where tag != "-" {
                        byTag[tag, default: (0, 0)].of += 1
                        if paused { byTag[tag, default: (0, 0)].hit += 1 }
                    }
                } else {
                    alarms.of += 1
                    if paused { alarms.hit += 1 }
                }
            }
        }

        func rate(_ c: SafetyCategory) -> Double {
            guard let r = recall[c], r.of > 0 else { return 0 }
            return Double(r.hit) / Double(r.of)
        }

        var alarmRate: Double { alarms.of == 0 ? 0 : Double(alarms.hit) / Double(alarms.of) }

        func render(_ title: String) -> String {
            func pct(_ x: Double) -> String {
                let tenths = Int((x * 1000).rounded())
                return "\(tenths / 10).\(tenths % 10)%"
            }
            var lines = ["\(title)", "  category   paused / of   recall"]
            for c in SafetyCategory.allCases {
                let r = recall[c] ?? (0, 0)
                lines.append(
                    "  \(c.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(r.hit) / \(r.of)   \(pct(rate(c)))"
                )
            }
            lines.append("  everyday   \(alarms.hit) / \(alarms.of) paused   false alarms \(pct(alarmRate))")
            let tags = byTag.keys.sorted().map { tag in
                let t = byTag[tag] ?? (0, 0)
                return "\(tag) \(t.hit)/\(t.of)"
            }
            lines.append("  crisis statements by tag: " + tags.joined(separator: ", "))
            return lines.joined(separator: "\n")
        }
    }

    static let tuning = load("tuning")
    static let heldOut = load("heldout")

    @Test func theCorpusIsLargeEnoughInEachHalf() {
        for half in [Self.tuning, Self.heldOut] {
            #expect(half.filter { $0.category != nil }.count >= 300)
            #expect(half.filter { $0.category == nil }.count >= 300)
            for c in SafetyCategory.allCases { #expect(half.filter { $0.category == c }.count >= 40) }
        }
        // No statement is in both halves.
        let both = Set(Self.tuning.map(\.text)).intersection(Self.heldOut.map(\.text))
        #expect(both.isEmpty, "in both halves: \(both.sorted().prefix(5))")
    }

    @Test func onTheTuningHalfItMissesAlmostNothing() {
        let table = Table(Self.tuning)
        print(table.render("Safety screen, tuning half (\(Self.tuning.count) statements)"))
        for c in SafetyCategory.allCases { #expect(table.rate(c) >= 0.99, "\(c)") }
        #expect(table.alarmRate <= 0.01)
    }

    /// The held-out figures are what PERFORMANCE.md reports; these floors keep them from
    /// slipping. The issue's target is 95% recall in every category; see PERFORMANCE.md for
    /// where it falls short.
    @Test func onTheHeldOutHalfItHoldsItsMeasuredFigures() {
        let table = Table(Self.heldOut)
        print(table.render("Safety screen, held-out half (\(Self.heldOut.count) statements, never tuned on)"))
        for c in SafetyCategory.allCases { #expect(table.rate(c) >= 0.85, "\(c)") }
        #expect(table.alarmRate <= 0.06)
    }
}
