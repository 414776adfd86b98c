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
    public var goals: [Goal]
    /// Answers that have no place of their own, kept as question and answer.
    public var notes: [Note]

    public init(
        name: String? = nil, started: CalendarDate, nextReview: CalendarDate? = nil,
        concerns: [String] = [], hopes: [String] = [], strengths: [String] = [],
        supports: [String] = [], goals: [Goal] = [], notes: [Note] = []
    ) {
        self.name = name
        self.started = started
        self.nextReview = nextReview
        self.concerns = concerns
        self.hopes = hopes
        self.strengths = strengths
        self.supports = supports
        self.goals = goals
        self.notes = notes
    }
}

/// One goal, in the person's own words.
public struct Goal: Equatable, Sendable {
    public var title: String
    /// One of the five areas of DOMAIN.md, or the person's own word for it.
    public var area: String?
    public var why: String?
    /// How the person will know it is working.
    public var measure: String?
    /// Progress ratings from 0 to 10, the first taken at the start.
    public var ratings: [Rating]
    public var steps: [PlanStep]
    public var notes: [Note]

    public init(
        title: String = "", area: String? = nil, why: String? = nil, measure: String? = nil,
        ratings: [Rating] = [], steps: [PlanStep] = [], notes: [Note] = []
    ) {
        self.title = title
        self.area = area
        self.why = why
        self.measure = measure
        self.ratings = ratings
        self.steps = steps
        self.notes = notes
    }

    /// Whether the person gave anything for this goal at all.
    public var isEmpty: Bool {
        title.isEmpty && area == nil && why == nil && measure == nil && ratings.isEmpty
            && steps.isEmpty && notes.isEmpty
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
    }

    public var question: String
    public var answer: Answer
    public init(question: String, answer: Answer) {
        self.question = question
        self.answer = answer
    }
}

/// The five aims of therapy that a goal can belong to (DOMAIN.md). A choice whose id is one of
/// these ids is written in the plan under the aim's own name.
public enum GoalArea: String, CaseIterable, Sendable {
    case resilience, behaviour, thinking, growth, relationships

    /// The name the plan uses.
    public var name: String {
        switch self {
        case .resilience: "Emotional resilience"
        case .behaviour: "Behavioural change"
        case .thinking: "Cognitive change"
        case .growth: "Self-discovery and personal growth"
        case .relationships: "Relationships"
        }
    }
}
