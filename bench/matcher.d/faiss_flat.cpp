// FAISS IndexFlatIP on the matcher bench's gallery file (bench/matcher). Not part of the product.
//
//   faiss_flat <gallery.f32> <queries.f32> <ids-out> [repeats] [key-prefix]
//
// Files: int32 n, int32 d (little-endian), then n*d float32. Prints one "key=value" line per
// figure (parsed by MatcherBench) and writes the exact top-10 ids of every query to <ids-out>:
// int32 nq, int32 k, then nq*k int64 (row numbers, best first).
#include <faiss/IndexFlat.h>
#include <faiss/utils/distances.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

// OpenBLAS reports the kernel set it picked at load time (DYNAMIC_ARCH builds, as Debian's).
extern "C" char* openblas_get_corename(void);
extern "C" char* openblas_get_config(void);

using idx_t = faiss::Index::idx_t;  // 1.7.3: idx_t lives in Index

static std::vector<float> load(const char* path, int& n, int& d) {
    FILE* f = std::fopen(path, "rb");
    if (!f) throw std::runtime_error(std::string("cannot open ") + path);
    int32_t header[2];
    if (std::fread(header, sizeof(int32_t), 2, f) != 2) throw std::runtime_error("short header");
    n = header[0];
    d = header[1];
    std::vector<float> data((size_t)n * d);
    if (std::fread(data.data(), sizeof(float), data.size(), f) != data.size()) throw std::runtime_error("short file");
    std::fclose(f);
    return data;
}

static double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

static double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s gallery.f32 queries.f32 ids-out [repeats]\n", argv[0]);
        return 2;
    }
    int repeats = argc > 4 ? std::atoi(argv[4]) : 7;
    std::string prefix = argc > 5 ? argv[5] : "faiss_";
    const char* p = prefix.c_str();
    const int k = 10;
    int n, d, nq, dq;
    std::vector<float> gallery = load(argv[1], n, d);
    std::vector<float> queries = load(argv[2], nq, dq);
    if (d != dq) throw std::runtime_error("dimension mismatch");
    faiss::IndexFlatIP index(d);
    index.add(n, gallery.data());
    gallery.clear();
    gallery.shrink_to_fit();

    std::vector<float> distances((size_t)nq * k);
    std::vector<idx_t> labels((size_t)nq * k);
    std::printf("%sthreads=%d\n", p, omp_get_max_threads());
    std::printf("%sopenblas_core=%s\n", p, openblas_get_corename());
    std::printf("%sopenblas_config=%s\n", p, openblas_get_config());
    const char* coretype = std::getenv("OPENBLAS_CORETYPE");
    std::printf("%sopenblas_coretype_env=%s\n", p, coretype ? coretype : "(unset)");
    const char* blasThreads = std::getenv("OPENBLAS_NUM_THREADS");
    std::printf("%sopenblas_num_threads_env=%s\n", p, blasThreads ? blasThreads : "(unset)");
    std::printf("%sblas_threshold=%d\n", p, faiss::distance_compute_blas_threshold);

    // Single query: each query searched alone (FAISS's n=1 path is a sequential SIMD scan).
    index.search(1, queries.data(), k, distances.data(), labels.data());  // warm-up
    std::vector<double> single;
    for (int r = 0; r < std::max(1, repeats / 4 + 1); r++) {
        for (int q = 0; q < nq; q++) {
            double start = now();
            index.search(1, queries.data() + (size_t)q * d, k, distances.data() + (size_t)q * k,
                         labels.data() + (size_t)q * k);
            single.push_back(now() - start);
        }
    }
    std::printf("%ssingle_ms=%.3f\n", p, median(single) * 1e3);

    // Exact top-10 of every query from the single-query searches above.
    FILE* out = std::fopen(argv[3], "wb");
    int32_t header[2] = {nq, k};
    std::fwrite(header, sizeof(int32_t), 2, out);
    std::fwrite(labels.data(), sizeof(idx_t), labels.size(), out);
    std::fclose(out);

    for (int batch : {16, 64}) {
        if (batch > nq) continue;
        std::vector<float> bd((size_t)batch * k);
        std::vector<idx_t> bl((size_t)batch * k);
        index.search(batch, queries.data(), k, bd.data(), bl.data());  // warm-up
        std::vector<double> times;
        for (int r = 0; r < repeats; r++) {
            double start = now();
            index.search(batch, queries.data(), k, bd.data(), bl.data());
            times.push_back(now() - start);
        }
        std::printf("%sbatch%d_ms_per_query=%.3f\n", p, batch, median(times) * 1e3 / batch);
    }
    return 0;
}
