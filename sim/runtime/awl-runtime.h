/* awl-runtime.h
 *
 * The public API of the simulated .NET runtime: values, the simulation and the trace.
 */

#pragma once

#include "awl-value.h"
#include "awl-sim.h"
#include "awl-trace.h"
