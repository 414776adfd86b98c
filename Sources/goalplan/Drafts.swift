import ArgumentParser
import GoalPlanCore

/// Drafts on disk: `$XDG_STATE_HOME/goalplan/` (default `~/.local/state/goalplan/`), folders
/// 0700 and files 0600, each written whole.
struct DraftStore {
    let directory: String

    init?(environment: [String: String]) {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            directory = state + "/goalplan"
        } else if let home = environment["HOME"], !home.isEmpty {
            directory = home + "/.local/state/goalplan"
        } else {
            return nil
        }
    }

    /// Creates the folder (and any missing parents) readable only by this user.
    func prepare() throws(Failure) {
        var path = ""
        for part in directory.split(separator: "/") {
            path += "/" + part
            if Files.isDirectory(path) { continue }
            if mkdir(path, 0o700) != 0 && errno != EEXIST {
                throw .cannotWrite(path: path, reason: Files.reason(errno))
            }
        }
    }

    /// A new draft file's path for a flow.
    func newPath(for flowID: String) -> String {
        "\(directory)/\(flowID)-\(LocalClock.seconds())-\(getpid()).json"
    }

    /// Writes a draft whole, replacing what was there.
    func save(_ text: String, to path: String) throws(Failure) {
        try Files.replace(path, contents: text)
    }

    /// Adds a line to a draft, synced to disk before this returns.
    func append(_ line: String, to path: String) throws(Failure) {
        try Files.append(line, to: path)
    }

    /// Every readable draft, most recent first.
    func all() -> [(path: String, draft: Draft)] {
        Files.removeStaleTemporaries(of: "\(directory)/draft")
        return Files.list(directory).filter { $0.hasSuffix(".json") }.compactMap { name in
            let path = "\(directory)/\(name)"
            guard let bytes = try? Files.read(path, limit: 256 << 20, whole: true), let draft = Draft.decode(bytes)
            else { return nil }
            return (path, draft)
        }.sorted { $0.draft.savedAt > $1.draft.savedAt || ($0.draft.savedAt == $1.draft.savedAt && $0.path > $1.path) }
    }

    /// Draft files that cannot be read (damaged, or from a newer goalplan), so they can be
    /// named and deleted rather than lie unseen.
    func unreadable() -> [String] {
        Files.list(directory).filter { $0.hasSuffix(".json") }.map { "\(directory)/\($0)" }.filter { path in
            guard let bytes = try? Files.read(path, limit: 256 << 20, whole: true) else { return true }
            return Draft.decode(bytes) == nil
        }
    }

    func delete(_ path: String) {
        unlink(path)
    }

}

struct Resume: GoalPlanCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "resume",
            abstract: tr("Carry on with an unfinished flow from its draft."),
            discussion: tr(
                """
                goalplan saves a draft after every answer. Run 'goalplan drafts' to see them; \
                with no number, the most recent one is resumed.
                """)
        )
    }

    @Argument(help: ArgumentHelp(tr("The draft's number in 'goalplan drafts' (default: the most recent).")))
    var number: Int = 1

    @OptionGroup var where_: RegionOption
    @OptionGroup var screen: PlainOption
    @OptionGroup var lookup: FlowLookupOptions

    func validate() throws { try where_.validate() }

    func execute() throws(Failure) {
        guard let store = DraftStore(environment: processEnvironment) else { throw .noDrafts }
        let drafts = store.all()
        guard !drafts.isEmpty else { throw .noDrafts }
        guard (1...drafts.count).contains(number) else { throw .noSuchDraft(number: number, count: drafts.count) }
        let (path, draft) = drafts[number - 1]
        // Drafts bind to the plan's full path; an older draft that named it relative to some
        // folder could land in another person's plan, so it is not resumed.
        for given in [draft.plan, draft.out].compactMap({ $0 }) where !given.hasPrefix("/") {
            throw .cannotRead(
                path: path,
                reason: tr(
                    "it names '\(given)' without its full path (an earlier goalplan saved it so), and resuming it here could change the wrong plan. Run the flow again; 'goalplan drafts --delete \(number)' removes it"
                )
            )
        }
        if let plan = draft.plan {
            // Not wrapped: the full path, whole, to copy.
            say(
                1,
                (draft.planOwner.map { tr("Carrying on with the plan of \($0) at \(plan).") }
                    ?? tr("Carrying on with the plan of someone at \(plan).")) + "\n")
        }
        // The run goes on as it was started: same date, mode and destination.
        guard let date = CalendarDate(iso: draft.date), let mode = FlowMode(rawValue: draft.mode) else {
            throw .cannotRead(path: path, reason: tr("the draft's date or mode could not be read"))
        }
        let request = FlowRun.Request(
            flowID: draft.flowID, planPath: draft.plan, out: draft.out, date: date, mode: mode,
            resumed: (path, draft))
        // The run goes on in the language it spoke, unless --lang or GOALPLAN_LANG says otherwise.
        var flows = try lookup.catalog()
        if !Language.chosen(option: lookup.lang), let language = draft.language { flows.language = language }
        let run = FlowRun.onThisTerminal(catalog: flows, region: where_, keepsDrafts: true, plain: screen.plain)
        try Language.speaking(flows.language ?? "en") { () throws(Failure) in try run.run(request) }
    }
}

