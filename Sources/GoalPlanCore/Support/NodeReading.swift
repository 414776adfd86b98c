/// Typed, checked access to YAML nodes for the readers of goalplan's files (flows and
/// safety settings): a mapping's keys checked against those allowed, text without control
/// characters, whole numbers and true/false, each problem reported at its place in the same
/// words whichever file it is in.
protocol NodeReading {
    func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation)
}

extension NodeReading {
    /// The fields of a mapping, each key checked against `allowed`; `what` names the mapping
    /// in messages (`tr("a question")`, in the current language, or a quoted key), or nothing
    /// when it is the whole file.
    func mapping(_ node: Node, allowed: [String], what: String?) -> [String: Node]? {
        guard case .mapping(let map) = node else {
            error(
                .wrongValueType,
                what.map { tr("expected \($0) as a mapping of 'key: value' lines") }
                    ?? tr("expected a mapping as a mapping of 'key: value' lines"), at: node.location
            )
            return nil
        }
        var fields: [String: Node] = [:]
        for (keyNode, value) in map {
            guard case .scalar(let key) = keyNode else {
                error(.wrongValueType, tr("keys must be plain words"), at: keyNode.location)
                continue
            }
            if allowed.contains(key.string) {
                fields[key.string] = value
            } else {
                error(
                    .unknownKey,
                    (what.map { tr("unknown key '\(key.string)' in \($0)") } ?? tr("unknown key '\(key.string)'"))
                        + Suggestions.hint(for: key.string, in: allowed),
                    at: keyNode.location)
            }
        }
        return fields
    }

    func string(_ node: Node, key: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(.wrongValueType, tr("'\(key)' should be text, not a list or mapping"), at: node.location)
            return nil
        }
        let text = scalar.string
        let safe = TextSanitizer.forDisplay(text)
        if safe != text, let odd = text.unicodeScalars.first(where: { TextSanitizer.isControl($0) }) {
            let hex = String(odd.value, radix: 16, uppercase: true)
            let code = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            error(
                .controlCharacter,
                tr(
                    "'\(key)' holds a control character (U+\(code)), which could change the terminal it is shown in; write plain text"
                ),
                at: node.location)
            return safe
        }
        return text
    }

    func requiredString(_ fields: [String: Node], _ key: String, in owner: Node, what: String) -> String? {
        guard let node = fields[key] else {
            error(.missingKey, tr("\(what) has no '\(key)'"), at: owner.location)
            return nil
        }
        guard let value = string(node, key: key) else { return nil }
        if value.trimmingSpaces.isEmpty {
            error(.missingKey, tr("'\(key)' is empty"), at: node.location)
            return nil
        }
        return value
    }

    func optionalString(_ fields: [String: Node], _ key: String) -> String? {
        fields[key].flatMap { string($0, key: key) }
    }

    func integer(_ node: Node, key: String) -> Int? {
        guard let text = string(node, key: key) else { return nil }
        guard let value = Int(text), abs(value) <= 1_000_000 else {
            error(.wrongValueType, tr("'\(key)' should be a whole number, not '\(text)'"), at: node.location)
            return nil
        }
        return value
    }

    func boolean(_ node: Node, key: String) -> Bool? {
        guard let text = string(node, key: key) else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error(.wrongValueType, tr("'\(key)' should be true or false, not '\(text)'"), at: node.location)
            return nil
        }
    }
}

/// A `NodeReading` that hands each problem to `report`.
struct NodeReader: NodeReading {
    let report: (DiagnosticCode, String, SourceLocation) -> Void
    func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        report(code, message, location)
    }
}
