// Atrous: train (or fine-tune) a model on a stack whose ROIs are named by class, as Plugins ›
// Atrous › Train Model... does in Fiji. The ROIs are the stack's overlay (File › Save As › Tiff
// keeps it), named "liver", "liver #2 z14", ...; the model goes to the destination folder
// (default: the user zoo, ~/.atrous/models) and is in the zoo from then on.
// Usage (headless server: under Xvfb, since ImageJ 1.x builds its menus even in batch mode):
//   ImageJ -batch macros/train_from_rois.ijm "image=/data/outlined.tif id=my-liver start=ct-abdomen epochs=10"
// Keys: image (required), id (default my-model), start (a zoo model to fine-tune, whose classifier
// is re-mapped to the ROIs' classes; default none: random weights), epochs (10), iterations (20),
// patch (128), windows (HU centre:width list, default 40:400), context (neighbouring slices per
// side as input channels, 2.5D; default 0), spacing (in-plane mm to train at; default 0, the
// image's own) -- a start model has its own windows, context and spacing -- destination (folder).
args = getArgument();
image = value(args, "image", "");
if (image == "") exit("usage: image=<TIFF stack with named ROIs> [id=..] [start=<zoo model>] [epochs=..] [destination=..]");
id = value(args, "id", "my-model");
start = value(args, "start", "none");
epochs = value(args, "epochs", "10");
iterations = value(args, "iterations", "20");
patch = value(args, "patch", "128");
windows = value(args, "windows", "40:400");
context = value(args, "context", "0");
spacing = value(args, "spacing", "0");
destination = value(args, "destination", "");
setBatchMode(true);
open(image);
options = "source=[open stack with ROIs] classes=[] id=[" + id + "] epochs=" + epochs + " iterations=" + iterations
    + " patch=" + patch + " windows=[" + windows + "] context=" + context + " spacing=" + spacing
    + " start=[" + start + "]";
if (destination != "") options = options + " destination=[" + destination + "]";
run("Train Model...", options);
print("trained " + id + " from " + getTitle());

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
