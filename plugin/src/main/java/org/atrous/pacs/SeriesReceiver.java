package org.atrous.pacs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.StoredFilePathStrategy;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.network.ReceivedObjectHandler;
import com.pixelmed.network.StorageSOPClassSCPDispatcher;

/**
 * A DICOM Storage SCP (PixelMed's dispatcher) that files what a modality or PACS sends into one
 * folder per series, {@code incoming/<SeriesInstanceUID>/}, and says which series are complete:
 * DICOM has no "series complete" message, so a node waits until nothing of a study has come for
 * some seconds, as DICOM routers do (Orthanc's stable study): the series of a study are handed
 * out together, once the last of them has been quiet, so they can be segmented side by side. Images are taken in
 * the encodings Atrous decodes ({@link DecodablePresentationContexts}).
 */
public final class SeriesReceiver implements AutoCloseable {

    /** A Series Instance UID fit to name a folder. */
    private static final String SERIES_UID = "[0-9.]{1,64}";

    private final Path incoming;
    private final StorageSOPClassSCPDispatcher dispatcher;
    /** Series waiting to be handed out, with their study ("" when it names none). */
    private final Map<String, String> studyOf = new LinkedHashMap<>();
    /** When an instance of a study (or of a series naming no study, by its UID) last came. */
    private final Map<String, Long> lastReceived = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> leftOver;

    /**
     * Listens on {@code port} as {@code ae}; received files land under {@code incoming}. What an
     * earlier run left there is taken up first ({@link #leftOver()}).
     */
    public SeriesReceiver(int port, String ae, Path incoming) throws IOException {
        this.incoming = incoming;
        Path receiving = Files.createDirectories(incoming.resolve(".receiving"));
        leftOver = takeUpEarlierRun(receiving); // before the dispatcher writes there again
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

    /**
     * Files what an earlier run received but had not filed (it stopped in between), and hands out
     * every series folder already here with the first quiet series: whether that run segmented
     * it, its journal says (a series done is found there and only cleared from here); one that
     * failed, or was never complete, is tried again.
     */
    private List<String> takeUpEarlierRun(Path receiving) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(receiving)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) file(f);
        }
        List<String> series;
        try (java.util.stream.Stream<Path> s = Files.list(incoming)) {
            series = s.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(n -> n.matches(SERIES_UID)).sorted().toList();
        }
        long longAgo = System.nanoTime() - (1L << 62);
        synchronized (lastReceived) {
            for (String uid : series) {
                studyOf.putIfAbsent(uid, "");
                lastReceived.putIfAbsent(uid, longAgo);
            }
        }
        return series;
    }

    /** The series an earlier run left in {@code incoming/}, handed out with the first quiet series. */
    public List<String> leftOver() {
        return leftOver;
    }

    /** Moves a received instance into its series' folder (a file that is no readable DICOM into {@code unreadable/}). */
    private void file(Path received) {
        String[] uids = uids(received);
        String series = uids[0];
        boolean named = series.matches(SERIES_UID);
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
        String study = uids[1];
        synchronized (lastReceived) {
            studyOf.put(series, study);
            lastReceived.put(study.isEmpty() ? series : study, System.nanoTime());
        }
    }

    /**
     * The instance's Series and Study Instance UIDs from one read of its header ("" each when it
     * names none or is no readable DICOM).
     */
    private static String[] uids(Path file) {
        try {
            AttributeList l = new AttributeList();
            l.read(file.toString(), TagFromName.PixelData);
            return new String[] {Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SeriesInstanceUID).trim(),
                    Attribute.getSingleStringValueOrEmptyString(l, TagFromName.StudyInstanceUID).trim()};
        } catch (IOException | DicomException | RuntimeException e) {
            return new String[] {"", ""};
        }
    }

    /**
     * Folders of the series whose study has had nothing new for {@code quietSeconds} (a series
     * naming no study: nothing of the series itself); each is handed out once (a series sent
     * again later is handed out again).
     */
    public List<Path> quietSeries(double quietSeconds) {
        long now = System.nanoTime();
        List<Path> out = new ArrayList<>();
        synchronized (lastReceived) {
            studyOf.entrySet().removeIf(e -> {
                String key = e.getValue().isEmpty() ? e.getKey() : e.getValue();
                if (now - lastReceived.get(key) < quietSeconds * 1e9) return false;
                out.add(incoming.resolve(e.getKey()));
                return true;
            });
            lastReceived.keySet().removeIf(k -> !studyOf.containsKey(k) && !studyOf.containsValue(k));
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
