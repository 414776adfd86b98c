/// The state of one run through a flow: which step comes next, and the answers so far.
///
/// A pure state machine. It never prints or reads: the caller shows `current`, gets input from
/// somewhere, and passes it to `submit`, which says what happened. The flow is expanded afresh
/// from the answers each time (conditions, rounds of groups), so changing an earlier answer
/// drops the answers that no longer apply and brings in the questions that now do.
public struct Session: Sendable {
    public let flow: Flow
    public let today: CalendarDate
    /// Who is using it: questions and groups marked for the other mode are not asked.
    public let mode: FlowMode
    /// A plan read back, whose goals `for_each: plan.goals` walks (as in `revisit`).
    public let base: Plan?
    public private(set) var answers: Answers
    /// A step the person went back or jumped to; nil means the first step with no answer.
    public private(set) var cursor: StepKey?
    private var afterEdit = AfterEdit.frontier

    /// Where to go once a revisited step is answered.
    private enum AfterEdit: Sendable {
        /// On to the next step, as after `:back`.
        case nextStep
        /// To the first unanswered step, as after a jump from the review.
        case frontier
    }

    public init(
        flow: Flow, today: CalendarDate, answers: Answers = Answers(), mode: FlowMode = .self, base: Plan? = nil
    ) {
        self.flow = flow
        self.today = today
        self.answers = answers
        self.mode = mode
        self.base = base
    }

