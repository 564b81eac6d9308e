package org.atrous.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return new ModelZoo(List.of(Path.of(System.getProperty("atrous.modelZoo", "model-zoo")), userFolder()));
    }

    /** Where imported and trained models go: {@code ~/.atrous/models}, or the system property {@code atrous.models}. */
    public static Path userFolder() {
        return Path.of(System.getProperty("atrous.models", Path.of(System.getProperty("user.home"), ".atrous", "models").toString()));
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

    /**
     * Which listed cards are parts of another card in the same folder (an ensemble member or a
     * region zoom's model), mapped to the card they belong to. A part still runs alone, but a
     * user choosing a model wants the whole, so lists show the parts after the wholes.
     */
    public static Map<String, String> partOf(List<Entry> entries) {
        Map<String, String> owner = new LinkedHashMap<>();
        for (Entry e : entries) {
            for (String part : parts(e.card())) {
                boolean beside = entries.stream().anyMatch(o -> o.card().id().equals(part)
                        && o.file().getParent().equals(e.file().getParent()));
                if (beside) owner.putIfAbsent(part, e.card().id());
            }
        }
        return owner;
    }

    /** The zoo's ids, whole models first and parts after, each group in id order. */
    public static List<String> idsWholeFirst(List<Entry> entries) {
        Map<String, String> owner = partOf(entries);
        List<String> ids = entries.stream().map(e -> e.card().id()).distinct().toList();
        List<String> ordered = new ArrayList<>(ids.stream().filter(id -> !owner.containsKey(id)).toList());
        ordered.addAll(ids.stream().filter(owner::containsKey).toList());
        return ordered;
    }

    private static List<String> parts(ModelCard card) {
        List<String> p = new ArrayList<>(card.ensemble());
        if (card.regionZoom() != null && card.regionZoom().model() != null) p.add(card.regionZoom().model());
        return p;
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
