import GoalPlanCore

/// Finds flows by id: `--prompts DIR`, then `$GOALPLAN_PROMPTS`, then `./Prompts`, then the
/// flows built into the binary. The first place that has `ID.yaml` wins.
struct FlowCatalog {
    /// Where a flow file came from.
    enum Origin: Equatable {
        case directory(String)
        case builtIn

        var description: String {
            switch self {
            case .directory(let dir): dir
            case .builtIn: tr("built in", context: "where a flow comes from")
            }
        }
    }

    /// A flow file that can be loaded.
    struct Entry {
        var id: String
        var origin: Origin
        /// How messages name the file.
        var displayPath: String
    }

    let directories: [String]
    /// The language to show flows in (`es`), when a flow has a translation into it; nil or
    /// `en` for the flows' own words.
    var language: String? = nil

    /// The lookup order. `--prompts` and `$GOALPLAN_PROMPTS` must exist when given;
    /// `./Prompts` is used only when present.
    init(promptsOption: String?, environment: [String: String]) throws(Failure) {
        var directories: [String] = []
        for (given, source) in [(promptsOption, "--prompts"), (environment["GOALPLAN_PROMPTS"], "GOALPLAN_PROMPTS")] {
            guard let dir = given, !dir.isEmpty else { continue }
            guard Files.isDirectory(dir) else {
                throw .cannotRead(path: dir, reason: tr("\(source) names a folder that does not exist"))
            }
            directories.append(dir)
        }
        if Files.isDirectory("Prompts") { directories.append("Prompts") }
        self.directories = directories
    }

    init(directories: [String]) {
        self.directories = directories
    }

    /// Where the flow with this id would be loaded from.
    func locate(_ id: String) -> Entry? {
        for dir in directories where Files.exists("\(dir)/\(id).yaml") {
            return Entry(id: id, origin: .directory(dir), displayPath: Self.join(dir, "\(id).yaml"))
        }
        if BuiltinFlows.files.contains(where: { $0.name == id }) {
            return Entry(id: id, origin: .builtIn, displayPath: "(built in)/\(id).yaml")
        }
        return nil
    }

    /// Every flow that can be run, the first of each id, in lookup order.
    func all() -> [Entry] {
        var seen: Set<String> = []
        var entries: [Entry] = []
        for dir in directories {
            for name in Files.list(dir)
            where name.hasSuffix(".yaml") && !Self.isSafetyFile(name) && FlowTranslation.language(ofFile: name) == nil {
                let id = String(name.dropLast(5))
                if seen.insert(id).inserted {
                    entries.append(Entry(id: id, origin: .directory(dir), displayPath: Self.join(dir, name)))
                }
            }
        }
        for file in BuiltinFlows.files
        where !Self.isSafetyFile(file.name + ".yaml") && FlowTranslation.language(ofFile: file.name + ".yaml") == nil
            && seen.insert(file.name).inserted
        {
            entries.append(Entry(id: file.name, origin: .builtIn, displayPath: "(built in)/\(file.name).yaml"))
        }
        return entries
    }

    /// The file of safety settings beside the flows; not a flow itself.
    static let safetyFile = "safety.yaml"

    /// The safety settings' words in a language (`safety.es.yaml`), laid over `safety.yaml`.
    static func safetyFile(in language: String) -> String { "safety.\(language).yaml" }

    /// Whether a file holds safety settings (`safety.yaml`, or `safety.LANG.yaml` in a
    /// language), not a flow or a flow's translation.
    static func isSafetyFile(_ name: String) -> Bool {
        name == safetyFile || FlowTranslation.language(ofFile: name)?.flowID == "safety"
    }

    /// The safety settings in use, in layers, each laid over the ones before (what it gives
    /// replaces, its phrases add): the built-in ones, the built-in ones in `language`, the
    /// first `safety.yaml` in the lookup order, and the first `safety.LANG.yaml`.
    func safetySettings() throws(Failure) -> SafetySettings {
        var layers: [SafetySettings.Layer] = []
        var path = ""
        func add(_ bytes: [UInt8], _ shownAs: String) throws(Failure) {
            let (layer, findings) = SafetySettings.read(bytes, path: shownAs)
            guard let layer, !findings.contains(where: { $0.severity == .error }) else {
                throw .flowHasErrors(path: shownAs, diagnostics: findings)
            }
            layers.append(layer)
            path = shownAs
        }
        let language = language.flatMap { $0 == "en" ? nil : $0 }
        var names = [Self.safetyFile]
        if let language { names.append(Self.safetyFile(in: language)) }
        for name in names {
            let builtInName = String(name.dropLast(5))
            guard let file = BuiltinFlows.files.first(where: { $0.name == builtInName }) else { continue }
            try add(Array(file.text.utf8), "(built in)/\(name)")
        }
        for name in names {
            guard let dir = directories.first(where: { Files.exists(Self.join($0, name)) }) else { continue }
            let file = Self.join(dir, name)
            try add(try Files.read(file), file)
        }
        guard let settings = SafetySettings(layers: layers) else {
            throw .flowHasErrors(path: path, diagnostics: [SafetySettings.incomplete(path: path)])
        }
        return settings
    }

