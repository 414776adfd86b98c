import Foundation
import GoalPlanCore
import TestSupport
import Testing

/// A small seeded generator of plans full of text that could break Markdown.
struct PlanGenerator {
    var numbers: SeededGenerator

    init(state: UInt64) { numbers = SeededGenerator(seed: state) }

    mutating func next() -> UInt64 { numbers.next() }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }

    static let pieces = [
        "Sleep", "seven hours", "# not a heading", "- not an item", "+ plus", "1. numbered", "2) also",
        "a | b", "<script>alert(1)</script>", "---", "===", "[x]: https://example.com", "[link](x)", "*stars*",
        "_under_", "`code`", "back\\slash", "&amp;", "~~strike~~", "> quote", "C#", "ends with #", "**bold**",
        "🙂 emoji", "עברית", "مرحبا", "Zoë", "日本語", "-\u{07AB}combining after a dash", "#\u{0301}", "\\\u{0301}", "x:",
        "Noise::", "- [ ] box", "[ ]", "\\", "|", "tab\there",
    ]

    /// One line: trimmed, non-empty, no line break.
    mutating func line() -> String {
        let words = (0..<int(1...4)).map { _ in Self.pieces[int(0...(Self.pieces.count - 1))] }
        return words.joined(separator: " ").replacingOccurrences(of: "\t", with: " ").trimmingCharacters
    }

    /// Text of one to three lines.
    mutating func text(maxLines: Int = 3) -> String {
        (0..<int(1...maxLines)).map { _ in line() }.joined(separator: "\n")
    }

    mutating func list(_ most: Int = 3) -> [String] {
        (0..<int(0...most)).map { _ in text() }
    }

    mutating func date() -> CalendarDate {
        CalendarDate(dayNumber: int(19_000...22_000)) ?? .epoch
    }

    mutating func plan() -> Plan {
        var plan = Plan(started: date())
        if chance(80) { plan.name = line() }
        if chance(70) { plan.nextReview = date() }
        plan.concerns = list()
        if chance(60) { plan.hopes = chance(50) ? [text()] : list() }
        plan.strengths = list(2)
        plan.supports = list(2)
        if chance(50) { plan.values = chance(50) ? [text()] : list() }
        if chance(50) { plan.expectations = chance(50) ? [text()] : list() }
        for _ in 0..<int(0...3) {
            var goal = Goal()
            if chance(90) { goal.title = line() }
            if chance(70) { goal.area = line() }
            if chance(70) { goal.why = text() }
            if chance(50) { goal.measure = text() }
            if chance(50) { goal.importance = int(0...10) }
            if chance(50) { goal.confidence = int(0...10) }
            if chance(80) { goal.ratings = [Rating(date: plan.started, value: int(0...10))] }
            goal.steps = (0..<int(0...4)).map { _ in PlanStep(text(maxLines: 2), done: chance(40)) }
            if chance(40) { goal.firstStep = line() }
            goal.obstacles = (0..<int(0...2)).map { _ in Obstacle(what: line(), plan: chance(70) ? text() : nil) }
            goal.helpers = list(2)
            if chance(30) { goal.levels = (0..<5).map { _ in line() } }
            goal.reviews = (0..<int(0...3)).map { _ in
                var review = Review(
                    date: date(), rating: chance(80) ? int(0...10) : nil, helped: chance(70) ? line() : nil,
                    hindered: chance(70) ? line() : nil, decision: chance(70) ? line() : nil,
                    reason: chance(50) ? line() : nil)
                if chance(40) { review.level = int(-2...2) }
                if chance(40) { review.confidence = int(0...10) }
                return review
            }
            if chance(30) { goal.levelAtStart = int(-2...2) }
            if chance(20) { goal.reached = date() }
            if chance(15) { goal.onHold = date() }
            if chance(15) { goal.letGo = date() }
            if chance(20) {
                goal.earlierTitles = (0..<int(1...2)).map { _ in EarlierTitle(text: line(), until: date()) }
            }
            goal.notes = (0..<int(0...2)).map { _ in note() }
            plan.goals.append(goal)
        }
        if chance(30) {
            var safety = SafetyPlan()
            safety.warningSigns = [text()]
            safety.people = list(2)
            safety.reasonsForLiving = list(2)
            plan.safetyPlan = safety
        }
        if chance(40) {
            plan.clinician = ClinicianNotes(
                approach: line(), interventions: chance(50) ? text() : nil,
                notes: chance(50) ? [Note(question: line(), answer: .text(text()))] : [])
        }
        for _ in 0..<int(0...3) {
            // A measure's name and band are the flow author's words: one line each.
            let most = Double(int(1...40))
            plan.measures.append(
                MeasureResult(
                    id: chance(50) ? "phq9" : "my-scale_2", name: line(), code: chance(50) ? "44261-6" : nil,
                    date: date(), score: chance(70) ? Double(int(0...40)) : Double(int(0...400)) / 10,
                    maximum: chance(60) ? most : nil, band: chance(60) ? line() : nil,
                    items: chance(50) ? (0..<int(1...9)).map { _ in chance(90) ? int(0...3) : nil } : []))
        }
        plan.notes = (0..<int(0...3)).map { _ in note() }
        if chance(20) {
            // After the section before it, whichever that is.
            let sections = PlanPlace.order(of: plan).filter { section in
                switch section {
                case "": true
                case PlanHeadings.concerns: !plan.concerns.isEmpty
                case PlanHeadings.hopes: !plan.hopes.isEmpty
                case PlanHeadings.strengths: !plan.strengths.isEmpty
                case PlanHeadings.supports: !plan.supports.isEmpty
                case PlanHeadings.values: !plan.values.isEmpty
                case PlanHeadings.expectations: !plan.expectations.isEmpty
                case PlanHeadings.safetyPlan: !(plan.safetyPlan?.isEmpty ?? true)
                case PlanHeadings.measures: !plan.measures.isEmpty
                case PlanHeadings.notes: !plan.notes.isEmpty
                case PlanHeadings.clinician: !(plan.clinician?.isEmpty ?? true)
                default: true
                }
            }
            plan.extraSections = [
                RawSection(
                    heading: "My own notes", body: ["Written by hand.", "", "- a list"],
                    place: PlanPlace(section: sections[int(0...(sections.count - 1))]))
            ]
        }
        return plan
    }

    mutating func note() -> Note {
        Note(
            question: line(), answer: chance(50) ? .text(text()) : .items((0..<int(1...3)).map { _ in text() }),
            questionID: chance(50) ? "q\(int(1...99))" + (chance(30) ? "_more-x" : "") : nil)
    }
}

