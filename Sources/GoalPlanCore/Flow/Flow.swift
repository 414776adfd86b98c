/// A checked question flow, ready to run.
public struct Flow: Equatable, Sendable {
    /// The flow's unique id, such as `intake`.
    public let id: String
    public let title: String
    /// Text shown before the first question.
    public let intro: String?
    public let items: [FlowItem]
    /// What the flow measures, when it is a questionnaire with a score (`measure:`).
    public let measure: Measure?
    /// Set when the flow is a part of something larger (`part: goal`: the questions for one
    /// goal), to be included there and not started alone.
    public let part: FlowPart?
    /// The language and region its words are written for (`locale: en-US`): one spelling throughout.
    public let locale: String?
    /// Every question by id, and every group by id, included flows too.
    private let questionIndex: [String: Question]
    private let groupIndex: [String: QuestionGroup]
    /// The group each question is asked in once a round, by question id.
    private let groupOfQuestion: [String: String]

    public init(
        id: String, title: String, intro: String? = nil, items: [FlowItem], measure: Measure? = nil,
        part: FlowPart? = nil, locale: String? = nil
    ) {
        self.locale = locale
        self.id = id
        self.title = title
        self.intro = intro
        self.items = items
        self.measure = measure
        self.part = part
        var questions: [String: Question] = [:]
        var groups: [String: QuestionGroup] = [:]
        var owners: [String: String] = [:]
        func index(_ items: [FlowItem], in group: String?) {
            for item in items {
                switch item {
                case .question(let q):
                    questions[q.id] = questions[q.id] ?? q
                    if let group { owners[q.id] = owners[q.id] ?? group }
                case .group(let g):
                    groups[g.id] = groups[g.id] ?? g
                    index(g.items, in: g.id)
                case .section(let s): index(s.items, in: group)
                }
            }
        }
        index(items, in: nil)
        self.questionIndex = questions
        self.groupIndex = groups
        self.groupOfQuestion = owners
    }

    public static func == (a: Flow, b: Flow) -> Bool {
        a.id == b.id && a.title == b.title && a.intro == b.intro && a.items == b.items && a.measure == b.measure
            && a.part == b.part && a.locale == b.locale
    }

    /// Every question in the flow, groups and included flows too, in order.
    public var allQuestions: [Question] {
        items.flatMap(\.allQuestions)
    }

    /// The question with this id, wherever it is.
    public func question(id: String) -> Question? {
        questionIndex[id]
    }

    /// The group with this id, wherever it is.
    public func group(id: String) -> QuestionGroup? {
        groupIndex[id]
    }

    /// The id of the group a question is asked in (nearest), if any.
    public func groupID(ofQuestion id: String) -> String? {
        groupOfQuestion[id]
    }
}

/// What a flow that cannot run alone is a part of.
public enum FlowPart: String, Equatable, Sendable {
    /// The questions for one goal: included inside a goal group (`into: goals`) or a group
    /// that walks the goals (`for_each`), once a goal.
    case goal
}

/// One entry in a flow: a question, a group of questions that may repeat, or another flow
/// included in this one.
public enum FlowItem: Equatable, Sendable {
    case question(Question)
    case group(QuestionGroup)
    case section(FlowSection)

    var allQuestions: [Question] {
        switch self {
        case .question(let q): [q]
        case .group(let g): g.items.flatMap(\.allQuestions)
        case .section(let s): s.items.flatMap(\.allQuestions)
        }
    }
}

/// Another flow run inside this one (`include:`), sharing its answers.
public struct FlowSection: Equatable, Sendable {
    public var flowID: String
    public var title: String
    public var intro: String?
    public var items: [FlowItem]
    /// What the included flow measures, if it is a measure.
    public var measure: Measure?
    /// Set for a part of a goal: its questions read as the goal's own, under no heading of their own.
    public var part: FlowPart?

    public init(
        flowID: String, title: String, intro: String? = nil, items: [FlowItem], measure: Measure? = nil,
        part: FlowPart? = nil
    ) {
        self.flowID = flowID
        self.title = title
        self.intro = intro
        self.items = items
        self.measure = measure
        self.part = part
    }
}

