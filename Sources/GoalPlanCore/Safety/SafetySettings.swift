/// The screen made from a settings file's phrases, made once whichever thread asks first.
final class ScreenCache: @unchecked Sendable {
    private var lock = pthread_mutex_t()
    private var screen: CrisisScreen?

    init() { pthread_mutex_init(&lock, nil) }
    deinit { pthread_mutex_destroy(&lock) }

    func value(_ phrases: [String]) -> CrisisScreen {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        if let screen { return screen }
        let made = phrases.isEmpty ? CrisisScreen.standard : CrisisScreen.standard.adding(phrases).0
        screen = made
        return made
    }
}

/// What goalplan says about safety and whom it points to (Prompts/safety.yaml): the notice for
/// self-guided use, what the pause says for each kind of crisis, the gentle check-in, crisis
/// lines by region, and any phrases a clinic adds to the built-in screen.
///
/// A clinic's own `safety.yaml` is laid over the built-in one: what it gives replaces the
/// built-in value (its `resources` list as a whole), and its `phrases` are added to the
/// built-in screen, so a clinic's copy keeps every fix to the screen. In another language, the
/// same words in that language (`safety.es.yaml`) are a layer of their own over each file.
public struct SafetySettings: Sendable {
    /// A crisis line or service.
    public struct Resource: Equatable, Sendable, Codable {
        /// An ISO 3166 country code (`US`, `GB`), or `*` for anywhere.
        public var region: String
        /// How the place is named for people: "United States".
        public var place: String
        public var name: String
        public var contact: String
        /// The kinds of crisis it is for; empty for every kind.
        public var categories: [SafetyCategory]

        public init(region: String, place: String, name: String, contact: String, categories: [SafetyCategory] = []) {
            self.region = region
            self.place = place
            self.name = name
            self.contact = contact
            self.categories = categories
        }
    }

    /// One file's values, before files are laid over each other.
    public struct Layer: Equatable, Sendable {
        public var notice: String?
        public var pauses: [SafetyCategory: String] = [:]
        public var checkIn: String?
        public var region: String?
        public var resources: [Resource]?
        public var phrases: [String] = []
    }

    public var notice: String
    /// What the pause says, by the most urgent category that fired.
    public var pauses: [SafetyCategory: String]
    /// What a gentle check-in says ("I'm not suicidal").
    public var checkIn: String
    /// The region to show lines for when nothing else says, if the settings name one.
    public var region: String?
    public var resources: [Resource]
    /// Phrases the settings add to the built-in screen, in its notation.
    public var phrases: [String]

    /// The screen: the built-in lexicon and any phrases the settings add. Made on first use
    /// (it takes a tenth of a second), then kept.
    public var screen: CrisisScreen { screenCache.value(phrases) }
    private let screenCache = ScreenCache()

    /// Lays `layers` over each other, the last winning; nil when something required is missing.
    public init?(layers: [Layer]) {
        var notice: String?
        var pauses: [SafetyCategory: String] = [:]
        var checkIn: String?
        var region: String?
        var resources: [Resource]?
        var phrases: [String] = []
        for layer in layers {
            notice = layer.notice ?? notice
            pauses.merge(layer.pauses) { $1 }
            checkIn = layer.checkIn ?? checkIn
            region = layer.region ?? region
            resources = layer.resources ?? resources
            phrases += layer.phrases
        }
        guard let notice, let checkIn, let resources, !resources.isEmpty,
            SafetyCategory.allCases.allSatisfy({ pauses[$0] != nil })
        else { return nil }
        self.notice = notice
        self.pauses = pauses
        self.checkIn = checkIn
        self.region = region
        self.resources = resources
        self.phrases = phrases
    }

    /// Reads one complete settings file, reporting problems like a flow file does.
    public static func load(_ bytes: [UInt8], path: String) -> (SafetySettings?, [Diagnostic]) {
        let (layer, findings) = read(bytes, path: path)
        guard let layer, findings.allSatisfy({ $0.severity != .error }) else { return (nil, findings) }
        guard let settings = SafetySettings(layers: [layer]) else {
            return (nil, findings + [incomplete(path: path)])
        }
        return (settings, findings)
    }

