/* ui-test-support.h
 *
 * What the window tests share: one log policy (every warning is fatal except
 * one GTK timing quirk) and ways to let the window finish its work.
 */

#pragma once

#include "awaitlab-window-private.h"

G_BEGIN_DECLS

void ui_test_log_init (void);
/* Iterates the main loop until @window has no simulation running (at most a
 * minute), then a few more times. */
void ui_test_settle   (AwaitlabWindow *window);
/* Iterates the main loop for @ms milliseconds: layout and a frame happen. */
void ui_test_pump     (guint           ms);
/* Runs @xdotool with @args (after the program's name), iterating the main loop
 * until it exits (at most 20 s) so the window handles the events as they
 * arrive; asserts it succeeded. The caller syncs with the X server after. */
void ui_test_run_xdotool (const char         *xdotool,
                          const char * const *args);

G_END_DECLS