extension String {
    var trimmingCharacters: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}

@Suite struct PlanRoundTripTests {
    /// Which fields differ, found by walking both values, to make a failure readable.
    static func differences(_ a: Any, _ b: Any, path: String = "plan") -> [String] {
        let (ma, mb) = (Mirror(reflecting: a), Mirror(reflecting: b))
        if ma.children.isEmpty || ma.children.count != mb.children.count || ma.displayStyle == .enum {
            let (sa, sb) = (String(describing: a), String(describing: b))
            return sa == sb ? [] : ["\(path): read \(sa.debugDescription)\n   wrote \(sb.debugDescription)"]
        }
        return zip(ma.children, mb.children).enumerated().flatMap { i, pair in
            differences(pair.0.value, pair.1.value, path: path + "." + (pair.0.label ?? "[\(i)]"))
        }
    }

    @Test(arguments: 0..<300)
    func readingWhatWasWrittenGivesThePlanBack(_ seed: Int) throws {
        var generator = PlanGenerator(state: UInt64(seed))
        let plan = generator.plan()
        let markdown = MarkdownWriter().write(plan)
        let read = try MarkdownReader.read(markdown)
        #expect(read == plan, "\(Self.differences(read, plan).joined(separator: "\n"))\n\(markdown)")
        #expect(MarkdownWriter().write(read) == markdown)
        // Each answer keeps its question's id (a comment beside the question).
        #expect(read.notes.map(\.questionID) == plan.notes.map(\.questionID))
        #expect(read.goals.map { $0.notes.map(\.questionID) } == plan.goals.map { $0.notes.map(\.questionID) })
        // Windows line endings read the same.
        let crlf = try MarkdownReader.read(markdown.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(crlf == plan)
    }
}
