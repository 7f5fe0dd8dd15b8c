/// `switch`, as pasted kernel code uses it: integer constant `case` labels
/// and `default` among the statements of the body's own block, falling
/// through from one to the next until a `break`.
extension FunctionCompiler {
    mutating func switchStatement(_ value: Expression, body: Statement) {
        guard let type = rvalue(value) else { return }
        guard type.isScalar, type != .void else {
            return error("type mismatch: 'switch' needs a number, not '\(describe(type))'", at: value.location)
        }
        let selector = hiddenLocal()
        emit(.storeLocal(selector))
        let statements: [Statement]
        if case .block(let inner) = body.kind { statements = inner } else { statements = [body] }

        // The tests, in the order of the labels: each jumps to its label.
        var entries: [(statement: Int, jump: Int)] = []
        var values: [Int64: SourceLocation] = [:]
        var defaultStatement: Int?
        for (position, statement) in statements.enumerated() {
            location = statement.location
            switch statement.kind {
            case .caseLabel(let label):
                guard let constant = context.constantValue(label) else {
                    error("a case label must be an integer constant", at: label.location)
                    continue
                }
                if let first = values[constant] {
                    error("duplicate case value \(constant); the first is at line \(first.line)", at: label.location)
                    continue
                }
                values[constant] = label.location
                emit(.loadLocal(selector))
                emit(.push(constant))
                emit(.binary(.equal))
                entries.append((position, emitJump { .jumpIfTrue($0) }))
            case .defaultLabel:
                if defaultStatement != nil { error("a switch has one 'default' label", at: statement.location) }
                defaultStatement = position
            default:
                break
            }
        }
        let noMatch = emitJump { .jump($0) }

        loops.append(LoopLabels(isSwitch: true))
        scopes.append([:])
        for (position, statement) in statements.enumerated() {
            for entry in entries where entry.statement == position { patch(entry.jump, to: code.count) }
            switch statement.kind {
            case .caseLabel, .defaultLabel:
                if position == defaultStatement { patch(noMatch, to: code.count) }
            default:
                self.statement(statement)
            }
        }
        scopes.removeLast()
        if defaultStatement == nil { patch(noMatch, to: code.count) }
        for position in loops.removeLast().breaks { patch(position, to: code.count) }
    }
}
