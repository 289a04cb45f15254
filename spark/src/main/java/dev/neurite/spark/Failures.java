package dev.neurite.spark;

/**
 * A task's argument error reaches the driver wrapped in a {@code SparkException} ("Job aborted due to stage
 * failure: …"); the estimators give it back as the {@link IllegalArgumentException} it was, naming the
 * partition and row, and let every other failure through unchanged.
 */
final class Failures {
    private Failures() {}

    static RuntimeException unwrap(Exception e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                return new IllegalArgumentException(t.getMessage(), e);
            }
        }
        return Failures.<RuntimeException>sneaky(e);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Exception> T sneaky(Exception e) throws T {
        throw (T) e;
    }
}
