import GoalPlanCore
import Testing

/// Every field of the plan reaches every format. The fixture below fills each field with a
/// word found nowhere else; the first test fails when the model gains a field the fixture
/// leaves empty, the second when a format drops one. A field a format leaves out on purpose
/// is listed with its reason, so a new one cannot go missing without a word.
@Suite struct FieldCoverageTests {
    static let day = Fixtures.today
    static func later(_ days: Int) -> CalendarDate { day.adding(days: days) }

    static let plan: Plan = {
        var safety = SafetyPlan()
        safety.warningSigns = ["SafetyWarning"]
        safety.copingAlone = ["SafetyCoping"]
        safety.distractions = ["SafetyDistraction"]
        safety.people = ["SafetyPerson"]
        safety.professionals = ["SafetyProfessional"]
        safety.saferSurroundings = ["SafetySurroundings"]
        safety.reasonsForLiving = ["SafetyReason"]
        var review = Review(
            date: later(14), rating: 6, helped: "ReviewHelped", hindered: "ReviewHindered", decision: "ReviewDecision",
            reason: "ReviewReason")
        review.level = 1
        review.confidence = 8
        var goal = Goal(
            title: "GoalTitle", area: "GoalArea", why: "GoalWhy", measure: "GoalMeasure", importance: 9, confidence: 7,
            ratings: [Rating(date: day, value: 3)], steps: [PlanStep("StepOpen"), PlanStep("StepDone", done: true)],
            firstStep: "GoalFirstStep", obstacles: [Obstacle(what: "ObstacleWhat", plan: "ObstaclePlan")],
            helpers: ["GoalHelper"],
            levels: ["LevelMinusTwo", "LevelMinusOne", "LevelZero", "LevelPlusOne", "LevelPlusTwo"],
            reviews: [review],
            notes: [Note(question: "GoalNoteQuestion", answer: .text("GoalNoteAnswer"), questionID: "goal_note")])
        goal.levelAtStart = -1
        goal.reached = later(30)
        goal.onHold = later(31)
        goal.letGo = later(32)
        goal.earlierTitles = [EarlierTitle(text: "EarlierTitleText", until: later(7))]
        var plan = Plan(
            name: "PlanName", started: day, nextReview: later(28), concerns: ["PlanConcern"], hopes: ["PlanHope"],
            strengths: ["PlanStrength"], supports: ["PlanSupport"], goals: [goal],
            safetyPlan: safety,
            clinician: ClinicianNotes(
                approach: "ClinicianApproach", interventions: "ClinicianInterventions",
                checkIns: [SafetyCheckIn(date: later(1), categories: [.suicide], outcome: .safetyPlan)],
                notes: [
                    Note(
                        question: "ClinicianNoteQuestion", answer: .items(["ClinicianItemOne", "ClinicianItemTwo"]),
                        questionID: "clinic_note")
                ]),
            notes: [Note(question: "PlanNoteQuestion", answer: .text("PlanNoteAnswer"), questionID: "plan_note")],
            extraSections: [
                RawSection(
                    heading: "KeptHeading", body: ["KeptBody"], level: 2,
                    place: PlanPlace(section: "end", part: "KeptPart"),
                    first: true)
            ])
        plan.measures = [
            MeasureResult(
                id: "MeasureID", name: "MeasureName", code: "MeasureCode", date: later(2), score: 17, maximum: 33,
                band: "MeasureBand", items: [1, nil, 3])
        ]
        plan.values = ["PlanValue"]
        plan.expectations = ["PlanExpectation"]
        plan.language = "en"
        return plan
    }()

    /// A field's place in the plan (`goals[0].reviews[0].helped`) and what it holds.
    struct Leaf {
        var path: String
        var value: Any
    }

    /// Every stored value in `value`, walked with reflection so that a field added later is
    /// walked too, and the paths that hold nothing (nil, or an empty list or text).
    static func walk(_ value: Any, _ path: String, into leaves: inout [Leaf], empty: inout [String]) {
        let mirror = Mirror(reflecting: value)
        switch value {
        case let text as String:
            if text.isEmpty { empty.append(path) } else { leaves.append(Leaf(path: path, value: text)) }
            return
        case is Int, is Double, is Bool, is CalendarDate:
            leaves.append(Leaf(path: path, value: value))
            return
        default: break
        }
        switch mirror.displayStyle {
        case .optional:
            if let some = mirror.children.first {
                walk(some.value, path, into: &leaves, empty: &empty)
            } else {
                empty.append(path)
            }
        case .collection:
            if mirror.children.isEmpty { empty.append(path) }
            for (i, child) in mirror.children.enumerated() {
                walk(child.value, "\(path)[\(i)]", into: &leaves, empty: &empty)
            }
        case .enum where mirror.children.isEmpty:
            leaves.append(Leaf(path: path, value: value))
        default:
            for child in mirror.children {
                walk(
                    child.value, path.isEmpty ? child.label ?? "?" : "\(path).\(child.label ?? "?")", into: &leaves,
                    empty: &empty)
            }
        }
    }

