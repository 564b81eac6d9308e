package org.atrous.phantom;

import java.util.List;

import org.atrous.dicom.CodedConcept;
import org.atrous.dicom.SegmentClass;

/** The ground-truth classes of the abdominal phantom, with their SNOMED CT codes. */
public final class PhantomClasses {
    public static final int LIVER = 1;
    public static final int TUMOUR = 2;
    public static final int SPLEEN = 3;
    public static final int RIGHT_KIDNEY = 4;
    public static final int LEFT_KIDNEY = 5;
    public static final int AORTA = 6;
    public static final int PORTAL_VEIN = 7;

    private static final CodedConcept ANATOMY = SegmentClass.ANATOMICAL_STRUCTURE;

    public static final List<SegmentClass> ALL = List.of(
            new SegmentClass(LIVER, "liver", new int[] {221, 130, 101}, ANATOMY, CodedConcept.sct("10200004", "Liver")),
            new SegmentClass(TUMOUR, "liver tumour", new int[] {255, 255, 0}, SegmentClass.MORPHOLOGICALLY_ABNORMAL,
                    CodedConcept.sct("108369006", "Neoplasm")),
            new SegmentClass(SPLEEN, "spleen", new int[] {157, 108, 162}, ANATOMY, CodedConcept.sct("78961009", "Spleen")),
            new SegmentClass(RIGHT_KIDNEY, "right kidney", new int[] {0, 200, 100}, ANATOMY,
                    CodedConcept.sct("9846003", "Right kidney")),
            new SegmentClass(LEFT_KIDNEY, "left kidney", new int[] {0, 170, 255}, ANATOMY,
                    CodedConcept.sct("18639004", "Left kidney")),
            new SegmentClass(AORTA, "aorta", new int[] {224, 0, 0}, ANATOMY, CodedConcept.sct("15825003", "Aorta")),
            new SegmentClass(PORTAL_VEIN, "portal vein", new int[] {255, 120, 255}, ANATOMY,
                    CodedConcept.sct("32764006", "Portal vein")));

    private PhantomClasses() { }
}