    /// What to ask now, or nil when every step has an answer.
    public var current: Step? {
        let steps = expansion().steps
        guard let index = currentIndex(in: steps) else { return nil }
        return numbered(steps, at: index)
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

    /// Answers the current step with what the person typed. Empty input keeps an earlier
    /// answer when the step has one.
    @discardableResult
    public mutating func submit(_ lines: [String]) -> Outcome {
        guard let step = current else { return .finished }
        let blank = lines.allSatisfy { $0.trimmingSpaces.isEmpty }
        let value: AnswerValue
        switch step {
        case .question(let q):
            if blank, let previous = q.previous ?? q.suggested {
                value = previous
            } else {
                switch AnswerParser.parse(lines, for: q.question, today: today) {
                case .accepted(let accepted): value = accepted
                case .invalid(let message): return .invalid(message)
                }
            }
            answers.set(value, at: q.path)
        case .another(let a):
            let wantsMore: Bool
            switch (lines.first ?? "").trimmingSpaces.lowercased() {
            case "y", "yes": wantsMore = true
            case "n", "no": wantsMore = false
            case "": wantsMore = a.previous ?? false
            default: return .invalid("Please answer yes or no (y or n).")
            }
            decide(a, more: wantsMore)
            value = .yes(wantsMore)
        }
        settle(after: step.key)
        return .accepted(value)
    }

    /// Answers the current list question with exactly these items, none included: what a
    /// person kept, removed and added when editing an earlier list.
    @discardableResult
    public mutating func submit(items: [String]) -> Outcome {
        guard case .question(let q)? = current, q.question.type == .list else { return submit(items) }
        guard !items.isEmpty else {
            if q.question.required { return .invalid("This question needs an answer.") }
            answers.set(.items([]), at: q.path)
            settle(after: q.path.key)
            return .accepted(.items([]))
        }
        return submit(items)
    }

    /// Passes over the current question, if it is optional; "no" to another round.
    @discardableResult
    public mutating func skip() -> Outcome {
        switch current {
        case nil:
            return .finished
        case .another:
            return submit(["n"])
        case .question(let q):
            guard !q.question.required else {
                return .invalid("This question needs an answer, so it cannot be skipped.")
            }
            answers.set(.skipped, at: q.path)
            settle(after: q.path.key)
            return .accepted(.skipped)
        }
    }

    /// Goes back to the step before the current one, keeping its answer to edit.
    /// Returns false at the first step.
    @discardableResult
    public mutating func back() -> Bool {
        let steps = expansion().steps
        let index = currentIndex(in: steps) ?? steps.count
        guard index > 0 else { return false }
        cursor = steps[index - 1].key
        afterEdit = .nextStep
        return true
    }

    /// Goes to an answered step to change it; afterwards the run carries on where it was.
    public mutating func jump(to key: StepKey) {
        guard expansion().steps.contains(where: { $0.key == key }) else { return }
        cursor = key
        afterEdit = .frontier
    }

    /// Every answered question so far, in order, for a review screen.
    public var review: [QuestionStep] {
        let steps = expansion().steps
        return steps.indices.compactMap { index in
            if case .question(let q) = numbered(steps, at: index), q.previous != nil { q } else { nil }
        }
    }

    // MARK: Moving on

    private func currentIndex(in steps: [Step]) -> Int? {
        if let cursor, let index = steps.firstIndex(where: { $0.key == cursor }) { return index }
        return steps.firstIndex { !$0.isAnswered }
    }

    /// After an answer: drop what no longer applies, then pick the next step.
    private mutating func settle(after key: StepKey) {
        prune()
        guard cursor != nil else { return }
        let steps = expansion().steps
        if afterEdit == .nextStep, let index = steps.firstIndex(where: { $0.key == key }), index + 1 < steps.count,
            steps[index + 1].isAnswered
        {
            cursor = steps[index + 1].key
        } else {
            cursor = nil
        }
    }

    private mutating func decide(_ step: AnotherStep, more: Bool) {
        answers.update(at: step.parentRounds[...]) { scope in
            var group = scope.groups[step.groupID] ?? GroupAnswers()
            if more {
                while group.rounds.count <= step.roundsSoFar { group.rounds.append(Answers()) }
                group.closed = false
            } else {
                group.rounds = Array(group.rounds.prefix(step.roundsSoFar))
                group.closed = true
            }
            scope.groups[step.groupID] = group
        }
    }

    /// Removes answers to questions that are no longer asked (a condition turned false, a
    /// round went away), until nothing more changes.
    private mutating func prune() {
        for _ in 0..<16 {
            let expansion = expansion()
            let asked = Set(expansion.steps.compactMap { if case .question(let q) = $0 { q.path } else { nil } })
            let kept = Self.filter(answers, rounds: [], asked: asked, groups: expansion.groupRounds)
            if kept == answers { return }
            answers = kept
        }
    }

    private static func filter(
        _ scope: Answers, rounds: [AnswerPath.Round], asked: Set<AnswerPath>, groups: [GroupKey: Int]
    ) -> Answers {
        var out = Answers()
        for (id, value) in scope.values where asked.contains(AnswerPath(rounds: rounds, questionID: id)) {
            out.values[id] = value
        }
        for (id, group) in scope.groups {
            guard let count = groups[GroupKey(parentRounds: rounds, groupID: id)] else { continue }
            var kept = GroupAnswers(rounds: [], closed: group.closed)
            for (index, round) in group.rounds.prefix(count).enumerated() {
                let inner = rounds + [AnswerPath.Round(groupID: id, index: index)]
                kept.rounds.append(filter(round, rounds: inner, asked: asked, groups: groups))
            }
            out.groups[id] = kept
        }
        return out
    }

    // MARK: Expanding the flow

    struct GroupKey: Hashable {
        var parentRounds: [AnswerPath.Round]
        var groupID: String
    }

    struct Expansion {
        var steps: [Step] = []
        /// How many rounds each group has where it appears.
        var groupRounds: [GroupKey: Int] = [:]
    }

    /// Every step of the flow as the answers so far expand it.
    public func steps() -> [Step] {
        expansion().steps
    }

    func expansion() -> Expansion {
        var out = Expansion()
        let lookup = AnswerLookup(flow: flow, answers: answers, base: base)
        expand(flow.items, scope: answers, rounds: [], context: [], section: nil, lookup: lookup, into: &out)
        return out
    }

    private func expand(
        _ items: [FlowItem], scope: Answers?, rounds: [AnswerPath.Round], context: [RoundContext],
        section: SectionContext?, lookup: AnswerLookup, into out: inout Expansion
    ) {
        for item in items {
            switch item {
            case .question(let q):
                guard q.mode == nil || q.mode == mode, lookup.holds(q.when, at: rounds) else { continue }
                let rendered = Self.rendered(q, lookup: lookup, at: rounds)
                // Choices from the goal's steps, when it has none yet: nothing to ask.
                if q.choicesFrom != nil && rendered.choices.isEmpty { continue }
                let previous = scope?.values[q.id]
                out.steps.append(
                    .question(
                        QuestionStep(
                            question: rendered,
                            path: AnswerPath(rounds: rounds, questionID: q.id), context: context, section: section,
                            previous: previous, suggested: previous == nil ? suggestion(for: q) : nil)))
            case .section(let s):
                let here = SectionContext(
                    flowID: s.flowID, title: s.title, intro: s.intro.map { lookup.render($0, at: rounds) })
                expand(
                    s.items, scope: scope, rounds: rounds, context: context, section: here, lookup: lookup, into: &out)
            case .group(let g):
                guard g.mode == nil || g.mode == mode, lookup.holds(g.when, at: rounds) else { continue }
                expandGroup(
                    g, scope: scope, rounds: rounds, context: context, section: section, lookup: lookup, into: &out)
            }
        }
    }

    private func expandGroup(
        _ g: QuestionGroup, scope: Answers?, rounds: [AnswerPath.Round], context: [RoundContext],
        section: SectionContext?, lookup: AnswerLookup, into out: inout Expansion
    ) {
        let recorded = scope?.groups[g.id] ?? GroupAnswers()
        let bounds = g.bounds
        let count: Int
        if let walked = g.forEach {
            count = lookup.roundCount(of: walked, at: rounds)
        } else if recorded.closed {
            count = Swift.min(recorded.rounds.count, bounds.upperBound)
        } else {
            count = Swift.min(
                Swift.max(recorded.rounds.count, bounds.lowerBound, bounds.lowerBound == 0 ? 0 : 1), bounds.upperBound)
        }
        out.groupRounds[GroupKey(parentRounds: rounds, groupID: g.id)] = count
        let repeats = g.repeatRule != nil && g.forEach == nil
        func another(after roundsSoFar: Int) {
            guard repeats, let rule = g.repeatRule, roundsSoFar >= bounds.lowerBound, roundsSoFar < bounds.upperBound
            else { return }
            let decided: Bool? =
                recorded.rounds.count > roundsSoFar
                ? true : (recorded.closed && recorded.rounds.count == roundsSoFar ? false : nil)
            let text = roundsSoFar == 0 ? (rule.first ?? rule.more) : rule.more
            out.steps.append(
                .another(
                    AnotherStep(
                        groupID: g.id, parentRounds: rounds, ask: lookup.render(text, at: rounds),
                        roundsSoFar: roundsSoFar, context: context, section: section, previous: decided)))
        }
        if bounds.lowerBound == 0 { another(after: 0) }
        for index in 0..<count {
            let inner = rounds + [AnswerPath.Round(groupID: g.id, index: index)]
            let here = RoundContext(
                groupID: g.id, title: g.title.map { lookup.render($0, at: inner) }, index: index,
                maximum: g.forEach == nil ? bounds.upperBound : count,
                intro: g.intro.map { lookup.render($0, at: inner) }, walks: g.forEach != nil)
            let roundScope = index < recorded.rounds.count ? recorded.rounds[index] : nil
            expand(
                g.items, scope: roundScope, rounds: inner, context: context + [here], section: section, lookup: lookup,
                into: &out)
            another(after: index + 1)
        }
    }

    /// What the plan being updated already holds for a question's place, offered to keep or
    /// edit: the items of a safety plan section.
    private func suggestion(for q: Question) -> AnswerValue? {
        guard let field = q.into, let safety = base?.safetyPlan, let items = safety.items(for: field), !items.isEmpty
        else { return nil }
        return .items(items)
    }

    /// The question with its placeholders filled from the answers so far.
    private static func rendered(_ q: Question, lookup: AnswerLookup, at rounds: [AnswerPath.Round]) -> Question {
        var copy = q
        copy.ask = lookup.render(q.ask, at: rounds)
        copy.help = q.help.map { lookup.render($0, at: rounds) }
        copy.choices = q.choices.map { Choice(id: $0.id, label: lookup.render($0.label, at: rounds)) }
        copy.note = q.note.map { lookup.render($0, at: rounds) }
        if q.choicesFrom == .goalSteps {
            // The goal's steps, each its own id, so the answer names the steps themselves.
            var steps: [String] = []
            if case .items(let items) = lookup.goalValue("steps", at: rounds) { steps = items }
            var seen: Set<String> = []
            copy.choices = steps.filter { seen.insert($0).inserted }.map { Choice(id: $0, label: $0) }
        }
        return copy
    }

    private func numbered(_ steps: [Step], at index: Int) -> Step {
        var number = 0
        var total = 0
        for (i, step) in steps.enumerated() {
            guard case .question = step else { continue }
            total += 1
            if i <= index { number = total }
        }
        switch steps[index] {
        case .question(var q):
            q.number = number
            q.total = total
            return .question(q)
        case .another(let a):
            return .another(a)
        }
    }
}

/// Which step of a run: a question at its path, or the "another round?" after a round.
public enum StepKey: Hashable, Sendable {
    case question(AnswerPath)
    case another(parentRounds: [AnswerPath.Round], groupID: String, roundsSoFar: Int)
}

extension AnswerPath {
    public var key: StepKey { .question(self) }
}

/// One step of a run.
public enum Step: Equatable, Sendable {
    /// A question from the flow.
    case question(QuestionStep)
    /// Whether to add another round of a repeating group.
    case another(AnotherStep)

