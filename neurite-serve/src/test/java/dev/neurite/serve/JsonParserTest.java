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
    void anArrayOfNumbersIsCompactAndAMixedOneKeepsItsOrder() {
        Object numbers = JsonParser.parse("[0.5, -3, 1e2, 0.0039215689]", 8);
        assertTrue(numbers instanceof JsonNumbers, numbers.getClass().getName());
        JsonNumbers n = (JsonNumbers) numbers;
        assertEquals(List.of(new JsonParser.Num("0.5"), new JsonParser.Num("-3"), new JsonParser.Num("1e2"),
                new JsonParser.Num("0.0039215689")), n);
        for (int k = 0; k < n.size(); k++) {
            assertEquals(Float.parseFloat(n.get(k).text()), n.fp32(k));
        }
        StringBuilder many = new StringBuilder("[");
        for (int k = 0; k < 1000; k++) {
            many.append(k == 0 ? "" : ",").append(k);
        }
        List<?> grown = (List<?>) JsonParser.parse(many.append("]").toString(), 8);
        assertEquals(1000, grown.size());
        assertEquals("999", grown.get(999).toString());
        List<?> mixed = (List<?>) JsonParser.parse("[1, 2, \"a\", [3], 4]", 8);
        assertEquals(List.of(new JsonParser.Num("1"), new JsonParser.Num("2"), "a", List.of(new JsonParser.Num("3")),
                new JsonParser.Num("4")), mixed);
        rejects("[1, 2 3]", "expected ',' or ']'");
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

    /** The fast path of FP32 numbers gives Float.parseFloat's bits, on every form it takes and the ones it hands on. */
    @Test
    void fp32NumbersParseToTheBitsOfFloatParseFloat() {
        java.util.Random r = new java.util.Random(7);
        java.util.List<String> texts = new java.util.ArrayList<>(List.of("0", "-0", "0.0", "-0.0", "1", "16777216", "16777217",
                "0.1", "0.3", "0.7", "3.4028235", "0.0000001", "0.00000000001", "123456789", "1234567891", "0.999999999",
                "1.5e3", "-2E-5", "0.0156863", "0.00392157", "9.99999999", "1.00000005"));
        for (int i = 0; i < 200_000; i++) {
            long m = r.nextInt(4) == 0 ? r.nextInt(1 << 25) : r.nextInt(1_000_000);
            String digits = Long.toString(m);
            int point = r.nextInt(digits.length() + 11);
            String t = point <= digits.length() ? digits.substring(0, digits.length() - point) + (point > 0 ? "." + digits.substring(digits.length() - point) : "")
                    : "0." + "0".repeat(point - digits.length()) + digits;
            if (t.startsWith(".")) {
                t = "0" + t;
            }
            texts.add(r.nextBoolean() ? "-" + t : t);
        }
        for (String t : texts) {
            Object v = JsonParser.parse("[" + t + "]", 2);
            float fast = ((JsonParser.Num) ((List<?>) v).get(0)).fp32();
            assertEquals(Float.floatToRawIntBits(Float.parseFloat(t)), Float.floatToRawIntBits(fast), t);
        }
    }
}
