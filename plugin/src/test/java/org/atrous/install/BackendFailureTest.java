package org.atrous.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** ND4J's backend failing to start is said in one line, naming where to look; other errors are left as they are. */
class BackendFailureTest {

    /** Stands for ND4J's Nd4jBackend.NoAvailableBackendException, recognised by its name. */
    static final class NoAvailableBackendException extends Exception {
        NoAvailableBackendException() { super("Please ensure that you have an nd4j backend on your classpath."); }
    }

    private static String explain(Throwable e) {
        return BackendFailure.explain(e, BackendFailure.DOCTOR);
    }

    @Test
    void aBackendThatCannotStartIsNamed() {
        // what Nd4j's static initialiser throws when no backend loads, and what later uses throw
        Error first = new ExceptionInInitializerError(new RuntimeException(new NoAvailableBackendException()));
        Error later = new NoClassDefFoundError("Could not initialize class org.nd4j.linalg.factory.Nd4j");
        String said = "ND4J's native backend cannot start; bin/atrous doctor says why and what to install"
                + " (docs/install.md)";
        assertEquals(said, explain(first));
        assertEquals(said, explain(later));
        assertEquals("ND4J's native backend cannot start: libcuda.so.1: cannot open shared object file; bin/atrous doctor"
                + " says why and what to install (docs/install.md)",
                explain(new RuntimeException(new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file"))));
    }

    @Test
    void otherErrorsAreNotExplainedAway() {
        assertNull(explain(new IllegalStateException("a bug")));
        assertNull(explain(new NoClassDefFoundError("org/atrous/Missing")));
        assertNull(explain(new OutOfMemoryError("Java heap space")));
    }

    @Test
    void theCommandLineAndFijiSayWhereToLook() {
        Error e = new NoClassDefFoundError("Could not initialize class org.nd4j.linalg.factory.Nd4j");
        assertEquals("ND4J's native backend cannot start; Plugins > Atrous > About Atrous says why and what to install",
                BackendFailure.explain(e, BackendFailure.ABOUT));
    }
}
