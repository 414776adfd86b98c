import GoalPlanCore

/// The person's own text editor (`$VISUAL`, else `$EDITOR`), for an answer in words: the text
/// so far goes into a file of its own in the private state folder (0600), the editor runs on
/// this terminal, and what it saved comes back as the answer. The file is removed whatever
/// happens, and the answer never appears in a command line: the editor is given the file's name.
struct ExternalEditor {
    /// The command to run, as the person set it (it may hold options: `code --wait`).
    let command: String?
    /// The private folder the file goes in: the drafts' folder.
    let store: DraftStore?

    init(environment: [String: String], store: DraftStore?) {
        let chosen = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0?.trimmingSpaces }
        command = chosen.first { !$0.isEmpty }
        self.store = store
    }

    enum Outcome: Equatable {
        /// What the person saved, a line each.
        case text([String])
        /// Why nothing came back, for the person to read.
        case nothing(String)
    }

    /// Runs the editor on `seed` and returns what was saved.
    func edit(_ seed: String) -> Outcome {
        guard let command else {
            return .nothing(
                tr(
                    "No editor is set. Set VISUAL or EDITOR to the one you use (for example, export EDITOR=nano), or type the answer here."
                )
            )
        }
        guard let store else {
            return .nothing(tr("There is no private folder to write the answer in (HOME is not set)."))
        }
        let path = "\(store.directory)/answer-\(getpid())-\(LocalClock.seconds()).txt"
        do throws(Failure) {
            // The drafts' folder (0700), and a new file in it (0600), the way every file is written.
            try store.prepare()
            try Files.createNew(path, contents: seed.isEmpty ? "" : seed + "\n")
        } catch {
            return .nothing(tr("The file for your editor could not be made: \(error.message)"))
        }
        defer { unlink(path) }
        let status = Self.run(command, on: path)
        guard status == 0 else {
            return .nothing(
                status < 0
                    ? tr("The editor '\(command)' could not be started.")
                    : tr("The editor stopped with status \(status), so its text was not used."))
        }
        guard let bytes = try? Files.read(path, limit: 1 << 20, whole: true) else {
            return .nothing(tr("What the editor saved could not be read back (it may be over 1 MiB)."))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .nothing(tr("What the editor saved is not UTF-8 text, so it was not used."))
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            TextSanitizer.clean(String($0.hasSuffix("\r") ? $0.dropLast() : $0))
        }
        while lines.last?.trimmingSpaces.isEmpty == true { lines.removeLast() }
        while lines.first?.trimmingSpaces.isEmpty == true { lines.removeFirst() }
        return .text(lines)
    }

    /// Runs `command file` through the shell on this terminal and waits; the exit status, or
    /// -1 when it could not start. Ctrl-C goes to the editor, not to goalplan, as with system().
    static func run(_ command: String, on path: String) -> Int32 {
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        var oldInt = sigaction()
        var oldQuit = sigaction()
        sigaction(SIGINT, &ignore, &oldInt)
        sigaction(SIGQUIT, &ignore, &oldQuit)
        defer {
            sigaction(SIGINT, &oldInt, nil)
            sigaction(SIGQUIT, &oldQuit, nil)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGQUIT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        // The file's name is the shell's $1, so no name needs quoting.
        let arguments = ["sh", "-c", command + " \"$1\"", "sh", path]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawn(&pid, "/bin/sh", nil, &attributes, &argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        // Exited normally: its status; ended by a signal: 128 and the signal, as a shell says.
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
