import Foundation
import Testing

@testable import goalplan

/// The editor runner on its own: what comes back, what is said when nothing does, and that
/// the file it wrote is gone either way.
@Suite struct ExternalEditorTests {
    func leftovers(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix("answer-") }
    }

    @Test func theSeedGoesInAndWhatIsSavedComesBackTrimmed() throws {
        let folder = try Here.temporaryFolder() + "/state"
        // Upper-cases the file in place: the seed was there, and the text comes back.
        let editor = ExternalEditor(environment: ["EDITOR": "sed -i 's/.*/\\U&/'"], folder: folder)
        #expect(editor.edit("first line\nsecond") == .text(["FIRST LINE", "SECOND"]))
        #expect(leftovers(folder).isEmpty)
    }

    @Test func aFailingOrMissingEditorGivesNothingAndSaysWhy() throws {
        let folder = try Here.temporaryFolder() + "/state"
        let failing = ExternalEditor(environment: ["VISUAL": "false", "EDITOR": "true"], folder: folder)
        #expect(failing.edit("x") == .nothing("The editor stopped with status 1, so its text was not used."))
        let missing = ExternalEditor(environment: ["EDITOR": "/no/such/editor"], folder: folder)
        #expect(missing.edit("x") == .nothing("The editor stopped with status 127, so its text was not used."))
        let none = ExternalEditor(environment: ["EDITOR": "  "], folder: folder)
        guard case .nothing(let why) = none.edit("x") else {
            Issue.record("an editor ran with none set")
            return
        }
        #expect(why.contains("Set VISUAL or EDITOR"))
        #expect(leftovers(folder).isEmpty)
    }
}
