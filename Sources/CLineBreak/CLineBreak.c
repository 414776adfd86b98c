#define _GNU_SOURCE
#include "CLineBreak.h"

#include <linebreak.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static pthread_once_t gp_once = PTHREAD_ONCE_INIT;
static locale_t gp_utf8 = (locale_t)0;

static void gp_start(void) {
    init_linebreak();
    gp_utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (!gp_utf8) gp_utf8 = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
}

/// Debian's libunibreak (1.1) predates the regional indicators' own line-break class: given
/// one (a flag is two), or U+FFFF, it fails an assertion and aborts. Checked for every code
/// point alone, after a letter, before one and after a space; these are the only ones. A
/// regional indicator breaks like an emoji, so it is looked up as one.
static uint32_t gp_safe_for_libunibreak(uint32_t c) {
    if (c >= 0x1F1E6 && c <= 0x1F1FF) return 0x1F600;
    if (c == 0xFFFF || c > 0x10FFFF) return 0xFFFD;
    return c;
}

void gp_line_breaks(const uint32_t *text, size_t count, char *breaks) {
    pthread_once(&gp_once, gp_start);
    if (count == 0) return;
    utf32_t *safe = malloc(count * sizeof *safe);
    if (!safe) {
        // No memory for a copy: allow no break but the last (long lines are then cut to fit).
        memset(breaks, LINEBREAK_NOBREAK, count);
        breaks[count - 1] = LINEBREAK_MUSTBREAK;
        return;
    }
    for (size_t i = 0; i < count; i++) safe[i] = gp_safe_for_libunibreak(text[i]);
    set_linebreaks_utf32(safe, count, NULL, breaks);
    free(safe);
}

void gp_display_widths(const uint32_t *text, size_t count, signed char *widths) {
    pthread_once(&gp_once, gp_start);
    // The locale is changed for this thread only, and put back.
    locale_t before = gp_utf8 ? uselocale(gp_utf8) : (locale_t)0;
    for (size_t i = 0; i < count; i++) {
        uint32_t c = text[i];
        int w;
        if (c >= 0x20 && c < 0x7F) {
            w = 1;
        } else if (gp_utf8) {
            w = wcwidth((wchar_t)c);
        } else {
            w = c < 0x20 || (c >= 0x7F && c < 0xA0) ? -1 : 1;
        }
        widths[i] = (signed char)w;
    }
    if (gp_utf8) uselocale(before);
}
