package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** ND4J's backend failing to start is said in one line; other errors are left to picocli's whole trace. */
class BackendFailureTest {

    /** Stands for ND4J's Nd4jBackend.NoAvailableBackendException, recognised by its name. */
    static final class NoAvailableBackendException extends Exception {
        NoAvailableBackendException() { super("Please ensure that you have an nd4j backend on your classpath."); }
    }

    @Test
    void aBackendThatCannotStartIsNamed() {
        // what Nd4j's static initialiser throws when no backend loads, and what later uses throw
        Error first = new ExceptionInInitializerError(new RuntimeException(new NoAvailableBackendException()));
        Error later = new NoClassDefFoundError("Could not initialize class org.nd4j.linalg.factory.Nd4j");
        String said = "ND4J's native backend cannot start; bin/atrous doctor says why and what to install"
                + " (docs/install.md)";
        assertEquals(said, AtrousCli.backendFailure(first));
        assertEquals(said, AtrousCli.backendFailure(later));
        assertEquals("ND4J's native backend cannot start: libcuda.so.1: cannot open shared object file; bin/atrous doctor"
                + " says why and what to install (docs/install.md)",
                AtrousCli.backendFailure(new RuntimeException(new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file"))));
    }

    @Test
    void otherErrorsAreNotExplainedAway() {
        assertNull(AtrousCli.backendFailure(new IllegalStateException("a bug")));
        assertNull(AtrousCli.backendFailure(new NoClassDefFoundError("org/atrous/Missing")));
        assertNull(AtrousCli.backendFailure(new OutOfMemoryError("Java heap space")));
    }
}
