import GoalPlanCore
import Testing

/// The YAML reader over libyaml's events: what it refuses, and where it says the problem is.
@Suite struct YAMLDocumentTests {
    func problem(_ text: String) -> YAMLDocument.Problem? {
        do {
            _ = try YAMLDocument(bytes: Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func readsTextListsAndMappingsWithTheirPlaces() throws {
        let doc = try YAMLDocument(bytes: Array("a: no\nb:\n  - 'x'\n  - \"y\"\nc: |\n  two\n  lines\n".utf8))
        guard case .mapping(let map)? = doc.root else {
            Issue.record("not a mapping")
            return
        }
        #expect(map.count == 3)
        #expect(map.value("a")?.scalar?.string == "no")
        #expect(map.value("a")?.scalar?.style == .plain)
        guard case .sequence(let list)? = map.value("b") else {
            Issue.record("not a list")
            return
        }
        #expect(list.map { $0.scalar?.string } == ["x", "y"])
        #expect(list.map { $0.location } == [SourceLocation(line: 3, column: 5), SourceLocation(line: 4, column: 5)])
        #expect(map.value("c")?.scalar?.string == "two\nlines\n")
        #expect(map.value("c")?.scalar?.style == .literal)
    }

    @Test(arguments: [
        ("a: &x 1\nb: *x\n", DiagnosticCode.anchorOrAlias, 1, 4),
        ("a: 1\n---\nb: 2\n", .yamlSyntax, 2, 1),
        ("a: 1\nb: 2\na: 3\n", .duplicateID, 3, 1),
        ("a: [1, 2\n", .yamlSyntax, 2, 1),
        ("a: b: c\n", .yamlSyntax, 1, 5),
    ])
    func refusesWithThePlace(_ c: (String, DiagnosticCode, Int, Int)) {
        let found = problem(c.0)
        #expect(found?.code == c.1, "\(String(describing: found))")
        #expect(found?.location == SourceLocation(line: c.2, column: c.3), "\(String(describing: found))")
    }

    @Test func refusesNestingPastTheLimit() {
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "\n"
        #expect(problem(deep)?.code == .tooLarge)
    }

    @Test func anEmptyFileHasNoRoot() throws {
        #expect(try YAMLDocument(bytes: []).root == nil)
        #expect(try YAMLDocument(bytes: Array("# only a comment\n".utf8)).root == nil)
    }
}
