#ifndef GOALPLAN_CPSEUDOTERMINAL_H
#define GOALPLAN_CPSEUDOTERMINAL_H

#include <sys/types.h>

/// Starts `path` with `argv`/`envp` in `folder`, in a new session whose controlling terminal
/// is a new pseudo-terminal. Returns the child's pid, or -1 with errno set. `*master` is the
/// keyboard-and-screen side; `*slave` stays open so the terminal's modes can be read later.
pid_t gp_pty_spawn(const char *path, char *const argv[], char *const envp[], const char *folder,
                   int *master, int *slave);

/// As gp_pty_spawn, on a terminal `columns` wide and `rows` high (gp_pty_spawn's is 100 by 40).
pid_t gp_pty_spawn_sized(const char *path, char *const argv[], char *const envp[], const char *folder,
                         int columns, int rows, int *master, int *slave);

/// Resizes the terminal, as a person dragging its window does (the program gets SIGWINCH).
int gp_pty_resize(int master, int columns, int rows);

/// Whether the terminal has echo and canonical (line) mode on: 1, 0, or -1 on error.
int gp_pty_is_cooked(int fd);

#endif
