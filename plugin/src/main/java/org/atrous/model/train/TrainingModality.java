package org.atrous.model.train;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.atrous.model.Modality;

/**
 * The modality a model being trained names on its card ({@link Modality}): the one asked for,
 * else the one all its training cases share, else a starting model's; null (any) when the
 * cases mix modalities or name none (NIfTI) and nothing else says.
 */
public final class TrainingModality {

    private TrainingModality() { }

    public static String choose(List<TrainingCase> cases, String asked, String startModality) {
        if (asked != null && !asked.isBlank()) return Modality.parse(asked);
        Set<String> seen = new TreeSet<>();
        boolean unnamed = false;
        for (TrainingCase c : cases) {
            String m = c.image().modality();
            if (m == null || m.isBlank()) unnamed = true;
            else seen.add(m.trim().toUpperCase(Locale.ROOT));
        }
        if (seen.size() == 1 && !unnamed) return seen.iterator().next();
        if (seen.isEmpty()) return Modality.parse(startModality);
        return null;
    }
}
