# Portal-vein error analysis behind docs/models.md ("Where the portal vein's errors lie", 2026-11-25).
# Inputs: for each seed S, `bin/atrous phantom --seed S --out /tmp/pv/phS` and
# `bin/atrous segment --model ct-abdomen --input /tmp/pv/phS/ct --out /tmp/pv/segS --outputs nifti,probabilities`.
# Usage: python3 vein_errors.py ellipse 7000,7001,7002,7003,7004,7005   (cross-section ellipse prior)
#        python3 vein_errors.py slices                                   (errors in slices where the vein changes)
# Needs numpy and scipy; not part of the build or the tests.
import sys
import gzip, struct, sys, numpy as np
from scipy import ndimage as ndi
def load(p):
    b = gzip.open(p).read()
    dim = struct.unpack('<8h', b[40:56]); dt = struct.unpack('<h', b[70:72])[0]; off = int(struct.unpack('<f', b[108:112])[0])
    shape = [d for d in dim[1:1+dim[0]]]
    n = int(np.prod(shape))
    t = {2: np.uint8, 4: np.int16, 512: np.uint16, 16: np.float32}[dt]
    return np.frombuffer(b[off:off+n*np.dtype(t).itemsize], dtype=t).reshape(shape[::-1])
def dice(a,b):
    s=a.sum()+b.sum(); return 2*(a&b).sum()/s if s else 1.0
V=7
def ellipse_like(mask, w, tau, grow):
    out = mask.copy()
    lab, n = ndi.label(mask)
    H,W = mask.shape
    yy,xx = np.mgrid[0:H,0:W]
    for k in range(1,n+1):
        comp = lab==k
        region = ndi.binary_dilation(comp, iterations=grow) if grow else comp
        wt = (w*region) if w is not None else comp.astype(float)
        m = wt.sum()
        if m < 3: continue
        cy = (wt*yy).sum()/m; cx=(wt*xx).sum()/m
        cyy=(wt*(yy-cy)**2).sum()/m; cxx=(wt*(xx-cx)**2).sum()/m; cxy=(wt*(yy-cy)*(xx-cx)).sum()/m
        C=np.array([[cyy,cxy],[cxy,cxx]])
        # ellipse of area m with same shape as covariance: uniform ellipse has cov = (a^2/4) along axes
        ev, evec = np.linalg.eigh(C)
        ev = np.maximum(ev, 1e-3)
        # uniform ellipse semi-axes a_i = 2 sqrt(ev_i); area pi a1 a2; scale to area m
        a = 2*np.sqrt(ev); s = np.sqrt(m/(np.pi*a[0]*a[1])); a*=s
        d = np.stack([yy-cy, xx-cx], -1) @ evec
        ell = (d[...,0]/a[0])**2 + (d[...,1]/a[1])**2 <= 1
        iou = (ell&comp).sum()/(ell|comp).sum()
        if iou >= tau:
            out[comp] = False; out[ell] = True
    return out

def ellipse_main(argv):
    sys.argv = [sys.argv[0]] + argv
    seeds = sys.argv[1].split(',')
    configs = [("none",None)] + [(f"bin tau{t}", ("bin",t,0)) for t in (0.5,0.7,0.8)] + [(f"prob tau{t} g{g}", ("prob",t,g)) for t in (0.5,0.7) for g in (1,2)]
    res = {c[0]:[] for c in configs}
    for s in seeds:
        t = load(f'/tmp/pv/ph{s}/labels.nii.gz')==V
        lab = load(f'/tmp/pv/seg{s}/labels.nii.gz')
        p = load(f'/tmp/pv/seg{s}/probabilities.nii.gz')[V].astype(float)/255
        pred = lab==V
        for name,cfg in configs:
            if cfg is None: out=pred
            else:
                kind,tau,g = cfg
                out = np.zeros_like(pred)
                for z in range(pred.shape[0]):
                    out[z] = ellipse_like(pred[z], p[z] if kind=="prob" else None, tau, g)
            out = out & ((lab==V)|(lab==0)|(lab==1)) if cfg else out
            res[name].append(dice(out,t))
    for name in res: print(f"{name:20s}", " ".join(f"{x:.4f}" for x in res[name]), f"mean {np.mean(res[name]):.4f}")

def slices_main():
    
    tot=dict(steady_err=0, change_err=0, steady_true=0, change_true=0)
    for s in "7000 7001 7002 7003 7004 7005 5000 5001 5002 5003 5004 5005".split():
        t = load(f'/tmp/pv/ph{s}/labels.nii.gz')==V
        pred = load(f'/tmp/pv/seg{s}/labels.nii.gz')==V
        a=t.sum(axis=(1,2)).astype(float)
        for z in range(t.shape[0]):
            if not (t[z].any() or pred[z].any()): continue
            nb=[a[z-1] if z>0 else 0, a[z+1] if z+1<len(a) else 0]
            change = max(abs(n-a[z]) for n in nb) > 0.3*max(a[z],1) or a[z]==0
            err=(t[z]^pred[z]).sum()
            k='change' if change else 'steady'
            tot[k+'_err']+=err; tot[k+'_true']+=t[z].sum()
    print(tot, "share of errors in changing slices %.2f"%(tot['change_err']/(tot['change_err']+tot['steady_err'])))

if __name__ == '__main__':
    if sys.argv[1] == 'ellipse':
        ellipse_main(sys.argv[2:])
    else:
        slices_main()
