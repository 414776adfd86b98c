/// A goal plan: what a person brought, what they hope for, and their goals with steps.
public struct Plan: Equatable, Sendable {
    public var name: String?
    public var started: CalendarDate
    public var nextReview: CalendarDate?
    /// What brought the person here.
    public var concerns: [String]
    /// What they would like to be different.
    public var hopes: [String]
    /// Strengths they already have.
    public var strengths: [String]
    /// People and things that can help.
    public var supports: [String]
    /// What matters most to them: their values.
    public var values: [String] = []
    /// What would tell them that the work has helped: their hopes of therapy.
    public var expectations: [String] = []
    public var goals: [Goal]
    /// A safety plan, when the person made one.
    public var safetyPlan: SafetyPlan?
    /// Fields for the clinician only; left out of a client's copy.
    public var clinician: ClinicianNotes?
    /// Answers that have no place of their own, kept as question and answer.
    public var notes: [Note]
    /// Sections a person added by hand, kept as they wrote them.
    public var extraSections: [RawSection]
    /// Scored measures (PHQ-9, GAD-7, goal attainment), one row each time, oldest first.
    public var measures: [MeasureResult] = []
    /// The language its headings, labels and dates are written in (`es`); nil for English.
    /// The Markdown records it in those words themselves, and the reader knows it by them.
    public var language: String?

    public init(
        name: String? = nil, started: CalendarDate, nextReview: CalendarDate? = nil,
        concerns: [String] = [], hopes: [String] = [], strengths: [String] = [],
        supports: [String] = [], goals: [Goal] = [], safetyPlan: SafetyPlan? = nil,
        clinician: ClinicianNotes? = nil, notes: [Note] = [], extraSections: [RawSection] = []
    ) {
        self.name = name
        self.started = started
        self.nextReview = nextReview
        self.concerns = concerns
        self.hopes = hopes
        self.strengths = strengths
        self.supports = supports
        self.goals = goals
        self.safetyPlan = safetyPlan
        self.clinician = clinician
        self.notes = notes
        self.extraSections = extraSections
    }
}

/// One goal, in the person's own words.
public struct Goal: Equatable, Sendable {
    public var title: String
    /// One of the five aims of therapy (`GoalArea`), or the person's own word for it.
    public var area: String?
    public var why: String?
    /// How the person will know it is working.
    public var measure: String?
    /// How much the goal matters, and how sure the person is they can do it (0-10).
    public var importance: Int?
    public var confidence: Int?
    /// The rating at the start (0-10); later ratings are in `reviews`.
    public var ratings: [Rating]
    public var steps: [PlanStep]
    /// The step to do first, this week.
    public var firstStep: String?
    public var obstacles: [Obstacle]
    /// Who and what can help with this goal.
    public var helpers: [String]
    /// The five outcome levels of goal attainment scaling, -2 to +2, when written.
    public var levels: [String]
    public var reviews: [Review]
    public var notes: [Note]
    /// Where the person was on the ladder of levels at the start (-2 to +2).
    public var levelAtStart: Int?
    /// The day the person said they had reached the goal.
    public var reached: CalendarDate?
    /// The day the person put the goal on hold, while it stays there.
    public var onHold: CalendarDate?
    /// The day the person let the goal go, while it stays let go.
    public var letGo: CalendarDate?
    /// Earlier wordings of the goal, oldest first, each with the day it was changed.
    public var earlierTitles: [EarlierTitle] = []

    public init(
        title: String = "", area: String? = nil, why: String? = nil, measure: String? = nil,
        importance: Int? = nil, confidence: Int? = nil, ratings: [Rating] = [], steps: [PlanStep] = [],
        firstStep: String? = nil, obstacles: [Obstacle] = [], helpers: [String] = [], levels: [String] = [],
        reviews: [Review] = [], notes: [Note] = []
    ) {
        self.title = title
        self.area = area
        self.why = why
        self.measure = measure
        self.importance = importance
        self.confidence = confidence
        self.ratings = ratings
        self.steps = steps
        self.firstStep = firstStep
        self.obstacles = obstacles
        self.helpers = helpers
        self.levels = levels
        self.reviews = reviews
        self.notes = notes
    }

