import GoalPlanCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `read(2)`, under a name the `Files.read` method does not hide.
private func readFD(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// File access at the edge of the program: bounded reads, and writes that are private (0600),
/// atomic, and never replace an existing file.
enum Files {
    /// The most a plan may hold: one over this is refused, never cut.
    static let planLimit = 16 << 20

    /// Reads a regular file, without a UTF-8 byte-order mark. A pipe, device or folder is
    /// refused before anything is read (so a FIFO never blocks). With `whole`, a file over
    /// `limit` bytes is refused as too large; otherwise reading stops after `limit` bytes (the
    /// caller decides what that means: a flow over its limit is a GP002 finding).
    static func read(_ path: String, limit: Int = YAMLDocument.maximumBytes + 1, whole: Bool = false) throws(Failure)
        -> [UInt8]
    {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: reason(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .cannotRead(path: path, reason: reason(errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .cannotRead(path: path, reason: tr("it is a folder"))
        default:
            throw .cannotRead(
                path: path, reason: tr("it is not a regular file (a pipe or a device), so goalplan does not read it"))
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        if whole && Int(info.st_size) > limit { throw .tooLarge(path: path, size: Int(info.st_size), limit: limit) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let most = whole ? limit + 1 : limit
        while bytes.count < most {
            let n = chunk.withUnsafeMutableBytes { readFD(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: reason(errno))
            }
            if n == 0 { break }
            bytes += chunk[0..<Swift.min(n, most - bytes.count)]
        }
        // The file grew while it was read.
        if whole && bytes.count > limit { throw .tooLarge(path: path, size: bytes.count, limit: limit) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return bytes
    }

    /// Reads standard input to its end, up to `limit` bytes.
    static func readStandardInput(limit: Int = 16 << 20) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < limit {
            let n = chunk.withUnsafeMutableBytes { readFD(0, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes += chunk[0..<Swift.min(n, limit - bytes.count)]
        }
        return bytes
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in a folder, sorted; empty if it cannot be read.
    static func list(_ directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Writes `text` to `path` as a new file, mode 0600, all or nothing.
    ///
    /// The bytes go to a hidden temporary file beside the target, then are linked into place:
    /// `link` fails if the target exists, so an existing file is never replaced, and a crash
    /// leaves either no file or a whole one.
    static func createNew(_ path: String, contents text: String) throws(Failure) {
        let failure = writeBeside(path, text) { link($0, path) }
        if failure == EEXIST { throw .outputExists(path: path) }
        if failure != 0 { throw .cannotWrite(path: path, reason: reason(failure)) }
    }

    /// Replaces the file at `path` with `text`, all or nothing: the bytes go to a hidden
    /// temporary file beside it, which is renamed over it, so a crash leaves the old file or
    /// the new one, whole.
    static func replace(_ path: String, contents text: String) throws(Failure) {
        let failure = writeBeside(path, text) { rename($0, path) }
        if failure != 0 { throw .cannotWrite(path: path, reason: reason(failure)) }
    }

    /// Adds text to the end of an existing file of this user's (a draft), and syncs it: a
    /// crash leaves the file as it was or with the whole line, or at worst a line cut short,
    /// which a draft's reader leaves out.
    static func append(_ text: String, to path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: reason(errno)) }
        var failure = writeFully(fd, Array(text.utf8))
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw .cannotWrite(path: path, reason: reason(failure)) }
    }

    /// The one way goalplan writes a file: a new temporary file beside `path` (O_CREAT|O_EXCL|
    /// O_NOFOLLOW, 0600 whatever the umask), written, fsynced, closed, then put in place by
    /// `place`; the folder is fsynced after. Returns 0, or the errno that stopped it; the
    /// temporary file never outlives the call (or, after a crash, the next write here).
    private static func writeBeside(_ path: String, _ text: String, place: (String) -> Int32) -> Int32 {
        removeStaleTemporaries(of: path)
        let directory = parent(of: path)
        let temporary = "\(directory)/.\(basename(of: path)).\(temporaryMark)\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return errno }
        var failure = writeFully(fd, Array(text.utf8))
        if failure == 0 && fchmod(fd, 0o600) != 0 { failure = errno }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && place(temporary) != 0 { failure = errno }
        unlink(temporary)
        if failure == 0 { syncDirectory(directory) }
        return failure
    }

    /// A plan held open with an exclusive `flock`, so a second goalplan on the same plan is
    /// told instead of overwriting the first. The kernel lets go when the process ends, however
    /// it ends: a lock never outlives its goalplan, and no lock file is written.
    final class PlanLock {
        private var fd: Int32
        init(fd: Int32) { self.fd = fd }
        func release() {
            if fd >= 0 { close(fd) }
            fd = -1
        }
        deinit { release() }
    }

    /// Takes the lock of the plan at `path` (the file itself), or says it is taken. Needs only
    /// read access, so a plan in a read-only folder can be revisited into `--out`.
    static func lockPlan(_ path: String, shownAs shown: String) throws(Failure) -> PlanLock {
        for _ in 0..<8 {
            let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard fd >= 0 else { throw .cannotRead(path: shown, reason: reason(errno)) }
            var held = stat()
            guard fstat(fd, &held) == 0, (held.st_mode & S_IFMT) == S_IFREG else {
                close(fd)
                throw .cannotRead(path: shown, reason: tr("it is not a regular file"))
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                close(fd)
                if code == EWOULDBLOCK { throw .planLocked(path: shown) }
                throw .cannotRead(path: shown, reason: reason(code))
            }
            // The plan may have been replaced (renamed over) between open and lock: then the
            // lock is on the old file, so take it again on the new one.
            var now = stat()
            if stat(path, &now) == 0 && now.st_ino == held.st_ino && now.st_dev == held.st_dev {
                return PlanLock(fd: fd)
            }
            close(fd)
        }
        throw .planLocked(path: shown)
    }

    /// The path with symbolic links followed and made absolute, if the file exists.
    static func resolved(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// The path made absolute against the current folder, with `.` and `..` taken out; the
    /// file need not exist.
    static func absolute(_ path: String) -> String {
        var full = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let here = getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? "."
            full = here + "/" + path
        }
        var parts: [Substring] = []
        for part in full.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// What marks goalplan's own temporary files: `.NAME.goalplan-PID.tmp`.
    static let temporaryMark = "goalplan-"

    /// Removes temporary files in the folder of `path` that a goalplan killed mid-write left
    /// (their process is gone), so no copy of a plan or draft lingers where nobody looks.
    static func removeStaleTemporaries(of path: String) {
        let directory = parent(of: path)
        for name in list(directory) where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            guard let mark = name.ranges(of: "." + temporaryMark).last else { continue }
            guard let pid = Int32(name[mark.upperBound...].dropLast(4)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink("\(directory)/\(name)") }
        }
    }

    /// Writes all of `bytes`; returns 0 or the errno that stopped it.
    private static func writeFully(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        var rest = bytes[...]
        while !rest.isEmpty {
            let n = rest.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            rest = rest.dropFirst(n)
        }
        return 0
    }

    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = String(path[..<slash])
        return head.isEmpty ? "/" : head
    }

    static func basename(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// A plain-language reason for an errno.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: tr("no such file or folder")
        case EACCES, EPERM: tr("permission denied")
        case ENOSPC: tr("the disk is full")
        case EDQUOT: tr("the disk quota is used up")
        case EROFS: tr("the folder is read-only")
        case EEXIST: tr("a file with that name already exists")
        case EISDIR: tr("it is a folder")
        case ELOOP: tr("it is a symbolic link, which goalplan does not follow")
        case ENOTDIR: tr("part of the path is not a folder")
        case ENAMETOOLONG: tr("the name is too long")
        default: String(cString: strerror(code))
        }
    }
}
