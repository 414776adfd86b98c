import CMarkdown

/// A Markdown document as cmark-gfm (GitHub's CommonMark parser) reads it, with its table and
/// task-list extensions, copied into Swift values so that the reader works on plain data and
/// no C memory outlives the parse.
struct MarkdownNode {
    enum Kind: Equatable {
        case document, heading(level: Int), paragraph, list(ordered: Bool), item(task: Bool?)
        case blockQuote, codeBlock, htmlBlock, thematicBreak, table, tableRow(header: Bool), tableCell
        case text, softBreak, lineBreak, code, htmlInline, emphasis, strong
        case link(url: String), image(url: String)
        /// Anything else the parser knows (footnotes, custom blocks): read by its source.
        case other(String)
    }

    var kind: Kind
    /// The text of a text, code or HTML node, or a code block's content.
    var literal: String
    var children: [MarkdownNode]
    /// Whether a code block is fenced (```), not indented.
    var fenced = false
    /// Whether cmark gave the node's place in the source. It does not for the paragraph left
    /// above a table that took the paragraph's last line as its header; such a node's lines
    /// are only an estimate, and its source is not to be copied.
    var located = true
    /// The lines of the source (1-based) the node spans; inline nodes carry their block's.
    var startLine: Int
    var endLine: Int

