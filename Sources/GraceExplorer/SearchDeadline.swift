import Dispatch

/// The time limit and the cancellation flag of one check, counted from when
/// the check began: every loop of a search that can run long polls it, the
/// preparation before the search as well as the search itself, so that a
/// check ends `inconclusive` in time whatever part of it runs long.
public struct SearchDeadline: Sendable {
    let timeLimit: Double?
    let cancellation: CancellationFlag?
    let start: UInt64

    public init(_ options: CheckOptions, start: UInt64 = DispatchTime.now().uptimeNanoseconds) {
        timeLimit = options.timeLimit
        cancellation = options.cancellation
        self.start = start
    }

    /// No limit and no flag.
    static let none = SearchDeadline(CheckOptions())

    var elapsedSeconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// Why the check must stop now, `after` saying how far it got; nil
    /// while it may go on.
    func exceeded(after progress: @autoclosure () -> String) -> String? {
        if cancellation?.isRaised == true { return "interrupted after \(progress())" }
        if let timeLimit, elapsedSeconds >= timeLimit { return "time limit of \(timeLimit) s reached after \(progress())" }
        return nil
    }
}
