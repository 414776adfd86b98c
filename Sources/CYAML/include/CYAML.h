// libyaml (Debian's libyaml-dev), read as a stream of events: how flows, answers files and
// safety settings are read. Swift reaches the event's fields directly; these helpers only
// spare it the unions and the parser's lifetime.
#ifndef GP_CYAML_H
#define GP_CYAML_H

#include <stddef.h>
#include <yaml.h>

/// A parser over `length` bytes at `input`, which must stay alive while it is used; NULL if
/// memory runs out. Free it with gp_yaml_parser_free.
yaml_parser_t *gp_yaml_parser_new(const unsigned char *input, size_t length);
void gp_yaml_parser_free(yaml_parser_t *parser);

#endif
