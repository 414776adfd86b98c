import Foundation
import GoalPlanCore
import Testing

/// The crisis screen's behaviour, case by case, and the safety settings it comes with. How
/// well it does on statements it was not tuned on is measured in `SafetyCorpusTests`.
@Suite struct SafetyScreenTests {
    static let screen = CrisisScreen.standard

    @Test func theBuiltInLexiconHasNoProblems() {
        #expect(CrisisScreen.standardProblems == [])
    }

    /// Each kind of wording the issue names, and what the screen must do with it.
    static let pauses: [(String, SafetyCategory)] = [
        // Word forms, words in between, misspellings, slang.
        ("I keep hurting him when I lose my temper", .others), ("I want to kill my brother", .others),
        ("i want to just die", .suicide), ("thinking I should kill my self", .suicide),
        ("some days i want to kil myself", .suicide), ("kms", .suicide),
        ("been thinking about unaliving myself", .suicide),
        ("I've been feeling sucidal again", .suicide), ("I want to be dead", .suicide),
        ("I'd rather be dead", .suicide),
        ("I've thought about hanging myself", .suicide), ("I want to slit my wrists", .suicide),
        ("I don't want to live", .suicide), ("I don't want to wake up tomorrow", .suicide),
        // Method, plan, preparation.
        ("I took a bunch of pills before I came here", .method), ("I've been looking at the bridge", .method),
        ("I've been saving up my tablets", .method), ("there's a rope in the shed for when I'm ready", .method),
        ("my dad's gun is in the closet and I know where the key is", .method),
        ("I've written letters to say goodbye", .method), ("I've been giving my things away", .method),
        ("I overdosed last month", .method),
        // Being harmed, by a partner, a parent, or a child at risk.
        ("My partner hits me when he drinks", .harmed), ("he threatens to kill me if I leave", .harmed),
        ("my stepdad is abusing my little sister", .harmed), ("I'm scared to go home", .harmed),
        // Hopelessness and burden.
        ("I'm a burden to everyone", .hopeless), ("I won't be around much longer", .hopeless),
        ("nobody would notice if I was gone", .hopeless),
        // Spanish.
        ("quiero morirme", .suicide), ("ya no quiero vivir", .suicide), ("mi esposo me pega", .harmed),
        ("tengo ganas de matar a mi jefe", .others), ("soy una carga para todos", .hopeless),
        ("he estado guardando pastillas", .method),
        // "down" as swallowing still counts beside a phrasal "calm down".
        ("I am going to down the whole bottle", .method), ("I will calm down and then take all 30 of them", .method),
    ]

    @Test(arguments: pauses)
    func pausesWithTheRightCategory(_ text: String, _ category: SafetyCategory) {
        let found = Self.screen.assess(text)
        #expect(found.pauses.contains(category), "\(text): \(found.reasons)")
    }

    @Test func findsTheWordsInsideALongerAnswer() {
        let answer = """
            Work has been busy and I have not been sleeping well. My partner and I argue most nights
            about money. Honestly some nights I just want to die. I would like to feel calmer.
            """
        #expect(Self.screen.assess(answer).pauses == [.suicide])
    }

    static let everyday = [
        "suicide squeeze in the ninth", "I need to cut myself some slack", "want to die my hair blue",
        "I hurt myself playing football", "This job is killing me", "I'm dying to see that film",
        "my phone died", "I'd kill for a coffee", "I volunteer for a suicide prevention charity",
        "Call the 988 Suicide and Crisis Lifeline", "I take my pills every morning", "lock the knives away",
        "I'm at the end of my rope with the landlord", "Mum will kill me if I'm late", "Me muero de risa",
        // A first step in an intake: "down" with a time after it is winding down, not swallowing.
        "Set a wind-down alarm at 10:30", "wind down at 10:30", "Sit down at 8 and write the list",
    ]

    @Test(arguments: everyday)
    func staysQuietOnEverydayWords(_ text: String) {
        let found = Self.screen.assess(text)
        #expect(found.pauses.isEmpty, "\(text): \(found.reasons)")
    }

    @Test func aDenialGetsAGentleCheckInButADisclosureInTheSameWordsPauses() {
        let denial = Self.screen.assess("I'm not suicidal, just exhausted")
        #expect(denial.pauses.isEmpty)
        #expect(denial.checkIns == [.suicide])
        // The words carry the "not" themselves: always a pause.
        #expect(Self.screen.assess("I don't want to live anymore").pauses == [.suicide])
        // "Trying not to" is not a denial.
        #expect(!Self.screen.assess("I'm trying not to think about killing myself").pauses.isEmpty)
        // A "not" in another clause does not soften this one.
        #expect(!Self.screen.assess("I'm not sleeping, and I want to die").pauses.isEmpty)
    }

    @Test func theReasonsNameTheRuleNeverTheWords() {
        let found = Self.screen.assess("my secret phrase is that I want to die")
        #expect(!found.reasons.isEmpty)
        #expect(found.reasons.allSatisfy { !$0.contains("secret") })
    }

