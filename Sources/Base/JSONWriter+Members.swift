extension JSONWriter {
    /// Writes the member `key`: `value` as a string, or `null` when it is nil.
    public mutating func member(_ key: String, _ value: String?) {
        self.key(key)
        string(value)
    }

    /// Writes the member `key`: an integer, or `null` when it is nil.
    public mutating func member(_ key: String, number value: Int?) {
        self.key(key)
        if let value { number(value) } else { null() }
    }

    /// Writes the member `key`: `true` or `false`.
    public mutating func member(_ key: String, _ value: Bool) {
        self.key(key)
        bool(value)
    }

    /// Writes the member `key`: an array of the strings `values`.
    public mutating func member(_ key: String, strings values: [String]) {
        self.key(key)
        array { json in for value in values { json.string(value) } }
    }

    /// Writes the member `key`: an array of one object per element, each written by `body`.
    public mutating func member<T>(_ key: String, objects elements: [T], _ body: (inout JSONWriter, T) -> Void) {
        self.key(key)
        array { json in
            for element in elements { json.object { body(&$0, element) } }
        }
    }
}
