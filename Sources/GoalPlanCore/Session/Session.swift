/// The state of one run through a flow: which question comes next, and the answers so far.
///
/// A pure state machine. It never prints or reads: the caller shows `current`, gets input from
/// somewhere, and passes it to `submit`, which returns what happened. The next step is always
/// the first one in the flow (as expanded by the answers so far) that has no answer yet.
public struct Session: Sendable {
    public let flow: Flow
    public let today: CalendarDate
    public private(set) var answers: Answers

    public init(flow: Flow, today: CalendarDate, answers: Answers = Answers()) {
        self.flow = flow
        self.today = today
        self.answers = answers
    }

    /// What to ask now, or nil when the flow is finished.
    public var current: Step? {
        let all = steps()
        var number = 0
        for step in all {
            switch step {
            case .question(var q):
                number += 1
                if answers.value(at: q.path) == nil {
                    q.number = number
                    q.total = all.count { if case .question = $0 { true } else { false } }
                    return .question(q)
                }
            case .another:
                return step
            }
        }
        return nil
    }

    public var isFinished: Bool { current == nil }

    /// What became of an input.
    public enum Outcome: Equatable, Sendable {
        case accepted(AnswerValue)
        /// The input does not fit; the message says why in plain words. Ask again.
        case invalid(String)
        /// There was nothing to answer: the flow is finished.
        case finished
    }

    /// Answers the current step with what the person typed.
    @discardableResult
    public mutating func submit(_ lines: [String]) -> Outcome {
        switch current {
        case nil:
            return .finished
        case .question(let step):
            let result = AnswerParser.parse(lines, for: step.question, today: today)
            guard case .accepted(let value) = result else {
                if case .invalid(let message) = result { return .invalid(message) }
                return .finished
            }
            answers.set(value, at: step.path)
            return .accepted(value)
        case .another(let step):
            let word = (lines.first ?? "").trimmingSpaces.lowercased()
            let wantsMore: Bool
            switch word {
            case "y", "yes": wantsMore = true
            case "", "n", "no": wantsMore = false
            default: return .invalid("Please answer yes or no (y or n).")
            }
            answers.update(at: step.parentRounds[...]) { scope in
                var group = scope.groups[step.groupID] ?? GroupAnswers()
                if wantsMore {
                    while group.rounds.count <= step.roundsSoFar { group.rounds.append(Answers()) }
                } else {
                    group.closed = true
                }
                scope.groups[step.groupID] = group
            }
            return .accepted(.yes(wantsMore))
        }
    }

    /// Every step of the flow as the answers so far expand it: each round of each group, and a
    /// "another?" step where one more round may be added.
    public func steps() -> [Step] {
        var out: [Step] = []
        expand(flow.items, scope: answers, rounds: [], context: [], into: &out)
        return out
    }

    private func expand(
        _ items: [FlowItem], scope: Answers?, rounds: [AnswerPath.Round], context: [RoundContext],
        into out: inout [Step]
    ) {
        for item in items {
            switch item {
            case .question(let q):
                out.append(
                    .question(
                        QuestionStep(
                            question: q, path: AnswerPath(rounds: rounds, questionID: q.id),
                            context: context)))
            case .group(let g):
                let recorded = scope?.groups[g.id] ?? GroupAnswers()
                let bounds = g.bounds
                let count =
                    recorded.closed
                    ? recorded.rounds.count
                    : Swift.max(recorded.rounds.count, bounds.lowerBound, bounds.lowerBound == 0 ? 0 : 1)
                for index in 0..<Swift.min(count, bounds.upperBound) {
                    let round = AnswerPath.Round(groupID: g.id, index: index)
                    let roundScope = index < recorded.rounds.count ? recorded.rounds[index] : nil
                    let here = RoundContext(
                        groupID: g.id, title: g.title, index: index, maximum: bounds.upperBound)
                    expand(
                        g.items, scope: roundScope, rounds: rounds + [round], context: context + [here],
                        into: &out)
                }
                if let rule = g.repeatRule, !recorded.closed, count >= bounds.lowerBound,
                    count < bounds.upperBound
                {
                    out.append(
                        .another(
                            AnotherStep(
                                groupID: g.id, parentRounds: rounds,
                                ask: count == 0 ? (rule.first ?? rule.more) : rule.more,
                                roundsSoFar: count, context: context)))
                }
            }
        }
    }
}

/// One step of a run.
public enum Step: Equatable, Sendable {
    /// A question from the flow.
    case question(QuestionStep)
    /// Whether to add another round of a repeating group.
    case another(AnotherStep)
}

/// A question to ask, where its answer goes, and where the person is.
public struct QuestionStep: Equatable, Sendable {
    public var question: Question
    public var path: AnswerPath
    /// The rounds this question sits in, outermost first ("Goal 2").
    public var context: [RoundContext]
    /// Its position among the questions as the flow now stands ("Question 3 of 9").
    public var number = 0
    public var total = 0
}

/// The question of whether to add another round.
public struct AnotherStep: Equatable, Sendable {
    public var groupID: String
    public var parentRounds: [AnswerPath.Round]
    public var ask: String
    /// Rounds filled in so far.
    public var roundsSoFar: Int
    public var context: [RoundContext]
}

/// One round of a group that a step sits in.
public struct RoundContext: Equatable, Sendable {
    public var groupID: String
    public var title: String?
    public var index: Int
    public var maximum: Int

    /// `Goal 2 of up to 3`, or nil for a group without a title.
    public var label: String? {
        guard let title else { return nil }
        return maximum > 1 ? "\(title) \(index + 1) of up to \(maximum)" : title
    }
}
