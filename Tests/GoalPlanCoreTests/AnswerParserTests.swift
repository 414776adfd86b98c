import GoalPlanCore
import Testing

@Suite struct AnswerParserTests {
    typealias Case = (question: Question, input: [String], expected: AnswerParser.Result)

    static let areas = ["Emotional resilience", "Behavioural change", "Cognitive change", "Relationships"]

    static let cases: [Case] = [
        // text
        (Fixtures.question(.text), ["  Sam  "], .accepted(.text("Sam"))),
        (Fixtures.question(.text), [""], .accepted(.skipped)),
        (Fixtures.question(.text, required: true), ["   "], .invalid("This question needs an answer.")),
        (Fixtures.question(.text, defaultValue: "Sam"), [""], .accepted(.text("Sam"))),
        (Fixtures.question(.text, max: 3), ["abcd"], .invalid("Please keep it to 3 characters or fewer (this has 4).")),
        (Fixtures.question(.text, min: 3), ["ab"], .invalid("Please write at least 3 characters.")),
        (Fixtures.question(.text), ["a\u{1B}[31mred\u{1B}[0m\u{202E}x"], .accepted(.text("aredx"))),
        // long
        (Fixtures.question(.long), ["", "First line  ", "", "Second", ""], .accepted(.text("First line\nSecond"))),
        // list
        (Fixtures.question(.list), ["one", " ", "two "], .accepted(.items(["one", "two"]))),
        (Fixtures.question(.list, required: true, min: 2), ["one"], .invalid("Please give at least 2 items.")),
        (Fixtures.question(.list, max: 1), ["one", "two"], .invalid("Please give no more than 1 item (you gave 2).")),
        (Fixtures.question(.list, required: true), [], .invalid("This question needs an answer.")),
        // choice
        (Fixtures.question(.choice, choices: areas), ["2"], .accepted(.choice("behavioural_change"))),
        (Fixtures.question(.choice, choices: areas), ["RELATIONSHIPS"], .accepted(.choice("relationships"))),
        (Fixtures.question(.choice, choices: areas), ["emo"], .accepted(.choice("emotional_resilience"))),
        (Fixtures.question(.choice, choices: areas), ["cognitive_change"], .accepted(.choice("cognitive_change"))),
        (Fixtures.question(.choice, choices: areas), ["5"], .invalid("Please pick a number from 1 to 4.")),
        (
            Fixtures.question(.choice, choices: ["Sleep", "Slow down"]), ["sl"],
            .invalid("\"sl\" could be \"Sleep\" or \"Slow down\". Type a little more, or the number.")
        ),
        (
            Fixtures.question(.choice, choices: areas), ["happiness"],
            .invalid("\"happiness\" is not one of the choices. Type a number from 1 to 4, or the start of a choice.")
        ),
        // multi
        (
            Fixtures.question(.multi, choices: areas), ["4, emo,2"],
            .accepted(.choices(["emotional_resilience", "behavioural_change", "relationships"]))
        ),
        // A label holding a comma, typed whole, by its start, or among others.
        (
            Fixtures.question(.multi, choices: ["Calm", "Sleep, health or my body", "Sleep less"]),
            ["calm, Sleep, health or my body"], .accepted(.choices(["calm", "sleep,_health_or_my_body"]))
        ),
        (
            Fixtures.question(.multi, choices: ["Calm", "Sleep, health or my body", "Sleep less"]),
            ["sleep,health, 1"], .accepted(.choices(["calm", "sleep,_health_or_my_body"]))
        ),
        (
            Fixtures.question(.multi, choices: ["Calm", "Sleep, health or my body", "Sleep less"]),
            ["Sleep less, calm"], .accepted(.choices(["calm", "sleep_less"]))
        ),
        (
            Fixtures.question(.multi, choices: areas, max: 1), ["1,2"],
            .invalid("Please give no more than 1 choice (you gave 2).")
        ),
        // scale
        (Fixtures.question(.scale), ["7"], .accepted(.number(7))),
        (Fixtures.question(.scale), ["0"], .accepted(.number(0))),
        (Fixtures.question(.scale), ["11"], .invalid("Please give a whole number from 0 to 10.")),
        (Fixtures.question(.scale), ["seven"], .invalid("Please give a whole number from 0 to 10.")),
        (Fixtures.question(.scale, min: -2, max: 2), ["-2"], .accepted(.number(-2))),
        // yesno
        (Fixtures.question(.yesno), ["Y"], .accepted(.yes(true))),
        (Fixtures.question(.yesno), ["no"], .accepted(.yes(false))),
        (Fixtures.question(.yesno), ["maybe"], .invalid("Please answer yes or no (y or n).")),
        // date
        (Fixtures.question(.date), ["2026-12-11"], .accepted(.date(CalendarDate(year: 2026, month: 12, day: 11)!))),
        (Fixtures.question(.date), ["today"], .accepted(.date(Fixtures.today))),
        (Fixtures.question(.date), ["Tomorrow"], .accepted(.date(CalendarDate(year: 2026, month: 11, day: 28)!))),
        (Fixtures.question(.date), ["in 2 weeks"], .accepted(.date(CalendarDate(year: 2026, month: 12, day: 11)!))),
        (Fixtures.question(.date), ["in 3 months"], .accepted(.date(CalendarDate(year: 2027, month: 2, day: 27)!))),
        (Fixtures.question(.date), ["next week"], .accepted(.date(CalendarDate(year: 2026, month: 12, day: 4)!))),
        (
            Fixtures.question(.date, defaultValue: "in 2 weeks"), [""],
            .accepted(.date(CalendarDate(year: 2026, month: 12, day: 11)!))
        ),
        (
            Fixtures.question(.date), ["2026-02-30"],
            .invalid("Please give a date like 2026-12-11, or words like \"in 2 weeks\".")
        ),
        (
            Fixtures.question(.date), ["soon"],
            .invalid("Please give a date like 2026-12-11, or words like \"in 2 weeks\".")
        ),
    ]

