#ifndef GOALPLAN_CMARKDOWN_H
#define GOALPLAN_CMARKDOWN_H

#include <stdbool.h>
#include <stddef.h>
#include <cmark-gfm.h>

/// Parses CommonMark with GitHub's extensions for tables and task lists. Returns the document node (free it with cmark_node_free), or NULL when out of
/// memory. Never fails on any input: every byte sequence is a document.
cmark_node *gp_markdown_parse(const char *text, size_t length);

/// Whether `node` is a task-list item (`- [ ]` or `- [x]`), and then whether it is ticked.
bool gp_markdown_is_task(cmark_node *node);
bool gp_markdown_task_checked(cmark_node *node);

#endif