/// A questionnaire with a score, such as the PHQ-9: its name, its code, which computed items
/// are its score and band, which questions are its items, and which item, scored above a
/// threshold, opens the safety pause.
public struct Measure: Equatable, Sendable {
    /// The id of the flow that is the measure (`phq9`).
    public var id: String
    public var name: String
    /// A code for records systems, such as a LOINC code.
    public var code: String?
    /// The computed item that is the score.
    public var score: String
    /// The computed item that puts the score into words (its band), if any.
    public var band: String?
    /// The questions whose scores are kept with the result, in order.
    public var items: [String]
    /// The highest score possible, when it can be told.
    public var maximum: Double?
    public var safetyItem: String?
    public var safetyAbove: Int?

    public init(
        id: String, name: String, code: String? = nil, score: String, band: String? = nil, items: [String] = [],
        maximum: Double? = nil, safetyItem: String? = nil, safetyAbove: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.code = code
        self.score = score
        self.band = band
        self.items = items
        self.maximum = maximum
        self.safetyItem = safetyItem
        self.safetyAbove = safetyAbove
    }
}

/// Where a thing was written in a flow file, for messages.
public struct SourceLocation: Hashable, Sendable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static let unknown = SourceLocation(line: 0, column: 0)
}

/// One question.
public struct Question: Equatable, Sendable {
    public var id: String
    public var ask: String
    public var type: QuestionType
    public var help: String?
    public var required: Bool
    /// The answer Enter accepts, written as a person would type it.
    public var defaultValue: String?
    public var choices: [Choice]
    /// Scale bounds; item counts for list and multi; length for text.
    public var min: Int?
    public var max: Int?
    /// Words shown at the ends of a scale, such as "No progress yet".
    public var minLabel: String?
    public var maxLabel: String?
    public var into: PlanField?
    /// Asked only when this is true of earlier answers.
    public var when: Condition?
    /// A regular expression every line of a text answer (or every list item) must match.
    public var pattern: String?
    /// The flow author's words when `pattern`, `min` or `max` is not met.
    public var message: String?
    /// A hint for the therapist, shown under the question in facilitated mode only.
    public var note: String?
    /// Asked only in this mode; in both when nil.
    public var mode: FlowMode?
    /// Where the choices come from at run time instead of `choices` (`goal.steps`).
    public var choicesFrom: PlanField?
    /// A computed item's expression (`compute:`); its `ask` is the label the plan shows it by.
    public var compute: Expression?
    /// A computed item's score ranges to words: with them, its value is the words.
    public var bands: [Band] = []
    /// What a computed item holds: a number, a date, or words (from bands).
    public var kind: ValueKind?
    /// A measure's safety item: an answer scored above this opens the safety pause.
    public var safetyAbove: Int?
    /// False for a question that only steers the flow: its answer is not written in the plan.
    public var record = true
    /// The answer's name in the plan (`label:`), in place of the question: "Risk discussed".
    /// A computed item without one (and without `into`) is not written.
    public var label: String?
    public var location: SourceLocation

    public init(
        id: String, ask: String, type: QuestionType = .text, help: String? = nil,
        required: Bool = false, defaultValue: String? = nil, choices: [Choice] = [],
        min: Int? = nil, max: Int? = nil, minLabel: String? = nil, maxLabel: String? = nil,
        into: PlanField? = nil, when: Condition? = nil, pattern: String? = nil, message: String? = nil,
        note: String? = nil, mode: FlowMode? = nil, choicesFrom: PlanField? = nil, location: SourceLocation = .unknown
    ) {
        self.note = note
        self.mode = mode
        self.choicesFrom = choicesFrom
        self.when = when
        self.pattern = pattern
        self.message = message
        self.id = id
        self.ask = ask
        self.type = type
        self.help = help
        self.required = required
        self.defaultValue = defaultValue
        self.choices = choices
        self.min = min
        self.max = max
        self.minLabel = minLabel
        self.maxLabel = maxLabel
        self.into = into
        self.location = location
    }

    /// The bounds of a scale question, 0 to 10 unless the flow says otherwise.
    public var scaleBounds: ClosedRange<Int> {
        let low = min ?? 0
        let high = max ?? 10
        return low <= high ? low...high : high...low
    }

    /// The number a choice scores: its own number, or for a choice made at run time from a
    /// goal's levels (`level-1`, `level0`, `level+2`), its level.
    public func score(ofChoice id: String) -> Int? {
        if let n = choices.first(where: { $0.id == id })?.number { return n }
        guard choicesFrom == .goalLevels, id.hasPrefix("level") else { return nil }
        return PlanHeadings.level(from: String(id.dropFirst("level".count)))
    }

