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

    /// A well-formed flow one byte over the limit, made here rather than kept in git.
    @Test func aFlowJustOverOneMebibyteIsRefusedWithItsReason() {
        let head = "id: too-large\ntitle: T\nquestions:\n  - id: q\n    ask: Q?\n"
        let padding = String(repeating: "# padding\n", count: (YAMLDocument.maximumBytes - head.utf8.count) / 10 + 1)
        let bytes = Array((head + padding).utf8)
        #expect(bytes.count > YAMLDocument.maximumBytes)
        let result = FlowLoader.load(bytes, path: "too-large.yaml")
        #expect(
            result.diagnostics.map(\.description) == [
                "too-large.yaml: error: file is larger than 1 MiB, the most goalplan reads; split it or shorten it [GP002]"
            ])
        // One byte less is read.
        let fits = FlowLoader.load(Array(bytes.prefix(YAMLDocument.maximumBytes)), path: "too-large.yaml")
        #expect(!fits.diagnostics.contains { $0.code == .tooLarge })
    }
}
