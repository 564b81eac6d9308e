package org.atrous.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

import org.atrous.model.ModelCard;
import org.atrous.model.ModelZoo;

/**
 * A model as bytes, to broadcast from the driver: its card (JSON) and its weights (DL4J zip),
 * with the file names the card uses. Executors need no access to the driver's model folder.
 *
 * @param cardName    the card's file name, e.g. {@code ct-abdomen.json}
 * @param card        the card's bytes
 * @param weightsName the weights' file name as the card names it
 * @param weights     the weights' bytes
 * @param sha256      the weights' SHA-256 as the card declares it: the key of the executor cache
 */
public record ModelBytes(String cardName, byte[] card, String weightsName, byte[] weights, String sha256)
        implements Serializable {

    /** The card of a model given as the CLI takes it: a card path, or an id in the zoo. */
    public static ModelBytes find(String idOrPath) throws IOException {
        Path p = Path.of(idOrPath);
        if (idOrPath.endsWith(".json") && Files.isRegularFile(p)) return read(p);
        ModelZoo zoo = ModelZoo.standard();
        return read(zoo.find(idOrPath).map(ModelZoo.Entry::file).orElseThrow(() -> new IOException("no model '"
                + idOrPath + "': give a model card (.json) or one of the zoo's ids "
                + zoo.list().stream().map(e -> e.card().id()).toList())));
    }

    /** Reads a card and the weights it names (checked against the card when loaded on an executor). */
    public static ModelBytes read(Path cardFile) throws IOException {
        ModelCard c = ModelCard.read(cardFile);
        if (c.weightsFile() == null || c.weightsSha256() == null) {
            throw new IOException("model card " + cardFile + " names no weights file and checksum");
        }
        Path weights = cardFile.toAbsolutePath().getParent().resolve(c.weightsFile());
        return new ModelBytes(cardFile.getFileName().toString(), Files.readAllBytes(cardFile), c.weightsFile(),
                Files.readAllBytes(weights), c.weightsSha256());
    }
}
