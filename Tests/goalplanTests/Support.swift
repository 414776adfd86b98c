import Foundation
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
    if ProcessInfo.processInfo.environment["GOALPLAN_RECORD"] == "1" {
        try actual.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
        Issue.record("no snapshot \(name); run with GOALPLAN_RECORD=1 to record it", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "differs from Snapshots/\(name)", sourceLocation: sourceLocation)
}

/// What a finished run of the goalplan binary left.
struct RunResult {
    var status: Int32
    var output: String
    var errors: String
}

/// Runs the goalplan binary with `input` piped to it, in `folder`.
func runGoalplan(
    _ arguments: [String], input: String = "", in folder: String, environment extra: [String: String] = [:]
) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Here.binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.removeValue(forKey: "GOALPLAN_PROMPTS")
    environment["XDG_STATE_HOME"] = NSTemporaryDirectory() + "goalplan-state-" + UUID().uuidString
    for (k, v) in extra { environment[k] = v }
    process.environment = environment
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunResult(
        status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
        errors: String(decoding: err, as: UTF8.self))
}
