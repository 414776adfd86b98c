/// Finds earlier answers as seen from one point of a run: the round a step sits in first, then
/// each enclosing round, then the top of the flow. Inside a `for_each` round, the round of the
/// walked group is seen right after the round itself.
struct AnswerLookup {
    let flow: Flow
    let answers: Answers

    struct Scope {
        var answers: Answers
        /// The group this scope is a round of; nil at the top.
        var groupID: String?
    }

    /// The scopes visible from `rounds`, innermost first.
    func scopes(at rounds: [AnswerPath.Round]) -> [Scope] {
        var chain = [answers]
        var current: Answers? = answers
        for round in rounds {
            let group = current?.groups[round.groupID]
            current = group.flatMap { round.index < $0.rounds.count ? $0.rounds[round.index] : nil }
            chain.append(current ?? Answers())
        }
        var out: [Scope] = []
        for depth in stride(from: rounds.count, through: 0, by: -1) {
            let round = depth > 0 ? rounds[depth - 1] : nil
            out.append(Scope(answers: chain[depth], groupID: round?.groupID))
            if let round, let walked = flow.group(id: round.groupID)?.forEach,
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

    /// How many rounds the group `id` has, as seen from `rounds`.
    func roundCount(of id: String, at rounds: [AnswerPath.Round]) -> Int {
        for scope in scopes(at: rounds) {
            if let group = scope.answers.groups[id] { return group.rounds.count }
        }
        return 0
    }

    /// The answer a reference names, as seen from `rounds`.
    func value(_ ref: Reference, at rounds: [AnswerPath.Round]) -> AnswerValue? {
        for scope in scopes(at: rounds) where ref.groupID == nil || scope.groupID == ref.groupID {
            if let value = scope.answers.values[ref.questionID] { return value }
        }
        return nil
    }

    /// The answer as text for a `{{...}}` placeholder; empty when there is none.
    func display(_ ref: Reference, at rounds: [AnswerPath.Round]) -> String {
        guard let value = value(ref, at: rounds), let question = flow.question(id: ref.questionID) else { return "" }
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
