import Foundation
import Testing

/// Writes that fail for real: a full disk and a read-only folder (small tmpfs mounts), and a
/// folder the person may not write to (goalplan run as 'nobody'). The old plan stays byte for
/// byte, the person is told what happened and where the answers are, and the exit status is 74.
/// Whether this process may mount a small tmpfs: root, with CAP_SYS_ADMIN among its effective
/// capabilities (read from /proc, so deciding mounts nothing; a container may still refuse,
/// and the mount in each test then fails as a test).
let smallDisksCanBeMounted: Bool = {
    guard getuid() == 0,
        let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("CapEff:") }),
        let bits = UInt64(line.dropFirst("CapEff:".count).trimmingCharacters(in: .whitespaces), radix: 16)
    else { return false }
    return bits & (1 << 21) != 0
}()

@Suite(.serialized, .enabled(if: smallDisksCanBeMounted, "needs root to mount a small tmpfs"))
struct FailureTests {

    @discardableResult
    static func shell(_ command: String) -> Int32 { (try? TestSupport.shell(command)) ?? -1 }

    /// A folder on a tmpfs of `size`, unmounted when `body` ends.
    func withSmallDisk(_ size: String, _ body: (String) throws -> Void) throws {
        let folder = try Here.temporaryFolder()
        let disk = folder + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        #expect(Self.shell("mount -t tmpfs -o size=\(size),mode=0700 tmpfs '\(disk)'") == 0)
        defer { Self.shell("umount '\(disk)'") }
        try body(disk)
    }

    @Test func aFullDiskLosesNothing() throws {
        try withSmallDisk("64k") { disk in
            let original = try String(contentsOfFile: Here.fixtures + "/intake-plan.md", encoding: .utf8)
            try original.write(toFile: disk + "/plan.md", atomically: false, encoding: .utf8)
            // Fill what is left of the disk.
            Self.shell("dd if=/dev/zero of='\(disk)/filler' bs=1k count=1000 2>/dev/null")
            let result = try runGoalplan(
                ["revisit", "plan.md", "--date", "2026-12-11"],
                input: "4\n\nThe walks\nLate nights\n2\n\n1\nIt is working\n6\n\n\n\n\n\n2\n\nMake it weekly\n\n\n\n",
                in: disk)
            #expect(result.status == 74)
            #expect(result.errors.contains("the disk is full"), "\(result.errors)")
            #expect(result.errors.contains("Your answers are kept in the draft"))
            #expect(result.output.contains("The plan could not be saved, so here it is in full."))
            #expect(
                result.output.contains(
                    "- **Progress (0-10):** 4\n- **What helped:** The walks\n- **What got in the way:** Late nights\n- **Decision:** Keep going\n- **Why:** It is working"
                ))
            #expect(try String(contentsOfFile: disk + "/plan.md", encoding: .utf8) == original)
            #expect(try FileManager.default.contentsOfDirectory(atPath: disk).sorted() == ["filler", "plan.md"])
        }
    }

    @Test func aReadOnlyFolderLeavesThePlanAsItWas() throws {
        try withSmallDisk("256k") { disk in
            let original = try String(contentsOfFile: Here.fixtures + "/intake-plan.md", encoding: .utf8)
            try original.write(toFile: disk + "/plan.md", atomically: false, encoding: .utf8)
            #expect(Self.shell("mount -o remount,ro '\(disk)'") == 0)
            let result = try runGoalplan(
                ["revisit", "plan.md", "--date", "2026-12-11"],
                input: "4\n\n\n\n\n\n1\n\n5\n\n\n\n\n\n1\n\n\n\n\n", in: disk)
            #expect(result.status == 74)
            #expect(result.errors.contains("the folder is read-only"), "\(result.errors)")
            #expect(try String(contentsOfFile: disk + "/plan.md", encoding: .utf8) == original)
        }
    }

    @Test func aFolderThatMayNotBeWrittenIsRefusedBeforeAnyQuestion() throws {
        let folder = try Here.temporaryFolder()
        let locked = folder + "/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        // 'nobody' may not reach the checkout (it can sit under a private home), so the binary
        // and the flow are copied beside the test.
        let binary = folder + "/goalplan"
        try FileManager.default.copyItem(atPath: Here.binary, toPath: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary)
        let flows = folder + "/flows"
        try FileManager.default.createDirectory(atPath: flows, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Here.fixtures + "/echo.yaml", toPath: flows + "/echo.yaml")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: flows)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: flows + "/echo.yaml")
        let script =
            "cd '\(folder)' && XDG_STATE_HOME=/tmp/goalplan-nobody-\(UUID().uuidString) NO_COLOR=1 "
            + "setpriv --reuid=65534 --regid=65534 --clear-groups '\(binary)' start echo --prompts flows "
            + "--out locked/plan.md < /dev/null 2> '\(folder)/errors'"
        let status = Self.shell(script)
        let errors = (try? String(contentsOfFile: folder + "/errors", encoding: .utf8)) ?? ""
        #expect(status == 74, "\(errors)")
        #expect(errors == "goalplan: error: could not write 'locked/plan.md': permission denied.\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked).isEmpty)
    }
}
