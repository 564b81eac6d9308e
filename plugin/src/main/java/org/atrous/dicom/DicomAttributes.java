package org.atrous.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.ValueRepresentation;

/**
 * Small helpers for building PixelMed attribute lists with an explicit VR, so that writers can
 * set tags PixelMed's dictionary lacks (the RT tags of group 3006) the same way as any other.
 */
public final class DicomAttributes {

    private DicomAttributes() { }

    public static AttributeTag tag(int group, int element) {
        return new AttributeTag(group, element);
    }

    /** Puts a string-valued attribute (empty values make an empty type-2 attribute). */
    public static void put(AttributeList list, AttributeTag tag, byte[] vr, String... values) {
        try {
            Attribute a = AttributeFactory.newAttribute(tag, vr);
            for (String v : values) if (v != null && !v.isEmpty()) a.addValue(v);
            list.put(a);
        } catch (DicomException e) {
            throw new IllegalStateException("cannot set " + tag + ": " + e.getMessage(), e);
        }
    }

    public static void putInt(AttributeList list, AttributeTag tag, byte[] vr, int... values) {
        String[] s = new String[values.length];
        for (int i = 0; i < values.length; i++) s[i] = Integer.toString(values[i]);
        put(list, tag, vr, s);
    }

    /** A new sequence attribute, already in the list; add items to it. */
    public static SequenceAttribute sequence(AttributeList list, AttributeTag tag) {
        SequenceAttribute s = new SequenceAttribute(tag);
        list.put(s);
        return s;
    }

    /** The items of sequence {@code tag} in each of {@code lists} (none where it is absent), in order. */
    public static java.util.List<AttributeList> items(java.util.List<AttributeList> lists, AttributeTag tag) {
        java.util.List<AttributeList> out = new java.util.ArrayList<>();
        for (AttributeList l : lists) {
            if (l.get(tag) instanceof SequenceAttribute s) {
                for (int i = 0; i < s.getNumberOfItems(); i++) out.add(s.getItem(i).getAttributeList());
            }
        }
        return out;
    }

    /** An item holding a Referenced SOP Class UID and Referenced SOP Instance UID. */
    public static AttributeList sopReference(String classUid, String instanceUid) {
        AttributeList item = new AttributeList();
        put(item, TagFromName.ReferencedSOPClassUID, ValueRepresentation.UI, classUid);
        put(item, TagFromName.ReferencedSOPInstanceUID, ValueRepresentation.UI, instanceUid);
        return item;
    }

    /** Patient and General Study modules copied from the source series' identity. */
    public static void putPatientAndStudy(AttributeList l, SeriesIdentity id) {
        put(l, TagFromName.PatientName, ValueRepresentation.PN, id.patientName());
        put(l, TagFromName.PatientID, ValueRepresentation.LO, id.patientId());
        put(l, TagFromName.PatientBirthDate, ValueRepresentation.DA, id.patientBirthDate());
        put(l, TagFromName.PatientSex, ValueRepresentation.CS, id.patientSex());
        put(l, TagFromName.StudyInstanceUID, ValueRepresentation.UI, id.studyInstanceUid());
        put(l, TagFromName.StudyDate, ValueRepresentation.DA, id.studyDate());
        put(l, TagFromName.StudyTime, ValueRepresentation.TM, id.studyTime());
        put(l, TagFromName.ReferringPhysicianName, ValueRepresentation.PN);
        put(l, TagFromName.StudyID, ValueRepresentation.SH, id.studyId());
        put(l, TagFromName.AccessionNumber, ValueRepresentation.SH, id.accessionNumber());
        put(l, TagFromName.StudyDescription, ValueRepresentation.LO, id.studyDescription());
    }

    /** Image Pixel module of a one-sample greyscale image with {@code bits} allocated and stored. */
    public static void putGreyscalePixelModule(AttributeList l, int rows, int columns, int bits, boolean signed) {
        put(l, TagFromName.SamplesPerPixel, ValueRepresentation.US, "1");
        put(l, TagFromName.PhotometricInterpretation, ValueRepresentation.CS, "MONOCHROME2");
        putInt(l, TagFromName.Rows, ValueRepresentation.US, rows);
        putInt(l, TagFromName.Columns, ValueRepresentation.US, columns);
        putInt(l, TagFromName.BitsAllocated, ValueRepresentation.US, bits);
        putInt(l, TagFromName.BitsStored, ValueRepresentation.US, bits);
        putInt(l, TagFromName.HighBit, ValueRepresentation.US, bits - 1);
        putInt(l, TagFromName.PixelRepresentation, ValueRepresentation.US, signed ? 1 : 0);
    }
}
