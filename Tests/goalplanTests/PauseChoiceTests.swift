import Testing

@testable import goalplan

/// The pause takes a number or a person's own words, and is unsure rather than wrong.
@Suite struct PauseChoiceTests {
    static let all = PauseChoice.allCases

    @Test(arguments: [
        ("1", PauseChoice.carryOn), ("carry on", .carryOn), ("ok, continue", .carryOn),
        ("that's not what I meant", .notWhatIMeant), ("you misunderstood me", .notWhatIMeant),
        ("I was joking", .notWhatIMeant), ("show me who I can talk to", .showLines), ("numbers please", .showLines),
        ("make a safety plan", .safetyPlan), ("update my plan", .safetyPlan), ("stop", .stop),
        ("I'd like to stop for now", .stop), ("5", .stop),
    ])
    func understands(_ typed: String, _ choice: PauseChoice) {
        #expect(PauseChoice.parse(typed, offered: Self.all) == choice)
    }

    @Test(arguments: ["", "9", "0", "banana", "something else", "only"])
    func asksAgainWhenUnsure(_ typed: String) {
        #expect(PauseChoice.parse(typed, offered: Self.all) == nil)
    }

    @Test func aChoiceNotOfferedIsNotTaken() {
        let offered = Self.all.filter { $0 != .safetyPlan }
        #expect(PauseChoice.parse("make a safety plan", offered: offered) == nil)
        #expect(PauseChoice.parse("4", offered: offered) == .stop)
    }
}

/// Spanish words at the pause, whatever the language shown.
@Suite struct PauseChoiceSpanishTests {
    @Test(arguments: [
        ("sigamos", PauseChoice.carryOn), ("seguir con las preguntas", .carryOn), ("continuar", .carryOn),
        ("no es lo que quise decir", .notWhatIMeant), ("era una broma", .notWhatIMeant),
        ("estoy bien", .notWhatIMeant), ("muéstrame con quién puedo hablar", .showLines),
        ("necesito ayuda", .showLines), ("quiero hacer mi plan de seguridad", .safetyPlan),
        ("parar por ahora", .stop), ("no quiero seguir", .stop), ("mejor luego", .stop),
    ])
    func understands(_ typed: String, _ choice: PauseChoice) {
        #expect(PauseChoice.parse(typed, offered: PauseChoice.allCases) == choice)
    }
}
