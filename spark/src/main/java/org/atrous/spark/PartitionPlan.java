package org.atrous.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.atrous.batch.SeriesEntry;

/**
 * Cuts the series to do into partitions of about equal work: voxels are the cost (reading,
 * inference and the CRF all grow with them), and the largest series are placed first, each
 * into the partition with the least work so far, so that one huge series does not share a
 * task with many others and make a straggler.
 */
final class PartitionPlan {

    private PartitionPlan() { }

    static List<List<SeriesEntry>> of(List<SeriesEntry> todo, int partitions) {
        int n = Math.max(1, Math.min(partitions, todo.size()));
        List<List<SeriesEntry>> parts = new ArrayList<>();
        long[] load = new long[n];
        for (int i = 0; i < n; i++) parts.add(new ArrayList<>());
        List<SeriesEntry> bySize = new ArrayList<>(todo);
        bySize.sort(Comparator.comparingLong(SeriesEntry::voxels).reversed().thenComparing(SeriesEntry::seriesUid));
        for (SeriesEntry e : bySize) {
            int least = 0;
            for (int i = 1; i < n; i++) if (load[i] < load[least]) least = i;
            parts.get(least).add(e);
            load[least] += Math.max(1, e.voxels());
        }
        return parts;
    }
}
