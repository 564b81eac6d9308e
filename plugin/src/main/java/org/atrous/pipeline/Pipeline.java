package org.atrous.pipeline;


import org.atrous.dicom.LabelVolume;
import org.atrous.dicom.Volume;
import org.atrous.model.Segmentation;
import org.atrous.model.Segmenter;
import org.atrous.progress.ProgressListener;
import org.atrous.roi.SegmentationMeasurer;

/**
 * Series in, labels and measurements out: the one path that the CLI, the ImageJ commands and
 * the batch all call. Segments with the model, refines with the CRF as asked, measures.
 */
public final class Pipeline {

    private final Segmenter segmenter;
    private final PipelineOptions options;

    public Pipeline(Segmenter segmenter, PipelineOptions options) {
        this.segmenter = segmenter;
        this.options = options;
    }

    public PipelineOptions options() { return options; }

    public PipelineResult run(Volume image, ProgressListener listener) {
        long t0 = System.nanoTime();
        Segmentation s = segmenter.segment(image, listener);
        long t1 = System.nanoTime();
        LabelVolume labels = s.labels();
        if (options.crf() != CrfMode.OFF) {
            listener.log("refining with the " + options.crf().label() + " CRF");
            byte[] refined = VolumeCrf.refine(image, s.probabilities(),
                    options.crfParams().withPerSlice(options.crf() == CrfMode.SLICES_2D), listener);
            labels = new LabelVolume(refined, labels.geometry(), labels.classes());
        }
        long t2 = System.nanoTime();
        listener.progress("measuring", 1);
        return new PipelineResult(image, labels, s.probabilities(), SegmentationMeasurer.measure(labels, image),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

}
