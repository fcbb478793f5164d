/* awl-builtins-concurrent.c
 *
 * System.Collections.Concurrent: ConcurrentDictionary<K,V>, ConcurrentQueue<T> and
 * ConcurrentBag<T>; and the plain Dictionary<K,V>, which shares the dictionary's
 * storage (it is not thread-safe in .NET; here every operation is atomic anyway). The simulator runs one step of one thread at a time and a
 * builtin never yields halfway, so every operation is atomic, as .NET's are; a
 * factory (GetOrAdd(key, k => …), AddOrUpdate) runs as a call on the calling
 * thread, and, as in .NET, outside any lock.
 */

#include "awl-builtins-private.h"

/* ----------------------------------------------------------------------------- */
/* ConcurrentDictionary                                                           */

typedef struct
{
  AwlForeign  parent;
  GArray     *keys;     /* AwlValue, in insertion order */
  GArray     *values;
  guint       version;  /* changes a Dictionary's foreach throws after: new keys; on .NET
                           Framework (netfx) also overwrites and Remove, which .NET Core
                           3.0 and later allow during a foreach */
  gboolean    netfx;
} AwlCDict;

static void
cdict_finalize (AwlForeign *self)
{
  AwlCDict *d = (AwlCDict *) self;

  g_array_unref (d->keys);
  g_array_unref (d->values);
}

static const AwlForeignClass cdict_class = { "ConcurrentDictionary", cdict_finalize, NULL };
static const AwlForeignClass dict_class = { "Dictionary", cdict_finalize, NULL };

static AwlCDict *
cdict (AwlBiCall *call)
{
  AwlCDict *d = awl_value_get_foreign (call->target, &cdict_class);

  return d != NULL ? d : awl_value_get_foreign (call->target, &dict_class);
}

static gint
cdict_find (AwlCDict *d,
            AwlValue  key)
{
  for (guint i = 0; i < d->keys->len; i++)
    if (awl_value_equal (g_array_index (d->keys, AwlValue, i), key))
      return (gint) i;
  return -1;
}

static void
cdict_set (AwlCDict *d,
           AwlValue  key,
           AwlValue  value)
{
  gint i = cdict_find (d, key);

  if (i >= 0)
    {
      g_array_index (d->values, AwlValue, i) = value;
      if (d->netfx)
        d->version++;
    }
  else
    {
      g_array_append_val (d->keys, key);
      g_array_append_val (d->values, value);
      d->version++;
    }
}

static void
store_out (AwlValue v,
           AwlValue value)
{
  AwlBox *box = awl_value_get_foreign (v, &awl_box_class);

  if (box != NULL)
    box->v = value;
}

/* data 0: ConcurrentDictionary, 1: Dictionary. */
AWL_BI (cdict_new)
{
  AwlCDict *d = awl_sim_foreign_new (call->sim, call->api->data ? &dict_class : &cdict_class,
                                     sizeof (AwlCDict));

  d->keys = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  d->values = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  d->netfx = awl_sim_get_config (call->sim)->profile == AWL_PROFILE_NETFX;
  return bi_value (call, awl_value_object (d));
}

static AwlBiResult
null_key (AwlBiCall *call)
{
  return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'key')");
}

AWL_BI (cdict_try_add)
{
  AwlCDict *d = cdict (call);

  if (awl_value_is_null (call->args[0]))
    return null_key (call);
  if (cdict_find (d, call->args[0]) >= 0)
    return bi_value (call, awl_value_bool (FALSE));
  if (!bi_charge (call, 1, 2 * sizeof (AwlValue)))
    return bi_over_budget (call);
  cdict_set (d, call->args[0], call->args[1]);
  return bi_value (call, awl_value_bool (TRUE));
}

/* Dictionary.Add: a key already there is an error, not a no-op. */
AWL_BI (dict_add)
{
  AwlCDict *d = cdict (call);

  if (awl_value_is_null (call->args[0]))
    return null_key (call);
  if (cdict_find (d, call->args[0]) >= 0)
    return bi_throw (call, "ArgumentException",
                     awl_sim_intern_printf (call->sim, "An item with the same key has already been added. Key: %s",
                                            bi_to_string (call->sim, call->args[0])));
  if (!bi_charge (call, 1, 2 * sizeof (AwlValue)))
    return bi_over_budget (call);
  cdict_set (d, call->args[0], call->args[1]);
  return bi_value (call, awl_value_null ());
}

