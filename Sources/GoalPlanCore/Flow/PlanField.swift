/// A place in the plan where a question's answer lands (`into:` on a question).
public enum PlanField: String, CaseIterable, Sendable {
    case personName = "person.name"
    case concerns = "plan.concerns"
    case hopes = "plan.hopes"
    case strengths = "plan.strengths"
    case supports = "plan.supports"
    case nextReview = "plan.review"
    case goalTitle = "goal.title"
    case goalArea = "goal.area"
    case goalWhy = "goal.why"
    case goalMeasure = "goal.measure"
    case goalRating = "goal.rating"
    case goalSteps = "goal.steps"

    /// The question types whose answers fit this field.
    public var acceptedTypes: Set<QuestionType> {
        switch self {
        case .personName, .goalTitle: [.text]
        case .concerns, .hopes, .strengths, .supports: [.text, .long, .list, .multi, .choice]
        case .nextReview: [.date]
        case .goalArea: [.choice, .text]
        case .goalWhy, .goalMeasure: [.text, .long]
        case .goalRating: [.scale]
        case .goalSteps: [.list, .text]
        }
    }

    /// Whether the field belongs to one goal, so must sit inside a group with `into: goals`.
    public var isGoalField: Bool { rawValue.hasPrefix("goal.") }
}

/// What a group's rounds become in the plan (`into:` on a group).
public enum GroupField: String, CaseIterable, Sendable {
    /// Each round is one goal.
    case goals
}