struct Drafts: GoalPlanCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "drafts",
            abstract: tr("List the drafts of unfinished flows, or delete them."),
            discussion: tr(
                """
                A draft is saved after every answer and removed once its plan is written. They \
                live in $XDG_STATE_HOME/goalplan (by default ~/.local/state/goalplan), readable \
                only by you.
                """)
        )
    }

    @Option(help: ArgumentHelp(tr("Delete draft N (as numbered in the list), or all of them."), valueName: "N|all"))
    var delete: String?

    func validate() throws {
        if let delete, delete != "all", Int(delete).map({ $0 < 1 }) ?? true {
            throw ValidationError(
                tr("'\(delete)' is not a draft number; give a number from 'goalplan drafts', or 'all'."))
        }
    }

    @OptionGroup var language: MessageLanguageOption

    func execute() throws(Failure) {
        guard let store = DraftStore(environment: processEnvironment) else { throw .noDrafts }
        let drafts = store.all()
        if let delete {
            if delete == "all" {
                let all = drafts.map(\.path) + store.unreadable()
                all.forEach(store.delete)
                say(1, (all.count == 1 ? tr("Deleted 1 draft.") : tr("Deleted \(all.count) drafts.")) + "\n")
                return
            }
            guard let n = Int(delete), (1...max(drafts.count, 1)).contains(n), !drafts.isEmpty else {
                throw .noSuchDraft(number: Int(delete) ?? 0, count: drafts.count)
            }
            store.delete(drafts[n - 1].path)
            say(
                1,
                tr("Deleted draft \(n) (\(drafts[n - 1].draft.flowID), saved \(drafts[n - 1].draft.savedAt)).") + "\n")
            return
        }
        let damaged = store.unreadable()
        if !damaged.isEmpty {
            say(
                1,
                damaged.map { tr("A draft goalplan cannot read: \($0)") + "\n" }.joined()
                    + tr("'goalplan drafts --delete all' removes it with the others.") + "\n")
        }
        guard !drafts.isEmpty else {
            say(1, tr("No drafts. A draft is saved after every answer and removed when its plan is written.") + "\n")
            return
        }
        for (i, entry) in drafts.enumerated() {
            let d = entry.draft
            let target: String
            switch (d.plan, d.planOwner) {
            case (let plan?, let owner?): target = tr(" (updating the plan of \(owner) at \(plan))")
            case (let plan?, nil): target = tr(" (updating \(plan))")
            case (nil, _): target = ""
            }
            let line =
                d.answered == 1
                ? tr("\(i + 1). \(d.flowID)\(target), saved \(d.savedAt), 1 answer")
                : tr("\(i + 1). \(d.flowID)\(target), saved \(d.savedAt), \(d.answered) answers")
            say(1, line + "\n")
        }
        say(1, tr("Run 'goalplan resume N' to carry on, or 'goalplan drafts --delete N' to remove one.") + "\n")
    }
}