gboolean
awl_dictionary_is (AwlValue v)
{
  return awl_value_get_foreign (v, &dict_class) != NULL || awl_value_get_foreign (v, &cdict_class) != NULL;
}

AwlList *
awl_dictionary_pairs (AwlSim   *sim,
                      AwlValue  v)
{
  AwlCDict *d = awl_value_get_foreign (v, &dict_class);
  AwlList *pairs;
  gboolean concurrent = FALSE;

  if (d == NULL)
    concurrent = (d = awl_value_get_foreign (v, &cdict_class)) != NULL;
  if (d == NULL)
    return NULL;
  pairs = awl_list_new (sim, FALSE);
  /* A ConcurrentDictionary may change while it is walked; a Dictionary may not. */
  if (!concurrent)
    {
      pairs->source_version = &d->version;
      pairs->source_start = d->version;
    }
  for (guint i = 0; i < d->keys->len; i++)
    {
      AwlValue kv = awl_key_value_new (sim, g_array_index (d->keys, AwlValue, i), g_array_index (d->values, AwlValue, i));
      g_array_append_val (pairs->items, kv);
    }
  return pairs;
}

AwlValue
awl_dictionary_new (AwlSim *sim)
{
  AwlCDict *d = awl_sim_foreign_new (sim, &dict_class, sizeof (AwlCDict));

  d->keys = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  d->values = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  d->netfx = awl_sim_get_config (sim)->profile == AWL_PROFILE_NETFX;
  return awl_value_object (d);
}

AwlObject *
awl_dictionary_add (AwlSim   *sim,
                    AwlValue  dict,
                    AwlValue  key,
                    AwlValue  value)
{
  AwlCDict *d = awl_value_get_foreign (dict, &dict_class);

  g_return_val_if_fail (d != NULL, NULL);
  if (awl_value_is_null (key))
    return awl_scn_exception (sim, "ArgumentNullException", "Value cannot be null. (Parameter 'key')");
  if (cdict_find (d, key) >= 0)
    return awl_scn_exception (sim, "ArgumentException",
                              awl_sim_intern_printf (sim, "An item with the same key has already been added. Key: %s",
                                                     bi_to_string (sim, key)));
  cdict_set (d, key, value);
  return NULL;
}

/* TryGetValue (data 0) and TryRemove / Remove (data 1): the value goes to the
 * `out` box when there is one. */
AWL_BI (cdict_try_get)
{
  AwlCDict *d = cdict (call);
  gint i;

  if (awl_value_is_null (call->args[0]))
    return null_key (call);
  i = cdict_find (d, call->args[0]);
  /* On failure the box keeps default(T), which the compiler put there. */
  if (i >= 0 && call->n_args > 1)
    store_out (call->args[1], g_array_index (d->values, AwlValue, i));
  if (i >= 0 && call->api->data == 1)
    {
      g_array_remove_index (d->keys, i);
      g_array_remove_index (d->values, i);
      if (d->netfx)
        d->version++;
    }
  return bi_value (call, awl_value_bool (i >= 0));
}

AWL_BI (cdict_contains_key)
{
  if (awl_value_is_null (call->args[0]))
    return null_key (call);
  return bi_value (call, awl_value_bool (cdict_find (cdict (call), call->args[0]) >= 0));
}

/* Count (data 0), IsEmpty (data 1). */
AWL_BI (cdict_count)
{
  guint n = cdict (call)->keys->len;

  return bi_value (call, call->api->data ? awl_value_bool (n == 0) : awl_value_int (n));
}

/* Keys (data 0), Values (data 1): a snapshot, as .NET's properties are. */
AWL_BI (cdict_snapshot)
{
  AwlCDict *d = cdict (call);
  GArray *from = call->api->data ? d->values : d->keys;

  AwlList *l;

  if (!bi_charge (call, from->len, (guint64) from->len * sizeof (AwlValue)))
    return bi_over_budget (call);
  l = awl_list_new_from (call->sim, FALSE, (AwlValue *) from->data, from->len);
  /* A Dictionary's Keys and Values belong to it: a foreach over them sees its changes. */
  if (awl_value_get_foreign (call->target, &dict_class) != NULL)
    {
      l->source_version = &d->version;
      l->source_start = d->version;
    }
  return bi_value (call, awl_value_object (l));
}

/* GetOrAdd and AddOrUpdate with a factory: call it, then store (the factory's result
 * is dropped by GetOrAdd when another call added the key meanwhile, as in .NET). */
