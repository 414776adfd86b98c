/// Turns what a person typed into an answer for a question, or says plainly what is wrong.
public enum AnswerParser {
    public enum Result: Equatable, Sendable {
        case accepted(AnswerValue)
        case invalid(String)
    }

    /// Parses `lines` (one line for most types; several for `long` and `list`).
    ///
    /// Empty input takes the question's default when it has one, is refused when the question
    /// is required, and otherwise counts as skipped.
    public static func parse(_ lines: [String], for question: Question, today: CalendarDate) -> Result {
        // Nothing is asked: the step is only passed.
        if !question.type.isAsked { return .accepted(.skipped) }
        // The text as kept (AnswerText): one line for most types, one a line for a long
        // answer, one an item for a list.
        let cleaned: [String]
        switch question.type {
        case .long: cleaned = AnswerText.manyLines(lines)
        case .list, .multi: cleaned = lines.map { AnswerText.oneLine([$0]) }
        default: cleaned = [AnswerText.oneLine(lines)]
        }
        if cleaned.reduce(0, { $0 + $1.utf8.count }) > TextSanitizer.maximumAnswerBytes {
            return .invalid(
                tr("That answer is longer than \(TextSanitizer.maximumAnswerBytes / 1024) KB. Please shorten it."))
        }
        let meaningful = cleaned.filter { !$0.isEmpty }
        if meaningful.isEmpty {
            if let fallback = question.defaultValue, question.type != .list, question.type != .long {
                return parseFilled([fallback], for: question, today: today)
            }
            return question.required ? .invalid(tr("This question needs an answer.")) : .accepted(.skipped)
        }
        return parseFilled(cleaned, for: question, today: today)
    }

    private static func parseFilled(_ lines: [String], for q: Question, today: CalendarDate) -> Result {
        /// A broken rule the flow author set (pattern, min, max): their words when they gave some.
        func rule(_ ours: String) -> Result { .invalid(q.message ?? ours) }
        let line = trim(lines.first ?? "")
        switch q.type {
        case .computed, .display:
            return .accepted(.skipped)
        case .text:
            if let pattern = q.pattern, !TextPattern.matches(line, pattern) {
                return rule(tr("That does not look like what this question asks for."))
            }
            let length = line.count
            if let min = q.min, length < min {
                return rule(tr("Please write at least \(min) characters."))
            }
            if let max = q.max, length > max {
                return rule(tr("Please keep it to \(max) characters or fewer (this has \(length))."))
            }
            return .accepted(.text(line))
        case .long:
            var kept = lines.map(trimEnd)
            while kept.first?.allSatisfy(\.isWhitespace) == true { kept.removeFirst() }
            while kept.last?.allSatisfy(\.isWhitespace) == true { kept.removeLast() }
            let text = kept.joined(separator: "\n")
            if let pattern = q.pattern, !TextPattern.matches(text, pattern) {
                return rule(tr("That does not look like what this question asks for."))
            }
            if let min = q.min, text.count < min {
                return rule(tr("Please write at least \(min) characters."))
            }
            if let max = q.max, text.count > max {
                return rule(tr("Please keep it to \(max) characters or fewer (this has \(text.count))."))
            }
            return .accepted(.text(text))
        case .list:
            let items = lines.map(trim).filter { !$0.isEmpty }
            if let pattern = q.pattern, let bad = items.first(where: { !TextPattern.matches($0, pattern) }) {
                return rule(tr("\"\(bad)\" does not look like what this question asks for."))
            }
            if let problem = countProblem(items.count, q, of: .items) { return rule(problem) }
            return .accepted(.items(items))
        case .choice:
            switch resolveChoice(line, in: q.choices) {
            case .success(let id): return .accepted(.choice(id))
            case .failure(let message): return .invalid(message.text)
            }
        case .multi:
            var picked: Set<String> = []
            let tokens = lines.flatMap { $0.split(separator: ",") }.map { trim(String($0)) }
                .filter { !$0.isEmpty }
            var i = 0
            while i < tokens.count {
                // A label may hold a comma itself ("Sleep, health or my body"): the longest run
                // of pieces that spells a label, or the start of just one, is that choice.
                if let (id, next) = labelWithCommas(tokens, from: i, in: q.choices) {
                    picked.insert(id)
                    i = next
                    continue
                }
                switch resolveChoice(tokens[i], in: q.choices) {
                case .success(let id): picked.insert(id)
                case .failure(let message): return .invalid(message.text)
                }
                i += 1
            }
            if let problem = countProblem(picked.count, q, of: .choices) { return rule(problem) }
            return .accepted(.choices(q.choices.map(\.id).filter(picked.contains)))
        case .scale:
            let bounds = q.scaleBounds
            guard let n = Int(line), bounds.contains(n) else {
                return rule(tr("Please give a whole number from \(bounds.lowerBound) to \(bounds.upperBound)."))
            }
            return .accepted(.number(n))
        case .yesno:
            guard let yes = YesNo.parse(line) else { return .invalid(YesNo.askAgain) }
            return .accepted(.yes(yes))
        case .date:
            guard let date = parseDate(line, today: today) else {
                return .invalid(
                    tr("Please give a date like \(today.adding(days: 14).iso), or words like \"in 2 weeks\"."))
            }
            return .accepted(.date(date))
        }
    }

