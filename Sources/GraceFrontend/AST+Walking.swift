/// Walks every expression of a function body, depth first, in source order.
extension Statement {
    func forEachExpression(_ body: (Expression) -> Void) {
        switch kind {
        case .expression(let expression): expression.forEachSubexpression(body)
        case .declaration(let decls):
            for decl in decls { decl.initializer?.forEachSubexpression(body) }
        case .block(let statements):
            for statement in statements { statement.forEachExpression(body) }
        case .ifElse(let condition, let then, let otherwise):
            condition.forEachSubexpression(body)
            then.forEachExpression(body)
            otherwise?.forEachExpression(body)
        case .whileLoop(let condition, let loopBody), .doWhile(let loopBody, let condition):
            condition.forEachSubexpression(body)
            loopBody.forEachExpression(body)
        case .forLoop(let initial, let condition, let step, let loopBody):
            initial?.forEachExpression(body)
            condition?.forEachSubexpression(body)
            step?.forEachSubexpression(body)
            loopBody.forEachExpression(body)
        case .listForEachEntry(_, let head, _, let loopBody):
            head.forEachSubexpression(body)
            loopBody.forEachExpression(body)
        case .switchStatement(let value, let switchBody):
            value.forEachSubexpression(body)
            switchBody.forEachExpression(body)
        case .caseLabel(let value), .returnStatement(let value?):
            value.forEachSubexpression(body)
        case .returnStatement(nil), .defaultLabel, .breakStatement, .continueStatement, .empty:
            break
        }
    }

    /// Calls `body` with every variable this statement declares, in source order.
    func forEachDeclaration(_ body: (VariableDecl) -> Void) {
        switch kind {
        case .declaration(let decls):
            for decl in decls { body(decl) }
        case .block(let statements):
            for statement in statements { statement.forEachDeclaration(body) }
        case .ifElse(_, let then, let otherwise):
            then.forEachDeclaration(body)
            otherwise?.forEachDeclaration(body)
        case .whileLoop(_, let loopBody), .doWhile(let loopBody, _), .listForEachEntry(_, _, _, let loopBody), .switchStatement(_, let loopBody):
            loopBody.forEachDeclaration(body)
        case .forLoop(let initial, _, _, let loopBody):
            initial?.forEachDeclaration(body)
            loopBody.forEachDeclaration(body)
        case .expression, .caseLabel, .defaultLabel, .breakStatement, .continueStatement, .returnStatement, .empty:
            break
        }
    }
}

extension Expression {
    /// Calls `body` with this expression and then each subexpression.
    func forEachSubexpression(_ body: (Expression) -> Void) {
        body(self)
        switch kind {
        case .call(_, let arguments):
            for case .expression(let inner) in arguments { inner.forEachSubexpression(body) }
        case .unary(_, let inner), .postfix(_, let inner), .cast(_, let inner), .member(let inner, _, _):
            inner.forEachSubexpression(body)
        case .binary(_, let left, let right), .assign(_, let left, let right), .index(let left, let right):
            left.forEachSubexpression(body)
            right.forEachSubexpression(body)
        case .conditional(let condition, let then, let otherwise):
            condition.forEachSubexpression(body)
            then.forEachSubexpression(body)
            otherwise.forEachSubexpression(body)
        case .initializerList(let entries):
            for entry in entries { entry.value.forEachSubexpression(body) }
        case .integer, .identifier, .string, .sizeOf:
            break
        }
    }
}
