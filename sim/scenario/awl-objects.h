/* awl-objects.h
 *
 * The scenario layer's own heap objects (FOREIGN objects of the runtime): variable
 * boxes, closure environments, closures, lists/arrays, iterators, lazy LINQ queries
 * and awaitables (awl-objects.c), and the interpreter's entry points into the .NET
 * API (awl-builtins*.c).
 */

#pragma once

#include "awl-scenario-private.h"

G_BEGIN_DECLS

typedef struct
{
  AwlForeign  parent;
  AwlValue    v;
} AwlBox;

typedef struct _AwlEnv AwlEnv;
struct _AwlEnv
{
  AwlForeign  parent;
  AwlValue   *slots;
  guint       n_slots;
  AwlEnv     *up;
};

typedef struct
{
  AwlForeign  parent;
  AwlCode    *code;
  AwlEnv     *env;
  gboolean    bound;   /* an instance method group (`new Thread(Loop)`): self is `this` */
  AwlValue    self;
} AwlClosure;

typedef struct
{
  AwlForeign  parent;
  GArray     *items;     /* AwlValue */
  gboolean    is_array;
  gboolean    is_grouping;   /* an IGrouping<K, T> of GroupBy (awl-builtins-linq.c) */
  AwlValue    group_key;
  /* The result of OrderBy/ThenBy: each level's keys (GArray of AwlValue, in item
   * order) for a following ThenBy; bit i of order_desc = level i descending. */
  GPtrArray  *order_levels;
  guint32     order_desc;
  guint       version;   /* a List<T>'s changes: a foreach over it checks it (awl_list_changed) */
  /* A snapshot of a Dictionary, Queue, Stack or HashSet (awl_enumerable_items): the
   * collection's own change count, and its value when the snapshot was made. */
  const guint *source_version;
  guint       source_start;
} AwlList;

typedef struct
{
  AwlForeign  parent;
  AwlList    *list;
  guint       index;
  guint       version;   /* list->version when the foreach started */
} AwlIter;

/* Every change to a List<T>'s items (Add, Remove, Insert, Clear, list[i] = …) counts,
 * so that a foreach over it throws "Collection was modified" as .NET's enumerator does. */
static inline void
awl_list_changed (AwlList *l)
{
  l->version++;
}

/* Whether the collection a foreach walks changed since @it started. */
static inline gboolean
awl_iter_stale (const AwlIter *it)
{
  return it->version != it->list->version ||
         (it->list->source_version != NULL && *it->list->source_version != it->list->source_start);
}

typedef enum { LAZY_SELECT, LAZY_WHERE, LAZY_ORDER_BY, LAZY_ORDER_BY_DESC } AwlLazyKind;

typedef struct
{
  AwlForeign   parent;
  AwlLazyKind  kind;
  AwlValue     source;   /* a list or another lazy query */
  AwlClosure  *fn;
} AwlLazy;

typedef struct
{
  AwlForeign  parent;
  AwlObject  *task;
  gboolean    capture;   /* ConfigureAwait(x) */
  gboolean    awaiter;   /* GetAwaiter() result */
} AwlAwaitable;

/* An object of a class of the script. */
typedef struct
{
  AwlForeign          parent;
  const AwlClassInfo *klass;
  AwlValue           *slots;   /* klass->fields->len */
  gpointer            context; /* a SynchronizationContext subclass: its AwlContext once installed */
  AwlObject          *exception; /* an exception class: the exception it is, once `: base(…)` made it */
} AwlInstance;

extern const AwlForeignClass awl_instance_class;

/* An exception of a class of the script stands for its object (`this` in its
 * methods); any other value is itself. */
static inline AwlValue
awl_script_object_of (AwlValue v)
{
  AwlObject *e = awl_value_get_object (v, AWL_OBJECT_EXCEPTION);
  gpointer own = e != NULL ? awl_exception_get_script_object (e) : NULL;

  return own != NULL ? awl_value_object (own) : v;
}

/* Value tuples are instances of compiler-made classes (awl-builtins-tuples.c). */
gboolean  awl_instance_is_tuple    (const AwlInstance *inst);
AwlValue *awl_tuple_item           (AwlInstance *inst, const char *name);
void      awl_tuple_to_string      (AwlInstance *inst, GString *out);
extern const AwlKnownApi     awl_instance_ctor;   /* the `new` of a class of the script */

