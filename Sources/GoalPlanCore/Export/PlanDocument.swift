/// The plan as a person reads it, worked out once: an ordered list of sections, each made of
/// blocks (facts, lists, checklists, tables, notes, charts). `show` (`TerminalRenderer`) and
/// the printed page (`HTMLWriter`) each lay the same blocks out in their own way, so they show
/// the same things in the same order; what a client's copy leaves out is left out here. Its
/// words are in the plan's own language, whatever the screen speaks.
public struct PlanDocument: Sendable {
    /// A label and its value: `Why it matters: I feel foggy at work`. A goal's progress is a
    /// fact too (`isProgress`): each format writes its ratings in that place in its own way.
    public struct Fact: Sendable, Equatable {
        public var label: String
        public var value: String
        public var isProgress = false
    }

    /// A rating and the day it was given, for a goal's progress; `atStart` when it was given
    /// as the goal was set, not at a review.
    public struct Point: Sendable, Equatable {
        public var date: CalendarDate
        public var value: Int
        public var atStart: Bool
    }

    /// A goal as every format shows it: its facts in order (its progress among them), its
    /// ratings, and its parts.
    public struct GoalContent: Sendable {
        public var facts: [Fact]
        public var progress: [Point]
        /// The parts that have something in them, in the order of `goalPartTitles`.
        public var parts: [Part]
    }

    /// The parts of a goal, in order. The Markdown plan writes each one's heading even when
    /// empty if a person kept something under it.
    public static var goalPartTitles: [String] {
        [
            PlanHeadings.steps, PlanHeadings.obstacles, PlanHeadings.helpers, PlanHeadings.levels, PlanHeadings.reviews,
            PlanHeadings.goalNotes,
        ]
    }

    /// A titled part of a section (a goal's steps, a part of the safety plan).
    public struct Part: Sendable {
        public var title: String
        public var body: Body
    }

    public enum Body: Sendable {
        case bullets([String])
        /// Each item and whether it is done.
        case checklist([(text: String, done: Bool)])
        /// What might get in the way, each with its plan when there is one.
        case obstacles([Obstacle])
        /// The levels of progress, -2 to +2, that have words.
        case levels([Fact])
        case reviews([Review])
        case notes([Note])
    }

    public enum Content: Sendable {
        /// Entries a person listed; `prose` when one entry reads as a paragraph.
        case list([String], prose: Bool)
        /// A goal: its facts (with its progress in their place), its ratings for a chart, and its parts.
        case goal(facts: [Fact], progress: [Point], parts: [Part])
        /// Each measure's results, oldest first.
        case measures([[MeasureResult]])
        case parts([Part])
        case notes([Note])
        /// The clinician's record, their notes among the facts (question, answer).
        case record([Fact])
        /// Text kept as the person wrote it.
        case kept(String)
    }

    public enum Kind: String, Sendable {
        case plain, goal, measures, safety, clinician, kept
    }

    public struct Section: Sendable {
        public var kind: Kind
        public var heading: String?
        public var content: Content
        /// What a chart of the section's values is called (`Progress on goal 2: Sleep by 11`).
        public var caption: String? = nil
    }

    public var title: String
    public var dates: String
    public var sections: [Section]
    /// The language the document's words are in (`es`; `en` for a plan with none): what a
    /// format lays it out in, and how a page says what language it is in.
    public var language: String

    public init(_ plan: Plan, clientCopy: Bool = false) {
        self = MessageCatalog.$current.withValue(.builtIn(plan.language)) {
            PlanDocument(inItsLanguage: plan, clientCopy: clientCopy)
        }
    }

    private init(inItsLanguage plan: Plan, clientCopy: Bool) {
        language = plan.language ?? "en"
        let plan = clientCopy ? plan.clientCopy : plan
        let h = PlanHeadings.self
        title = plan.name.map { tr("Goal plan: \($0)", context: "plan") } ?? tr("Goal plan", context: "plan")
        dates =
            tr("Started \(plan.started.longForm)", context: "plan")
            + (plan.nextReview.map { " · " + tr("Next review \($0.longForm)", context: "plan") } ?? "")
        var sections: [Section] = []
        func kept(_ extras: [RawSection]) {
            for extra in extras {
                var body = extra.body
                while body.last?.trimmingSpaces.isEmpty == true { body.removeLast() }
                while body.first?.trimmingSpaces.isEmpty == true { body.removeFirst() }
                sections.append(
                    Section(kind: .kept, heading: extra.heading, content: .kept(body.joined(separator: "\n"))))
            }
        }
        kept(plan.extras(in: ""))
        for (heading, entries, prose) in Self.lists(of: plan) {
            if !entries.isEmpty {
                sections.append(Section(kind: .plain, heading: heading, content: .list(entries, prose: prose)))
            }
            kept(plan.extras(in: heading))
        }
        for (i, goal) in plan.goals.enumerated() {
            let title =
                goal.title.isEmpty
                ? tr("Goal \(i + 1)", context: "plan") : tr("Goal \(i + 1): \(goal.title)", context: "plan")
            let content = Self.goal(goal)
            let caption =
                goal.title.isEmpty
                ? tr("Progress on goal \(i + 1)", context: "plan")
                : tr("Progress on goal \(i + 1): \(goal.title)", context: "plan")
            sections.append(
                Section(
                    kind: .goal, heading: title,
                    content: .goal(facts: content.facts, progress: content.progress, parts: content.parts),
                    caption: caption))
            kept(plan.extras(in: "Goal \(i + 1)"))
        }
        if !plan.measures.isEmpty {
            sections.append(
                Section(
                    kind: .measures, heading: h.measures, content: .measures(MeasureResult.byMeasure(plan.measures))))
        }
        kept(plan.extras(in: h.measures))
        if let safety = plan.safetyPlan, !safety.isEmpty {
            let parts = PlanHeadings.safetySections(safety).filter { !$0.1.isEmpty }.map {
                Part(title: $0.0, body: .bullets($0.1))
            }
            sections.append(Section(kind: .safety, heading: h.safetyPlan, content: .parts(parts)))
        }
        kept(plan.extras(in: h.safetyPlan))
        if !plan.notes.isEmpty {
            sections.append(Section(kind: .plain, heading: h.notes, content: .notes(plan.notes)))
        }
        kept(plan.extras(in: h.notes))
        if let c = plan.clinician, !c.isEmpty {
            sections.append(Section(kind: .clinician, heading: h.clinician, content: .record(Self.record(of: c))))
        }
        kept(plan.extras(in: h.clinician) + plan.extrasElsewhere)
        self.sections = sections
    }

