/// Something a step can read or write that another step may also touch:
/// what accesses and footprints name.
public enum SharedLocation: Sendable, Hashable, Comparable {
    /// A word of memory, by its index in the state.
    case cell(Int)
    /// Whether an object is allocated, and in which lifetime: every access
    /// to the object's contents reads it, allocating and freeing write it.
    case lifetime(object: Int)
    /// A CPU's paging-structure cache: a hardware walk reads it, and
    /// caches what it finds; a TLB flush empties every CPU's.
    case translationCache(cpu: Int)
}
