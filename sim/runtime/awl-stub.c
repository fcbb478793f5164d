#include "awl-runtime.h"
