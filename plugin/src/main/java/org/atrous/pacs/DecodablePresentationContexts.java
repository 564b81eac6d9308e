package org.atrous.pacs;

import java.util.LinkedList;
import java.util.List;

import com.pixelmed.network.AnyExplicitStorePresentationContextSelectionPolicy;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.TransferSyntaxSelectionPolicy;
import org.atrous.dicom.ImageChecks;

/**
 * Which of a sender's proposed encodings the node accepts: any storage SOP class (PixelMed's
 * policy), in the first proposed transfer syntax Atrous decodes (JPEG-LS, JPEG 2000, RLE, JPEG,
 * deflate, uncompressed), so a modality's compressed images are taken as sent; a context offering
 * none of them is refused, so the sender can offer another (most convert to uncompressed).
 */
final class DecodablePresentationContexts extends AnyExplicitStorePresentationContextSelectionPolicy {

    /** DICOM's result for a presentation context whose transfer syntaxes are all refused. */
    private static final byte TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    DecodablePresentationContexts() {
        transferSyntaxSelectionPolicy = new TransferSyntaxSelectionPolicy() {
            @Override
            @SuppressWarnings({"rawtypes", "unchecked"})
            public LinkedList applyTransferSyntaxSelectionPolicy(LinkedList contexts, int association) {
                for (Object o : contexts) choose((PresentationContext) o);
                return contexts;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static void choose(PresentationContext pc) {
        List<String> offered = List.copyOf(pc.getTransferSyntaxUIDs());
        pc.newTransferSyntaxUIDs();
        String chosen = offered.stream().filter(ImageChecks::decodable).findFirst().orElse(null);
        if (chosen == null) {
            pc.setResultReason(TRANSFER_SYNTAXES_NOT_SUPPORTED);
        } else {
            pc.addTransferSyntaxUID(chosen);
        }
    }
}
