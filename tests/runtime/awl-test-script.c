/* awl-test-script.c */

#include <string.h>

#include "awl-test-script.h"

#define N_REGS 8
/* Registers 8..15 are shared by every frame of a test (reset by free_all). */
#define N_GLOBALS 8
static AwlValue globals[N_GLOBALS];

typedef enum
{
  OP_CPU, OP_OUTPUT, OP_PRINT, OP_SLEEP, OP_SYNC_IO, OP_DELAY, OP_IO, OP_AWAIT, OP_YIELD, OP_WAIT, OP_WAIT_TIMEOUT,
  OP_CALL, OP_RUN, OP_START_NEW, OP_RETURN, OP_RETURN_STRING, OP_THROW, OP_TCS_NEW, OP_TCS_TASK,
  OP_TCS_SET, OP_WHEN_ALL, OP_WHEN_ANY, OP_SEM_NEW, OP_SEM_WAIT, OP_SEM_WAIT_ASYNC,
  OP_SEM_RELEASE, OP_CTS_NEW, OP_CTS_CANCEL, OP_REGISTER, OP_OBJECT_NEW, OP_LOCK, OP_UNLOCK,
  OP_THREAD_NEW, OP_THREAD_START, OP_JOIN, OP_YIELD_RETURN, OP_FOREACH, OP_SET_MIN, OP_SET_INT,
  OP_PRINT_EXC, OP_QUWI, OP_POST, OP_SEND, OP_FROM_EXC, OP_FROM_CANCELED, OP_FROM_RESULT,
  OP_THROW_IF_CANCELED, OP_MOVE_NEXT, OP_PRINT_CURRENT, OP_DISPOSE, OP_PRINT_WHEN_ALL,
  OP_PRINT_THREAD_ID, OP_PRINT_STATUS, OP_CTS_CANCEL_AFTER,
} OpKind;

typedef struct
{
  OpKind          kind;
  int             a, b, dest;
  AwlTime         ns;
  gint64          n;
  const char     *text;   /* static or owned by the script's chunk */
  const char     *text2;
  AwlTestScript  *script;
} Op;

struct _AwlTestScript
{
  char         *name;
  AwlFrameFlags flags;
  GArray       *ops;
  gboolean      catch_all;
  int           finally_at;   /* -1 = none */
  GStringChunk *chunk;
};

static GPtrArray *registry;

AwlTestScript *
awl_test_script_new (const char    *name,
                     AwlFrameFlags  flags)
{
  AwlTestScript *s = g_new0 (AwlTestScript, 1);

  s->name = g_strdup (name);
  s->flags = flags;
  s->ops = g_array_new (FALSE, TRUE, sizeof (Op));
  s->finally_at = -1;
  s->chunk = g_string_chunk_new (256);
  if (registry == NULL)
    registry = g_ptr_array_new ();
  g_ptr_array_add (registry, s);
  return s;
}

void
awl_test_scripts_free_all (void)
{
  if (registry == NULL)
    return;
  for (guint i = 0; i < registry->len; i++)
    {
      AwlTestScript *s = g_ptr_array_index (registry, i);
      g_free (s->name);
      g_array_unref (s->ops);
      g_string_chunk_free (s->chunk);
      g_free (s);
    }
  g_clear_pointer (&registry, g_ptr_array_unref);
  memset (globals, 0, sizeof globals);
}

static Op *
add (AwlTestScript *s,
     OpKind         kind)
{
  Op op = { .kind = kind, .a = -1, .b = -1, .dest = -1 };

  g_array_append_val (s->ops, op);
  return &g_array_index (s->ops, Op, s->ops->len - 1);
}

static const char *
keep (AwlTestScript *s,
      const char    *text)
{
  return text ? g_string_chunk_insert (s->chunk, text) : NULL;
}

