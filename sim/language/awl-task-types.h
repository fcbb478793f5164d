/* awl-task-types.h
 *
 * Just enough static typing of task expressions to pick the overload C# picks for
 * Task.WhenAll: WhenAll<TResult>(Task<TResult>[] / IEnumerable<Task<TResult>>) when
 * every task is statically a Task<T>, WhenAll(Task[] / IEnumerable<Task>) otherwise.
 * The two differ at run time on .NET 9 and later: the generic one collects failures in
 * argument order, the other in the order the tasks failed (docs/fidelity.md).
 *
 * Works on a checked syntax tree (names resolved to variables, fields and methods).
 */

#pragma once

#include "awl-ast.h"

G_BEGIN_DECLS

typedef enum
{
  AWL_WHEN_ALL_OVERLOAD_UNKNOWN,       /* some argument's type could not be worked out */
  AWL_WHEN_ALL_OVERLOAD_NON_GENERIC,   /* Task.WhenAll(Task[]) / (IEnumerable<Task>) */
  AWL_WHEN_ALL_OVERLOAD_GENERIC,       /* Task.WhenAll<TResult>(Task<TResult>[]) / (IEnumerable<…>) */
} AwlWhenAllOverload;

/* The overload `Task.WhenAll(@args)` binds to (`tasks:` may name the argument). */
AwlWhenAllOverload  awl_when_all_overload          (const AwlAst *ast,
                                                    const AwlArg *args,
                                                    guint         n_args);
const char         *awl_when_all_overload_to_string (AwlWhenAllOverload overload);

G_END_DECLS
