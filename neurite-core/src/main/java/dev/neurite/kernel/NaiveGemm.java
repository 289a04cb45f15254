package dev.neurite.kernel;

import dev.neurite.tensor.Matrix;

/**
 * Textbook triple loops for the three products in {@link Gemm}, accumulated in double. They are
 * the oracle every fast kernel is tested against, not something to train with. Like {@link Gemm}, they
 * reject an output that shares its array with an input.
 */
public final class NaiveGemm {
    private NaiveGemm() {}

    /** {@code C = A·B}, A: (m,k), B: (k,n). */
    public static void mult(Matrix A, Matrix B, Matrix C) {
        Gemm.checkShapes("mult", B.rows() == A.cols() && C.rows() == A.rows() && C.cols() == B.cols(), A, B, C);
        Gemm.checkNotAliased("mult", A, B, C);
        for (int i = 0; i < A.rows(); i++) {
            for (int j = 0; j < B.cols(); j++) {
                double s = 0;
                for (int p = 0; p < A.cols(); p++) {
                    s += (double) A.get(i, p) * B.get(p, j);
                }
                C.set(i, j, (float) s);
            }
        }
    }

    /** {@code C = Aᵀ·B}, A: (k,m), B: (k,n). */
    public static void multTransA(Matrix A, Matrix B, Matrix C) {
        Gemm.checkShapes("multTransA", B.rows() == A.rows() && C.rows() == A.cols() && C.cols() == B.cols(), A, B, C);
        Gemm.checkNotAliased("multTransA", A, B, C);
        for (int i = 0; i < A.cols(); i++) {
            for (int j = 0; j < B.cols(); j++) {
                double s = 0;
                for (int p = 0; p < A.rows(); p++) {
                    s += (double) A.get(p, i) * B.get(p, j);
                }
                C.set(i, j, (float) s);
            }
        }
    }

    /** {@code C = A·Bᵀ}, A: (m,k), B: (n,k). */
    public static void multTransB(Matrix A, Matrix B, Matrix C) {
        Gemm.checkShapes("multTransB", B.cols() == A.cols() && C.rows() == A.rows() && C.cols() == B.rows(), A, B, C);
        Gemm.checkNotAliased("multTransB", A, B, C);
        for (int i = 0; i < A.rows(); i++) {
            for (int j = 0; j < B.rows(); j++) {
                double s = 0;
                for (int p = 0; p < A.cols(); p++) {
                    s += (double) A.get(i, p) * B.get(j, p);
                }
                C.set(i, j, (float) s);
            }
        }
    }
}