void awl_test_script_catch_all (AwlTestScript *s) { s->catch_all = TRUE; }
void awl_test_script_cpu (AwlTestScript *s, AwlTime ns) { add (s, OP_CPU)->ns = ns; }
void awl_test_script_output (AwlTestScript *s, const char *t) { add (s, OP_OUTPUT)->text = keep (s, t); }
void awl_test_script_print (AwlTestScript *s, int reg) { add (s, OP_PRINT)->a = reg; }
void awl_test_script_sleep (AwlTestScript *s, AwlTime ns) { add (s, OP_SLEEP)->ns = ns; }
void awl_test_script_sync_io (AwlTestScript *s, AwlTime ns, gboolean fail) { Op *o = add (s, OP_SYNC_IO); o->ns = ns; o->n = fail; }
void awl_test_script_delay (AwlTestScript *s, int dest, AwlTime ns, int tok) { Op *o = add (s, OP_DELAY); o->dest = dest; o->ns = ns; o->a = tok; }
void awl_test_script_io (AwlTestScript *s, int dest, AwlTime ns, gboolean fail, const char *r) { Op *o = add (s, OP_IO); o->dest = dest; o->ns = ns; o->n = fail; o->text = keep (s, r); }
void awl_test_script_await (AwlTestScript *s, int reg, gboolean coc, int dest) { Op *o = add (s, OP_AWAIT); o->a = reg; o->n = coc; o->dest = dest; }
void awl_test_script_await_yield (AwlTestScript *s) { add (s, OP_YIELD); }
void awl_test_script_wait (AwlTestScript *s, int reg, AwlWaitKind k, int dest) { Op *o = add (s, OP_WAIT); o->a = reg; o->n = k; o->dest = dest; }
void awl_test_script_wait_timeout (AwlTestScript *s, int reg, AwlWaitKind k, AwlTime timeout, int dest) { Op *o = add (s, OP_WAIT_TIMEOUT); o->a = reg; o->n = k; o->ns = timeout; o->dest = dest; }
void awl_test_script_call (AwlTestScript *s, AwlTestScript *c, int dest) { Op *o = add (s, OP_CALL); o->script = c; o->dest = dest; }
void awl_test_script_run (AwlTestScript *s, AwlTestScript *b, int dest) { Op *o = add (s, OP_RUN); o->script = b; o->dest = dest; }
void awl_test_script_start_new (AwlTestScript *s, AwlTestScript *b, AwlTaskOptions opt, int dest) { Op *o = add (s, OP_START_NEW); o->script = b; o->n = opt; o->dest = dest; }
void awl_test_script_return (AwlTestScript *s, int reg) { add (s, OP_RETURN)->a = reg; }
void awl_test_script_return_string (AwlTestScript *s, const char *v) { add (s, OP_RETURN_STRING)->text = keep (s, v); }
void awl_test_script_throw (AwlTestScript *s, const char *t, const char *m) { Op *o = add (s, OP_THROW); o->text = keep (s, t); o->text2 = keep (s, m); }
void awl_test_script_tcs_new (AwlTestScript *s, int dest, AwlTaskOptions opt) { Op *o = add (s, OP_TCS_NEW); o->dest = dest; o->n = opt; }
void awl_test_script_tcs_task (AwlTestScript *s, int dest, int tcs) { Op *o = add (s, OP_TCS_TASK); o->dest = dest; o->a = tcs; }
void awl_test_script_tcs_set (AwlTestScript *s, int tcs, const char *v) { Op *o = add (s, OP_TCS_SET); o->a = tcs; o->text = keep (s, v); }
void awl_test_script_when_all (AwlTestScript *s, int dest, int first, int n) { Op *o = add (s, OP_WHEN_ALL); o->dest = dest; o->a = first; o->b = n; }
void awl_test_script_when_all_of (AwlTestScript *s, int dest, int first, int n) { Op *o = add (s, OP_WHEN_ALL); o->dest = dest; o->a = first; o->b = n; o->n = AWL_WHEN_ALL_ARGUMENT_ORDER; }
void awl_test_script_when_any (AwlTestScript *s, int dest, int first, int n) { Op *o = add (s, OP_WHEN_ANY); o->dest = dest; o->a = first; o->b = n; }
void awl_test_script_sem_new (AwlTestScript *s, int dest, guint init) { Op *o = add (s, OP_SEM_NEW); o->dest = dest; o->n = init; }
void awl_test_script_sem_new_max (AwlTestScript *s, int dest, guint init, guint max) { Op *o = add (s, OP_SEM_NEW); o->dest = dest; o->n = init; o->ns = max; }
void awl_test_script_sem_wait_async_token (AwlTestScript *s, int dest, int sem, int cts) { Op *o = add (s, OP_SEM_WAIT_ASYNC); o->dest = dest; o->a = sem; o->b = cts; }
void awl_test_script_cts_cancel_after (AwlTestScript *s, int cts, AwlTime delay) { Op *o = add (s, OP_CTS_CANCEL_AFTER); o->a = cts; o->ns = delay; }
void awl_test_script_sem_wait (AwlTestScript *s, int sem) { add (s, OP_SEM_WAIT)->a = sem; }
void awl_test_script_sem_wait_async (AwlTestScript *s, int dest, int sem) { Op *o = add (s, OP_SEM_WAIT_ASYNC); o->dest = dest; o->a = sem; }
void awl_test_script_sem_release (AwlTestScript *s, int sem) { add (s, OP_SEM_RELEASE)->a = sem; }
void awl_test_script_cts_new (AwlTestScript *s, int dest, AwlTime delay) { Op *o = add (s, OP_CTS_NEW); o->dest = dest; o->ns = delay; }
void awl_test_script_cts_cancel (AwlTestScript *s, int cts) { add (s, OP_CTS_CANCEL)->a = cts; }
void awl_test_script_register (AwlTestScript *s, int cts, AwlTestScript *cb) { Op *o = add (s, OP_REGISTER); o->a = cts; o->script = cb; }
void awl_test_script_object_new (AwlTestScript *s, int dest) { add (s, OP_OBJECT_NEW)->dest = dest; }
void awl_test_script_lock (AwlTestScript *s, int obj) { add (s, OP_LOCK)->a = obj; }
void awl_test_script_unlock (AwlTestScript *s, int obj) { add (s, OP_UNLOCK)->a = obj; }
void awl_test_script_thread_new (AwlTestScript *s, int dest, AwlTestScript *b) { Op *o = add (s, OP_THREAD_NEW); o->dest = dest; o->script = b; }
void awl_test_script_thread_start (AwlTestScript *s, int t) { add (s, OP_THREAD_START)->a = t; }
void awl_test_script_join (AwlTestScript *s, int t) { add (s, OP_JOIN)->a = t; }
void awl_test_script_yield_return (AwlTestScript *s, const char *v) { add (s, OP_YIELD_RETURN)->text = keep (s, v); }
void awl_test_script_await_foreach (AwlTestScript *s, int e) { add (s, OP_FOREACH)->a = e; }
void awl_test_script_set_min_threads (AwlTestScript *s, guint n) { add (s, OP_SET_MIN)->n = n; }
void awl_test_script_set_int (AwlTestScript *s, int dest, gint64 v) { Op *o = add (s, OP_SET_INT); o->dest = dest; o->n = v; }
void awl_test_script_print_exception_of (AwlTestScript *s, int reg) { add (s, OP_PRINT_EXC)->a = reg; }
void awl_test_script_finally (AwlTestScript *s) { s->finally_at = s->ops->len; }
void awl_test_script_quwi (AwlTestScript *s, AwlTestScript *b) { add (s, OP_QUWI)->script = b; }
void awl_test_script_context_post (AwlTestScript *s, AwlTestScript *b) { add (s, OP_POST)->script = b; }
void awl_test_script_send (AwlTestScript *s, AwlTestScript *b) { add (s, OP_SEND)->script = b; }
void awl_test_script_from_exception (AwlTestScript *s, int dest, const char *t, const char *m) { Op *o = add (s, OP_FROM_EXC); o->dest = dest; o->text = keep (s, t); o->text2 = keep (s, m); }
void awl_test_script_from_canceled (AwlTestScript *s, int dest) { add (s, OP_FROM_CANCELED)->dest = dest; }
void awl_test_script_from_result (AwlTestScript *s, int dest, const char *v) { Op *o = add (s, OP_FROM_RESULT); o->dest = dest; o->text = keep (s, v); }
void awl_test_script_throw_if_canceled (AwlTestScript *s, int cts) { add (s, OP_THROW_IF_CANCELED)->a = cts; }
void awl_test_script_move_next (AwlTestScript *s, int dest, int e) { Op *o = add (s, OP_MOVE_NEXT); o->dest = dest; o->a = e; }
void awl_test_script_print_current (AwlTestScript *s, int e) { add (s, OP_PRINT_CURRENT)->a = e; }
void awl_test_script_dispose (AwlTestScript *s, int dest, int e) { Op *o = add (s, OP_DISPOSE); o->dest = dest; o->a = e; }
void awl_test_script_print_when_all_results (AwlTestScript *s, int reg) { add (s, OP_PRINT_WHEN_ALL)->a = reg; }
void awl_test_script_print_thread_id (AwlTestScript *s, int reg) { add (s, OP_PRINT_THREAD_ID)->a = reg; }
void awl_test_script_print_status (AwlTestScript *s, int reg) { add (s, OP_PRINT_STATUS)->a = reg; }

