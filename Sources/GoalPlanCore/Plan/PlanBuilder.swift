/// Builds a plan from a run of a flow: a new plan, or a plan read back and updated (revisit).
public enum PlanBuilder {
    /// Places every answer: those with `into:` where they belong, the rest as notes.
    ///
    /// With `base`, the answers update that plan: a walk of `plan.goals` adds to its goals,
    /// and answers about a review add a row dated `today` to each goal's reviews.
    public static func build(
        flow: Flow, answers: Answers, started: CalendarDate, today: CalendarDate? = nil, base: Plan? = nil
    ) -> Plan {
        // A new plan is written in the language the run speaks; a plan read back keeps its own.
        var fresh = Plan(started: started)
        fresh.language = MessageCatalog.current.language == "en" ? nil : MessageCatalog.current.language
        var builder = Builder(
            plan: base ?? fresh, today: today ?? started,
            lookup: AnswerLookup(flow: flow, answers: answers, base: base, today: today ?? started))
        builder.baseGoals = base?.goals.count ?? 0
        builder.addsToPlan = base != nil
        if let measure = flow.measure {
            builder.measure(measure, items: flow.items, scope: answers, rounds: [])
        } else {
            builder.walk(flow.items, scope: answers, rounds: [], goal: nil, prefix: "")
        }
        builder.addGoalAttainment()
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
        /// How many goals the plan had before this run (a goal past them is new).
        var baseGoals = 0
        /// Clinician-only groups (`mode: facilitated`) around the current point.
        var facilitated = 0
        /// Whether the current point is inside a measure, whose answers become its row.
        var inMeasure = 0
        var currentMeasure: Measure?
        /// Whether the run adds to a plan read back (its answers may repeat earlier ones).
        var addsToPlan = false
        /// Each goal's level on its ladder chosen at a review in this run, for the goal
        /// attainment score (levels at the start are where the goals begin, not an outcome).
        var levels: [Int: Int] = [:]

        /// A measure's answers: placed where they have an `into`, and its score as one row.
        mutating func measure(_ m: Measure, items: [FlowItem], scope: Answers, rounds: [AnswerPath.Round]) {
            let outer = currentMeasure
            currentMeasure = m
            inMeasure += 1
            walk(items, scope: scope, rounds: rounds, goal: nil, prefix: "\(m.name), \(today.longForm): ")
            inMeasure -= 1
            currentMeasure = outer
            let flow = lookup.flow
            let scores: [Int?] = m.items.map { id in
                guard let q = flow.question(id: id) else { return nil }
                // An item may be worked out (a reversed item, `4 - answer`).
                let value =
                    q.type == .computed
                    ? lookup.computed(q, at: rounds) : AnswerLookup.computedValue(scope.values[id], question: q)
                guard case .number(let n) = value, abs(n) <= ComputedValue.largest else { return nil }
                return Int(n.rounded())
            }
            // Nothing answered: nothing measured.
            guard scores.contains(where: { $0 != nil }) || m.items.isEmpty,
                let scoreQ = flow.question(id: m.score), case .number(let score) = lookup.computed(scoreQ, at: rounds)
            else { return }
            var band: String?
            if let id = m.band, let q = flow.question(id: id), case .text(let words) = lookup.computed(q, at: rounds) {
                band = words
            }
            plan.measures.append(
                MeasureResult(
                    id: m.id, name: m.name, code: m.code, date: today, score: score, maximum: m.maximum, band: band,
                    items: scores))
        }

        /// A row of goal attainment (the T-score) for the levels recorded in this run.
        mutating func addGoalAttainment() {
            guard let t = MeasureResult.tScore(levels.keys.sorted().compactMap { levels[$0] }) else { return }
            plan.measures.append(
                MeasureResult(
                    id: MeasureResult.goalAttainment, name: tr("Goal attainment (T-score)", context: "plan"),
                    date: today, score: t,
                    band: MeasureResult.tScoreBand(t)))
        }

        mutating func walk(_ items: [FlowItem], scope: Answers, rounds: [AnswerPath.Round], goal: Int?, prefix: String)
        {
            for item in items {
                switch item {
                case .question(let q) where q.type == .computed:
                    // Worked out now; kept when it has a place, or a label of its own (but for a
                    // measure's score and band, which are its row). A number bound for a field
                    // of whole numbers is rounded.
                    var computed = lookup.computed(q, at: rounds)
                    if q.into?.numberRange != nil, case .number(let x) = computed { computed = .number(x.rounded()) }
                    guard let value = computed.answer else { continue }
                    let isRow = currentMeasure.map { q.id == $0.score || q.id == $0.band } ?? false
                    if q.into != nil || (!isRow && q.label != nil) {
                        place(value, of: q, ask: lookup.render(q.ask, at: rounds), goal: goal, prefix: prefix)
                    }
                case .question(let q):
                    guard let value = scope.values[q.id], value != .skipped, q.type.isAsked, q.record else { continue }
                    place(value, of: q, ask: lookup.render(q.label ?? q.ask, at: rounds), goal: goal, prefix: prefix)
                case .section(let s):
                    if let m = s.measure {
                        measure(m, items: s.items, scope: scope, rounds: rounds)
                    } else {
                        walk(s.items, scope: scope, rounds: rounds, goal: goal, prefix: prefix)
                    }
                case .group(let g):
                    if g.mode == .facilitated { facilitated += 1 }
                    walkGroup(g, scope: scope, rounds: rounds, goal: goal, prefix: prefix)
                    if g.mode == .facilitated { facilitated -= 1 }
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
                            Obstacle(
                                what: done.what.isEmpty ? tr("Something else", context: "plan") : done.what,
                                plan: done.plan))
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
                // A measure's scored items are its row; they are not written again as notes.
                // Its other answers are notes named with the measure and the day.
                if let m = currentMeasure, m.items.contains(q.id) || q.id == m.score || q.id == m.band { return }
                let answer: Note.Answer =
                    if case .items(let items) = value { .items(items) } else if case .choices = value {
                        .items(texts)
                    } else {
                        .text(value.display(for: q))
                    }
                if q.mode == .facilitated || facilitated > 0 {
                    // Clinician-only: never in a client's copy.
                    let about = goal.map { plan.goals[$0].title }.map { $0.isEmpty ? "" : "\($0): " } ?? ""
                    var notes = plan.clinician ?? ClinicianNotes()
                    // Written as one fact, a line an item.
                    let text: Note.Answer = .text(texts.isEmpty ? value.display(for: q) : texts.joined(separator: "\n"))
                    notes.notes.append(Note(question: about + prefix + ask, answer: text, questionID: q.id))
                    plan.clinician = notes
                    return
                }
                // Added to a plan on a later day: dated, so a second time reads apart from the first.
                let dated = addsToPlan && today != plan.started && inMeasure == 0 ? "\(today.longForm): " : ""
                let note = Note(question: dated + prefix + ask, answer: answer, questionID: q.id)
                if let goal { plan.goals[goal].notes.append(note) } else { plan.notes.append(note) }
                return
            }
            switch field {
            case .personName: plan.name = texts.first
            case .concerns: plan.concerns += texts
            case .hopes: plan.hopes += texts
            case .values: plan.values += texts
            case .expectations: plan.expectations += texts
            case .strengths: plan.strengths += texts
            case .supports: plan.supports += texts
            case .nextReview:
                if case .date(let d) = value { plan.nextReview = d }
            case .approach:
                var notes = plan.clinician ?? ClinicianNotes()
                // Several approaches read as one line: "CBT, EMDR".
                notes.approach = texts.joined(separator: ", ")
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
                placeGoalField(field, value, texts, joined, goal: goal, question: q)
            }
        }

        mutating func placeGoalField(
            _ field: PlanField, _ value: AnswerValue, _ texts: [String], _ joined: String, goal: Int,
            question q: Question
        ) {
            // A number outside what the field holds (a computed value the flow could not bound).
            if let fits = field.numberRange, let n = q.score(of: value), !fits.contains(n) { return }
            switch field {
            case .goalTitle:
                let title = texts.joined(separator: " ")
                let earlier = plan.goals[goal].title
                // A goal of the plan read back, worded anew: the earlier wording is kept.
                if goal < baseGoals, !earlier.isEmpty, earlier != title, !title.isEmpty {
                    plan.goals[goal].earlierTitles.append(EarlierTitle(text: earlier, until: today))
                }
                plan.goals[goal].title = title
            case .goalLevelAtStart:
                if let n = q.score(of: value) { plan.goals[goal].levelAtStart = n }
            case .reviewLevel:
                if let n = q.score(of: value) {
                    updateReview(goal) { $0.level = n }
                    levels[goal] = n
                }
            case .reviewConfidence:
                if let n = q.score(of: value) { updateReview(goal) { $0.confidence = n } }
            case .goalArea:
                if case .choice(let id) = value, let area = GoalArea(rawValue: id) {
                    plan.goals[goal].area = area.name
                } else {
                    plan.goals[goal].area = texts.first
                }
            case .goalWhy: plan.goals[goal].why = joined
            case .goalMeasure: plan.goals[goal].measure = joined
            case .goalRating:
                if let n = q.score(of: value) { plan.goals[goal].ratings = [Rating(date: plan.started, value: n)] }
            case .goalImportance:
                if let n = q.score(of: value) { plan.goals[goal].importance = n }
            case .goalConfidence:
                if let n = q.score(of: value) { plan.goals[goal].confidence = n }
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
                if let n = q.score(of: value) { updateReview(goal) { $0.rating = n } }
            case .reviewHelped: updateReview(goal) { $0.helped = Self.oneLine(joined) }
            case .reviewHindered: updateReview(goal) { $0.hindered = Self.oneLine(joined) }
            case .reviewDecision:
                updateReview(goal) { $0.decision = Self.oneLine(joined) }
                // Where the goal now stands: reached, on hold or let go from the day it was
                // decided; looked at again and carried on, none of them.
                let id: String? = if case .choice(let id) = value { id } else { nil }
                let g = plan.goals[goal]
                let reached = ["achieved", "reached"].contains(id ?? "")
                plan.goals[goal].reached = reached ? (g.reached ?? today) : nil
                plan.goals[goal].onHold = ["pause", "on_hold", "hold"].contains(id ?? "") ? (g.onHold ?? today) : nil
                plan.goals[goal].letGo = ["let_go", "drop", "dropped"].contains(id ?? "") ? (g.letGo ?? today) : nil
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