/* SynchronizationContext subclasses (awl-builtins-objects.c): `base.Post(d, state)`
 * and `base.Send(d, state)` in an override, and the `d` a Post override receives. */
extern const AwlKnownApi     awl_context_base_post;
extern const AwlKnownApi     awl_context_base_send;
extern const AwlForeignClass awl_post_callback_class;
/* `base.ToString()` / `base.Equals(o)` reaching System.Object: args[0] is `this`. */
extern const AwlKnownApi     awl_object_base_to_string;
extern const AwlKnownApi     awl_object_base_equals;

/* System.TimeSpan: a duration in ticks of 100 ns, printed as .NET prints it. */
typedef struct
{
  AwlForeign  parent;
  gint64      ticks;
} AwlTimeSpan;

extern const AwlForeignClass awl_timespan_class;

AwlValue  awl_timespan_new         (AwlSim *sim, gint64 ticks);
/* TimeSpan comparisons and + / -: TRUE with *out set if a and b are TimeSpans. */
gboolean  awl_timespan_binary      (AwlSim *sim, int op, AwlValue a, AwlValue b, AwlValue *out);

/* System.DateTime (awl-builtins-datetime.c): DateTime ± TimeSpan, DateTime − DateTime,
 * comparisons, TimeSpan × / number; TRUE with *out set when it applies. */
gboolean  awl_datetime_binary      (AwlSim *sim, int op, AwlValue a, AwlValue b, AwlValue *out);
/* A DateTime with a format ("HH:mm:ss.fff", "o", …; NULL = the default) or a TimeSpan
 * with a custom one (`mm\:ss`): TRUE with the text appended. */
gboolean  awl_datetime_format      (AwlValue v, const char *format, GString *out);

/* A delegate combined with `+=` (events): its closures in order, in an AwlList. */
extern const AwlForeignClass awl_multicast_class;

/* a + b / a - b on delegates (null, a closure or a multicast): TRUE with *out set,
 * FALSE if a or b is not a delegate. */
gboolean  awl_delegate_combine     (AwlSim *sim, AwlValue a, AwlValue b, gboolean remove, AwlValue *out);
/* A frame calling each closure of @multicast in turn with @args; returns the last result. */
AwlFrame *awl_multicast_frame_new  (AwlRun *run, AwlList *multicast, const AwlValue *args, guint n_args);

extern const AwlForeignClass awl_box_class;
extern const AwlForeignClass awl_env_class;
extern const AwlForeignClass awl_closure_class;
extern const AwlForeignClass awl_list_class;
extern const AwlForeignClass awl_iter_class;
extern const AwlForeignClass awl_lazy_class;
extern const AwlForeignClass awl_awaitable_class;
extern const AwlForeignClass awl_yield_class;

static inline gpointer
awl_value_get_foreign (AwlValue               v,
                       const AwlForeignClass *klass)
{
  AwlObject *o = awl_value_get_object (v, AWL_OBJECT_FOREIGN);
  return (o != NULL && ((AwlForeign *) o)->klass == klass) ? o : NULL;
}

AwlList *awl_list_new (AwlSim *sim, gboolean is_array);
AwlList *awl_list_new_from (AwlSim *sim, gboolean is_array, const AwlValue *items, guint n);

/* A builtin call from the interpreter. */
typedef enum
{
  BI_VALUE,        /* result is set: push it */
  BI_VALUE_YIELD,  /* push result, then end the step (the API may have run code inline) */
  BI_ACTION,       /* the builtin answered an awl_step_*() action; its VALUE is pushed */
  BI_THROW,        /* exception is set */
} AwlBiResult;

struct _AwlBiCall
{
  const AwlKnownApi *api;   /* the row being run */
  AwlRun       *run;
  AwlSim       *sim;
  AwlStep      *s;
  AwlFrame     *frame;
  AwlCallSite  *site;
  AwlValue      target;     /* member calls */
  AwlValue     *args;
  guint         n_args;
  AwlValue      result;
  AwlObject    *exception;
  gboolean      has_override;   /* push override instead of the action's VALUE */
  AwlValue      override;
  AwlObject    *when_all;       /* waiting on this WhenAll task: push its results array */
};

AwlBiResult awl_builtin_call_static (AwlBiCall *call);
/* SynchronizationContext.Current when a custom context is installed: its object,
 * else NULL-valued FALSE (awl-builtins-objects.c). */
