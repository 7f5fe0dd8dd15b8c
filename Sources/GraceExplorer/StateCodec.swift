import GraceSemantics

/// Packs a machine state of thousands of bytes into a few: each word of the
/// layout is a field of just enough bits to number the distinct values it
/// has held, in the order they first appeared. Words that stay zero (unused
/// contexts, frames never reached, an empty RCU queue) take no bits at all;
/// a pc takes the bits its function's length needs; a word that only ever
/// holds NULL or one pointer takes one bit.
///
/// The widths are learned, never guessed: a value a field has no code for
/// is given one, and a field whose codes outgrow its bits is widened, after
/// which every stored state is packed again (``StateStore``). No value is
/// ever truncated. Codes are handed out in the order the search meets
/// values, which is fixed, so packing is deterministic too.
struct StateCodec {
    /// The words of the layout, each a candidate field.
    let wordCount: Int
    /// Per word: its values by code; code 0 is 0, which every word starts as.
    private(set) var values: [[Int64]]
    /// The same values in one array, word after word, for the hot paths:
    /// reading an array of arrays costs reference counting per word.
    private var flatValues: [Int64] = []
    private var flatStart: [Int32]
    private var flatCount: [Int32]
    /// Per word with many values: code by value, for a lookup that does
    /// not scan. Only ever asked for a value's code; never iterated.
    private var codeIndex: [Int: [Int64: UInt32]] = [:]
    /// Per word: field width in bits (0: always zero) and bit offset.
    private(set) var widths: [UInt8]
    private(set) var offsets: [Int32]
    /// The words with a field, in layout order.
    private(set) var fields: [Int32] = []
    /// Packed size in 64-bit words; at least one, so every state has storage.
    private(set) var strideWords = 1
    /// Counts field layouts: a state packed under another generation must
    /// be packed again before it is compared.
    private(set) var generation = 0

    /// Fields with at most this many values find a code by scanning them.
    private static let scanLimit = 12

    init(wordCount: Int) {
        self.wordCount = wordCount
        values = Array(repeating: [0], count: wordCount)
        widths = Array(repeating: 0, count: wordCount)
        offsets = Array(repeating: 0, count: wordCount)
        flatStart = Array(repeating: 0, count: wordCount)
        flatCount = Array(repeating: 0, count: wordCount)
        refresh()
    }

    /// Brings the hot paths' copy of the values up to date after learning.
    mutating func refresh() {
        flatValues.removeAll(keepingCapacity: true)
        for slot in 0..<wordCount {
            flatStart[slot] = Int32(flatValues.count)
            flatCount[slot] = Int32(values[slot].count)
            flatValues.append(contentsOf: values[slot])
        }
    }

    var packedBytes: Int { strideWords * 8 }

    /// The code of `value` in word `slot`, if it has one (as of the last
    /// `refresh()`).
    @inline(__always)
    func code(of value: Int64, at slot: Int) -> UInt32? {
        if value == 0 { return 0 }
        let count = Int(flatCount[slot])
        if count <= Self.scanLimit {
            let start = Int(flatStart[slot])
            for code in 1..<count where flatValues[start + code] == value { return UInt32(code) }
            return nil
        }
        return codeIndex[slot]?[value]
    }

    /// The code of `value` in word `slot` among all values learned.
    private func learnedCode(of value: Int64, at slot: Int) -> UInt32? {
        if value == 0 { return 0 }
        if let index = codeIndex[slot] { return index[value] }
        return values[slot].firstIndex(of: value).map { UInt32($0) }
    }

    /// Gives `value` a code in word `slot`. When its field must widen, the
    /// layout changes (a new `generation`): packed states must be packed
    /// again before they are compared with new ones. The hot paths see the
    /// new codes after `refresh()`.
    @discardableResult
    mutating func learn(_ value: Int64, at slot: Int) -> UInt32 {
        if let code = learnedCode(of: value, at: slot) { return code }
        let code = UInt32(values[slot].count)
        values[slot].append(value)
        if values[slot].count > Self.scanLimit {
            if codeIndex[slot] == nil {
                var index: [Int64: UInt32] = [:]
                for (code, known) in values[slot].enumerated() { index[known] = UInt32(code) }
                codeIndex[slot] = index
            } else {
                codeIndex[slot]![value] = code
            }
        }
        let needed = UInt8(64 - UInt64(code).leadingZeroBitCount)
        guard needed > widths[slot] else { return code }
        // A field that had to grow once is likely to again: one bit of
        // headroom halves how often the store is packed anew.
        widths[slot] = widths[slot] == 0 ? needed : needed + 1
        relayout()
        return code
    }

