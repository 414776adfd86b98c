#define _GNU_SOURCE
#include "CPseudoTerminal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

pid_t gp_pty_spawn(const char *path, char *const argv[], char *const envp[], const char *folder,
                   int *master, int *slave) {
    return gp_pty_spawn_sized(path, argv, envp, folder, 100, 40, master, slave);
}

pid_t gp_pty_spawn_sized(const char *path, char *const argv[], char *const envp[], const char *folder,
                         int columns, int rows, int *master, int *slave) {
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0) return -1;
    if (grantpt(m) != 0 || unlockpt(m) != 0) { close(m); return -1; }
    char name[128];
    if (ptsname_r(m, name, sizeof name) != 0) { close(m); return -1; }
    int s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0) { close(m); return -1; }
    struct winsize size = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)columns };
    ioctl(m, TIOCSWINSZ, &size);

    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    /* A clean start: no blocked signals and default handlers, whatever the test runner has. */
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    /* Opening the terminal after setsid makes it the controlling terminal. */
    posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0);
    posix_spawn_file_actions_adddup2(&actions, 0, 1);
    posix_spawn_file_actions_adddup2(&actions, 0, 2);
    if (folder) posix_spawn_file_actions_addchdir_np(&actions, folder);
    pid_t pid = -1;
    int status = posix_spawn(&pid, path, &actions, &attributes, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (status != 0) {
        close(m);
        close(s);
        errno = status;
        return -1;
    }
    *master = m;
    *slave = s;
    return pid;
}

int gp_pty_is_cooked(int fd) {
    struct termios modes;
    if (tcgetattr(fd, &modes) != 0) return -1;
    return (modes.c_lflag & ECHO) && (modes.c_lflag & ICANON) ? 1 : 0;
}

int gp_pty_resize(int master, int columns, int rows) {
    struct winsize size = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)columns };
    return ioctl(master, TIOCSWINSZ, &size);
}
