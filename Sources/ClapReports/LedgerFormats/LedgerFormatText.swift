/// Text made safe for the one-line fields of hledger and beancount journals.
enum LedgerFormatText {
    /// Tabs and line breaks become spaces.
    static func singleLine(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }

    /// An hledger description: one line, and no `;`, which would start a comment.
    static func hledgerDescription(_ text: String) -> String {
        singleLine(text).replacingSemicolons()
    }

    /// An hledger tag value: one line, no `,` (it ends the value) and no `;`.
    static func hledgerTagValue(_ text: String) -> String {
        String(singleLine(text).replacingSemicolons().map { $0 == "," ? " " : $0 })
    }

    /// A beancount string literal, quotes included.
    static func beancountString(_ text: String) -> String {
        var quoted = "\""
        for character in singleLine(text) {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// `name` padded with spaces to `width`, keeping at least two spaces before what follows.
    static func padded(_ name: String, to width: Int) -> String {
        name + String(repeating: " ", count: max(2, width - name.count))
    }
}

private extension String {
    func replacingSemicolons() -> String { String(map { $0 == ";" ? "," : $0 }) }
}
