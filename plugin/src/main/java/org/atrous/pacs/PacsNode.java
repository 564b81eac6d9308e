package org.atrous.pacs;

import java.io.Serializable;

/**
 * A DICOM node that stores objects (a PACS, or a router in front of one): its AE title, host
 * and port, and the AE title Atrous calls it from.
 */
public record PacsNode(String calledAe, String host, int port, String callingAe) implements Serializable {

    public static final String CALLING_AE = "ATROUS";

    public PacsNode {
        checkAe(calledAe, "called");
        checkAe(callingAe, "calling");
        if (host == null || host.isBlank()) throw new IllegalArgumentException("the PACS host is missing");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " is not 1..65535");
    }

    private static void checkAe(String ae, String which) {
        // PS3.5 AE VR: 1..16 characters, no backslash or control characters, not all spaces
        if (ae == null || ae.isBlank() || ae.length() > 16 || !ae.matches("[\\x20-\\x5B\\x5D-\\x7E]+")) {
            throw new IllegalArgumentException("the " + which + " AE title '" + ae + "' is not 1 to 16 printable characters");
        }
    }

    /**
     * A Fiji command's {@code store} key: null when empty, else the node it names, called as
     * {@link #CALLING_AE}; a malformed one fails with a message that names the key.
     */
    public static PacsNode ofStoreKey(String store) {
        if (store == null || store.isBlank()) return null;
        try {
            return parse(store, CALLING_AE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("store: " + e.getMessage());
        }
    }

    /** {@code AE@host:port}, e.g. {@code PACS@10.0.0.5:104}, called from {@code callingAe}. */
    public static PacsNode parse(String spec, String callingAe) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([^@]+)@(.+):(\\d{1,5})").matcher(spec.trim());
        if (!m.matches()) throw new IllegalArgumentException("'" + spec + "' is not AE@host:port, e.g. PACS@10.0.0.5:104");
        return new PacsNode(m.group(1), m.group(2), Integer.parseInt(m.group(3)), callingAe);
    }

    @Override
    public String toString() {
        return calledAe + "@" + host + ":" + port;
    }
}