typedef struct
{
  AwlFrame       parent;
  AwlTestScript *script;
  guint          pc;
  gboolean       pending;   /* the next resume answers op pc */
  int            phase;     /* for multi-step ops */
  AwlValue       r[N_REGS];
  AwlObject     *in_flight; /* exception carried through the finally block */
} ScriptFrame;

static void script_step (AwlFrame *frame, AwlStep *s);

static void
script_free (AwlFrame *frame)
{
  g_free (frame);
}

static const AwlFrameClass script_class = {
  .name = "script",
  .step = script_step,
  .free = script_free,
};

AwlFrame *
awl_test_script_instantiate (AwlSim        *sim,
                             AwlTestScript *s)
{
  ScriptFrame *f = g_new0 (ScriptFrame, 1);

  awl_frame_init (&f->parent, &script_class);
  f->parent.name = awl_sim_intern (sim, s->name);
  f->parent.flags = s->flags;
  f->script = s;
  return &f->parent;
}

static AwlValue *
regp (ScriptFrame *f,
      int          r)
{
  static AwlValue dummy;

  if (r >= 0 && r < N_REGS)
    return &f->r[r];
  if (r >= N_REGS && r < N_REGS + N_GLOBALS)
    return &globals[r - N_REGS];
  dummy = awl_value_null ();
  return &dummy;
}

