// libFuzzer entry for the agent hook decoders and the JSON layer under them.
//
// Compiled by ci/fuzz/run.sh as one module with Sources/Policy (JSONParser) and, when
// Sources/AgentHooks declares `HookDecoder`, with AgentHooks and everything it imports
// (Shell, Checks, Workspace); run.sh then passes `-D WARD_FUZZ_HOOK_DECODER`. Without it only the
// JSON layer is fuzzed, and run.sh says so in its summary.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Strict JSON (hook payloads) and JSON5 (policy files): errors are fine, crashes are not.
    if let located = try? JSONParser.parse(bytes: bytes, json5: false) {
        _ = located.value.serialized
    }
    if let located = try? JSONParser.parse(bytes: bytes, json5: true) {
        _ = located.value.serialized
    }
    #if WARD_FUZZ_HOOK_DECODER
        for agent in Agent.allCases {
            _ = try? HookDecoder.decode(bytes, agent: agent)
        }
    #endif
    return 0
}