    /// The finding for settings that, laid together, still lack something required.
    public static func incomplete(path: String) -> Diagnostic {
        Diagnostic(
            .error, .missingKey, tr("safety settings need 'notice', 'pause', 'check_in' and 'resources'"), path: path,
            at: .unknown)
    }

    static let keys = ["notice", "pause", "check_in", "region", "resources", "phrases", "except"]

    /// Reads one settings file as a layer; every key is optional here.
    public static func read(_ bytes: [UInt8], path: String) -> (Layer?, [Diagnostic]) {
        var findings: [Diagnostic] = []
        func problem(_ code: DiagnosticCode, _ message: String, _ location: SourceLocation) {
            findings.append(Diagnostic(.error, code, message, path: path, at: location))
        }
        let root: Node?
        do {
            root = try YAMLDocument(bytes: bytes).root
        } catch {
            problem(error.code, error.message, error.location)
            return (nil, findings)
        }
        guard let root, case .mapping(let map) = root else {
            let names = keys.map { "'\($0)'" }.joined(separator: ", ")
            problem(.wrongValueType, tr("expected a mapping with \(names)"), root?.location ?? .unknown)
            return (nil, findings)
        }
        let reader = NodeReader { problem($0, $1, $2) }
        // Its keys are checked here; each is read from `map` below.
        _ = reader.mapping(root, allowed: keys, what: nil)
        /// The text at `key`; `each` when it is one item of the list at `key`.
        func text(_ node: Node, _ key: String, each: Bool = false) -> String? {
            guard node.scalar != nil, let s = reader.string(node, key: key), !s.trimmingSpaces.isEmpty else {
                problem(
                    .wrongValueType, each ? tr("each of '\(key)' should be text") : tr("'\(key)' should be text"),
                    node.location)
                return nil
            }
            return s.trimmingSpaces
        }
        var layer = Layer()
        layer.notice = map.value("notice").flatMap { text($0, "notice") }
        layer.checkIn = map.value("check_in").flatMap { text($0, "check_in") }
        if let node = map.value("pause") {
            switch node {
            case .scalar:
                if let all = text(node, "pause") {
                    for category in SafetyCategory.allCases { layer.pauses[category] = all }
                }
            case .mapping(let byCategory):
                for (key, value) in byCategory {
                    let name = key.scalar?.string ?? ""
                    guard let category = SafetyCategory(rawValue: name) else {
                        let names = SafetyCategory.allCases.map(\.rawValue)
                        problem(
                            .unknownKey,
                            tr("'\(name)' is not a kind of crisis\(Suggestions.hint(for: name, in: names))"),
                            key.location)
                        continue
                    }
                    layer.pauses[category] = text(value, "pause.\(name)")
                }
            default:
                problem(.wrongValueType, tr("'pause' should be text, or text for each kind of crisis"), node.location)
            }
        }
        if let node = map.value("region") {
            if let code = text(node, "region") {
                if let region = Self.regionCode(code) {
                    layer.region = region
                } else {
                    problem(
                        .badRegion, tr("'\(code)' is not a two-letter country code such as US, GB or AU"), node.location
                    )
                }
            }
        }
        if let node = map.value("resources") {
            layer.resources = resources(node, problem: problem)
        }
        for key in ["phrases", "except"] {
            guard let node = map.value(key) else { continue }
            guard case .sequence(let seq) = node else {
                problem(.wrongValueType, tr("'\(key)' should be a list"), node.location)
                continue
            }
            if seq.isEmpty {
                problem(
                    .emptySafetyList,
                    tr("'\(key)' is empty; leave it out instead (the built-in screen applies either way)"),
                    node.location)
            }
            for item in seq {
                guard let line = text(item, key, each: true) else { continue }
                let full = Self.phraseLine(line, except: key == "except")
                if let failure = CrisisScreen.problem(in: full) {
                    problem(
                        .badPhrase, tr("'\(line)' is not a phrase the screen can use: \(failure.message)"),
                        item.location)
                    continue
                }
                layer.phrases.append(full)
            }
        }
        return (layer, findings)
    }

