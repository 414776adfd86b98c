import GoalPlanCore

/// Everything that can stop goalplan, as data. `message` is the one place that puts them into
/// words: it names the thing in quotes and says what to do next.
enum Failure: Error, Equatable {
    case flowNotFound(id: String, searched: [String], available: [String])
    /// A part of a goal (`part: goal`) asked to run alone; `hosts` are flows that include it.
    case flowIsAPart(id: String, hosts: [String])
    case flowHasErrors(path: String, diagnostics: [Diagnostic])
    case cannotRead(path: String, reason: String)
    case tooLarge(path: String, size: Int, limit: Int)
    case outputExists(path: String)
    case exportExists(path: String)
    case cannotWrite(path: String, reason: String)
    case answersFileProblems(path: String, problems: [ScriptedAnswers.Problem])
    case scriptedAnswerInvalid(path: String, question: String, reason: String)
    case noAnswerWithoutTerminal(question: String, answersFile: String?)
    case inputEnded(question: String)
    case stoppedByPerson
    case checkFoundErrors(count: Int)
    case planUnreadable(path: String, line: Int, reason: String)
    case stoppedWithDraft(draft: String)
    case inputEndedWithDraft(question: String, draft: String)
    case noDrafts
    case planLocked(path: String)
    /// A draft bound to one person's plan, resumed where that file now holds another plan.
    case draftForAnotherPlan(path: String, expected: String, found: String)
    /// The plan changed on disk during a revisit in a way that cannot be merged.
    case planChangedMeanwhile(path: String, ours: String)
    case noSuchDraft(number: Int, count: Int)
    /// The person chose to stop at a safety pause; what to say is said where it is caught.
    case stoppedAfterPause
    /// The command has said all there is to say; exit with this status and print nothing more.
    case quietExit(Int32)
    /// A failure to be told in a language of its own (`es`): a resumed run's, in the language
    /// the run spoke rather than the one goalplan started in.
    indirect case inLanguage(String, Failure)

    /// Whether the person chose to stop: said as what happened, not as an error.
    var isChosenStop: Bool {
        switch self {
        case .stoppedByPerson, .stoppedWithDraft: true
        case .inLanguage(_, let failure): failure.isChosenStop
        default: false
        }
    }

