#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A run saved after every accepted answer, so that nothing typed is lost: which flow, how it
/// was started, and the answers so far.
///
/// Stored as JSON lines (version 2): the first line is the whole draft; each later line adds
/// one answer given in order (`{"set":...}`), so saving after an answer costs the same for the
/// thousandth question as for the first. A file of version 1 (one JSON object) is still read.
public struct Draft: Codable, Equatable, Sendable {
    public var version = 2
    public var flowID: String
    public var mode: String
    /// The session's date, `YYYY-MM-DD`.
    public var date: String
    /// Where the plan is to go (`--out`), if it was given.
    public var out: String?
    /// The plan being updated (`revisit`, `--plan`), if any: its absolute path, links followed.
    public var plan: String?
    /// Whose plan that is, `Sam, started 2026-11-27`, so that a draft is never put into
    /// another person's plan.
    public var planOwner: String?
    /// When the draft was last saved, as the person's clock read it.
    public var savedAt: String
    /// How many questions have answers.
    public var answered: Int
    public var answers: Answers
    /// A safety plan made or updated during the run (from a pause or :crisis), as it now stands.
    public var safetyPlan: SafetyPlan?
    /// Safety check-ins during a facilitated run, for the clinician's part of the plan.
    public var checkIns: [SafetyCheckIn]?
    /// The language the run spoke (`en`, `es`), so that it goes on in it; nil in a draft
    /// saved before goalplan spoke more than English.
    public var language: String?

    public init(
        flowID: String, mode: FlowMode, date: CalendarDate, out: String?, plan: String?, savedAt: String,
        answers: Answers, safetyPlan: SafetyPlan? = nil, checkIns: [SafetyCheckIn] = []
    ) {
        self.safetyPlan = safetyPlan
        self.checkIns = checkIns.isEmpty ? nil : checkIns
        self.flowID = flowID
        self.mode = mode.rawValue
        self.date = date.iso
        self.out = out
        self.plan = plan
        self.savedAt = savedAt
        self.answers = answers
        self.answered = Self.count(answers)
        self.language = MessageCatalog.current.language
    }

    /// How a draft names the plan it updates.
    public static func owner(of plan: Plan) -> String {
        let name = plan.name.map { $0.isEmpty ? "someone unnamed" : $0 } ?? "someone unnamed"
        return "\(name), started \(plan.started.iso)"
    }

    static func count(_ answers: Answers) -> Int {
        answers.values.count + answers.groups.values.flatMap(\.rounds).map(count).reduce(0, +)
    }

    /// The whole draft as its first line.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? "{}\n"
    }

    /// One answer given after the last whole save, as a line to append.
    public struct Added: Codable, Equatable, Sendable {
        public var set: AnswerPath
        public var value: AnswerValue
        public var savedAt: String
        public init(set: AnswerPath, value: AnswerValue, savedAt: String) {
            self.set = set
            self.value = value
            self.savedAt = savedAt
        }

        public func encoded() -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? ""
        }
    }

    /// Reads a draft, or nil when the bytes are not one this version of goalplan wrote. A last
    /// line cut short (the process killed mid-write) is left out.
    public static func decode(_ bytes: [UInt8]) -> Draft? {
        let decoder = JSONDecoder()
        if let whole = try? decoder.decode(Draft.self, from: Data(bytes)) {
            return whole.version <= 2 ? whole : nil
        }
        let lines = bytes.split(separator: UInt8(ascii: "\n"))
        guard let first = lines.first, var draft = try? decoder.decode(Draft.self, from: Data(first)),
            draft.version == 2
        else { return nil }
        for line in lines.dropFirst() {
            guard let added = try? decoder.decode(Added.self, from: Data(line)) else { continue }
            draft.answers.set(added.value, at: added.set)
            draft.savedAt = added.savedAt
        }
        draft.answered = count(draft.answers)
        return draft
    }
}

extension CalendarDate: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
