import Foundation

/// Reads the process's memory use from the kernel, for statistics.
enum ProcessMemory {
    /// Restarts the peak count, so each check reports its own peak
    /// (Linux: writing 5 to clear_refs resets VmHWM).
    static func resetPeak() {
        if let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
            handle.write(Data("5".utf8))
            try? handle.close()
        }
    }

    /// Peak resident set size (VmHWM), or 0 where /proc is not available.
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(whereSeparator: { !$0.isNumber }).first.map(String.init) ?? "0"
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }
}