    /// The message shown after `goalplan: error: ` (or `goalplan: ` for a chosen stop).
    var message: String {
        switch self {
        case .inLanguage(let language, let failure):
            return MessageCatalog.$current.withValue(Language.catalog(language)) { failure.message }
        case .flowNotFound(let id, let searched, let available):
            let suggestion = Suggestions.closest(to: id, in: available).map { tr(" Did you mean '\($0)'?") } ?? ""
            let places =
                searched.isEmpty
                ? "" : tr(" Looked in: \(searched.joined(separator: ", ")), and the built-in flows.")
            return tr("no flow called '\(id)'.") + suggestion + places
                + tr(" Run 'goalplan flows' to see the flows there are.")
        case .flowIsAPart(let id, let hosts):
            if hosts.isEmpty {
                return tr(
                    "'\(id)' holds the questions for one goal, so it runs inside another flow, once for each goal. Run a flow that includes it."
                )
            }
            let run = hosts.map { "'goalplan start \($0)'" }.joined(separator: tr(" or ", context: "between commands"))
            return
                tr(
                    "'\(id)' holds the questions for one goal, so it runs inside another flow, once for each goal. Run \(run)."
                )
        case .flowHasErrors(let path, let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }.count
            return diagnostics.map(\.description).joined(separator: "\n") + "\n"
                + (errors == 1
                    ? tr("'\(path)' has 1 error; fix them and try again ('goalplan check \(path)' lists them).")
                    : tr(
                        "'\(path)' has \(errors) errors; fix them and try again ('goalplan check \(path)' lists them)."))
        case .cannotRead(let path, let reason):
            return tr("cannot read '\(path)': \(reason).")
        case .tooLarge(let path, let size, let limit):
            func mib(_ n: Int) -> String {
                let tenths = (n * 10 + (1 << 19)) >> 20
                return tr("\(tenths / 10).\(tenths % 10) MiB")
            }
            return tr(
                "'\(path)' is \(mib(size)), more than the \(mib(limit)) goalplan reads, so it was not read and nothing was changed. Move older parts (such as past reviews) to another file and try again."
            )
        case .outputExists(let path):
            return tr(
                "'\(path)' already exists, and goalplan never overwrites a plan. Give another path with --out, or move that file first."
            )
        case .exportExists(let path):
            return tr("'\(path)' already exists. Add --force to replace it, or give another path with --out.")
        case .cannotWrite(let path, let reason):
            return tr("could not write '\(path)': \(reason).")
        case .answersFileProblems(let path, let problems):
            return problems.map { problem in
                let place =
                    problem.location == .unknown ? path : "\(path):\(problem.location.line):\(problem.location.column)"
                return "\(place): \(problem.message)"
            }.joined(separator: "\n")
        case .scriptedAnswerInvalid(let path, let question, let reason):
            return tr("the answer to '\(question)' in '\(path)' does not fit: \(reason)")
        case .noAnswerWithoutTerminal(let question, let file):
            if let file {
                return tr(
                    "'\(question)' needs an answer, '\(file)' has none for it, and there is no terminal to ask. Add '\(question)' to '\(file)', or run goalplan in a terminal."
                )
            }
            return tr("'\(question)' needs an answer and the input ended. Nothing was written.")
        case .inputEnded(let question):
            return tr("the input ended at '\(question)', before the flow was finished. Nothing was written.")
        case .stoppedByPerson:
            return tr("stopped. Nothing was written.")
        case .checkFoundErrors(let count):
            return count == 1 ? tr("1 error found.") : tr("\(count) errors found.")
        case .stoppedWithDraft(let draft):
            // The path on a line of its own, whole, to copy.
            return tr(
                "stopped. Your answers so far are kept in a draft:\n    \(draft)\nRun 'goalplan resume' to carry on.")
        case .inputEndedWithDraft(let question, let draft):
            return tr(
                "the input ended at '\(question)', before the flow was finished. Your answers so far are kept in a draft (\(draft)); run 'goalplan resume' to carry on."
            )
        case .planLocked(let path):
            return tr(
                "another goalplan is updating '\(path)' right now. Finish or stop that one first; nothing was changed.")
        case .draftForAnotherPlan(let path, let expected, let found):
            return tr(
                "this draft updates the plan of \(expected), but '\(path)' now holds the plan of \(found). Nothing was changed. Run 'goalplan drafts' to see your drafts, or put that plan back."
            )
        case .planChangedMeanwhile(let path, let ours):
            return tr(
                "'\(path)' was changed by something else while you answered, and its goals are no longer the ones you were asked about, so it was left as it is. Your update is in '\(ours)'; compare the two and keep what you want."
            )
        case .noDrafts:
            return tr("there are no drafts to resume. Start a flow with 'goalplan start'.")
        case .noSuchDraft(let number, let count):
            return count == 1
                ? tr("there is no draft \(number); there is 1 draft. Run 'goalplan drafts' to see them.")
                : tr("there is no draft \(number); there are \(count) drafts. Run 'goalplan drafts' to see them.")
        case .stoppedAfterPause:
            return tr("stopped after a pause. Your answers are kept; run 'goalplan resume' to carry on.")
        case .quietExit:
            return ""
        case .planUnreadable(let path, let line, let reason):
            return tr("\(path):\(line): \(reason). The plan was not changed; fix that line and try again.")
        }
    }

    /// The exit status, following sysexits.h where one fits.
    var exitCode: Int32 {
        switch self {
        case .flowNotFound: 66  // EX_NOINPUT
        case .flowIsAPart: 64  // EX_USAGE
        case .flowHasErrors, .answersFileProblems, .scriptedAnswerInvalid, .checkFoundErrors, .planUnreadable: 65  // EX_DATAERR
        case .cannotRead: 66
        case .tooLarge: 65
        case .outputExists, .exportExists: 73  // EX_CANTCREAT
        case .cannotWrite: 74  // EX_IOERR
        case .noAnswerWithoutTerminal, .inputEnded: 66
        case .stoppedByPerson, .stoppedWithDraft, .stoppedAfterPause: 130
        case .quietExit(let status): status
        case .inLanguage(_, let failure): failure.exitCode
        case .inputEndedWithDraft, .noDrafts, .noSuchDraft: 66
        case .planLocked, .planChangedMeanwhile: 75  // EX_TEMPFAIL
        case .draftForAnotherPlan: 65
        }
    }
}
