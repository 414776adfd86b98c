import Foundation
import GoalPlanCore
import Testing

/// Every broken flow in BrokenFlows/ gives exactly the findings written in expected.txt
/// (the output of `goalplan check FILE` in that folder, one block a file).
@Suite struct BrokenFlowTests {
    static let folder: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast()
        return parts.joined(separator: "/") + "/BrokenFlows"
    }()

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// The expected findings by file name.
    static let expected: [String: [String]] = {
        guard let text = try? String(contentsOfFile: folder + "/expected.txt", encoding: .utf8) else { return [:] }
        var out: [String: [String]] = [:]
        var current = ""
        for line in text.split(separator: "\n") {
            if line.hasPrefix("== ") {
                current = String(line.dropFirst(3))
                out[current] = []
            } else {
                out[current, default: []].append(String(line))
            }
        }
        return out
    }()

    static func resolve(_ id: String) -> (bytes: [UInt8], path: String)? {
        FileManager.default.contents(atPath: "\(folder)/\(id).yaml").map { (Array($0), "\(id).yaml") }
    }

    @Test func thereAreAtLeastFortyBrokenFlows() {
        #expect(Self.files.count >= 40)
        #expect(Set(Self.expected.keys) == Set(Self.files))
    }

    @Test(arguments: files)
    func givesItsExactFindings(_ name: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: "\(Self.folder)/\(name)"))
        let result = FlowLoader.load(
            Array(bytes), path: name, expectedID: String(name.dropLast(5)), resolve: Self.resolve)
        #expect(result.diagnostics.map(\.description) == Self.expected[name] ?? ["(no expectation for \(name))"])
        if name != "fine.yaml" { #expect(!result.diagnostics.isEmpty, "a broken flow must give a finding") }
    }

    @Test func aTenMegabyteGarbageFileIsAnsweredQuickly() {
        var garbage = [UInt8](repeating: 0, count: 10_000_000)
        for i in garbage.indices { garbage[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 13) }
        let result = FlowLoader.load(garbage, path: "garbage.yaml")
        #expect(result.diagnostics.map(\.code) == [.tooLarge])
    }
}
