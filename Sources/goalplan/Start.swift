import ArgumentParser
import GoalPlanCore
import LineEditing

struct Start: GoalPlanCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "start",
            abstract: tr("Answer a flow's questions and write your goal plan."),
            discussion: tr(
                """
                Asks one question at a time. Line editing works as in a shell: arrow keys, Ctrl-A \
                and Ctrl-E, Up for an earlier answer, Ctrl-R to search them (vi keys with \
                'bind -v' in ~/.editrc). At any prompt: :help for guidance, :back for the previous \
                question, :skip to pass over an optional one, :review to see and change your \
                answers, :quit to stop. Ctrl-C clears the line, or on an empty line asks to stop.

                The plan is written when the last question is answered, to --out or to \
                goal-plan-YYYY-MM-DD.md in this folder, readable only by you. An existing file is \
                never overwritten. With --plan, the flow adds to an existing plan instead (as \
                'goalplan revisit' does), keeping the earlier version beside it.

                With --answers, answers come from a YAML file (question id: answer; a list for \
                list and multi questions; a list of mappings for a repeating group). Questions the \
                file leaves out are asked, or skipped when there is no terminal.
                """)
        )
    }

    @Argument(help: ArgumentHelp(tr("The flow to run (see 'goalplan flows').")))
    var flow: String = "intake"

    @OptionGroup var run: RunOptions

    @Flag(help: ArgumentHelp(tr("Print the flow as an outline to review on paper, and ask nothing.")))
    var dryRun = false

    @Option(help: ArgumentHelp(tr("Add to this existing plan instead of starting a new one."), valueName: "plan.md"))
    var plan: String?

    func validate() throws { try run.validate() }

    func execute() throws(Failure) {
        if dryRun {
            say(1, FlowOutline.render(try run.lookup.catalog().flow(flow)))
            return
        }
        try run.execute(flowID: flow, updating: plan)
    }
}

struct Revisit: GoalPlanCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "revisit",
            abstract: tr("Look back at a plan's goals, rate them again, and update the plan."),
            discussion: tr(
                """
                Reads PLAN.md (with any changes you made in an editor: ticked steps, new or \
                reworded steps), asks how each goal is going, and adds a row to each goal's \
                review table. The earlier version is kept beside it as \
                PLAN.before-YYYY-MM-DD.md, and PLAN.md is replaced as a whole.
                """)
        )
    }

    @Argument(
        help: ArgumentHelp(tr("The plan to revisit."), valueName: "plan.md"), completion: .file(extensions: ["md"]))
    var plan: String

    @OptionGroup var run: RunOptions

    func validate() throws { try run.validate() }

    func execute() throws(Failure) {
        try run.execute(flowID: "revisit", updating: plan)
    }
}

/// What starting and revisiting share: where the plan goes, answers from a file, the date,
/// who is using it, and where flows are found.
struct RunOptions: ParsableArguments {
    @Option(
        name: .shortAndLong, help: ArgumentHelp(tr("Where to write the plan."), valueName: "path"),
        completion: .file(extensions: ["md"]))
    var out: String?