    /// The choice whose label, holding commas, is spelled by `tokens[start...j]` for the
    /// largest j (all of it, or the start of that one label alone), and the index after it.
    private static func labelWithCommas(_ tokens: [String], from start: Int, in choices: [Choice]) -> (String, Int)? {
        func words(_ s: String) -> String {
            s.split(separator: ",").map { String($0).trimmingSpaces.lowercased() }.joined(separator: ",")
        }
        let labels = choices.filter { $0.label.contains(",") }.map { (id: $0.id, label: words($0.label)) }
        guard !labels.isEmpty, start + 1 < tokens.count else { return nil }
        for end in stride(from: tokens.count - 1, to: start, by: -1) {
            let typed = words(tokens[start...end].joined(separator: ","))
            if let exact = labels.first(where: { $0.label == typed }) { return (exact.id, end + 1) }
            let starting = labels.filter { $0.label.hasPrefix(typed) }
            if starting.count == 1 { return (starting[0].id, end + 1) }
        }
        return nil
    }

    /// What a list or multi question counts.
    private enum Counted { case items, choices }

    private static func countProblem(_ count: Int, _ q: Question, of counted: Counted) -> String? {
        if let min = q.min, count < min {
            guard q.required || count > 0 else { return nil }
            switch (counted, min) {
            case (.items, 1): return tr("Please give at least 1 item.")
            case (.items, _): return tr("Please give at least \(min) items.")
            case (.choices, 1): return tr("Please give at least 1 choice.")
            case (.choices, _): return tr("Please give at least \(min) choices.")
            }
        }
        if let max = q.max, count > max {
            switch (counted, max) {
            case (.items, 1): return tr("Please give no more than 1 item (you gave \(count)).")
            case (.items, _): return tr("Please give no more than \(max) items (you gave \(count)).")
            case (.choices, 1): return tr("Please give no more than 1 choice (you gave \(count)).")
            case (.choices, _): return tr("Please give no more than \(max) choices (you gave \(count)).")
            }
        }
        return nil
    }

    /// `a or b`, in the current language.
    static func or(_ first: String, _ last: String) -> String { tr("\(first) or \(last)", context: "list") }

    struct ChoiceProblem: Error {
        let text: String
    }

