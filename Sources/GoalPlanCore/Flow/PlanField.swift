/// A place in the plan where a question's answer lands (`into:` on a question).
public enum PlanField: String, CaseIterable, Sendable {
    case personName = "person.name"
    case concerns = "plan.concerns"
    case hopes = "plan.hopes"
    case strengths = "plan.strengths"
    case supports = "plan.supports"
    case values = "plan.values"
    case expectations = "plan.expectations"
    case nextReview = "plan.review"
    case approach = "plan.approach"
    case interventions = "plan.interventions"
    case goalTitle = "goal.title"
    case goalArea = "goal.area"
    case goalWhy = "goal.why"
    case goalMeasure = "goal.measure"
    case goalRating = "goal.rating"
    case goalImportance = "goal.importance"
    case goalConfidence = "goal.confidence"
    case goalSteps = "goal.steps"
    case goalFirstStep = "goal.first_step"
    case goalHelpers = "goal.helpers"
    case levelMinus2 = "goal.level_minus2"
    case levelMinus1 = "goal.level_minus1"
    case levelExpected = "goal.level_expected"
    case levelPlus1 = "goal.level_plus1"
    case levelPlus2 = "goal.level_plus2"
    case goalLevelAtStart = "goal.level_start"
    /// The goal's levels, as the choices of a question (`choices_from`); not a place for answers.
    case goalLevels = "goal.levels"
    case obstacleWhat = "obstacle.what"
    case obstaclePlan = "obstacle.plan"
    case reviewRating = "review.rating"
    case reviewHelped = "review.helped"
    case reviewHindered = "review.hindered"
    case reviewDone = "review.done"
    case reviewDecision = "review.decision"
    case reviewReason = "review.reason"
    case reviewLevel = "review.level"
    case reviewConfidence = "review.confidence"
    case safetyWarningSigns = "safety.warning_signs"
    case safetyCoping = "safety.coping"
    case safetyDistractions = "safety.distractions"
    case safetyPeople = "safety.people"
    case safetyProfessionals = "safety.professionals"
    case safetySurroundings = "safety.surroundings"
    case safetyReasons = "safety.reasons"

    /// The question types whose answers fit this field.
    public var acceptedTypes: Set<QuestionType> {
        switch self {
        case .personName, .goalTitle: [.text]
        case .concerns, .hopes, .strengths, .supports, .values, .expectations, .goalHelpers:
            [.text, .long, .list, .multi, .choice]
        case .safetyWarningSigns, .safetyCoping, .safetyDistractions, .safetyPeople, .safetyProfessionals,
            .safetySurroundings, .safetyReasons:
            [.text, .long, .list]
        case .nextReview: [.date]
        case .goalArea, .reviewDecision: [.choice, .text]
        case .approach: [.choice, .multi, .text]
        case .goalWhy, .goalMeasure, .interventions, .obstacleWhat, .obstaclePlan, .reviewHelped, .reviewHindered,
            .reviewReason, .levelMinus2, .levelMinus1, .levelExpected, .levelPlus1, .levelPlus2:
            [.text, .long]
        case .goalRating, .goalImportance, .goalConfidence, .reviewRating, .reviewConfidence: [.scale, .choice]
        case .goalLevelAtStart, .reviewLevel: [.choice, .scale]
        case .goalSteps: [.list, .text]
        case .goalFirstStep: [.choice, .text]
        case .reviewDone: [.multi]
        case .goalLevels: []
        }
    }

    /// Whether the field belongs to one goal, so must sit where a goal is being asked about.
    public var isGoalField: Bool {
        rawValue.hasPrefix("goal.") || rawValue.hasPrefix("review.") || isObstacleField
    }

    /// Whether the field belongs to one obstacle, inside a group with `into: obstacles`.
    public var isObstacleField: Bool { rawValue.hasPrefix("obstacle.") }

    /// Whether only the clinician should see it: left out of a client's copy.
    public var isClinicianOnly: Bool { self == .approach || self == .interventions }
}

/// What a group's rounds become in the plan (`into:` on a group).
public enum GroupField: String, CaseIterable, Sendable {
    /// Each round is one goal.
    case goals
    /// Each round is one thing that might get in the way of the goal, with its plan.
    case obstacles
}

/// Who a question is for: both by default, or only one way of using goalplan.
public enum FlowMode: String, CaseIterable, Sendable {
    /// A therapist and a client at one screen.
    case facilitated
    /// A person on their own, between sessions.
    case `self`
}

/// The group `for_each` names to walk the plan's goals, whether they were asked earlier in the
/// run or come from a plan read back (as in `revisit`).
public let planGoalsWalk = "plan.goals"
