/* awl-known-api.h
 *
 * The ONE table of .NET and simulated-world members the C# subset knows: names,
 * argument counts, the function that runs each one and an example that exercises
 * it. The checker reports `Task.Delay(1, 2, 3)` or `Task.Dellay(1)` from it, the
 * compiler binds call sites to its rows and the runtime calls the rows' functions,
 * so a member is either accepted and runnable, or rejected everywhere.
 *
 * The rows live next to their implementations, one file per .NET type family
 * (sim/scenario/awl-builtins-*.c); this file only lists the families and looks
 * rows up. Instance members cannot be checked without types; the runtime picks the
 * row by the receiver's type (see awl_known_api_instance_rows).
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

/* The runtime's view of one call (sim/scenario/awl-objects.h); the function returns
 * an AwlBiResult. */
typedef struct _AwlBiCall AwlBiCall;
typedef int (*AwlApiImpl) (AwlBiCall *call);

typedef struct
{
  const char        *type;        /* "Task", "Http", "SemaphoreSlim", "List" */
  const char        *member;      /* "Run", "Result", ".ctor" */
  AwlApiKind         kind;
  guint8             min_args;    /* positional + named, methods/constructors only */
  guint8             max_args;    /* AWL_API_VARIADIC = no limit */
  const char        *named_args;  /* space-separated allowed named arguments, or NULL */
  guint8             n_type_args; /* generic arity of the type (ctor) or method; 0 = none */
  AwlApiImpl         impl;        /* runs it (never NULL) */
  int                data;        /* passed to impl as call->api->data (enum values, …) */
  const char        *example;     /* a C# expression using it; the table test runs each one */
  guint8             flags;       /* AwlApiFlags */
} AwlKnownApi;

typedef enum
{
  AWL_API_REF_FIRST   = 1 << 0,   /* the first argument is `ref x`: impl gets x's value and
                                     returns the value to store back (Interlocked.*) */
  AWL_API_RETURNS_OLD = 1 << 1,   /* with REF_FIRST: the call's value is x's old value */
  AWL_API_OUT_LAST    = 1 << 2,   /* the last argument is `out x`: impl gets a box (AwlBox)
                                     and stores the result in it (int.TryParse) */
  AWL_API_SETTABLE    = 1 << 3,   /* an instance property that can be assigned: impl gets
                                     the new value as its one argument (no argument: read) */
} AwlApiFlags;

typedef struct
{
  const char         *name;       /* "Task", "Threading", … (for docs and tests) */
  const AwlKnownApi  *rows;
  guint               n_rows;
} AwlApiFamily;

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

/* Every row of every family, in a stable order, for the checker, docs and tests. */
const AwlKnownApi * const *awl_known_api_get_all      (guint       *n_items);

/* The instance methods and properties called @member, over all types (NULL and
 * *n_items = 0 if none). The runtime picks the one whose type the receiver has. */
const AwlKnownApi * const *awl_known_api_instance_rows (const char *member,
                                                        guint      *n_items);

/* Whether @dotted is a namespace the subset knows: "System", "System.Threading", … */
gboolean            awl_known_api_is_namespace        (const char  *dotted);

/* "System.Threading.Tasks.Task" → "Task", "System.String" → "string" (newly allocated). */
char               *awl_known_api_normalize_type      (const char  *dotted);

G_END_DECLS
