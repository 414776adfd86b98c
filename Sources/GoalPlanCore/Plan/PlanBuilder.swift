/// Builds a plan from a run of a flow: a new plan, or a plan read back and updated (revisit).
public enum PlanBuilder {
    /// Places every answer: those with `into:` where they belong, the rest as notes.
    ///
    /// With `base`, the answers update that plan: a walk of `plan.goals` adds to its goals,
    /// and answers about a review add a row dated `today` to each goal's reviews.
    public static func build(
        flow: Flow, answers: Answers, started: CalendarDate, today: CalendarDate? = nil, base: Plan? = nil
    ) -> Plan {
        var builder = Builder(
            plan: base ?? Plan(started: started), today: today ?? started,
            lookup: AnswerLookup(flow: flow, answers: answers, base: base))
        builder.walk(flow.items, scope: answers, rounds: [], goal: nil, prefix: "")
        return builder.plan
    }

    private struct Builder {
        var plan: Plan
        let today: CalendarDate
        let lookup: AnswerLookup
        /// For each group with `into: goals`, the plan goal each of its rounds became.
        var goalsOfGroup: [String: [Int?]] = [:]
        /// The review row started for a goal in this run.
        var reviewOfGoal: [Int: Int] = [:]
        /// The obstacle being filled in, in a round of an `into: obstacles` group.
        var obstacle: Obstacle?

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
                    walkGroup(g, scope: scope, rounds: rounds, goal: goal, prefix: prefix)
                }
            }
        }

        mutating func walkGroup(
            _ g: QuestionGroup, scope: Answers, rounds: [AnswerPath.Round], goal: Int?, prefix: String
        ) {
            let groupRounds = scope.groups[g.id]?.rounds ?? []
            for (index, round) in groupRounds.enumerated() {
                let inner = rounds + [AnswerPath.Round(groupID: g.id, index: index)]
                if g.into == .goals {
                    plan.goals.append(Goal())
                    let goalIndex = plan.goals.count - 1
                    walk(g.items, scope: round, rounds: inner, goal: goalIndex, prefix: "")
                    let kept = !plan.goals[goalIndex].isEmpty
                    if !kept { plan.goals.removeLast() }
                    goalsOfGroup[g.id, default: []].append(kept ? goalIndex : nil)
                } else if g.into == .obstacles, let goal {
                    obstacle = Obstacle(what: "")
                    walk(g.items, scope: round, rounds: inner, goal: goal, prefix: prefix)
                    if let done = obstacle, !done.what.isEmpty || done.plan != nil {
                        plan.goals[goal].obstacles.append(
                            Obstacle(what: done.what.isEmpty ? "Something else" : done.what, plan: done.plan))
                    }
                    obstacle = nil
                } else if let walked = g.forEach, let target = goalIndex(walking: walked, round: index) {
                    // Walking the goals: each round adds to the goal it walks.
                    walk(g.items, scope: round, rounds: inner, goal: target, prefix: prefix)
                } else {
                    let title = g.title.map { lookup.render($0, at: inner) }
                    let many = groupRounds.count > 1 || g.repeatRule != nil
                    let label = title.map { many && g.forEach == nil ? "\($0) \(index + 1): " : "\($0): " }
                    walk(g.items, scope: round, rounds: inner, goal: goal, prefix: prefix + (label ?? ""))
                }
            }
        }

        /// The plan goal that round `round` of a walk over `walked` is about.
        func goalIndex(walking walked: String, round: Int) -> Int? {
            var mapping = goalsOfGroup[walked]
            if walked == planGoalsWalk {
                mapping = goalsOfGroup.values.first ?? lookup.base.map { Array(0..<$0.goals.count).map { $0 } }
            }
            guard let mapping, round < mapping.count else { return nil }
            return mapping[round]
        }

        mutating func place(_ value: AnswerValue, of q: Question, ask: String, goal: Int?, prefix: String) {
            let texts = Self.texts(value, q)
            let joined = texts.joined(separator: "\n")
            guard let field = q.into else {
                let answer: Note.Answer =
                    if case .items(let items) = value { .items(items) } else if case .choices = value {
                        .items(texts)
                    } else {
                        .text(value.display(for: q))
                    }
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
            case .approach:
                var notes = plan.clinician ?? ClinicianNotes()
                notes.approach = joined
                plan.clinician = notes
            case .interventions:
                var notes = plan.clinician ?? ClinicianNotes()
                notes.interventions = joined
                plan.clinician = notes
            case .safetyWarningSigns, .safetyCoping, .safetyDistractions, .safetyPeople, .safetyProfessionals,
                .safetySurroundings, .safetyReasons:
                placeSafety(texts, in: field)
            case .obstacleWhat: obstacle?.what = Self.oneLine(joined)
            case .obstaclePlan: obstacle?.plan = joined
            default:
                guard let goal else { return }
                placeGoalField(field, value, texts, joined, goal: goal)
            }
        }

        mutating func placeGoalField(
            _ field: PlanField, _ value: AnswerValue, _ texts: [String], _ joined: String, goal: Int
        ) {
            switch field {
            case .goalTitle: plan.goals[goal].title = texts.joined(separator: " ")
            case .goalArea:
                if case .choice(let id) = value, let area = GoalArea(rawValue: id) {
                    plan.goals[goal].area = area.name
                } else {
                    plan.goals[goal].area = texts.first
                }
            case .goalWhy: plan.goals[goal].why = joined
            case .goalMeasure: plan.goals[goal].measure = joined
            case .goalRating:
                if case .number(let n) = value { plan.goals[goal].ratings = [Rating(date: plan.started, value: n)] }
            case .goalImportance:
                if case .number(let n) = value { plan.goals[goal].importance = n }
            case .goalConfidence:
                if case .number(let n) = value { plan.goals[goal].confidence = n }
            case .goalSteps:
                let known = Set(plan.goals[goal].steps.map(\.text))
                plan.goals[goal].steps += texts.filter { !known.contains($0) }.map { PlanStep($0) }
            case .goalFirstStep: plan.goals[goal].firstStep = Self.oneLine(joined)
            case .goalHelpers: plan.goals[goal].helpers += texts
            case .levelMinus2, .levelMinus1, .levelExpected, .levelPlus1, .levelPlus2:
                let order: [PlanField] = [.levelMinus2, .levelMinus1, .levelExpected, .levelPlus1, .levelPlus2]
                if plan.goals[goal].levels.count < 5 {
                    plan.goals[goal].levels += Array(repeating: "", count: 5 - plan.goals[goal].levels.count)
                }
                if let i = order.firstIndex(of: field) { plan.goals[goal].levels[i] = Self.oneLine(joined) }
            case .reviewDone:
                let done = Set(texts)
                for i in plan.goals[goal].steps.indices where done.contains(plan.goals[goal].steps[i].text) {
                    plan.goals[goal].steps[i].done = true
                }
            case .reviewRating:
                if case .number(let n) = value { updateReview(goal) { $0.rating = n } }
            case .reviewHelped: updateReview(goal) { $0.helped = Self.oneLine(joined) }
            case .reviewHindered: updateReview(goal) { $0.hindered = Self.oneLine(joined) }
            case .reviewDecision: updateReview(goal) { $0.decision = Self.oneLine(joined) }
            case .reviewReason: updateReview(goal) { $0.reason = Self.oneLine(joined) }
            default: break
            }
        }

        /// Safety plan sections answered in this run: the first answer replaces what the plan
        /// held (the person saw those items and kept or changed them); later ones add to it.
        var safetyFieldsPlaced: Set<PlanField> = []

        mutating func placeSafety(_ texts: [String], in field: PlanField) {
            var safety = plan.safetyPlan ?? SafetyPlan()
            let earlier = safetyFieldsPlaced.insert(field).inserted ? [] : (safety.items(for: field) ?? [])
            safety.set(earlier + texts, for: field)
            plan.safetyPlan = safety.isEmpty ? nil : safety
        }

        /// This run's review row for a goal, started on first use.
        mutating func updateReview(_ goal: Int, _ change: (inout Review) -> Void) {
            let row: Int
            if let existing = reviewOfGoal[goal] {
                row = existing
            } else {
                plan.goals[goal].reviews.append(Review(date: today))
                row = plan.goals[goal].reviews.count - 1
                reviewOfGoal[goal] = row
            }
            change(&plan.goals[goal].reviews[row])
        }

        /// Table cells and labels hold one line.
        static func oneLine(_ text: String) -> String {
            text.split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces }.joined(separator: " ")
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
