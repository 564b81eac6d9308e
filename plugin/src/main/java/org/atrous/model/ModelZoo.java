package org.atrous.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The model cards the user can choose from: those shipped in {@code model-zoo/} and those in
 * the user folder ({@code ~/.atrous/models}, or the system property {@code atrous.models}).
 * A card that cannot be read is reported, not fatal.
 */
public final class ModelZoo {

    /** A card and the file it came from. */
    public record Entry(ModelCard card, Path file) { }

    private final List<Path> folders;
    private final List<String> problems = new ArrayList<>();

    public ModelZoo(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    /** {@code model-zoo/} under the working directory (or {@code atrous.modelZoo}) plus the user folder. */
    public static ModelZoo standard() {
        Path shipped = Path.of(System.getProperty("atrous.modelZoo", "model-zoo"));
        Path user = Path.of(System.getProperty("atrous.models",
                Path.of(System.getProperty("user.home"), ".atrous", "models").toString()));
        return new ModelZoo(List.of(shipped, user));
    }

    public List<Entry> list() {
        problems.clear();
        List<Entry> entries = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) continue;
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> readInto(p, entries));
            } catch (IOException e) {
                problems.add("cannot list " + folder + ": " + e.getMessage());
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> e.card().id()));
        return entries;
    }

    public Optional<Entry> find(String id) {
        return list().stream().filter(e -> e.card().id().equals(id)).findFirst();
    }

    /** Cards skipped by the last {@link #list()}, with the reason. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void readInto(Path file, List<Entry> entries) {
        try {
            entries.add(new Entry(ModelCard.read(file), file));
        } catch (IOException e) {
            problems.add(e.getMessage());
        }
    }
}
