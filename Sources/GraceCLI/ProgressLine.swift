import Dispatch
import Foundation
import GraceExplorer
import GraceReports
import Synchronization

/// The status line of a running search on standard error: model, memory
/// model, states, states/s, depth, memory, elapsed time, at most every half
/// second. On a terminal it redraws one line and is cleared before the
/// result prints; elsewhere (only when asked for) it prints plain lines.
final class ProgressLine: Sendable {
    static let interval: UInt64 = 500_000_000

    private struct Shown {
        var lastNanoseconds: UInt64
        var isOnScreen = false
    }

    let label: String
    let redraws: Bool
    let width: Int?
    private let start: UInt64
    private let shown: Mutex<Shown>

    init(label: String, redraws: Bool, width: Int?) {
        self.label = label
        self.redraws = redraws
        self.width = width
        start = DispatchTime.now().uptimeNanoseconds
        shown = Mutex(Shown(lastNanoseconds: start))
    }

    func update(_ progress: SearchProgress) {
        let now = DispatchTime.now().uptimeNanoseconds
        let due = shown.withLock { shown -> Bool in
            guard now - shown.lastNanoseconds >= Self.interval else { return false }
            shown.lastNanoseconds = now
            shown.isOnScreen = redraws
            return true
        }
        guard due else { return }
        var line = text(progress, seconds: Double(now - start) / 1e9)
        if redraws {
            if let width { line = String(line.prefix(max(10, width - 1))) }
            emit("\r\u{1B}[2K" + line)
        } else {
            emit(line + "\n")
        }
    }

    /// Removes the status line, so the result line takes its place.
    func clear() {
        let wasShown = shown.withLock { shown -> Bool in
            defer { shown.isOnScreen = false }
            return shown.isOnScreen
        }
        if wasShown { emit("\r\u{1B}[2K") }
    }

    func text(_ progress: SearchProgress, seconds: Double) -> String {
        let rate = seconds > 0 ? Double(progress.states) / seconds : 0
        let rateText = rate >= 1000 ? "\(TextReport.format(rate / 1000, digits: 1))k" : TextReport.format(rate, digits: 0)
        return "grace: \(label): \(progress.states) states, \(rateText) states/s, depth \(progress.depth), "
            + "\(TextReport.format(Double(progress.memoryBytes) / 1_048_576, digits: 1)) MB, \(TextReport.format(seconds, digits: 1)) s"
    }

    private func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
