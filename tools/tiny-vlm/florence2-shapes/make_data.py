"""Render a shapes-world training set at the Florence fixture's input size with tools/fixture-model/data.py.

Usage: /usr/bin/python3 make_data.py OUT.npz N SEED [WORKERS] [VIPS_P]
Same world, renderer and resize/codec simulation as the shapes captioner; only the side differs.
"""
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../fixture-model'))
import data  # noqa: E402

IMAGE_SIZE = 64

if __name__ == '__main__':
    out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    workers = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    vips_p = float(sys.argv[5]) if len(sys.argv) > 5 else 0.4
    start = time.time()
    images, captions, meta = data.generate(n, seed, workers, img=IMAGE_SIZE, vips_p=vips_p)
    # Captions are stored as text: the Florence tokenizer ids are made by train.py.
    texts = np.array([data.decode_ids(row) for row in captions])
    np.savez(out, X=images, captions=texts, meta=meta)
    print(f'{out}: {n} images in {time.time() - start:.0f} s')
