/// Builds a plan from a finished (or partly finished) run of a flow.
public enum PlanBuilder {
    /// Places every answer: those with `into:` where they belong, the rest as notes.
    public static func build(flow: Flow, answers: Answers, started: CalendarDate) -> Plan {
        var plan = Plan(started: started)
        var builder = Builder(plan: plan)
        builder.walk(flow.items, scope: answers, goal: nil, prefix: "")
        plan = builder.plan
        return plan
    }

    private struct Builder {
        var plan: Plan

        mutating func walk(_ items: [FlowItem], scope: Answers, goal: Int?, prefix: String) {
            for item in items {
                switch item {
                case .question(let q):
                    guard let value = scope.values[q.id], value != .skipped else { continue }
                    place(value, of: q, goal: goal, prefix: prefix)
                case .group(let g):
                    let rounds = scope.groups[g.id]?.rounds ?? []
                    for (index, round) in rounds.enumerated() {
                        if g.into == .goals {
                            plan.goals.append(Goal())
                            let goalIndex = plan.goals.count - 1
                            walk(g.items, scope: round, goal: goalIndex, prefix: "")
                            if plan.goals[goalIndex].isEmpty { plan.goals.removeLast() }
                        } else {
                            let label = g.title.map {
                                rounds.count > 1 || g.repeatRule != nil ? "\($0) \(index + 1): " : "\($0): "
                            }
                            walk(g.items, scope: round, goal: goal, prefix: prefix + (label ?? ""))
                        }
                    }
                }
            }
        }

        mutating func place(_ value: AnswerValue, of q: Question, goal: Int?, prefix: String) {
            let texts = Self.texts(value, q)
            guard let field = q.into else {
                let answer: Note.Answer =
                    if case .items(let items) = value { .items(items) } else if case .choices = value {
                        .items(texts)
                    } else { .text(value.display(for: q)) }
                let note = Note(question: prefix + q.ask, answer: answer)
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
