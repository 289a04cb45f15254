package dev.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void nonFiniteNumbersAreWrittenAsNullNeverAsBareNaN() {
        assertEquals("{\"a\":null,\"b\":null,\"c\":[0.25,null]}",
                new Json().put("a", Double.NaN).put("b", Float.POSITIVE_INFINITY).put("c", new double[] {0.25, Double.NEGATIVE_INFINITY}).toString());
    }

    @Test
    void keepsInsertionOrderAndNestsObjects() {
        assertEquals("{\"z\":1,\"a\":{\"k\":\"v\"},\"l\":[1,2],\"t\":true}",
                new Json().put("z", 1).put("a", new Json().put("k", "v")).put("l", new int[] {1, 2}).put("t", true).toString());
    }

    @Test
    void numbersGetTenSignificantDigits() {
        assertEquals("[0.1,1.5e-10,12345,0.3333333333]", Json.write(List.of(0.1, 1.5e-10, 12345.0, 1.0 / 3)));
    }

    @Test
    void canonicalFormIsPythonsSortedAsciiDump() {
        // python3 -c 'import json; print(json.dumps({"b":[1,2],"a":{"y":"é\x7f\n","x":3}}, sort_keys=True, separators=(",",":")))'
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("y", "é\u007f\n");
        inner.put("x", 3L);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("b", List.of(1L, 2L));
        outer.put("a", inner);
        assertEquals("{\"a\":{\"x\":3,\"y\":\"\\u00e9\\u007f\\n\"},\"b\":[1,2]}", Json.canonical(outer));
    }
}
