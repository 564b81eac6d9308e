package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SeriesReadResultTest {

    private static SeriesPart part(String uid, String name, int slices) {
        SeriesIdentity id = new SeriesIdentity("", "", "", "", "", "", "", "", "", "", uid, "", "", "", "CT", "");
        Geometry g = Geometry.axial(4, 4, slices, 1, 1, 5);
        return new SeriesPart(name, name, new Volume(new float[16 * slices], g, id, List.of(), null, List.of()), List.of());
    }

    @Test
    void onlySmallPartsBesideAVolumeOfTheirOwnSeriesAreLocalizers() {
        SeriesPart axial = part("1.2.3", "1.2.3", 40), scout = part("1.2.3", "1.2.3#2", 1);
        SeriesPart singleSliceSeries = part("1.2.4", "1.2.4", 1), repeat = part("1.2.5", "1.2.5", 30),
                repeat2 = part("1.2.5", "1.2.5#2", 30);
        SeriesReadResult r = new SeriesReadResult(List.of(axial, scout, singleSliceSeries, repeat, repeat2), List.of(), List.of());
        assertEquals(List.of(scout), r.localizers());
        assertEquals(List.of(axial, singleSliceSeries, repeat, repeat2), r.segmentable());
    }
}
