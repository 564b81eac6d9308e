package org.atrous.roi;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.phantom.AbdomenPhantom;
import org.atrous.phantom.Phantom;
import org.atrous.phantom.PhantomClasses;
import org.atrous.phantom.PhantomOptions;
import org.atrous.progress.ProgressListener;
import org.junit.jupiter.api.Test;

class LesionSegmentsTest {

    @Test
    void eachTumourBecomesAClassNumberedAsTheComponentsTableAndNothingElseChanges() {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(21, 128, 14, 0, 6, 6, 3, 15, false), ProgressListener.NONE);
        LabelVolume labels = p.labels(), split = LesionSegments.split(labels);
        List<ComponentMeasurement> tumours = ComponentMeasurer.measure(labels, p.ct(), null).stream()
                .filter(c -> c.label() == PhantomClasses.TUMOUR).toList();
        assertTrue(tumours.size() >= 2, "two or more separate tumours: " + tumours.size());
        List<String> expected = new java.util.ArrayList<>(List.of("liver"));
        for (int k = 1; k <= tumours.size(); k++) expected.add("liver tumour #" + k); // where the class was
        expected.addAll(List.of("spleen", "right kidney", "left kidney", "aorta", "portal vein"));
        assertEquals(expected, split.classes().stream().map(SegmentClass::name).toList());
        long[] before = labels.histogram(), after = split.histogram();
        for (ComponentMeasurement t : tumours) {
            SegmentClass c = split.classes().stream().filter(x -> x.name().equals("liver tumour #" + t.index())).findFirst()
                    .orElseThrow();
            assertEquals(t.voxels(), after[c.label()], c.name() + " holds the component of that rank");
            assertEquals(PhantomClasses.ALL.get(1).type(), c.type(), "a lesion keeps its class's codes");
        }
        assertEquals(0, after[PhantomClasses.TUMOUR], "no voxel left under the class label");
        byte[] a = labels.labels(), b = split.labels();
        for (int i = 0; i < a.length; i++) {
            boolean tumour = a[i] == PhantomClasses.TUMOUR;
            if (!tumour) assertEquals(a[i], b[i], "voxel " + i + " of another class is unchanged");
            else assertTrue((b[i] & 0xff) > 7, "voxel " + i + " moved to a lesion label");
        }
        assertEquals(before[PhantomClasses.LIVER], after[PhantomClasses.LIVER]);
    }

    @Test
    void withoutTumoursTheLabelsStayAsTheyAre() {
        Phantom p = AbdomenPhantom.generate(new PhantomOptions(22, 128, 6, 0, 6, 6, 0, 15, false), ProgressListener.NONE);
        LabelVolume split = LesionSegments.split(p.labels());
        assertArrayEquals(p.labels().labels(), split.labels());
        assertEquals(p.labels().classes(), split.classes(), "an absent tumour class stays, with no voxels");
    }
}
