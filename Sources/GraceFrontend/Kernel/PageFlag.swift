/// The page flags a model can set and test, by their bit in `page->flags`.
/// The compiler's PG_ constants and Page*/folio_* primitives, the
/// interpreter's free-time check and the trace's flag names all read them
/// here.
public enum PageFlag: Int64, Sendable, CaseIterable {
    case locked = 0
    case referenced = 2
    case uptodate = 3
    case dirty = 4
    case lru = 5
    case active = 6
    case head = 7

    public var mask: Int64 { 1 << rawValue }

    /// `PG_active`.
    public var constantName: String { "PG_" + folioName }

    /// The suffix of the page macros: `SetPageActive`, `PageLRU`.
    public var pageName: String {
        switch self {
        case .lru: return "LRU"
        default: return folioName.prefix(1).uppercased() + folioName.dropFirst()
        }
    }

    /// The suffix of the folio functions: `folio_set_active`.
    public var folioName: String {
        switch self {
        case .locked: return "locked"
        case .referenced: return "referenced"
        case .uptodate: return "uptodate"
        case .dirty: return "dirty"
        case .lru: return "lru"
        case .active: return "active"
        case .head: return "head"
        }
    }

    /// Flags a page must not have when it is freed (the kernel's
    /// free_page_is_bad() reports "Bad page state"), in the order the
    /// violation lists them.
    public static let checkedAtFree: [PageFlag] = [.active, .locked, .lru]
}