typedef struct
{
  AwlFrame   parent;
  AwlRun    *run;
  AwlCDict  *dict;
  AwlValue   key;
  AwlValue   args[2];
  guint      n_args;
  AwlClosure *fn;
  gboolean   get_or_add;
  int        phase;
} FactoryFrame;

static void
factory_step (AwlFrame *frame,
              AwlStep  *s)
{
  FactoryFrame *f = (FactoryFrame *) frame;
  gint i;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  if (f->phase++ == 0)
    {
      awl_step_call (s, awl_closure_frame (f->run, f->fn, f->args, f->n_args));
      return;
    }
  i = cdict_find (f->dict, f->key);
  if (f->get_or_add && i >= 0)
    {
      awl_step_return (s, g_array_index (f->dict->values, AwlValue, i));
      return;
    }
  cdict_set (f->dict, f->key, s->value);
  awl_step_return (s, s->value);
}

static const AwlFrameClass get_or_add_class = { "ConcurrentDictionary.GetOrAdd", 0, factory_step, (void (*) (AwlFrame *)) g_free };
static const AwlFrameClass add_or_update_class = { "ConcurrentDictionary.AddOrUpdate", 0, factory_step, (void (*) (AwlFrame *)) g_free };

static AwlBiResult
call_factory (AwlBiCall  *call,
              AwlClosure *fn,
              gboolean    get_or_add,
              AwlValue    second)
{
  FactoryFrame *f = g_new0 (FactoryFrame, 1);

  awl_frame_init (&f->parent, get_or_add ? &get_or_add_class : &add_or_update_class);
  f->parent.line = awl_sim_current_frame (call->sim) ? awl_sim_current_frame (call->sim)->line : 0;
  f->run = call->run;
  f->dict = cdict (call);
  f->key = call->args[0];
  f->fn = fn;
  f->get_or_add = get_or_add;
  f->args[0] = call->args[0];
  f->args[1] = second;
  f->n_args = get_or_add || awl_value_is_null (second) ? 1 : 2;
  awl_step_call (call->s, &f->parent);
  return bi_action (call);
}

AWL_BI (cdict_get_or_add)
{
  AwlCDict *d = cdict (call);
  AwlClosure *fn = awl_value_get_foreign (call->args[1], &awl_closure_class);
  gint i;

  if (awl_value_is_null (call->args[0]))
    return null_key (call);
  i = cdict_find (d, call->args[0]);
  if (i >= 0)
    return bi_value (call, g_array_index (d->values, AwlValue, i));
  if (!bi_charge (call, 1, 2 * sizeof (AwlValue)))
    return bi_over_budget (call);
  if (fn != NULL)
    return call_factory (call, fn, TRUE, awl_value_null ());
  cdict_set (d, call->args[0], call->args[1]);
  return bi_value (call, call->args[1]);
}

/* AddOrUpdate(key, addValue or addFactory, (key, old) => new) */
AWL_BI (cdict_add_or_update)
{
  AwlCDict *d = cdict (call);
  AwlClosure *add = awl_value_get_foreign (call->args[1], &awl_closure_class);
  AwlClosure *update = awl_value_get_foreign (call->args[2], &awl_closure_class);
  gint i;

  if (awl_value_is_null (call->args[0]))
    return null_key (call);
  if (update == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'updateValueFactory')");
  i = cdict_find (d, call->args[0]);
  if (i >= 0)
    return call_factory (call, update, FALSE, g_array_index (d->values, AwlValue, i));
  if (!bi_charge (call, 1, 2 * sizeof (AwlValue)))
    return bi_over_budget (call);
  if (add != NULL)
    return call_factory (call, add, FALSE, awl_value_null ());
  cdict_set (d, call->args[0], call->args[1]);
  return bi_value (call, call->args[1]);
}

gboolean
awl_cdict_index (AwlBiCall   *call,
                 gboolean     set,
                 AwlBiResult *result)
{
  AwlCDict *d = cdict (call);
  gint i;

  if (d == NULL)
    return FALSE;
  if (awl_value_is_null (call->args[0]))
    *result = null_key (call);
  else if (set)
    {
      cdict_set (d, call->args[0], call->args[1]);
      *result = bi_value (call, awl_value_null ());
    }
  else if ((i = cdict_find (d, call->args[0])) >= 0)
    *result = bi_value (call, g_array_index (d->values, AwlValue, i));
  else
    *result = bi_throw (call, "KeyNotFoundException",
                        awl_sim_intern_printf (call->sim, "The given key '%s' was not present in the dictionary.",
                                               bi_to_string (call->sim, call->args[0])));
  return TRUE;
}

