extension FunctionCompiler {
    /// kref_put(kref, release): refcount_dec_and_test(&kref->refcount) and,
    /// when it was the last reference, a call of release(kref); the value
    /// is 1 then, else 0. The kref pointer is on the stack.
    mutating func krefPut(_ call: PrimitiveCall) -> CType? {
        guard let argument = call.expression(1), case .identifier(let name) = argument.kind, let function = context.functionIndex[name] else {
            error("argument 2 of '\(call.name)' must name a function of the model that releases the object", at: call.expression(1)?.location ?? call.location)
            return nil
        }
        let decl = context.functionDecls[function]
        guard decl.parameters.count == 1, context.resolveType(decl.returnType) == .void else {
            error("'\(name)' must take one 'struct kref *' and return void to be a kref release function", at: argument.location)
            return nil
        }
        let kref = hiddenLocal()
        emit(.storeLocal(kref))
        emit(.loadLocal(kref))
        emit(.primitive(.refcount(.decrementAndTest)))
        let kept = emitJump { .jumpIfFalse($0) }
        emit(.loadLocal(kref))
        callees.insert(function)
        emit(.call(function: function, arguments: 1))
        emit(.push(1))
        let end = emitJump { .jump($0) }
        depth -= 1
        patch(kept, to: code.count)
        emit(.push(0))
        patch(end, to: code.count)
        return .int
    }
}
