/* fuzz-run.h — the body of the fuzz-run target, shared with the test suite. */

#pragma once

#include <glib.h>
#include <stdint.h>
#include <string.h>

G_BEGIN_DECLS

/* Runs one input: "OVERRIDES\nSCENARIO" (see fuzz-run.c). */
void awl_fuzz_run_one (const char *data,
                       gsize       size);

G_END_DECLS
