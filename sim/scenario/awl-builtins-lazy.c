/* awl-builtins-lazy.c
 *
 * System.Lazy<T>. The default mode is ExecutionAndPublication: the first reader of
 * `.Value` runs the factory while holding a lock, and every other thread that reads
 * `.Value` meanwhile blocks on that lock until the value exists — the simulator
 * blocks them on a real Monitor, so the wait shows on their lanes. The factory runs
 * once; its value, or its exception, is kept and given to every later reader.
 * `new Lazy<T>(factory, false)` is LazyThreadSafetyMode.None: no lock, and reading
 * Value from two threads at once is a bug of the program. PublicationOnly takes no
 * lock either: every thread that finds no value runs the factory, the first to
 * finish publishes its value and the others get that one; a failed factory is not
 * remembered (the next reader tries again).
 *
 * `Lazy<Task<T>>` is the async-lazy idiom: the factory starts the task and returns
 * it at its first incomplete await, so the lock is held only that long, and every
 * caller awaits the one shared task.
 */

#include "awl-builtins-private.h"

typedef enum { LAZY_NOT_CREATED, LAZY_CREATING, LAZY_CREATED, LAZY_FAULTED } LazyState;

/* LazyThreadSafetyMode; the enum's values are their names (as TaskStatus's). */
typedef enum { MODE_NONE, MODE_PUBLICATION_ONLY, MODE_EXECUTION_AND_PUBLICATION } LazyMode;

static const char * const mode_names[] = { "None", "PublicationOnly", "ExecutionAndPublication" };

typedef struct
{
  AwlForeign  parent;
  AwlClosure *factory;
  LazyMode    mode;
  LazyState   state;
  AwlValue    value;
  AwlObject  *error;      /* LAZY_FAULTED: rethrown by every reader */
} AwlLazyValue;

static void
lazy_to_string (AwlForeign *self,
                GString    *out)
{
  AwlLazyValue *lz = (AwlLazyValue *) self;

  if (lz->state == LAZY_CREATED)
    awl_scn_value_format (lz->value, out);
  else
    g_string_append (out, "Value is not created.");
}

static const AwlForeignClass lazy_value_class = { "Lazy", NULL, lazy_to_string };

static const char recursion_message[] = "ValueFactory attempted to access the Value property of this instance.";

/* `.Value` when it has to be created (or waited for). */
typedef struct
{
  AwlFrame      parent;
  AwlRun       *run;
  AwlLazyValue *lazy;
  int           phase;    /* 0 take the lock, 1 holding it, 2 the factory returned */
} ValueFrame;

static void
leave (ValueFrame *v)
{
  AwlObject *error = NULL;   /* cannot fail: this thread took the lock */

  if (v->lazy->mode == MODE_EXECUTION_AND_PUBLICATION)
    awl_sim_lock_exit (v->run->sim, &v->lazy->parent.parent, &error);
}

static void
value_step (AwlFrame *frame,
            AwlStep  *s)
{
  ValueFrame *v = (ValueFrame *) frame;
  AwlLazyValue *lz = v->lazy;

  if (v->phase == 0 && lz->mode == MODE_EXECUTION_AND_PUBLICATION)
    {
      v->phase = 1;
      awl_step_lock_enter (s, &lz->parent.parent);
      return;
    }
  if (v->phase <= 1)
    {
      switch (lz->state)
        {
        case LAZY_CREATED:
          leave (v);
          awl_step_return (s, lz->value);
          return;
        case LAZY_FAULTED:
          leave (v);
          awl_step_throw (s, lz->error);
          return;
        case LAZY_CREATING:
          /* Only the creating thread can get here holding the lock: the factory read
           * its own Value. */
          leave (v);
          awl_step_throw (s, awl_scn_exception (v->run->sim, "InvalidOperationException", recursion_message));
          return;
        case LAZY_NOT_CREATED:
          break;
        }
      if (lz->mode != MODE_PUBLICATION_ONLY)
        lz->state = LAZY_CREATING;
      v->phase = 2;
      awl_step_call (s, awl_closure_frame (v->run, lz->factory, NULL, 0));
      return;
    }
  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      if (lz->mode != MODE_PUBLICATION_ONLY)
        {
          lz->state = LAZY_FAULTED;
          lz->error = s->exception;
        }
      leave (v);
      awl_step_throw (s, s->exception);
      return;
    }
  if (lz->state == LAZY_CREATED)
    {
      /* PublicationOnly: another thread published first; its value wins. */
      awl_step_return (s, lz->value);
      return;
    }
  lz->state = LAZY_CREATED;
  lz->value = s->value;
  leave (v);
  awl_step_return (s, s->value);
}

