package dev.neurite.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request parser is strict RFC 8259 and bounded in depth. */
class JsonParserTest {
    private static void rejects(String text, String mention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonParser.parse(text, 8), text);
        assertTrue(e.getMessage().contains(mention), e.getMessage());
    }

    @Test
    void parsesEveryKindOfValue() {
        Object v = JsonParser.parse(" {\"a\":[1,-2.5e3,true,false,null,\"x\\n\\u00e9\\\"\"],\"b\":{}} ", 8);
        Map<?, ?> m = (Map<?, ?>) v;
        List<?> a = (List<?>) m.get("a");
        assertEquals("1", a.get(0).toString());
        assertEquals(new JsonParser.Num("-2.5e3"), a.get(1));
        assertEquals(Boolean.TRUE, a.get(2));
        assertEquals(null, a.get(4));
        assertEquals("x\né\"", a.get(5));
        assertEquals(Map.of(), m.get("b"));
    }

    @Test
    void rejectsWhatJsonDoesNotAllow() {
        rejects("{\"a\":1,\"a\":2}", "duplicate key");
        rejects("[1,]", "unexpected character ']'");
        rejects("[01]", "expected ',' or ']'");
        rejects("[1.]", "digit after '.'");
        rejects("[1e]", "exponent");
        rejects("[NaN]", "unexpected character 'N'");
        rejects("[-]", "expected a digit");
        rejects("{a:1}", "string key");
        rejects("\"\\x\"", "bad escape");
        rejects("\"\\u12\"", "\\u escape");
        rejects("\"abc", "unterminated");
        rejects("[1] [2]", "after the JSON value");
        rejects("", "end of the body");
        rejects("[[[[[[[[[1]]]]]]]]]", "nesting deeper than 8");
        rejects("tru", "unexpected character 't'");
    }

    @Test
    void depthLimitCountsObjectsAndArrays() {
        assertEquals(List.of(List.of(Map.of())), JsonParser.parse("[[{}]]", 3));
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parse("[[{\"a\":[]}]]", 3));
    }
}
