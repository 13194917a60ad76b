/* STREAM-like read loop (bench/matcher): sums a buffer of the gallery's fp32 size with AVX2 loads,
 * 1 and 2 OpenMP threads, and prints the p50 time of one full pass and the read bandwidth.
 *
 *   readbw <bytes> [repeats]
 */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void* a, const void* b) {
    double x = *(const double*)a, y = *(const double*)b;
    return x < y ? -1 : x > y;
}

volatile float sink;

int main(int argc, char** argv) {
    size_t bytes = argc > 1 ? strtoull(argv[1], 0, 10) : (size_t)2048 << 20;
    int repeats = argc > 2 ? atoi(argv[2]) : 7;
    size_t n = bytes / sizeof(float) / 64 * 64;
    float* data = aligned_alloc(64, n * sizeof(float));
    for (size_t i = 0; i < n; i++) data[i] = (float)(i & 1023) * 1e-3f;
    double* times = malloc(sizeof(double) * repeats);
    for (int threads = 1; threads <= 2; threads++) {
        for (int r = -1; r < repeats; r++) {
            double start = now();
            float total = 0;
#pragma omp parallel num_threads(threads) reduction(+ : total)
            {
                int t = omp_get_thread_num(), nt = omp_get_num_threads();
                size_t from = n / nt * t / 64 * 64, to = t == nt - 1 ? n : n / nt * (t + 1) / 64 * 64;
                __m256 a = _mm256_setzero_ps(), b = a, c = a, d = a;
                for (size_t i = from; i < to; i += 32) {
                    a = _mm256_add_ps(a, _mm256_load_ps(data + i));
                    b = _mm256_add_ps(b, _mm256_load_ps(data + i + 8));
                    c = _mm256_add_ps(c, _mm256_load_ps(data + i + 16));
                    d = _mm256_add_ps(d, _mm256_load_ps(data + i + 24));
                }
                float lanes[8];
                _mm256_storeu_ps(lanes, _mm256_add_ps(_mm256_add_ps(a, b), _mm256_add_ps(c, d)));
                for (int l = 0; l < 8; l++) total += lanes[l];
            }
            sink = total;
            if (r >= 0) times[r] = now() - start;
        }
        qsort(times, repeats, sizeof(double), cmp);
        double p50 = times[repeats / 2];
        printf("readbw_t%d_ms=%.3f\nreadbw_t%d_gbs=%.2f\n", threads, p50 * 1e3, threads, n * sizeof(float) / p50 / 1e9);
    }
    return 0;
}
