import GoalPlanCore

/// The language goalplan speaks in: the program's own words from its built-in message
/// catalogs (Prompts/messages/LANG.po), English where a catalog has no words.
enum Language {
    /// The languages with a built-in catalog, beside English (`es`).
    static var available: [String] { BuiltinCatalogs.files.map(\.name).sorted() }

    /// The catalog for `code`, or English when there is none.
    static func catalog(_ code: String?) -> MessageCatalog {
        MessageCatalog.builtIn(code)
    }

    /// Runs `body` speaking `language` (nil, or the language already spoken: as it is), with
    /// its failure told in that language too, not in the one goalplan started in.
    static func speaking(_ language: String?, _ body: () throws(Failure) -> Void) throws(Failure) {
        guard let language, language != MessageCatalog.current.language else { return try body() }
        let result = MessageCatalog.$current.withValue(catalog(language)) {
            Result { () throws(Failure) in try body() }
        }
        do throws(Failure) {
            try result.get()
        } catch {
            throw .inLanguage(language, error)
        }
    }

    /// Whether the person chose a language for this run (`--lang` or `GOALPLAN_LANG`), which
    /// then wins over a plan's or a draft's own; the locale alone does not.
    static func chosen(option: String?) -> Bool {
        option != nil || !(processEnvironment["GOALPLAN_LANG"] ?? "").isEmpty
    }

    /// The language a command line asks for, read before the arguments are parsed so that
    /// `--help` and the parser's own refusals already speak it: `--lang CODE` (or
    /// `--lang=CODE`), then `GOALPLAN_LANG`, then the locale.
    static func requested(arguments: [String], environment: [String: String]) -> String? {
        var option: String?
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" { break }
            if argument == "--lang", i + 1 < arguments.count {
                option = arguments[i + 1]
                i += 1
            } else if argument.hasPrefix("--lang=") {
                option = String(argument.dropFirst(7))
            }
            i += 1
        }
        return FlowCatalog.language(option: option, environment: environment)
    }

    /// swift-argument-parser's own words in help and in its refusals (`USAGE:`, `Missing
    /// expected argument`), in the current language: the library has no catalog of its own,
    /// so its fixed phrases are found in what it wrote and replaced. English is left as it is.
    static func parserWords(_ text: String) -> String {
        guard MessageCatalog.current.language != "en" else { return text }
        let headings = [
            ("OVERVIEW:", tr("OVERVIEW:", context: "help")), ("USAGE:", tr("USAGE:", context: "help")),
            ("ARGUMENTS:", tr("ARGUMENTS:", context: "help")), ("OPTIONS:", tr("OPTIONS:", context: "help")),
            ("SUBCOMMANDS:", tr("SUBCOMMANDS:", context: "help")), ("Usage: ", tr("Usage: ", context: "help")),
            ("Help: ", tr("Help: ", context: "help")),
        ]
        let phrases = [
            ("(default: ", tr("(default: ", context: "help")), ("(values: ", tr("(values: ", context: "help")),
            ("; default: ", tr("; default: ", context: "help")),
            ("Show help information.", tr("Show help information.", context: "help")),
            ("Show the version.", tr("Show the version.", context: "help")),
        ]
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(line)
            for (english, words) in headings where line.hasPrefix(english) {
                line = words + line.dropFirst(english.count)
            }
            for (english, words) in phrases { line = line.replacing(english, with: words) }
            // `Error: ` is taken off by `GoalPlan.main`, which says `goalplan: error: ` instead.
            lines.append(line.hasPrefix("Error: ") ? "Error: " + refusal(String(line.dropFirst(7))) : refusal(line))
        }
        return lines.joined(separator: "\n")
    }

    /// One of the parser's refusals or pointers, in the current language; other lines as they are.
    private static func refusal(_ line: String) -> String {
        /// The parts of `line` between `pieces`, when it is made of them in order.
        func values(_ pieces: [String]) -> [String]? {
            guard line.hasPrefix(pieces[0]), line.hasSuffix(pieces[pieces.count - 1]) else { return nil }
            var rest = Substring(line.dropFirst(pieces[0].count).dropLast(pieces[pieces.count - 1].count))
            var out: [String] = []
            for piece in pieces.dropFirst().dropLast() {
                guard let range = rest.firstRange(of: piece) else { return nil }
                out.append(String(rest[..<range.lowerBound]))
                rest = rest[range.upperBound...]
            }
            out.append(String(rest))
            return out
        }
        if let v = values(["Missing expected argument '", "'"]) { return tr("Missing expected argument '\(v[0])'") }
        if let v = values(["Unknown option '", "'"]) { return tr("Unknown option '\(v[0])'") }
        if let v = values(["Unexpected argument '", "'"]) { return tr("Unexpected argument '\(v[0])'") }
        if let v = values(["Missing value for '", "'"]) { return tr("Missing value for '\(v[0])'") }
        if let v = values(["The value '", "' is invalid for '", "'. Please provide one of ", "."]) {
            let choices = v[2].replacing("' and '", with: "' " + tr("and", context: "values") + " '")
            return tr("The value '\(v[0])' is invalid for '\(v[1])'. Please provide one of \(choices).")
        }
        if let v = values(["  See '", "' for more information."]) {
            return tr("  See '\(v[0])' for more information.")
        }
        if let v = values(["  See '", "' for detailed help."]) { return tr("  See '\(v[0])' for detailed help.") }
        return line
    }
}
