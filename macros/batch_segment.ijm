// Atrous: segment every DICOM series under a folder, as `bin/atrous batch` does (resumable,
// one report.csv / report.html in the output folder). Runs in Fiji and under a headless ImageJ:
//
//   java -Djava.awt.headless=true -cp <Atrous and ImageJ classpath> ij.ImageJ -batch \
//        macros/batch_segment.ijm "input=[/data/archive] output=[/data/out] model=ct-abdomen crf=3d threads=2"
//
// Keys: input, output (folders, required), model (zoo id or model card path, default ct-abdomen),
// crf (model, off, 2d, 3d; default model: the model card's mode), threads (series in flight), modality (default: the one
// the model was trained on, CT for ct-abdomen; any: every series),
// rt_structure_sets (flag: also write rtstruct.dcm), measurement_sr (flag: also write the measurements as a
// DICOM SR, measurements-sr.dcm), probabilities (flag: also write probabilities.nii.gz),
// probability_seg (flag: also write the probabilities as a FRACTIONAL DICOM SEG, probabilities-seg.dcm),
// store (AE@host:port: send each series' DICOM outputs to that PACS with C-STORE).
// The plugin is called by class name, so the macro works with or without the
// "Batch Segment Folder..." menu entry (plugins.config).
args = getArgument();
if (args == "") {
    input = getDirectory("Folder with DICOM series");
    output = getDirectory("Output folder");
    args = "input=[" + input + "] output=[" + output + "]";
}
result = call("org.atrous.ij.BatchSegmentFolder.runMacro", args);
print(result);
if (startsWith(result, "error:"))
    exit(result);
