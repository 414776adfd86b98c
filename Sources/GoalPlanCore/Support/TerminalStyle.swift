/// Terminal styling: bold, dim, warning and accent text, only on a terminal and never with
/// NO_COLOR set. The one set of styles: the prompts, `show`, and the sanitizer that lets only
/// these sequences through all use it.
public struct TerminalStyle: Equatable, Sendable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// Whether to style: on a terminal, NO_COLOR unset or empty, and TERM not `dumb`.
    public static func wanted(environment: [String: String], isTerminal: Bool) -> Bool {
        guard isTerminal else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    public func bold(_ s: String) -> String { wrap(s, "1") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
    public func warn(_ s: String) -> String { wrap(s, "33") }
    public func accent(_ s: String) -> String { wrap(s, "36") }

    /// Every sequence these styles write: the codes above, and the reset.
    static let sequences = ["0", "1", "2", "33", "36"].map { "\u{1B}[\($0)m" }

    private func wrap(_ s: String, _ code: String) -> String {
        enabled && !s.isEmpty ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}
