// Where a line of text may break and how wide each character is on a terminal: libunibreak
// (Debian's libunibreak-dev, UAX #14 line breaking) and the C library's wcwidth, read in a
// UTF-8 locale of their own so the answer does not depend on the process's locale.
#ifndef GP_CLINEBREAK_H
#define GP_CLINEBREAK_H

#include <stddef.h>
#include <stdint.h>

/// UAX #14 break opportunities in `count` code points: `breaks[i]` says what may happen
/// after code point i: 0 a break is required, 1 allowed, 2 not allowed.
void gp_line_breaks(const uint32_t *text, size_t count, char *breaks);

/// The columns each code point takes on a terminal (wcwidth in C.UTF-8): 0 for combining
/// marks and other zero-width code points, 2 for wide ones (CJK, most emoji), -1 for
/// control characters.
void gp_display_widths(const uint32_t *text, size_t count, signed char *widths);

#endif
