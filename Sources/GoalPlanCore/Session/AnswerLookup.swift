/// Finds earlier answers as seen from one point of a run: the round a step sits in first, then
/// each enclosing round, then the top of the flow. Inside a `for_each` round, the round of the
/// walked group is seen right after the round itself.
struct AnswerLookup {
    let flow: Flow
    let answers: Answers
    /// A plan read back (as in `revisit`), whose goals `for_each: plan.goals` walks when the
    /// run asked for no goals of its own.
    var base: Plan? = nil

    struct Scope {
        var answers: Answers
        /// The group this scope is a round of; nil at the top.
        var groupID: String?
    }

    /// The scopes visible from `rounds`, innermost first.
    func scopes(at rounds: [AnswerPath.Round]) -> [Scope] {
        let chain = chainOfScopes(at: rounds)
        var out: [Scope] = []
        for depth in stride(from: rounds.count, through: 0, by: -1) {
            let round = depth > 0 ? rounds[depth - 1] : nil
            out.append(Scope(answers: chain[depth], groupID: round?.groupID))
            if let round, let walked = walkedGroup(of: round.groupID, in: chain[0..<depth]),
                let walkedRound = self.round(of: walked, index: round.index, in: chain[0..<depth])
            {
                out.append(Scope(answers: walkedRound, groupID: walked))
            }
        }
        return out
    }

    /// Round `index` of the group `id`, found in the nearest enclosing scope that holds it.
    private func round(of id: String, index: Int, in chain: ArraySlice<Answers>) -> Answers? {
        for scope in chain.reversed() {
            if let group = scope.groups[id] {
                return index < group.rounds.count ? group.rounds[index] : nil
            }
        }
        return nil
    }

    /// The group a `for_each` group walks; for `plan.goals`, the goal group asked earlier in
    /// the run, if any.
    func walkedGroup(of groupID: String, in chain: ArraySlice<Answers>) -> String? {
        guard let walked = flow.group(id: groupID)?.forEach else { return nil }
        guard walked == planGoalsWalk else { return walked }
        return goalGroupAnswered(in: chain)
    }

    /// The id of a group with `into: goals` that has rounds in the run.
    func goalGroupAnswered(in chain: ArraySlice<Answers>) -> String? {
        for scope in chain.reversed() {
            for (id, group) in scope.groups where flow.group(id: id)?.into == .goals && !group.rounds.isEmpty {
                return id
            }
        }
        return nil
    }

    /// How many rounds a `for_each` over `walked` has, as seen from `rounds`.
    func roundCount(of walked: String, at rounds: [AnswerPath.Round]) -> Int {
        var target = walked
        if walked == planGoalsWalk {
            guard let asked = goalGroupAnswered(in: chainOfScopes(at: rounds)[...]) else {
                return base?.goals.count ?? 0
            }
            target = asked
        }
        for scope in scopes(at: rounds) {
            if let group = scope.answers.groups[target] { return group.rounds.count }
        }
        return 0
    }

    /// The answers of each scope from the top down to `rounds`.
    func chainOfScopes(at rounds: [AnswerPath.Round]) -> [Answers] {
        var chain = [answers]
        var current: Answers? = answers
        for round in rounds {
            let group = current?.groups[round.groupID]
            current = group.flatMap { round.index < $0.rounds.count ? $0.rounds[round.index] : nil }
            chain.append(current ?? Answers())
        }
        return chain
    }

    /// A field of the goal being asked about at `rounds` (`goal.title`, `goal.steps`...): from
    /// the question bound to it in this round or the goal round it walks, or from the plan read
    /// back.
    func goalValue(_ field: String, at rounds: [AnswerPath.Round]) -> AnswerValue? {
        guard let planField = PlanField(rawValue: "goal." + field) else { return nil }
        let chain = chainOfScopes(at: rounds)
        for depth in stride(from: rounds.count, to: 0, by: -1) {
            let round = rounds[depth - 1]
            guard let group = flow.group(id: round.groupID) else { continue }
            let scope = chain[depth]
            if let value = bound(planField, in: group.items, scope: scope) { return value }
            if group.into == .goals { return nil }
            guard let walked = group.forEach else { continue }
            if let walkedID = walkedGroup(of: round.groupID, in: chain[0..<depth]),
                let walkedGroup = flow.group(id: walkedID),
                let walkedRound = self.round(of: walkedID, index: round.index, in: chain[0..<depth])
            {
                return bound(planField, in: walkedGroup.items, scope: walkedRound)
            }
            if walked == planGoalsWalk, let base, round.index < base.goals.count {
                return Self.value(of: field, in: base.goals[round.index])
            }
        }
        return nil
    }

    /// The answer to the question in `items` (not in groups inside) that lands in `field`.
    private func bound(_ field: PlanField, in items: [FlowItem], scope: Answers) -> AnswerValue? {
        for item in items {
            switch item {
            case .question(let q) where q.into == field:
                if let value = scope.values[q.id], value != .skipped {
                    if case .choice(let id) = value { return .text(q.label(forChoice: id)) }
                    return value
                }
            case .section(let s):
                if let value = bound(field, in: s.items, scope: scope) { return value }
            default:
                continue
            }
        }
        return nil
    }

    /// A field of a goal read back from a plan, as an answer.
    static func value(of field: String, in goal: Goal) -> AnswerValue? {
        switch field {
        case "title": goal.title.isEmpty ? nil : .text(goal.title)
        case "area": goal.area.map { .text($0) }
        case "why": goal.why.map { .text($0) }
        case "measure": goal.measure.map { .text($0) }
        case "rating": goal.latestRating.map { .number($0) }
        case "importance": goal.importance.map { .number($0) }
        case "confidence": goal.confidence.map { .number($0) }
        case "steps": goal.steps.isEmpty ? nil : .items(goal.steps.map(\.text))
        default: nil
        }
    }

    /// The answer a reference names, as seen from `rounds`.
    func value(_ ref: Reference, at rounds: [AnswerPath.Round]) -> AnswerValue? {
        if ref.groupID == "goal", flow.group(id: "goal") == nil { return goalValue(ref.questionID, at: rounds) }
        for scope in scopes(at: rounds) where ref.groupID == nil || scope.groupID == ref.groupID {
            if let value = scope.answers.values[ref.questionID] { return value }
        }
        return nil
    }

    /// The answer as text for a `{{...}}` placeholder; empty when there is none.
    func display(_ ref: Reference, at rounds: [AnswerPath.Round]) -> String {
        guard let value = value(ref, at: rounds) else { return "" }
        let question = flow.question(id: ref.questionID) ?? Question(id: ref.questionID, ask: "")
        if ref.groupID == "goal", case .items(let items) = value { return items.joined(separator: "; ") }
        return value.display(for: question)
    }

    /// `text` with its placeholders filled.
    func render(_ text: String, at rounds: [AnswerPath.Round]) -> String {
        Template.render(text) { display($0, at: rounds) }
    }

    /// Whether a `when:` condition holds at `rounds`; no condition always holds.
    func holds(_ condition: Condition?, at rounds: [AnswerPath.Round]) -> Bool {
        guard let condition else { return true }
        return condition.evaluate { ConditionValue(value($0, at: rounds)) }
    }
}
