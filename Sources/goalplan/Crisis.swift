import ArgumentParser
import GoalPlanCore
import LineEditing

/// Plain output, for a screen reader or a terminal that draws nothing.
struct PlainOption: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            tr(
                "Plain text for a screen reader: no color, rules, bullets or charts; choices one a line as 'Option 1: ...'; progress in words. On by itself when TERM is dumb."
            )))
    var plain = false
}

/// Where the person is, for the crisis lines goalplan shows.
struct RegionOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            tr(
                "Where you are, for the crisis lines shown: a country code such as US, CA, GB, IE, AU, NZ, IN, ES or MX (default: GOALPLAN_REGION, the safety settings, then your locale, such as en_AU; all lines when none says)."
            ),
            valueName: "code"))
    var region: String?

    func validate() throws {
        if let region, SafetySettings.regionCode(region) == nil || region == "*" {
            throw ValidationError(tr("'\(region)' is not a two-letter country code such as US, GB or AU."))
        }
    }

    /// The region to show lines for: this option, `GOALPLAN_REGION`, the settings' own
    /// `region`, then the territory of the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`); nil
    /// when none says, and every line is shown.
    func region(environment: [String: String], settings: SafetySettings) -> String? {
        if let region { return SafetySettings.regionCode(region) }
        if let given = environment["GOALPLAN_REGION"], let code = SafetySettings.regionCode(given), code != "*" {
            return code
        }
        if let own = settings.region { return own }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty { return SafetySettings.region(fromLocale: value) }
        }
        return nil
    }
}

struct Crisis: GoalPlanCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "crisis",
            abstract: tr("Show crisis lines: who you can talk to right now."),
            discussion: tr(
                """
                Prints the crisis lines for where you are, without starting a flow. At any \
                question, :crisis shows the same. The lines come from safety.yaml (see \
                'goalplan flows' for where flows and settings are found); a clinic can give its own.

                goalplan is not a crisis service. If you are in danger, call your local \
                emergency number now.
                """)
        )
    }

    @OptionGroup var where_: RegionOption
    @OptionGroup var screen: PlainOption
    @OptionGroup var lookup: FlowLookupOptions

    func validate() throws { try where_.validate() }

    func execute() throws(Failure) {
        let environment = processEnvironment
        let settings = try lookup.catalog().safetySettings()
        let region = where_.region(environment: environment, settings: settings)
        let console = Console.standard(environment: environment, plain: screen.plain)
        let desk = SafetyDesk(
            settings: settings, region: region, safetyPlanFlow: { nil }, interactive: false, errors: console)
        console.line(console.style.bold(tr("Who you can talk to")))
        desk.describe(desk.lines(for: nil), style: console.style).forEach { console.line($0) }
        console.line()
        console.line(tr("goalplan is not a crisis service. If you are in danger, call your emergency number now."))
        if region == nil {
            console.line(
                console.style.dim(tr("For the lines where you are only: goalplan crisis --region GB (or US, AU...).")))
        }
    }
}

struct Screen: GoalPlanCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "screen",
            abstract: tr("Show whether lines of text would make goalplan pause, and why."),
            discussion: tr(
                """
                For a clinic checking its safety settings: reads text (the files given, or \
                standard input), one statement a line, and prints for each what the safety \
                screen would do: 'pause' with the kinds of crisis it found (method, others, \
                harmed, suicide, hopeless), 'check-in' for a gentle word only, or 'quiet'. \
                Nothing is written anywhere. Phrases a clinic adds in its safety.yaml are used.
                """)
        )
    }

    @Argument(
        help: ArgumentHelp(tr("Text files, one statement a line (default: standard input)."), valueName: "file"))
    var files: [String] = []

    @Flag(help: ArgumentHelp(tr("Also print the patterns that matched (never the text).")))
    var explain = false

    @Flag(
        help: ArgumentHelp(
            tr("Print how the screen reads each line instead: its words and their stems, sentence by sentence.")))
    var words = false

    @Flag(help: ArgumentHelp("Print the model's features for each line (to train it again).", visibility: .hidden))
    var features = false

    @Flag(help: ArgumentHelp("Use the rules only, not the model (to measure them).", visibility: .hidden))
    var rulesOnly = false

    @OptionGroup var lookup: FlowLookupOptions

    func execute() throws(Failure) {
        var screen = try lookup.catalog().safetySettings().screen
        screen.useModel = !rulesOnly
        for problem in CrisisScreen.standardProblems {
            say(2, tr("goalplan: warning: built-in screen line '\(problem.line)': \(problem.message)") + "\n")
        }
        var text: [UInt8] = []
        if files.isEmpty {
            text = Files.readStandardInput()
        } else {
            for file in files { text += try Files.read(file) + [10] }
        }
        var out = ""
        for line in String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            let statement = TextSanitizer.clean(String(line))
            guard !statement.trimmingSpaces.isEmpty else { continue }
            if features {
                out += screen.modelFeatures(statement).joined(separator: " ") + "\n"
                continue
            }
            if words {
                out +=
                    CrisisScreen.words(of: statement).map { $0.joined(separator: " ") }.joined(separator: " | ") + "\n"
                continue
            }
            let found = screen.assess(statement)
            if !found.pauses.isEmpty {
                out += "pause " + found.pauses.map(\.rawValue).joined(separator: ",")
            } else if !found.checkIns.isEmpty {
                out += "check-in " + found.checkIns.map(\.rawValue).joined(separator: ",")
            } else {
                out += "quiet"
            }
            if explain { out += found.reasons.map { "\t" + $0 }.joined() }
            out += "\n"
        }
        say(1, out)
    }
}
