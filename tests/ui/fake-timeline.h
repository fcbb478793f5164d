/* fake-timeline.h
 *
 * A hand-made timeline shaped like the .Result deadlock (UI thread blocked on
 * a task whose continuation is posted back to it). Test-only: it lets the UI
 * tests run without the simulator, and checks the widgets, not .NET.
 */

#pragma once

#include "awaitlab-timeline.h"

#define FAKE_SOURCE \
  "// @title   Fake .Result deadlock\n" \
  "// @topic   Deadlocks\n" \
  "// @questions 32\n" \
  "\n" \
  "async void Button_Click()\n" \
  "{\n" \
  "    Console.WriteLine(\"click\");\n" \
  "    var s = GetDataAsync().Result;\n" \
  "}\n" \
  "\n" \
  "async Task<string> GetDataAsync()\n" \
  "{\n" \
  "    await Task.Delay(100);\n" \
  "    return \"data\";\n" \
  "}\n"

AwaitlabTimeline *fake_deadlock_timeline (void);
