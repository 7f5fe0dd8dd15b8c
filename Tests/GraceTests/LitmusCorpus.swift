import Foundation
import Testing

/// Where the kernel's LKMM litmus tests are read from. They belong to the
/// kernel, so the package does not copy them:
///
/// - `GRACE_LINUX_SRC` names a Linux source tree; its
///   `tools/memory-model/litmus-tests` and `Documentation/litmus-tests` are
///   read (as `lkmm` and `lkmm-doc`);
/// - otherwise `../shared/litmus` beside the package, which holds the same two
///   folders (`lkmm`, `lkmm-doc`);
/// - otherwise the corpus tests are skipped, saying why.
///
/// `GRACE_REQUIRE_CORPUS=1` (set by `.ci/run`) turns a missing corpus into a
/// failure, so CI cannot pass without having run them.
enum LitmusCorpus {
    static let environment = ProcessInfo.processInfo.environment

    /// A folder with `lkmm/` and `lkmm-doc/`, or nil when no corpus is found.
    static let root: URL? = {
        if let tree = environment["GRACE_LINUX_SRC"], !tree.isEmpty {
            return linuxTreeView(URL(fileURLWithPath: tree))
        }
        let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/litmus")
        return FileManager.default.fileExists(atPath: shared.appendingPathComponent("lkmm").path) ? shared : nil
    }()

    static var isAvailable: Bool { root != nil }

    static let isRequired = environment["GRACE_REQUIRE_CORPUS"] == "1"

    static let skipReason: Comment = """
        the kernel's litmus tests were not found: set GRACE_LINUX_SRC to a Linux source tree, \
        or place them in ../shared/litmus/{lkmm,lkmm-doc}
        """

    /// A Linux tree keeps the two folders under other names; a folder of
    /// symbolic links gives them the names the tests use.
    private static func linuxTreeView(_ tree: URL) -> URL? {
        let kernel = tree.appendingPathComponent("tools/memory-model/litmus-tests")
        let documentation = tree.appendingPathComponent("Documentation/litmus-tests")
        guard FileManager.default.fileExists(atPath: kernel.path) else { return nil }
        let view = FileManager.default.temporaryDirectory.appendingPathComponent("grace-litmus-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: view, withIntermediateDirectories: true)
        for (name, target) in [("lkmm", kernel), ("lkmm-doc", documentation)] {
            let link = view.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: link)
            try? FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        }
        return view
    }
}
