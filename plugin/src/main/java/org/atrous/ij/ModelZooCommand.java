package org.atrous.ij;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import ij.text.TextWindow;
import org.atrous.dicom.SegmentClass;
import org.atrous.model.ModelCard;
import org.atrous.model.ModelStore;
import org.atrous.model.ModelZoo;

/**
 * Plugins › Atrous › Model Zoo...: lists the models, shows a model card, or imports a model
 * (card plus weights, checked against the card's SHA-256) into the user's zoo folder.
 */
public final class ModelZooCommand implements PlugIn {

    private static final String SHOW = "show card", IMPORT = "import model file";

    @Override
    public void run(String arg) {
        ModelZoo zoo = AtrousZoo.open();
        String[] ids = AtrousZoo.ids(zoo);
        GenericDialog gd = new GenericDialog("Atrous Model Zoo");
        gd.addMessage(ids.length + " model(s) in " + AtrousZoo.folders());
        gd.addChoice("Action", new String[] {SHOW, IMPORT}, SHOW);
        gd.addChoice("Model", ids.length == 0 ? new String[] {"(none)"} : ids, ids.length == 0 ? "(none)" : ids[0]);
        gd.addFileField("File to import (model card .json)", "");
        gd.showDialog();
        if (gd.wasCanceled()) return;
        boolean show = gd.getNextChoice().equals(SHOW);
        String id = gd.getNextChoice();
        String file = gd.getNextString().trim();
        try (PluginClassLoading ignored = PluginClassLoading.enter()) {
            if (show) {
                ModelZoo.Entry e = zoo.find(id).orElseThrow(() -> new IllegalArgumentException("no model " + id));
                display("Model " + id, describe(e));
            } else {
                Path card = importModel(Path.of(file), ModelZoo.userFolder());
                IJ.log("Model Zoo: imported " + card);
            }
        } catch (IOException | RuntimeException e) {
            Gui.error("Model Zoo", e.getMessage());
        } catch (Error e) {
            Gui.error("Model Zoo", Gui.backendFailure(e));
        }
    }

    /** The card's details as text lines. */
    static String describe(ModelZoo.Entry e) {
        ModelCard c = e.card();
        StringBuilder sb = new StringBuilder();
        sb.append("id: ").append(c.id()).append(' ').append(c.version()).append('\n');
        sb.append("file: ").append(e.file()).append('\n');
        sb.append(String.format(Locale.ROOT, "network: %s, output stride %d, %d input channels%n",
                c.architecture().backbone(), c.architecture().outputStride(), c.architecture().inputChannels()));
        for (SegmentClass k : c.classes()) {
            sb.append(String.format(Locale.ROOT, "class %d: %s (RGB %d,%d,%d)%n", k.label(), k.name(), k.rgb()[0], k.rgb()[1], k.rgb()[2]));
        }
        if (c.preprocessing() != null) {
            ModelCard.Preprocessing p = c.preprocessing();
            sb.append("preprocessing: ").append(p.normalisation());
            if (p.huWindows() != null) p.huWindows().forEach(w -> sb.append(' ').append(w.name()));
            sb.append(", neighbour slices ").append(p.neighbourSlices());
            if (p.sliceSpacingMm() != null) sb.append(String.format(Locale.ROOT, " at %.2f mm (thinner series read in slabs of it)", p.sliceSpacingMm()));
            if (p.sliceAxis() != null) sb.append(", slices across ").append(p.sliceAxis());
            if (p.orientation() != null) sb.append(", orientation ").append(p.orientation()).append(" (series turned to it)");
            sb.append('\n');
        }
        if (!c.ensemble().isEmpty()) sb.append("ensemble with: ").append(String.join(", ", c.ensemble())).append('\n');
        if (c.regionZoom() != null) {
            sb.append(String.format(Locale.ROOT, "region zoom: %sx on %s%s%n", c.regionZoom().scale(),
                    String.join(", ", c.regionZoom().classes()),
                    c.regionZoom().model() == null ? "" : " by " + c.regionZoom().model()));
        }
        if (!c.largestComponentOnly().isEmpty()) {
            sb.append("largest component only: ").append(String.join(", ", c.largestComponentOnly())).append('\n');
        }
        if (c.noiseLevelHu() != null) {
            sb.append(String.format(Locale.ROOT, "validated noise level: %.1f-%.1f HU (warns outside)%n",
                    c.noiseLevelHu().minHu(), c.noiseLevelHu().maxHu()));
        }
        if (c.training() != null) {
            sb.append("training data: ").append(c.training().description()).append('\n');
            sb.append("licence: ").append(c.training().licence()).append('\n');
        }
        c.metrics().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(m -> sb.append(m.getKey()).append(": ").append(m.getValue()).append('\n'));
        return sb.toString();
    }

    /**
     * Copies a card and its weights into {@code folder}, after loading them once so that a
     * corrupt or mismatched weights file is refused before anything is copied.
     */
    static Path importModel(Path card, Path folder) throws IOException {
        ModelStore.LoadedModel m = ModelStore.load(card);
        Files.createDirectories(folder);
        // members and zoom model first, the lead's card last: until it is in place, no half-copied model is listed
        for (ModelStore.LoadedModel member : m.members()) {
            copyModel(ModelStore.memberCard(card, member.card().id()), member, folder);
        }
        if (m.zoomModel() != null) copyModel(ModelStore.memberCard(card, m.zoomModel().card().id()), m.zoomModel(), folder);
        return copyModel(card, m, folder);
    }

    private static Path copyModel(Path card, ModelStore.LoadedModel m, Path folder) throws IOException {
        Path weights = card.toAbsolutePath().getParent().resolve(m.card().weightsFile());
        copy(weights, folder.resolve(weights.getFileName()));
        Path target = folder.resolve(m.card().id() + ".json");
        copy(card, target);
        return target;
    }

    private static void copy(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling("." + to.getFileName() + ".part");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void display(String title, String text) {
        if (Gui.noWindows()) IJ.log(text);
        else new TextWindow(title, text, 520, 360);
    }
}