static AwlObject *
reg_obj (ScriptFrame *f,
         int          r)
{
  AwlValue *v = regp (f, r);
  return v->kind == AWL_VALUE_OBJECT ? v->o : NULL;
}

static void
set_reg (ScriptFrame *f,
         int          r,
         AwlValue     v)
{
  *regp (f, r) = v;
}

static void
print_exception (AwlSim     *sim,
                 const char *prefix,
                 AwlObject  *e)
{
  g_autoptr(GString) str = g_string_new (prefix);

  g_string_append_printf (str, "%s: %s", awl_exception_get_type_name (e), awl_exception_get_message (e));
  for (guint i = 0; i < awl_exception_get_n_inner (e); i++)
    g_string_append_printf (str, " [%s]", awl_exception_get_type_name (awl_exception_get_inner (e, i)));
  awl_sim_output (sim, str->str);
}

static void
script_step (AwlFrame *frame,
             AwlStep  *s)
{
  ScriptFrame *f = (ScriptFrame *) frame;
  AwlSim *sim = s->sim;
  GArray *ops = f->script->ops;

  if (f->pending)
    {
      Op *op = &g_array_index (ops, Op, f->pc);

      f->pending = FALSE;
      if (s->resume == AWL_RESUME_EXCEPTION && f->script->finally_at >= 0
          && (int) f->pc < f->script->finally_at)
        {
          f->in_flight = s->exception;
          f->phase = 0;
          f->pc = f->script->finally_at;
        }
      else if (s->resume == AWL_RESUME_EXCEPTION)
        {
          if (!f->script->catch_all || awl_exception_is_dispose (s->exception))
            {
              awl_step_throw (s, s->exception);
              return;
            }
          print_exception (sim, "caught ", s->exception);
          f->phase = 0;
          f->pc++;
        }
      else if (op->kind == OP_FOREACH)
        {
          if (f->phase == 2)
            {
              if (s->value.kind == AWL_VALUE_BOOL && s->value.b)
                {
                  g_autoptr(GString) str = g_string_new ("item ");
                  awl_value_format (awl_enumerator_get_current (reg_obj (f, op->a)), str);
                  awl_sim_output (sim, str->str);
                  f->phase = 0;
                }
              else
                {
                  f->phase = 0;
                  f->pc++;
                }
            }
        }
      else
        {
          set_reg (f, op->dest, s->value);
          f->pc++;
        }
    }

  while (f->pc < ops->len)
    {
      Op *op = &g_array_index (ops, Op, f->pc);
      AwlObject *err = NULL;

      frame->line = f->pc + 1;
      switch (op->kind)
        {
        case OP_CPU:
          f->pending = TRUE;
          awl_step_cpu (s, op->ns);
          return;
        case OP_OUTPUT:
          awl_sim_output (sim, op->text);
          break;
        case OP_PRINT:
          {
            g_autoptr(GString) str = g_string_new (NULL);
            awl_value_format (*regp (f, op->a), str);
            awl_sim_output (sim, str->str);
          }
          break;
        case OP_SLEEP:
          f->pending = TRUE;
          awl_step_sleep (s, op->ns);
          return;
        case OP_SYNC_IO:
          f->pending = TRUE;
          awl_step_sync_io (s, "Http.Get", op->ns,
                            op->n ? awl_sim_exception_new (sim, "HttpRequestException", "503") : NULL);
          return;
        case OP_DELAY:
          set_reg (f, op->dest, awl_value_object (awl_sim_delay (sim, op->ns,
                   reg_obj (f, op->a) ? awl_cts_get_token (reg_obj (f, op->a)) : NULL)));
          break;
        case OP_IO:
          set_reg (f, op->dest, awl_value_object (awl_sim_io_async (sim, "Http.GetAsync", op->ns,
                   awl_value_string (awl_sim_intern (sim, op->text ? op->text : "body")),
                   op->n ? awl_sim_exception_new (sim, "HttpRequestException",
                           "Response status code does not indicate success: 503 (Service Unavailable).")
                         : NULL, NULL)));
          break;
        case OP_AWAIT:
          frame->state++;
          f->pending = TRUE;
          awl_step_await (s, reg_obj (f, op->a), op->n);
          return;
        case OP_YIELD:
          frame->state++;
          f->pending = TRUE;
          awl_step_await_yield (s);
          return;
        case OP_WAIT:
          f->pending = TRUE;
          awl_step_wait (s, reg_obj (f, op->a), op->n);
          return;
        case OP_WAIT_TIMEOUT:
          f->pending = TRUE;
          awl_step_wait_timeout (s, reg_obj (f, op->a), op->n, op->ns);
          return;
        case OP_CALL:
          f->pending = TRUE;
          awl_step_call (s, awl_test_script_instantiate (sim, op->script));
          return;
        case OP_RUN:
          set_reg (f, op->dest, awl_value_object (awl_sim_task_run (sim,
                   awl_test_script_instantiate (sim, op->script))));
          break;
        case OP_START_NEW:
          set_reg (f, op->dest, awl_value_object (awl_sim_start_new (sim,
                   awl_test_script_instantiate (sim, op->script), op->n)));
          break;
        case OP_RETURN:
          awl_step_return (s, op->a >= 0 ? *regp (f, op->a) : awl_value_null ());
          return;
        case OP_RETURN_STRING:
          awl_step_return (s, awl_value_string (awl_sim_intern (sim, op->text)));
          return;
        case OP_THROW:
          awl_step_throw (s, awl_sim_exception_new (sim, op->text, op->text2));
          return;
        case OP_TCS_NEW:
          set_reg (f, op->dest, awl_value_object (awl_sim_tcs_new (sim, op->n)));
          break;
        case OP_TCS_TASK:
          set_reg (f, op->dest, awl_value_object (awl_tcs_get_task (reg_obj (f, op->a))));
          break;
        case OP_TCS_SET:
          awl_sim_tcs_set_result (sim, reg_obj (f, op->a),
                                  awl_value_string (awl_sim_intern (sim, op->text)), NULL);
          f->pc++;
          awl_step_continue (s);
          return;
        case OP_WHEN_ALL:
        case OP_WHEN_ANY:
          {
            AwlObject *tasks[N_REGS];
            for (int i = 0; i < op->b; i++)
              tasks[i] = reg_obj (f, op->a + i);
            if (op->kind == OP_WHEN_ALL)
              set_reg (f, op->dest, awl_value_object (awl_sim_when_all_full (sim, tasks, op->b, (AwlWhenAllFlags) op->n)));
            else
              {
                AwlObject *t = awl_sim_when_any (sim, tasks, op->b, &err);
                if (t == NULL && f->script->catch_all)
                  print_exception (sim, "caught ", err);
                else if (t == NULL)
                  {
                    awl_step_throw (s, err);
                    return;
                  }
                set_reg (f, op->dest, awl_value_object (t));
              }
          }
          break;
        case OP_SEM_NEW:
          set_reg (f, op->dest, awl_value_object (awl_sim_semaphore_new (sim, op->n, (guint) op->ns)));
          break;
        case OP_SEM_WAIT:
          f->pending = TRUE;
          awl_step_semaphore_wait (s, reg_obj (f, op->a));
          return;
        case OP_SEM_WAIT_ASYNC:
          set_reg (f, op->dest, awl_value_object (awl_sim_semaphore_wait_async (sim, reg_obj (f, op->a),
                                                                                op->b >= 0 ? awl_cts_get_token (reg_obj (f, op->b)) : NULL)));
          break;
        case OP_SEM_RELEASE:
          awl_sim_semaphore_release (sim, reg_obj (f, op->a), 1, NULL);
          f->pc++;
          awl_step_continue (s);
          return;
        case OP_CTS_NEW:
          set_reg (f, op->dest, awl_value_object (awl_sim_cts_new (sim, op->ns ? op->ns : -1)));
          break;
        case OP_CTS_CANCEL_AFTER:
          awl_sim_cts_cancel_after (sim, reg_obj (f, op->a), op->ns);
          break;
        case OP_CTS_CANCEL:
          /* Callbacks may throw out of Cancel(): resume at this op. */
          awl_sim_cts_cancel (sim, reg_obj (f, op->a));
          f->pending = TRUE;
          awl_step_continue (s);
          return;
        case OP_REGISTER:
          awl_sim_token_register (sim, awl_cts_get_token (reg_obj (f, op->a)),
                                  awl_test_script_instantiate (sim, op->script));
          f->pending = TRUE;
          awl_step_continue (s);
          return;
        case OP_OBJECT_NEW:
          set_reg (f, op->dest, awl_value_object (awl_sim_object_new (sim)));
          break;
        case OP_LOCK:
          f->pending = TRUE;
          awl_step_lock_enter (s, reg_obj (f, op->a));
          return;
        case OP_UNLOCK:
          if (!awl_sim_lock_exit (sim, reg_obj (f, op->a), &err))
            {
              awl_step_throw (s, err);
              return;
            }
          break;
        case OP_THREAD_NEW:
          set_reg (f, op->dest, awl_value_object (awl_sim_thread_new (sim,
                   awl_test_script_instantiate (sim, op->script))));
          break;
        case OP_THREAD_START:
          awl_sim_thread_start (sim, reg_obj (f, op->a), NULL);
          break;
        case OP_JOIN:
          f->pending = TRUE;
          awl_step_join (s, reg_obj (f, op->a));
          return;
        case OP_YIELD_RETURN:
          f->pending = TRUE;
          awl_step_yield_return (s, awl_value_string (awl_sim_intern (sim, op->text)));
          return;
        case OP_FOREACH:
          if (f->phase == 0)
            {
              set_reg (f, N_REGS - 1, awl_value_object (awl_sim_enumerator_move_next_async (sim,
                       reg_obj (f, op->a))));
              f->phase = 1;
              awl_step_continue (s);
              return;
            }
          frame->state++;
          f->phase = 2;
          f->pending = TRUE;
          awl_step_await (s, reg_obj (f, N_REGS - 1), TRUE);
          return;
        case OP_SET_MIN:
          awl_sim_set_min_threads (sim, op->n);
          break;
        case OP_SET_INT:
          set_reg (f, op->dest, awl_value_int (op->n));
          break;
        case OP_QUWI:
          awl_sim_queue_user_work_item (sim, awl_test_script_instantiate (sim, op->script));
          break;
        case OP_POST:
          awl_sim_context_post (sim, awl_test_script_instantiate (sim, op->script));
          break;
        case OP_SEND:
          f->pending = TRUE;
          awl_step_context_send (s, awl_test_script_instantiate (sim, op->script));
          return;
        case OP_FROM_EXC:
          set_reg (f, op->dest, awl_value_object (awl_sim_task_from_exception (sim,
                   awl_sim_exception_new (sim, op->text, op->text2))));
          break;
        case OP_FROM_CANCELED:
          set_reg (f, op->dest, awl_value_object (awl_sim_task_from_canceled (sim)));
          break;
        case OP_FROM_RESULT:
          set_reg (f, op->dest, awl_value_object (awl_sim_task_from_result (sim,
                   awl_value_string (awl_sim_intern (sim, op->text)))));
          break;
        case OP_THROW_IF_CANCELED:
          if (!awl_sim_token_throw_if_cancellation_requested (sim,
                awl_cts_get_token (reg_obj (f, op->a)), &err))
            {
              if (f->script->catch_all)
                {
                  print_exception (sim, "caught ", err);
                  break;
                }
              awl_step_throw (s, err);
              return;
            }
          break;
        case OP_MOVE_NEXT:
          set_reg (f, op->dest, awl_value_object (awl_sim_enumerator_move_next_async (sim,
                   reg_obj (f, op->a))));
          f->pc++;
          awl_step_continue (s);
          return;
        case OP_PRINT_CURRENT:
          {
            g_autoptr(GString) str = g_string_new ("item ");
            awl_value_format (awl_enumerator_get_current (reg_obj (f, op->a)), str);
            awl_sim_output (sim, str->str);
          }
          break;
        case OP_DISPOSE:
          set_reg (f, op->dest, awl_value_object (awl_sim_enumerator_dispose_async (sim,
                   reg_obj (f, op->a))));
          f->pc++;
          awl_step_continue (s);
          return;
        case OP_PRINT_WHEN_ALL:
          {
            guint n = 0;
            g_autofree AwlValue *v = awl_task_get_when_all_results (reg_obj (f, op->a), &n);
            g_autoptr(GString) str = g_string_new ("results");
            for (guint i = 0; i < n; i++)
              {
                g_string_append_c (str, ' ');
                awl_value_format (v[i], str);
              }
            if (v == NULL)
              g_string_append (str, " none");
            awl_sim_output (sim, str->str);
          }
          break;
        case OP_PRINT_THREAD_ID:
          awl_sim_output (sim, awl_sim_intern_printf (sim, "id %u", op->a < 0
                          ? awl_sim_current_thread_id (sim)
                          : awl_thread_get_managed_id (reg_obj (f, op->a))));
          break;
        case OP_PRINT_STATUS:
          awl_sim_output (sim, awl_sim_intern_printf (sim, "status %d",
                          awl_task_get_status (reg_obj (f, op->a))));
          break;
        case OP_PRINT_EXC:
          {
            AwlObject *e = awl_sim_task_get_exception (sim, reg_obj (f, op->a));
            if (e)
              print_exception (sim, "exception ", e);
            else
              awl_sim_output (sim, "no exception");
          }
          break;
        default:
          g_assert_not_reached ();
        }
      f->pc++;
    }
  if (f->in_flight != NULL)
    {
      AwlObject *e = f->in_flight;

      f->in_flight = NULL;
      awl_step_throw (s, e);
      return;
    }
  awl_step_return (s, awl_value_null ());
}