    /// Whether the person gave anything for this goal at all.
    public var isEmpty: Bool {
        self == Goal()
    }

    /// The most recent 0-10 rating: the last review's, or the one at the start.
    public var latestRating: Int? {
        reviews.last(where: { $0.rating != nil })?.rating ?? ratings.last?.value
    }
}

/// Something that might get in the way of a goal, and the plan for it.
public struct Obstacle: Equatable, Sendable {
    public var what: String
    public var plan: String?
    public init(what: String, plan: String? = nil) {
        self.what = what
        self.plan = plan
    }
}

/// One look back at a goal: the rating then, what helped and hindered, and what was decided.
public struct Review: Equatable, Sendable {
    public var date: CalendarDate
    public var rating: Int?
    public var helped: String?
    public var hindered: String?
    public var decision: String?
    public var reason: String?
    /// The level of the goal's ladder chosen at this review (-2 to +2).
    public var level: Int?
    /// How sure the person felt, then, that they can make progress (0-10).
    public var confidence: Int?
    public init(
        date: CalendarDate, rating: Int? = nil, helped: String? = nil, hindered: String? = nil,
        decision: String? = nil, reason: String? = nil
    ) {
        self.date = date
        self.rating = rating
        self.helped = helped
        self.hindered = hindered
        self.decision = decision
        self.reason = reason
    }
}

/// A safety plan in the Stanley-Brown shape: what to notice and do, step by step.
public struct SafetyPlan: Equatable, Sendable, Codable {
    public var warningSigns: [String] = []
    public var copingAlone: [String] = []
    public var distractions: [String] = []
    public var people: [String] = []
    public var professionals: [String] = []
    public var saferSurroundings: [String] = []
    public var reasonsForLiving: [String] = []
    public init() {}

    public var isEmpty: Bool { self == SafetyPlan() }

    /// The items of the section that `field` fills, or nil when it is not a safety field.
    public func items(for field: PlanField) -> [String]? {
        switch field {
        case .safetyWarningSigns: warningSigns
        case .safetyCoping: copingAlone
        case .safetyDistractions: distractions
        case .safetyPeople: people
        case .safetyProfessionals: professionals
        case .safetySurroundings: saferSurroundings
        case .safetyReasons: reasonsForLiving
        default: nil
        }
    }

    /// Sets the items of the section that `field` fills.
    public mutating func set(_ items: [String], for field: PlanField) {
        switch field {
        case .safetyWarningSigns: warningSigns = items
        case .safetyCoping: copingAlone = items
        case .safetyDistractions: distractions = items
        case .safetyPeople: people = items
        case .safetyProfessionals: professionals = items
        case .safetySurroundings: saferSurroundings = items
        case .safetyReasons: reasonsForLiving = items
        default: break
        }
    }
}

/// A safety check-in that happened during a facilitated session, for the clinician to follow
/// up: when, what the answer seemed to be about, and what the client chose. Never the words.
public struct SafetyCheckIn: Equatable, Sendable, Codable {
    public enum Outcome: String, Equatable, Sendable, Codable, CaseIterable {
        case carriedOn = "carried on"
        case sawLines = "looked at who to talk to"
        case safetyPlan = "made or updated a safety plan"
        case stopped = "stopped for now"
        case notAsked = "answers came from a file; no one was asked"
    }

    public var date: CalendarDate
    public var categories: [SafetyCategory]
    public var outcome: Outcome

    public init(date: CalendarDate, categories: [SafetyCategory], outcome: Outcome) {
        self.date = date
        self.categories = categories
        self.outcome = outcome
    }
}

