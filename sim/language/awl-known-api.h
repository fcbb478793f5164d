/* awl-known-api.h
 *
 * The .NET and simulated-world names the C# subset knows, with argument counts, so
 * the front end can report `Task.Delay(1, 2, 3)` or `Task.Dellay(1)` without a
 * runtime. The back end may use the same table to dispatch (one source of truth).
 *
 * Instance members cannot be checked without types; they are listed so the back end
 * and the docs have the full set, and `awl_known_api_has_instance_member` lets the
 * front end warn about a member that no known type has.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  AWL_API_STATIC_METHOD,     /* Task.Run(…) */
  AWL_API_STATIC_PROPERTY,   /* Task.CompletedTask, Environment.ProcessorCount */
  AWL_API_CONSTRUCTOR,       /* new SemaphoreSlim(…) (member = ".ctor") */
  AWL_API_INSTANCE_METHOD,   /* task.Wait(…) */
  AWL_API_INSTANCE_PROPERTY, /* task.Result */
  AWL_API_ENUM_VALUE,        /* TaskCreationOptions.LongRunning */
} AwlApiKind;

#define AWL_API_VARIADIC 255

typedef struct
{
  const char        *type;        /* "Task", "Http", "SemaphoreSlim", "List" */
  const char        *member;      /* "Run", "Result", ".ctor" */
  AwlApiKind         kind;
  guint8             min_args;    /* positional + named, methods/constructors only */
  guint8             max_args;    /* AWL_API_VARIADIC = no limit */
  const char        *named_args;  /* space-separated allowed named arguments, or NULL */
  guint8             n_type_args; /* generic arity of the type (ctor) or method; 0 = none */
} AwlKnownApi;

/* Whether @name is a known type, namespace root or static class usable in
 * expressions: Task, Console, Http, Db, Cpu, Thread, System, Enumerable, … */
gboolean            awl_known_api_is_type             (const char  *name);

/* Whether @name is a type name that may appear in declarations (int, string, Task,
 * List, Exception, …); includes the above and the keyword types. */
gboolean            awl_known_api_is_type_name        (const char  *name);

/* The entry for a static member / constructor / enum value, or NULL. @type is the
 * last dotted segment ("Task" for System.Threading.Tasks.Task). */
const AwlKnownApi  *awl_known_api_lookup              (const char  *type,
                                                       const char  *member,
                                                       AwlApiKind   kind);

/* Whether the type has any static member (method, property or enum value) of that name. */
const AwlKnownApi  *awl_known_api_lookup_static       (const char  *type,
                                                       const char  *member);

/* Whether any known type has an instance member called @member. */
gboolean            awl_known_api_has_instance_member (const char  *member);

/* Whether a known exception type (Exception, InvalidOperationException, …). */
gboolean            awl_known_api_is_exception_type   (const char  *name);

/* The whole table, for docs and the back end. */
const AwlKnownApi  *awl_known_api_get_all             (guint       *n_items);

G_END_DECLS
