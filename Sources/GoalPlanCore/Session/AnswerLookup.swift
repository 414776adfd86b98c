/// Finds earlier answers as seen from one point of a run: the round a step sits in first, then
/// each enclosing round, then the top of the flow. Inside a `for_each` round, the round of the
/// walked group is seen right after the round itself.
struct AnswerLookup {
    let flow: Flow
    let answers: Answers
    /// A plan read back (as in `revisit`), whose goals `for_each: plan.goals` walks when the
    /// run asked for no goals of its own.
    var base: Plan? = nil
    /// The day of the run, for `today` in computed items.
    var today: CalendarDate = .epoch

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
        if field == "levels" {
            // The five level texts, -2 first ("" where one was not written).
            let fields: [PlanField] = [.levelMinus2, .levelMinus1, .levelExpected, .levelPlus1, .levelPlus2]
            let texts = fields.map { f -> String in
                if case .text(let t)? = goalValue(String(f.rawValue.dropFirst("goal.".count)), at: rounds) { return t }
                return ""
            }
            return texts.allSatisfy(\.isEmpty) ? nil : .items(texts)
        }
        // `goal.reached` has no question of its own: it comes from a plan read back.
        let planField = PlanField(rawValue: "goal." + field)
        let chain = chainOfScopes(at: rounds)
        for depth in stride(from: rounds.count, to: 0, by: -1) {
            let round = rounds[depth - 1]
            guard let group = flow.group(id: round.groupID) else { continue }
            let scope = chain[depth]
            if let planField, let value = bound(planField, in: group.items, scope: scope) { return value }
            if group.into == .goals { return nil }
            guard let walked = group.forEach else { continue }
            if let walkedID = walkedGroup(of: round.groupID, in: chain[0..<depth]),
                let walkedGroup = flow.group(id: walkedID),
                let walkedRound = self.round(of: walkedID, index: round.index, in: chain[0..<depth])
            {
                return planField.flatMap { bound($0, in: walkedGroup.items, scope: walkedRound) }
            }
            if walked == planGoalsWalk, let base, round.index < base.goals.count {
                return Self.value(of: field, in: base.goals[round.index])
            }
        }
        return nil
    }

    /// The answer to the question in `items` (not in groups inside) that lands in `field`: the
    /// last one given, as the plan keeps it (a sharper wording of a goal replaces the first).
    private func bound(_ field: PlanField, in items: [FlowItem], scope: Answers) -> AnswerValue? {
        var found: AnswerValue?
        for item in items {
            switch item {
            case .question(let q) where q.into == field:
                if let value = scope.values[q.id], value != .skipped, value != .text("") {
                    if case .choice(let id) = value { found = .text(q.label(forChoice: id)) } else { found = value }
                }
            case .section(let s):
                if let value = bound(field, in: s.items, scope: scope) { found = value }
            default:
                continue
            }
        }
        return found
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
        case "confidence":
            (goal.reviews.last(where: { $0.confidence != nil })?.confidence ?? goal.confidence).map { .number($0) }
        case "steps": goal.steps.isEmpty ? nil : .items(goal.steps.map(\.text))
        case "reached": goal.reached.map { .date($0) }
        case "on_hold": goal.onHold.map { .date($0) }
        case "let_go": goal.letGo.map { .date($0) }
        case "level_minus2", "level_minus1", "level_expected", "level_plus1", "level_plus2":
            levelText(field, in: goal)
        default: nil
        }
    }

    static func levelText(_ field: String, in goal: Goal) -> AnswerValue? {
        let order = ["level_minus2", "level_minus1", "level_expected", "level_plus1", "level_plus2"]
        guard let i = order.firstIndex(of: field), i < goal.levels.count, !goal.levels[i].isEmpty else { return nil }
        return .text(goal.levels[i])
    }

    /// The answer a reference names, as seen from `rounds`; a computed item's value, worked out.
    func value(_ ref: Reference, at rounds: [AnswerPath.Round]) -> AnswerValue? {
        if ref.groupID == "goal", flow.group(id: "goal") == nil { return goalValue(ref.questionID, at: rounds) }
        if let q = flow.question(id: ref.questionID), q.type == .computed {
            return computed(q, at: rounds).answer
        }
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
        return condition.evaluate { ref in
            ConditionValue(
                value(ref, at: rounds), question: ref.groupID == "goal" ? nil : flow.question(id: ref.questionID))
        }
    }

    // MARK: Computed items

    /// A computed item's value as seen from `rounds`: its expression over the answers there,
    /// then its bands, if it has any.
    func computed(_ q: Question, at rounds: [AnswerPath.Round], depth: Int = 0) -> ComputedValue {
        guard let expression = q.compute, depth < 64 else { return .none }
        let value = expression.evaluate(today: today) { input($0, at: rounds, depth: depth + 1) }
        guard !q.bands.isEmpty else { return value }
        guard case .number(let n) = value, let label = q.bands.label(for: n) else { return .none }
        return .text(label)
    }

    /// An answer as an expression reads it: a number (a choice's own number, a scale), a date,
    /// or, for a question of a repeat read from outside it, the answers of every round.
    func input(_ ref: Reference, at rounds: [AnswerPath.Round], depth: Int) -> ComputedValue {
        if ref.groupID == "goal", flow.group(id: "goal") == nil {
            return Self.computedValue(goalValue(ref.questionID, at: rounds), question: nil)
        }
        let question = flow.question(id: ref.questionID)
        if let question, question.type == .computed { return computed(question, at: rounds, depth: depth) }
        let visible = scopes(at: rounds).contains { scope in
            (ref.groupID == nil || scope.groupID == ref.groupID) && scope.answers.values[ref.questionID] != nil
        }
        if !visible, let groupID = flow.groupID(ofQuestion: ref.questionID),
            let rounds = roundsOf(groupID, at: rounds)
        {
            var numbers: [Double] = []
            var dates: [CalendarDate] = []
            var others = 0
            for round in rounds {
                switch Self.computedValue(round.values[ref.questionID], question: question) {
                case .number(let n): numbers.append(n)
                case .date(let d): dates.append(d)
                case .numbers(let list, let more):
                    numbers += list
                    others += more
                case .none: break
                default: others += 1
                }
            }
            if !dates.isEmpty && numbers.isEmpty && others == 0 { return .dates(dates) }
            return .numbers(numbers, others: others + dates.count)
        }
        return Self.computedValue(value(ref, at: rounds), question: question)
    }

    /// The rounds of a group as seen from `rounds`: in the nearest scope that holds it.
    private func roundsOf(_ groupID: String, at rounds: [AnswerPath.Round]) -> [Answers]? {
        for scope in scopes(at: rounds) {
            if let group = scope.answers.groups[groupID] { return group.rounds }
        }
        return nil
    }

    static func computedValue(_ answer: AnswerValue?, question: Question?) -> ComputedValue {
        switch answer {
        case nil, .skipped: return .none
        case .number(let n): return .number(Double(n))
        case .choice(let id):
            if let n = question?.score(ofChoice: id) {
                return .number(Double(n))
            }
            return .text(question?.label(forChoice: id) ?? id)
        case .choices(let ids):
            let numbers = ids.compactMap { id in question?.choices.first { $0.id == id }?.number.map(Double.init) }
            return .numbers(numbers, others: ids.count - numbers.count)
        case .items(let items): return .numbers([], others: items.count)
        case .date(let d): return .date(d)
        case .text(let t): return Double(t).map { .number($0) } ?? .text(t)
        case .yes(let b): return .number(b ? 1 : 0)
        }
    }
}
