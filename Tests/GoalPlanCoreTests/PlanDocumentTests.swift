import Foundation
import GoalPlanCore
import Testing

/// `show`, the printed page and the Markdown plan give a goal's facts and parts in one order,
/// and a client's copy leaves out the same things in each: the document is made once.
@Suite struct PlanDocumentTests {
    static let plan: Plan = {
        let path = Fixtures.repository + "/Tests/goalplanTests/Fixtures/shared-plan.md"
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return (try? MarkdownReader.read(text)) ?? Plan(started: Fixtures.today)
    }()

    /// The labels of `labels` in the order they first appear in `text`.
    static func order(of labels: [String], in text: String) -> [String] {
        labels.compactMap { label in text.range(of: label).map { (label, $0.lowerBound) } }
            .sorted { $0.1 < $1.1 }.map(\.0)
    }

    @Test func everyFormatGivesAGoalsFactsAndPartsInTheSameOrder() throws {
        let h = PlanHeadings.self
        let goal = try #require(Self.plan.goals.first)
        #expect(goal.firstStep != nil && goal.importance != nil && !goal.reviews.isEmpty, "the fixture has them")
        let labels = [
            h.area, h.why, h.measure, h.importance, h.confidence, h.progress, h.firstStep, h.steps, h.obstacles,
            h.helpers, h.levels, h.reviews,
        ]
        // The first goal only: up to the second goal's heading.
        func firstGoal(_ text: String) -> String {
            guard let start = text.range(of: "Goal 1") else { return "" }
            let rest = text[start.upperBound...]
            return String(rest[..<(rest.range(of: "Goal 2")?.lowerBound ?? rest.endIndex)])
        }
        let markdown = Self.order(of: labels, in: firstGoal(MarkdownWriter().write(Self.plan)))
        let shown = Self.order(of: labels, in: firstGoal(TerminalRenderer().render(Self.plan)))
        let printed = Self.order(of: labels, in: firstGoal(HTMLWriter().write(Self.plan)))
        #expect(markdown.count >= 8)
        #expect(shown == markdown)
        #expect(printed == markdown)
    }

    @Test func aClientCopyLeavesOutTheClinicianInEveryFormat() {
        var plan = Self.plan
        plan.clinician = ClinicianNotes(approach: "A private approach")
        let document = PlanDocument(plan, clientCopy: true)
        #expect(!document.sections.contains { $0.kind == .clinician })
        for text in [
            TerminalRenderer(options: .init(clientCopy: true)).render(plan), HTMLWriter(clientCopy: true).write(plan),
            MarkdownWriter(options: .init(clientCopy: true)).write(plan), PlanJSON.encode(plan, clientCopy: true),
        ] {
            #expect(!text.contains("A private approach"))
        }
        #expect(TerminalRenderer().render(plan).contains("A private approach"))
        #expect(HTMLWriter().write(plan).contains("A private approach"))
    }

    @Test func aClinicianNoteReadsAsAFactEverywhere() {
        var plan = Self.plan
        plan.clinician = ClinicianNotes(
            approach: "CBT", notes: [Note(question: "Risk discussed", answer: .text("Yes, none now\nReview in March"))])
        let shown = TerminalRenderer().render(plan)
        #expect(shown.contains("  Risk discussed: Yes, none now\n    Review in March\n"), "\(shown)")
        #expect(HTMLWriter().write(plan).contains("<dt>Risk discussed</dt><dd>Yes, none now<br>Review in March</dd>"))
        #expect(MarkdownWriter().write(plan).contains("- **Risk discussed:** Yes, none now\\\n  Review in March"))
    }
}
