import ArgumentParser
import GoalPlanCore

@main
struct GoalPlan: ParsableCommand {
    /// The version `goalplan --version` says (and `make dist` names its tarball by).
    static let version = "0.14.0"

    /// Computed, so its words are in the language chosen when it is read.
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "goalplan",
            abstract: tr("Set and revisit therapy goals, one question at a time, and keep them as a Markdown plan."),
            discussion: tr(
                """
                goalplan asks you questions in the terminal, one at a time, and writes your answers \
                as a goal plan in Markdown that you can read, print and share. Run it with no \
                command to start the first-session intake.

                Your answers stay on this computer: the plan is written only where you say, readable \
                only by you, and goalplan keeps no history of what you type.

                goalplan is not a crisis service. If you are in danger, call your local emergency number; \
                'goalplan crisis' shows who you can talk to.

                Text is wrapped to your terminal's width. With a screen reader, add --plain (to \
                start, revisit, resume, show or crisis; on by itself when TERM=dumb): no color, \
                lines or charts, and choices read out one a line as "Option 1: ...".

                Examples:
                  goalplan                                  Start the intake on your own
                  goalplan start intake --mode facilitated  Therapist and client together
                  goalplan start intake --out plan.md       Write the plan to plan.md
                  goalplan revisit plan.md                  Rate your goals again
                  goalplan start safety-plan                Make a safety plan
                  goalplan start intake --plain             Plain text, for a screen reader
                  goalplan start intake --lang es           Questions and plan in Spanish
                  goalplan crisis --region GB               Who you can talk to, right now
                  goalplan flows                            List the flows you can run
                  goalplan check Prompts                    Check flow files for mistakes
                """),
            version: version,
            subcommands: [
                Start.self, Revisit.self, Resume.self, Drafts.self, Show.self, Export.self, Crisis.self, Flows.self,
                Check.self, Screen.self,
            ],
            defaultSubcommand: Start.self
        )
    }

    /// Runs the command, with one way of ending: errors as `goalplan: error: ...` on standard
    /// error, help on standard output, and exit 74 when standard output could not be written
    /// (a full disk, say), so nothing is lost quietly.
    static func main() {
        var language = Language.requested(
            arguments: Array(CommandLine.arguments.dropFirst()), environment: processEnvironment)
        var unknown: String?
        if let code = language, code != "en", Language.catalog(code).language == "en" {
            // No words of goalplan's own in that language: the locale's, else English, and a
            // word about it when the person asked for it by name (a flow may still have it).
            var locale = processEnvironment
            locale["GOALPLAN_LANG"] = nil
            let fallback = FlowCatalog.language(option: nil, environment: locale)
            language = fallback.map { Language.catalog($0).language }
            let optionGiven = CommandLine.arguments.contains { $0 == "--lang" || $0.hasPrefix("--lang=") }
            if Language.chosen(option: optionGiven ? code : nil) { unknown = code }
        }
        let status = MessageCatalog.$current.withValue(Language.catalog(language)) { () -> Int32 in
            if let unknown {
                say(
                    2,
                    "goalplan: "
                        + tr(
                            "goalplan's own words are not in '\(unknown)' (it has \((["en"] + Language.available).joined(separator: ", "))); a flow that has '\(unknown)' still asks in it."
                        ) + "\n")
            }
            return runAndSay()
        }
        exitProcess(status)
    }

    /// Parses and runs the command in the current language; returns the exit status.
    private static func runAndSay() -> Int32 {
        var status: Int32 = 0
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            status = exitCode(for: error).rawValue
            let message = Language.parserWords(fullMessage(for: error))
            if !message.isEmpty {
                if status == 0 {
                    say(1, message + "\n")
                } else {
                    let text = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
                    say(2, "goalplan: error: " + text + "\n")
                }
            }
        }
        if let failure = outputFailure, failure.fd == 1 {
            writeAll(
                2, "goalplan: error: " + tr("could not write to standard output: \(Files.reason(failure.code)).") + "\n"
            )
            if status == 0 { status = 74 }
        }
        return status
    }
}

/// A goalplan command: does its work, and lets `Failure` say what went wrong. Each names itself
/// in its configuration (`commandName`): worked out from the type's name instead, the name
/// costs a search of every protocol conformance in the binary at each start.
protocol GoalPlanCommand: ParsableCommand {
    func execute() throws(Failure)
}

extension GoalPlanCommand {
    func run() throws {
        do {
            try execute()
        } catch {
            if !error.message.isEmpty {
                say(2, (error.isChosenStop ? "goalplan: " : "goalplan: error: ") + "\(error.message)\n")
            }
            throw ExitCode(error.exitCode)
        }
    }
}

/// `--lang` for commands that run no flow (drafts, show, export): the language of goalplan's
/// own words. `GoalPlan.main` has read it already, before parsing; this lets the parser take it.
struct MessageLanguageOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            tr(
                "The language of goalplan's own words: es for Spanish (default: GOALPLAN_LANG, then the locale). A plan keeps its own."
            ),
            valueName: "code"))
    var lang: String?
}

/// Options shared by commands that find flows.
struct FlowLookupOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp(tr("A folder of flow files to look in first."), valueName: "dir"),
        completion: .directory)
    var prompts: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            tr(
                "The language to ask in, where a flow has it: es for Spanish (default: GOALPLAN_LANG, then the locale)."
            ),
            valueName: "code"))
    var lang: String?

    func catalog() throws(Failure) -> FlowCatalog {
        var catalog = try FlowCatalog(promptsOption: prompts, environment: processEnvironment)
        catalog.language = FlowCatalog.language(option: lang, environment: processEnvironment)
        return catalog
    }
}
