/// Model-wide knobs from `Config:` lines (SPEC §2.2).
public struct ModelConfig: Sendable, Hashable {
    public enum TLBFlush: String, Sendable { case ipi, broadcast }
    public enum RCUFlavours: String, Sendable { case consolidated, preConsolidation = "pre-4.20" }
    public enum BitopsEra: String, Sendable { case full, pre2022 = "pre-2022" }
    /// How tlb_remove_table() frees page tables: `rcu` is
    /// CONFIG_MMU_GATHER_RCU_TABLE_FREE (a batch freed after a grace period,
    /// or an IPI and an immediate free when the batch page cannot be had);
    /// `pages` is an arch without it, whose tables go with the gathered
    /// pages, freed after the TLB flush.
    public enum TableFree: String, Sendable { case rcu, pages }

    public var tlbFlush: TLBFlush = .ipi
    public var rcu: RCUFlavours = .consolidated
    public var bitops: BitopsEra = .full
    public var tableFree: TableFree = .rcu
    /// CPUs in the machine; nil means one per thread.
    public var cpus: Int?
    public var pageWords = 4
    /// Pages the allocator can hand out beyond those of the init block.
    public var poolPages: Int?

    public init() {}

    /// The knobs that differ from their defaults, as a Config line writes them.
    public var nonDefaultSettings: String {
        let defaults = ModelConfig()
        var settings: [String] = []
        if tlbFlush != defaults.tlbFlush { settings.append("tlb_flush=\(tlbFlush.rawValue)") }
        if rcu != defaults.rcu { settings.append("rcu=\(rcu.rawValue)") }
        if bitops != defaults.bitops { settings.append("bitops=\(bitops.rawValue)") }
        if tableFree != defaults.tableFree { settings.append("table_free=\(tableFree.rawValue)") }
        if let cpus { settings.append("cpus=\(cpus)") }
        if pageWords != defaults.pageWords { settings.append("page_words=\(pageWords)") }
        if let poolPages { settings.append("pool=\(poolPages)") }
        return settings.joined(separator: " ")
    }

    static let keys = ["bitops", "cpus", "page_words", "pool", "rcu", "table_free", "tlb_flush"]

    /// Applies one `key=value`; returns an error message or nil.
    mutating func apply(key: String, value: String) -> String? {
        switch key {
        case "tlb_flush":
            guard let parsed = TLBFlush(rawValue: value) else { return "tlb_flush must be 'ipi' or 'broadcast', not '\(value)'" }
            tlbFlush = parsed
        case "rcu":
            guard let parsed = RCUFlavours(rawValue: value) else { return "rcu must be 'consolidated' or 'pre-4.20', not '\(value)'" }
            rcu = parsed
        case "bitops":
            guard let parsed = BitopsEra(rawValue: value) else { return "bitops must be 'full' or 'pre-2022', not '\(value)'" }
            bitops = parsed
        case "table_free":
            guard let parsed = TableFree(rawValue: value) else { return "table_free must be 'rcu' or 'pages', not '\(value)'" }
            tableFree = parsed
        case "cpus":
            guard let parsed = Int(value), (1...LanguageLimits.threads).contains(parsed) else { return "cpus must be a number from 1 to \(LanguageLimits.threads), not '\(value)'" }
            cpus = parsed
        case "page_words":
            guard let parsed = Int(value), (1...64).contains(parsed) else { return "page_words must be a number from 1 to 64, not '\(value)'" }
            pageWords = parsed
        case "pool":
            guard let parsed = Int(value), (0...16).contains(parsed) else { return "pool must be a number from 0 to 16, not '\(value)'" }
            poolPages = parsed
        default:
            return "unknown Config key '\(key)'; known keys: \(Self.keys.joined(separator: ", "))"
        }
        return nil
    }
}