    /// Finds a choice by its number, id, label, or the unambiguous start of its label.
    static func resolveChoice(_ token: String, in choices: [Choice]) -> Swift.Result<String, ChoiceProblem> {
        let typed = token.lowercased()
        if let n = Int(token) {
            // A choice's own number (its value, or a label such as "2") before its place.
            let numbered = choices.filter { $0.number == n }
            if numbered.count == 1 { return .success(numbered[0].id) }
            if numbered.count > 1 {
                let quoted = numbered.map { "\"\($0.label)\"" }
                let either = quoted.dropFirst().reduce(quoted[0], or)
                return .failure(
                    ChoiceProblem(text: tr("\(n) could be \(either). Type the start of the one you mean.")))
            }
            if choices.allNumbered {
                let numbers = choices.compactMap(\.number)
                let listed =
                    numbers.count > 1
                    ? or(numbers.dropLast().map(String.init).joined(separator: ", "), String(numbers.last ?? 0))
                    : numbers.map(String.init).joined()
                return .failure(ChoiceProblem(text: tr("Please type \(listed), or the start of a choice.")))
            }
            guard (1...max(choices.count, 1)).contains(n), !choices.isEmpty else {
                return .failure(ChoiceProblem(text: tr("Please pick a number from 1 to \(choices.count).")))
            }
            return .success(choices[n - 1].id)
        }
        if let exact = choices.first(where: { $0.id.lowercased() == typed || $0.label.lowercased() == typed }) {
            return .success(exact.id)
        }
        let matches = choices.filter { $0.label.lowercased().hasPrefix(typed) || $0.id.lowercased().hasPrefix(typed) }
        switch matches.count {
        case 1:
            return .success(matches[0].id)
        case 0:
            return .failure(
                ChoiceProblem(
                    text: choices.allNumbered
                        ? tr(
                            "\"\(token)\" is not one of the choices. Type the number shown beside a choice, or the start of one."
                        )
                        : tr(
                            "\"\(token)\" is not one of the choices. Type a number from 1 to \(choices.count), or the start of a choice."
                        )))
        default:
            let names = matches.map { "\"\($0.label)\"" }
            return .failure(
                ChoiceProblem(
                    text: tr(
                        "\"\(token)\" could be \(or(names.dropLast().joined(separator: ", "), names.last ?? "")). Type a little more, or the number."
                    )))
        }
    }

    /// Reads `2026-12-11`, `today`, `tomorrow`, `next week`, `next month`, `in 3 days`,
    /// `in 2 weeks`, `in 1 month`.
    /// A date as a person types it, in English or Spanish: `2026-12-11`, `today`, `tomorrow`,
    /// `next week`, `in 2 weeks`, `hoy`, `mañana`, `la próxima semana`, `en 2 semanas`,
    /// `12 de diciembre` (the next one to come) or `12 de diciembre de 2026`.
    public static func parseDate(_ text: String, today: CalendarDate) -> CalendarDate? {
        let words = Self.folded(text).split(whereSeparator: \.isWhitespace).map(String.init).filter {
            !["el", "la", "de", "del"].contains($0)
        }
        switch words {
        case ["today"], ["hoy"]: return today
        case ["tomorrow"], ["manana"]: return today.adding(days: 1)
        case ["next", "week"], ["proxima", "semana"], ["semana", "que", "viene"]: return today.adding(days: 7)
        case ["next", "month"], ["proximo", "mes"], ["mes", "que", "viene"]: return today.adding(months: 1)
        default: break
        }
        if words.count == 3, ["in", "en", "dentro"].contains(words[0]), let n = Int(words[1]) ?? numberWords[words[1]],
            (0...1000).contains(n)
        {
            switch words[2] {
            case "day", "days", "dia", "dias": return today.adding(days: n)
            case "week", "weeks", "semana", "semanas": return today.adding(days: 7 * n)
            case "month", "months", "mes", "meses": return today.adding(months: n)
            default: return nil
            }
        }
        // "12 de diciembre" (the words "de" are gone by now), with a year or without.
        if (2...3).contains(words.count), let day = Int(words[0]), let month = spanishMonths.firstIndex(of: words[1]) {
            if words.count == 3 {
                guard let year = Int(words[2]) else { return nil }
                return CalendarDate(year: year, month: month + 1, day: day)
            }
            guard let thisYear = CalendarDate(year: today.year, month: month + 1, day: day) else { return nil }
            return thisYear < today ? CalendarDate(year: today.year + 1, month: month + 1, day: day) : thisYear
        }
        return CalendarDate(iso: text.trimmingSpaces)
    }

    private static let numberWords = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    ]

    private static let spanishMonths = [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
        "noviembre", "diciembre",
    ]

    /// Lower case, without Spanish accents (`mañana` is `manana`), so either spelling is taken.
    public static func folded(_ text: String) -> String {
        let plain: [Character: Character] = ["á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ü": "u", "ñ": "n"]
        return String(text.lowercased().map { plain[$0] ?? $0 })
    }

    static func trim(_ s: String) -> String { s.trimmingSpaces }
    static func trimEnd(_ s: String) -> String { s.trimmingTrailingSpaces }
}
