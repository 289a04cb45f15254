package dev.neurite.data;

/**
 * A drawn or photographed digit turned into a 28×28 input the way MNIST's digits were made, so that a
 * network trained on MNIST sees what it was trained on: the ink is cropped to its bounding box, scaled
 * so that the box's longer side is 20 pixels (aspect ratio kept), brought to full grey levels and put
 * into 28×28 with its centre of mass at the centre.
 *
 * <ol>
 *   <li>{@code m} = the largest ink value; no ink gives zeros;</li>
 *   <li>the box: the rows and columns of pixels with {@code 10·ink > m} (faint noise is left out);</li>
 *   <li>the box's sides {@code (h, w)} become {@code max(1, ⌊20·side/max(h,w) + ½⌋)}; every output pixel is
 *       the mean of the source area it covers (area averaging, separable);</li>
 *   <li>values divided by their maximum;</li>
 *   <li>the patch is placed at offset {@code ⌊14 − c + 10⁻⁶⌋} per axis, {@code c} its centre of mass in
 *       index coordinates (so that it lands on 13.5), clamped to keep the patch inside.</li>
 * </ol>
 * The model page's JavaScript does the same steps; both are tested against golden arrays from an
 * independent numpy/scipy script ({@code tools/digit-goldens/make_goldens.py}).
 */
public final class DigitInput {
    /** The side of the output image. */
    public static final int SIDE = 28;
    /** The side of the box the ink is scaled into. */
    public static final int BOX = 20;

    private DigitInput() {}

    /**
     * The MNIST-style input of an ink image.
     *
     * @param ink    {@code height × width} values, row-major, in [0, 1] (1 = full ink); not modified
     * @return 784 values in [0, 1], row-major
     */
    public static float[] mnist(float[] ink, int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height != ink.length) {
            throw new IllegalArgumentException("ink must hold width·height values, was " + ink.length + " for "
                    + width + "×" + height);
        }
        float[] out = new float[SIDE * SIDE];
        double m = 0;
        for (float v : ink) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("ink values must lie in [0, 1], was " + v);
            }
            m = Math.max(m, v);
        }
        if (m == 0) {
            return out;
        }
        int x0 = width, x1 = -1, y0 = height, y1 = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (10.0 * ink[y * width + x] > m) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        int bw = x1 - x0 + 1, bh = y1 - y0 + 1, longer = Math.max(bw, bh);
        int tw = Math.max(1, (2 * BOX * bw + longer) / (2 * longer));
        int th = Math.max(1, (2 * BOX * bh + longer) / (2 * longer));
        double[] ax = areaWeights(bw, tw), ay = areaWeights(bh, th);   // (tw, bw), (th, bh)
        double[] rows = new double[bh * tw];                            // patch (bh, bw) · axᵀ → (bh, tw)
        for (int y = 0; y < bh; y++) {
            int src = (y0 + y) * width + x0;
            for (int j = 0; j < tw; j++) {
                double s = 0;
                for (int k = 0; k < bw; k++) {
                    s += ax[j * bw + k] * ink[src + k];
                }
                rows[y * tw + j] = s;
            }
        }
        double[] small = new double[th * tw];                           // ay (th, bh) · rows → (th, tw)
        double max = 0;
        for (int i = 0; i < th; i++) {
            for (int j = 0; j < tw; j++) {
                double s = 0;
                for (int k = 0; k < bh; k++) {
                    s += ay[i * bh + k] * rows[k * tw + j];
                }
                small[i * tw + j] = s;
                max = Math.max(max, s);
            }
        }
        double mass = 0, my = 0, mx = 0;
        for (int i = 0; i < th; i++) {
            for (int j = 0; j < tw; j++) {
                double v = small[i * tw + j] / max;
                small[i * tw + j] = v;
                mass += v;
                my += i * v;
                mx += j * v;
            }
        }
        int oy = offset(my / mass, th), ox = offset(mx / mass, tw);
        for (int i = 0; i < th; i++) {
            for (int j = 0; j < tw; j++) {
                out[(oy + i) * SIDE + ox + j] = (float) small[i * tw + j];
            }
        }
        return out;
    }

    /** Where a patch of {@code size} goes so that its centre of mass {@code c} lands on 13.5. */
    private static int offset(double c, int size) {
        int o = (int) Math.floor(SIDE / 2.0 - c + 1e-6);
        return Math.max(0, Math.min(SIDE - size, o));
    }

    /**
     * Area-averaging weights {@code (out, in)}: output pixel j covers source [j·in/out, (j+1)·in/out), and
     * source pixel k weighs its overlap with that interval, divided by the interval's length.
     */
    static double[] areaWeights(int in, int out) {
        double[] w = new double[out * in];
        double step = (double) in / out;
        for (int j = 0; j < out; j++) {
            double lo = (double) j * in / out, hi = (double) (j + 1) * in / out;
            for (int k = (int) Math.floor(lo); k < Math.min(in, (int) Math.ceil(hi)); k++) {
                double overlap = Math.min(hi, k + 1) - Math.max(lo, k);
                if (overlap > 0) {
                    w[j * in + k] = overlap / step;
                }
            }
        }
        return w;
    }
}