static const AwlFrameClass value_class = { "Lazy.Value", 0, value_step, (void (*) (AwlFrame *)) g_free };

static AwlLazyValue *
target_lazy (AwlBiCall *call)
{
  return awl_value_get_foreign (call->target, &lazy_value_class);
}

/* new Lazy<T>(factory), (factory, isThreadSafe) and (factory, LazyThreadSafetyMode). */
AWL_BI (lazy_new)
{
  AwlClosure *factory = awl_value_get_foreign (call->args[0], &awl_closure_class);
  AwlLazyValue *lz;

  if (factory == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'valueFactory')");
  lz = awl_sim_foreign_new (call->sim, &lazy_value_class, sizeof (AwlLazyValue));
  lz->factory = factory;
  lz->mode = MODE_EXECUTION_AND_PUBLICATION;
  if (call->n_args == 2 && call->args[1].kind == AWL_VALUE_BOOL)
    lz->mode = call->args[1].b ? MODE_EXECUTION_AND_PUBLICATION : MODE_NONE;
  else if (call->n_args == 2)
    {
      guint m = 0;
      while (m < G_N_ELEMENTS (mode_names) &&
             !(call->args[1].kind == AWL_VALUE_STRING && g_str_equal (call->args[1].s, mode_names[m])))
        m++;
      if (m == G_N_ELEMENTS (mode_names))
        return bi_throw (call, "ArgumentOutOfRangeException", "Specified argument was out of the range of valid values. (Parameter 'mode')");
      lz->mode = m;
    }
  lz->value = awl_value_null ();
  return bi_value (call, awl_value_object (lz));
}

AWL_BI (lazy_value)
{
  AwlLazyValue *lz = target_lazy (call);
  ValueFrame *v;
  AwlFrame *cur;

  if (lz->state == LAZY_CREATED)
    return bi_value (call, lz->value);
  if (lz->state == LAZY_FAULTED)
    return bi_throw_error (call, lz->error, NULL, NULL);
  if (lz->mode == MODE_NONE && lz->state == LAZY_CREATING)
    return bi_throw (call, "InvalidOperationException", recursion_message);
  v = g_new0 (ValueFrame, 1);
  awl_frame_init (&v->parent, &value_class);
  cur = awl_sim_current_frame (call->sim);
  v->parent.line = cur != NULL ? cur->line : 0;
  v->run = call->run;
  v->lazy = lz;
  awl_step_call (call->s, &v->parent);
  return bi_action (call);
}

AWL_BI (lazy_mode_value)
{
  return bi_value (call, awl_value_string (call->api->member));
}

AWL_BI (lazy_is_value_created)
{
  return bi_value (call, awl_value_bool (target_lazy (call)->state == LAZY_CREATED));
}

#define LZ "var lz = new Lazy<int>(() => 42); "

static const AwlKnownApi rows[] = {
  { "Lazy", ".ctor", AWL_CT, 1, 2, NULL, 1, lazy_new, 0, LZ },
  { "Lazy", "Value", AWL_IP, 0, 0, NULL, 0, lazy_value, 0, LZ "int n = lz.Value;" },
  { "Lazy", "IsValueCreated", AWL_IP, 0, 0, NULL, 0, lazy_is_value_created, 0, LZ "bool b = lz.IsValueCreated;" },
  { "LazyThreadSafetyMode", "None", AWL_EV, 0, 0, NULL, 0, lazy_mode_value, 0, "var lz = new Lazy<int>(() => 1, LazyThreadSafetyMode.None);" },
  { "LazyThreadSafetyMode", "PublicationOnly", AWL_EV, 0, 0, NULL, 0, lazy_mode_value, 0, "var lz = new Lazy<int>(() => 1, LazyThreadSafetyMode.PublicationOnly); int n = lz.Value;" },
  { "LazyThreadSafetyMode", "ExecutionAndPublication", AWL_EV, 0, 0, NULL, 0, lazy_mode_value, 0, "var lz = new Lazy<int>(() => 1, LazyThreadSafetyMode.ExecutionAndPublication);" },
};

#undef LZ

const AwlApiFamily awl_api_family_lazy = { "Lazy", rows, G_N_ELEMENTS (rows) };
