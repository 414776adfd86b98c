// libFuzzer entry points for goalplan's parsers of untrusted input. Built by Tests/Fuzz/run
// with one of -D FUZZ_FLOW, -D FUZZ_PLAN, -D FUZZ_SANITIZER; not part of the package build.
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
        _ = SafetyScreen(phrases: ["want to die"]).flags(cleaned)
    #endif
    return 0
}
