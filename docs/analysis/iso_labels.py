# Writes a phantom's labels.nii.gz again on an isotropic RAS grid (nearest voxel), as a network that keeps
# its own spacing would output it; input for the label-map resampling benchmark in docs/benchmarks.md.
# Usage: python3 iso_labels.py SPACING_MM OUT.nii.gz   (reads /tmp/ph200/labels.nii.gz; needs numpy)
import sys, gzip, struct, numpy as np
sys.path.insert(0, __import__('os').path.dirname(__file__)); from vein_errors import load as read
a=read('/tmp/ph200/labels.nii.gz')  # z,y,x ; affine: i -> x_ras = -0.742 i + 189.6 ; j -> y_ras = -0.742 j +189.6 ; k-> z=1.5k-149.25
b=gzip.open('/tmp/ph200/labels.nii.gz').read()[:352]
sp=float(sys.argv[1]); out=sys.argv[2]
nz,ny,nx=a.shape
# new grid: RAS axes positive, spacing sp iso, covering same extent
x0=189.62890625-0.7421875*(nx-1); y0=189.62890625-0.7421875*(ny-1); z0=-149.25
ex=0.7421875*(nx-1); ez=1.5*(nz-1)
mx=int(ex/sp)+1; mz=int(ez/sp)+1
xs=x0+sp*np.arange(mx); zs=z0+sp*np.arange(mz)
i=np.clip(np.round((189.62890625-xs)/0.7421875).astype(int),0,nx-1)
k=np.clip(np.round((zs-z0)/1.5).astype(int),0,nz-1)
r=a[k][:, i][:, :, i]   # z, y(j from y grid same as x), x
# y grid: y_ras = y0+sp*m ; j = (189.63 - y)/0.742
r=np.ascontiguousarray(r.astype(np.uint8))
h=bytearray(b)
struct.pack_into('<8h',h,40,3,mx,mx,mz,1,1,1,1)
struct.pack_into('<hh',h,70,2,8)
struct.pack_into('<8f',h,76,1.0,sp,sp,sp,1,1,1,1)
struct.pack_into('<f',h,108,352.0)
struct.pack_into('<4f',h,280,sp,0,0,x0); struct.pack_into('<4f',h,296,0,sp,0,y0); struct.pack_into('<4f',h,312,0,0,sp,z0)
struct.pack_into('<hh',h,252,0,1)
with gzip.open(out,'wb') as f: f.write(bytes(h)+r.tobytes())
print(r.shape)
