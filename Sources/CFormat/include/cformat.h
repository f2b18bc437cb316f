#ifndef VENTURESIM_CFORMAT_H
#define VENTURESIM_CFORMAT_H
#include <stddef.h>

/// Writes x with 17 significant digits (printf's %.17g) into buffer; returns the length.
/// Swift cannot call a variadic C function, and withVaList costs more than the formatting.
int venturesim_format17(char *buffer, size_t size, double x);

#endif
