#ifndef GOALPLAN_CEDITLINE_H
#define GOALPLAN_CEDITLINE_H

/// A line editor on the process's standard streams: libedit with an in-memory history.
typedef struct gp_editor gp_editor;

/// Creates an editor on stdin/stdout/stderr with emacs keys, signal handling and ~/.editrc.
/// Returns NULL when libedit cannot start (for example, no terminal).
gp_editor *gp_editor_open(const char *program, int history_size);

/// Restores the terminal and frees the editor.
void gp_editor_close(gp_editor *editor);

/// Reads one line with `prompt`. Returns NULL at end of input or on error; `*count` is the
/// number of bytes read, 0 at end of input, -1 on error (errno says which, EINTR for a signal).
/// The line stays owned by libedit until the next call.
const char *gp_editor_gets(gp_editor *editor, const char *prompt, int *count);

/// Adds a line to the in-memory history (Up, Down, Ctrl-R).
void gp_editor_history_enter(gp_editor *editor, const char *line);

/// Puts text into the input queue, so the next read starts with it, editable.
void gp_editor_push(gp_editor *editor, const char *text);

/// Sets the words that Tab completes (NULL-terminated; copied). NULL clears them.
void gp_editor_set_completions(gp_editor *editor, const char *const *words);

/// Makes LC_CTYPE follow the environment, falling back to C.UTF-8 so editing stays UTF-8 aware.
void gp_setlocale_utf8(void);



/// Installs a SIGINT handler that only records the signal, without SA_RESTART, so a read in
/// progress returns EINTR and the program decides what Ctrl-C means.
void gp_catch_interrupts(void);

/// Handles the signals that end or stop goalplan itself, instead of libedit: the terminal is
/// restored and the signal goes to goalplan alone (never re-sent to its process group);
/// a stop resumes in editing mode; a resize is taken up at the next key.
void gp_catch_signals(void);

/// Whether SIGINT arrived since the last call; clears the record.
int gp_take_interrupt(void);

/// Drops what was typed or pasted but not yet read; returns how many bytes that was.
int gp_discard_typed_ahead(void);

/// The width in columns of the terminal on `fd`, or 0 when it is not a terminal.
int gp_terminal_width(int fd);
/// Whether a read ends when the terminal's width changes while it waits (after the window
/// has stopped changing for a moment), so the caller can show the question again at the new
/// width. The line typed so far is kept for gp_take_resized_line.
void gp_end_reads_on_resize(int on);

/// The line as typed when a change of width ended the last read (the caller frees it), or
/// NULL when the read ended otherwise.
char *gp_take_resized_line(void);

#endif