    @Test func aClinicsOwnPhrasesAreAddedToTheBuiltInOnes() {
        let (screen, problems) = Self.screen.adding(["harmed: bluebird code"])
        #expect(problems.isEmpty)
        #expect(screen.assess("it's a bluebird code at home").pauses == [.harmed])
        // The built-in lines still apply.
        #expect(screen.assess("I want to die").pauses == [.suicide])
        #expect(CrisisScreen.problem(in: "harmed: (unclosed") != nil)
        #expect(CrisisScreen.problem(in: "weird: words")?.message.contains("not a category") == true)
    }
}

/// Safety settings: regions, merging a clinic's file over the built-in one, and `check`.
@Suite struct SafetySettingsTests {
    static let builtIn: [UInt8] = {
        let path = Fixtures.prompts + "/safety.yaml"
        return Array(FileManager.default.contents(atPath: path) ?? Data())
    }()

    static func settings(_ extra: String? = nil) -> SafetySettings? {
        var layers = [SafetySettings.read(builtIn, path: "safety.yaml").0].compactMap { $0 }
        if let extra, let layer = SafetySettings.read(Array(extra.utf8), path: "clinic.yaml").0 { layers.append(layer) }
        return SafetySettings(layers: layers)
    }

    @Test func theBuiltInSettingsAreCompleteAndClean() throws {
        let (settings, findings) = SafetySettings.load(Self.builtIn, path: "safety.yaml")
        #expect(findings.isEmpty)
        let s = try #require(settings)
        #expect(s.notice.contains("not a crisis service"))
        #expect(Set(SafetyCategory.allCases).isSubset(of: Set(s.pauses.keys)))
    }

    @Test(arguments: [
        ("US", "988"), ("CA", "988"), ("GB", "116 123"), ("IE", "116 123"), ("AU", "13 11 14"), ("NZ", "1737"),
        ("IN", "14416"), ("ES", "024"), ("MX", "800 911 2000"),
    ])
    func eachRegionHasItsOwnLines(_ region: String, _ number: String) throws {
        let s = try #require(Self.settings())
        let lines = s.resources(for: region)
        #expect(lines.contains { $0.contact.contains(number) })
        #expect(lines.allSatisfy { $0.region == region })
    }

    @Test func canadasLineIsNotLabelledTheUnitedStates() throws {
        let s = try #require(Self.settings())
        #expect(s.resources(for: "CA").allSatisfy { $0.place == "Canada" })
    }

    @Test func anotherRegionGetsTheLinesForAnywhereAndNoRegionGetsThemAll() throws {
        let s = try #require(Self.settings())
        #expect(s.resources(for: "FR").map(\.region).allSatisfy { $0 == "*" })
        #expect(!s.resources(for: "FR").isEmpty)
        #expect(s.resources(for: nil).count == s.resources.count)
    }

    @Test func linesForSomeoneBeingHarmedShowOnlyWhenThatIsWhatPaused() throws {
        let s = try #require(Self.settings())
        let dv = "National Domestic Violence Hotline"
        #expect(s.resources(for: "US", categories: [.harmed]).contains { $0.name == dv })
        #expect(!s.resources(for: "US", categories: [.suicide]).contains { $0.name == dv })
    }

    @Test(arguments: [
        ("en_AU.UTF-8", "AU"), ("en_GB", "GB"), ("es_MX.utf8", "MX"), ("C.UTF-8", nil), ("", nil), ("en_US@euro", "US"),
    ])
    func theRegionComesFromTheLocale(_ locale: String, _ region: String?) {
        #expect(SafetySettings.region(fromLocale: locale) == region)
    }

    @Test func aClinicFileWithOnlyResourcesKeepsTheBuiltInWordsAndScreen() throws {
        let clinic = """
            resources:
              - region: GB
                place: Our clinic
                name: Duty worker
                contact: call 01632 960000 in office hours
            phrases:
              - "harmed: bluebird code"
            """
        let s = try #require(Self.settings(clinic))
        #expect(s.resources.map(\.name) == ["Duty worker"])
        #expect(s.notice.contains("not a crisis service"))
        #expect(s.screen.assess("a bluebird code again").pauses == [.harmed])
        #expect(s.screen.assess("I want to die").pauses == [.suicide])
    }

    @Test(arguments: [
        ("phrases: []\n", "GP029"), ("resources: []\n", "GP029"), ("except: []\n", "GP029"),
        ("phrases:\n  - \"suicide: (broken\"\n", "GP030"), ("region: Narnia\n", "GP031"),
        ("resources:\n  - {region: XYZ, place: a, name: b, contact: c}\n", "GP031"),
        ("pause:\n  sucide: text\n", "GP005"), ("resorces: []\n", "GP005"),
    ])
    func checkReportsSettingsThatWouldTurnThePauseOffOrCannotBeRead(_ yaml: String, _ code: String) {
        let findings = SafetySettings.read(Array(yaml.utf8), path: "safety.yaml").1
        #expect(findings.contains { $0.code.rawValue == code }, "\(findings.map(\.description))")
    }

    @Test func aPhraseWithoutACategoryIsReadAsSuicideAsEarlierFilesWrote() throws {
        let (layer, findings) = SafetySettings.read(Array("phrases:\n  - bluebird code\n".utf8), path: "s.yaml")
        #expect(findings.isEmpty)
        #expect(try #require(layer).phrases == ["suicide: bluebird code"])
    }
}