    /// Parses `text`, which may start with a byte-order mark. Every input is a document.
    static func parse(_ text: String) -> MarkdownNode {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let root = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { gp_markdown_parse($0.baseAddress, $0.count) }
        }
        guard let root else {
            return MarkdownNode(kind: .document, literal: "", children: [], startLine: 1, endLine: 1)
        }
        defer { cmark_node_free(root) }
        return MarkdownNode(root, startLine: 1, endLine: 1)
    }

    private init(kind: Kind, literal: String, children: [MarkdownNode], startLine: Int, endLine: Int) {
        self.located = true
        self.kind = kind
        self.literal = literal
        self.children = children
        self.startLine = startLine
        self.endLine = endLine
    }

    private init(_ node: OpaquePointer, startLine parentStart: Int, endLine parentEnd: Int) {
        let type = String(cString: cmark_node_get_type_string(node))
        var start = Int(cmark_node_get_start_line(node))
        var end = Int(cmark_node_get_end_line(node))
        literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        if start <= 0 {
            start = parentStart
            located = false
        }
        // cmark-gfm 0.29 gives an HTML block at the top no end line: its text says how long it is.
        if end < start { end = start + max(0, literal.split(separator: "\n").count - 1) }
        startLine = start
        endLine = end
        if type == "code_block" {
            var length: Int32 = 0
            var offset: Int32 = 0
            var character: CChar = 0
            fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
        }
        switch type {
        case "document": kind = .document
        case "heading": kind = .heading(level: Int(cmark_node_get_heading_level(node)))
        case "paragraph": kind = .paragraph
        case "list": kind = .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST)
        case "item": kind = .item(task: nil)
        case "tasklist": kind = .item(task: gp_markdown_task_checked(node))
        case "block_quote": kind = .blockQuote
        case "code_block": kind = .codeBlock
        case "html_block": kind = .htmlBlock
        case "thematic_break": kind = .thematicBreak
        case "table": kind = .table
        case "table_header": kind = .tableRow(header: true)
        case "table_row": kind = .tableRow(header: false)
        case "table_cell": kind = .tableCell
        case "text": kind = .text
        case "softbreak": kind = .softBreak
        case "linebreak": kind = .lineBreak
        case "code": kind = .code
        case "html_inline": kind = .htmlInline
        case "emph": kind = .emphasis
        case "strong": kind = .strong
        case "link": kind = .link(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "")
        case "image": kind = .image(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "")
        default: kind = .other(type)
        }
        var children: [MarkdownNode] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            var next = MarkdownNode(current, startLine: start, endLine: end)
            if !next.located, !next.isInline {
                // Just after the block before it: near enough to name a line.
                next.startLine = children.last.map { $0.endLine + 1 } ?? start
                next.endLine = next.startLine
            }
            children.append(next)
            child = cmark_node_next(current)
        }
        self.children = children
        // A table is its rows and the delimiter row, a line each; cmark-gfm starts it at the
        // paragraph it took its header from, whose other lines are that paragraph's.
        if kind == .table { startLine = max(startLine, endLine - children.count) }
        // cmark's positions of inline nodes are not kept reliably; their block's are.
        if isInline {
            startLine = parentStart
            endLine = parentEnd
        }
    }

    var isInline: Bool {
        switch kind {
        case .text, .softBreak, .lineBreak, .code, .htmlInline, .emphasis, .strong, .link, .image:
            true
        default: false
        }
    }

    /// The text of inline content as a person reads it: a soft line break (a wrapped line) is
    /// a space, a hard break a new line; markup the plan does not write keeps its characters,
    /// so nothing a person typed is lost (`*so*` stays `*so*`); an autolink is its address.
    var inlineText: String {
        var out = ""
        appendInline(to: &out)
        return out
    }

    private func appendInline(to out: inout String) {
        switch kind {
        case .text, .htmlInline: out += literal
        case .softBreak: out += " "
        case .lineBreak: out += "\n"
        case .code:
            let fence = String(repeating: "`", count: Self.longestRun(of: "`", in: literal) + 1)
            let pad = literal.hasPrefix("`") || literal.hasSuffix("`") ? " " : ""
            out += fence + pad + literal + pad + fence
        case .emphasis: wrap("*", &out)
        case .strong: wrap("**", &out)
        case .link(let url):
            let text = childrenText
            // An address shown as itself (`<https://…>`, or `www.…` linked by a tool) is its text.
            if ["", "mailto:", "http://", "https://"].contains(where: { $0 + text == url }) {
                out += text
            } else {
                out += "[" + text + "](" + url + ")"
            }
        case .image(let url): out += "![" + childrenText + "](" + url + ")"
        default:
            // A block inside inline content does not happen; read it as text all the same.
            out += blockText
        }
    }

    private func wrap(_ mark: String, _ out: inout String) {
        out += mark
        for child in children { child.appendInline(to: &out) }
        out += mark
    }

    private var childrenText: String {
        var out = ""
        for child in children { child.appendInline(to: &out) }
        return out
    }

    /// The text of a block and all it holds, its blocks a line apart: a paragraph's inline
    /// text, a list's items one to a line, a code block's lines.
    var blockText: String {
        if isInline { return inlineText }
        switch kind {
        case .heading:
            // A heading is one line, however it was broken.
            return Self.withoutAttributes(AnswerText.oneLine([childrenText]))
        case .paragraph, .tableCell: return Self.kept(childrenText)
        case .codeBlock, .htmlBlock: return Self.kept(literal)
        case .thematicBreak: return ""
        case .tableRow: return children.map(\.blockText).joined(separator: " | ")
        case .list(let ordered):
            // A list inside an item: its items a line each, with their marks, as written.
            return children.enumerated().map { i, item in (ordered ? "\(i + 1). " : "- ") + item.blockText }
                .joined(separator: "\n")
        case .item(let task?):
            // Outside the steps, a box is part of what was written (a tool may have made
            // an item that began with "[ ]" a task).
            let text = children.map(\.blockText).filter { !$0.isEmpty }.joined(separator: "\n")
            return (task ? "[x] " : "[ ] ") + text
        default:
            return children.map(\.blockText).filter { !$0.isEmpty }.joined(separator: "\n")
        }
    }

    /// Text read from a plan, kept by the rules typed answers are kept by (`AnswerText`): no
    /// control characters, no white space at the ends of a line, no empty lines. What a plan
    /// holds is then always what could have been typed, and writes and reads back the same.
    static func kept(_ text: String) -> String {
        AnswerText.manyLines([text]).joined(separator: "\n")
    }

    /// A heading's text without the attributes pandoc's extended Markdown may add to it
    /// (`## Steps {#steps}`, `{.class}`, `{key=value}`).
    static func withoutAttributes(_ text: String) -> String {
        guard text.hasSuffix("}"), let open = text.lastIndex(of: "{") else { return text }
        let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
        guard let first = inside.first, "#.".contains(first) || inside.contains("="),
            !inside.contains("{"), open == text.startIndex || text[text.index(before: open)] == " "
        else { return text }
        return String(text[..<open]).trimmingSpaces
    }

    static func longestRun(of mark: Character, in text: String) -> Int {
        var longest = 0
        var run = 0
        for c in text {
            run = c == mark ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