    /// The whole number an answer to this question scores: a scale's, or a choice's.
    public func score(of value: AnswerValue) -> Int? {
        switch value {
        case .number(let n): n
        case .choice(let id): score(ofChoice: id)
        default: nil
        }
    }

    /// The label for a choice id, or the id itself if there is none.
    public func label(forChoice id: String) -> String {
        choices.first { $0.id == id }?.label ?? id
    }
}

/// The kinds of question a flow can ask.
public enum QuestionType: String, CaseIterable, Sendable {
    /// One line of text.
    case text
    /// Several lines, ended by a line holding only ".".
    case long
    /// One of a list of choices.
    case choice
    /// Any number of a list of choices.
    case multi
    /// A whole number between two bounds, 0 to 10 by default.
    case scale
    /// Yes or no.
    case yesno
    /// Items one a line, ended by an empty line.
    case list
    /// A calendar date.
    case date
    /// Not asked: worked out from earlier answers (`compute:`).
    case computed
    /// Not asked: text shown on the way (`show:`).
    case display

    /// The types a flow names with `type:`.
    public static let writable: [QuestionType] = [.text, .long, .choice, .multi, .scale, .yesno, .list, .date]

    /// Whether the person is asked it.
    public var isAsked: Bool { self != .computed && self != .display }
}

/// One choice of a choice or multi question.
public struct Choice: Equatable, Sendable {
    /// What the answer stores and an answers file may use.
    public var id: String
    /// What the person reads.
    public var label: String
    /// The score it stands for (`value:`), as in a questionnaire's 0-3.
    public var value: Int?
    public init(id: String, label: String, value: Int? = nil) {
        self.id = id
        self.label = label
        self.value = value
    }

    /// The number a person types to pick it, when it has one of its own: its `value`, or the
    /// number its label starts with ("0", "2 More than half the days").
    public var number: Int? {
        if let value { return value }
        let digits = label.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 6 else { return nil }
        let rest = label.dropFirst(digits.count)
        guard
            rest.isEmpty || rest.first == " " || rest.first == "." || rest.first == ")" || rest.first == "-"
                || rest.first == ":"
        else { return nil }
        return Int(digits)
    }
}

extension [Choice] {
    /// Whether every choice has a number of its own, so a typed number names a choice by it,
    /// never by its place in the list.
    public var allNumbered: Bool { !isEmpty && allSatisfy { $0.number != nil } }
}

/// Questions asked together, once or as a repeat (for example, once for each goal).
public struct QuestionGroup: Equatable, Sendable {
    public var id: String
    /// A short name for one item, such as "Goal"; shown as "Goal 2".
    public var title: String?
    public var intro: String?
    public var items: [FlowItem]
    public var repeatRule: RepeatRule?
    /// The id of an earlier group to walk: one round for each of its rounds.
    public var forEach: String?
    public var into: GroupField?
    /// Asked only when this is true of earlier answers.
    public var when: Condition?
    /// Asked only in this mode; in both when nil.
    public var mode: FlowMode?
    public var location: SourceLocation

    public init(
        id: String, title: String? = nil, intro: String? = nil, items: [FlowItem],
        repeatRule: RepeatRule? = nil, forEach: String? = nil, into: GroupField? = nil, when: Condition? = nil,
        mode: FlowMode? = nil, location: SourceLocation = .unknown
    ) {
        self.mode = mode
        self.forEach = forEach
        self.when = when
        self.id = id
        self.title = title
        self.intro = intro
        self.items = items
        self.repeatRule = repeatRule
        self.into = into
        self.location = location
    }

    /// How many times the group may be filled in: 1...1 unless it repeats.
    public var bounds: ClosedRange<Int> {
        guard let rule = repeatRule else { return 1...1 }
        return rule.min...rule.max
    }
}

/// How often a group repeats, and what to ask before another round.
public struct RepeatRule: Equatable, Sendable {
    public var min: Int
    public var max: Int
    /// Asked after each round while more are allowed, such as "Add another goal?".
    public var more: String
    /// Asked before the first round when none are required; `more` when absent.
    public var first: String?

    public init(min: Int, max: Int, more: String, first: String? = nil) {
        self.min = min
        self.max = max
        self.more = more
        self.first = first
    }
}
