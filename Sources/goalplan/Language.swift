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
}