/* ----------------------------------------------------------------------------- */
/* ConcurrentQueue (FIFO) and ConcurrentBag (taken last-in first-out, as one
 * thread's bag gives its own items back)                                         */

typedef struct
{
  AwlForeign  parent;
  GArray     *items;   /* AwlValue */
} AwlCQueue;

static void
cqueue_finalize (AwlForeign *self)
{
  g_array_unref (((AwlCQueue *) self)->items);
}

static const AwlForeignClass cqueue_class = { "ConcurrentQueue", cqueue_finalize, NULL };
static const AwlForeignClass cbag_class = { "ConcurrentBag", cqueue_finalize, NULL };

static AwlCQueue *
cqueue (AwlBiCall *call)
{
  AwlCQueue *q = awl_value_get_foreign (call->target, &cqueue_class);

  return q != NULL ? q : awl_value_get_foreign (call->target, &cbag_class);
}

/* ConcurrentQueue (data 0), ConcurrentBag (data 1). */
AWL_BI (cqueue_new)
{
  AwlCQueue *q = awl_sim_foreign_new (call->sim, call->api->data ? &cbag_class : &cqueue_class, sizeof (AwlCQueue));

  q->items = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  return bi_value (call, awl_value_object (q));
}

AWL_BI (cqueue_add)
{
  if (!bi_charge (call, 1, sizeof (AwlValue)))
    return bi_over_budget (call);
  g_array_append_val (cqueue (call)->items, call->args[0]);
  return bi_value (call, awl_value_null ());
}

/* TryDequeue (data 0), TryPeek (data 1), TryTake (data 2; the bag's last item). */
AWL_BI (cqueue_try_take)
{
  AwlCQueue *q = cqueue (call);
  guint n = q->items->len;
  guint at = call->api->data == 2 ? n - 1 : 0;

  if (n == 0)
    return bi_value (call, awl_value_bool (FALSE));
  store_out (call->args[0], g_array_index (q->items, AwlValue, at));
  if (call->api->data != 1)
    g_array_remove_index (q->items, at);
  return bi_value (call, awl_value_bool (TRUE));
}

/* Count (data 0), IsEmpty (data 1). */
AWL_BI (cqueue_count)
{
  guint n = cqueue (call)->items->len;

  return bi_value (call, call->api->data ? awl_value_bool (n == 0) : awl_value_int (n));
}

#define CD "var d = new ConcurrentDictionary<string, int>(); "
#define DI "var d = new Dictionary<string, int>(); "
#define CQ "var q = new ConcurrentQueue<int>(); q.Enqueue(1); "
#define CB "var b = new ConcurrentBag<int>(); b.Add(1); "

