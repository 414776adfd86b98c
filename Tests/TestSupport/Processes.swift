import Foundation

/// What a finished program left: its exit status and what it wrote.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String
}

/// Runs `executable` with `input` on its standard input and returns what it wrote. Standard
/// error is read on a thread of its own while standard output is read here, so a program that
/// writes much to both cannot fill one pipe and wait on it for ever.
public func runProcess(
    _ executable: String, _ arguments: [String], input: String = "", in folder: String? = nil,
    environment: [String: String]? = nil
) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    if let environment { process.environment = environment }
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let errors = Collected()
    let reader = Thread {
        errors.data = stderr.fileHandleForReading.readDataToEndOfFile()
        errors.done.signal()
    }
    reader.start()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    errors.done.wait()
    return ProcessResult(
        status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
        errors: String(decoding: errors.data, as: UTF8.self))
}

/// Runs a shell command line (in `folder`, when given) and returns its exit status; what it
/// writes is thrown away.
@discardableResult
public func shell(_ command: String, in folder: String? = nil) throws -> Int32 {
    try runProcess("/bin/sh", ["-c", command], in: folder).status
}

/// Bytes filled in by one thread, read by another after `done` is signalled.
private final class Collected: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}
