/* corpus-files.h
 *
 * The file walk both corpus tests share: the stems of the files in one folder that end
 * in a given suffix, sorted, so test paths come out in the same order on every machine.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GPtrArray *corpus_files_list_stems (const char *dir,
                                    const char *suffix);

G_END_DECLS
