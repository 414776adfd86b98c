import Foundation
import GoalPlanCore
import Testing

/// Every YAML example in Prompts/README.md is accepted by the checker: whole flows as they
/// are, fragments of a `questions:` list inside a small flow. Includes of flows that are not
/// shown resolve to a one-question stand-in.
@Suite struct DocumentedExamplesTests {
    static let readme: String = Fixtures.repository + "/Prompts/README.md"

    static var examples: [String] {
        guard let text = try? String(contentsOfFile: readme, encoding: .utf8) else { return [] }
        var out: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "```yaml" {
                current = []
            } else if line == "```", let block = current {
                out.append(block.joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return out
    }

    static func standIn(_ id: String) -> (bytes: [UInt8], path: String)? {
        (
            Array("id: \(id)\ntitle: \(id)\nquestions:\n  - id: \(id)_q\n    ask: A question from \(id)?\n".utf8),
            "\(id).yaml"
        )
    }

    @Test func thereAreExamplesOfEveryFeature() {
        let all = Self.examples.joined()
        #expect(Self.examples.count >= 5)
        for feature in ["when:", "{{", "repeat:", "for_each:", "include", "choices:", "into:", "default:"] {
            #expect(all.contains(feature), "no example shows \(feature)")
        }
    }

    @Test(arguments: examples)
    func exampleChecksClean(_ yaml: String) {
        if yaml.hasPrefix("notice:") {
            // The safety settings example.
            let (layer, findings) = SafetySettings.read(Array(yaml.utf8), path: "safety.yaml")
            #expect(findings.map(\.description) == [])
            #expect(layer?.resources?.isEmpty == false)
            return
        }
        if yaml.hasPrefix("translation:") {
            // A translation: read as one, and checked against the flow it names in
            // FlowTranslationTests (the documented example is that flow's).
            let (translation, findings) = FlowTranslation.read(Array(yaml.utf8), path: "visit.es.yaml")
            #expect(findings.map(\.description) == [])
            #expect(translation?.questions["feel"]?.choices["bad"] == "No muy bien")
            return
        }
        let flow = yaml.hasPrefix("id:") ? yaml : "id: example\ntitle: Example\nquestions:\n" + yaml
        let result = FlowLoader.load(flow, path: "example.yaml", resolve: Self.standIn)
        #expect(result.diagnostics.map(\.description) == [], "\(flow)")
    }
}
