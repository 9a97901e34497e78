"""Synthetic "shapes world" data for the Altscribe fixture captioner.

The world (see README.md): 1-3 identical non-overlapping shapes (circle, axis-aligned
square, upward triangle) of one colour on a plain background of another colour.
Image sizes 48-4000 px per side, aspect 1:2..2:1, shape size 15-35 % of the shorter
side, PNG / JPEG / WebP.  Non-overlap rule: bounding boxes are separated by a gap of
at least GAP_FRAC * size (training uses a slightly *smaller* gap than the TS test
generator, 0.20 vs 0.25, so the test world is inside the training world).

Each training sample simulates what the app / transformers.js does to a user image:
  original scene (any size)  ->  intermediate raster R (exact original size if small,
  otherwise a reduced raster rendered either area-averaged = "high quality pre-downscale"
  or point-sampled = "sparse sampling of a huge image")  ->  optional JPEG/WebP round
  trip  ->  squash-resize to IMG x IMG with a random filter (PIL nearest / bilinear /
  bicubic / lanczos / box / hamming, or a non-antialiased point-bilinear like sharp's
  affine).  A fraction of samples is rendered straight at IMG x IMG by point sampling
  (sharp affine on a huge original).

Usage:  python3 data.py OUT.npz N SEED [WORKERS] [VIPS_P]
  VIPS_P: probability of the exact transformers.js-Node resize (sharp affine, see
  vips_affine) as the final step; stage-1 data used 0, the stage-2 fine-tune data 0.5.
"""
import io
import math
import sys
import time

import numpy as np
from PIL import Image

IMG = 96  # model input side (ViTImageProcessor squashes to IMG x IMG)

COLORS = [
    ("red", (220, 40, 40)),
    ("green", (40, 170, 60)),
    ("blue", (40, 80, 220)),
    ("yellow", (240, 210, 40)),
    ("white", (250, 250, 250)),
    ("black", (20, 20, 20)),
    ("purple", (140, 50, 170)),
    ("pink", (250, 130, 190)),
]
SHAPES = ["circle", "square", "triangle"]
COUNT_WORDS = ["a", "two", "three"]
JITTER = 16
GAP_FRAC = 0.20

SPECIALS = ["<pad>", "<bos>", "<eos>", "<unk>"]
WORDS = sorted({"on", "a", "background", "two", "three"}
               | {c for c, _ in COLORS} | set(SHAPES) | {s + "s" for s in SHAPES})
VOCAB = SPECIALS + WORDS
TOK = {w: i for i, w in enumerate(VOCAB)}
PAD, BOS, EOS = 0, 1, 2
SEQ = 9  # <bos> + 7 words + <eos>


def caption(n, shape, fg, bg):
    return (f"{COUNT_WORDS[n - 1]} {COLORS[fg][0]} {SHAPES[shape]}{'s' if n > 1 else ''}"
            f" on a {COLORS[bg][0]} background")


def encode_caption(text):
    ids = [BOS] + [TOK[w] for w in text.split()] + [EOS]
    assert len(ids) == SEQ, text
    return ids


def decode_ids(ids):
    out = []
    for i in ids:
        i = int(i)
        if i == EOS:
            break
        if i >= len(SPECIALS):
            out.append(VOCAB[i])
    return " ".join(out)


# ----------------------------------------------------------------------------- scenes
def _loguniform(rng, lo, hi):
    return float(math.exp(rng.uniform(math.log(lo), math.log(hi))))


def sample_scene(rng, gap_frac=GAP_FRAC):
    # image size: width log-uniform 48..4000, aspect w/h log-uniform 1/2..2 with
    # extra mass near the extremes (the hardest squash); reject out-of-range heights.
    while True:
        W = int(round(_loguniform(rng, 48, 4000)))
        if rng.random() < 0.3:
            r = _loguniform(rng, 1.6, 2.0)
            if rng.random() < 0.5:
                r = 1.0 / r
        else:
            r = _loguniform(rng, 0.5, 2.0)
        H = int(round(W / r))
        if 48 <= H <= 4000 and 0.5 <= W / H <= 2.0:
            break
    n = int(rng.integers(1, 4))
    shape = int(rng.integers(0, 3))
    fg = int(rng.integers(0, 8))
    bg = int(rng.integers(0, 7))
    if bg >= fg:
        bg += 1
    fg_rgb = np.clip(np.array(COLORS[fg][1]) + rng.integers(-JITTER, JITTER + 1, 3), 0, 255)
    bg_rgb = np.clip(np.array(COLORS[bg][1]) + rng.integers(-JITTER, JITTER + 1, 3), 0, 255)
    short = min(W, H)
    frac = rng.uniform(0.15, 0.20) if rng.random() < 0.3 else rng.uniform(0.15, 0.35)
    while True:
        s = frac * short
        g = gap_frac * s
        pos = _place(rng, n, s, g, W, H)
        if pos is not None:
            break
        frac = max(0.15, frac * 0.95)
    return dict(W=W, H=H, n=n, shape=shape, fg=fg, bg=bg, fg_rgb=fg_rgb, bg_rgb=bg_rgb,
                size=s, pos=pos, caption=caption(n, shape, fg, bg))


