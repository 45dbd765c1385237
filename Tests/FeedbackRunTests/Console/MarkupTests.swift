@testable import LedgerConsole
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

/// The Host check of a console without tokens, on the values a request may carry.
@Suite("Loopback hosts")
struct LoopbackHostsTests {
    @Test func onlyThisMachinesNamesAreAdmitted() {
        let hosts = LoopbackHosts()
        for admitted in ["127.0.0.1:8080", "127.0.0.1", "localhost:8080", "LOCALHOST", "[::1]:8080", "[::1]", "127.2.3.4:1"] {
            #expect(hosts.admits(admitted), "\(admitted)")
        }
        for refused in [nil, "", "attacker.example:8080", "127.0.0.1.attacker.example", "localhost.attacker.example", "[::2]:80", "0.0.0.0:8080", "128.0.0.1"] {
            #expect(!hosts.admits(refused), "\(refused ?? "no Host")")
        }
        // Remembered answers do not widen it.
        #expect(hosts.admits("127.0.0.1:8080") && !hosts.admits("127.0.0.1:8080.attacker.example"))
    }
}

/// Percent-decoding of paths and form queries, against what RFC 3986 and HTML forms say.
@Suite("Percent decoding")
struct PercentDecodingTests {
    @Test func escapesAndFormSpacesAreDecoded() {
        #expect(PercentDecoding.decode("T%2F1%20a+b", plusIsSpace: true) == "T/1 a b")
        #expect(PercentDecoding.decode("T%2F1%20a+b", plusIsSpace: false) == "T/1 a+b")
        #expect(PercentDecoding.decode("Zo%C3%AB%3cscript%3E", plusIsSpace: false) == "Zoë<script>")
        #expect(PercentDecoding.decode("plain-id_42", plusIsSpace: true) == "plain-id_42")
        #expect(PercentDecoding.decode("%2B", plusIsSpace: true) == "+")
    }

    @Test func malformedEscapesAndBytesThatAreNotUTF8AreRefused() {
        for malformed in ["%", "%4", "a%zz", "%G0", "%FF", "%C3", "%C3%28"] {
            #expect(PercentDecoding.decode(malformed[...], plusIsSpace: true) == nil, "\(malformed)")
        }
    }
}
