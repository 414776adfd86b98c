#include "CEditLine.h"

#include <histedit.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <signal.h>
#include <termios.h>

static volatile sig_atomic_t gp_interrupted = 0;
static volatile sig_atomic_t gp_resumed = 0;   // continued after a stop: the terminal needs editing mode again
static volatile sig_atomic_t gp_resized = 0;
static struct termios gp_saved_modes;          // the terminal as goalplan found it
static volatile sig_atomic_t gp_have_saved_modes = 0;
static EditLine *gp_current = NULL;            // the editor a stop or resize applies to
static volatile sig_atomic_t gp_resize_ends_reads = 0;  // a new width ends the read (gp_end_reads_on_resize)
static int gp_read_columns = 0;                // the terminal's width when the read began
static char *gp_resized_line = NULL;           // the line as typed when a new width ended a read
static int gp_wake[2] = {-1, -1};  // the SIGINT handler writes here to wake a waiting read

struct gp_editor {
    EditLine *el;
    History *history;
    char *prompt;
    char **completions;
};

static char *gp_prompt(EditLine *el) {
    gp_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    return (editor && editor->prompt) ? editor->prompt : "";
}

static void gp_free_completions(gp_editor *editor) {
    if (!editor->completions) return;
    for (char **w = editor->completions; *w; w++) free(*w);
    free(editor->completions);
    editor->completions = NULL;
}

/// Tab: completes what is typed so far against the editor's completion words. In a list
/// separated by commas ("1, tired, ca") each item completes: the whole line is tried first (a
/// word may hold a comma itself), then what follows each comma, spaces passed over.
static unsigned char gp_complete(EditLine *el, int ch) {
    (void)ch;
    gp_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    if (!editor || !editor->completions) return CC_ERROR;
    const LineInfo *info = el_line(el);
    const char *end = info->cursor;
    for (const char *start = info->buffer; start && start <= end;) {
        const char *from = start;
        while (from < end && *from == ' ') from++;
        size_t typed = (size_t)(end - from);
        const char *match = NULL;
        size_t common = 0;
        int matches = 0;
        for (char **w = editor->completions; *w; w++) {
            if (strlen(*w) < typed || strncasecmp(*w, from, typed) != 0) continue;
            if (!match) {
                match = *w;
                common = strlen(*w);
            } else {
                size_t i = typed;
                while (i < common && (*w)[i] && (*w)[i] == match[i]) i++;
                common = i;
            }
            matches++;
        }
        if (matches > 0) {
            if (common <= typed) return matches > 1 ? CC_REFRESH_BEEP : CC_ERROR;
            char *insert = strndup(match + typed, common - typed);
            if (!insert) return CC_ERROR;
            el_insertstr(el, insert);
            free(insert);
            return CC_REFRESH;
        }
        // The next item: after the next comma before the cursor.
        const char *comma = memchr(start, ',', (size_t)(end - start));
        start = comma ? comma + 1 : NULL;
    }
    return CC_ERROR;
}

/// Ctrl-X Ctrl-E (as in bash): sends the line as ":edit " and what was typed, which opens the
/// person's own editor ($VISUAL or $EDITOR) with that text.
static unsigned char gp_edit_key(EditLine *el, int ch) {
    (void)ch;
    const LineInfo *info = el_line(el);
    el_cursor(el, -(int)(info->cursor - info->buffer));
    el_insertstr(el, ":edit ");
    info = el_line(el);
    el_cursor(el, (int)(info->lastchar - info->cursor));
    // Enter, as if pressed: the line is shown and ended the way a typed one is.
    el_push(el, "\n");
    return CC_REFRESH;
}

/// Ctrl-C while editing: clears a line that has text; on an empty line, ends the read as an
/// interruption (el_gets returns NULL and gp_take_interrupt reports it).
static unsigned char gp_interrupt_key(EditLine *el, int ch) {
    (void)ch;
    const LineInfo *info = el_line(el);
    if (info->lastchar > info->buffer) {
        el_cursor(el, (int)(info->lastchar - info->cursor));
        el_deletestr(el, (int)(info->lastchar - info->buffer));
        gp_interrupted = 0;
        return CC_REFRESH;
    }
    gp_interrupted = 1;
    return CC_EOF;
}