static const AwlKnownApi rows[] = {
  { "ConcurrentDictionary", ".ctor", AWL_CT, 0, 0, NULL, 2, cdict_new, 0, "var d = new ConcurrentDictionary<string, int>();" },
  { "ConcurrentDictionary", "TryAdd", AWL_IM, 2, 2, NULL, 0, cdict_try_add, 0, CD "bool ok = d.TryAdd(\"a\", 1);" },
  { "ConcurrentDictionary", "TryGetValue", AWL_IM, 2, 2, NULL, 0, cdict_try_get, 0, CD "bool ok = d.TryGetValue(\"a\", out var v);", AWL_API_OUT_LAST },
  { "ConcurrentDictionary", "TryRemove", AWL_IM, 2, 2, NULL, 0, cdict_try_get, 1, CD "bool ok = d.TryRemove(\"a\", out int v);", AWL_API_OUT_LAST },
  { "ConcurrentDictionary", "GetOrAdd", AWL_IM, 2, 2, NULL, 0, cdict_get_or_add, 0, CD "int v = d.GetOrAdd(\"a\", k => k.Length);" },
  { "ConcurrentDictionary", "AddOrUpdate", AWL_IM, 3, 3, NULL, 0, cdict_add_or_update, 0, CD "int v = d.AddOrUpdate(\"a\", 1, (k, old) => old + 1);" },
  { "ConcurrentDictionary", "ContainsKey", AWL_IM, 1, 1, NULL, 0, cdict_contains_key, 0, CD "bool ok = d.ContainsKey(\"a\");" },
  { "ConcurrentDictionary", "Count", AWL_IP, 0, 0, NULL, 0, cdict_count, 0, CD "int n = d.Count;" },
  { "ConcurrentDictionary", "IsEmpty", AWL_IP, 0, 0, NULL, 0, cdict_count, 1, CD "bool e = d.IsEmpty;" },
  { "ConcurrentDictionary", "Keys", AWL_IP, 0, 0, NULL, 0, cdict_snapshot, 0, CD "var keys = d.Keys;" },
  { "ConcurrentDictionary", "Values", AWL_IP, 0, 0, NULL, 0, cdict_snapshot, 1, CD "var values = d.Values;" },
  { "Dictionary", ".ctor", AWL_CT, 0, 0, NULL, 2, cdict_new, 1, "var d = new Dictionary<string, int>();" },
  { "Dictionary", "Add", AWL_IM, 2, 2, NULL, 0, dict_add, 0, DI "d.Add(\"a\", 1);" },
  { "Dictionary", "TryAdd", AWL_IM, 2, 2, NULL, 0, cdict_try_add, 0, DI "bool ok = d.TryAdd(\"a\", 1);" },
  { "Dictionary", "TryGetValue", AWL_IM, 2, 2, NULL, 0, cdict_try_get, 0, DI "bool ok = d.TryGetValue(\"a\", out var v);", AWL_API_OUT_LAST },
  { "Dictionary", "Remove", AWL_IM, 1, 1, NULL, 0, cdict_try_get, 1, DI "bool ok = d.Remove(\"a\");" },
  { "Dictionary", "ContainsKey", AWL_IM, 1, 1, NULL, 0, cdict_contains_key, 0, DI "bool ok = d.ContainsKey(\"a\");" },
  { "Dictionary", "Count", AWL_IP, 0, 0, NULL, 0, cdict_count, 0, DI "int n = d.Count;" },
  { "Dictionary", "Keys", AWL_IP, 0, 0, NULL, 0, cdict_snapshot, 0, DI "var keys = d.Keys;" },
  { "Dictionary", "Values", AWL_IP, 0, 0, NULL, 0, cdict_snapshot, 1, DI "var values = d.Values;" },
  { "ConcurrentQueue", ".ctor", AWL_CT, 0, 0, NULL, 1, cqueue_new, 0, "var q = new ConcurrentQueue<int>();" },
  { "ConcurrentQueue", "Enqueue", AWL_IM, 1, 1, NULL, 0, cqueue_add, 0, CQ "q.Enqueue(2);" },
  { "ConcurrentQueue", "TryDequeue", AWL_IM, 1, 1, NULL, 0, cqueue_try_take, 0, CQ "bool ok = q.TryDequeue(out int x);", AWL_API_OUT_LAST },
  { "ConcurrentQueue", "TryPeek", AWL_IM, 1, 1, NULL, 0, cqueue_try_take, 1, CQ "bool ok = q.TryPeek(out var x);", AWL_API_OUT_LAST },
  { "ConcurrentQueue", "Count", AWL_IP, 0, 0, NULL, 0, cqueue_count, 0, CQ "int n = q.Count;" },
  { "ConcurrentQueue", "IsEmpty", AWL_IP, 0, 0, NULL, 0, cqueue_count, 1, CQ "bool e = q.IsEmpty;" },
  { "ConcurrentBag", ".ctor", AWL_CT, 0, 0, NULL, 1, cqueue_new, 1, "var b = new ConcurrentBag<int>();" },
  { "ConcurrentBag", "Add", AWL_IM, 1, 1, NULL, 0, cqueue_add, 0, CB "b.Add(2);" },
  { "ConcurrentBag", "TryTake", AWL_IM, 1, 1, NULL, 0, cqueue_try_take, 2, CB "bool ok = b.TryTake(out int x);", AWL_API_OUT_LAST },
  { "ConcurrentBag", "Count", AWL_IP, 0, 0, NULL, 0, cqueue_count, 0, CB "int n = b.Count;" },
  { "ConcurrentBag", "IsEmpty", AWL_IP, 0, 0, NULL, 0, cqueue_count, 1, CB "bool e = b.IsEmpty;" },
};

const AwlApiFamily awl_api_family_concurrent = { "Concurrent", rows, G_N_ELEMENTS (rows) };
