import ArgumentParser
import GoalPlanCore
import LineEditing

/// Reads a plan file for showing or exporting; a plan it cannot read names the line.
func readPlan(_ path: String) throws(Failure) -> Plan {
    try readPlan(Files.read(path, limit: Files.planLimit, whole: true), path: path, updating: false)
}

/// Reads a plan's bytes, or says which line it cannot read. Says on standard error what it
/// kept as written (blocks it has no place for); when `updating`, refuses a plan that writing
/// back would lose text of, naming the line, so that nothing is changed.
func readPlan(_ bytes: [UInt8], path: String, updating: Bool, quiet: Bool = false) throws(Failure) -> Plan {
    guard let text = String(validating: bytes, as: UTF8.self) else {
        throw .cannotRead(path: path, reason: tr("it is not UTF-8 text"))
    }
    let reading: MarkdownReader.Reading
    do {
        reading = try MarkdownReader.reading(text)
    } catch {
        throw .planUnreadable(path: path, line: error.line, reason: error.message)
    }
    if let loss = MarkdownReader.loss(in: text, writing: reading.plan) {
        let words = loss.words.prefix(6).joined(separator: " ") + (loss.words.count > 6 ? " …" : "")
        if updating {
            throw .planUnreadable(
                path: path, line: loss.line,
                reason: tr(
                    "goalplan cannot place '\(words)' in the plan, and writing the plan back would lose it. Move it under a heading of its own (## My notes)"
                ))
        }
        say(
            2,
            tr(
                "goalplan: warning: \(path), line \(loss.line): goalplan cannot place '\(words)' in the plan; it is not in what is shown here."
            ) + "\n")
    }
    if !reading.kept.isEmpty && !quiet {
        let list = reading.kept.prefix(5).map(\.description)
        let items = list.joined(separator: "; ")
        say(
            2,
            (reading.kept.count > 5
                ? tr(
                    "goalplan: note: kept as it is in \(path), since it is not part of any answer: \(items); and \(reading.kept.count - 5) more."
                )
                : tr("goalplan: note: kept as it is in \(path), since it is not part of any answer: \(items).")) + "\n")
    }
    return reading.plan
}

struct Show: GoalPlanCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "show",
            abstract: tr("Show a plan in the terminal, easy to scan."),
            discussion: tr(
                """
                Wraps the plan to the terminal's width, with each goal's ratings over time as a \
                small chart (▁▃▆). Color only on a terminal, and never with NO_COLOR set.
                """)
        )
    }

    @Argument(help: ArgumentHelp(tr("The plan to show."), valueName: "plan.md"), completion: .file(extensions: ["md"]))
    var plan: String

    @Option(help: ArgumentHelp(tr("Wrap to this many columns (default: the terminal's width, or 80)."), valueName: "n"))
    var width: Int?

    @Flag(help: ArgumentHelp(tr("Leave out what only the clinician should see.")))
    var clientCopy = false

    @OptionGroup var screen: PlainOption

    @OptionGroup var language: MessageLanguageOption

    func execute() throws(Failure) {
        let environment = processEnvironment
        let plain = screen.plain || PlainWords.wanted(environment: environment)
        let color = Style.wanted(environment: environment, isTerminal: Terminal.outputIsTerminal)
        let columns = width ?? Terminal.outputWidth ?? Int(environment["COLUMNS"] ?? "") ?? 80
        let renderer = TerminalRenderer(
            options: .init(width: columns, color: color, clientCopy: clientCopy, plain: plain))
        say(1, renderer.render(try readPlan(plan)))
    }
}

struct Export: GoalPlanCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "export",
            abstract: tr("Export a plan as HTML for printing, as JSON, or as a client's copy in Markdown."),
            discussion: tr(
                """
                html: one self-contained page (no network, no scripts) with a print stylesheet for \
                A4 and US Letter, each goal's ratings drawn as a chart, the dates on every page and \
                room for notes. Open it in a browser and print, or print it to PDF.

                json: the plan as JSON, schema 'goalplan.plan' version 1 (see README.md). The same \
                plan always gives the same bytes.

                markdown: the plan as Markdown; with --client-copy, without the clinician's notes.

                The file goes to --out, or beside the plan with the format's extension. Like plans, \
                exports are readable only by you, written whole, and never replace a file unless \
                you add --force.
                """)
        )
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, json, markdown
        var fileExtension: String { self == .markdown ? "client.md" : rawValue }
    }

    @Argument(
        help: ArgumentHelp(tr("The plan to export."), valueName: "plan.md"), completion: .file(extensions: ["md"]))
    var plan: String

    @Option(help: ArgumentHelp(tr("html, json or markdown.")))
    var format: Format = .html

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            tr(
                "Where to write it; - for standard output (default: beside the plan, PLAN.html, PLAN.json, PLAN.client.md; a client copy's HTML and JSON are PLAN.client.html and PLAN.client.json)."
            ),
            valueName: "path"))
    var out: String?

    @Flag(
        help: ArgumentHelp(
            tr("Leave out what only the clinician should see (approach, interventions, safety check-ins).")))
    var clientCopy = false

    @Flag(help: ArgumentHelp(tr("Replace the output file if it exists.")))
    var force = false

    @Option(help: ArgumentHelp(tr("For html: the paper to lay it out for, auto (the printer's), a4 or letter.")))
    var paper: Paper = .auto

    enum Paper: String, ExpressibleByArgument, CaseIterable {
        case auto, a4, letter
    }

    @OptionGroup var language: MessageLanguageOption

    func execute() throws(Failure) {
        umask(0o077)
        let read = try readPlan(plan)
        let text: String
        switch format {
        case .html:
            text = HTMLWriter(clientCopy: clientCopy, paper: HTMLWriter.Paper(rawValue: paper.rawValue) ?? .auto).write(
                read)
        case .json: text = PlanJSON.encode(read, clientCopy: clientCopy)
        case .markdown: text = MarkdownWriter(options: .init(clientCopy: clientCopy)).write(read)
        }
        let stem = plan.hasSuffix(".md") ? String(plan.dropLast(3)) : plan
        if out == "-" {
            // Standard output: the exported bytes as they are, for a pipe.
            writeAll(1, text)
            return
        }
        let ext = clientCopy && format != .markdown ? "client.\(format.fileExtension)" : format.fileExtension
        let path = out ?? "\(stem).\(ext)"
        if path == plan || (Files.resolved(path) != nil && Files.resolved(path) == Files.resolved(plan)) {
            throw .cannotWrite(
                path: path,
                reason: tr("that is the plan being exported, which an export never replaces; give another --out"))
        }
        if force && Files.exists(path) {
            try Files.replace(path, contents: text)
        } else {
            do {
                try Files.createNew(path, contents: text)
            } catch {
                if case .outputExists = error { throw .exportExists(path: path) }
                throw error
            }
        }
        say(1, tr("Exported \(plan) to \(path) (only you can read it).") + "\n")
    }
}
