/* awl-language.h
 *
 * The front end of the scenario language in one include: syntax tree, directives,
 * diagnostics, parser and the table of known .NET APIs.
 */

#pragma once

#include "awl-ast.h"
#include "awl-diagnostic.h"
#include "awl-directives.h"
#include "awl-known-api.h"
#include "awl-parser.h"
