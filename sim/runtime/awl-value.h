/* awl-value.h
 *
 * Virtual time, values and heap objects of the simulated .NET runtime.
 *
 * Every heap object (AwlObject) is owned by the AwlSim that created it and freed with
 * the sim; there is no reference counting inside a run. Strings held by values are
 * interned in the simulation's string store (awl_sim_intern()) and stay valid for as
 * long as the sim or any trace it produced is alive.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ---------------------------------------------------------------------------------
 * Virtual time: integer nanoseconds
 * ------------------------------------------------------------------------------ */

typedef gint64 AwlTime;

#define AWL_TIME_NONE   ((AwlTime) -1)
#define AWL_TIME_MAX    G_MAXINT64
#define AWL_NS(x)       ((AwlTime) (x))
#define AWL_US(x)       ((AwlTime) ((x) * G_GINT64_CONSTANT (1000)))
#define AWL_MS(x)       ((AwlTime) ((x) * G_GINT64_CONSTANT (1000000)))
#define AWL_S(x)        ((AwlTime) ((x) * G_GINT64_CONSTANT (1000000000)))
/* Milliseconds as a double, for printing ("200.0 ms"). */
#define AWL_TO_MS(t)    ((double) (t) / 1e6)

typedef struct _AwlSim AwlSim;

/* ---------------------------------------------------------------------------------
 * Heap objects
 * ------------------------------------------------------------------------------ */

typedef enum
{
  AWL_OBJECT_PLAIN,       /* new object(): usable with lock () */
  AWL_OBJECT_TASK,        /* Task / Task<T> / ValueTask<T> */
  AWL_OBJECT_EXCEPTION,   /* any exception, AggregateException included */
  AWL_OBJECT_SEMAPHORE,   /* SemaphoreSlim */
  AWL_OBJECT_CTS,         /* CancellationTokenSource */
  AWL_OBJECT_TOKEN,       /* CancellationToken bound to a CTS (default token = null value) */
  AWL_OBJECT_REGISTRATION,/* CancellationTokenRegistration */
  AWL_OBJECT_TCS,         /* TaskCompletionSource<T> */
  AWL_OBJECT_THREAD,      /* System.Threading.Thread */
  AWL_OBJECT_ENUMERATOR,  /* IAsyncEnumerator<T> of an async iterator */
  AWL_OBJECT_FOREIGN,     /* defined by the scenario layer (lists, closures, …) */
} AwlObjectType;

/* The common header of every heap object. `id` is unique per type and is what
 * the trace shows ("Task 3"); for tasks it is Task.Id, for threads the managed id. */
typedef struct _AwlObject
{
  AwlObjectType type;
  guint         id;
} AwlObject;

typedef struct _AwlForeignClass AwlForeignClass;
typedef struct _AwlForeign      AwlForeign;

/* Values: a small tagged union passed by value. */
typedef enum
{
  AWL_VALUE_NULL,
  AWL_VALUE_BOOL,
  AWL_VALUE_INT,
  AWL_VALUE_DOUBLE,
  AWL_VALUE_STRING,
  AWL_VALUE_OBJECT,
} AwlValueKind;

typedef struct _AwlValue
{
  AwlValueKind kind;
  union {
    gboolean    b;
    gint64      i;
    double      d;
    const char *s;   /* interned in the sim's string store */
    AwlObject  *o;
  };
} AwlValue;

/* The class of a FOREIGN object: a name for messages plus optional callbacks. */
struct _AwlForeignClass
{
  const char *name;
  /* Called when the owning sim is freed; frees what the object points to (not the
   * object itself, which the sim allocated). May be NULL. */
  void (*finalize)  (AwlForeign *self);
  /* Appends the C# ToString() of the object. May be NULL (prints the class name). */
  void (*to_string) (AwlForeign *self, GString *out);
};

/* A foreign object: the header, its class, then `size - sizeof (AwlForeign)` bytes of
 * zeroed instance data allocated by awl_sim_foreign_new(). */
struct _AwlForeign
{
  AwlObject              parent;
  const AwlForeignClass *klass;
};

