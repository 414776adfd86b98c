#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The plan as JSON for other tools and records systems: schema `goalplan.plan`, version 1
/// (documented in README.md). Keys are sorted and absent values left out, so the same plan
/// always gives the same bytes.
public enum PlanJSON {
    public static let version = 1

    public static func encode(_ plan: Plan, clientCopy: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(clientCopy ? plan.clientCopy : plan)
        return (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? "{}\n"
    }

    struct Document: Encodable {
        var schema = "goalplan.plan"
        var version = PlanJSON.version
        /// The language the plan's headings, labels and dates are in (`es`; `en` for English).
        var language: String
        var name: String?
        var started: String
        var nextReview: String?
        var concerns: [String]
        var hopes: [String]
        var strengths: [String]
        var supports: [String]
        var values: [String]
        var expectations: [String]
        var goals: [GoalDocument]
        var safetyPlan: SafetyDocument?
        var clinician: ClinicianDocument?
        var notes: [NoteDocument]
        var extraSections: [ExtraDocument]
        var measures: [MeasureDocument]

        init(_ plan: Plan) {
            measures = plan.measures.map(MeasureDocument.init)
            language = plan.language ?? "en"
            name = plan.name
            started = plan.started.iso
            nextReview = plan.nextReview?.iso
            concerns = plan.concerns
            hopes = plan.hopes
            strengths = plan.strengths
            supports = plan.supports
            values = plan.values
            expectations = plan.expectations
            goals = plan.goals.map(GoalDocument.init)
            safetyPlan = plan.safetyPlan.flatMap { $0.isEmpty ? nil : SafetyDocument($0) }
            clinician = plan.clinician.map(ClinicianDocument.init)
            notes = plan.notes.map(NoteDocument.init)
            extraSections = plan.extraSections.map {
                ExtraDocument(
                    heading: $0.heading, markdown: $0.body.joined(separator: "\n"),
                    section: $0.place.section.isEmpty ? nil : $0.place.section, part: $0.place.part)
            }
        }
    }

    struct GoalDocument: Encodable {
        var title: String
        var area, why, measure, firstStep: String?
        var importance, confidence: Int?
        var ratings: [RatingDocument]
        var steps: [StepDocument]
        var obstacles: [ObstacleDocument]
        var helpers: [String]
        var levels: [String]
        var reviews: [ReviewDocument]
        var notes: [NoteDocument]
        var levelAtStart: Int?
        var reached: String?
        var onHold: String?
        var letGo: String?
        var earlierTitles: [EarlierTitleDocument]?

        init(_ g: Goal) {
            levelAtStart = g.levelAtStart
            reached = g.reached?.iso
            onHold = g.onHold?.iso
            letGo = g.letGo?.iso
            earlierTitles =
                g.earlierTitles.isEmpty
                ? nil : g.earlierTitles.map { EarlierTitleDocument(text: $0.text, until: $0.until.iso) }
            title = g.title
            area = g.area
            why = g.why
            measure = g.measure
            firstStep = g.firstStep
            importance = g.importance
            confidence = g.confidence
            ratings = g.ratings.map { RatingDocument(date: $0.date.iso, value: $0.value) }
            steps = g.steps.map { StepDocument(text: $0.text, done: $0.done) }
            obstacles = g.obstacles.map { ObstacleDocument(what: $0.what, plan: $0.plan) }
            helpers = g.helpers
            levels = g.levels
            reviews = g.reviews.map {
                ReviewDocument(
                    date: $0.date.iso, rating: $0.rating, helped: $0.helped, hindered: $0.hindered,
                    decision: $0.decision,
                    reason: $0.reason, level: $0.level, confidence: $0.confidence)
            }
            notes = g.notes.map(NoteDocument.init)
        }
    }

    struct RatingDocument: Encodable {
        var date: String
        var value: Int
    }

    struct StepDocument: Encodable {
        var text: String
        var done: Bool
    }

    struct ObstacleDocument: Encodable {
        var what: String
        var plan: String?
    }

    struct ReviewDocument: Encodable {
        var date: String
        var rating: Int?
        var helped, hindered, decision, reason: String?
        var level, confidence: Int?
    }

    struct EarlierTitleDocument: Encodable {
        var text: String
        var until: String
    }

    /// One administration of a measure: `score` (a number), and what else is known.
    struct MeasureDocument: Encodable {
        var id: String
        var name: String
        var date: String
        var score: Double
        var maximum: Double?
        var band: String?
        var code: String?
        var items: [Int?]?

        init(_ m: MeasureResult) {
            id = m.id
            name = m.name
            date = m.date.iso
            score = m.score
            maximum = m.maximum
            band = m.band
            code = m.code
            items = m.items.isEmpty ? nil : m.items
        }
    }

    struct SafetyDocument: Encodable {
        var warningSigns, copingAlone, distractions, people, professionals, saferSurroundings,
            reasonsForLiving: [String]
        init(_ s: SafetyPlan) {
            warningSigns = s.warningSigns
            copingAlone = s.copingAlone
            distractions = s.distractions
            people = s.people
            professionals = s.professionals
            saferSurroundings = s.saferSurroundings
            reasonsForLiving = s.reasonsForLiving
        }
    }

    struct ClinicianDocument: Encodable {
        var approach, interventions: String?
        var checkIns: [CheckInDocument]?
        var notes: [NoteDocument]?
        init(_ c: ClinicianNotes) {
            approach = c.approach
            interventions = c.interventions
            checkIns = c.checkIns.isEmpty ? nil : c.checkIns.map(CheckInDocument.init)
            notes = c.notes.isEmpty ? nil : c.notes.map(NoteDocument.init)
        }
    }

    /// A safety check-in: its date, the kinds of crisis (`method`, `others`, `harmed`,
    /// `suicide`, `hopeless`) and what the client chose.
    struct CheckInDocument: Encodable {
        var date: String
        var categories: [String]
        var outcome: String
        init(_ c: SafetyCheckIn) {
            date = c.date.iso
            categories = c.categories.map(\.rawValue)
            outcome = c.outcome.rawValue
        }
    }

    /// A question and its answer: `answer` is text, or `items` a list.
    struct NoteDocument: Encodable {
        var question: String
        var answer: String?
        var items: [String]?
        /// The question's id in its flow, when the plan knows it.
        var id: String?
        init(_ n: Note) {
            question = n.question
            id = n.questionID
            switch n.answer {
            case .text(let t): answer = t
            case .items(let i): items = i
            }
        }
    }

    /// A section a person added (with a heading), or blocks kept as written (without one), and
    /// the section (and part) they were found in or after; no section means the top.
    struct ExtraDocument: Encodable {
        var heading: String?
        var markdown: String
        var section: String?
        var part: String?
    }
}
