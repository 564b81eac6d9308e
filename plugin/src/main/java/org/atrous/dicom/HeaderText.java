package org.atrous.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.SequenceAttribute;

/**
 * A compact listing of a header for ImageJ's slice info, in ImageJ's own DICOM style
 * ({@code 0028,0030  Pixel Spacing: 0.8\0.8}). Sequences and long values are left out so that
 * a 600-slice series does not carry megabytes of text per slice.
 */
final class HeaderText {

    private static final int MAX_VALUE_CHARS = 80;

    private HeaderText() { }

    static String of(AttributeList list) {
        StringBuilder sb = new StringBuilder(2048);
        for (Attribute a : list.values()) {
            if (a instanceof SequenceAttribute) continue;
            AttributeTag t = a.getTag();
            if (t.getGroup() == 0x7fe0 || t.getElement() == 0 || t.isPrivate()) continue;
            String value = Attribute.getDelimitedStringValuesOrEmptyString(a);
            if (value.length() > MAX_VALUE_CHARS || !printable(value)) continue;
            sb.append(String.format("%04X,%04X  %s: %s%n", t.getGroup(), t.getElement(), name(t), value.trim()));
        }
        return sb.toString();
    }

    /** Binary values (OB, UN, group lengths read as text) are of no use in a text listing. */
    private static boolean printable(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c != 0x7f && c != 0xfffd);
    }

    private static String name(AttributeTag t) {
        String n = DicomDictionary.StandardDictionary.getFullNameFromTag(t);
        if (n == null) n = DicomDictionary.StandardDictionary.getNameFromTag(t);
        return n == null ? "---" : n;
    }
}
