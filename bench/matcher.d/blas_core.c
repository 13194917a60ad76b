/* Prints the kernel set OpenBLAS picks on this CPU (bench/matcher): its DYNAMIC_ARCH detection falls
 * back to generic SSE3 kernels ("Prescott") on CPUs newer than the library. */
#include <stdio.h>
extern char* openblas_get_corename(void);
int main(void) {
    printf("%s\n", openblas_get_corename());
    return 0;
}
