package org.atrous.pacs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.SetOfDicomFiles;
import com.pixelmed.network.MultipleInstanceTransferStatusHandlerWithFileName;
import com.pixelmed.network.StorageSOPClassSCU;

/**
 * Sends DICOM files to a node with C-STORE (PixelMed's Storage SCU, one association for all
 * of them), and says per file whether the node stored it. Nothing is deleted or changed on disk:
 * what was not stored can be sent again.
 */
public final class PacsStore {

    /** One file's result: stored, or why not. */
    public record Outcome(Path file, boolean stored, String reason) { }

    private PacsStore() { }

    public static List<Outcome> send(PacsNode node, List<Path> files) {
        return send(node, files, answerTimeoutMs(files));
    }

    /** As above, giving up on a node that has not finished the transfer after {@code timeoutMs}. */
    static List<Outcome> send(PacsNode node, List<Path> files, long timeoutMs) {
        List<Outcome> out = new ArrayList<>();
        List<Path> sendable = new ArrayList<>();
        for (Path f : files) {
            String problem = unsendable(f);
            if (problem == null) sendable.add(f);
            else out.add(new Outcome(f, false, problem));
        }
        if (sendable.isEmpty()) return out;
        String unreachable = reach(node);
        if (unreachable != null) {
            for (Path f : sendable) out.add(new Outcome(f, false, "cannot reach " + node + ": " + unreachable));
        } else {
            out.addAll(transferWithin(node, sendable, timeoutMs));
        }
        return out;
    }

    /** The transfer, abandoned after the timeout ({@link #within}); its thread ends when the node closes the connection. */
    private static List<Outcome> transferWithin(PacsNode node, List<Path> files, long timeoutMs) {
        try {
            return within("atrous-c-store " + node, () -> transfer(node, files), timeoutMs);
        } catch (java.util.concurrent.TimeoutException e) {
            return failAll(files, "no answer from " + node + " within " + timeoutMs / 1000 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failAll(files, "interrupted while sending to " + node);
        } catch (java.util.concurrent.ExecutionException e) {
            return failAll(files, "cannot store to " + node + ": " + e.getCause());
        }
    }

    /**
     * {@code work}'s result, run on a daemon thread named {@code thread} that is interrupted and
     * abandoned after {@code timeoutMs}: PixelMed's associations read without a timeout, and a
     * node that accepts the connection but never answers must not hang the caller.
     */
    private static <T> T within(String thread, java.util.concurrent.Callable<T> work, long timeoutMs)
            throws java.util.concurrent.TimeoutException, java.util.concurrent.ExecutionException, InterruptedException {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work);
        Thread t = new Thread(task, thread);
        t.setDaemon(true);
        t.start();
        try {
            return task.get(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            t.interrupt();
            throw e;
        }
    }

    private static List<Outcome> failAll(List<Path> files, String reason) {
        return files.stream().map(f -> new Outcome(f, false, reason)).toList();
    }

    /** Two minutes, and two seconds more per megabyte to send (a slow link, a busy archive). */
    static long answerTimeoutMs(List<Path> files) {
        long bytes = 0;
        for (Path f : files) {
            try {
                bytes += Files.size(f);
            } catch (IOException e) {
                // unreadable files are refused before the transfer; they add no time
            }
        }
        return 120_000 + bytes / (1 << 20) * 2_000;
    }

    /** One association for all files; each file's status as the node answered it. */
    private static List<Outcome> transfer(PacsNode node, List<Path> files) {
        SetOfDicomFiles set = new SetOfDicomFiles();
        for (Path f : files) set.add(f.toAbsolutePath().toString());
        Map<String, Boolean> status = new HashMap<>();
        String failure = null;
        try {
            new StorageSOPClassSCU(node.host(), node.port(), node.calledAe(), node.callingAe(), set, 0,
                    new MultipleInstanceTransferStatusHandlerWithFileName() {
                        @Override
                        public void updateStatus(int remaining, int completed, int failed, int warning, String sopInstanceUid,
                                                 String fileName, boolean success) {
                            status.put(Path.of(fileName).toAbsolutePath().toString(), success);
                        }
                    });
        } catch (Exception e) { // association rejected or aborted: every file not answered fails with the reason
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ").trim();
        }
        List<Outcome> out = new ArrayList<>();
        for (Path f : files) {
            Boolean ok = status.get(f.toAbsolutePath().toString());
            if (Boolean.TRUE.equals(ok)) out.add(new Outcome(f, true, ""));
            else if (ok != null) out.add(new Outcome(f, false, node + " refused to store it"));
            else out.add(new Outcome(f, false, failure != null ? "cannot store to " + node + ": " + failure
                    : node + " refused the association or this file's SOP class and transfer syntax (check the AE titles)"));
        }
        return out;
    }

    /**
     * Why the node's port cannot be reached (refused, unknown host, no answer in 10 s), or null.
     * PixelMed's Storage SCU reports such failures only to its log, and connects without a timeout.
     */
    private static String reach(PacsNode node) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(node.host(), node.port()), CONNECT_TIMEOUT_MS);
            return null;
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private static final int CONNECT_TIMEOUT_MS = 10_000;

    /**
     * Why the node does not answer a verification (C-ECHO) from its calling AE title (it cannot
     * be reached, refuses the association, e.g. for an AE title it does not know, or does not
     * answer within 10 s), or null when it answers: a batch or a node checks so at its start,
     * instead of learning it from the first series' outputs.
     */
    public static String echo(PacsNode node) {
        return echo(node, CONNECT_TIMEOUT_MS);
    }

    static String echo(PacsNode node, long timeoutMs) {
        String unreachable = reach(node);
        if (unreachable != null) return "cannot reach " + node + ": " + unreachable;
        try {
            within("atrous-c-echo " + node, () -> new com.pixelmed.network.VerificationSOPClassSCU(node.host(),
                    node.port(), node.calledAe(), node.callingAe(), false), timeoutMs);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            return node + " refused a verification (C-ECHO) from " + node.callingAe() + ": "
                    + (c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            return node + " did not answer a verification (C-ECHO) within " + timeoutMs / 1000 + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Whether a file is a DICOM file with a meta header, as a folder's files are sent. */
    public static boolean isDicom(Path f) {
        return unsendable(f) == null;
    }

    /** Why a file cannot be sent (not readable, not DICOM), or null. */
    private static String unsendable(Path f) {
        if (!Files.isRegularFile(f)) return "not a file";
        try {
            com.pixelmed.dicom.AttributeList meta = new com.pixelmed.dicom.AttributeList();
            meta.readOnlyMetaInformationHeader(f.toFile());
            boolean dicom = !com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(meta,
                    com.pixelmed.dicom.TagFromName.MediaStorageSOPInstanceUID).isEmpty();
            return dicom ? null : "not a DICOM file with a meta header";
        } catch (IOException | com.pixelmed.dicom.DicomException | RuntimeException e) {
            return "not a DICOM file with a meta header";
        }
    }

    /** A one-line summary: "stored 3 of 3 files to PACS@host:104" or what failed. */
    public static String summary(PacsNode node, List<Outcome> outcomes) {
        long stored = outcomes.stream().filter(Outcome::stored).count();
        StringBuilder sb = new StringBuilder("stored " + stored + " of " + outcomes.size() + " files to " + node);
        for (Outcome o : outcomes) if (!o.stored()) sb.append("; ").append(o.file().getFileName()).append(": ").append(o.reason());
        return sb.toString();
    }
}
