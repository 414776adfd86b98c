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
        let state = try Here.temporaryFolder() + "/state"
        let folder = state + "/goalplan"
        // Upper-cases the file in place: the seed was there, and the text comes back.
        let editor = ExternalEditor(
            environment: ["EDITOR": "sed -i 's/.*/\\U&/'"], store: DraftStore(environment: ["XDG_STATE_HOME": state]))
        #expect(editor.edit("first line\nsecond") == .text(["FIRST LINE", "SECOND"]))
        #expect(leftovers(folder).isEmpty)
    }

    @Test func aFailingOrMissingEditorGivesNothingAndSaysWhy() throws {
        let state = try Here.temporaryFolder() + "/state"
        let folder = state + "/goalplan"
        let failing = ExternalEditor(
            environment: ["VISUAL": "false", "EDITOR": "true"],
            store: DraftStore(environment: ["XDG_STATE_HOME": state]))
        #expect(failing.edit("x") == .nothing("The editor stopped with status 1, so its text was not used."))
        let missing = ExternalEditor(
            environment: ["EDITOR": "/no/such/editor"], store: DraftStore(environment: ["XDG_STATE_HOME": state]))
        #expect(missing.edit("x") == .nothing("The editor stopped with status 127, so its text was not used."))
        let none = ExternalEditor(
            environment: ["EDITOR": "  "], store: DraftStore(environment: ["XDG_STATE_HOME": state]))
        guard case .nothing(let why) = none.edit("x") else {
            Issue.record("an editor ran with none set")
            return
        }
        #expect(why.contains("Set VISUAL or EDITOR"))
        #expect(leftovers(folder).isEmpty)
    }
}
