import Foundation
import GoalPlanCore
import Testing

/// `goalplan show` and `goalplan export`: golden files of a fixture plan with several goals
/// and reviews, the client copy, and escaping.
@Suite struct ShareTests {
    static let fixture = Here.fixtures + "/shared-plan.md"

    func folderWithPlan() throws -> String {
        let folder = try Here.temporaryFolder()
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: folder + "/plan.md")
        return folder
    }

    @Test func showMatchesTheSnapshot() throws {
        let result = try runGoalplan(["show", Self.fixture, "--width", "72"], in: try Here.temporaryFolder())
        #expect(result.status == 0, "\(result.errors)")
        #expect(!result.output.contains("\u{1B}["), "no colour when not on a terminal")
        try assertSnapshot(result.output, named: "shared-plan.show.txt")
        #expect(result.output.contains("Progress (0-10): 2 → 4 → 6   ▂▃▅"))
        #expect(result.output.split(separator: "\n").allSatisfy { $0.unicodeScalars.count <= 72 })
    }

    @Test(arguments: ["html", "json"])
    func exportMatchesTheSnapshotAndIsStable(_ format: String) throws {
        let folder = try folderWithPlan()
        let first = try runGoalplan(["export", "plan.md", "--format", format], in: folder)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output == "Exported plan.md to plan.\(format) (only you can read it).\n")
        let text = try String(contentsOfFile: folder + "/plan.\(format)", encoding: .utf8)
        try assertSnapshot(text, named: "shared-plan.\(format)")
        let mode =
            try FileManager.default.attributesOfItem(atPath: folder + "/plan.\(format)")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Never replaced without --force; with it, the same plan gives the same bytes.
        let again = try runGoalplan(["export", "plan.md", "--format", format], in: folder)
        #expect(again.status == 73)
        #expect(
            again.errors
                == "goalplan: error: 'plan.\(format)' already exists. Add --force to replace it, or give another path with --out.\n"
        )
        let forced = try runGoalplan(["export", "plan.md", "--format", format, "--force"], in: folder)
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: folder + "/plan.\(format)", encoding: .utf8) == text)
    }

    @Test func jsonFollowsTheDocumentedSchema() throws {
        let folder = try folderWithPlan()
        _ = try runGoalplan(["export", "plan.md", "--format", "json"], in: folder)
        let data = try #require(FileManager.default.contents(atPath: folder + "/plan.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["schema"] as? String == "goalplan.plan")
        #expect(json["version"] as? Int == 1)
        #expect(json["language"] as? String == "en")
        #expect(json["started"] as? String == "2026-11-27")
        let goals = try #require(json["goals"] as? [[String: Any]])
        #expect(goals.count == 2)
        let reviews = try #require(goals[0]["reviews"] as? [[String: Any]])
        #expect(reviews.map { $0["rating"] as? Int } == [4, 6])
        #expect(reviews[0]["hindered"] as? String == "Late nights | screens")
    }

    @Test(arguments: ["html", "json", "markdown"])
    func theClientCopyLeavesOutClinicianText(_ format: String) throws {
        let folder = try folderWithPlan()
        let result = try runGoalplan(
            ["export", "plan.md", "--format", format, "--client-copy", "--out", "copy"], in: folder)
        #expect(result.status == 0, "\(result.errors)")
        let text = try String(contentsOfFile: folder + "/copy", encoding: .utf8)
        for clinicianOnly in [
            "CLINICIAN-ONLY-MARKER", "Cognitive-behavioural (CBT)", "For the clinician", "Interventions",
        ] {
            #expect(!text.contains(clinicianOnly), "\(format) copy has \(clinicianOnly)")
        }
        #expect(text.contains("Sleep seven hours on most nights"))
        let show = try runGoalplan(["show", "plan.md", "--client-copy"], in: folder)
        #expect(!show.output.contains("CLINICIAN-ONLY-MARKER"))
    }

    @Test(arguments: ["html", "json"])
    func aClientCopyHasANameOfItsOwnBesideTheFullExport(_ format: String) throws {
        let folder = try folderWithPlan()
        let full = try runGoalplan(["export", "plan.md", "--format", format], in: folder)
        #expect(full.output == "Exported plan.md to plan.\(format) (only you can read it).\n", "\(full.errors)")
        let copy = try runGoalplan(["export", "plan.md", "--format", format, "--client-copy"], in: folder)
        #expect(copy.status == 0, "\(copy.errors)")
        #expect(copy.output == "Exported plan.md to plan.client.\(format) (only you can read it).\n")
        let fullText = try String(contentsOfFile: folder + "/plan.\(format)", encoding: .utf8)
        let copyText = try String(contentsOfFile: folder + "/plan.client.\(format)", encoding: .utf8)
        #expect(fullText.contains("CLINICIAN-ONLY-MARKER"), "the full export was not replaced by the copy")
        #expect(!copyText.contains("CLINICIAN-ONLY-MARKER"))
        let mode =
            try FileManager.default.attributesOfItem(atPath: folder + "/plan.client.\(format)")[.posixPermissions]
            as? Int
        #expect(mode == 0o600)
    }

    @Test func everyAnswerIsEscapedInHTML() throws {
        let folder = try folderWithPlan()
        _ = try runGoalplan(["export", "plan.md", "--format", "html"], in: folder)
        let html = try String(contentsOfFile: folder + "/plan.html", encoding: .utf8)
        // No tag from an answer survives; each appears as text.
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<the \"tester"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("Goal plan: Sam &lt;the &quot;tester&quot;&gt;"))
        #expect(html.contains("rested &amp; ready"))
        // Self-contained: nothing fetched, nothing run.
        for forbidden in ["<script", "http://", "https://", "<link", "@import"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // Every element that carries text in the page, answers included, is one we wrote.
        let tags = Set(html.matches(of: /<([a-z0-9]+)[\s>\/]/).map { String($0.output.1) })
        let ours: Set<String> = [
            "html", "head", "meta", "title", "style", "body", "footer", "header", "h1", "h2", "h3", "p", "section",
            "dl", "dt",
            "dd", "ul", "li", "span", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "svg",
            "line",
            "text", "polyline", "circle", "div", "br",
        ]
        #expect(tags.subtracting(ours).isEmpty, "unexpected tags: \(tags.subtracting(ours))")
    }
}
