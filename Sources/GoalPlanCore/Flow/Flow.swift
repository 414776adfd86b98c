/// A checked question flow, ready to run.
public struct Flow: Equatable, Sendable {
    /// The flow's unique id, such as `intake`.
    public let id: String
    public let title: String
    /// Text shown before the first question.
    public let intro: String?
    public let items: [FlowItem]
    /// Every question by id, and every group by id, included flows too.
    private let questionIndex: [String: Question]
    private let groupIndex: [String: QuestionGroup]

    public init(id: String, title: String, intro: String? = nil, items: [FlowItem]) {
        self.id = id
        self.title = title
        self.intro = intro
        self.items = items
        var questions: [String: Question] = [:]
        var groups: [String: QuestionGroup] = [:]
        func index(_ items: [FlowItem]) {
            for item in items {
                switch item {
                case .question(let q): questions[q.id] = questions[q.id] ?? q
                case .group(let g):
                    groups[g.id] = groups[g.id] ?? g
                    index(g.items)
                case .section(let s): index(s.items)
                }
            }
        }
        index(items)
        self.questionIndex = questions
        self.groupIndex = groups
    }

    public static func == (a: Flow, b: Flow) -> Bool {
        a.id == b.id && a.title == b.title && a.intro == b.intro && a.items == b.items
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

    public init(flowID: String, title: String, intro: String? = nil, items: [FlowItem]) {
        self.flowID = flowID
        self.title = title
        self.intro = intro
        self.items = items
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
}

/// One choice of a choice or multi question.
public struct Choice: Equatable, Sendable {
    /// What the answer stores and an answers file may use.
    public var id: String
    /// What the person reads.
    public var label: String
    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
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
