package org.atrous.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.atrous.dicom.CtSeriesWriter;
import org.atrous.model.ModelStore;

/**
 * The model of a job, loaded once per executor JVM from the broadcast bytes and shared by every
 * task that JVM runs (the batch's processor serialises inference on a shared graph). Loading goes
 * through {@link ModelStore#load}, so the weights are checked against the card's SHA-256 here too.
 */
final class ExecutorModel {

    private static final Map<String, ModelStore.LoadedModel> LOADED = new ConcurrentHashMap<>();

    private ExecutorModel() { }

    static ModelStore.LoadedModel get(ModelBytes bytes) {
        return LOADED.computeIfAbsent(bytes.sha256(), k -> load(bytes));
    }

    private static ModelStore.LoadedModel load(ModelBytes bytes) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("atrous-model-");
            Files.write(dir.resolve(bytes.weightsName()), bytes.weights());
            Path card = dir.resolve(bytes.cardName());
            Files.write(card, bytes.card());
            return ModelStore.load(card);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the broadcast model " + bytes.cardName(), e);
        } finally {
            if (dir != null) CtSeriesWriter.deleteQuietly(dir);
        }
    }
}