/* Value constructors. */
static inline AwlValue awl_value_null   (void)         { AwlValue v = { AWL_VALUE_NULL, { .i = 0 } }; return v; }
static inline AwlValue awl_value_bool   (gboolean b)   { AwlValue v = { AWL_VALUE_BOOL, { .b = !!b } }; return v; }
static inline AwlValue awl_value_int    (gint64 i)     { AwlValue v = { AWL_VALUE_INT, { .i = i } }; return v; }
static inline AwlValue awl_value_double (double d)     { AwlValue v = { AWL_VALUE_DOUBLE, { .d = d } }; return v; }
/* `s` must be interned (awl_sim_intern()) or a static string. */
static inline AwlValue awl_value_string (const char *s) { AwlValue v = { AWL_VALUE_STRING, { .s = s } }; return v; }
/* A NULL object gives the null value. */
static inline AwlValue awl_value_object (gpointer o)
{
  AwlValue v = { o ? AWL_VALUE_OBJECT : AWL_VALUE_NULL, { .o = (AwlObject *) o } };
  return v;
}

/* TRUE when @v is null. */
static inline gboolean awl_value_is_null (AwlValue v) { return v.kind == AWL_VALUE_NULL; }
/* The object held by @v if it is an object of @type, else NULL. */
static inline AwlObject *
awl_value_get_object (AwlValue v, AwlObjectType type)
{
  return (v.kind == AWL_VALUE_OBJECT && v.o != NULL && v.o->type == type) ? v.o : NULL;
}

#define AWL_IS_TASK(o)      ((o) != NULL && ((AwlObject *) (o))->type == AWL_OBJECT_TASK)
#define AWL_IS_EXCEPTION(o) ((o) != NULL && ((AwlObject *) (o))->type == AWL_OBJECT_EXCEPTION)

/* Structural equality as C# == does it for these kinds (objects: identity, strings:
 * content, int vs double: numeric). */
gboolean    awl_value_equal            (AwlValue a,
                                        AwlValue b);
/* Appends the value as C# Console.WriteLine formats it: True/False, 3.5, 1E+20, "" for
 * null, the exception's "Type: message", a foreign object's to_string. */
void        awl_value_format           (AwlValue a,
                                        GString *out);
/* Appends a double exactly as .NET Core 3.0+ formats it (shortest round-trip). */
void        awl_format_double          (double   d,
                                        GString *out);
/* A short name of the object's type for messages ("Task", "SemaphoreSlim", the foreign
 * class name, …). */
const char *awl_object_type_name       (const AwlObject *object);

/* ---------------------------------------------------------------------------------
 * Exceptions
 * ------------------------------------------------------------------------------ */

/* The exception type, written without namespace ("InvalidOperationException"). */
const char *awl_exception_get_type_name   (const AwlObject *exception);
/* The Message property. */
const char *awl_exception_get_message     (const AwlObject *exception);
/* Number of InnerExceptions (AggregateException) or 0/1 (InnerException). */
guint       awl_exception_get_n_inner     (const AwlObject *exception);
/* The i-th inner exception. */
AwlObject  *awl_exception_get_inner       (const AwlObject *exception,
                                           guint            i);
/* TRUE when the exception's type is @type_name or derives from it, using .NET's
 * hierarchy for the known types (TaskCanceledException → OperationCanceledException →
 * SystemException → Exception, …); unknown types derive from Exception. */
gboolean    awl_exception_is_a            (const AwlObject *exception,
                                           const char      *type_name);
/* An exception whose class the script declares: @object is its object of that class,
 * @is_a the names the class is (NULL: only its own), @builtin_base the .NET exception
 * class it derives from. Its type name is the script's class. */
void        awl_exception_set_script_class (AwlObject  *exception,
                                            gpointer    object,
                                            GHashTable *is_a,
                                            const char *builtin_base);
/* The object of the script's class behind an exception, or NULL. */
gpointer    awl_exception_get_script_object (const AwlObject *exception);
/* The source line where the exception was thrown first (0 if never thrown). */
int         awl_exception_get_line        (const AwlObject *exception);
/* TRUE when @type_name is an exception type in .NET's hierarchy as far as the runtime
 * knows it (used to decide whether a catch clause could ever match). */
gboolean    awl_exception_type_is_known   (const char      *type_name);

G_END_DECLS