    private mutating func relayout() {
        fields = []
        var bit = 0
        for slot in 0..<wordCount where widths[slot] > 0 {
            fields.append(Int32(slot))
            offsets[slot] = Int32(bit)
            bit += Int(widths[slot])
        }
        strideWords = max(1, (bit + 63) / 64)
        generation += 1
    }

    // MARK: Fields

    @inline(__always)
    static func write(_ code: UInt64, width: Int, at bit: Int, into packed: UnsafeMutablePointer<UInt64>) {
        let word = bit >> 6, shift = bit & 63
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        packed[word] = (packed[word] & ~(mask << UInt64(shift))) | (code << UInt64(shift))
        if shift + width > 64 {
            let spill = UInt64(64 - shift)
            packed[word + 1] = (packed[word + 1] & ~(mask >> spill)) | (code >> spill)
        }
    }

    @inline(__always)
    static func read(width: Int, at bit: Int, from packed: UnsafePointer<UInt64>) -> UInt64 {
        let word = bit >> 6, shift = bit & 63
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        var code = packed[word] >> UInt64(shift)
        if shift + width > 64 { code |= packed[word + 1] << UInt64(64 - shift) }
        return code & mask
    }

    /// Writes the code of `value` into word `slot`'s field; false when the
    /// value has no code yet.
    @inline(__always)
    func set(_ value: Int64, at slot: Int, in packed: UnsafeMutablePointer<UInt64>) -> Bool {
        guard let code = code(of: value, at: slot) else { return false }
        let width = Int(widths[slot])
        if width > 0 { Self.write(UInt64(code), width: width, at: Int(offsets[slot]), into: packed) }
        return true
    }

    // MARK: Whole states

    /// Packs `words` into `packed` (`strideWords` long); false when a value
    /// has no code yet.
    func encode(_ words: UnsafeBufferPointer<Int64>, into packed: UnsafeMutablePointer<UInt64>) -> Bool {
        packed.update(repeating: 0, count: strideWords)
        for slot in 0..<wordCount where words[slot] != 0 {
            guard set(words[slot], at: slot, in: packed) else { return false }
        }
        return true
    }

    /// Unpacks `packed` into `words` and returns the state's hash. Words
    /// without a field are left alone: they are zero in every state, so a
    /// reused buffer already holds them.
    @discardableResult
    func decode(_ packed: UnsafePointer<UInt64>, into words: UnsafeMutableBufferPointer<Int64>) -> UInt64 {
        var hash: UInt64 = 0
        for slot in fields {
            let slot = Int(slot)
            let code = Self.read(width: Int(widths[slot]), at: Int(offsets[slot]), from: packed)
            let value = flatValues[Int(flatStart[slot]) + Int(code)]
            words[slot] = value
            hash &+= StateHash.term(slot, value)
        }
        return hash
    }

    /// How to move a state packed under `old` (an earlier generation of
    /// this codec) to this layout: codes never change, fields only widen
    /// or appear, and their order is the words' order, so the old bits move
    /// in a few runs and the bits between them are zero.
    func repacking(from old: StateCodec) -> RepackPlan {
        var runs: [RepackPlan.Run] = []
        for slot in fields {
            let slot = Int(slot)
            let width = Int(old.widths[slot])
            guard width > 0 else { continue }
            let from = Int(old.offsets[slot]), to = Int(offsets[slot])
            if let last = runs.last, last.from + last.count == from, last.to + last.count == to {
                runs[runs.count - 1].count += width
            } else {
                runs.append(RepackPlan.Run(from: from, to: to, count: width))
            }
        }
        return RepackPlan(runs: runs, oldStride: old.strideWords, newStride: strideWords)
    }
}

/// Moves packed states from one generation of a codec's layout to a later
/// one, a run of bits at a time.
struct RepackPlan {
    struct Run {
        var from: Int
        var to: Int
        var count: Int
    }

    let runs: [Run]
    let oldStride: Int
    let newStride: Int

    func repack(_ source: UnsafePointer<UInt64>, into target: UnsafeMutablePointer<UInt64>) {
        target.update(repeating: 0, count: newStride)
        for run in runs {
            var done = 0
            while done < run.count {
                let width = min(64, run.count - done)
                let bits = StateCodec.read(width: width, at: run.from + done, from: source)
                StateCodec.write(bits, width: width, at: run.to + done, into: target)
                done += width
            }
        }
    }

    /// Repacks a buffer of consecutive packed states.
    func repack(_ buffer: [UInt64]) -> [UInt64] {
        let count = buffer.count / oldStride
        var result = [UInt64](repeating: 0, count: count * newStride)
        buffer.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for state in 0..<count { repack(source.baseAddress! + state * oldStride, into: target.baseAddress! + state * newStride) }
            }
        }
        return result
    }
}
