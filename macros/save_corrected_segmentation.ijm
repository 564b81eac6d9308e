// Saves outlines of a DICOM series, corrected or drawn in ImageJ, as a DICOM SEG and an RT
// Structure Set that a PACS stores beside the series. The outlines are an ImageJ ROI set whose
// ROIs are named by class ("liver", "liver #3 z12", ...), such as the rois.zip that
// segment_series.ijm saves once a reader has corrected it in Fiji; or, with seg= instead of rois=,
// a DICOM SEG or an RT Structure Set of the series (Open DICOM SEG...), to store it (again) as a
// SEG with the model's codes.
// Usage (headless server: under Xvfb, as segment_series.ijm):
//   ImageJ -batch macros/save_corrected_segmentation.ijm "input=/data/ct rois=/data/out/rois.zip out=/data/corrected model=ct-abdomen creator=[Doe^Jane]"
// type=manual for outlines a person drew without a model (default semiautomatic: corrected model output).
// store=AE@host:port also sends both files to that PACS with C-STORE (they stay in out/ either way).
// Writes to out/: <title>-<type>-seg.dcm and <title>-<type>-rtstruct.dcm (never replacing earlier ones).
args = getArgument();
input = value(args, "input", "");
rois = value(args, "rois", "");
seg = value(args, "seg", "");
out = value(args, "out", "");
model = value(args, "model", "ct-abdomen");
type = value(args, "type", "semiautomatic");
creator = value(args, "creator", "");
store = value(args, "store", "");
if (input == "" || (rois == "") == (seg == "") || out == "") exit("usage: input=<DICOM folder> (rois=<rois.zip> | seg=<SEG file>) out=<folder> [model=<id>] [type=semiautomatic|manual] [creator=[Family^Given]]");
setBatchMode(true);
run("Open DICOM Series...", "folder=[" + input + "] series=1");
roiManager("reset");
if (rois != "") roiManager("open", rois);
else run("Open DICOM SEG...", "seg=[" + seg + "] overlay=outlined add");
run("Save Segmentation as DICOM...", "folder=[" + out + "] model=" + model + " rois=[ROI Manager] type=" + type
    + " creator=[" + creator + "] series=[Atrous segmentation, corrected] rt" + storeOption(store));
print("saved " + roiManager("count") + " ROIs of " + getTitle() + " to " + out);

// " store=AE@host:port" when a PACS was given, else nothing.
function storeOption(store) {
    if (store == "") return "";
    return " store=[" + store + "]";
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
