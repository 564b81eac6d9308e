package org.atrous.pacs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.StoredFilePathStrategy;
import com.pixelmed.network.ReceivedObjectHandler;
import com.pixelmed.network.StorageSOPClassSCPDispatcher;
import org.atrous.dicom.InstanceSummary;
import org.atrous.dicom.UnreadableFileException;

/**
 * A DICOM Storage SCP (PixelMed's dispatcher) that files what a modality or PACS sends into one
 * folder per series, {@code incoming/<SeriesInstanceUID>/}, and says which series have been
 * quiet for a while: DICOM has no "series complete" message, so a node waits until no instance
 * of a series has come for some seconds, as DICOM routers and AI nodes do. Images are taken in
 * the encodings Atrous decodes ({@link DecodablePresentationContexts}).
 */
public final class SeriesReceiver implements AutoCloseable {

    private final Path incoming;
    private final StorageSOPClassSCPDispatcher dispatcher;
    private final Map<String, Long> lastReceived = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** Listens on {@code port} as {@code ae}; received files land under {@code incoming}. */
    public SeriesReceiver(int port, String ae, Path incoming) throws IOException {
        this.incoming = incoming;
        Path receiving = Files.createDirectories(incoming.resolve(".receiving"));
        dispatcher = new StorageSOPClassSCPDispatcher(port, ae, receiving.toFile(),
                StoredFilePathStrategy.BYSOPINSTANCEUIDINSINGLEFOLDER, new ReceivedObjectHandler() {
                    @Override
                    public void sendReceivedObjectIndication(String file, String transferSyntax, String caller) {
                        file(Path.of(file));
                    }
                }, null, null, null, new DecodablePresentationContexts(), false);
        Thread t = new Thread(dispatcher, "atrous-storage-scp");
        t.setDaemon(true);
        t.start();
        for (int i = 0; i < 200 && !dispatcher.isReady(); i++) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    /** Moves a received instance into its series' folder (a file that is no readable DICOM into {@code unreadable/}). */
    private void file(Path received) {
        String series;
        try {
            series = InstanceSummary.read(received.toFile()).seriesUid();
        } catch (UnreadableFileException e) {
            series = "";
        }
        boolean named = series.matches("[0-9.]{1,64}");
        Path dir = incoming.resolve(named ? series : "unreadable");
        try {
            Files.createDirectories(dir);
            Files.move(received, dir.resolve(received.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            synchronized (problems) {
                problems.add("cannot file " + received + ": " + e.getMessage());
            }
            return;
        }
        if (!named) return;
        synchronized (lastReceived) {
            lastReceived.put(series, System.nanoTime());
        }
    }

    /**
     * Folders of the series no instance of which has come for {@code quietSeconds}; each is
     * handed out once (a series sent again later is handed out again).
     */
    public List<Path> quietSeries(double quietSeconds) {
        long now = System.nanoTime();
        List<Path> out = new ArrayList<>();
        synchronized (lastReceived) {
            lastReceived.entrySet().removeIf(e -> {
                if (now - e.getValue() < quietSeconds * 1e9) return false;
                out.add(incoming.resolve(e.getKey()));
                return true;
            });
        }
        return out;
    }

    /** Receiving problems since the last call (a full disk, say). */
    public List<String> problems() {
        synchronized (problems) {
            List<String> p = List.copyOf(problems);
            problems.clear();
            return p;
        }
    }

    @Override
    public void close() {
        dispatcher.shutdown();
    }
}