    /// The lists a plan opens with, in order, each with whether a single entry reads as prose
    /// (hopes are usually a few sentences). Empty ones too: the Markdown plan keeps a person's
    /// own text under their headings.
    public static func lists(of plan: Plan) -> [(title: String, entries: [String], prose: Bool)] {
        let h = PlanHeadings.self
        return [
            (h.concerns, plan.concerns, false), (h.hopes, plan.hopes, true), (h.strengths, plan.strengths, false),
            (h.supports, plan.supports, false), (h.values, plan.values, true),
            (h.expectations, plan.expectations, true),
        ]
    }

    /// The clinician's record as facts: the approach, interventions, safety check-ins, then
    /// each note as its question and answer.
    public static func record(of c: ClinicianNotes) -> [Fact] {
        let h = PlanHeadings.self
        var facts: [Fact] = []
        if let a = c.approach { facts.append(Fact(label: h.approach, value: a)) }
        if let i = c.interventions { facts.append(Fact(label: h.interventions, value: i)) }
        for checkIn in c.checkIns { facts.append(Fact(label: h.checkIn, value: PlanHeadings.describe(checkIn))) }
        for note in c.notes {
            facts.append(
                Fact(
                    label: note.question.isEmpty ? tr("Note", context: "plan") : note.question, value: note.answer.text)
            )
        }
        return facts
    }

    /// A goal's facts in the order the Markdown plan gives them, its ratings, and its parts.
    public static func goal(_ goal: Goal) -> GoalContent {
        let h = PlanHeadings.self
        var facts: [Fact] = []
        func add(_ label: String, _ value: String?) {
            if let value { facts.append(Fact(label: label, value: value)) }
        }
        add(h.area, goal.area)
        add(h.why, goal.why)
        add(h.measure, goal.measure)
        add(h.importance, goal.importance.map(String.init))
        add(h.confidence, goal.confidence.map(String.init))
        let progress =
            goal.ratings.map { Point(date: $0.date, value: $0.value, atStart: true) }
            + goal.reviews.compactMap { r in r.rating.map { Point(date: r.date, value: $0, atStart: false) } }
        if !progress.isEmpty { facts.append(Fact(label: h.progress, value: "", isProgress: true)) }
        add(h.firstStep, goal.firstStep)
        add(h.levelAtStart, goal.levelAtStart.map(PlanHeadings.level))
        add(h.reached, goal.reached?.longForm)
        add(h.onHold, goal.onHold?.longForm)
        add(h.letGo, goal.letGo?.longForm)
        for earlier in goal.earlierTitles {
            add(h.earlierTitle, tr("\(earlier.text), until \(earlier.until.longForm)", context: "plan"))
        }
        var parts: [Part] = []
        if !goal.steps.isEmpty {
            parts.append(Part(title: h.steps, body: .checklist(goal.steps.map { ($0.text, $0.done) })))
        }
        if !goal.obstacles.isEmpty { parts.append(Part(title: h.obstacles, body: .obstacles(goal.obstacles))) }
        if !goal.helpers.isEmpty { parts.append(Part(title: h.helpers, body: .bullets(goal.helpers))) }
        let levels = zip(PlanHeadings.levelLabels, goal.levels).filter { !$0.1.isEmpty }
        if !levels.isEmpty {
            parts.append(Part(title: h.levels, body: .levels(levels.map { Fact(label: $0.0, value: $0.1) })))
        }
        if !goal.reviews.isEmpty { parts.append(Part(title: h.reviews, body: .reviews(goal.reviews))) }
        if !goal.notes.isEmpty { parts.append(Part(title: h.goalNotes, body: .notes(goal.notes))) }
        return GoalContent(facts: facts, progress: progress, parts: parts)
    }
}
