/* bench-render.h */

#pragma once

int awaitlab_bench_render (int    argc,
                           char **argv);
