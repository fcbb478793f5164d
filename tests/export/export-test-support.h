/* export-test-support.h
 *
 * What the export tests (and the headless axis test) share: a scenario file simulated
 * into an export source, optionally with one knob set.
 */

#pragma once

#include "export/awaitlab-export.h"

G_BEGIN_DECLS

AwaitlabExportSource *export_test_load_source (const char *path,
                                               const char *knob,
                                               const char *value);

G_END_DECLS