    @Test(arguments: cases)
    func parses(_ c: Case) {
        #expect(AnswerParser.parse(c.input, for: c.question, today: Fixtures.today) == c.expected)
    }

    @Test func refusesAnswersOver64KiB() {
        let huge = String(repeating: "a", count: 64 * 1024 + 1)
        #expect(
            AnswerParser.parse([huge], for: Fixtures.question(.text), today: Fixtures.today)
                == .invalid("That answer is longer than 64 KB. Please shorten it."))
    }
}

@Suite struct CalendarDateTests {
    @Test(arguments: ["1970-01-01", "2000-02-29", "2026-11-27", "2400-12-31", "0001-01-01"])
    func dayNumbersRoundTrip(_ iso: String) throws {
        let date = try #require(CalendarDate(iso: iso))
        #expect(date.iso == iso)
        #expect(CalendarDate(dayNumber: date.dayNumber) == date)
        #expect(date.adding(days: 1).dayNumber == date.dayNumber + 1)
    }

    @Test func epochIsDayZero() {
        #expect(CalendarDate.epoch.dayNumber == 0)
        #expect(CalendarDate(iso: "2026-11-27")?.dayNumber == 20_784)
    }

    @Test(arguments: ["2026-13-01", "2026-02-29", "26-11-27", "2026-1-27", "２０２６-11-27", "", "2026-11-27x"])
    func rejectsNonDates(_ text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func addingMonthsClampsToTheMonthEnd() {
        let jan31 = CalendarDate(year: 2027, month: 1, day: 31)!
        #expect(jan31.adding(months: 1).iso == "2027-02-28")
        #expect(jan31.adding(months: 13).iso == "2028-02-29")
        #expect(jan31.adding(months: -2).iso == "2026-11-30")
    }

    @Test func longFormReadsAsOnPaper() {
        #expect(Fixtures.today.longForm == "27 November 2026")
        #expect(Fixtures.today.weekday == "Friday")
        // Around the start of the count, a leap day, and before 1970.
        let days = [
            ("1970-01-01", "Thursday"), ("2024-02-29", "Thursday"), ("1969-12-31", "Wednesday"),
            ("2000-01-01", "Saturday"), ("1900-03-01", "Thursday"),
        ]
        for (iso, name) in days { #expect(CalendarDate(iso: iso)?.weekday == name, "\(iso)") }
    }
}

@Suite struct TextSanitizerTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("tab\there", "tab here"),
        ("bell\u{07}null\u{00}del\u{7F}", "bellnulldel"),
        ("\u{1B}[2J\u{1B}[Hcleared", "cleared"),
        ("title\u{1B}]0;owned\u{07}!", "title!"),
        ("c1\u{9B}31mx\u{85}y", "c1xy"),
        ("bidi \u{202E}txt\u{202C} \u{2066}iso\u{2069}", "bidi txt iso"),
        ("emoji 🙂 and עברית stay", "emoji 🙂 and עברית stay"),
        ("Zoë", "Zoë"),
    ])
    func cleans(_ pair: (String, String)) {
        #expect(TextSanitizer.clean(pair.0) == pair.1)
    }
}