/// What the clinician records about the work: left out of a client's copy.
public struct ClinicianNotes: Equatable, Sendable {
    public var approach: String?
    public var interventions: String?
    /// Safety check-ins during facilitated sessions, oldest first.
    public var checkIns: [SafetyCheckIn]
    /// Answers to clinician-only questions with no place of their own.
    public var notes: [Note]
    public init(
        approach: String? = nil, interventions: String? = nil, checkIns: [SafetyCheckIn] = [], notes: [Note] = []
    ) {
        self.approach = approach
        self.interventions = interventions
        self.checkIns = checkIns
        self.notes = notes
    }

    public var isEmpty: Bool { approach == nil && interventions == nil && checkIns.isEmpty && notes.isEmpty }
}

/// Where in a plan something written by hand belongs: a section (and a part of it), so that
/// what the plan does not know is written back where the person put it.
public struct PlanPlace: Hashable, Sendable {
    /// "" for the top of the plan (after its dates), a section's heading (`PlanHeadings`), or
    /// "Goal N" for the N-th goal.
    public var section: String
    /// A part of the section (a goal's "Steps", a safety plan's "Warning signs"), or nil for
    /// the section itself.
    public var part: String?

    public init(section: String, part: String? = nil) {
        self.section = section
        self.part = part
    }

    public static let top = PlanPlace(section: "")

    /// The name a person reads: `Goal 1 / Steps`, or `the top of the plan`.
    public var name: String {
        let base = section.isEmpty ? "the top of the plan" : section
        return part.map { base + " / " + $0 } ?? base
    }

    /// The sections of `plan` in the order they are written, each a place things can follow.
    public static func order(of plan: Plan) -> [String] {
        let h = PlanHeadings.self
        return ["", h.concerns, h.hopes, h.strengths, h.supports, h.values, h.expectations]
            + plan.goals.indices.map { "Goal \($0 + 1)" }
            + [h.measures, h.safetyPlan, h.notes, h.clinician]
    }
}

/// What the plan does not know, kept word for word: a section a person added (`## My notes`),
/// or blocks found inside a known section that have no place in it (a quote under the steps).
public struct RawSection: Equatable, Sendable {
    /// The section's heading, or nil for blocks kept as they were found.
    public var heading: String?
    /// The heading's level: 2 for `##`.
    public var level: Int
    /// The lines after the heading (or the blocks' lines), as written.
    public var body: [String]
    /// Where it was found: it is written back in or after that section or part.
    public var place: PlanPlace
    /// Blocks found before their part's own content (a paragraph above the first question of
    /// the notes), written back before it, where they would not be read as part of it.
    public var first: Bool

    public init(
        heading: String?, body: [String], level: Int = 2, place: PlanPlace = .init(section: "end"), first: Bool = false
    ) {
        self.heading = heading
        self.level = level
        self.body = body
        self.place = place
        self.first = first
    }
}

extension Plan {
    /// What was kept in or after `section`, in the order it was found.
    public func extras(in section: String) -> [RawSection] {
        extraSections.filter { $0.place.section == section }
    }

    /// The plan as a client's copy shows it: without the clinician's notes and without what
    /// was kept inside their section. The one place that choice is made: every format (the
    /// Markdown, `show`, HTML and JSON) writes the plan it is given.
    public var clientCopy: Plan {
        var copy = self
        copy.clinician = nil
        copy.extraSections = extraSections.filter { !($0.heading == nil && $0.place.section == PlanHeadings.clinician) }
        return copy
    }

    /// What was kept after a section the plan no longer has (written at the end).
    public var extrasElsewhere: [RawSection] {
        let known = Set(PlanPlace.order(of: self))
        return extraSections.filter { !known.contains($0.place.section) }
    }
}

/// A goal's earlier wording, and the day it was changed.
public struct EarlierTitle: Equatable, Sendable {
    public var text: String
    public var until: CalendarDate
    public init(text: String, until: CalendarDate) {
        self.text = text
        self.until = until
    }
}

