import Foundation
@_exported import TestSupport
import Testing

/// Paths and helpers shared by the goalplan tests.
enum Here {
    /// This test folder.
    static let testsFolder: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast()
        return parts.joined(separator: "/")
    }()

    static let fixtures = testsFolder + "/Fixtures"
    static let snapshots = testsFolder + "/Snapshots"

    /// The goalplan binary built beside the test bundle.
    static var binary: String {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("goalplan").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        return testsFolder + "/../../.build/debug/goalplan"
    }

    /// A new empty folder for one test.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "goalplan-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Compares text with a golden file in Snapshots/; GOALPLAN_RECORD=1 writes it instead.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = Here.snapshots + "/" + name
    let expected = try? String(contentsOfFile: path, encoding: .utf8)
    if ProcessInfo.processInfo.environment["GOALPLAN_RECORD"] == "1" {
        // Recording never passes: a run that rewrote golden files must not count as green.
        guard actual != expected else { return }
        try actual.write(toFile: path, atomically: true, encoding: .utf8)
        Issue.record(
            "recorded Snapshots/\(name) again; check the change with git diff, then run without GOALPLAN_RECORD",
            sourceLocation: sourceLocation)
        return
    }
    guard let expected else {
        Issue.record("no snapshot \(name); run with GOALPLAN_RECORD=1 to record it", sourceLocation: sourceLocation)
        return
    }
    if actual != expected {
        let message = "differs from Snapshots/\(name) (- expected, + actual):\n" + lineDiff(expected, actual)
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}

/// The lines that differ between two texts, as `-` and `+` lines with their line numbers,
/// after the common start and end are set aside: enough to see what changed in a golden file.
func lineDiff(_ old: String, _ new: String) -> String {
    let a = old.split(separator: "\n", omittingEmptySubsequences: false)
    let b = new.split(separator: "\n", omittingEmptySubsequences: false)
    var start = 0
    while start < a.count, start < b.count, a[start] == b[start] { start += 1 }
    var endA = a.count
    var endB = b.count
    while endA > start, endB > start, a[endA - 1] == b[endB - 1] {
        endA -= 1
        endB -= 1
    }
    let removed = a[start..<endA].enumerated().map { "-\(start + $0.offset + 1): \($0.element)" }
    let added = b[start..<endB].enumerated().map { "+\(start + $0.offset + 1): \($0.element)" }
    return (removed + added).prefix(60).joined(separator: "\n")
}

/// What a finished run of the goalplan binary left.
typealias RunResult = ProcessResult

/// Runs the goalplan binary with `input` piped to it, in `folder`.
func runGoalplan(
    _ arguments: [String], input: String = "", in folder: String, environment extra: [String: String] = [:],
    executable: String = Here.binary
) throws -> RunResult {
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.removeValue(forKey: "GOALPLAN_PROMPTS")
    // The width and plain mode follow these: a test says them when it means them.
    environment.removeValue(forKey: "COLUMNS")
    environment.removeValue(forKey: "TERM")
    environment["XDG_STATE_HOME"] = NSTemporaryDirectory() + "goalplan-state-" + UUID().uuidString
    for (k, v) in extra { environment[k] = v }
    return try runProcess(executable, arguments, input: input, in: folder, environment: environment)
}
