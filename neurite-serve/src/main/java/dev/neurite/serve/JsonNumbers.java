package dev.neurite.serve;

import java.util.AbstractList;
import java.util.Objects;

/**
 * An array whose elements are all numbers, kept as their places in the body ({@code [start, end)} pairs in
 * one int array) rather than as a list of {@link JsonParser.Num} objects: the data of an infer request is thousands of
 * numbers, and a list of objects cost a fifth of a request's time in growing and copying it (measured
 * with JFR under load). As a {@code List} it reads as the {@code Num}s it holds.
 */
final class JsonNumbers extends AbstractList<Object> {
    private final String src;
    private final int[] spans;
    private final int size;

    JsonNumbers(String src, int[] spans, int size) {
        this.src = src;
        this.spans = spans;
        this.size = size;
    }

    @Override
    public JsonParser.Num get(int k) {
        Objects.checkIndex(k, size);
        return new JsonParser.Num(src, spans[2 * k], spans[2 * k + 1]);
    }

    @Override
    public int size() {
        return size;
    }

    /** Element k as the nearest float, as {@link JsonParser.Num#fp32()}. */
    float fp32(int k) {
        return JsonParser.Num.fp32(src, spans[2 * k], spans[2 * k + 1]);
    }
}
