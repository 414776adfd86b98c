#include "CMarkdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <string.h>

/* Only tables and task lists. Not "autolink": it matches bare addresses on the raw source, so
 * an escaped character after one (`example.org/a\_b`, a hard break's `\`) becomes part of the
 * link and the text read back is not the text written; CommonMark's own `<https://...>` links
 * are read all the same. Not "strikethrough": it takes a single `~` too, which formatters
 * leave unescaped (`~so~`), and a plan never writes struck-out text. */
static const char *const extensions[] = {"table", "tasklist"};

cmark_node *gp_markdown_parse(const char *text, size_t length) {
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    if (parser == NULL) return NULL;
    for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
        cmark_syntax_extension *extension = cmark_find_syntax_extension(extensions[i]);
        if (extension != NULL) cmark_parser_attach_syntax_extension(parser, extension);
    }
    cmark_parser_feed(parser, text, length);
    cmark_node *document = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return document;
}

bool gp_markdown_is_task(cmark_node *node) {
    const char *type = cmark_node_get_type_string(node);
    return type != NULL && strcmp(type, "tasklist") == 0;
}

bool gp_markdown_task_checked(cmark_node *node) {
    return cmark_gfm_extensions_get_tasklist_item_checked(node);
}
