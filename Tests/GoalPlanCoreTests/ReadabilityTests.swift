import Foundation
import GoalPlanCore
import Testing

/// Flesch-Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
enum Readability {
    static func grade(_ text: String) -> Double {
        let plain = Template.render(text) { _ in "it" }
        let sentences = max(
            1, plain.split(whereSeparator: { ".!?".contains($0) }).filter { $0.contains(where: \.isLetter) }.count)
        let words = plain.split(whereSeparator: { !$0.isLetter && $0 != "'" }).map { $0.lowercased() }.filter {
            !$0.isEmpty
        }
        guard !words.isEmpty else { return 0 }
        let syllables = words.map(syllables(in:)).reduce(0, +)
        return 0.39 * Double(words.count) / Double(sentences) + 11.8 * Double(syllables) / Double(words.count) - 15.59
    }

    /// Vowel groups, less a silent final e, at least one.
    static func syllables(in word: String) -> Int {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        var count = 0
        var previousVowel = false
        for c in word {
            let vowel = vowels.contains(c)
            if vowel && !previousVowel { count += 1 }
            previousVowel = vowel
        }
        if word.hasSuffix("e") && !word.hasSuffix("le") && count > 1 { count -= 1 }
        if word.hasSuffix("es") || word.hasSuffix("ed"), count > 1, !word.hasSuffix("ted"), !word.hasSuffix("ded") {
            count -= 1
        }
        return max(1, count)
    }
}

/// Every prompt the built-in flows show reads at about a US grade 8 level or easier. Run
/// `make readability` to see the hardest ones.
@Suite struct ReadabilityTests {
    static let folder: String = Fixtures.repository + "/Prompts"

    /// What a person reads at each question: the question and its guidance together.
    static var prompts: [(place: String, text: String)] {
        var out: [(String, String)] = []
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") && $0 != "safety.yaml" }.sorted()
        for file in files {
            guard let data = FileManager.default.contents(atPath: "\(folder)/\(file)"),
                let flow = FlowLoader.load(
                    Array(data), path: file,
                    resolve: { id in
                        FileManager.default.contents(atPath: "\(folder)/\(id).yaml").map { (Array($0), id) }
                    }
                ).flow
            else { continue }
            // A measure keeps its published wording, which is not ours to change.
            if flow.measure != nil { continue }
            if let intro = flow.intro { out.append(("\(file) intro", intro)) }
            func ours(_ items: [FlowItem]) -> [Question] {
                items.flatMap { item -> [Question] in
                    switch item {
                    case .question(let q): q.type.isAsked ? [q] : []
                    case .group(let g): ours(g.items)
                    case .section(let s): s.measure == nil ? ours(s.items) : []
                    }
                }
            }
            for q in ours(flow.items) {
                out.append(("\(file) \(q.id)", q.ask + (q.help.map { " " + $0 } ?? "")))
            }
        }
        return out
    }

    @Test func everyPromptReadsAtAboutGradeEight() {
        let graded = Self.prompts.map { (place: $0.place, text: $0.text, grade: Readability.grade($0.text)) }
        #expect(graded.count > 60)
        let hardest = graded.sorted { $0.grade > $1.grade }.prefix(10)
        print("Hardest prompts (Flesch-Kincaid grade):")
        for p in hardest { print(String(format: "  %5.1f  %@: %@", p.grade, p.place, String(p.text.prefix(70)))) }
        let mean = graded.map(\.grade).reduce(0, +) / Double(max(graded.count, 1))
        print(String(format: "Mean grade over %d prompts: %.1f", graded.count, mean))
        #expect(mean <= 6.0)
        for p in graded {
            #expect(p.grade <= 8.5, "\(p.place) reads at grade \(p.grade): \(p.text)")
        }
    }

    @Test func theMeasureKnowsEasyFromHard() {
        #expect(Readability.grade("What is the goal? Say it in a few words.") < 3)
        #expect(
            Readability.grade(
                "Operationalise the multidimensional therapeutic objectives utilising evidence-based cognitive methodologies."
            )
                > 14)
        #expect(Readability.syllables(in: "relationship") == 4)
        #expect(Readability.syllables(in: "goal") == 1)
    }
}
