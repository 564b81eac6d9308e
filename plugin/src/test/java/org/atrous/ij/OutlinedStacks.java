package org.atrous.ij;

import java.util.function.IntFunction;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.process.FloatProcessor;

/** Float stacks in HU with structures outlined on the overlay, as a user draws them in Fiji. */
final class OutlinedStacks {

    /** A structure: its class name, its HU inside, and its outline on slice z (1-based). */
    record Structure(String name, double hu, IntFunction<Roi> outline) { }

    private OutlinedStacks() { }

    /** Background -100 HU; each slice's structures filled in order and named "NAME #z zz". */
    static ImagePlus make(String title, int size, int slices, Structure... structures) {
        ImageStack stack = new ImageStack(size, size);
        Overlay overlay = new Overlay();
        for (int z = 1; z <= slices; z++) {
            FloatProcessor fp = new FloatProcessor(size, size);
            fp.setValue(-100);
            fp.fill();
            for (Structure s : structures) {
                Roi roi = s.outline().apply(z);
                fp.setValue(s.hu());
                fp.fill(roi);
                roi.setName(s.name() + " #" + z + " z" + z);
                roi.setPosition(z);
                overlay.add(roi);
            }
            stack.addSlice(fp);
        }
        ImagePlus imp = new ImagePlus(title, stack);
        imp.setOverlay(overlay);
        return imp;
    }
}
