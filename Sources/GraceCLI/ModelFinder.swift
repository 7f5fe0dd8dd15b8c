import Foundation

/// Expands the paths given to `grace check` into model files, in a fixed order.
enum ModelFinder {
    static let extensions: Set<String> = ["grace", "litmus"]

    static func files(in paths: [String]) throws -> [String] {
        var result: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw UsageError(message: "no such file or folder: \(path)")
            }
            if !isDirectory.boolValue {
                result.append(path)
                continue
            }
            guard let enumerator = FileManager.default.enumerator(atPath: path) else { continue }
            var found: [String] = []
            for case let relative as String in enumerator where extensions.contains(URL(fileURLWithPath: relative).pathExtension) {
                found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
            }
            guard !found.isEmpty else {
                throw UsageError(message: "no models (.grace or .litmus files) in \(path)")
            }
            result += found.sorted()
        }
        return result
    }
}
