package org.atrous.phantom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.atrous.dicom.SeriesIdentity;
import org.atrous.dicom.SliceSource;

/**
 * Obviously synthetic patient, study and series identities. UIDs are {@code 2.25.<uuid>} with
 * a name-based UUID of the seed and options, so regenerating a phantom reproduces its files
 * exactly, while other seeds or options give other UIDs.
 */
public final class PhantomIdentity {
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    private PhantomIdentity() { }

    /** A UID derived from the phantom's options and a role such as "study" or "instance/3". */
    public static String uid(PhantomOptions o, String role) {
        UUID u = UUID.nameUUIDFromBytes(("atrous-phantom:" + o + ":" + role).getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }

    static SeriesIdentity series(PhantomOptions o) {
        return new SeriesIdentity("ATROUS-PHANTOM-" + o.seed(), "PHANTOM^ATROUS^SEED" + o.seed(), "", "O",
                uid(o, "study"), "1", "20000101", "120000", "Atrous synthetic abdominal CT phantom", "",
                uid(o, "series"), "1", "Synthetic abdomen CT, seed " + o.seed(), uid(o, "frame-of-reference"),
                "CT", "Atrous phantom");
    }

    static List<SliceSource> slices(PhantomOptions o) {
        List<SliceSource> s = new ArrayList<>();
        for (int z = 0; z < o.slices(); z++) s.add(new SliceSource(uid(o, "instance/" + z), CT_IMAGE_STORAGE, "", 1, ""));
        return s;
    }
}