    /// A phrase as a line of the screen's notation: `category: words`, `suicide:` when no
    /// category is given (as in earlier settings files).
    static func phraseLine(_ phrase: String, except: Bool) -> String {
        if except { return "except: " + phrase }
        if let colon = phrase.firstIndex(of: ":"),
            SafetyCategory(rawValue: String(phrase[..<colon]).trimmingSpaces) != nil
        {
            return phrase
        }
        return "suicide: " + phrase
    }

    private static func resources(_ node: Node, problem: (DiagnosticCode, String, SourceLocation) -> Void)
        -> [Resource]?
    {
        guard case .sequence(let seq) = node else {
            problem(.wrongValueType, tr("'resources' should be a list"), node.location)
            return nil
        }
        if seq.isEmpty {
            problem(.emptySafetyList, tr("'resources' is empty: a pause would have no one to point to"), node.location)
            return nil
        }
        var out: [Resource] = []
        for item in seq {
            guard case .mapping(let r) = item, let place = r.value("place")?.scalar?.string,
                let name = r.value("name")?.scalar?.string, let contact = r.value("contact")?.scalar?.string
            else {
                problem(.wrongValueType, tr("each resource needs 'place', 'name' and 'contact'"), item.location)
                continue
            }
            for (key, _) in r {
                let k = key.scalar?.string ?? ""
                let known = ["region", "place", "name", "contact", "for"]
                if !known.contains(k) {
                    problem(.unknownKey, tr("unknown key '\(k)'\(Suggestions.hint(for: k, in: known))"), key.location)
                }
            }
            var region = "*"
            if let node = r.value("region") {
                let given = node.scalar?.string ?? ""
                guard let code = regionCode(given) else {
                    problem(
                        .badRegion, tr("'\(given)' is not a two-letter country code such as US, or '*'"), node.location)
                    continue
                }
                region = code
            }
            var categories: [SafetyCategory] = []
            if let node = r.value("for") {
                let names: [Node] = if case .sequence(let s) = node { Array(s) } else { [node] }
                for nameNode in names {
                    let name = nameNode.scalar?.string ?? ""
                    guard let category = SafetyCategory(rawValue: name) else {
                        let all = SafetyCategory.allCases.map(\.rawValue)
                        let hint = Suggestions.hint(for: name, in: all)
                        let kinds = all.joined(separator: ", ")
                        problem(
                            .wrongValueType, tr("'\(name)' is not a kind of crisis\(hint); use \(kinds)"),
                            nameNode.location)
                        continue
                    }
                    categories.append(category)
                }
            }
            out.append(
                Resource(
                    region: region, place: place.trimmingSpaces, name: name.trimmingSpaces,
                    contact: contact.trimmingSpaces, categories: categories))
        }
        return out
    }

    // MARK: Regions

    /// A region code as the settings use it: two upper-case letters, or `*`. `UK` is `GB`.
    public static func regionCode(_ text: String) -> String? {
        let code = text.trimmingSpaces.uppercased()
        if code == "*" { return "*" }
        guard code.count == 2, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else { return nil }
        return code == "UK" ? "GB" : code
    }

    /// The territory of a POSIX locale name: `en_AU.UTF-8` is `AU`; `C.UTF-8` has none.
    public static func region(fromLocale locale: String) -> String? {
        let name = locale.split(separator: ".").first.map(String.init) ?? ""
        let parts = name.split(separator: "@").first?.split(separator: "_") ?? []
        guard parts.count >= 2 else { return nil }
        return regionCode(String(parts[1]))
    }

    /// The regions that have lines of their own, in file order.
    public var regions: [String] {
        var seen: [String] = []
        for r in resources where r.region != "*" && !seen.contains(r.region) { seen.append(r.region) }
        return seen
    }

    /// The lines to show: for a region with lines of its own, those; for another region, the
    /// ones for anywhere; with no region known, all of them. With `categories`, lines made for
    /// other kinds of crisis are left out.
    public func resources(for region: String?, categories: [SafetyCategory]? = nil) -> [Resource] {
        let wanted = resources.filter { r in
            guard let categories, !r.categories.isEmpty else { return true }
            return r.categories.contains(where: categories.contains)
        }
        guard let region else { return wanted }
        let own = wanted.filter { $0.region == region }
        return own.isEmpty ? wanted.filter { $0.region == "*" } : own
    }
}
