package org.atrous.model;

import java.util.ArrayList;
import java.util.List;

/** Atrous spatial pyramid pooling, in its v2 and v3 forms. */
public final class AsppBlock {

    /** Name prefix of v2's per-rate classifiers, numbered from 0. */
    private static final String V2_BRANCH = "aspp.b";

    private AsppBlock() { }

    /**
     * DeepLabv3: a 1×1 branch, one 3×3 branch per atrous rate and the image-pooling branch,
     * each conv → BN → ReLU, concatenated, projected by 1×1 conv → BN → ReLU, then dropout.
     */
    public static String v3(GraphBlocks g, String features, DeepLabConfig c) {
        List<String> branches = new ArrayList<>();
        branches.add(g.convBnRelu("aspp.b0", features, c.asppChannels(), 1, 1, 1));
        for (int i = 0; i < c.atrousRates().size(); i++) {
            branches.add(g.convBnRelu("aspp.b" + (i + 1), features, c.asppChannels(), 3, 1, c.atrousRates().get(i)));
        }
        branches.add(ImagePoolingBranch.build(g, "aspp.pooling", features, c.asppChannels()));
        String merged = g.concat("aspp.concat", branches.toArray(String[]::new));
        String projected = g.convBnRelu("aspp.project", merged, c.asppChannels(), 1, 1, 1);
        return g.dropout("aspp.dropout", projected, c.dropout());
    }

    /** DeepLabv2: parallel 3×3 atrous classifiers (with bias), one per rate, summed into logits. */
    public static String v2(GraphBlocks g, String features, DeepLabConfig c) {
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < c.atrousRates().size(); i++) {
            branches.add(g.conv(V2_BRANCH + i, features, c.classes(), 3, 1, c.atrousRates().get(i), true));
        }
        return g.add("aspp.sum", branches.toArray(String[]::new));
    }

    /** Whether a layer is one of v2's per-rate classifiers ("aspp.b0"; v3's branches are "aspp.b0.conv" ...). */
    static boolean isV2Branch(String layerName) {
        return layerName.startsWith(V2_BRANCH) && layerName.substring(V2_BRANCH.length()).matches("\\d+");
    }
}
