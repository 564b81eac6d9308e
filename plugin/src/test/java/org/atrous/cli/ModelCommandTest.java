package org.atrous.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.atrous.model.DeepLabBuilder;
import org.atrous.model.DeepLabConfig;
import org.atrous.model.GraphSummary;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;

class ModelCommandTest {

    private static String[] run(int expectedExit, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            assertEquals(expectedExit, AtrousCli.commandLine().execute(args));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void summaryEndsWithTheTrainableCountOfTheCompactModel() {
        String[] out = run(0, "model", "summary", "--arch", "compact", "--classes", "4", "--input-size", "96");
        String[] lines = out[0].strip().split("\\R");
        DeepLabConfig c = DeepLabConfig.forArchitecture("compact").classes(4).inputSize(96).build();
        long expected = GraphSummary.of(new DeepLabBuilder(c).configuration(),
                InputType.convolutional(96, 96, 1)).trainableParameters();
        assertEquals("trainable parameters: " + expected, lines[lines.length - 1]);
        assertTrue(expected > 300_000 && expected < 2_000_000, "compact model has " + expected + " parameters");
        assertTrue(out[0].contains("aspp.b1") && out[0].contains("4x96x96"), out[0]);
    }

    @Test
    void summaryOfResNet50AtOutputStride8GivesTheTorchvisionCount() {
        String[] out = run(0, "model", "summary", "--arch", "deeplabv3-resnet50", "--output-stride", "8");
        assertTrue(out[0].strip().endsWith("trainable parameters: 39638869"), out[0]);
    }

    @Test
    void unknownArchitectureIsAUsageError() {
        String[] out = run(2, "model", "summary", "--arch", "unet");
        assertTrue(out[1].contains("unknown architecture 'unet'"), out[1]);
    }
}
