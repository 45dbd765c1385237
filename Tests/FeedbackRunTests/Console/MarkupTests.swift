import LedgerConsole
import Testing

/// Markup: interpolated text is escaped, markup is not, control characters are made visible.
@Suite("Markup escaping")
struct MarkupTests {
    @Test func interpolatedTextIsEscapedForTextAndForAttributes() {
        let value = #"<a href="x" onclick='y'>&amp;</a>"#
        let markup: Markup = "<td title=\"\(value)\">\(value)</td>"
        #expect(markup.html == "<td title=\"&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;\">&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;</td>")
        let inner: Markup = "<b>\("1 < 2")</b>"
        let outer: Markup = "<p>\(inner)</p>"
        #expect(outer.html == "<p><b>1 &lt; 2</b></p>")
    }

    @Test func controlAndBidirectionalCharactersBecomeVisible() {
        #expect(Markup.escape("a\u{0}b\u{7}c\u{1B}[31m\u{7F}") == "a\u{2400}b\u{2407}c\u{241B}[31m\u{2421}")
        #expect(Markup.escape("line\nnext\ttab") == "line\nnext\ttab")
        #expect(Markup.escape("abc\u{202E}fed\u{2066}\u{85}") == "abc\u{FFFD}fed\u{FFFD}\u{FFFD}")
        #expect(Markup.escape("Zoë 🎟") == "Zoë 🎟")
    }
}
