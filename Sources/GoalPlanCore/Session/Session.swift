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
    public private(set) var cursor: StepKey? {
        didSet { cursorIndex = cursor.flatMap(index(of:)) }
    }
    private var afterEdit = AfterEdit.frontier
    /// Counts changes to the answers, so a caller saving them can tell what changed.
    public private(set) var revision = 0
    /// The answer the last change added, when it was the next question answered in order
    /// (a draft can then add just that); nil after any other change.
    public private(set) var lastAddedInOrder: (path: AnswerPath, value: AnswerValue)?
    /// The flow as the answers so far expand it. Answering the next question in order
    /// expands again only the parts of the flow that read that answer, so a run through a
    /// flow of n questions stays close to O(n) however long the flow.
    private var layout = Layout()
    private var cursorIndex: Int?
    private let segments: [Segment]

    /// A question or group of the flow, with the section it sits in and what its conditions
    /// and placeholders read: the unit the layout is worked out in.
    struct Segment: Sendable {
        var item: FlowItem
        var section: FlowSection?
        /// Ids of the questions whose answers it reads.
        var reads: Set<String>
        /// Whether it reads a goal's fields (goal.title, choices from a goal's steps, a walk).
        var readsGoals: Bool
        /// Ids of the questions inside it (for a group).
        var holds: Set<String>
        var isGroup: Bool
    }

    struct Layout: Sendable {
        /// The steps of each segment, in order.
        var parts: [[Step]] = []
        /// How many questions each segment has, summed as a Fenwick tree.
        var questions = Fenwick(count: 0)
        /// The first step with no answer: a segment and a place in it.
        var frontier: (part: Int, offset: Int)?

        /// Every step, in order (worked out when asked: for the review, going back, jumps).
        var steps: [Step] { parts.flatMap { $0 } }

        /// For each step of `steps`, how many questions come up to and including it.
        var ordinals: [Int] {
            var number = 0
            return steps.map { step in
                if step.isQuestionAsked { number += 1 }
                return number
            }
        }

        /// The frontier as an index into `steps`.
        var frontierIndex: Int? {
            frontier.map { f in parts[..<f.part].reduce(0) { $0 + $1.count } + f.offset }
        }

        /// The first step with no answer at or after a place.
        static func firstUnanswered(_ parts: [[Step]], from start: (part: Int, offset: Int)) -> (
            part: Int, offset: Int
        )? {
            var (k, j) = start
            while k < parts.count {
                while j < parts[k].count {
                    if !parts[k][j].isAnswered { return (k, j) }
                    j += 1
                }
                k += 1
                j = 0
            }
            return nil
        }
    }

    /// Sums over a fixed number of counts that change one at a time, each in O(log n).
    struct Fenwick: Sendable {
        private var tree: [Int]
        init(count: Int) { tree = Array(repeating: 0, count: count + 1) }
        mutating func add(_ delta: Int, at index: Int) {
            var i = index + 1
            while i < tree.count {
                tree[i] += delta
                i += i & -i
            }
        }
        /// The sum of the counts before `index`.
        func prefix(_ index: Int) -> Int {
            var i = index
            var sum = 0
            while i > 0 {
                sum += tree[i]
                i -= i & -i
            }
            return sum
        }
        var total: Int { prefix(tree.count - 1) }
    }

    /// Segments that read each question id, and those that read a goal's fields.
    private let readers: [String: [Int]]
    private let goalReaders: [Int]

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
        var segments = Self.segments(of: flow.items, in: nil)
        // A computed item is worked out when read: whatever reads it reads what it reads.
        var computed: [String: [Reference]] = [:]
        for q in flow.allQuestions { if let e = q.compute { computed[q.id] = e.references } }
        if !computed.isEmpty {
            for k in segments.indices {
                var pending = Array(segments[k].reads)
                var seen = segments[k].reads
                while let id = pending.popLast() {
                    for r in computed[id] ?? [] {
                        if r.groupID == "goal" { segments[k].readsGoals = true }
                        if seen.insert(r.questionID).inserted { pending.append(r.questionID) }
                    }
                }
                segments[k].reads = seen
            }
        }
        self.segments = segments
        var readers: [String: [Int]] = [:]
        for (k, segment) in segments.enumerated() {
            for id in segment.reads { readers[id, default: []].append(k) }
        }
        self.readers = readers
        self.goalReaders = segments.indices.filter { segments[$0].readsGoals }
        relayout()
    }

    /// Expands the whole flow afresh from the answers.
    private mutating func relayout() {
        var layout = Layout()
        layout.questions = Fenwick(count: segments.count)
        let lookup = AnswerLookup(flow: flow, answers: answers, base: base, today: today)
        for (k, segment) in segments.enumerated() {
            let part = expand(segment, lookup: lookup)
            layout.parts.append(part)
            layout.questions.add(Self.questionCount(part), at: k)
        }
        layout.frontier = Layout.firstUnanswered(layout.parts, from: (0, 0))
        self.layout = layout
        cursorIndex = cursor.flatMap(index(of:))
    }

    private func expand(_ segment: Segment, lookup: AnswerLookup) -> [Step] {
        var out = Expansion()
        let section = segment.section.map {
            SectionContext(flowID: $0.flowID, title: $0.title, intro: $0.intro.map { lookup.render($0, at: []) })
        }
        expand([segment.item], scope: answers, rounds: [], context: [], section: section, lookup: lookup, into: &out)
        return out.steps
    }

    private static func questionCount(_ steps: [Step]) -> Int {
        steps.reduce(0) { $1.isQuestionAsked ? $0 + 1 : $0 }
    }

    private func index(of key: StepKey) -> Int? {
        layout.steps.firstIndex { $0.key == key }
    }

    /// The flow's questions and groups in order, sections opened.
    private static func segments(of items: [FlowItem], in section: FlowSection?) -> [Segment] {
        var out: [Segment] = []
        for item in items {
            if case .section(let inner) = item {
                out += segments(of: inner.items, in: inner)
                continue
            }
            var reads: Set<String> = []
            var readsGoals = false
            var holds: Set<String> = []
            func text(_ t: String?) {
                guard let t else { return }
                for r in Template.references(in: t) {
                    reads.insert(r.questionID)
                    if r.groupID == "goal" { readsGoals = true }
                }
            }
            func condition(_ c: Condition?) {
                for r in c?.references ?? [] {
                    reads.insert(r.questionID)
                    if r.groupID == "goal" { readsGoals = true }
                }
            }
            func visit(_ item: FlowItem) {
                switch item {
                case .question(let q):
                    holds.insert(q.id)
                    condition(q.when)
                    text(q.ask)
                    text(q.help)
                    text(q.note)
                    q.choices.forEach { text($0.label) }
                    if q.choicesFrom != nil { readsGoals = true }
                case .section(let s):
                    text(s.intro)
                    s.items.forEach(visit)
                case .group(let g):
                    condition(g.when)
                    text(g.title)
                    text(g.intro)
                    text(g.repeatRule?.more)
                    text(g.repeatRule?.first)
                    if g.forEach != nil { readsGoals = true }
                    g.items.forEach(visit)
                }
            }
            visit(item)
            text(section?.intro)
            var isGroup = false
            if case .group = item { isGroup = true }
            out.append(
                Segment(
                    item: item, section: section, reads: reads, readsGoals: readsGoals, holds: holds, isGroup: isGroup))
        }
        return out
    }

    /// What to ask now, or nil when every step has an answer.
    public var current: Step? {
        if let index = cursorIndex {
            let steps = layout.steps
            guard index < steps.count else { return nil }
            guard case .question(var q) = steps[index] else { return steps[index] }
            q.number = layout.ordinals[index]
            q.total = layout.questions.total
            return .question(q)
        }
        guard let (k, j) = layout.frontier else { return nil }
        let step = layout.parts[k][j]
        guard case .question(var q) = step else { return step }
        q.number = layout.questions.prefix(k) + Self.questionCount(Array(layout.parts[k][...j]))
        q.total = layout.questions.total
        return .question(q)
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
        case .question(let q) where q.question.type == .display:
            // Seen: kept as the words shown, so a change to them shows them again.
            value = .text(q.question.ask)
            answers.set(value, at: q.path)
            if canTakeQuickly(q) {
                takeQuickly(value, at: q)
                return .accepted(value)
            }
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
            if canTakeQuickly(q) {
                takeQuickly(value, at: q)
                return .accepted(value)
            }
        case .another(let a):
            let wantsMore: Bool
            let typed = (lines.first ?? "").trimmingSpaces
            if typed.isEmpty {
                wantsMore = a.previous ?? false
            } else if let yes = YesNo.parse(typed) {
                wantsMore = yes
            } else {
                return .invalid(YesNo.askAgain)
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
            if q.question.required { return .invalid(tr("This question needs an answer.")) }
            answers.set(.items([]), at: q.path)
            settle(after: q.path.key)
            return .accepted(.items([]))
        }
        return submit(items)
    }

    /// Whether an answer can be taken without expanding the whole flow again: it is the next
    /// question in order, answered for the first time.
    private func canTakeQuickly(_ q: QuestionStep) -> Bool {
        guard cursor == nil, q.previous == nil, let (k, j) = layout.frontier else { return false }
        return layout.parts[k][j].key == q.path.key
    }

    /// Records an answer given in order: the segments that read it are expanded again, and
    /// the rest of the layout stays. Anything unusual (an answered step that would no longer
    /// be asked) falls back to expanding the whole flow.
    private mutating func takeQuickly(_ value: AnswerValue, at q: QuestionStep) {
        revision += 1
        lastAddedInOrder = (q.path, value)
        guard let (home, offset) = layout.frontier else { return startAfresh() }
        let id = q.question.id
        let fillsGoal = q.question.into?.isGoalField ?? false
        var affected = Set((readers[id] ?? []).filter { $0 >= home })
        if fillsGoal { affected.formUnion(goalReaders.filter { $0 >= home }) }
        if !affected.contains(home), case .question(var step) = layout.parts[home][offset] {
            // The question itself: it now has its answer.
            step.previous = value
            step.suggested = nil
            layout.parts[home][offset] = .question(step)
        }
        if !affected.isEmpty {
            let lookup = AnswerLookup(flow: flow, answers: answers, base: base, today: today)
            for k in affected.sorted() {
                let old = layout.parts[k]
                let fresh = expand(segments[k], lookup: lookup)
                // An answered step that is no longer asked means answers to drop: do it all again.
                let stillAsked = Set(fresh.map(\.key))
                if old.contains(where: { $0.isAnswered && !stillAsked.contains($0.key) }) { return startAfresh() }
                layout.parts[k] = fresh
                layout.questions.add(Self.questionCount(fresh) - Self.questionCount(old), at: k)
            }
        }
        layout.frontier = Layout.firstUnanswered(layout.parts, from: (home, affected.contains(home) ? 0 : offset))
    }

    /// After a quick answer turned out to change what is asked: drop the answers that no
    /// longer apply and expand the whole flow.
    private mutating func startAfresh() {
        lastAddedInOrder = nil
        prune()
        relayout()
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
                return .invalid(tr("This question needs an answer, so it cannot be skipped."))
            }
            answers.set(.skipped, at: q.path)
            if canTakeQuickly(q) {
                takeQuickly(.skipped, at: q)
                return .accepted(.skipped)
            }
            settle(after: q.path.key)
            return .accepted(.skipped)
        }
    }

    /// Goes back to the step before the current one, keeping its answer to edit.
    /// Returns false at the first step.
    @discardableResult
    public mutating func back() -> Bool {
        let steps = layout.steps
        var index = cursorIndex ?? layout.frontierIndex ?? steps.count
        // Words shown on the way are passed over: going back to them would only show them again.
        while index > 0, case .question(let q) = steps[index - 1], q.question.type == .display { index -= 1 }
        guard index > 0 else { return false }
        cursor = steps[index - 1].key
        afterEdit = .nextStep
        return true
    }

    /// Goes to an answered step to change it; afterwards the run carries on where it was.
    public mutating func jump(to key: StepKey) {
        guard index(of: key) != nil else { return }
        cursor = key
        afterEdit = .frontier
    }

    /// Every answered question so far, in order, for a review screen.
    public var review: [QuestionStep] {
        let total = layout.questions.total
        let steps = layout.steps
        let ordinals = layout.ordinals
        return steps.indices.compactMap { i in
            guard case .question(var q) = steps[i], q.previous != nil, q.question.type.isAsked else { return nil }
            q.number = ordinals[i]
            q.total = total
            return q
        }
    }

    // MARK: Moving on

    /// After an answer: drop what no longer applies, then pick the next step.
    private mutating func settle(after key: StepKey) {
        revision += 1
        lastAddedInOrder = nil
        prune()
        relayout()
        guard cursor != nil else { return }
        let steps = layout.steps
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

    /// Where a question stands in its part of the flow: the part's name (a goal's round, such
    /// as `Goal 2 of up to 3`, or an included flow's title) and the question's place among the
    /// questions of that part as the answers now expand it: "Goal 1 of up to 3 · 4 of 13",
    /// or "Question 2 of 5" among the flow's own.
    /// Counted within a part, not the whole flow, so choosing another goal does not push the
    /// total back; a condition met later can add to a part's total, never take from the number.
    public func progress(of step: QuestionStep) -> Progress {
        let unit = Progress.Unit(step.context.first, step.section)
        var number = 0
        var total = 0
        for s in layout.steps where s.isQuestionAsked {
            guard case .question(let q) = s, Progress.Unit(q.context.first, q.section) == unit else { continue }
            total += 1
            if q.path == step.path { number = total }
        }
        let name = step.context.first?.label ?? step.section?.title
        return Progress(part: name, number: max(number, 1), total: max(total, number, 1))
    }

    /// Every step of the flow as the answers so far expand it.
    public func steps() -> [Step] {
        let total = layout.questions.total
        let steps = layout.steps
        let ordinals = layout.ordinals
        return steps.indices.map { i in
            guard case .question(var q) = steps[i] else { return steps[i] }
            q.number = ordinals[i]
            q.total = total
            return .question(q)
        }
    }

    func expansion() -> Expansion {
        var out = Expansion()
        let lookup = AnswerLookup(flow: flow, answers: answers, base: base, today: today)
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
                // A computed item is worked out when read, never asked.
                guard q.type != .computed else { continue }
                guard q.mode == nil || q.mode == mode, lookup.holds(q.when, at: rounds) else { continue }
                let rendered = Self.rendered(q, lookup: lookup, at: rounds)
                // Choices from the goal's steps, when it has none yet: nothing to ask.
                if q.choicesFrom != nil && rendered.choices.isEmpty { continue }
                var previous = scope?.values[q.id]
                // Words shown on the way count as seen only as they read now: changed by an
                // edited answer, they are shown again.
                if q.type == .display, previous != .text(rendered.ask) { previous = nil }
                out.steps.append(
                    .question(
                        QuestionStep(
                            question: rendered,
                            path: AnswerPath(rounds: rounds, questionID: q.id), context: context, section: section,
                            previous: previous, suggested: previous == nil ? suggestion(for: q) : nil)))
            case .section(let s):
                // A part of a goal reads as the goal's own questions: no heading of its own.
                let here =
                    s.part != nil
                    ? section
                    : SectionContext(
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
        copy.choices = q.choices.map { Choice(id: $0.id, label: lookup.render($0.label, at: rounds), value: $0.value) }
        copy.note = q.note.map { lookup.render($0, at: rounds) }
        if q.choicesFrom == .goalSteps {
            // The goal's steps, each its own id, so the answer names the steps themselves.
            var steps: [String] = []
            if case .items(let items) = lookup.goalValue("steps", at: rounds) { steps = items }
            var seen: Set<String> = []
            copy.choices = steps.filter { seen.insert($0).inserted }.map { Choice(id: $0, label: $0) }
        }
        if q.choicesFrom == .goalLevels {
            // The goal's own level texts, each scored -2 to +2.
            var levels: [String] = []
            if case .items(let items) = lookup.goalValue("levels", at: rounds) { levels = items }
            copy.choices = levels.enumerated().filter { !$0.element.isEmpty }.map { i, text in
                Choice(id: "level" + PlanHeadings.level(i - 2), label: text, value: i - 2)
            }
        }
        return copy
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

    /// Whether it is a question the person answers (not words shown on the way).
    var isQuestionAsked: Bool {
        if case .question(let q) = self { return q.question.type.isAsked }
        return false
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

/// A question's place in its part of the flow (`Session.progress(of:)`).
public struct Progress: Equatable, Sendable {
    /// The part's name; nil for the flow's own questions outside any round or included flow.
    public var part: String?
    public var number: Int
    public var total: Int

    public init(part: String?, number: Int, total: Int) {
        self.part = part
        self.number = number
        self.total = total
    }

    /// A part: the outermost round a question sits in (a goal), else the included flow.
    struct Unit: Equatable {
        var group: String?
        var round: Int?
        var section: String?
        init(_ round: RoundContext?, _ section: SectionContext?) {
            group = round?.groupID
            self.round = round?.index
            self.section = round == nil ? section?.flowID : nil
        }
    }
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
        if walks { return maximum > 1 ? tr("\(title) (\(index + 1) of \(maximum))") : title }
        return maximum > 1 ? tr("\(title) \(index + 1) of up to \(maximum)") : title
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
