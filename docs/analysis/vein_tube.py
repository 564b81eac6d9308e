# Portal vein: a 3D tube prior and the network's area by tilt (docs/models.md, "Where the portal
# vein's errors lie", 2026-11-25). Inputs as for vein_errors.py (/tmp/pv/phS, /tmp/pv/segS).
# Usage: python3 vein_tube.py tube 7000,7001,7002,7003,7004,7005    (tube prior on the labels)
#        python3 vein_tube.py truth 7000,7001,7002                   (the prior on the true labels)
#        python3 vein_tube.py tilt 7000,...,5005                     (area ratio by tilt)
# Needs numpy and scipy; not part of the build or the tests.
import gzip, os, struct, sys
import numpy as np
from scipy import ndimage as ndi
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vein_errors import load, dice
from scipy import ndimage as ndi
V=7
def pix(p):
    b=gzip.open(p).read(); return struct.unpack('<8f', b[76:108])[1:4]

def components(mask):
    out=[]
    for z in range(mask.shape[0]):
        lab,n=ndi.label(mask[z])
        for k in range(1,n+1):
            c=lab==k
            if c.sum()<4: continue
            cy,cx=ndi.center_of_mass(c)
            out.append(dict(z=z,mask=c,area=c.sum(),cy=cy,cx=cx))
    return out

def link(comps, dx, dz, maxd):
    # nearest-centroid link between consecutive slices; one-to-one only (branches break chains)
    byz={}
    for i,c in enumerate(comps): byz.setdefault(c['z'],[]).append(i)
    nxt={}; prv={}
    for z,ids in byz.items():
        cand=byz.get(z+1,[])
        for i in ids:
            a=comps[i]
            best=[(np.hypot((a['cy']-comps[j]['cy'])*dx,(a['cx']-comps[j]['cx'])*dx),j) for j in cand]
            best=[b for b in best if b[0]<maxd]
            if len(best)==1: 
                j=best[0][1]
                if j in prv: prv[j]=None  # two onto one: junction
                else: prv[j]=i
                nxt[i]=j
    # build chains
    chains=[]; seen=set()
    for i in range(len(comps)):
        if i in seen: continue
        if prv.get(i) is not None and prv.get(i) in nxt and nxt[prv[i]]==i: continue
        ch=[i]; seen.add(i)
        while ch[-1] in nxt and prv.get(nxt[ch[-1]])==ch[-1]:
            ch.append(nxt[ch[-1]]); seen.add(ch[-1])
        chains.append(ch)
    return chains

def render(shape, cy, cx, a_minor, a_major, ang):
    H,W=shape; yy,xx=np.mgrid[0:H,0:W]
    dy=yy-cy; dx_=xx-cx
    u= dx_*np.cos(ang)+dy*np.sin(ang)   # along direction
    v=-dx_*np.sin(ang)+dy*np.cos(ang)
    return (u/a_major)**2+(v/a_minor)**2<=1

def tube(pred, dx, dz, win, tau, maxd=10):
    out=pred.copy()
    comps=components(pred)
    chains=link(comps,dx,dz,maxd)
    for ch in chains:
        if len(ch)<3: continue
        zs=np.array([comps[i]['z'] for i in ch],float)
        cy=np.array([comps[i]['cy'] for i in ch]); cx=np.array([comps[i]['cx'] for i in ch])
        A=np.array([comps[i]['area'] for i in ch],float)
        n=len(ch)
        for t,i in enumerate(ch):
            lo=max(0,t-win); hi=min(n,t+win+1)
            if hi-lo<3: continue
            # local linear fit of centreline
            Z=zs[lo:hi]; py=np.polyfit(Z,cy[lo:hi],1); px=np.polyfit(Z,cx[lo:hi],1)
            vy,vx=py[0]*dx/dz*0+py[0], px[0]  # pixels per slice
            tan=np.hypot(vy*dx,vx*dx)/dz
            cos=1/np.sqrt(1+tan**2)
            # radius from areas: A = pi r^2 / cos (pixels)
            r=np.sqrt(np.median(A[lo:hi])*cos/np.pi)
            ang=np.arctan2(vy,vx)
            e=render(pred.shape[1:], np.polyval(py,zs[t]), np.polyval(px,zs[t]), r, r/cos, ang)
            c=comps[i]['mask']
            iou=(e&c).sum()/(e|c).sum()
            if iou>=tau:
                out[comps[i]['z']][c]=False; out[comps[i]['z']][e]=True
    return out


def tube_main(seeds):
    cfgs=[(w,t) for w in (1,2,3) for t in (0.5,0.7)]
    res={c:[] for c in cfgs}; base=[]
    for s in seeds:
        t=load(f'/tmp/pv/ph{s}/labels.nii.gz')==V
        lab=load(f'/tmp/pv/seg{s}/labels.nii.gz'); pred=lab==V
        dx,dy,dz=pix(f'/tmp/pv/ph{s}/labels.nii.gz')
        base.append(dice(pred,t))
        for c in cfgs:
            o=tube(pred,dx,dz,c[0],c[1])
            o=o&((lab==V)|(lab==0)|(lab==1))
            res[c].append(dice(o,t))
    print("base", " ".join(f"{x:.4f}" for x in base), f"mean {np.mean(base):.4f}")
    for c in cfgs: print(c, " ".join(f"{x:.4f}" for x in res[c]), f"mean {np.mean(res[c]):.4f}")

def truth_main(seeds):
    for s in seeds:
        t=load(f'/tmp/pv/ph{s}/labels.nii.gz')==V
        dx,dy,dz=pix(f'/tmp/pv/ph{s}/labels.nii.gz')
        print(s, [round(dice(tube(t,dx,dz,w,0.0),t),4) for w in (1,2,3)])

def tilt_main(seeds):
    bins={}

    for s in seeds:
        t=load(f'/tmp/pv/ph{s}/labels.nii.gz')==V
        pr=load(f'/tmp/pv/seg{s}/labels.nii.gz')==V
        dx,dy,dz=pix(f'/tmp/pv/ph{s}/labels.nii.gz')
        Z=t.shape[0]
        # per slice centroids of the true vein components via labelling in 3D not needed: use per-slice components and match by nearest
        for z in range(1,Z-1):
            lab,n=ndi.label(t[z])
            for k in range(1,n+1):
                c=lab==k
                cy,cx=ndi.center_of_mass(c)
                # neighbours' nearest component centroid
                sl=[]
                for zz in (z-1,z+1):
                    l2,n2=ndi.label(t[zz])
                    if n2==0: continue
                    cs=ndi.center_of_mass(t[zz],l2,range(1,n2+1))
                    d=[np.hypot((a-cy)*dy,(b-cx)*dx) for a,b in cs]
                    i=int(np.argmin(d)); 
                    if d[i]<15: sl.append(d[i]/dz)
                if not sl: continue
                tan=np.mean(sl)
                region=ndi.binary_dilation(c,iterations=3)
                p=pr[z]&region
                key=min(int(tan/0.5),6)
                b=bins.setdefault(key,[0,0,0,0])
                b[0]+=c.sum(); b[1]+=p.sum(); b[2]+=(c&p).sum(); b[3]+=1
    for k in sorted(bins):
        a,p,i,n=bins[k]
        print(f"tan {k*0.5:.1f}-{k*0.5+0.5:.1f}: n {n} true {a} pred {p} ratio {p/a:.2f} dice {2*i/(a+p):.3f}")

if __name__ == '__main__':
    {'tube': tube_main, 'truth': truth_main, 'tilt': tilt_main}[sys.argv[1]](sys.argv[2].split(','))