    public var key: StepKey {
        switch self {
        case .question(let q): .question(q.path)
        case .another(let a): .another(parentRounds: a.parentRounds, groupID: a.groupID, roundsSoFar: a.roundsSoFar)
        }
    }

    public var isAnswered: Bool {
        switch self {
        case .question(let q): q.previous != nil
        case .another(let a): a.previous != nil
        }
    }

    /// The rounds the step sits in, outermost first.
    public var context: [RoundContext] {
        switch self {
        case .question(let q): q.context
        case .another(let a): a.context
        }
    }

    /// The included flow the step belongs to, if any.
    public var section: SectionContext? {
        switch self {
        case .question(let q): q.section
        case .another(let a): a.section
        }
    }
}

/// A question to ask, where its answer goes, and where the person is.
public struct QuestionStep: Equatable, Sendable {
    /// The question, its `{{...}}` placeholders filled in.
    public var question: Question
    public var path: AnswerPath
    /// The rounds this question sits in, outermost first ("Goal 2").
    public var context: [RoundContext]
    public var section: SectionContext?
    /// The answer already given, when the person came back to it.
    public var previous: AnswerValue?
    /// What the plan being updated already holds here, to keep or edit (a safety plan's
    /// items); taken when the person gives nothing new.
    public var suggested: AnswerValue?
    /// Its position among the questions as the flow now stands ("Question 3 of 9").
    public var number = 0
    public var total = 0
}

/// The question of whether to add another round.
public struct AnotherStep: Equatable, Sendable {
    public var groupID: String
    public var parentRounds: [AnswerPath.Round]
    public var ask: String
    /// Rounds filled in before this step.
    public var roundsSoFar: Int
    public var context: [RoundContext]
    public var section: SectionContext?
    /// The decision already made, when the person came back to it.
    public var previous: Bool?
}

/// One round of a group that a step sits in.
public struct RoundContext: Equatable, Sendable {
    public var groupID: String
    public var title: String?
    public var index: Int
    public var maximum: Int
    public var intro: String?
    /// Whether the group walks the rounds of an earlier group (`for_each`).
    public var walks: Bool

    public init(
        groupID: String, title: String?, index: Int, maximum: Int, intro: String? = nil, walks: Bool = false
    ) {
        self.groupID = groupID
        self.title = title
        self.index = index
        self.maximum = maximum
        self.intro = intro
        self.walks = walks
    }

    /// `Goal 2 of up to 3` (or `2 of 3` when walking earlier rounds); nil without a title.
    public var label: String? {
        guard let title else { return nil }
        if walks { return maximum > 1 ? "\(title) (\(index + 1) of \(maximum))" : title }
        return maximum > 1 ? "\(title) \(index + 1) of up to \(maximum)" : title
    }

    /// `Goal 2`, for a heading.
    public var heading: String? {
        guard let title else { return nil }
        return maximum > 1 && !walks ? "\(title) \(index + 1)" : title
    }
}

/// The included flow a step belongs to.
public struct SectionContext: Equatable, Sendable {
    public var flowID: String
    public var title: String
    public var intro: String?
}