    static var leaves: [Leaf] {
        var leaves: [Leaf] = []
        var empty: [String] = []
        walk(plan, "", into: &leaves, empty: &empty)
        return leaves
    }

    @Test func theFixtureFillsEveryFieldOfThePlan() {
        var leaves: [Leaf] = []
        var empty: [String] = []
        Self.walk(Self.plan, "", into: &leaves, empty: &empty)
        // One measure item is left unanswered on purpose: an unanswered item is a case to show.
        #expect(empty == ["measures[0].items[1]"], "fill these in the fixture, then in every format: \(empty)")
        #expect(leaves.count > 60)
    }

    /// Where a format leaves a field out on purpose, and why.
    static let leftOut: [(format: String, path: String, why: String)] = [
        // Structure, not content: where kept text sits, its heading level, its place among its siblings.
        ("all", "extraSections[0].place", "where kept text sits, shown by where it is"),
        ("all", "extraSections[0].level", "a heading level, shown as one"),
        ("all", "extraSections[0].first", "whether kept text came first, shown by its order"),
        ("all", "notes[0].questionID", "a question's id ties a note to its flow; the question is shown"),
        ("all", "goals[0].notes[0].questionID", "as above"),
        ("all", "clinician.notes[0].questionID", "as above"),
        ("all", "goals[0].steps[1].done", "shown as a tick"),
        ("all", "goals[0].steps[0].done", "shown as an empty box"),
        ("all", "measures[0].id", "the measure's name is shown"),
        // Markdown keeps measures as one record line each; show and print are for reading.
        ("show", "measures[0].code", "a records-system code is for other tools"),
        // The plan's language is the language of its words (PlanLanguageTests), not a word of its
        // own; JSON and the printed page name it.
        ("markdown", "language", "the words of its headings, labels and dates are in it"),
        ("show", "language", "as above"),
    ]

    static func isLeftOut(_ path: String, in format: String) -> Bool {
        leftOut.contains { ($0.format == "all" || $0.format == format) && path.hasPrefix($0.path) }
    }

    /// How a value may be written: text as itself; a date in one of its forms.
    static func forms(_ value: Any) -> [String]? {
        switch value {
        case let text as String: [text]
        case let date as CalendarDate: [date.iso, date.longForm]
        case let named as any RawRepresentable: (named.rawValue as? String).map { [$0] }
        default: nil
        }
    }

    static let formats: [(String, String)] = [
        ("markdown", MarkdownWriter().write(plan)), ("show", TerminalRenderer().render(plan)),
        ("html", HTMLWriter().write(plan)), ("json", PlanJSON.encode(plan)),
    ]

    @Test(arguments: ["markdown", "show", "html", "json"])
    func everyFieldReachesTheFormat(_ format: String) throws {
        // Words only: `show` wraps long values across lines.
        func words(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let text = words(try #require(Self.formats.first { $0.0 == format }?.1))
        var missing: [String] = []
        for leaf in Self.leaves where !Self.isLeftOut(leaf.path, in: format) {
            guard let forms = Self.forms(leaf.value) else { continue }
            if !forms.contains(where: { text.contains(words($0)) }) { missing.append("\(leaf.path) (\(forms[0]))") }
        }
        #expect(missing.isEmpty, "\(format) does not show: \(missing.joined(separator: ", "))")
    }

    /// Numbers are checked where they can be told apart: a measure's score and its maximum.
    @Test func aScoreAndItsMaximumReachEveryFormat() {
        for (format, text) in Self.formats {
            let expected = format == "json" ? ["\"score\" : 17", "\"maximum\" : 33"] : ["17 of 33"]
            for e in expected { #expect(text.contains(e), "\(format) lacks \(e)") }
        }
    }

    /// The list of fields left out names only fields that exist, so it cannot hide a typo.
    @Test func everyLeftOutFieldExists() {
        for entry in Self.leftOut {
            #expect(Self.leaves.contains { $0.path.hasPrefix(entry.path) }, "\(entry.path) is not a field")
        }
    }
}
