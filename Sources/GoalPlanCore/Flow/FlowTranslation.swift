/// A flow's words in another language, kept beside it (`intake.es.yaml` beside `intake.yaml`):
/// its title and intro, and each question's and group's words by id. Ids, types, conditions,
/// choices' ids and where answers go are the flow's own, so answers files and plans mean the
/// same in every language. What a translation leaves out is shown in the flow's language.
public struct FlowTranslation: Sendable, Equatable {
    /// The id of the flow it translates.
    public var flowID: String
    /// The language and region it is written for (`es-US`).
    public var locale: String
    public var title: String?
    public var intro: String?
    public var questions: [String: QuestionWords] = [:]
    public var groups: [String: GroupWords] = [:]
    /// Where each question and group id was written, for messages.
    var places: [String: SourceLocation] = [:]

    /// A question's words; nil where the question keeps its own.
    public struct QuestionWords: Sendable, Equatable {
        public var ask, help, note, label, message, minLabel, maxLabel: String?
        /// Each choice's label, by the choice's id.
        public var choices: [String: String] = [:]
        var choiceOrder: [String] = []
    }

    public struct GroupWords: Sendable, Equatable {
        public var title, intro, more, first: String?
    }

    /// The language of a translation file's name: `es` for `intake.es.yaml`; nil for a flow.
    public static func language(ofFile name: String) -> (flowID: String, language: String)? {
        guard name.hasSuffix(".yaml") else { return nil }
        let base = name.dropLast(5)
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return nil }
        let language = String(base[base.index(after: dot)...])
        guard (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
            return nil
        }
        return (String(base[..<dot]), language)
    }

    static let fileKeys = ["translation", "locale", "title", "intro", "questions", "groups"]
    static let questionKeys = ["ask", "help", "note", "label", "message", "min_label", "max_label", "choices"]
    static let groupKeys = ["title", "intro", "more", "first"]

    /// Reads a translation file; problems are reported with their line and column.
    public static func read(_ bytes: [UInt8], path: String) -> (FlowTranslation?, [Diagnostic]) {
        var findings: [Diagnostic] = []
        let reader = NodeReader { findings.append(Diagnostic(.error, $0, $1, path: path, at: $2)) }
        let root: Node?
        do {
            root = try YAMLDocument(bytes: bytes).root
        } catch {
            return (nil, [Diagnostic(.error, error.code, error.message, path: path, at: error.location)])
        }
        guard let root, let fields = reader.mapping(root, allowed: fileKeys, what: tr("a translation")) else {
            if root == nil {
                reader.error(
                    .emptyFlow, tr("file is empty; a translation needs 'translation' and 'locale'"), at: .unknown)
            }
            return (nil, findings)
        }
        let flowID = reader.requiredString(fields, "translation", in: root, what: tr("the translation"))
        let locale = reader.requiredString(fields, "locale", in: root, what: tr("the translation"))
        if let locale, !FlowReader.isLanguageTag(locale), let node = fields["locale"] {
            reader.error(
                .wrongValueType, tr("'locale' should be a language and region, such as es-US or es-MX"),
                at: node.location)
        }
        var t = FlowTranslation(flowID: flowID ?? "", locale: locale ?? "")
        t.title = reader.optionalString(fields, "title")
        t.intro = reader.optionalString(fields, "intro")
        func entries(_ key: String) -> [(String, Node, SourceLocation)] {
            guard let node = fields[key] else { return [] }
            guard case .mapping(let map) = node else {
                reader.error(
                    .wrongValueType, tr("'\(key)' should be a mapping of ids to their words"), at: node.location)
                return []
            }
            return map.compactMap { k, v in k.scalar.map { ($0.string, v, $0.location) } }
        }
        for (id, node, place) in entries("questions") {
            guard let q = reader.mapping(node, allowed: questionKeys, what: tr("question '\(id)'")) else { continue }
            var words = QuestionWords()
            words.ask = reader.optionalString(q, "ask")
            words.help = reader.optionalString(q, "help")
            words.note = reader.optionalString(q, "note")
            words.label = reader.optionalString(q, "label")
            words.message = reader.optionalString(q, "message")
            words.minLabel = reader.optionalString(q, "min_label")
            words.maxLabel = reader.optionalString(q, "max_label")
            if let choices = q["choices"] {
                if case .mapping(let map) = choices {
                    for (k, v) in map {
                        guard let choiceID = k.scalar?.string, let label = reader.string(v, key: "choices.\(choiceID)")
                        else { continue }
                        words.choices[choiceID] = label
                        words.choiceOrder.append(choiceID)
                    }
                } else {
                    reader.error(
                        .wrongValueType, tr("'choices' should map each choice's id to its words"), at: choices.location)
                }
            }
            t.questions[id] = words
            t.places[id] = place
        }
        for (id, node, place) in entries("groups") {
            guard let g = reader.mapping(node, allowed: groupKeys, what: tr("group '\(id)'")) else { continue }
            t.groups[id] = GroupWords(
                title: reader.optionalString(g, "title"), intro: reader.optionalString(g, "intro"),
                more: reader.optionalString(g, "more"), first: reader.optionalString(g, "first"))
            t.places[id] = place
        }
        return (findings.isEmpty ? t : nil, findings)
    }

    /// The flow's own items (not those of flows it includes), its questions and groups.
    static func ownItems(_ items: [FlowItem]) -> (questions: [Question], groups: [QuestionGroup]) {
        var questions: [Question] = []
        var groups: [QuestionGroup] = []
        func walk(_ items: [FlowItem]) {
            for item in items {
                switch item {
                case .question(let q): questions.append(q)
                case .group(let g):
                    groups.append(g)
                    walk(g.items)
                case .section: continue
                }
            }
        }
        walk(items)
        return (questions, groups)
    }

    /// What `check` says of this translation of `flow`: ids it names that the flow lacks,
    /// words it leaves untranslated, choices that differ, and placeholders the original does
    /// not quote. `path` names the translation in messages.
    public func check(against flow: Flow, path: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func say(_ severity: Diagnostic.Severity, _ code: DiagnosticCode, _ message: String, _ id: String?) {
            out.append(Diagnostic(severity, code, message, path: path, at: id.flatMap { places[$0] } ?? .unknown))
        }
        /// Each key's original and translated words: left out, added, or quoting too much.
        func compare(_ pairs: [(String, String?, String?)], id: String, named: String) {
            for (key, original, translated) in pairs {
                if original != nil && translated == nil {
                    say(.warning, .missingTranslation, tr("\(named) has no '\(key)' in this language"), id)
                }
                if original == nil && translated != nil {
                    say(.error, .extraTranslation, tr("\(named) has no '\(key)' to translate"), id)
                }
                if let original, let translated { out += placeholders(translated, original, "\(id).\(key)", id, say) }
            }
        }
        let (questions, groups) = Self.ownItems(flow.items)
        let byID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let groupByID = Dictionary(groups.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if title == nil { say(.warning, .missingTranslation, tr("the flow's title is not translated"), nil) }
        if flow.intro != nil && intro == nil {
            say(.warning, .missingTranslation, tr("the flow's intro is not translated"), nil)
        }
        let worded = groups.filter { $0.title != nil || $0.intro != nil || $0.repeatRule != nil }
        let owned =
            questions.filter { $0.type.isAsked || $0.type == .display || $0.label != nil }.map(\.id)
            + worded.map(\.id)
        for id in owned where self.questions[id] == nil && self.groups[id] == nil {
            say(
                .warning, .missingTranslation, tr("'\(id)' has no translation; it will be shown as the flow has it"),
                nil)
        }
        for (id, words) in self.questions.sorted(by: { $0.key < $1.key }) {
            guard let q = byID[id] else {
                say(
                    .error, .extraTranslation,
                    tr("'\(id)' is not a question of '\(flow.id)'") + Suggestions.hint(for: id, in: Array(byID.keys)),
                    id)
                continue
            }
            let pairs: [(String, String?, String?)] = [
                ("ask", q.ask, words.ask), ("help", q.help, words.help), ("note", q.note, words.note),
                ("label", q.label, words.label), ("message", q.message, words.message),
                ("min_label", q.minLabel, words.minLabel), ("max_label", q.maxLabel, words.maxLabel),
            ]
            compare(pairs, id: id, named: "'\(id)'")
            if q.choicesFrom == nil, !q.choices.isEmpty || !words.choices.isEmpty {
                let ids = q.choices.map(\.id)
                if words.choiceOrder.count != ids.count || Set(words.choiceOrder) != Set(ids) {
                    let extra = words.choiceOrder.filter { !ids.contains($0) }
                    let missing = ids.filter { words.choices[$0] == nil }
                    say(
                        .error, .choicesDiffer,
                        (ids.count == 1
                            ? tr("'\(id)' has 1 choice and this translation \(words.choiceOrder.count)")
                            : tr("'\(id)' has \(ids.count) choices and this translation \(words.choiceOrder.count)"))
                            + (missing.isEmpty ? "" : tr("; missing: \(missing.joined(separator: ", "))"))
                            + (extra.isEmpty ? "" : tr("; not in the flow: \(extra.joined(separator: ", "))")), id)
                }
                for c in q.choices {
                    if let translated = words.choices[c.id] {
                        out += placeholders(translated, c.label, "\(id).choices.\(c.id)", id, say)
                    }
                }
            }
        }
        for (id, words) in self.groups.sorted(by: { $0.key < $1.key }) {
            guard let g = groupByID[id] else {
                say(.error, .extraTranslation, tr("'\(id)' is not a group of '\(flow.id)'"), id)
                continue
            }
            let pairs: [(String, String?, String?)] = [
                ("title", g.title, words.title), ("intro", g.intro, words.intro),
                ("more", g.repeatRule?.more, words.more), ("first", g.repeatRule?.first, words.first),
            ]
            compare(pairs, id: id, named: tr("group '\(id)'"))
        }
        if let t = title { out += placeholders(t, flow.title, "title", nil, say) }
        if let t = intro, let o = flow.intro { out += placeholders(t, o, "intro", nil, say) }
        return out
    }

    /// An error for each `{{...}}` in `translated` that `original` does not quote.
    private func placeholders(
        _ translated: String, _ original: String, _ what: String, _ id: String?,
        _ say: (Diagnostic.Severity, DiagnosticCode, String, String?) -> Void
    ) -> [Diagnostic] {
        let known = Set(Template.references(in: original).map(\.name))
        for name in Template.references(in: translated).map(\.name) where !known.contains(name) {
            say(.error, .extraTranslation, tr("'\(what)' quotes {{\(name)}}, which the original does not"), id)
        }
        return []
    }

    /// `flow` in this translation's words: its own items, and those of an included flow whose
    /// translation is in `others` (by flow id).
    public static func apply(_ translations: [String: FlowTranslation], to flow: Flow) -> Flow {
        func words(_ items: [FlowItem], _ t: FlowTranslation?) -> [FlowItem] {
            items.map { item in
                switch item {
                case .question(var q):
                    guard let w = t?.questions[q.id] else { return item }
                    q.ask = w.ask ?? q.ask
                    q.help = w.help ?? q.help
                    q.note = w.note ?? q.note
                    q.label = w.label ?? q.label
                    q.message = w.message ?? q.message
                    q.minLabel = w.minLabel ?? q.minLabel
                    q.maxLabel = w.maxLabel ?? q.maxLabel
                    q.choices = q.choices.map { c in
                        var c = c
                        c.label = w.choices[c.id] ?? c.label
                        return c
                    }
                    return .question(q)
                case .group(var g):
                    if let w = t?.groups[g.id] {
                        g.title = w.title ?? g.title
                        g.intro = w.intro ?? g.intro
                        if var rule = g.repeatRule {
                            rule.more = w.more ?? rule.more
                            rule.first = w.first ?? rule.first
                            g.repeatRule = rule
                        }
                    }
                    g.items = words(g.items, t)
                    return .group(g)
                case .section(var s):
                    let inner = translations[s.flowID]
                    s.title = inner?.title ?? s.title
                    s.intro = inner?.intro ?? s.intro
                    s.items = words(s.items, inner)
                    return .section(s)
                }
            }
        }
        let own = translations[flow.id]
        return Flow(
            id: flow.id, title: own?.title ?? flow.title, intro: own?.intro ?? flow.intro,
            items: words(flow.items, own), measure: flow.measure, part: flow.part, locale: own?.locale ?? flow.locale)
    }
}
