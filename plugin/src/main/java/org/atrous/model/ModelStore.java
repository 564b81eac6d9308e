package org.atrous.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.atrous.dicom.SegmentClass;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Saves and loads models as a card ({@code <id>.json}) beside its weights ({@code <id>.zip},
 * DL4J ModelSerializer). Files are written under temporary names and renamed when complete;
 * loading checks the weights' SHA-256 against the card and refuses a mismatch.
 */
public final class ModelStore {

    /**
     * A loaded model: its card, its graph, the models its card names as ensemble members (empty
     * for a single model), and the model its region zoom names for the second look (or null).
     */
    public record LoadedModel(ModelCard card, ComputationGraph graph, List<LoadedModel> members, LoadedModel zoomModel) {
        public LoadedModel {
            members = members == null ? List.of() : List.copyOf(members);
        }

        public LoadedModel(ModelCard card, ComputationGraph graph, List<LoadedModel> members) {
            this(card, graph, members, null);
        }

        public LoadedModel(ModelCard card, ComputationGraph graph) {
            this(card, graph, List.of());
        }

        /** A copy with its own graphs (members' and the zoom model's too), for a thread that must not share them. */
        public LoadedModel withClonedGraphs() {
            return new LoadedModel(card, graph.clone(), members.stream().map(LoadedModel::withClonedGraphs).toList(),
                    zoomModel == null ? null : zoomModel.withClonedGraphs());
        }

        /** True when inference reslices the volume: an ensemble, or a model slicing across x or y. */
        public boolean reslices() {
            return !members.isEmpty() || SliceAxis.parse(card.preprocessing() == null ? null
                    : card.preprocessing().sliceAxis()) != SliceAxis.Z;
        }
    }

    /** The weights differ from what the card declares. */
    public static final class ChecksumMismatchException extends IOException {
        public ChecksumMismatchException(String message) { super(message); }
    }

    private ModelStore() { }

    /** Writes weights and card into {@code dir}; returns the card's path. */
    public static Path save(ComputationGraph graph, ModelCard card, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path weights = dir.resolve(card.id() + ".zip");
        Path tmpWeights = dir.resolve(card.id() + ".zip.part");
        ModelSerializer.writeModel(graph, tmpWeights.toFile(), false);
        String sha = sha256(tmpWeights);
        Files.move(tmpWeights, weights, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ModelCard complete = card.withWeights(weights.getFileName().toString(), sha);
        Path cardFile = dir.resolve(card.id() + ".json");
        Path tmpCard = dir.resolve(card.id() + ".json.part");
        Files.writeString(tmpCard, complete.toJson());
        Files.move(tmpCard, cardFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return cardFile;
    }

    /**
     * Reads the card, verifies the weights' SHA-256, then restores the graph; then the same for
     * each ensemble member the card names ({@code <id>.json} beside it), which must have the
     * card's classes and no members of their own; then its region zoom's model, if it names one.
     */
    public static LoadedModel load(Path cardFile) throws IOException {
        LoadedModel lead = loadOne(cardFile);
        List<LoadedModel> members = new ArrayList<>();
        for (String id : lead.card().ensemble()) {
            LoadedModel m = loadBeside(cardFile, lead.card(), id, "ensemble member");
            if (!m.card().ensemble().isEmpty()) {
                throw new IOException("ensemble member '" + id + "' of model '" + lead.card().id()
                        + "' must have no ensemble of its own");
            }
            members.add(m);
        }
        return new LoadedModel(lead.card(), lead.graph(), members, zoomModel(cardFile, lead.card()));
    }

    /**
     * The model a card's region zoom names for its second look ({@code <id>.json} beside the
     * card), or null; it must have the card's classes and no ensemble or zoom of its own.
     */
    private static LoadedModel zoomModel(Path cardFile, ModelCard lead) throws IOException {
        String id = lead.regionZoom() == null ? null : lead.regionZoom().model();
        if (id == null) return null;
        LoadedModel z = loadBeside(cardFile, lead, id, "region zoom model");
        if (!z.card().ensemble().isEmpty() || z.card().regionZoom() != null) {
            throw new IOException("region zoom model '" + id + "' of model '" + lead.id()
                    + "' must have no ensemble or region zoom of its own");
        }
        return z;
    }

    /** Model {@code id} beside {@code cardFile}, which the lead names as its {@code role}; it must have the lead's classes. */
    private static LoadedModel loadBeside(Path cardFile, ModelCard lead, String id, String role) throws IOException {
        Path card = memberCard(cardFile, id);
        if (!Files.isRegularFile(card)) {
            throw new IOException("model '" + lead.id() + "' names " + role + " '" + id + "', but " + card + " is missing");
        }
        LoadedModel m = loadOne(card);
        if (!SegmentClass.sameLabels(m.card().classes(), lead.classes())) {
            throw new IOException(role + " '" + id + "' of model '" + lead.id() + "' must have the same classes");
        }
        return m;
    }

    /** Where the card of ensemble member {@code id} of {@code cardFile} lives: beside it. */
    public static Path memberCard(Path cardFile, String id) {
        return cardFile.toAbsolutePath().getParent().resolve(id + ".json");
    }

    private static LoadedModel loadOne(Path cardFile) throws IOException {
        ModelCard card = ModelCard.read(cardFile);
        if (card.weightsFile() == null || card.weightsSha256() == null) {
            throw new IOException("model card " + cardFile + " names no weights file and checksum");
        }
        Path weights = cardFile.toAbsolutePath().getParent().resolve(card.weightsFile());
        if (!Files.isRegularFile(weights)) throw new IOException("weights of model '" + card.id() + "' not found: " + weights);
        String actual = sha256(weights);
        if (!actual.equalsIgnoreCase(card.weightsSha256())) {
            throw new ChecksumMismatchException("weights of model '" + card.id() + "' do not match its card: " + weights
                    + " has SHA-256 " + actual + " but the card declares " + card.weightsSha256()
                    + "; the file is corrupt or belongs to another model, refusing to load it");
        }
        return new LoadedModel(card, ModelSerializer.restoreComputationGraph(weights.toFile(), false));
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStreamSink.INSTANCE);
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    /** Discards bytes: the digest stream only needs them read. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();
        @Override public void write(int b) { }
        @Override public void write(byte[] b, int off, int len) { }
    }
}
