// Reads and writes a generated plan of 100 goals, 10 steps and 50 reviews each, in process,
// and prints the median times against a baseline in the same run (splitting the same text
// into lines, the least any reader must do). Run by Benchmarks/run.
import Foundation
import GoalPlanCore

func makePlan(goals: Int, steps: Int, reviews: Int) -> Plan {
    let start = CalendarDate(year: 2026, month: 1, day: 5) ?? .epoch
    var plan = Plan(
        name: "Sam | the *tester*", started: start, nextReview: start.adding(days: 14),
        concerns: ["Trouble sleeping since the move", "Arguing at home"], hopes: ["Wake up rested.\nLaugh more."])
    for g in 0..<goals {
        var goal = Goal(
            title: "Goal \(g): sleep seven hours on most nights", area: "Emotional resilience",
            why: "I feel foggy at work", measure: "Seven hours, five nights a week", importance: 8, confidence: 6,
            ratings: [Rating(date: start, value: 2)])
        goal.steps = (0..<steps).map { PlanStep("Step \($0): no phone after 10 pm [weeknights]", done: $0 % 3 == 0) }
        goal.obstacles = [Obstacle(what: "Noise at night", plan: "Use earplugs")]
        goal.reviews = (0..<reviews).map { r in
            Review(
                date: start.adding(days: 14 * (r + 1)), rating: r % 11, helped: "Walks | sleep diary",
                hindered: "Late nights", decision: "Keep going", reason: "It is working")
        }
        plan.goals.append(goal)
    }
    return plan
}

func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return times.sorted()[times.count / 2]
}

if CommandLine.arguments.dropFirst().first == "profile-check" {
    // One load of a generated flow, for a profiler (valgrind --tool=callgrind).
    let flow = generatedFlow(10_000)
    print(FlowLoader.load(flow, path: "medium.yaml").diagnostics.count)
    exit(0)
}

let plan = makePlan(goals: 100, steps: 10, reviews: 50)
let writer = MarkdownWriter()
let text = writer.write(plan)
var sink = 0
let baseline = median(21) { sink &+= text.split(separator: "\n", omittingEmptySubsequences: false).count }
let write = median(21) { sink &+= writer.write(plan).utf8.count }
let read = try median(21) { sink &+= try MarkdownReader.read(text).goals.count }
let roundTrip = try MarkdownReader.read(text) == plan
print(
    String(
        format: "plan of 100 goals x 10 steps x 50 reviews: %d KiB, %d lines", text.utf8.count / 1024,
        text.split(separator: "\n").count))
print(String(format: "  split into lines (baseline)  %8.2f ms", baseline))
print(String(format: "  write Markdown               %8.2f ms  (%.1fx baseline)", write, write / baseline))
print(String(format: "  read Markdown                %8.2f ms  (%.1fx baseline)", read, read / baseline))
print(String(format: "  read and write together      %8.2f ms  (target: under 50 ms)", read + write))
print("  read back equals the plan:   \(roundTrip ? "yes" : "NO")")
if sink == 42 { print("") }

// Where `goalplan check` spends its time: YAML parsing (libyaml events into nodes) against our checks.
func generatedFlow(_ count: Int) -> [UInt8] {
    var text = "id: medium\ntitle: Generated\nquestions:\n"
    for i in 0..<count {
        text += "  - id: q\(i)\n    ask: Question \(i)?\n"
        switch i % 4 {
        case 1: text += "    type: scale\n"
        case 2: text += "    type: choice\n    choices: [Yes, No, Maybe]\n    when: q\(i - 1) > 5\n"
        case 3: text += "    help: About {{q\(i - 3)}}\n"
        default: break
        }
    }
    return Array(text.utf8)
}

let flow10k = generatedFlow(10_000)
let parseOnly = median(5) { sink &+= ((try? YAMLDocument(bytes: flow10k))?.root != nil) ? 1 : 0 }
let loadAll = median(5) { sink &+= FlowLoader.load(flow10k, path: "medium.yaml").diagnostics.count }
print(String(format: "flow of 10,000 questions: %d KiB", flow10k.count / 1024))
print(String(format: "  YAML parsing (libyaml)       %8.2f ms", parseOnly))
print(String(format: "  parse and check in all       %8.2f ms  (checks: %.2f ms)", loadAll, loadAll - parseOnly))

// The crisis screen: making it (once a run, on first use), and screening each answer.
let made = median(1) { sink &+= CrisisScreen.standardProblems.count }
let corpusPath = "Tests/GoalPlanCoreTests/SafetyCorpus/tuning.tsv"
let answers: [String] = ((try? String(contentsOfFile: corpusPath, encoding: .utf8)) ?? "")
    .split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: "\t").last.map(String.init) }
if answers.isEmpty {
    print("crisis screen: run from the top of the checkout to measure it on the corpus")
} else {
    let screen = CrisisScreen.standard
    let all = median(5) { for a in answers { sink &+= screen.assess(a).pauses.count } }
    let longest = String(repeating: answers.prefix(40).joined(separator: " "), count: 12).prefix(64 * 1024)
    let long = median(5) { sink &+= screen.assess(String(longest)).pauses.count }
    print("crisis screen:")
    print(String(format: "  made on first use             %8.2f ms", made))
    print(
        String(
            format: "  %d answers of the corpus      %8.2f ms  (%.3f ms an answer; target: well under 1 ms)",
            answers.count, all, all / Double(answers.count)))
    print(String(format: "  one answer of %d KiB          %8.2f ms", longest.utf8.count / 1024, long))
}

// Walking a flow end to end: a session answering every question in order, as a run does.
@MainActor func walk(_ count: Int) -> Double {
    guard let flow = FlowLoader.load(generatedFlow(count), path: "walk.yaml").flow else { return -1 }
    let today = CalendarDate(year: 2026, month: 1, day: 5) ?? .epoch
    return median(3) {
        var session = Session(flow: flow, today: today)
        var answered = 0
        while let step = session.current {
            switch step {
            case .question(let q):
                switch q.question.type {
                case .scale: session.submit(["7"])
                case .choice: session.submit(["1"])
                default: session.submit(["an answer"])
                }
            case .another: session.submit(["n"])
            }
            answered += 1
        }
        sink &+= answered
    }
}
let walked = [1_000, 4_000, 10_000].map { ($0, walk($0)) }
print("walking a flow end to end (every question answered in order):")
for (count, ms) in walked {
    print(
        String(
            format: "  %6d questions              %8.2f ms  (%.1f µs a question)", count, ms, ms * 1000 / Double(count))
    )
}