    /// `dir/name`, or just `name` in the current folder.
    static func join(_ dir: String, _ name: String) -> String {
        dir == "." ? name : "\(dir)/\(name)"
    }

    /// The bytes of an entry's file.
    func bytes(of entry: Entry) throws(Failure) -> [UInt8] {
        switch entry.origin {
        case .directory:
            return try Files.read(entry.displayPath)
        case .builtIn:
            return Array((BuiltinFlows.files.first { $0.name == entry.id }?.text ?? "").utf8)
        }
    }

    /// Reads and checks an entry, with the flows it includes.
    func load(_ entry: Entry) throws(Failure) -> FlowLoader.Result {
        FlowLoader.load(try bytes(of: entry), path: entry.displayPath, expectedID: entry.id, resolve: resolver)
    }

    /// Finds included flows the same way as any other.
    var resolver: FlowLoader.Resolver {
        { id in
            guard let entry = locate(id), let bytes = try? bytes(of: entry) else { return nil }
            return (bytes, entry.displayPath)
        }
    }

    /// The flows here that include `id` (by an `include:` naming it), for a message that says
    /// what to run instead of a part.
    func hosts(of id: String) -> [String] {
        all().compactMap { entry in
            guard entry.id != id, let flow = try? load(entry).flow, flow.part == nil else { return nil }
            func includes(_ items: [FlowItem]) -> Bool {
                items.contains { item in
                    switch item {
                    case .question: false
                    case .group(let g): includes(g.items)
                    case .section(let s): s.flowID == id || includes(s.items)
                    }
                }
            }
            return includes(flow.items) ? entry.id : nil
        }
    }

    /// Finds, reads and checks the flow with this id, in `language` where it has a
    /// translation; any error in it (or in a translation) stops here.
    func flow(_ id: String) throws(Failure) -> Flow {
        guard let entry = locate(id) else {
            throw .flowNotFound(id: id, searched: directories, available: all().map(\.id))
        }
        let result = try load(entry)
        guard let flow = result.flow else {
            throw .flowHasErrors(path: entry.displayPath, diagnostics: result.diagnostics)
        }
        guard let language, language != "en" else { return flow }
        var translations: [String: FlowTranslation] = [:]
        for flowID in [flow.id] + Self.sections(of: flow.items) {
            guard let file = locate("\(flowID).\(language)") else { continue }
            let (translation, problems) = FlowTranslation.read(try bytes(of: file), path: file.displayPath)
            guard let translation, translation.flowID == flowID else {
                let wrong = Diagnostic(
                    .error, .extraTranslation,
                    tr("this file translates '\(translation?.flowID ?? "?")', not '\(flowID)'"),
                    path: file.displayPath, at: .unknown)
                throw .flowHasErrors(path: file.displayPath, diagnostics: problems.isEmpty ? [wrong] : problems)
            }
            translations[flowID] = translation
        }
        return FlowTranslation.apply(translations, to: flow)
    }

    /// The ids of the flows included in `items`, at any depth.
    static func sections(of items: [FlowItem]) -> [String] {
        items.flatMap { item -> [String] in
            switch item {
            case .question: []
            case .group(let g): sections(of: g.items)
            case .section(let s): [s.flowID] + sections(of: s.items)
            }
        }
    }

    /// The languages a flow has a translation into, beside its own (`es`).
    func languages(of id: String) -> [String] {
        let names = directories.flatMap { Files.list($0) } + BuiltinFlows.files.map { $0.name + ".yaml" }
        return Set(names.compactMap { FlowTranslation.language(ofFile: $0) }.filter { $0.flowID == id }.map(\.language))
            .sorted()
    }

    /// The language asked for: `--lang`, else `GOALPLAN_LANG`, else the locale (`LANGUAGE`,
    /// `LC_ALL`, `LC_MESSAGES`, `LANG`, the first set): `es_MX.UTF-8` is `es`.
    static func language(option: String?, environment: [String: String]) -> String? {
        let candidates =
            [option, environment["GOALPLAN_LANG"]]
            + ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"].map { environment[$0] }
        for value in candidates {
            guard let value, !value.isEmpty else { continue }
            let first = value.split(separator: ":").first.map(String.init) ?? value
            let code = String(first.prefix { $0.isLetter }).lowercased()
            if code == "c" || code == "posix" { return nil }
            if (2...3).contains(code.count) { return code }
        }
        return nil
    }
}
