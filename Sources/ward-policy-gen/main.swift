// Regenerates Sources/Policy/BuiltinPolicy+Generated.swift from policy/. Run from the package root:
//   swift run ward-policy-gen
import Foundation
import Policy

let root = FileManager.default.currentDirectoryPath
let policyDir = root + "/policy"
let output = root + "/Sources/Policy/BuiltinPolicy+Generated.swift"

func read(_ path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return String(decoding: data, as: UTF8.self)
}

guard let defaults = read(policyDir + "/default.json") else {
    FileHandle.standardError.write(
        Data("ward-policy-gen: \(policyDir)/default.json not found; run from the package root\n".utf8))
    exit(2)
}
let names = ((try? FileManager.default.contentsOfDirectory(atPath: policyDir + "/rules")) ?? [])
    .filter { $0.hasSuffix(".json") }.sorted()
var files: [BuiltinPolicySource.File] = []
for name in names {
    guard let text = read(policyDir + "/rules/" + name) else { continue }
    files.append(.init(name: "policy/rules/" + name, text: text))
}
do {
    let source = try BuiltinPolicySource.generate(
        defaults: .init(name: "policy/default.json", text: defaults), ruleFiles: files)
    try Data(source.utf8).write(to: URL(fileURLWithPath: output))
    print("wrote \(output) (\(files.count) rule files)")
} catch {
    FileHandle.standardError.write(Data("ward-policy-gen: \(error)\n".utf8))
    exit(2)
}