def _place(rng, n, s, g, W, H):
    for _ in range(100):
        pos = []
        for _k in range(n):
            for _t in range(50):
                x = rng.uniform(0, W - s)
                y = rng.uniform(0, H - s)
                if all(abs(x - px) >= s + g or abs(y - py) >= s + g for px, py in pos):
                    pos.append((x, y))
                    break
            else:
                break
        if len(pos) == n:
            return pos
    return None


# ----------------------------------------------------------------------------- rendering
def render(sc, ow, oh, k=1, phase=(0.0, 0.0)):
    """Render scene to an (oh, ow, 3) uint8 raster.  Pixel (i, j) samples the original
    scene at k x k points of its footprint (k=1: one point at the centre + phase)."""
    W, H, s = sc["W"], sc["H"], sc["size"]
    fx, fy = W / ow, H / oh
    if k == 1:
        offx = np.array([0.5 + phase[0]])
        offy = np.array([0.5 + phase[1]])
    else:
        offx = offy = (np.arange(k) + 0.5) / k
    cov = np.zeros((oh, ow), np.float32)
    for (x0, y0) in sc["pos"]:
        j0 = max(0, int(math.floor(x0 / fx)) - 1)
        j1 = min(ow, int(math.ceil((x0 + s) / fx)) + 1)
        i0 = max(0, int(math.floor(y0 / fy)) - 1)
        i1 = min(oh, int(math.ceil((y0 + s) / fy)) + 1)
        if j1 <= j0 or i1 <= i0:
            continue
        X = (np.arange(j0, j1)[:, None] + offx[None, :]) * fx  # (bw, k)
        Y = (np.arange(i0, i1)[:, None] + offy[None, :]) * fy  # (bh, k)
        if sc["shape"] == 1:  # square: separable
            cx = ((X >= x0) & (X < x0 + s)).mean(1)
            cy = ((Y >= y0) & (Y < y0 + s)).mean(1)
            c = cy[:, None] * cx[None, :]
        else:
            Xb = X[None, None, :, :]
            Yb = Y[:, :, None, None]
            if sc["shape"] == 0:
                r = s / 2
                inside = (Xb - (x0 + r)) ** 2 + (Yb - (y0 + r)) ** 2 <= r * r
            else:  # triangle pointing up: apex (x0+s/2, y0), base y0+s
                d = Yb - y0
                inside = (d >= 0) & (d <= s) & (np.abs(Xb - (x0 + s / 2)) <= d / 2)
            c = inside.mean(axis=(1, 3))
        cov[i0:i1, j0:j1] = np.maximum(cov[i0:i1, j0:j1], c)
    fg = sc["fg_rgb"].astype(np.float32)
    bg = sc["bg_rgb"].astype(np.float32)
    img = bg[None, None, :] + cov[:, :, None] * (fg - bg)[None, None, :]
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def point_bilinear(a, ow, oh, rng):
    """Non-antialiased bilinear resize (like sharp/vips affine or canvas bilinear)."""
    h, w = a.shape[:2]
    sx, sy = w / ow, h / oh
    if rng.random() < 0.5:  # centre convention
        xs = (np.arange(ow) + 0.5) * sx - 0.5
        ys = (np.arange(oh) + 0.5) * sy - 0.5
    else:  # corner convention (vips affine default) + random sub-pixel shift
        xs = np.arange(ow) * sx + rng.uniform(-0.5, 0.5)
        ys = np.arange(oh) * sy + rng.uniform(-0.5, 0.5)
    xs = np.clip(xs, 0, w - 1)
    ys = np.clip(ys, 0, h - 1)
    x0 = np.floor(xs).astype(int)
    y0 = np.floor(ys).astype(int)
    x1 = np.minimum(x0 + 1, w - 1)
    y1 = np.minimum(y0 + 1, h - 1)
    wx = (xs - x0)[None, :, None]
    wy = (ys - y0)[:, None, None]
    af = a.astype(np.float32)
    top = af[y0][:, x0] * (1 - wx) + af[y0][:, x1] * wx
    bot = af[y1][:, x0] * (1 - wx) + af[y1][:, x1] * wx
    return np.clip(np.rint(top * (1 - wy) + bot * wy), 0, 255).astype(np.uint8)