    @Option(
        help: ArgumentHelp(tr("A YAML file of answers to use instead of asking."), valueName: "file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var answers: String?

    @Option(help: ArgumentHelp(tr("The date of this session, YYYY-MM-DD (default: today)."), valueName: "date"))
    var date: String?

    @Option(
        help: ArgumentHelp(
            tr(
                "self: on your own (the default). facilitated: a therapist and client together, with notes for the therapist."
            ),
            valueName: "mode"))
    var mode: ModeOption = .self

    enum ModeOption: String, ExpressibleByArgument, CaseIterable {
        case `self`, facilitated
        var flowMode: FlowMode { self == .facilitated ? .facilitated : .self }
    }

    @Flag(help: ArgumentHelp(tr("Keep no draft: nothing is written but the finished plan.")))
    var noSave = false

    @OptionGroup var where_: RegionOption

    @OptionGroup var screen: PlainOption

    @OptionGroup var lookup: FlowLookupOptions

    func validate() throws {
        if let date, CalendarDate(iso: date) == nil {
            throw ValidationError(tr("'\(date)' is not a date like 2026-11-27."))
        }
        try where_.validate()
    }

    /// Runs `flowID` on this terminal, as the options ask (`FlowRun.onThisTerminal` does the
    /// process-wide set-up: the umask, the terminal, interrupts).
    func execute(
        flowID: String, updating planPath: String?, resuming resumed: (path: String, draft: Draft)? = nil
    ) throws(Failure) {
        let request = FlowRun.Request(
            flowID: flowID, planPath: planPath, out: out, answersPath: answers,
            date: date.flatMap(CalendarDate.init(iso:)), mode: mode.flowMode, resumed: resumed)
        var flows = try lookup.catalog()
        // A plan being updated is asked about in its own language (whatever the locale), unless
        // --lang or GOALPLAN_LANG chose one: the answers go into a plan written in it.
        if let planPath, !Language.chosen(option: lookup.lang), let text = try? Files.read(planPath) {
            flows.language = MarkdownReader.language(of: String(decoding: text, as: UTF8.self))
        }
        let run = FlowRun.onThisTerminal(catalog: flows, region: where_, keepsDrafts: !noSave, plain: screen.plain)
        try Language.speaking(flows.language ?? "en") { () throws(Failure) in try run.run(request) }
    }
}

/// Where the plan goes: the path asked for, which must not exist, or the first free
/// `goal-plan-YYYY-MM-DD[-N].md` in the current folder.
struct PlanTarget {
    let explicit: String?
    let today: CalendarDate

    /// Checks before any question is asked that the plan can be written where asked.
    init(explicit: String?, today: CalendarDate) throws(Failure) {
        self.explicit = explicit
        self.today = today
        guard let explicit else { return }
        if Files.exists(explicit) { throw .outputExists(path: explicit) }
        let folder = Files.parent(of: explicit)
        guard Files.isDirectory(folder) else {
            throw .cannotWrite(path: explicit, reason: tr("the folder '\(folder)' does not exist"))
        }
        guard access(folder, W_OK) == 0 else {
            throw .cannotWrite(path: explicit, reason: Files.reason(errno))
        }
    }

    /// The default names to try, in order.
    func candidates() -> [String] {
        if let explicit { return [explicit] }
        let base = "goal-plan-\(today.iso)"
        return ["\(base).md"] + (2...99).map { "\(base)-\($0).md" }
    }

    /// Writes the plan; if it cannot be written, shows it so nothing typed is lost.
    func write(_ markdown: String, console: Console) throws(Failure) -> String {
        var lastFailure = Failure.cannotWrite(path: candidates()[0], reason: tr("no free file name"))
        for path in candidates() where !Files.exists(path) {
            do {
                try Files.createNew(path, contents: markdown)
                return path
            } catch {
                lastFailure = error
                if case .outputExists = error, explicit == nil { continue }
                break
            }
        }
        Self.showInFull(markdown, console: console)
        throw lastFailure
    }

    /// Writes bytes beside a plan as `NAME.WHAT-YYYY-MM-DD[-N].md` (`before` for the version
    /// an update replaced, `revisit` for an update that could not be merged), never replacing
    /// a file. Returns its path.
    static func keepBeside(_ path: String, as what: String, bytes: [UInt8], today: CalendarDate) throws(Failure)
        -> String
    {
        let stem = path.hasSuffix(".md") ? String(path.dropLast(3)) : path
        let text = String(decoding: bytes, as: UTF8.self)
        for n in 1...99 {
            let copy = "\(stem).\(what)-\(today.iso)\(n == 1 ? "" : "-\(n)").md"
            if Files.exists(copy) { continue }
            do {
                try Files.createNew(copy, contents: text)
                return copy
            } catch {
                if case .outputExists = error { continue }
                throw error
            }
        }
        throw .cannotWrite(path: path, reason: tr("no free name for the \(what) copy"))
    }

    /// Replaces a plan with its updated text; if that fails, shows the text in full.
    static func replace(_ path: String, with markdown: String, console: Console) throws(Failure) {
        do {
            try Files.replace(path, contents: markdown)
        } catch {
            showInFull(markdown, console: console)
            throw error
        }
    }

    static func showInFull(_ markdown: String, console: Console) {
        console.line()
        console.line(tr("The plan could not be saved, so here it is in full. Copy it somewhere safe:"))
        console.line()
        console.write(markdown)
    }
}
