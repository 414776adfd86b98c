// libFuzzer entry points for goalplan's parsers of untrusted input. Built by Tests/Fuzz/run
// with one of -D FUZZ_FLOW, -D FUZZ_PLAN, -D FUZZ_SANITIZER, -D FUZZ_ANSWERS, -D FUZZ_SCREEN,
// -D FUZZ_WRAP;
// not part of the package build.
import GoalPlanCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    #if FUZZ_FLOW
        // Any bytes: findings, never a crash; a flow with no errors must also run.
        let result = FlowLoader.load(bytes, path: "fuzz.yaml", resolve: { _ in nil })
        if let flow = result.flow {
            var session = Session(flow: flow, today: .epoch)
            for _ in 0..<64 {
                guard !session.isFinished else { break }
                session.submit(["1"])
                if case .invalid = session.submit([""]) { session.skip() }
            }
            _ = MarkdownWriter().write(PlanBuilder.build(flow: flow, answers: session.answers, started: .epoch))
            _ = FlowOutline.render(flow)
        }
    #elseif FUZZ_PLAN
        // Any text as a plan: read it or name a line; what reads must write and read back the same.
        let text = String(decoding: bytes, as: UTF8.self)
        if let plan = try? MarkdownReader.read(text) {
            let written = MarkdownWriter().write(plan)
            guard let again = try? MarkdownReader.read(written), MarkdownWriter().write(again) == written else {
                fatalError("a plan that was read does not write and read back stably")
            }
            _ = HTMLWriter().write(plan)
            _ = PlanJSON.encode(plan)
            _ = TerminalRenderer().render(plan)
        }
    #elseif FUZZ_SANITIZER
        // Cleaned text holds no control character, escape or bidirectional override.
        let cleaned = TextSanitizer.clean(String(decoding: bytes, as: UTF8.self))
        for s in cleaned.unicodeScalars {
            let v = s.value
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                fatalError("a control character survived cleaning: U+\(String(v, radix: 16))")
            }
        }
        _ = MarkdownEscaping.inline(cleaned)
        for s in TextSanitizer.forDisplay(String(decoding: bytes, as: UTF8.self)).unicodeScalars
        where s.value == 0x1B || s.value == 0x9B || s.value == 0x07 || (0x202A...0x202E).contains(s.value) {
            // Only goalplan's own styles may keep an ESC, and those are made elsewhere.
            if s.value != 0x1B { fatalError("a control survived forDisplay: U+\(String(s.value, radix: 16))") }
        }
    #elseif FUZZ_ANSWERS
        // Any text as answers, kept by the rules of AnswerText, comes back exactly through the
        // plan's Markdown, wherever it lands; and the rules change nothing the second time.
        let raw = String(decoding: bytes, as: UTF8.self)
        let parts = raw.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
        let one = AnswerText.oneLine(parts)
        let many = AnswerText.manyLines(parts)
        guard AnswerText.oneLine([one]) == one, AnswerText.manyLines([many.joined(separator: "\n")]) == many else {
            fatalError("the answer rules are not idempotent")
        }
        let items = parts.map { AnswerText.oneLine([$0]) }.filter { !$0.isEmpty }
        let long = many.joined(separator: "\n")
        var plan = Plan(started: .epoch, concerns: items, hopes: long.isEmpty ? [] : [long])
        plan.name = one.isEmpty ? nil : one
        var goal = Goal(title: one.isEmpty ? "Goal" : one, why: long.isEmpty ? nil : long)
        goal.steps = items.map { PlanStep($0) }
        goal.obstacles = one.isEmpty ? [] : [Obstacle(what: one, plan: long.isEmpty ? nil : long)]
        // A note always has an answer (PlanBuilder writes none for an empty one).
        goal.notes =
            (items.isEmpty ? [] : [Note(question: "Q?", answer: .items(items))])
            + (one.isEmpty ? [] : [Note(question: "R?", answer: .text(one))])
        plan.goals = [goal]
        plan.notes = long.isEmpty ? [] : [Note(question: "S?", answer: .text(long))]
        let written = MarkdownWriter().write(plan)
        guard let read = try? MarkdownReader.read(written) else {
            fatalError("a plan of kept answers does not read back")
        }
        guard read == plan else { fatalError("kept answers did not come back exactly:\n\(written)") }
    #elseif FUZZ_SCREEN
        // Any text: the crisis screen answers, never crashes, and quotes nothing back.
        let text = String(decoding: bytes, as: UTF8.self)
        let found = CrisisScreen.standard.assess(text)
        for reason in found.reasons where !text.isEmpty && text.count > 12 && reason.contains(text) {
            fatalError("a reason quotes the answer")
        }
    #elseif FUZZ_WRAP
        // Any text at any width: wrapped without a crash, no line wider than the width unless
        // it holds one character, and nothing but spaces lost.
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        let width = Int(bytes.first ?? 40) % 90 + 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let lines = TerminalText.wrap(String(line), width: width, hanging: "  ")
            for out in lines where TerminalText.width(out) > width && TerminalText.plain(out).trimmingSpaces.count > 1 {
                fatalError("a line of \(TerminalText.width(out)) columns at width \(width)")
            }
            // By code point: a lone accent at a line's start joins the indent's space as one character.
            // Style codes aside: a style open at a line's end is closed there and opened again.
            func visible(_ s: String) -> [Unicode.Scalar] { TerminalText.plain(s).unicodeScalars.filter { $0 != " " } }
            guard visible(lines.joined()) == visible(String(line)) else { fatalError("text was lost") }
        }
        _ = TerminalText.reflow(text)
    #endif
    return 0
}
