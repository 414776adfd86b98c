import ArgumentParser
import GoalPlanCore
import LineEditing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Start: GoalPlanCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer a flow's questions and write your goal plan.",
        discussion: """
            Asks one question at a time. Line editing works as in a shell: arrow keys, Ctrl-A \
            and Ctrl-E, Up for an earlier answer, Ctrl-R to search them (vi keys with \
            'bind -v' in ~/.editrc). Type :help at any prompt for guidance, :quit to stop.

            The plan is written when the last question is answered, to --out or to \
            goal-plan-YYYY-MM-DD.md in this folder, readable only by you. An existing file is \
            never overwritten.

            With --answers, answers come from a YAML file (question id: answer; a list for \
            list and multi questions; a list of mappings for a repeating group). Questions the \
            file leaves out are asked, or skipped when there is no terminal.
            """
    )

    @Argument(help: "The flow to run (see 'goalplan flows').", completion: .custom { _, _, _ in [] })
    var flow: String = "intake"

    @Option(
        name: .shortAndLong, help: ArgumentHelp("Where to write the plan.", valueName: "path"),
        completion: .file(extensions: ["md"]))
    var out: String?

    @Option(
        help: ArgumentHelp("A YAML file of answers to use instead of asking.", valueName: "file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var answers: String?

    @Option(help: ArgumentHelp("The plan's start date, YYYY-MM-DD (default: today).", valueName: "date"))
    var date: String?

    @Flag(help: "Print the flow as an outline to review on paper, and ask nothing.")
    var dryRun = false

    @OptionGroup var lookup: FlowLookupOptions

    func validate() throws {
        if let date, CalendarDate(iso: date) == nil {
            throw ValidationError("'\(date)' is not a date like 2026-11-27.")
        }
    }

    func execute() throws(Failure) {
        umask(0o077)
        let environment = processEnvironment
        let flow = try lookup.catalog().flow(self.flow)
        if dryRun {
            writeAll(1, FlowOutline.render(flow))
            return
        }
        let today = date.flatMap(CalendarDate.init(iso:)) ?? localToday()
        let target = try PlanTarget(explicit: out, today: today)

        var scripted: ScriptedAnswers?
        if let answers {
            switch ScriptedAnswers.read(try Files.read(answers), for: flow) {
            case .success(let file): scripted = file
            case .failure(let problems): throw .answersFileProblems(path: answers, problems: problems.items)
            }
        }

        let console = Console.standard(environment: environment)
        let isTerminal = Terminal.inputIsTerminal
        let reader = Terminal.makeReader { console.write($0) }
        Terminal.catchInterrupts()
        let interview = Interview(
            session: Session(flow: flow, today: today), reader: reader, console: console,
            scripted: scripted, scriptedPath: answers, canAsk: isTerminal || answers == nil)
        let collected = try interview.run()

        let plan = PlanBuilder.build(flow: flow, answers: collected, started: today)
        let markdown = MarkdownWriter().write(plan)
        let path = try target.write(markdown, console: console)
        console.line()
        console.line("Your plan is saved in \(console.style.bold(path)) (only you can read it).")
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
            throw .cannotWrite(path: explicit, reason: "the folder '\(folder)' does not exist")
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
        var lastFailure = Failure.cannotWrite(path: candidates()[0], reason: "no free file name")
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
        console.line()
        console.line("The plan could not be saved, so here it is in full. Copy it somewhere safe:")
        console.line()
        console.write(markdown)
        throw lastFailure
    }
}
