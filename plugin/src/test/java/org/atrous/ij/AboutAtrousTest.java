package org.atrous.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.atrous.install.Diagnosis;
import org.junit.jupiter.api.Test;

/** About Atrous checks the installation it runs in: here ND4J's natives load and the bundled models are found. */
class AboutAtrousTest {

    @Test
    void theInstallationCheckFindsTheBackendAndTheModels() {
        System.setProperty("atrous.modelZoo", RealImageJ.REPO.resolve("model-zoo").toString());
        Diagnosis d = AboutAtrous.check();
        String all = String.join("\n", d.lines());
        assertTrue(all.contains("backend works"), all);
        assertTrue(all.contains("ct-abdomen 1.8.4") && all.contains("hippocampus-mr 1.7.1"), all);
        assertEquals(0, d.problems(), all);
    }
}
