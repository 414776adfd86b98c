/// A flow written out on paper for a clinician to review: every question, its type, what it
/// requires, where its answer goes, and when it is asked, in plain words.
public enum FlowOutline {
    public static func render(_ flow: Flow) -> String {
        var lines = ["\(flow.title) (\(flow.id))"]
        if let intro = flow.intro { lines += intro.trimmingSpaces.split(separator: "\n").map { "  \($0)" } }
        if let m = flow.measure { lines += measureLines(m, indent: "") }
        var number = 0
        walk(flow.items, indent: "", number: &number, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func walk(_ items: [FlowItem], indent: String, number: inout Int, into lines: inout [String]) {
        for item in items {
            switch item {
            case .question(let q) where q.type == .computed:
                lines.append("")
                var text = indent + tr("= [\(q.id)] worked out: \(q.compute?.words ?? "")")
                if !q.bands.isEmpty {
                    let bands = q.bands.map {
                        "\(ComputedValue.format($0.from))-\(ComputedValue.format($0.to)) \($0.label)"
                    }
                    text += tr(", in words: \(bands.joined(separator: " · "))")
                }
                if let label = q.label { text += tr("; in the plan as \"\(label)\"") }
                if let field = q.into { text += " → \(field.rawValue)" }
                lines.append(text)
                if let when = q.when { lines.append(indent + tr("   Only if \(when.words).")) }
            case .question(let q) where q.type == .display:
                lines.append("")
                lines.append(indent + tr("» Shown: \(q.ask.trimmingSpaces.replacingNewlines)"))
                if let when = q.when { lines.append(indent + tr("   Only if \(when.words).")) }
            case .question(let q):
                number += 1
                lines.append("")
                lines.append("\(indent)\(number). \(q.ask.trimmingSpaces.replacingNewlines)")
                lines.append("\(indent)   [\(q.id)] \(describe(q))")
                if let above = q.safetyAbove {
                    lines.append(indent + tr("   A score above \(above) opens the safety pause."))
                }
                if !q.choices.isEmpty {
                    let choices = q.choices.map { c in c.value.map { "\($0) \(c.label)" } ?? c.label }
                    lines.append(indent + tr("   Choices: \(choices.joined(separator: " · "))"))
                }
                if let from = q.choicesFrom {
                    lines.append(
                        indent
                            + (from == .goalLevels
                                ? tr("   Choices: the goal's levels, -2 to +2") : tr("   Choices: the goal's steps")))
                }
                if let when = q.when { lines.append(indent + tr("   Asked only if \(when.words).")) }
            case .group(let g):
                lines.append("")
                var heading =
                    indent + (g.title.map { tr("[\($0) · group \(g.id)]") } ?? tr("[group \(g.id)]"))
                if let walked = g.forEach {
                    heading += tr(" once for each round of '\(walked)'")
                } else if let rule = g.repeatRule {
                    heading += tr(" \(rule.min) to \(rule.max) times; after each: \"\(rule.more)\"")
                }
                if g.into == .goals { heading += tr(" → each is a goal") }
                lines.append(heading)
                if let when = g.when { lines.append(indent + tr("   Asked only if \(when.words).")) }
                walk(g.items, indent: indent + "    ", number: &number, into: &lines)
            case .section(let s):
                lines.append("")
                lines.append(indent + tr("== \(s.title) (from flow '\(s.flowID)') =="))
                if let m = s.measure { lines += measureLines(m, indent: indent) }
                walk(s.items, indent: indent, number: &number, into: &lines)
            }
        }
    }

    private static func measureLines(_ m: Measure, indent: String) -> [String] {
        var text =
            indent
            + (m.code.map { tr("  A measure, \(m.name) (\($0)): its score is [\(m.score)]") }
                ?? tr("  A measure, \(m.name): its score is [\(m.score)]"))
        if let most = m.maximum { text += tr(", at most \(ComputedValue.format(most))") }
        if let band = m.band { text += tr(", in words [\(band)]") }
        return [text + tr("; each time, one dated row in the plan.")]
    }

    private static func describe(_ q: Question) -> String {
        var parts = [q.type.rawValue, q.required ? tr("required") : tr("optional")]
        switch q.type {
        case .scale:
            let b = q.scaleBounds
            let low = q.minLabel ?? tr("low", context: "scale")
            let high = q.maxLabel ?? tr("high", context: "scale")
            parts.append(tr("\(b.lowerBound) (\(low)) to \(b.upperBound) (\(high))"))
        case .list, .multi:
            if let min = q.min, let max = q.max {
                parts.append(tr("\(min) to \(max)"))
            } else if let max = q.max {
                parts.append(tr("up to \(max)"))
            } else if let min = q.min {
                parts.append(tr("at least \(min)"))
            }
        case .text, .long:
            if let max = q.max { parts.append(tr("at most \(max) characters")) }
        default:
            break
        }
        if q.pattern != nil { parts.append(tr("must match a pattern")) }
        if let value = q.defaultValue { parts.append(tr("default: \(value)")) }
        if !q.record { parts.append(tr("steers the flow, not written in the plan")) }
        var text = parts.joined(separator: ", ")
        if let field = q.into { text += " → \(field.rawValue)" }
        return "(\(text))"
    }
}

extension String {
    var replacingNewlines: String {
        split(separator: "\n", omittingEmptySubsequences: true).joined(separator: " / ")
    }
}
