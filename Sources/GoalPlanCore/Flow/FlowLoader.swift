/// Reads a flow file and checks it, reporting every problem it finds, compiler-style.
public enum FlowLoader {
    /// The result of reading one file: the flow when it has no errors, and every finding.
    public struct Result: Sendable {
        public var flow: Flow?
        public var diagnostics: [Diagnostic]
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

        public init(flow: Flow?, diagnostics: [Diagnostic]) {
            self.flow = flow
            self.diagnostics = diagnostics
        }
    }

    /// Finds another flow's file by id, for `include`: its bytes and how messages name it.
    public typealias Resolver = (String) -> (bytes: [UInt8], path: String)?

    /// Reads `bytes` as a flow. `path` is how messages name the file; when `expectedID` is
    /// given (the file's name without `.yaml`), the flow's id must match it. `resolve` finds
    /// included flows; without it, an include is an error.
    public static func load(
        _ bytes: [UInt8], path: String, expectedID: String? = nil, resolve: Resolver? = nil
    ) -> Result {
        let context = CheckContext(resolve: resolve)
        var reader = FlowReader(path: path, context: context)
        let flow = reader.read(bytes, expectedID: expectedID)
        let order = context.pathOrder
        let diagnostics = context.diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            let (px, py) = (order[x.path] ?? 0, order[y.path] ?? 0)
            if px != py { return px < py }
            if x.location.line != y.location.line { return x.location.line < y.location.line }
            if x.location.column != y.location.column { return x.location.column < y.location.column }
            return a.offset < b.offset
        }.map(\.element)
        let failed = diagnostics.contains { $0.severity == .error }
        return Result(flow: failed ? nil : flow, diagnostics: diagnostics)
    }

    /// Reads a flow given as text.
    public static func load(_ text: String, path: String, expectedID: String? = nil, resolve: Resolver? = nil) -> Result
    {
        load(Array(text.utf8), path: path, expectedID: expectedID, resolve: resolve)
    }
}

/// What the readers of one flow and the flows it includes share.
final class CheckContext {
    let resolve: FlowLoader.Resolver?
    var diagnostics: [Diagnostic] = []
    /// Each file's place in reading order, so findings come out file by file.
    var pathOrder: [String: Int] = [:]
    /// Where each id was first declared, across included flows.
    var declared: [String: (path: String, location: SourceLocation)] = [:]
    /// The flows being read, outermost first, to find include cycles.
    var including: [String] = []
    /// Every flow included so far, to find one included twice.
    var included: Set<String> = []
    /// Answers visible at the current point, innermost scope last.
    var scopes: [[String: VisibleQuestion]] = [[:]]
    /// How many goal groups (or walks of goals) enclose the current point.
    var goalDepth = 0
    /// How many clinician-only groups (`mode: facilitated`) enclose the current point.
    var facilitatedDepth = 0
    /// Whether the item being read is itself clinician-only.
    var itemFacilitated = false
    /// The ids of the groups being read, innermost last.
    var groupStack: [String] = []
    /// Groups that ended before the current point, by id.
    var finishedGroups: [String: QuestionGroup] = [:]

    init(resolve: FlowLoader.Resolver?) {
        self.resolve = resolve
    }

    func visible(_ id: String) -> VisibleQuestion? {
        for scope in scopes.reversed() {
            if let found = scope[id] { return found }
        }
        return nil
    }

    var visibleIDs: [String] { scopes.flatMap(\.keys) }
}

/// A question whose answer can be used at the current point.
struct VisibleQuestion {
    var question: Question
    /// The group it is asked in, if any.
    var groupID: String?
    /// Whether its answer is the clinician's only (`mode: facilitated`, or within such a group,
    /// or worked out from such an answer): never to be quoted where a client's copy shows it.
    var clinicianOnly = false
}