/// Ctrl-Z while editing: gives the terminal back as it was, stops the job as the terminal
/// would, and on `fg` takes up editing again where it was.
static unsigned char gp_suspend_key(EditLine *el, int ch) {
    (void)ch;
    el_set(el, EL_PREP_TERM, 0);
    kill(0, SIGTSTP);
    el_set(el, EL_PREP_TERM, 1);
    return CC_REDISPLAY;
}

/// Reads one character for libedit. Unlike libedit's own reader, which retries a read that a
/// signal interrupts, a SIGINT (Ctrl-C pressed before the terminal left line mode) comes back
/// as the Ctrl-C key, so it is never swallowed. Bytes that are not UTF-8 come back as U+FFFD.
static int gp_pending = -1;  // a byte read past an invalid sequence, to hand out next

static int gp_getc(EditLine *el, wchar_t *out) {
    char bytes[MB_LEN_MAX];
    size_t count = 0;
    for (;;) {
        unsigned char byte;
        if (gp_pending >= 0) {
            byte = (unsigned char)gp_pending;
            gp_pending = -1;
        } else {
            // Wait for a key or for a Ctrl-C signal, whichever comes first: the signal handler
            // writes to a pipe, so one that lands just before the read is not missed.
            if (gp_interrupted) {
                *out = 3;
                return 1;
            }
            if (gp_resumed) {
                gp_resumed = 0;
                el_set(el, EL_PREP_TERM, 1);
                el_set(el, EL_REFRESH);
            }
            if (gp_resized) {
                gp_resized = 0;
                el_resize(el);
                if (gp_resize_ends_reads && gp_read_columns > 0 && gp_terminal_width(STDOUT_FILENO) != gp_read_columns) {
                    // Wait until the window stops changing (a drag sends many), or a key comes.
                    for (;;) {
                        struct pollfd settle[2] = {{STDIN_FILENO, POLLIN, 0}, {gp_wake[0], POLLIN, 0}};
                        int got = poll(settle, gp_wake[0] >= 0 ? 2 : 1, 200);
                        if (gp_wake[0] >= 0 && got > 0 && (settle[1].revents & POLLIN)) {
                            char drain[16];
                            while (read(gp_wake[0], drain, sizeof drain) > 0) {}
                        }
                        if (gp_resized) {
                            gp_resized = 0;
                            el_resize(el);
                            continue;
                        }
                        break;
                    }
                    if (gp_interrupted) {
                        *out = 3;
                        return 1;
                    }
                    int now = gp_terminal_width(STDOUT_FILENO);
                    if (now > 0 && now != gp_read_columns) {
                        // End the read, keeping what was typed, so the question can be shown
                        // again at the new width and the line given back to edit.
                        const LineInfo *info = el_line(el);
                        free(gp_resized_line);
                        gp_resized_line = strndup(info->buffer, (size_t)(info->lastchar - info->buffer));
                        if (gp_resized_line) {
                            errno = EINTR;
                            return -1;
                        }
                    }
                }
            }
            struct pollfd waits[2] = {{STDIN_FILENO, POLLIN, 0}, {gp_wake[0], POLLIN, 0}};
            int ready = poll(waits, gp_wake[0] >= 0 ? 2 : 1, -1);
            if (ready < 0 && errno != EINTR) return -1;
            if (gp_wake[0] >= 0 && (waits[1].revents & POLLIN)) {
                char drain[16];
                while (read(gp_wake[0], drain, sizeof drain) > 0) {}
            }
            if (gp_interrupted) {
                *out = 3;
                return 1;
            }
            if (ready <= 0 || !(waits[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t got = read(STDIN_FILENO, &byte, 1);
            if (got == 0) return count ? (*out = 0xFFFD, 1) : 0;
            if (got < 0) {
                if (errno != EINTR) return -1;
                if (gp_interrupted) {
                    *out = 3;
                    return 1;
                }
                continue;
            }
        }
        bytes[count++] = (char)byte;
        mbstate_t state;
        memset(&state, 0, sizeof state);
        size_t used = mbrtowc(out, bytes, count, &state);
        if (used == (size_t)-2 && count < sizeof bytes) continue;
        if (used == (size_t)-1 && count > 1) {
            // The new byte ends a bad sequence; it may start a good one.
            gp_pending = byte;
            *out = 0xFFFD;
            return 1;
        }
        if (used == (size_t)-1 || used == (size_t)-2) *out = 0xFFFD;
        return 1;
    }
}

void gp_setlocale_utf8(void) {
    const char *got = setlocale(LC_CTYPE, "");
    if (!got || strcmp(got, "C") == 0 || strcmp(got, "POSIX") == 0) {
        setlocale(LC_CTYPE, "C.UTF-8");
    }
}

gp_editor *gp_editor_open(const char *program, int history_size) {
    gp_editor *editor = calloc(1, sizeof *editor);
    if (!editor) return NULL;
    if (!gp_have_saved_modes && tcgetattr(STDIN_FILENO, &gp_saved_modes) == 0) gp_have_saved_modes = 1;
    editor->el = el_init(program, stdin, stdout, stderr);
    editor->history = history_init();
    if (!editor->el || !editor->history) {
        gp_editor_close(editor);
        return NULL;
    }
    HistEvent event;
    history(editor->history, &event, H_SETSIZE, history_size);
    history(editor->history, &event, H_SETUNIQUE, 1);
    el_set(editor->el, EL_CLIENTDATA, editor);
    el_set(editor->el, EL_EDITOR, "emacs");
    // goalplan handles signals itself (gp_catch_signals): libedit's own handling re-sends
    // them to the whole process group.
    el_set(editor->el, EL_GETCFN, gp_getc);
    el_set(editor->el, EL_PROMPT, gp_prompt);
    el_set(editor->el, EL_HIST, history, editor->history);
    el_set(editor->el, EL_ADDFN, "gp-complete", "Complete the word typed so far", gp_complete);
    el_set(editor->el, EL_ADDFN, "gp-interrupt", "Clear the line, or stop on an empty one", gp_interrupt_key);
    el_set(editor->el, EL_ADDFN, "gp-suspend", "Suspend goalplan, as Ctrl-Z does in a shell", gp_suspend_key);
    el_set(editor->el, EL_BIND, "^R", "em-inc-search-prev", NULL);
    el_source(editor->el, NULL);  // ~/.editrc (or $EDITRC): `bind -v` gives vi keys
    // Ctrl-C reaches the editor as a key, so it can clear the line instead of a signal
    // landing mid-read (which libedit retries and swallows). Bound after ~/.editrc, in the
    // keymap it chose and in vi's command map.
    el_set(editor->el, EL_SETTY, "-d", "-isig", NULL);
    el_set(editor->el, EL_BIND, "^C", "gp-interrupt", NULL);
    el_set(editor->el, EL_BIND, "-a", "^C", "gp-interrupt", NULL);
    el_set(editor->el, EL_BIND, "^I", "gp-complete", NULL);
    el_set(editor->el, EL_BIND, "-a", "^I", "gp-complete", NULL);
    el_set(editor->el, EL_BIND, "^Z", "gp-suspend", NULL);
    el_set(editor->el, EL_BIND, "-a", "^Z", "gp-suspend", NULL);
    el_set(editor->el, EL_ADDFN, "gp-edit", "Write this answer in your own editor", gp_edit_key);
    el_set(editor->el, EL_BIND, "^X^E", "gp-edit", NULL);
    gp_current = editor->el;
    return editor;
}

void gp_editor_close(gp_editor *editor) {
    if (!editor) return;
    if (gp_current == editor->el) gp_current = NULL;
    if (editor->el) el_end(editor->el);
    if (editor->history) history_end(editor->history);
    free(editor->prompt);
    gp_free_completions(editor);
    free(editor);
}

const char *gp_editor_gets(gp_editor *editor, const char *prompt, int *count) {
    gp_read_columns = gp_terminal_width(STDOUT_FILENO);
    free(editor->prompt);
    editor->prompt = strdup(prompt ? prompt : "");
    return el_gets(editor->el, count);
}

void gp_editor_history_enter(gp_editor *editor, const char *line) {
    HistEvent event;
    history(editor->history, &event, H_ENTER, line);
}

void gp_editor_push(gp_editor *editor, const char *text) {
    el_push(editor->el, text);
}

void gp_editor_set_completions(gp_editor *editor, const char *const *words) {
    gp_free_completions(editor);
    if (!words) return;
    size_t n = 0;
    while (words[n]) n++;
    editor->completions = calloc(n + 1, sizeof(char *));
    if (!editor->completions) return;
    for (size_t i = 0; i < n; i++) editor->completions[i] = strdup(words[i]);
}

static void gp_on_interrupt(int signo) {
    (void)signo;
    gp_interrupted = 1;
    if (gp_wake[1] >= 0) {
        int saved = errno;
        ssize_t ignored = write(gp_wake[1], "!", 1);
        (void)ignored;
        errno = saved;
    }
}

void gp_catch_interrupts(void) {
    if (gp_wake[0] < 0 && pipe(gp_wake) == 0) {
        for (int i = 0; i < 2; i++) {
            fcntl(gp_wake[i], F_SETFL, fcntl(gp_wake[i], F_GETFL) | O_NONBLOCK);
            fcntl(gp_wake[i], F_SETFD, FD_CLOEXEC);
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = gp_on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, NULL);
}

/// A signal that ends goalplan: the terminal is put back as it was found, then the signal is
/// raised again on goalplan alone with its default action (drafts are already on disk, saved
/// after every answer). Only async-signal-safe calls.
static void gp_raise_default(int signo) {
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, signo);
    signal(signo, SIG_DFL);
    sigprocmask(SIG_UNBLOCK, &only, NULL);
    raise(signo);
}

static void gp_on_fatal(int signo) {
    if (gp_have_saved_modes) tcsetattr(STDIN_FILENO, TCSANOW, &gp_saved_modes);
    gp_raise_default(signo);
}

/// A stop from outside (kill -TSTP): give the terminal back, stop, and on continuing ask the
/// reader to put it in editing mode again.
static void gp_on_stop(int signo) {
    int saved = errno;
    if (gp_have_saved_modes) tcsetattr(STDIN_FILENO, TCSANOW, &gp_saved_modes);
    gp_raise_default(signo);  // stops here until continued
    signal(signo, gp_on_stop);
    gp_resumed = 1;
    if (gp_wake[1] >= 0) {
        ssize_t ignored = write(gp_wake[1], "c", 1);
        (void)ignored;
    }
    errno = saved;
}

static void gp_on_resize(int signo) {
    (void)signo;
    int saved = errno;
    gp_resized = 1;
    if (gp_wake[1] >= 0) {
        ssize_t ignored = write(gp_wake[1], "w", 1);
        (void)ignored;
    }
    errno = saved;
}

void gp_catch_signals(void) {
    int fatal[] = {SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ};
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        struct sigaction old;
        // A signal the caller chose to ignore stays ignored (as nohup wants).
        if (sigaction(fatal[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        action.sa_handler = gp_on_fatal;
        sigaction(fatal[i], &action, NULL);
    }
    action.sa_handler = gp_on_stop;
    sigaction(SIGTSTP, &action, NULL);
    action.sa_handler = gp_on_resize;
    action.sa_flags = SA_RESTART;
    sigaction(SIGWINCH, &action, NULL);
}

int gp_take_interrupt(void) {
    int was = gp_interrupted;
    gp_interrupted = 0;
    return was;
}

int gp_terminal_width(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}

int gp_discard_typed_ahead(void) {
    int pending = 0;
    if (ioctl(STDIN_FILENO, FIONREAD, &pending) != 0) return 0;
    if (pending > 0) tcflush(STDIN_FILENO, TCIFLUSH);
    return pending;
}

void gp_end_reads_on_resize(int on) {
    gp_resize_ends_reads = on;
}

char *gp_take_resized_line(void) {
    char *line = gp_resized_line;
    gp_resized_line = NULL;
    return line;
}
