package org.atrous.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.atrous.model.train.TrainingCase;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class CaseListTest {

    private static TrainingCase small(String id) {
        Geometry g = Geometry.axial(2, 2, 1, 1, 1, 1);
        return new TrainingCase(id, Volume.of(new float[4], g, "CT"), new LabelVolume(new byte[4], g, List.of()));
    }

    @Test
    void casesAreReadOnlyWhenAskedForAndAnUnreadableOneIsSkippedWithItsReason() {
        AtomicInteger reads = new AtomicInteger();
        CaseList cases = new CaseList(List.of("a", "b", "c"), List.of("/x/a", "/x/b", "/x/c"), List.of(
                () -> { reads.incrementAndGet(); return small("a"); },
                () -> { throw new IOException("/x/b: truncated pixel data"); },
                () -> { reads.incrementAndGet(); return small("c"); }));
        assertEquals(3, cases.size());
        assertEquals(0, reads.get(), "nothing read to know the cases");
        List<TrainingCase> later = CaseList.mapped(cases.subList(1, 3), c -> small(c.id() + "'"));
        assertEquals(0, reads.get(), "a view and a mapping read nothing either");
        assertEquals("c'", later.get(1).id());
        assertEquals(1, reads.get());
        CaseList.Unreadable e = assertThrows(CaseList.Unreadable.class, () -> cases.get(1));
        assertEquals("/x/b", e.source());
        assertEquals("truncated pixel data", e.getMessage(), "the source is not said twice");

        List<String> log = new ArrayList<>();
        List<TrainingCase> all = CaseList.readAll(cases, new ProgressListener() {
            @Override public void log(String message) { log.add(message); }
        });
        assertEquals(List.of("a", "c"), all.stream().map(TrainingCase::id).toList());
        assertEquals(List.of("skipped /x/b: truncated pixel data"), log);
    }
}
