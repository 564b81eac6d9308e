package org.atrous.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.Geometry;
import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.SegmentClass;
import org.atrous.dicom.Volume;
import org.atrous.model.train.TrainingCase;
import org.atrous.progress.ProgressListener;
import org.atrous.phantom.PhantomClasses;
import org.junit.jupiter.api.Test;

class ReferenceClassesTest {

    private static final List<SegmentClass> MODEL = PhantomClasses.ALL;
    private static final int[] GREY = {128, 128, 128};

    private static SegmentClass segment(int label, String name, CodedConcept type) {
        return new SegmentClass(label, name, GREY, SegmentClass.ANATOMICAL_STRUCTURE, type);
    }

    @Test
    void segmentsNumberedOtherwiseAreScoredAsTheClassesTheyMean() {
        // a SEG from elsewhere: 1 spleen (old SNOMED designator, another name), 2 "LIVER", 3 gallbladder
        List<SegmentClass> seg = List.of(segment(1, "Milz", new CodedConcept("78961009", "SRT", "Spleen")),
                segment(2, "LIVER", null), segment(3, "Gallbladder", CodedConcept.sct("28231008", "Gallbladder")));
        LabelVolume ref = new LabelVolume(new byte[] {0, 1, 2, 3, 2, 1}, Geometry.axial(6, 1, 1, 1, 1, 1), seg);
        ReferenceClasses.Matched m = ReferenceClasses.inModelClasses(ref, MODEL);
        assertArrayEquals(new byte[] {0, PhantomClasses.SPLEEN, PhantomClasses.LIVER, 0, PhantomClasses.LIVER,
                PhantomClasses.SPLEEN}, m.reference().labels());
        assertEquals(List.of("liver", "spleen"), m.reference().classes().stream().map(SegmentClass::name).toList());
        assertEquals(List.of("Gallbladder"), m.unmatched());
    }

    @Test
    void aCodeSharedByTwoModelClassesMatchesNeither() {
        CodedConcept kidney = CodedConcept.sct("64033007", "Kidney");
        List<SegmentClass> model = List.of(segment(1, "right kidney", kidney), segment(2, "left kidney", kidney));
        assertNull(ReferenceClasses.match(segment(1, "Kidney", kidney), model));
        assertEquals("left kidney", ReferenceClasses.match(segment(4, " Left Kidney", null), model).name());
    }

    @Test
    void trainingCasesTakeTheStartingModelsClassesOrAreRefused() {
        Geometry g = Geometry.axial(4, 1, 1, 1, 1, 1);
        List<SegmentClass> seg = List.of(segment(1, "Spleen", null), segment(2, "LIVER", null));
        TrainingCase c = new TrainingCase("a", Volume.of(new float[4], g, "CT"),
                new LabelVolume(new byte[] {0, 1, 2, 2}, g, seg));
        List<String> logged = new ArrayList<>();
        ProgressListener l = new ProgressListener() {
            @Override public void log(String message) { logged.add(message); }
        };
        TrainingCase t = ReferenceClasses.forTraining(List.of(c), MODEL, l).get(0);
        assertArrayEquals(new byte[] {0, PhantomClasses.SPLEEN, PhantomClasses.LIVER, PhantomClasses.LIVER},
                t.labels().labels());
        assertEquals(MODEL, t.labels().classes());
        assertEquals(5, logged.size(), logged.toString()); // tumour, kidneys, aorta, vein: none annotated
        assertTrue(logged.get(0).contains("'liver tumour'"), logged.get(0));

        TrainingCase odd = new TrainingCase("b", c.image(), new LabelVolume(new byte[] {0, 1, 1, 0}, g,
                List.of(segment(1, "pancreas", null))));
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceClasses.forTraining(List.of(c, odd), MODEL, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("case b") && e.getMessage().contains("[pancreas]"), e.getMessage());
    }

    @Test
    void emptyCodesOfUserNamedClassesMatchNothing() {
        List<SegmentClass> user = TrainingSets.classesNamed(List.of("nucleus"));
        assertNull(ReferenceClasses.match(TrainingSets.classesNamed(List.of("cell")).get(0), user));
    }
}
