import GoalPlanCore

/// Small flows and helpers shared by the core tests.
enum Fixtures {
    /// The top of this checkout, and its Prompts/ folder.
    static let repository: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()
    static let prompts = repository + "/Prompts"

    static let today = CalendarDate(year: 2026, month: 11, day: 27)!

    static func flow(_ yaml: String, path: String = "test.yaml") -> Flow? {
        FlowLoader.load(yaml, path: path).flow
    }

    static func diagnostics(_ yaml: String, path: String = "test.yaml", expectedID: String? = nil) -> [String] {
        FlowLoader.load(yaml, path: path, expectedID: expectedID).diagnostics.map(\.description)
    }

    static func question(
        _ type: QuestionType, required: Bool = false, defaultValue: String? = nil,
        choices: [String] = [], min: Int? = nil, max: Int? = nil
    ) -> Question {
        Question(
            id: "q", ask: "Question?", type: type, required: required, defaultValue: defaultValue,
            choices: choices.map { Choice(id: $0.lowercased().replacingOccurrences(of: " ", with: "_"), label: $0) },
            min: min, max: max)
    }

    /// A goals flow with a repeating group, as the intake has.
    static let goalsYAML = """
        id: goals
        title: Goals
        questions:
          - id: name
            ask: Your name?
            into: person.name
          - group: goals
            title: Goal
            into: goals
            repeat: {min: 1, max: 2, more: Another goal?}
            questions:
              - id: title
                ask: The goal?
                required: true
                into: goal.title
              - id: rating
                ask: Where are you now?
                type: scale
                required: true
                into: goal.rating
          - id: extra
            ask: Anything else?
        """
}
