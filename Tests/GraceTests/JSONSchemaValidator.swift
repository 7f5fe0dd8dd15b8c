import Foundation

/// Validates a JSON document against a JSON Schema (draft 4, as the SARIF
/// 2.1.0 schema is written), for the keywords that schema uses: type,
/// properties, required, additionalProperties, items, enum, $ref into
/// definitions, oneOf, anyOf, minItems, uniqueItems, minimum, maximum,
/// pattern, and the uri, uri-reference and date-time formats.
struct JSONSchemaValidator {
    let root: JSONDocument

    /// Every violation found, each as `path: what is wrong`; empty when valid.
    func errors(in document: JSONDocument) -> [String] {
        var found: [String] = []
        check(document, against: root, at: "$", into: &found)
        return found
    }

    private func resolve(_ schema: JSONDocument) -> JSONDocument {
        guard let reference = schema["$ref"]?.string else { return schema }
        precondition(reference.hasPrefix("#/definitions/"), "only local definitions are supported: \(reference)")
        let name = String(reference.dropFirst("#/definitions/".count))
        guard let target = root["definitions"]?[name] else { preconditionFailure("no definition \(name)") }
        return resolve(target)
    }

    private func check(_ value: JSONDocument, against rawSchema: JSONDocument, at path: String, into found: inout [String]) {
        let schema = resolve(rawSchema)
        if let type = schema["type"] {
            let allowed = type.array?.compactMap(\.string) ?? [type.string].compactMap { $0 }
            if !allowed.contains(where: { matches(value, type: $0) }) {
                found.append("\(path): expected \(allowed.joined(separator: " or ")), found \(kind(of: value))")
                return
            }
        }
        if let options = schema["enum"]?.array, !options.contains(value) {
            found.append("\(path): \(value) is not one of the allowed values")
        }
        if case .object(let members) = value { checkObject(members, schema, at: path, into: &found) }
        if case .array(let items) = value { checkArray(items, schema, at: path, into: &found) }
        if case .string(let text) = value { checkString(text, schema, at: path, into: &found) }
        if let number = numeric(value) {
            if let minimum = schema["minimum"].flatMap(numeric), number < minimum { found.append("\(path): \(number) is below \(minimum)") }
            if let maximum = schema["maximum"].flatMap(numeric), number > maximum { found.append("\(path): \(number) is above \(maximum)") }
        }
        if let alternatives = schema["anyOf"]?.array {
            let passing = alternatives.filter { alternative in
                var inner: [String] = []
                check(value, against: alternative, at: path, into: &inner)
                return inner.isEmpty
            }
            if passing.isEmpty { found.append("\(path): matches none of anyOf") }
        }
        if let alternatives = schema["oneOf"]?.array {
            let passing = alternatives.filter { alternative in
                var inner: [String] = []
                check(value, against: alternative, at: path, into: &inner)
                return inner.isEmpty
            }
            if passing.count != 1 { found.append("\(path): matches \(passing.count) of oneOf, not exactly one") }
        }
    }

    private func checkObject(_ members: [(String, JSONDocument)], _ schema: JSONDocument, at path: String, into found: inout [String]) {
        let properties = schema["properties"]
        for name in schema["required"]?.array?.compactMap(\.string) ?? [] where !members.contains(where: { $0.0 == name }) {
            found.append("\(path): missing required property '\(name)'")
        }
        for (name, member) in members {
            if let property = properties?[name] {
                check(member, against: property, at: "\(path).\(name)", into: &found)
            } else if let additional = schema["additionalProperties"] {
                if additional == .bool(false) {
                    found.append("\(path): property '\(name)' is not allowed")
                } else if additional != .bool(true) {
                    check(member, against: additional, at: "\(path).\(name)", into: &found)
                }
            }
        }
    }

    private func checkArray(_ items: [JSONDocument], _ schema: JSONDocument, at path: String, into found: inout [String]) {
        if let minimum = schema["minItems"]?.integer, items.count < minimum {
            found.append("\(path): \(items.count) items, fewer than \(minimum)")
        }
        if schema["uniqueItems"] == .bool(true) {
            for (index, item) in items.enumerated() where items[..<index].contains(item) {
                found.append("\(path)[\(index)]: repeats an earlier item")
            }
        }
        if let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() { check(item, against: itemSchema, at: "\(path)[\(index)]", into: &found) }
        }
    }

    private func checkString(_ text: String, _ schema: JSONDocument, at path: String, into found: inout [String]) {
        if let pattern = schema["pattern"]?.string {
            let expression = try! NSRegularExpression(pattern: pattern)
            if expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                found.append("\(path): '\(text)' does not match \(pattern)")
            }
        }
        switch schema["format"]?.string {
        case "uri"?:
            if URL(string: text)?.scheme == nil { found.append("\(path): '\(text)' is not an absolute URI") }
        case "uri-reference"?:
            if URL(string: text) == nil || text.contains(" ") { found.append("\(path): '\(text)' is not a URI reference") }
        case "date-time"?:
            if ISO8601DateFormatter().date(from: text) == nil { found.append("\(path): '\(text)' is not a date-time") }
        default: break
        }
    }

    private func matches(_ value: JSONDocument, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("integer", .integer): return true
        case ("number", .integer), ("number", .number): return true
        default: return false
        }
    }

    private func numeric(_ value: JSONDocument) -> Double? {
        switch value {
        case .integer(let integer): return Double(integer)
        case .number(let number): return number
        default: return nil
        }
    }

    private func kind(of value: JSONDocument) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .integer: return "integer"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
