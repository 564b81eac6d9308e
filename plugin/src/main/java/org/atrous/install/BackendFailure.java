package org.atrous.install;

/**
 * ND4J's native backend failing to start, said in one line. ND4J only logs the cause (natives
 * for another platform, a CUDA build without a GPU driver) and then fails with an empty
 * initialiser error whose stack trace names none, so a user would see a trace and no reason.
 */
public final class BackendFailure {

    /** Where a command-line user finds the reason. */
    public static final String DOCTOR = "bin/atrous doctor says why and what to install (docs/install.md)";
    /** Where a Fiji user finds it. */
    public static final String ABOUT = "Plugins > Atrous > About Atrous says why and what to install";

    private BackendFailure() { }

    /**
     * "ND4J's native backend cannot start[: link error]; " + {@code whereToLook} when {@code e}
     * comes from ND4J's backend failing to start, else null (any other error is left as it is).
     */
    public static String explain(Throwable e, String whereToLook) {
        boolean backend = false;
        String link = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            backend |= t.getClass().getName().endsWith("NoAvailableBackendException")
                    || (t instanceof NoClassDefFoundError && String.valueOf(t.getMessage()).contains("org.nd4j"));
            if (t instanceof UnsatisfiedLinkError && link == null) link = t.getMessage();
        }
        if (!backend && link == null) return null;
        return "ND4J's native backend cannot start" + (link == null ? "" : ": " + link) + "; " + whereToLook;
    }
}
