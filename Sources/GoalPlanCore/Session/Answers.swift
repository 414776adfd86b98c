/// One accepted answer.
public enum AnswerValue: Equatable, Sendable, Codable {
    /// Text: one line, or several joined by newlines.
    case text(String)
    /// The items of a list question, in order.
    case items([String])
    /// The id of the chosen choice.
    case choice(String)
    /// The ids of the chosen choices, in the order the flow lists them.
    case choices([String])
    case number(Int)
    case yes(Bool)
    case date(CalendarDate)
    /// An optional question the person passed over.
    case skipped

    /// The answer as a person reads it, with choice labels from `question`; `asTyped`, as a
    /// person would type it again at the prompt (yes/no in lower case, a date as YYYY-MM-DD).
    public func display(for question: Question, asTyped: Bool = false) -> String {
        switch self {
        case .text(let s): s
        case .items(let items): items.joined(separator: "; ")
        case .choice(let id): question.label(forChoice: id)
        case .choices(let ids): ids.map(question.label(forChoice:)).joined(separator: ", ")
        case .number(let n): String(n)
        case .yes(let b): asTyped ? YesNo.typed(b) : (b ? tr("Yes", context: "answer") : tr("No", context: "answer"))
        case .date(let d): asTyped ? d.iso : d.longForm
        case .skipped: ""
        }
    }
}

/// The answers collected in one scope: the flow, or one round of a group.
public struct Answers: Equatable, Sendable, Codable {
    /// Answers by question id.
    public var values: [String: AnswerValue]
    /// The rounds of each group, by group id.
    public var groups: [String: GroupAnswers]

    public init(values: [String: AnswerValue] = [:], groups: [String: GroupAnswers] = [:]) {
        self.values = values
        self.groups = groups
    }

    /// The answer at `path`, if it was given.
    public func value(at path: AnswerPath) -> AnswerValue? {
        scope(at: path.rounds)?.values[path.questionID]
    }

    /// The answers of the scope that `rounds` leads to, if it exists.
    public func scope(at rounds: [AnswerPath.Round]) -> Answers? {
        var current = self
        for round in rounds {
            guard let group = current.groups[round.groupID], round.index < group.rounds.count
            else { return nil }
            current = group.rounds[round.index]
        }
        return current
    }

    /// Changes the scope that `rounds` leads to, creating rounds on the way as needed.
    public mutating func update(at rounds: ArraySlice<AnswerPath.Round>, _ change: (inout Answers) -> Void) {
        guard let round = rounds.first else {
            change(&self)
            return
        }
        var group = groups[round.groupID] ?? GroupAnswers()
        while group.rounds.count <= round.index { group.rounds.append(Answers()) }
        group.rounds[round.index].update(at: rounds.dropFirst(), change)
        groups[round.groupID] = group
    }

    /// Stores `value` at `path`.
    public mutating func set(_ value: AnswerValue, at path: AnswerPath) {
        update(at: path.rounds[...]) { $0.values[path.questionID] = value }
    }
}

/// The rounds of a group, and whether the person said there are no more.
public struct GroupAnswers: Equatable, Sendable, Codable {
    public var rounds: [Answers]
    /// True once the person said they want no further round.
    public var closed: Bool

    public init(rounds: [Answers] = [], closed: Bool = false) {
        self.rounds = rounds
        self.closed = closed
    }
}

/// Where an answer lives: the group rounds on the way, then the question id.
public struct AnswerPath: Hashable, Sendable, Codable, CustomStringConvertible {
    public struct Round: Hashable, Sendable, Codable {
        public var groupID: String
        public var index: Int
        public init(groupID: String, index: Int) {
            self.groupID = groupID
            self.index = index
        }
    }

    public var rounds: [Round]
    public var questionID: String

    public init(rounds: [Round] = [], questionID: String) {
        self.rounds = rounds
        self.questionID = questionID
    }

    /// `goals[2].rating`, counting rounds from 1 as a person would.
    public var description: String {
        (rounds.map { "\($0.groupID)[\($0.index + 1)]" } + [questionID]).joined(separator: ".")
    }
}