typedef struct { AwlTestScript *main; } RunData;

static AwlFrame *
entry (AwlSim   *sim,
       guint     index,
       gpointer  data)
{
  return awl_test_script_instantiate (sim, data);
}

AwlTrace *
awl_test_run (const AwlConfig *config,
              AwlTestScript   *main)
{
  AwlSim *sim = awl_sim_new (config, entry, main, NULL);
  AwlTrace *trace;

  awl_sim_run (sim, NULL);
  trace = awl_sim_get_trace (sim);
  awl_sim_free (sim);
  return trace;
}

char *
awl_test_output (AwlTrace *trace)
{
  GString *str = g_string_new (NULL);
  const AwlOutputLine *lines;
  guint n;

  lines = awl_trace_get_output (trace, &n);
  for (guint i = 0; i < n; i++)
    {
      const AwlThreadInfo *t = awl_trace_get_thread (trace, lines[i].thread);
      g_string_append_printf (str, "%s%g %s %s", i ? "; " : "", AWL_TO_MS (lines[i].time),
                              t ? t->name : "-", lines[i].text);
    }
  return g_string_free (str, FALSE);
}

gboolean
awl_test_has_lint (AwlTrace    *trace,
                   AwlLintKind  kind,
                   int         *line)
{
  const AwlLint *lints;
  guint n;

  lints = awl_trace_get_lints (trace, &n);
  for (guint i = 0; i < n; i++)
    if (lints[i].kind == kind)
      {
        if (line)
          *line = lints[i].line;
        return TRUE;
      }
  return FALSE;
}
