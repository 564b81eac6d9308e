package org.atrous.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import java.io.File;

/** Writes small DICOM images with PixelMed for tests: one slice, or an enhanced multi-frame. */
final class SyntheticDicom {

    final AttributeList list = new AttributeList();

    /** A 16-bit signed CT slice, axial, 0.5 mm pixels, at z; pixel i holds {@code base + i}. */
    static SyntheticDicom ctSlice(String seriesUid, String sopUid, int instance, double z, int rows, int cols, int base)
            throws Exception {
        SyntheticDicom d = new SyntheticDicom();
        d.common(SOPClass.CTImageStorage, seriesUid, sopUid, "CT", rows, cols);
        d.put(TagFromName.InstanceNumber, String.valueOf(instance));
        d.put(TagFromName.ImagePositionPatient, "-10\\-20\\" + z);
        d.put(TagFromName.ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
        d.put(TagFromName.PixelSpacing, "0.5\\0.5");
        d.put(TagFromName.SliceThickness, "5");
        d.put(TagFromName.RescaleSlope, "1");
        d.put(TagFromName.RescaleIntercept, "-1024");
        short[] px = new short[rows * cols];
        for (int i = 0; i < px.length; i++) px[i] = (short) (base + i);
        d.pixels(px, 16, true);
        return d;
    }

    void common(String sopClass, String seriesUid, String sopUid, String modality, int rows, int cols) throws Exception {
        put(TagFromName.SOPClassUID, sopClass);
        put(TagFromName.SOPInstanceUID, sopUid);
        put(TagFromName.StudyInstanceUID, "1.2.826.0.1.3680043.10.999.1");
        put(TagFromName.SeriesInstanceUID, seriesUid);
        put(TagFromName.FrameOfReferenceUID, "1.2.826.0.1.3680043.10.999.2");
        put(TagFromName.Modality, modality);
        put(TagFromName.PatientID, "SYNTH");
        put(TagFromName.Rows, String.valueOf(rows));
        put(TagFromName.Columns, String.valueOf(cols));
        put(TagFromName.SamplesPerPixel, "1");
        put(TagFromName.PhotometricInterpretation, "MONOCHROME2");
    }

    void pixels(short[] px, int bitsStored, boolean signed) throws Exception {
        put(TagFromName.BitsAllocated, "16");
        put(TagFromName.BitsStored, String.valueOf(bitsStored));
        put(TagFromName.HighBit, String.valueOf(bitsStored - 1));
        put(TagFromName.PixelRepresentation, signed ? "1" : "0");
        OtherWordAttribute a = new OtherWordAttribute(TagFromName.PixelData);
        a.setValues(px);
        list.put(a);
    }

    SyntheticDicom put(AttributeTag tag, String value) throws Exception {
        list.remove(tag);
        Attribute a = list.putNewAttribute(tag);
        a.addValue(value);
        return this;
    }

    /** Adds one item holding {@code tag=value} pairs to a sequence (created when absent) in {@code into}. */
    static AttributeList item(AttributeList into, AttributeTag sequence) {
        SequenceAttribute s = (SequenceAttribute) into.get(sequence);
        if (s == null) {
            s = new SequenceAttribute(sequence);
            into.put(s);
        }
        AttributeList item = new AttributeList();
        s.addItem(item);
        return item;
    }

    static void put(AttributeList list, AttributeTag tag, String value) throws Exception {
        list.putNewAttribute(tag).addValue(value);
    }

    File write(File file, String transferSyntax) throws Exception {
        FileMetaInformation.addFileMetaInformation(list, transferSyntax, "ATROUS_TEST");
        list.write(file, transferSyntax, true, true);
        return file;
    }

    File write(File file) throws Exception {
        return write(file, TransferSyntax.ExplicitVRLittleEndian);
    }
}