gboolean    awl_custom_context_current (AwlSim *sim, AwlValue *out);
/* d(state) / d.Invoke(state) on a SendOrPostCallback (OP_CALL_VALUE): call->target is d. */
AwlBiResult awl_post_callback_invoke (AwlBiCall *call);
AwlBiResult awl_builtin_get_static  (AwlBiCall *call);
AwlBiResult awl_builtin_new         (AwlBiCall *call);
AwlBiResult awl_builtin_call_member (AwlBiCall *call);
AwlBiResult awl_builtin_get_member  (AwlBiCall *call);
AwlBiResult awl_builtin_set_member  (AwlBiCall *call);
AwlBiResult awl_builtin_index_get   (AwlBiCall *call);   /* target, args[0] = index */
AwlBiResult awl_builtin_index_set   (AwlBiCall *call);   /* target, args[0..1] */
/* dict[key] and dict[key] = value on a ConcurrentDictionary (awl-builtins-concurrent.c):
 * TRUE with *result set if the target is one. */
gboolean    awl_cdict_index         (AwlBiCall *call, gboolean set, AwlBiResult *result);
/* A new Dictionary<K, V>, and Add(key, value) on one: NULL, or the exception .NET
 * throws (a null or duplicate key) (awl-builtins-concurrent.c; ToDictionary). */
AwlValue    awl_dictionary_new      (AwlSim *sim);
AwlObject  *awl_dictionary_add      (AwlSim *sim, AwlValue dict, AwlValue key, AwlValue value);
/* `foreach` over a Dictionary or ConcurrentDictionary: its KeyValuePairs, a snapshot
 * in insertion order; NULL if @v is neither. */
AwlList    *awl_dictionary_pairs    (AwlSim *sim, AwlValue v);
/* What `foreach` walks for a collection that is not a list: dictionaries' pairs, a
 * Queue, Stack or HashSet (awl-builtins-queue-stack.c); NULL for anything else. */
AwlList    *awl_enumerable_items    (AwlSim *sim, AwlValue v);
/* Whether awl_enumerable_items() answers for @v (without making the snapshot). */
gboolean    awl_is_enumerable_collection (AwlValue v);
gboolean    awl_dictionary_is       (AwlValue v);
/* A new HashSet<T> of @from's distinct items (ToHashSet). */
AwlValue    awl_hash_set_from       (AwlSim *sim, AwlList *from);
/* KeyValuePair<K, V> (awl-builtins-keyvalue.c), and its Deconstruct as Item1/Item2:
 * TRUE with *out set if @pair is one and @name is Item1 or Item2. */
AwlValue    awl_key_value_new       (AwlSim *sim, AwlValue key, AwlValue value);
gboolean    awl_key_value_item      (AwlValue pair, const char *name, AwlValue *out);
/* o["key"] on a JObject, a[i] on a JArray (awl-builtins-json.c). */
gboolean    awl_json_index          (AwlBiCall *call, AwlBiResult *result);
/* `await foreach` over Reader.ReadAllAsync() (awl-builtins-channels.c): OP_AE_MOVE_NEXT,
 * OP_AE_CURRENT and OP_AE_DISPOSE on its enumerator; TRUE with *out set if @v is one. */
gboolean    awl_channel_enumerator_op (AwlSim *sim, AwlValue v, int op, AwlValue *out);

/* Helpers shared with the interpreter. */
AwlObject  *awl_scn_exception       (AwlSim *sim, const char *type, const char *message);
AwlFrame   *awl_closure_frame       (AwlRun *run, AwlClosure *closure, const AwlValue *args, guint n);
/* Calls @closure with (a, b) — at most @n of them and no more than it takes (a LINQ
 * lambda may ignore the index) — as the step's call. */
void        awl_closure_call2       (AwlRun *run, AwlStep *s, AwlClosure *closure, AwlValue a, AwlValue b, guint n);
AwlFrame   *awl_materialize_frame   (AwlRun *run, AwlLazy *lazy);
AwlObject  *awl_value_to_task       (AwlValue v);
AwlValue    awl_when_all_result     (AwlSim *sim, AwlObject *task);
/* awl_value_format with doubles printed as .NET does (see awl-builtins-format.c). */
void        awl_scn_value_format    (AwlValue v, GString *out);
void        awl_format_with         (AwlValue v, const char *format, int alignment, gboolean has_alignment, GString *out);
const char *awl_value_describe_type (AwlValue v);

G_END_DECLS
