import Foundation
import GoalPlanCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `read(2)`, under a name the `Files.read` method does not hide.
private func readFD(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// File access at the edge of the program: bounded reads, and writes that are private (0600),
/// atomic, and never replace an existing file.
enum Files {
    /// Reads a regular file, stopping after `limit` bytes: the caller decides what a file that
    /// long means, without the rest of a huge file ever being read.
    static func read(_ path: String, limit: Int = YAMLDocument.maximumBytes + 1) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: reason(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .cannotRead(path: path, reason: reason(errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .cannotRead(path: path, reason: "it is not a regular file")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { readFD(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: reason(errno))
            }
            if n == 0 { return bytes }
            bytes += chunk[0..<Swift.min(n, limit - bytes.count)]
            if bytes.count >= limit { return bytes }
        }
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

    /// Takes the lock of a plan being updated, `.NAME.lock` beside it holding this process's
    /// id, so a second goalplan on the same plan is told instead of overwriting the first. A
    /// lock whose process is gone is taken over. Returns the lock's path, to release.
    static func lock(_ path: String) throws(Failure) -> String {
        let lockPath = "\(parent(of: path))/.\(basename(of: path)).lock"
        for _ in 0..<2 {
            let fd = open(lockPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 {
                let pid = "\(getpid())\n"
                _ = pid.withCString { write(fd, $0, strlen($0)) }
                close(fd)
                return lockPath
            }
            guard errno == EEXIST else { throw .cannotWrite(path: lockPath, reason: reason(errno)) }
            let holder = (try? read(lockPath, limit: 32)).flatMap {
                Int32(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if let holder, kill(holder, 0) == 0 || errno == EPERM {
                throw .planLocked(path: path, pid: holder)
            }
            unlink(lockPath)  // its goalplan is gone
        }
        throw .cannotWrite(path: lockPath, reason: "the lock could not be taken")
    }

    static func unlock(_ lockPath: String) {
        unlink(lockPath)
    }

    /// What marks goalplan's own temporary files: `.NAME.goalplan-PID.tmp`.
    static let temporaryMark = "goalplan-"

    /// Removes temporary files in the folder of `path` that a goalplan killed mid-write left
    /// (their process is gone), so no copy of a plan or draft lingers where nobody looks.
    static func removeStaleTemporaries(of path: String) {
        let directory = parent(of: path)
        for name in list(directory) where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            guard let mark = name.range(of: "." + temporaryMark, options: .backwards) else { continue }
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
        case ENOENT: "no such file or folder"
        case EACCES, EPERM: "permission denied"
        case ENOSPC: "the disk is full"
        case EDQUOT: "the disk quota is used up"
        case EROFS: "the folder is read-only"
        case EEXIST: "a file with that name already exists"
        case EISDIR: "it is a folder"
        case ELOOP: "it is a symbolic link, which goalplan does not follow"
        case ENOTDIR: "part of the path is not a folder"
        case ENAMETOOLONG: "the name is too long"
        default: String(cString: strerror(code))
        }
    }
}
