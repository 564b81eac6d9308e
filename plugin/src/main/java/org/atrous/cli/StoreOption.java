package org.atrous.cli;

import org.atrous.pacs.PacsNode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --store AE@host:port} and {@code --calling-ae}: send the DICOM outputs to a PACS. */
public final class StoreOption {

    @Option(names = "--store", paramLabel = "AE@HOST:PORT", description = "also send each series' DICOM outputs (SEG, SR, "
            + "RT Structure Set, probability SEG) to this node with C-STORE, e.g. PACS@10.0.0.5:104") String store;
    @Option(names = "--calling-ae", defaultValue = PacsNode.CALLING_AE, description = "the AE title to call from "
            + "(default ${DEFAULT-VALUE})") String callingAe = PacsNode.CALLING_AE;

    /**
     * Says on standard error, before a batch or a node starts, when {@code node} (null: none) does
     * not answer a verification: not fatal, since a PACS may come back, but every series' store
     * would fail until it does.
     */
    static void verify(org.atrous.pacs.PacsNode node, String command) {
        if (node == null) return;
        String why = org.atrous.pacs.PacsStore.echo(node);
        if (why == null) {
            System.err.println(command + ": --store " + node + " answers a verification (C-ECHO)");
        } else {
            System.err.println(command + ": warning: --store: " + why + "; until it answers, each series' outputs stay"
                    + " in the output folder, its row says they were not stored, and bin/atrous store sends them later");
        }
    }

    /** The node, or null when none was asked for; a malformed one is a usage error. */
    public PacsNode node(CommandSpec spec) {
        if (store == null) return null;
        return UsageErrors.check(spec, "--store: ", () -> PacsNode.parse(store, callingAe));
    }
}
