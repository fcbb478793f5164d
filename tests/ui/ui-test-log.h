/* ui-test-log.h
 *
 * One log policy for the window tests: every warning is fatal except one GTK
 * timing quirk.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void ui_test_log_init (void);

G_END_DECLS
