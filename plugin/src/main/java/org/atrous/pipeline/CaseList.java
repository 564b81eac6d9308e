package org.atrous.pipeline;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.atrous.model.train.TrainingCase;
import org.atrous.progress.ProgressListener;

/**
 * Annotated cases read only when asked for, one at a time: an evaluation over an archive of
 * hundreds of contoured series holds one series in memory, not all of them. The cases are
 * known up front (from headers and folders); a case whose pixels or labels then cannot be read
 * throws {@link Unreadable} with the reason, which {@link Evaluation} reports and steps over.
 * {@link #readAll} reads every case, as training needs them all at hand.
 */
public final class CaseList extends AbstractList<TrainingCase> {

    /** Reads one case; throws with the reason it cannot. */
    @FunctionalInterface
    public interface Loader {
        TrainingCase load() throws Exception;
    }

    /** A case that could not be read, named by where it comes from (a folder, a file). */
    public static final class Unreadable extends RuntimeException {
        private final String source;

        Unreadable(String source, String reason, Throwable cause) {
            super(reason, cause);
            this.source = source;
        }

        public String source() { return source; }
    }

    private final List<String> ids, sources;
    private final List<Loader> loaders;

    /** Cases named {@code ids}, read from {@code sources} (for messages) by {@code loaders}. */
    public CaseList(List<String> ids, List<String> sources, List<Loader> loaders) {
        if (ids.size() != loaders.size() || sources.size() != loaders.size()) {
            throw new IllegalArgumentException("one id and one source per loader");
        }
        this.ids = List.copyOf(ids);
        this.sources = List.copyOf(sources);
        this.loaders = List.copyOf(loaders);
    }

    @Override
    public TrainingCase get(int index) {
        try {
            return loaders.get(index).load();
        } catch (Unreadable | ProgressListener.Cancelled e) {
            throw e;
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new Unreadable(sources.get(index), why.startsWith(sources.get(index) + ": ")
                    ? why.substring(sources.get(index).length() + 2) : why, e);
        }
    }

    @Override
    public int size() {
        return ids.size();
    }

    /** A view of cases {@code from} to {@code to}, still read only when asked for. */
    @Override
    public CaseList subList(int from, int to) {
        return new CaseList(ids.subList(from, to), sources.subList(from, to), loaders.subList(from, to));
    }

    /** The case ids, known without reading any case. */
    public List<String> ids() {
        return ids;
    }

    /** {@code cases} with {@code f} applied to each as it is read (lazily when {@code cases} is a CaseList). */
    public static List<TrainingCase> mapped(List<TrainingCase> cases, UnaryOperator<TrainingCase> f) {
        if (!(cases instanceof CaseList lazy)) return cases.stream().map(f).toList();
        List<Loader> loaders = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            int k = i;
            loaders.add(() -> f.apply(lazy.get(k)));
        }
        return new CaseList(lazy.ids, lazy.sources, loaders);
    }

    /** Every case read now, in order; one that cannot be read is left out with "skipped ID: reason". */
    public static List<TrainingCase> readAll(List<TrainingCase> cases, ProgressListener l) {
        List<TrainingCase> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            try {
                out.add(cases.get(i));
            } catch (Unreadable e) {
                l.log("skipped " + e.source() + ": " + e.getMessage());
            }
        }
        return out;
    }
}
