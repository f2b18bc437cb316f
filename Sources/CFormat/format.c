#include "cformat.h"
#include <stdio.h>

int venturesim_format17(char *buffer, size_t size, double x) {
    return snprintf(buffer, size, "%.17g", x);
}
