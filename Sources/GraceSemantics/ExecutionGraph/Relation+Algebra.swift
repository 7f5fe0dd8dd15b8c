/// Relational composition, herd7's `;` (Z notation's fat semicolon).
infix operator ⨾: MultiplicationPrecedence

extension Relation {
    public static func | (a: Relation, b: Relation) -> Relation {
        var result = a
        result.formUnion(b)
        return result
    }

    public mutating func formUnion(_ other: Relation) {
        words.withUnsafeMutableBufferPointer { target in
            other.words.withUnsafeBufferPointer { source in
                for word in 0..<target.count { target[word] |= source[word] }
            }
        }
    }

    public static func & (a: Relation, b: Relation) -> Relation {
        var result = a
        result.words.withUnsafeMutableBufferPointer { target in
            b.words.withUnsafeBufferPointer { source in
                for word in 0..<target.count { target[word] &= source[word] }
            }
        }
        return result
    }

    /// herd7's `a \ b`.
    public static func - (a: Relation, b: Relation) -> Relation {
        var result = a
        result.words.withUnsafeMutableBufferPointer { target in
            b.words.withUnsafeBufferPointer { source in
                for word in 0..<target.count { target[word] &= ~source[word] }
            }
        }
        return result
    }

    /// herd7's `a ; b`: `i -> k` when `i -a-> j -b-> k` for some `j`.
    public static func ⨾ (a: Relation, b: Relation) -> Relation {
        var result = Relation(size: a.size)
        let stride = a.stride
        result.words.withUnsafeMutableBufferPointer { target in
            a.words.withUnsafeBufferPointer { left in
                b.words.withUnsafeBufferPointer { right in
                    for row in 0..<a.size {
                        for word in 0..<stride {
                            var bits = left[row * stride + word]
                            while bits != 0 {
                                let middle = word * 64 + bits.trailingZeroBitCount
                                bits &= bits - 1
                                for column in 0..<stride { target[row * stride + column] |= right[middle * stride + column] }
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// herd7's `r^-1`.
    public var inverse: Relation {
        var result = Relation(size: size)
        let stride = self.stride
        result.words.withUnsafeMutableBufferPointer { target in
            words.withUnsafeBufferPointer { source in
                for row in 0..<size {
                    let rowBit: UInt64 = 1 << UInt64(row & 63)
                    let rowWord = row >> 6
                    for word in 0..<stride {
                        var bits = source[row * stride + word]
                        while bits != 0 {
                            let column = word * 64 + bits.trailingZeroBitCount
                            bits &= bits - 1
                            target[column * stride + rowWord] |= rowBit
                        }
                    }
                }
            }
        }
        return result
    }

    /// herd7's `r?`: `r | id`.
    public var optional: Relation {
        var result = self
        for index in 0..<size { result.insert(index, index) }
        return result
    }

    /// herd7's `r+` (Warshall over bit rows).
    public var transitiveClosure: Relation {
        var result = self
        let stride = self.stride
        let size = self.size
        result.words.withUnsafeMutableBufferPointer { matrix in
            for middle in 0..<size {
                let middleWord = middle >> 6
                let middleBit: UInt64 = 1 << UInt64(middle & 63)
                for row in 0..<size where matrix[row * stride + middleWord] & middleBit != 0 {
                    for column in 0..<stride { matrix[row * stride + column] |= matrix[middle * stride + column] }
                }
            }
        }
        return result
    }

    /// herd7's `r*`.
    public var reflexiveTransitiveClosure: Relation {
        transitiveClosure.optional
    }

    /// herd7's `[from] ; r ; [to]`.
    public func restricted(from: EventSet? = nil, to: EventSet? = nil) -> Relation {
        var result = self
        for row in 0..<size {
            for word in 0..<stride {
                var value = result.words[row * stride + word]
                if let from, !from.contains(row) { value = 0 }
                if let to { value &= to.words[word] }
                result.words[row * stride + word] = value
            }
        }
        return result
    }

    /// Whether some event relates to itself.
    public var isReflexiveSomewhere: Bool {
        for index in 0..<size where contains(index, index) { return true }
        return false
    }

    /// herd7's `irreflexive r`.
    public var isIrreflexive: Bool { !isReflexiveSomewhere }

    /// herd7's `acyclic r`: no event reaches itself. Peels off, layer by
    /// layer, the events no remaining event points to (Kahn, on bit rows);
    /// what cannot be peeled lies on or after a cycle.
    public var isAcyclic: Bool {
        let stride = self.stride
        var remaining = [UInt64](repeating: 0, count: stride)
        for index in 0..<size { remaining[index >> 6] |= 1 << UInt64(index & 63) }
        var pointedTo = [UInt64](repeating: 0, count: stride)
        return words.withUnsafeBufferPointer { matrix in
            while true {
                for word in 0..<stride { pointedTo[word] = 0 }
                var any = false
                for word in 0..<stride {
                    var bits = remaining[word]
                    while bits != 0 {
                        let row = word * 64 + bits.trailingZeroBitCount
                        bits &= bits - 1
                        any = true
                        for column in 0..<stride { pointedTo[column] |= matrix[row * stride + column] }
                    }
                }
                if !any { return true }
                var peeled = false
                for word in 0..<stride {
                    let sources = remaining[word] & ~pointedTo[word]
                    if sources != 0 { peeled = true }
                    remaining[word] &= ~sources
                }
                if !peeled { return false }
            }
        }
    }
}
