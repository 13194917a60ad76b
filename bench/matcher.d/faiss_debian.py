"""Debian's python3-faiss (1.7.3, generic build: no SIMD flags) IndexFlatIP on the bench file.

    python3 faiss_debian.py <gallery.f32> <queries.f32> [repeats]

Prints key=value lines (prefix generic_) for MatcherBench; same protocol as faiss_flat.cpp.
"""
import statistics
import sys
import time

import faiss
import numpy as np


def load(path):
    header = np.fromfile(path, dtype="<i4", count=2)
    n, d = int(header[0]), int(header[1])
    return np.fromfile(path, dtype="<f4", offset=8, count=n * d).reshape(n, d)


def main():
    gallery, queries = load(sys.argv[1]), load(sys.argv[2])
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    index = faiss.IndexFlatIP(gallery.shape[1])
    index.add(gallery)
    del gallery
    print(f"generic_faiss_version={faiss.__version__}")
    print(f"generic_faiss_threads={faiss.omp_get_max_threads()}")
    index.search(queries[:1], 10)
    single = []
    for q in range(min(16, len(queries))):
        start = time.perf_counter()
        index.search(queries[q:q + 1], 10)
        single.append(time.perf_counter() - start)
    print(f"generic_single_ms={statistics.median(single) * 1e3:.3f}")
    for batch in (16, 64):
        index.search(queries[:batch], 10)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            index.search(queries[:batch], 10)
            times.append(time.perf_counter() - start)
        print(f"generic_batch{batch}_ms_per_query={statistics.median(times) * 1e3 / batch:.3f}")


if __name__ == "__main__":
    main()
