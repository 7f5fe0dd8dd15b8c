import Foundation

/// What the command needs to know about the terminal it prints to.
enum Terminal {
    /// The width for output that is not going to a terminal.
    static let defaultWidth = 100

    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// The terminal's width in columns: COLUMNS when set, else the window
    /// size the terminal reports, else `defaultWidth`.
    static func width(of descriptor: Int32) -> Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 {
            return columns
        }
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return defaultWidth
    }
}
