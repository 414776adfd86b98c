import Foundation
import GoalPlanCore
import Testing

/// The safety pause fires on crisis language and stays quiet on everyday turns of phrase,
/// with the phrase list shipped in Prompts/safety.yaml.
@Suite struct SafetyScreenTests {
    static let settings: SafetySettings? = {
        let path = Fixtures.prompts + "/safety.yaml"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return SafetySettings.load(Array(data), path: "Prompts/safety.yaml").0
    }()

    static let crisis = [
        "I want to die", "i wanna die", "Sometimes I just want to die.", "He said he wants to die",
        "I wish I was dead", "I wish I were dead", "I wish I had never been born",
        "Everyone would be better off without me",
        "I'd be better off dead", "I want to kill myself", "I've thought about killing myself",
        "I'm going to end my life",
        "thinking about ending my life", "I want to end it all", "I keep thinking of ending it all",
        "I might take my own life",
        "I thought about taking my life", "I think about suicide a lot", "I've been feeling suicidal",
        "SUICIDAL thoughts",
        "I hurt myself last week", "I keep hurting myself", "I want to harm myself", "I have been self-harming",
        "self harm", "I cut myself when it gets bad", "I've been cutting myself again", "I burn myself sometimes",
        "I took an overdose last year", "I have no reason to live", "There is nothing to live for",
        "Life is not worth living",
        "I don't want to live anymore", "I don't want to be alive", "I dont want to be here anymore",
        "I can't go on like this", "I cant go on", "Some days I don't want to wake up", "I want to hurt someone",
        "I'm scared I will kill him", "I could hurt other people", "I feel like I want to harm others",
        "I want to die.\nBut I also want to get better.",
    ]

    static let everyday = [
        "This job is killing me", "My feet are killing me", "I could kill for a coffee", "I'm dying to see that film",
        "I nearly died laughing", "My phone died", "I'm dead tired", "Mum will kill me if I'm late",
        "I'm killing it at work", "We killed some time at the park", "The plant died while I was away",
        "I want to get better at sleeping", "I want to stop arguing with my partner", "I'd like to feel calmer",
        "I volunteer for a suicide prevention charity", "We watched Suicide Squad", "Kill the lights please",
        "I hurt my back lifting boxes", "I cut my hair short", "I burned the toast", "My knee hurts",
        "I felt hurt by what she said", "I want to harm nobody", "Self care is hard for me", "I live by myself",
        "I want to live more fully", "Taking my time with it", "I take my life one day at a time",
        "I end my day with a walk", "I finished it all before lunch", "The end of it all was a relief",
        "Dying my hair blue", "Diet makes me want to eat more", "I overdid it at the gym",
        "My dog is my reason to get up",
        "I'm done with this stupid printer", "Deadlines stress me out", "I'm sick of being tired",
        "I killed a spider", "I want to go on holiday", "Going on a diet",
    ]

    @Test func settingsLoad() throws {
        let settings = try #require(Self.settings)
        #expect(settings.resources.map(\.contact).contains { $0.contains("988") })
        #expect(settings.resources.map(\.contact).contains { $0.contains("116 123") })
        #expect(settings.notice.contains("not a crisis service"))
    }

    @Test func thereAreAtLeastFortyEachWay() {
        #expect(Self.crisis.count >= 40)
        #expect(Self.everyday.count >= 40)
    }

    @Test(arguments: crisis)
    func pausesOnCrisisLanguage(_ text: String) throws {
        #expect(try #require(Self.settings).screen.flags(text))
    }

    @Test(arguments: everyday)
    func staysQuietOnEverydayWords(_ text: String) throws {
        #expect(try !#require(Self.settings).screen.flags(text))
    }

    @Test func reportsProblemsInTheSettingsFile() {
        let (settings, findings) = SafetySettings.load(Array("notice: hi\nphrase: [x]\n".utf8), path: "safety.yaml")
        #expect(settings == nil)
        #expect(
            findings.map(\.description).contains(
                "safety.yaml:2:1: error: unknown key 'phrase'; did you mean 'phrases'? [GP005]"))
    }
}