/// One administration of a measure: its score on a day, in words too when it has bands.
public struct MeasureResult: Equatable, Sendable {
    /// The measure's id (`phq9`, `gad7`, `gas` for goal attainment).
    public var id: String
    public var name: String
    /// A code for records systems, such as LOINC's.
    public var code: String?
    public var date: CalendarDate
    public var score: Double
    /// The highest score possible, when known.
    public var maximum: Double?
    public var band: String?
    /// The score of each item, in order; nil for an item not answered.
    public var items: [Int?]

    public init(
        id: String, name: String, code: String? = nil, date: CalendarDate, score: Double, maximum: Double? = nil,
        band: String? = nil, items: [Int?] = []
    ) {
        self.id = id
        self.name = name
        self.code = code
        self.date = date
        self.score = score
        self.maximum = maximum
        self.band = band
        self.items = items
    }

    /// Results grouped by measure, each group oldest first, the groups in the order their
    /// measure first appears: what `show` and the HTML export chart one by one.
    public static func byMeasure(_ results: [MeasureResult]) -> [[MeasureResult]] {
        var order: [String] = []
        var byID: [String: [MeasureResult]] = [:]
        for r in results {
            if byID[r.id] == nil { order.append(r.id) }
            byID[r.id, default: []].append(r)
        }
        return order.compactMap { byID[$0] }
    }

    /// The id of goal attainment scaling's T-score rows.
    public static let goalAttainment = "gas"

    /// The Kiresuk-Sherman T-score of goal levels (-2 to +2), each goal weighted alike, with
    /// the usual correlation of 0.3 between goals: 50 when every goal went as expected.
    public static func tScore(_ levels: [Int]) -> Double? {
        guard !levels.isEmpty else { return nil }
        let n = Double(levels.count)
        let sum = Double(levels.reduce(0, +))
        let t = 50 + 10 * sum / (0.7 * n + 0.3 * n * n).squareRoot()
        return (t * 10).rounded() / 10
    }

    /// Words for a T-score, in the plan's language.
    public static func tScoreBand(_ t: Double) -> String {
        t < 50
            ? tr("less than expected", context: "plan")
            : t > 50 ? tr("more than expected", context: "plan") : tr("as expected", context: "plan")
    }
}

/// A 0-10 progress rating on a day.
public struct Rating: Equatable, Sendable {
    public var date: CalendarDate
    public var value: Int
    public init(date: CalendarDate, value: Int) {
        self.date = date
        self.value = value
    }
}

/// A small step towards a goal; `done` is its checkbox.
public struct PlanStep: Equatable, Sendable {
    public var text: String
    public var done: Bool
    public init(_ text: String, done: Bool = false) {
        self.text = text
        self.done = done
    }
}

/// A question and its answer, for answers the plan has no special place for.
public struct Note: Equatable, Sendable {
    public enum Answer: Equatable, Sendable {
        case text(String)
        case items([String])

        /// The answer as text, an item a line.
        public var text: String {
            switch self {
            case .text(let t): t
            case .items(let items): items.joined(separator: "\n")
            }
        }
    }

    public var question: String
    public var answer: Answer
    /// The id of the question in its flow, when known.
    public var questionID: String?
    public init(question: String, answer: Answer, questionID: String? = nil) {
        self.question = question
        self.answer = answer
        self.questionID = questionID
    }

    /// Notes are the same when they read the same: the question's id is what a flow knew of
    /// it, which a plan read back may not.
    public static func == (a: Note, b: Note) -> Bool {
        a.question == b.question && a.answer == b.answer
    }
}

/// The five aims of therapy that a goal can belong to (Prompts/goals.yaml offers them). A choice whose id is one of
/// these ids is written in the plan under the aim's own name.
public enum GoalArea: String, CaseIterable, Sendable {
    case resilience, behaviour, thinking, growth, relationships

    /// The name the plan uses, in the plan's language.
    public var name: String {
        switch self {
        case .resilience: tr("Emotional resilience", context: "plan")
        case .behaviour: tr("Behavioral change", context: "plan")
        case .thinking: tr("Cognitive change", context: "plan")
        case .growth: tr("Self-discovery and personal growth", context: "plan")
        case .relationships: tr("Relationships", context: "plan")
        }
    }
}
