package org.atrous.ij;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.IJ;
import org.atrous.model.ModelZoo;

/**
 * The model zoo as Fiji sees it: the folder named by {@code atrous.modelZoo} when set (the
 * command line and tests set it), otherwise {@code atrous/model-zoo} inside the ImageJ folder
 * (where the Fiji package puts the bundled models) and {@code model-zoo} in the working
 * folder; plus the user folder ({@code ~/.atrous/models}), where imported models go.
 */
final class AtrousZoo {

    private AtrousZoo() { }

    static ModelZoo open() {
        return new ModelZoo(folders());
    }

    static List<Path> folders() {
        List<Path> f = new ArrayList<>();
        String shipped = System.getProperty("atrous.modelZoo");
        if (shipped != null) {
            f.add(Path.of(shipped));
        } else {
            String ij = IJ.getDirectory("imagej");
            if (ij != null) f.add(Path.of(ij, "atrous", "model-zoo"));
            f.add(Path.of("model-zoo"));
        }
        f.add(ModelZoo.userFolder());
        return f;
    }

    /** Model ids, whole models first: an ensemble's members and a zoom model come last. */
    static String[] ids(ModelZoo zoo) {
        return ModelZoo.idsWholeFirst(zoo.list()).toArray(String[]::new);
    }

    /** The card file of a zoo id, as {@code Models.load} takes it. */
    static String cardPath(ModelZoo zoo, String id) {
        return zoo.find(id).map(e -> e.file().toAbsolutePath().toString())
                .orElseThrow(() -> new IllegalArgumentException("no model '" + id + "' in " + folders()));
    }
}
