#include "CYAML.h"
#include <stdlib.h>

yaml_parser_t *gp_yaml_parser_new(const unsigned char *input, size_t length) {
    yaml_parser_t *parser = malloc(sizeof(yaml_parser_t));
    if (parser == NULL) return NULL;
    if (!yaml_parser_initialize(parser)) {
        free(parser);
        return NULL;
    }
    yaml_parser_set_input_string(parser, input, length);
    yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING);
    return parser;
}

void gp_yaml_parser_free(yaml_parser_t *parser) {
    if (parser == NULL) return;
    yaml_parser_delete(parser);
    free(parser);
}
