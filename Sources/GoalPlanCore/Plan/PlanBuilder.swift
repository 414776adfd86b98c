/// Builds a plan from a finished (or partly finished) run of a flow.
public enum PlanBuilder {
    /// Places every answer: those with `into:` where they belong, the rest as notes.
    public static func build(flow: Flow, answers: Answers, started: CalendarDate) -> Plan {
        var builder = Builder(plan: Plan(started: started), lookup: AnswerLookup(flow: flow, answers: answers))
        builder.walk(flow.items, scope: answers, rounds: [], goal: nil, prefix: "")
        return builder.plan
    }

    private struct Builder {
        var plan: Plan
        let lookup: AnswerLookup
        /// For each group with `into: goals`, the plan goal each of its rounds became.
        var goalsOfGroup: [String: [Int?]] = [:]

        mutating func walk(_ items: [FlowItem], scope: Answers, rounds: [AnswerPath.Round], goal: Int?, prefix: String)
        {
            for item in items {
                switch item {
                case .question(let q):
                    guard let value = scope.values[q.id], value != .skipped else { continue }
                    place(value, of: q, ask: lookup.render(q.ask, at: rounds), goal: goal, prefix: prefix)
                case .section(let s):
                    walk(s.items, scope: scope, rounds: rounds, goal: goal, prefix: prefix)
                case .group(let g):
                    let rounds_ = scope.groups[g.id]?.rounds ?? []
                    for (index, round) in rounds_.enumerated() {
                        let inner = rounds + [AnswerPath.Round(groupID: g.id, index: index)]
                        if g.into == .goals {
                            plan.goals.append(Goal())
                            let goalIndex = plan.goals.count - 1
                            walk(g.items, scope: round, rounds: inner, goal: goalIndex, prefix: "")
                            let kept = !plan.goals[goalIndex].isEmpty
                            if !kept { plan.goals.removeLast() }
                            goalsOfGroup[g.id, default: []].append(kept ? goalIndex : nil)
                        } else if let walked = g.forEach, let goals = goalsOfGroup[walked] {
                            // Walking the goals: each round adds to the goal it walks.
                            let target = index < goals.count ? goals[index] : nil
                            walk(g.items, scope: round, rounds: inner, goal: target ?? goal, prefix: prefix)
                        } else {
                            let title = g.title.map { lookup.render($0, at: inner) }
                            let many = rounds_.count > 1 || g.repeatRule != nil || g.forEach != nil
                            let label = title.map { many && g.forEach == nil ? "\($0) \(index + 1): " : "\($0): " }
                            walk(g.items, scope: round, rounds: inner, goal: goal, prefix: prefix + (label ?? ""))
                        }
                    }
                }
            }
        }

        mutating func place(_ value: AnswerValue, of q: Question, ask: String, goal: Int?, prefix: String) {
            let texts = Self.texts(value, q)
            guard let field = q.into else {
                let answer: Note.Answer =
                    if case .items(let items) = value { .items(items) } else if case .choices = value {
                        .items(texts)
                    } else { .text(value.display(for: q)) }
                let note = Note(question: prefix + ask, answer: answer)
                if let goal { plan.goals[goal].notes.append(note) } else { plan.notes.append(note) }
                return
            }
            switch field {
            case .personName: plan.name = texts.first
            case .concerns: plan.concerns += texts
            case .hopes: plan.hopes += texts
            case .strengths: plan.strengths += texts
            case .supports: plan.supports += texts
            case .nextReview:
                if case .date(let d) = value { plan.nextReview = d }
            default:
                guard let goal else { return }
                switch field {
                case .goalTitle: plan.goals[goal].title = texts.joined(separator: " ")
                case .goalArea:
                    if case .choice(let id) = value, let area = GoalArea(rawValue: id) {
                        plan.goals[goal].area = area.name
                    } else {
                        plan.goals[goal].area = texts.first
                    }
                case .goalWhy: plan.goals[goal].why = texts.joined(separator: "\n")
                case .goalMeasure: plan.goals[goal].measure = texts.joined(separator: "\n")
                case .goalRating:
                    if case .number(let n) = value {
                        plan.goals[goal].ratings.append(Rating(date: plan.started, value: n))
                    }
                case .goalSteps: plan.goals[goal].steps += texts.map { PlanStep($0) }
                default: break
                }
            }
        }

        static func texts(_ value: AnswerValue, _ q: Question) -> [String] {
            switch value {
            case .items(let items): items
            case .choices(let ids): ids.map(q.label(forChoice:))
            case .skipped: []
            default: [value.display(for: q)]
            }
        }
    }
}
