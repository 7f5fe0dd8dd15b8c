import Dispatch
import Foundation
import GraceExplorer

/// Ctrl-C. The first SIGINT raises the flag the search polls, so the check
/// ends with what it has; the second ends the process at once. SIGINT's
/// default action is turned off and the signal is taken on a Dispatch
/// queue, where printing and exiting are safe.
struct InterruptHandler {
    let flag: CancellationFlag
    private let source: any DispatchSourceSignal

    static func install() -> InterruptHandler {
        signal(SIGINT, SIG_IGN)
        let flag = CancellationFlag()
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "grace.interrupt"))
        source.setEventHandler {
            if flag.isRaised {
                FileHandle.standardError.write(Data("\ngrace: interrupted again: quitting\n".utf8))
                exit(ExitCode.interrupted.rawValue)
            }
            flag.raise()
            FileHandle.standardError.write(Data("\ngrace: interrupted: finishing the report (Ctrl-C again quits at once)\n".utf8))
        }
        source.resume()
        return InterruptHandler(flag: flag, source: source)
    }
}
