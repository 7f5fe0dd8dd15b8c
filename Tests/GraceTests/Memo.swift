import Synchronization

/// Values computed once per key, by the first caller; later callers await
/// that computation, also while it is still running.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let tasks = Mutex<[Key: Task<Value, any Error>]>([:])

    func value(for key: Key, compute: @escaping @Sendable () throws -> Value) async throws -> Value {
        let task = tasks.withLock { tasks in
            if let running = tasks[key] { return running }
            let started = Task { try compute() }
            tasks[key] = started
            return started
        }
        return try await task.value
    }
}
