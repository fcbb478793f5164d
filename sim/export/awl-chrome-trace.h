/* awl-chrome-trace.h
 *
 * A run as Chrome Trace Event JSON, the format Perfetto (ui.perfetto.dev) and
 * chrome://tracing open: one track per thread with its state slices, flow arrows
 * for continuations, counter tracks for the pool and the queues, and instant
 * events for lints, unhandled exceptions and the deadlock.
 */

#pragma once

#include <glib.h>

#include "awl-trace.h"

G_BEGIN_DECLS

/* The process id used for every event, and the first thread id of the timer/I/O
 * pseudo-threads (one per overlapping row). */
#define AWL_CHROME_TRACE_PID        1
#define AWL_CHROME_TRACE_IO_TID     100000

/* The JSON text (UTF-8, NUL-terminated); @title names the process (may be NULL).
 * Free with g_free. */
char     *awl_chrome_trace_to_data (AwlTrace    *trace,
                                    const char  *title,
                                    gsize       *length);

/* Writes the JSON to @path atomically (a temporary file in the same folder, renamed
 * on success; nothing is left behind on failure). */
gboolean  awl_chrome_trace_write   (AwlTrace    *trace,
                                    const char  *title,
                                    const char  *path,
                                    GError     **error);

G_END_DECLS