def vips_affine(a, ow, oh):
    """Exact emulation of transformers.js's Node resize (sharp `affine`, bilinear):
    output pixel x samples input x * w / ow (corner aligned, no antialias) and samples
    beyond the last input row/column blend with BLACK.  When upscaling (side < ow) this
    darkens the last output row/column by up to 50 %, which a model that never saw it
    reads as an extra shape.  Verified against transformers.js to within 0.6 / 255."""
    h, w = a.shape[:2]
    xs = np.arange(ow) * (w / ow)
    ys = np.arange(oh) * (h / oh)
    x0 = np.floor(xs).astype(int)
    y0 = np.floor(ys).astype(int)
    wx = (xs - x0)[None, :, None]
    wy = (ys - y0)[:, None, None]
    pad = np.zeros((h + 1, w + 1, a.shape[2]), np.float32)
    pad[:h, :w] = a
    top = pad[y0][:, x0] * (1 - wx) + pad[y0][:, x0 + 1] * wx
    bot = pad[y0 + 1][:, x0] * (1 - wx) + pad[y0 + 1][:, x0 + 1] * wx
    return np.clip(np.rint(top * (1 - wy) + bot * wy), 0, 255).astype(np.uint8)


PIL_FILTERS = [Image.NEAREST, Image.BILINEAR, Image.BICUBIC, Image.LANCZOS, Image.BOX,
               Image.HAMMING]


def codec_roundtrip(a, rng):
    u = rng.random()
    if u < 1 / 3:
        return a, "png"
    fmt = "JPEG" if u < 2 / 3 else "WEBP"
    q = int(rng.integers(60, 96))
    buf = io.BytesIO()
    Image.fromarray(a).save(buf, format=fmt, quality=q)
    buf.seek(0)
    return np.asarray(Image.open(buf).convert("RGB")), fmt.lower()


def make_sample(rng, img=IMG, vips_p=0.0):
    sc = sample_scene(rng)
    W, H = sc["W"], sc["H"]
    u = rng.random()
    if u < 0.2 and max(W, H) > 2 * img:
        # sharp affine (bilinear, no antialias) on a big original ~ point sampling
        ph = tuple(rng.uniform(-0.5, 0.5, 2))
        return render(sc, img, img, 1, ph), sc
    cap = _loguniform(rng, 64, 1024)
    if max(W, H) <= cap:
        rw, rh = W, H
        k = 4 if rng.random() < 0.7 else 1  # anti-aliased or hard-edged original
    else:
        f = cap / max(W, H)
        rw, rh = max(1, int(round(W * f))), max(1, int(round(H * f)))
        k = 3 if rng.random() < 0.5 else 1  # area pre-downscale vs sparse sampling
    ph = tuple(rng.uniform(-0.5, 0.5, 2)) if k == 1 else (0.0, 0.0)
    a = render(sc, rw, rh, k, ph)
    a, _fmt = codec_roundtrip(a, rng)
    # vips_p = 0 consumes no extra random numbers, so stage-1 data is reproducible
    if vips_p > 0 and rng.random() < vips_p:
        return vips_affine(a, img, img), sc
    v = rng.random()
    if v < 0.3:
        a = point_bilinear(a, img, img, rng)
    else:
        flt = PIL_FILTERS[int(rng.integers(0, len(PIL_FILTERS)))]
        a = np.asarray(Image.fromarray(a).resize((img, img), flt))
    return a, sc


def gen_chunk(args):
    seed, chunk, count, img, vips_p = args
    rng = np.random.default_rng([seed, chunk])
    X = np.empty((count, img, img, 3), np.uint8)
    Y = np.empty((count, SEQ), np.int64)
    meta = np.empty((count, 6), np.int32)  # n, shape, fg, bg, W, H
    for i in range(count):
        a, sc = make_sample(rng, img, vips_p)
        X[i] = a
        Y[i] = encode_caption(sc["caption"])
        meta[i] = (sc["n"], sc["shape"], sc["fg"], sc["bg"], sc["W"], sc["H"])
    return X, Y, meta


def generate(n, seed, workers=2, img=IMG, chunk=500, vips_p=0.0):
    jobs = [(seed, c, min(chunk, n - c * chunk), img, vips_p) for c in range((n + chunk - 1) // chunk)]
    if workers > 1:
        from multiprocessing import Pool
        with Pool(workers) as p:
            parts = p.map(gen_chunk, jobs)
    else:
        parts = [gen_chunk(j) for j in jobs]
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(3))


if __name__ == "__main__":
    out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    workers = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    vips_p = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
    t = time.time()
    X, Y, meta = generate(n, seed, workers, vips_p=vips_p)
    np.savez(out, X=X, Y=Y, meta=meta)
    print(f"wrote {out}: {X.shape} in {time.time() - t:.1f}s", flush=True)
