import Foundation
import GoalPlanCore
import Testing

/// One spelling throughout: each built-in flow is written for the locale it declares, and the
/// program's own words and documents for en-US (the crisis lines lead with the US). The word
/// lists are Debian's (wamerican and wbritish, installed by `make test-deps`): a word found
/// only in the other variety's list is a spelling of the other variety.
@Suite struct SpellingTests {
    static let repository = Fixtures.repository

    static func words(in file: String) -> Set<String>? {
        guard let text = try? String(contentsOfFile: "/usr/share/dict/\(file)", encoding: .utf8) else { return nil }
        return Set(text.split(separator: "\n").map { $0.lowercased() })
    }

    /// Words only British English spells that way, and words only American English does.
    static let lists: (british: Set<String>, american: Set<String>)? = {
        guard let american = words(in: "american-english"), let british = words(in: "british-english") else {
            return nil
        }
        return (british.subtracting(american), american.subtracting(british))
    }()

    /// The words of a text, lower-cased, each with its line number.
    static func words(of text: String) -> [(word: String, line: Int)] {
        var out: [(String, Int)] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for word in line.split(whereSeparator: { !($0.isLetter || $0 == "'") }) {
                out.append((word.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "'")), n + 1))
            }
        }
        return out
    }

    /// The prose of a file, identifiers left out (they name things and are not read as words):
    /// in Swift, string literals and comments; in Markdown, all but `code`; in YAML, all but
    /// the values of `id`.
    static func prose(_ text: String, file: String) -> String {
        func blank(_ pattern: String, in text: String, keep: Bool = false) -> String {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
            let ns = text as NSString
            var out = ""
            var last = 0
            for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let gap = ns.substring(with: NSRange(location: last, length: m.range.location - last))
                let hit = ns.substring(with: m.range)
                // Keep line breaks so line numbers stay true.
                out += (keep ? gap.filter { $0 == "\n" } : gap) + (keep ? hit : hit.filter { $0 == "\n" })
                last = m.range.location + m.range.length
            }
            let tail = ns.substring(from: last)
            return out + (keep ? tail.filter { $0 == "\n" } : tail)
        }
        if file.hasSuffix(".swift") { return blank(#""(?:[^"\\\n]|\\.)*"|//[^\n]*"#, in: text, keep: true) }
        if file.hasSuffix(".md") { return blank("`[^`\n]*`", in: text) }
        return blank("\\bid: *[A-Za-z0-9_-]+", in: text)
    }

    /// The other variety's spellings in `text`, as `file:line: word`.
    static func foreign(_ text: String, file: String, locale: String) throws -> [String] {
        let lists = try #require(Self.lists, "install Debian's wamerican and wbritish word lists: make test-deps")
        let other = locale == "en-GB" ? lists.american : lists.british
        return words(of: prose(text, file: file)).filter { other.contains($0.word) }.map {
            "\(file):\($0.line): \($0.word)"
        }
    }

    @Test func theWordListsTellTheVarietiesApart() throws {
        let lists = try #require(Self.lists, "install Debian's wamerican and wbritish word lists: make test-deps")
        #expect(lists.british.contains("behaviour") && lists.american.contains("behavior"))
        #expect(
            try Self.foreign("Behavioural change, at the centre", file: "x", locale: "en-US") == [
                "x:1: behavioural", "x:1: centre",
            ])
        #expect(try Self.foreign("Behavioral change", file: "x", locale: "en-GB") == ["x:1: behavioral"])
        // Identifiers are not prose: a choice's id, code in a document, a Swift name.
        #expect(try Self.foreign("  - {id: behaviour, label: Habits}\n", file: "x.yaml", locale: "en-US") == [])
        #expect(
            try Self.foreign("the id `behaviour`, and colour\n", file: "x.md", locale: "en-US") == ["x.md:1: colour"])
        #expect(
            try Self.foreign("case behaviour\nlet x = \"centre\" // a colour\n", file: "x.swift", locale: "en-US") == [
                "x.swift:2: centre", "x.swift:2: colour",
            ])
    }

    @Test func everyBuiltInFlowDeclaresALocaleAndKeepsToIt() throws {
        let folder = Self.repository + "/Prompts"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasSuffix(".yaml") && $0 != "safety.yaml" && FlowTranslation.language(ofFile: $0) == nil
        }
        #expect(names.count >= 10)
        var found: [String] = []
        for name in names.sorted() {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            let result = FlowLoader.load(
                text, path: name, expectedID: String(name.dropLast(5)),
                resolve: { id in
                    FileManager.default.contents(atPath: "\(folder)/\(id).yaml").map { (Array($0), "\(id).yaml") }
                })
            let locale = try #require(result.flow?.locale, "\(name) declares no locale")
            found += try Self.foreign(text, file: name, locale: locale)
        }
        #expect(found == [])
    }

    /// The program's own words: its sources (but for the crisis screen's word lists, which must
    /// know every spelling a person may type) and its documents.
    @Test func theProgramsOwnWordsAreAmericanEnglish() throws {
        let skip = ["CrisisLexicon.swift", "CrisisModelWeights.swift", "ScreenText.swift"]
        var files = ["README.md", "Prompts/README.md", "ARCHITECTURE.md", "Prompts/safety.yaml"]
        for root in ["Sources/goalplan", "Sources/GoalPlanCore", "Sources/LineEditing"] {
            let enumerator = FileManager.default.enumerator(atPath: Self.repository + "/" + root)
            while let path = enumerator?.nextObject() as? String {
                if path.hasSuffix(".swift"), !skip.contains((path as NSString).lastPathComponent) {
                    files.append(root + "/" + path)
                }
            }
        }
        #expect(files.count > 30)
        var found: [String] = []
        for file in files {
            let text = try String(contentsOfFile: Self.repository + "/" + file, encoding: .utf8)
            found += try Self.foreign(text, file: file, locale: "en-US")
        }
        #expect(found == [])
    }
}
