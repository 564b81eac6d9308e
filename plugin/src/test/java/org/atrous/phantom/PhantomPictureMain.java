package org.atrous.phantom;

import java.io.File;

import org.atrous.progress.ProgressListener;

/** Writes a preview montage for eyeballing: args seed out.png [slices...]. */
public final class PhantomPictureMain {
    public static void main(String[] a) throws Exception {
        long t = System.nanoTime();
        Phantom p = AbdomenPhantom.generate(PhantomOptions.defaults(Long.parseLong(a[0])), ProgressListener.NONE);
        System.out.println("generated in " + (System.nanoTime() - t) / 1e6 + " ms, tumours " + p.tumours());
        int[] s = {10, 20, 28, 36};
        PhantomPicture.write(p.ct(), p.labels(), s, 2, new File(a[1]));
    }
}
