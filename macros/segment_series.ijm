// Opens a DICOM series, segments it with an Atrous model and saves every result.
// Usage (headless server: under Xvfb, since ImageJ 1.x builds its menus even in batch mode):
//   ImageJ -batch macros/segment_series.ijm "input=/data/ct out=/data/out model=ct-abdomen crf=3d"
// Writes to out/: image.tif (HU stack with the ROI overlay), rois.zip (ROI Manager), results.csv
// (one row per class), overlay.txt (ROI name and slice per line), <title>-seg.dcm (DICOM SEG).
args = getArgument();
input = value(args, "input", "");
out = value(args, "out", "");
model = value(args, "model", "ct-abdomen");
crf = value(args, "crf", "model");
if (input == "" || out == "") exit("usage: input=<DICOM folder> out=<folder> [model=<id>] [crf=model|off|2d|3d]");
File.makeDirectory(out);
setBatchMode(true);
run("Open DICOM Series...", "folder=[" + input + "] series=1");
roiManager("reset");
run("Segment Series...", "source=[current image] model=" + model + " crf=" + crf
    + " strength=1 classes=all overlay=outlined add label results dicom=[" + out + "]");
labelsTitle = getTitle();
selectImage(1);
saveAs("Tiff", out + "/image.tif");
listOverlay(out + "/overlay.txt");
roiManager("save", out + "/rois.zip");
saveAs("Results", out + "/results.csv");
print("segmented " + getTitle() + ": " + Overlay.size + " overlay ROIs, " + roiManager("count") + " in the ROI Manager, label image " + labelsTitle);

function listOverlay(path) {
    f = File.open(path);
    for (i = 0; i < Overlay.size; i++) {
        Overlay.activateSelection(i);
        print(f, Roi.getName + "\t" + getSliceNumber());
    }
    File.close(f);
    run("Select None");
}

// The value of key=value (or key=[value with spaces]) in s, or the default.
function value(s, key, dflt) {
    s = " " + s;
    i = indexOf(s, " " + key + "=");
    if (i < 0) return dflt;
    v = substring(s, i + lengthOf(key) + 2);
    if (startsWith(v, "[")) return substring(v, 1, indexOf(v, "]"));
    j = indexOf(v, " ");
    if (j < 0) return v;
    return substring(v, 0, j);
}
