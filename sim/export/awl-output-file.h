/* awl-output-file.h
 *
 * Writing files the user named, safely: the command line (`csharp -o`, `export`)
 * and the window's exports share these rules.
 *
 *  - Never over the scenario being read (`csharp X.csx -o X.csx`).
 *  - Only regular files: a folder, device, FIFO or socket is refused, and a
 *    symbolic link is refused too (name its target to write there) — replacing the
 *    link by a regular file is never what was meant.
 *  - Through a temporary file in the same folder (".NAME.PID.XXXXXX.part"), every
 *    write and the close checked, then renamed: the old file stays untouched when
 *    anything fails. Temporary files left by a killed run of ours are removed the
 *    next time something is written to the same place.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AWL_OUTPUT_ERROR (awl_output_error_quark ())

typedef enum
{
  AWL_OUTPUT_ERROR_REFUSED,   /* the path may not be written (input, device, link, …) */
  AWL_OUTPUT_ERROR_NO_SPACE,  /* the disk is full */
  AWL_OUTPUT_ERROR_FAILED,    /* any other failed write, close or rename */
} AwlOutputError;

GQuark   awl_output_error_quark        (void);

/* TRUE when @path may be replaced; @input (may be NULL) is the file being read. */
gboolean awl_output_check_path         (const char  *path,
                                        const char  *input,
                                        GError     **error);
/* The temporary name for @path, in its folder (free with g_free). */
char    *awl_output_temp_template      (const char  *path);
/* Removes ".NAME.PID.XXXXXX.part" files next to @path whose process has ended. */
void     awl_output_remove_stale_parts (const char  *path);
/* Writes @length bytes in full to @fd; FALSE with @error (errno kept in the message). */
gboolean awl_output_write_all          (int          fd,
                                        const char  *path,
                                        const void  *data,
                                        gsize        length,
                                        GError     **error);
/* Checks, writes @data to a temporary file, syncs, closes and renames it over @path. */
gboolean awl_output_write_file         (const char  *path,
                                        const char  *input,
                                        const char  *data,
                                        gsize        length,
                                        GError     **error);
/* Flushes stdout and stderr; FALSE with @error when any write to stdout failed. */
gboolean awl_output_finish_stdout      (GError     **error);

G_END_DECLS
