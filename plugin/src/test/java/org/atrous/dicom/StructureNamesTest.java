package org.atrous.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class StructureNamesTest {

    @Test
    void tg263NamesMeanTheModelsPlainNames() {
        assertTrue(StructureNames.same("Kidney_R", "right kidney"));
        assertTrue(StructureNames.same("Kidney_L", "left kidney"));
        assertTrue(StructureNames.same("A_Aorta", "aorta"));
        assertTrue(StructureNames.same("V_Portal", "portal vein"));
        assertTrue(StructureNames.same("V_Venacava_I", "inferior vena cava"));
        assertTrue(StructureNames.same("Bowel_Small", "small bowel"));
        assertTrue(StructureNames.same("Liver", "liver"));
        assertTrue(StructureNames.same("Liver_Tumor", "liver tumour"));
        assertTrue(StructureNames.same("R Kidney", "Kidney (R)"));
        assertTrue(StructureNames.same("A_Iliac_Ext_L", "left external iliac artery"));
    }

    @Test
    void otherStructuresCombinationsAndBothSidesDoNot() {
        assertFalse(StructureNames.same("Kidney_R", "left kidney"));
        assertFalse(StructureNames.same("Kidneys", "right kidney"), "TG-263's plural is both sides");
        assertFalse(StructureNames.same("Liver-GTV", "liver"), "liver minus the GTV is not the liver");
        assertFalse(StructureNames.same("Kidney_L+Kidney_R", "left kidney"));
        assertFalse(StructureNames.same("A_Aorta", "vena cava"));
        assertFalse(StructureNames.same("Liver_Ant", "liver"));
        assertTrue(StructureNames.same("Liver-GTV", "liver-gtv"), "a combination still matches itself");
    }

    @Test
    void aStructureSetsRoisFindTheModelsClasses() {
        List<SegmentClass> model = List.of(cls(1, "liver"), cls(2, "right kidney"), cls(3, "left kidney"),
                cls(4, "aorta"), cls(5, "portal vein"));
        assertEquals("right kidney", cls(9, "Kidney_R").meaningIn(model).name());
        assertEquals("left kidney", cls(9, "Kidney_L").meaningIn(model).name());
        assertEquals("aorta", cls(9, "A_Aorta").meaningIn(model).name());
        assertEquals("portal vein", cls(9, "V_Portal").meaningIn(model).name());
        assertNull(cls(9, "Kidneys").meaningIn(model));
        assertNull(cls(9, "Spleen").meaningIn(model));
    }

    private static SegmentClass cls(int label, String name) {
        return new SegmentClass(label, name, new int[] {1, 2, 3}, SegmentClass.ANATOMICAL_STRUCTURE,
                new CodedConcept("", "", name));
    }
}
