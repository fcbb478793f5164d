/* awl-sim.c
 *
 * The machine: virtual clock and event queue, cores with round-robin time slices,
 * threads and their states, the ThreadPool (queues, injection, blocking compensation,
 * retirement), synchronization contexts, the frame/step interpreter loop, locks and the
 * environments (console, UI, web load).
 */

#include <string.h>

#include "awl-sim-private.h"

#define GATE_PERIOD      AWL_MS (500)
#define RETIRE_AFTER     AWL_S (20)
#define HILL_PERIOD      AWL_MS (250)   /* one sample, at most one change: 4 per second */

static gboolean thread_execute (AwlSim *sim, AwlThread *t);
static void     pool_wake      (AwlSim *sim);
static void     schedule_gate  (AwlSim *sim);
static void     schedule_hill  (AwlSim *sim);

/* ---------------------------------------------------------------------------------
 * Configuration
 * ------------------------------------------------------------------------------ */

void
awl_config_init (AwlConfig *config)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  config->environment = AWL_ENV_CONSOLE;
  config->cores = 4;
  config->min_threads = 0;
  config->max_threads = 32767;
  config->profile = AWL_PROFILE_NET8;
  config->timer_resolution = AWL_MS (1);
  config->seed = 1;
  config->quantum = AWL_MS (10);
  config->limit_events = 4000000;
  config->limit_time = AWL_S (600);
  config->limit_threads = 2000;
  config->limit_tasks = 1000000;
  config->limit_call_depth = 10000;
}

static const char * const env_names[] = { "console", "ui", "aspnet-classic", "aspnetcore" };

const char *
awl_environment_to_string (AwlEnvironment env)
{
  g_return_val_if_fail (env <= AWL_ENV_ASPNETCORE, "console");
  return env_names[env];
}

gboolean
awl_environment_from_string (const char     *str,
                             AwlEnvironment *env)
{
  g_return_val_if_fail (str != NULL && env != NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (env_names); i++)
    if (g_ascii_strcasecmp (str, env_names[i]) == 0)
      {
        *env = i;
        return TRUE;
      }
  return FALSE;
}

const char *
awl_profile_to_string (AwlProfile profile)
{
  return profile == AWL_PROFILE_NETFX ? "netfx" : "net8";
}

gboolean
awl_profile_from_string (const char *str,
                         AwlProfile *profile)
{
  g_return_val_if_fail (str != NULL && profile != NULL, FALSE);
  if (g_ascii_strcasecmp (str, "net8") == 0)
    *profile = AWL_PROFILE_NET8;
  else if (g_ascii_strcasecmp (str, "netfx") == 0 || g_ascii_strcasecmp (str, "mono") == 0)
    *profile = AWL_PROFILE_NETFX;
  else
    return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * Frames
 * ------------------------------------------------------------------------------ */

void
awl_frame_init (AwlFrame            *frame,
                const AwlFrameClass *klass)
{
  g_return_if_fail (frame != NULL && klass != NULL);

  memset (frame, 0, sizeof *frame);
  frame->klass = klass;
  frame->name = klass->name ? klass->name : "<frame>";
  frame->flags = klass->flags;
  frame->state = -1;
}

AwlFrameRt *
awl_frame_rt (AwlSim   *sim,
              AwlFrame *frame)
{
  AwlFrameRt *rt = frame->rt;

  if (rt != NULL)
    return rt;

  rt = g_new0 (AwlFrameRt, 1);
  rt->frame = frame;
  rt->resume.resume = AWL_RESUME_START;
  g_queue_init (&rt->jobs);
  rt->all_next = sim->frames;
  if (sim->frames)
    sim->frames->all_prev = rt;
  sim->frames = rt;
  frame->rt = rt;
  frame->id = ++sim->next_frame_id;
  return rt;
}

void
awl_sim_free_frame (AwlSim   *sim,
                    AwlFrame *frame)
{
  AwlFrameRt *rt = frame->rt;

  if (rt != NULL)
    {
      AwlJob *job;

      if (rt->all_prev)
        rt->all_prev->all_next = rt->all_next;
      else
        sim->frames = rt->all_next;
      if (rt->all_next)
        rt->all_next->all_prev = rt->all_prev;
      while ((job = g_queue_pop_head (&rt->jobs)))
        g_free (job);
      g_free (rt);
      frame->rt = NULL;
    }
  if (frame->klass->free)
    frame->klass->free (frame);
}

/* ---------------------------------------------------------------------------------
 * Steps
 * ------------------------------------------------------------------------------ */

#define SET_ACTION(s, a) G_STMT_START { \
  if ((s)->action != ACT_NONE) \
    g_critical ("%s: a frame answered two actions in one step", G_STRFUNC); \
  (s)->action = (a); } G_STMT_END

void awl_step_continue (AwlStep *s) { g_return_if_fail (s); SET_ACTION (s, ACT_CONTINUE); }

void
awl_step_cpu (AwlStep *s,
              AwlTime  ns)
{
  g_return_if_fail (s);
  SET_ACTION (s, ACT_CPU);
  s->ns = MAX (ns, 0);
}

void
awl_step_call (AwlStep  *s,
               AwlFrame *callee)
{
  g_return_if_fail (s && callee);
  SET_ACTION (s, ACT_CALL);
  s->callee = callee;
}

void
awl_step_return (AwlStep  *s,
                 AwlValue  value)
{
  g_return_if_fail (s);
  SET_ACTION (s, ACT_RETURN);
  s->ret = value;
}

void
awl_step_throw (AwlStep   *s,
                AwlObject *exception)
{
  g_return_if_fail (s && AWL_IS_EXCEPTION (exception));
  SET_ACTION (s, ACT_THROW);
  s->object = exception;
}

void
awl_step_await (AwlStep   *s,
                AwlObject *task,
                gboolean   continue_on_captured_context)
{
  g_return_if_fail (s && AWL_IS_TASK (task));
  SET_ACTION (s, ACT_AWAIT);
  s->object = task;
  s->flag = !!continue_on_captured_context;
}

void awl_step_await_yield (AwlStep *s) { g_return_if_fail (s); SET_ACTION (s, ACT_YIELD); }

void
awl_step_wait (AwlStep     *s,
               AwlObject   *task,
               AwlWaitKind  kind)
{
  g_return_if_fail (s && AWL_IS_TASK (task));
  SET_ACTION (s, ACT_WAIT);
  s->object = task;
  s->flag = kind;
}

void
awl_step_wait_timeout (AwlStep     *s,
                       AwlObject   *task,
                       AwlWaitKind  kind,
                       AwlTime      timeout)
{
  g_return_if_fail (s && AWL_IS_TASK (task));
  SET_ACTION (s, ACT_WAIT_TIMEOUT);
  s->object = task;
  s->flag = kind;
  s->ns = timeout < 0 ? -1 : timeout;
}

void
awl_step_sleep (AwlStep *s,
                AwlTime  ns)
{
  g_return_if_fail (s);
  SET_ACTION (s, ACT_SLEEP);
  s->ns = MAX (ns, 0);
}

void
awl_step_sync_io (AwlStep    *s,
                  const char *label,
                  AwlTime     ns,
                  AwlObject  *fail)
{
  g_return_if_fail (s);
  SET_ACTION (s, ACT_SYNC_IO);
  s->label = label;
  s->ns = MAX (ns, 0);
  s->object = fail;
}

void
awl_step_lock_enter (AwlStep   *s,
                     AwlObject *obj)
{
  g_return_if_fail (s && obj);
  SET_ACTION (s, ACT_LOCK);
  s->object = obj;
}

void
awl_step_semaphore_wait (AwlStep   *s,
                         AwlObject *semaphore)
{
  g_return_if_fail (s && semaphore && semaphore->type == AWL_OBJECT_SEMAPHORE);
  SET_ACTION (s, ACT_SEM_WAIT);
  s->object = semaphore;
}

void
awl_step_join (AwlStep   *s,
               AwlObject *thread)
{
  g_return_if_fail (s && thread && thread->type == AWL_OBJECT_THREAD);
  SET_ACTION (s, ACT_JOIN);
  s->object = thread;
}

void
awl_step_yield_return (AwlStep  *s,
                       AwlValue  value)
{
  g_return_if_fail (s);
  SET_ACTION (s, ACT_YIELD_RETURN);
  s->ret = value;
}

void
awl_step_context_send (AwlStep  *s,
                       AwlFrame *callee)
{
  g_return_if_fail (s && callee);
  SET_ACTION (s, ACT_SEND);
  s->callee = callee;
}

/* ---------------------------------------------------------------------------------
 * Sim basics, events
 * ------------------------------------------------------------------------------ */

guint
awl_sim_thread_id (AwlThread *thread)
{
  return thread ? thread->parent.id : 0;
}

int
awl_sim_current_line (AwlSim *sim)
{
  return sim->current && sim->current->top ? sim->current->top->line : 0;
}

void
awl_sim_emit (AwlSim       *sim,
              AwlEventKind  kind,
              guint         sub,
              AwlThread    *thread,
              guint         task,
              gint64        a,
              gint64        b,
              gint32        c,
              const char   *text)
{
  GArray *events = awl_trace_events_array (sim->trace);
  AwlEvent e;

  e.time = sim->now;
  e.kind = kind;
  e.sub = sub;
  e.thread = awl_sim_thread_id (thread);
  e.task = task;
  e.line = thread && thread->top ? thread->top->line : 0;
  e.c = c;
  e.a = a;
  e.b = b;
  e.text = text;
  g_array_append_val (events, e);

  if (events->len >= sim->config.limit_events && !sim->finished)
    awl_sim_finish_limit (sim, AWL_LIMIT_EVENTS,
                    awl_sim_intern_printf (sim, "limit: more than %" G_GUINT64_FORMAT " events",
                                           sim->config.limit_events));
}

void
awl_sim_lint (AwlSim      *sim,
              AwlLintKind  kind,
              int          line,
              guint        thread,
              const char  *message)
{
  AwlLint lint;
  gpointer key = GUINT_TO_POINTER (((guint) kind << 24) | ((guint) line & 0xffffff));

  /* One lint of a kind per source line keeps loops from flooding the list. */
  if (g_hash_table_contains (sim->lint_seen, key))
    return;
  g_hash_table_add (sim->lint_seen, key);

  lint.kind = kind;
  lint.time = sim->now;
  lint.line = line;
  lint.thread = thread;
  lint.message = awl_sim_intern (sim, message);
  awl_trace_add_lint (sim->trace, &lint);
  awl_sim_emit (sim, AWL_EVENT_LINT, kind, thread >= 1 && thread <= sim->threads->len
                ? g_ptr_array_index (sim->threads, thread - 1) : NULL,
                0, 0, 0, 0, lint.message);
  /* The LINT event carries the lint's own line. */
  g_array_index (awl_trace_events_array (sim->trace), AwlEvent,
                 awl_trace_events_array (sim->trace)->len - 1).line = line;
}

void
awl_sim_finish (AwlSim         *sim,
                AwlOutcomeKind  kind,
                const char     *summary)
{
  if (sim->finished)
    return;
  sim->finished = TRUE;
  sim->outcome = kind;
  sim->summary = summary;
}

void
awl_sim_finish_limit (AwlSim     *sim,
                      AwlLimit    limit,
                      const char *summary)
{
  if (sim->finished)
    return;
  sim->limit = limit;
  awl_sim_finish (sim, AWL_OUTCOME_LIMIT, summary);
}

void
awl_sim_schedule (AwlSim     *sim,
                  AwlTime     at,
                  AwlEvKind   kind,
                  guint32     gen,
                  gpointer    data,
                  gboolean    foreground)
{
  /* Bit 31 of the kind marks foreground events: they keep a run alive. */
  awl_heap_push (&sim->heap, at, kind | (foreground ? 0x80000000u : 0), gen, data);
  if (foreground)
    sim->n_foreground++;
}

void
awl_sim_track_object (AwlSim   *sim,
                      gpointer  object)
{
  g_ptr_array_add (sim->objects, object);
}

gpointer
awl_sim_alloc_object (AwlSim        *sim,
                      AwlObjectType  type,
                      gsize          size)
{
  AwlObject *o = g_malloc0 (size);

  o->type = type;
  o->id = ++sim->ids[type];
  awl_sim_track_object (sim, o);
  return o;
}

const char *
awl_sim_intern (AwlSim     *sim,
                const char *str)
{
  g_return_val_if_fail (sim != NULL, NULL);
  return str ? awl_trace_intern (sim->trace, str) : NULL;
}

const char *
awl_sim_intern_printf (AwlSim     *sim,
                       const char *format,
                       ...)
{
  g_autofree char *s = NULL;
  va_list args;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  return awl_trace_intern (sim->trace, s);
}

AwlTime          awl_sim_now            (AwlSim *sim) { g_return_val_if_fail (sim, 0); return sim->now; }
GRand           *awl_sim_get_rand       (AwlSim *sim) { g_return_val_if_fail (sim, NULL); return sim->rand; }
AwlFrame        *awl_sim_current_frame  (AwlSim *sim) { g_return_val_if_fail (sim, NULL); return sim->stepping; }
const AwlConfig *awl_sim_get_config     (AwlSim *sim) { g_return_val_if_fail (sim, NULL); return &sim->config; }
guint            awl_sim_processor_count (AwlSim *sim) { g_return_val_if_fail (sim, 1); return sim->config.cores; }
guint            awl_sim_get_min_threads (AwlSim *sim) { g_return_val_if_fail (sim, 0); return sim->min_threads; }

AwlTrace *
awl_sim_get_trace (AwlSim *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);
  return sim->ran ? awl_trace_ref (sim->trace) : NULL;
}

AwlObject *
awl_sim_object_new (AwlSim *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);
  return awl_sim_alloc_object (sim, AWL_OBJECT_PLAIN, sizeof (AwlObject));
}

gpointer
awl_sim_foreign_new (AwlSim                *sim,
                     const AwlForeignClass *klass,
                     gsize                  size)
{
  AwlForeign *f;

  g_return_val_if_fail (sim != NULL && klass != NULL, NULL);
  g_return_val_if_fail (size >= sizeof (AwlForeign), NULL);

  f = awl_sim_alloc_object (sim, AWL_OBJECT_FOREIGN, size);
  f->klass = klass;
  return f;
}

/* ---------------------------------------------------------------------------------
 * Threads and cores
 * ------------------------------------------------------------------------------ */

static void
thread_set_state (AwlSim         *sim,
                  AwlThread      *t,
                  AwlThreadState  state,
                  AwlBlockReason  reason,
                  AwlTask        *task,
                  gint64          object,
                  const char     *detail)
{
  t->state = state;
  t->reason = reason;
  t->blocked_task = task;
  t->blocked_object = object;
  awl_sim_emit (sim, AWL_EVENT_THREAD_STATE, state, t, task ? task->parent.id : 0,
                reason, object, t->core, detail);
}

static AwlThread *
thread_alloc (AwlSim        *sim,
              AwlThreadKind  kind)
{
  AwlThread *t = g_new0 (AwlThread, 1);

  t->parent.type = AWL_OBJECT_THREAD;
  t->managed_id = ++sim->next_managed_id;
  t->kind = kind;
  t->core = -1;
  t->state = AWL_THREAD_STATE_IDLE;
  g_queue_init (&t->base_jobs);
  g_queue_init (&t->local);
  g_queue_init (&t->joiners);
  return t;
}

static void
thread_register (AwlSim     *sim,
                 AwlThread  *t,
                 const char *name)
{
  g_ptr_array_add (sim->threads, t);
  t->parent.id = sim->threads->len;
  t->name = awl_sim_intern (sim, name);
  t->started = TRUE;
  awl_trace_add_thread (sim->trace, t->parent.id, t->kind, t->name, sim->now);
  awl_sim_emit (sim, AWL_EVENT_THREAD_CREATED, t->kind, t, 0, 0, 0, 0, t->name);
  if (sim->threads->len > sim->config.limit_threads)
    awl_sim_finish_limit (sim, AWL_LIMIT_THREADS,
                    awl_sim_intern_printf (sim, "limit: more than %u threads",
                                           sim->config.limit_threads));
}

static AwlThread *
thread_new (AwlSim        *sim,
            AwlThreadKind  kind,
            const char    *name)
{
  AwlThread *t = thread_alloc (sim, kind);

  thread_register (sim, t, name);
  return t;
}

static AwlThread **core_owner_of (AwlSim *sim);

static void
runnable_push (AwlSim    *sim,
               AwlThread *t)
{
  if (!t->runnable_queued)
    {
      t->runnable_queued = TRUE;
      g_queue_push_tail (&sim->runnable, t);
    }
}

/* The thread has something to do now: give it a core or make it wait for one. */
static void
thread_want_core (AwlSim    *sim,
                  AwlThread *t)
{
  if (t->core >= 0)
    {
      runnable_push (sim, t);
      return;
    }
  if (t->state == AWL_THREAD_STATE_READY)
    return;
  if (sim->busy_cores < sim->config.cores)
    {
      AwlThread **owners = core_owner_of (sim);
      guint c = 0;

      while (owners[c] != NULL)
        c++;
      owners[c] = t;
      t->core = c;
      sim->busy_cores++;
      thread_set_state (sim, t, AWL_THREAD_STATE_RUNNING, AWL_BLOCK_NONE, NULL, 0, NULL);
      runnable_push (sim, t);
    }
  else
    {
      thread_set_state (sim, t, AWL_THREAD_STATE_READY, AWL_BLOCK_NONE, NULL, 0, NULL);
      g_queue_push_tail (&sim->ready, t);
    }
}

static void
thread_release_core (AwlSim    *sim,
                     AwlThread *t)
{
  AwlThread **owners = core_owner_of (sim);
  AwlThread *next;
  int c = t->core;

  if (c < 0)
    return;
  owners[c] = NULL;
  t->core = -1;
  sim->busy_cores--;

  next = g_queue_pop_head (&sim->ready);
  if (next != NULL)
    {
      owners[c] = next;
      next->core = c;
      sim->busy_cores++;
      thread_set_state (sim, next, AWL_THREAD_STATE_RUNNING, AWL_BLOCK_NONE, NULL, 0, NULL);
      runnable_push (sim, next);
    }
}

static void
thread_block (AwlSim         *sim,
              AwlThread      *t,
              AwlBlockReason  reason,
              AwlTask        *task,
              gint64          object,
              gpointer        on,
              const char     *detail)
{
  t->blocked_on = on;
  /* Order matters for the trace: first the thread blocks, then its core moves on. */
  {
    int core = t->core;
    t->core = -1;
    thread_set_state (sim, t, AWL_THREAD_STATE_BLOCKED, reason, task, object, detail);
    t->core = core;
  }
  thread_release_core (sim, t);
  if (t->kind == AWL_THREAD_POOL && reason != AWL_BLOCK_START_DELAY)
    awl_sim_lint (sim, AWL_LINT_BLOCKING_POOL_THREAD, t->top ? t->top->line : 0,
                  t->parent.id,
                  awl_sim_intern_printf (sim, "%s blocks a thread-pool thread (%s); the pool "
                                         "must inject threads to keep up",
                                         t->top ? t->top->name : "code",
                                         awl_block_reason_to_string (reason)));
}

void
awl_sim_unblock (AwlSim        *sim,
                 AwlThread     *t,
                 AwlResumeWith  with)
{
  g_assert (t->state == AWL_THREAD_STATE_BLOCKED);

  if (t->is_wait_blocked)
    awl_sim_pool_thread_unblocked (sim, t);
  t->blocked_on = NULL;
  t->gen++;
  if (t->top)
    t->top->rt ? (void) (((AwlFrameRt *) t->top->rt)->resume = with) : (void) 0;
  t->state = AWL_THREAD_STATE_IDLE; /* passes through: want_core emits the real state */
  thread_want_core (sim, t);
}

static void
thread_exit (AwlSim    *sim,
             AwlThread *t)
{
  AwlThread *j;

  t->exited = TRUE;
  thread_release_core (sim, t);
  t->state = AWL_THREAD_STATE_EXITED;
  awl_sim_emit (sim, AWL_EVENT_THREAD_EXITED, 0, t, 0, 0, 0, 0, NULL);
  awl_trace_thread_exited (sim->trace, t->parent.id, sim->now);
  while ((j = g_queue_pop_head (&t->joiners)))
    awl_sim_unblock (sim, j, (AwlResumeWith) { AWL_RESUME_VALUE, awl_value_null (), NULL });
}

static void
thread_go_idle (AwlSim    *sim,
                AwlThread *t)
{
  int core = t->core;

  t->core = -1;
  thread_set_state (sim, t, AWL_THREAD_STATE_IDLE, AWL_BLOCK_NONE, NULL, 0, NULL);
  t->core = core;
  thread_release_core (sim, t);
  if (t->kind == AWL_THREAD_POOL)
    {
      t->idle_since = sim->now;
      t->gen++;
      g_queue_push_tail (&sim->idle, t);
      awl_sim_schedule (sim, sim->now + RETIRE_AFTER, EV_RETIRE, t->gen, t, FALSE);
    }
}

/* ---------------------------------------------------------------------------------
 * Contexts
 * ------------------------------------------------------------------------------ */

AwlContext *
awl_sim_current_context (AwlSim    *sim,
                         AwlThread *thread)
{
  if (thread == NULL)
    return NULL;
  if (thread->kind == AWL_THREAD_UI)
    return sim->ui_context;
  return thread->inside;
}

gboolean
awl_sim_has_sync_context (AwlSim *sim)
{
  g_return_val_if_fail (sim != NULL, FALSE);
  return awl_sim_current_context (sim, sim->current) != NULL;
}

static AwlContext *
context_new (AwlSim         *sim,
             AwlContextKind  kind,
             guint           id)
{
  AwlContext *ctx = g_new0 (AwlContext, 1);

  ctx->kind = kind;
  ctx->id = id;
  g_queue_init (&ctx->pending);
  g_ptr_array_add (sim->contexts, ctx);
  return ctx;
}

/* ---------------------------------------------------------------------------------
 * Work items and the pool
 * ------------------------------------------------------------------------------ */

AwlWorkItem *
awl_work_item_new (AwlSim      *sim,
                   AwlItemKind  kind,
                   const char  *description)
{
  AwlWorkItem *item = g_new0 (AwlWorkItem, 1);

  item->id = ++sim->next_item_id;
  item->kind = kind;
  item->description = description;
  item->role = ROLE_CALLBACK;
  return item;
}

static void
work_item_free (AwlSim      *sim,
                AwlWorkItem *item)
{
  if (item->frame && item->kind == ITEM_FRAME)
    awl_sim_free_frame (sim, item->frame);
  g_free (item);
}

static void
emit_queue (AwlSim      *sim,
            AwlWorkItem *item)
{
  awl_sim_emit (sim, AWL_EVENT_QUEUE, item->queue, sim->current,
                item->task ? item->task->parent.id : 0,
                item->queue_owner ? item->queue_owner->parent.id
                : (item->queue == AWL_QUEUE_REQUEST && item->context ? item->context->id : 0),
                item->id, 0, item->description);
}

void
awl_sim_queue_item (AwlSim      *sim,
                    AwlWorkItem *item,
                    gboolean     prefer_local)
{
  AwlThread *t = sim->current;

  item->enqueued = sim->now;
  if (prefer_local && t != NULL && t->kind == AWL_THREAD_POOL && !t->exited)
    {
      item->queue = AWL_QUEUE_LOCAL;
      item->queue_owner = t;
      g_queue_push_tail (&t->local, item);
      item->link = t->local.tail;
    }
  else
    {
      item->queue = AWL_QUEUE_GLOBAL;
      item->queue_owner = NULL;
      g_queue_push_tail (&sim->global, item);
      item->link = sim->global.tail;
    }
  sim->pending_items++;
  emit_queue (sim, item);
  pool_wake (sim);
  schedule_hill (sim);
}

static void
ui_enqueue (AwlSim      *sim,
            AwlWorkItem *item)
{
  item->queue = AWL_QUEUE_UI;
  item->queue_owner = sim->ui_thread;
  item->enqueued = sim->now;
  g_queue_push_tail (&sim->ui_queue, item);
  emit_queue (sim, item);
  if (sim->ui_thread->state == AWL_THREAD_STATE_IDLE && sim->ui_thread->top == NULL
      && sim->ui_thread->item == NULL)
    thread_want_core (sim, sim->ui_thread);
}

void
awl_sim_post (AwlSim      *sim,
              AwlContext  *ctx,
              AwlWorkItem *item)
{
  if (ctx == NULL)
    {
      awl_sim_queue_item (sim, item, FALSE);
      return;
    }
  if (ctx->kind == AWL_CONTEXT_UI)
    {
      ui_enqueue (sim, item);
      return;
    }

  /* Classic ASP.NET: one at a time; the next item enters the pool only when the
   * context is free. */
  item->context = ctx;
  if (ctx->holder == NULL && ctx->in_pool == NULL && g_queue_is_empty (&ctx->pending))
    {
      ctx->in_pool = item;
      awl_sim_queue_item (sim, item, FALSE);
    }
  else
    {
      item->queue = AWL_QUEUE_REQUEST;
      item->queue_owner = NULL;
      item->enqueued = sim->now;
      g_queue_push_tail (&ctx->pending, item);
      emit_queue (sim, item);
    }
}

static void
context_release_next (AwlSim     *sim,
                      AwlContext *ctx)
{
  AwlWorkItem *next;

  if (ctx->holder != NULL || ctx->in_pool != NULL)
    return;
  next = g_queue_pop_head (&ctx->pending);
  if (next == NULL)
    return;
  awl_sim_emit (sim, AWL_EVENT_DEQUEUE, AWL_QUEUE_REQUEST, NULL, 0, ctx->id, next->id, 0, NULL);
  ctx->in_pool = next;
  awl_sim_queue_item (sim, next, FALSE);
}

static AwlThread **
core_owner_of (AwlSim *sim)
{
  return sim->core_owner;
}

static AwlThread *
pool_thread_new (AwlSim *sim)
{
  g_autofree char *name = g_strdup_printf ("Pool-%u", ++sim->pool_names);
  AwlThread *t = thread_new (sim, AWL_THREAD_POOL, name);

  sim->pool_count++;
  sim->pool_peak = MAX (sim->pool_peak, sim->pool_count);
  return t;
}

static void
emit_goal (AwlSim        *sim,
           AwlPoolReason  reason)
{
  awl_sim_emit (sim, AWL_EVENT_POOL_GOAL, reason, NULL, 0, sim->goal, sim->pool_count, 0, NULL);
}

static void
pool_wake (AwlSim *sim)
{
  AwlThread *w;

  if (sim->pending_items == 0)
    return;
  w = g_queue_pop_tail (&sim->idle);
  if (w != NULL)
    {
      w->gen++;
      thread_want_core (sim, w);
      return;
    }
  if (sim->pool_count < sim->goal && sim->pool_count < sim->config.max_threads)
    {
      w = pool_thread_new (sim);
      thread_want_core (sim, w);
      return;
    }
  schedule_gate (sim);
}

static void
schedule_gate (AwlSim *sim)
{
  AwlTime at;

  if (sim->gate_pending || sim->pending_items == 0
      || sim->pool_count >= sim->config.max_threads)
    return;
  /* The gate thread ticks every 500 ms from process start. */
  at = (sim->now / GATE_PERIOD + 1) * GATE_PERIOD;
  sim->gate_pending = TRUE;
  awl_sim_schedule (sim, at, EV_GATE, 0, NULL, TRUE);
}

static void
on_gate (AwlSim *sim)
{
  sim->gate_pending = FALSE;
  if (sim->pending_items == 0)
    return;
  /* Starvation: work is queued and nothing was dequeued for a whole period, and the
   * CPU is not saturated (< 80 % busy). Exactly one thread is added. */
  if (sim->now - sim->last_dequeue >= GATE_PERIOD
      && sim->busy_cores * 10 < sim->config.cores * 8
      && sim->pool_count < sim->config.max_threads)
    {
      AwlThread *w;

      sim->goal = MAX (sim->goal, sim->pool_count) + 1;
      sim->starvation_injections++;
      emit_goal (sim, AWL_POOL_STARVATION);
      w = pool_thread_new (sim);
      thread_want_core (sim, w);
    }
  schedule_gate (sim);
}

static AwlTime
blocking_delay (AwlSim *sim)
{
  guint no_delay = sim->min_threads + sim->config.cores;
  guint steps = sim->goal > no_delay ? (sim->goal - no_delay) / sim->config.cores : 0;

  return MIN ((1 + steps) * AWL_MS (25), AWL_MS (250));
}

static guint
blocking_target (AwlSim *sim)
{
  guint base = sim->goal - sim->added_for_blocking;

  return MIN (base + sim->blocked_in_waits, sim->config.max_threads);
}

static void
blocking_adjust (AwlSim *sim)
{
  guint target = blocking_target (sim);
  guint no_delay = sim->min_threads + sim->config.cores;

  while (sim->goal < target && sim->goal < no_delay)
    {
      sim->goal++;
      sim->added_for_blocking++;
      emit_goal (sim, AWL_POOL_BLOCKING);
      pool_wake (sim);
    }
  if (sim->goal < target && !sim->inject_pending)
    {
      sim->inject_pending = TRUE;
      awl_sim_schedule (sim, sim->now + blocking_delay (sim), EV_INJECT, 0, NULL, TRUE);
    }
}

void
awl_sim_pool_thread_blocked (AwlSim    *sim,
                             AwlThread *t)
{
  t->is_wait_blocked = TRUE;
  sim->blocked_in_waits++;
  if (sim->config.profile == AWL_PROFILE_NET8)
    blocking_adjust (sim);
}

void
awl_sim_pool_thread_unblocked (AwlSim    *sim,
                               AwlThread *t)
{
  t->is_wait_blocked = FALSE;
  sim->blocked_in_waits--;
  if (sim->added_for_blocking > sim->blocked_in_waits)
    {
      sim->added_for_blocking--;
      sim->goal--;
      emit_goal (sim, AWL_POOL_UNBLOCKED);
    }
}

static void
on_inject (AwlSim *sim)
{
  sim->inject_pending = FALSE;
  if (sim->goal < blocking_target (sim))
    {
      sim->goal++;
      sim->added_for_blocking++;
      emit_goal (sim, AWL_POOL_BLOCKING);
      pool_wake (sim);
    }
  if (sim->goal < blocking_target (sim) && !sim->inject_pending)
    {
      sim->inject_pending = TRUE;
      awl_sim_schedule (sim, sim->now + blocking_delay (sim), EV_INJECT, 0, NULL, TRUE);
    }
}

static void
on_retire (AwlSim    *sim,
           AwlThread *t)
{
  if (t->exited || t->state != AWL_THREAD_STATE_IDLE || sim->pool_count <= sim->min_threads)
    return;
  g_queue_remove (&sim->idle, t);
  sim->pool_count--;
  if (sim->goal > MAX (sim->min_threads, sim->pool_count))
    sim->goal--;
  thread_exit (sim, t);
  emit_goal (sim, AWL_POOL_RETIRE);
}

/* Simplified hill climbing (see docs/architecture.md). A sample is taken at every
 * multiple of HILL_PERIOD while pool work is queued: the throughput is the number of work
 * items pool threads finished since the previous sample, per second. With work queued:
 *  - no completion at all, a pool thread blocked, or a blocking-compensation injection
 *    pending → quiet (a stalled or blocked pool is the job of starvation injection and
 *    blocking compensation, which the lessons show);
 *  - no baseline yet, or the last change was none → probe one thread up, but only when a
 *    core is idle (with every core busy another thread cannot add throughput);
 *  - the last change raised throughput by > 10 % → one more step the same way;
 *  - it lowered throughput by > 10 % → one step back;
 *  - flat after a step up → step back down (the thread did not help), else stay.
 * With nothing queued the goal steps back toward the minimum (never below it, never
 * below the threads added for blocking, never below the threads that exist). */
static void
schedule_hill (AwlSim *sim)
{
  if (sim->hill_pending || sim->pending_items == 0)
    return;
  sim->hill_pending = TRUE;
  awl_sim_schedule (sim, (sim->now / HILL_PERIOD + 1) * HILL_PERIOD, EV_HILL, 0, NULL, FALSE);
}

static gboolean
hill_retreat (AwlSim *sim)
{
  guint floor = MAX (sim->min_threads + sim->added_for_blocking, sim->pool_count);

  if (sim->goal <= floor || sim->blocked_in_waits > 0)
    return FALSE;
  sim->goal--;
  emit_goal (sim, AWL_POOL_HILL_CLIMBING);
  return TRUE;
}

static int
hill_decide (AwlSim *sim,
             double  rate)
{
  gboolean core_idle = sim->busy_cores < sim->config.cores;

  if (sim->hill_last_rate < 0 || sim->hill_last_move == 0)
    return core_idle && sim->hill_last_rate < 0 ? 1 : 0;
  if (rate > sim->hill_last_rate * 1.1)
    return sim->hill_last_move > 0 && !core_idle ? 0 : sim->hill_last_move;
  if (rate < sim->hill_last_rate * 0.9)
    return -sim->hill_last_move;
  return sim->hill_last_move > 0 ? -1 : 0;
}

/* A pool thread is blocked (any reason): the pool is limited by blocking, not by the
 * thread count hill climbing tunes. */
static gboolean
pool_has_blocked (AwlSim *sim)
{
  for (guint i = 0; i < sim->threads->len; i++)
    {
      AwlThread *t = g_ptr_array_index (sim->threads, i);

      if (t->kind == AWL_THREAD_POOL && !t->exited && t->state == AWL_THREAD_STATE_BLOCKED)
        return TRUE;
    }
  return FALSE;
}

static void
on_hill (AwlSim *sim)
{
  AwlTime dt = sim->now - sim->hill_last_time;
  guint64 done = sim->pool_done - sim->hill_last_done;
  double rate = dt > 0 ? (double) done * 1e9 / (double) dt : 0;
  int move = 0;

  sim->hill_pending = FALSE;
  sim->hill_last_time = sim->now;
  sim->hill_last_done = sim->pool_done;

  if (sim->pending_items == 0 || done == 0 || sim->inject_pending || pool_has_blocked (sim))
    {
      /* Nothing queued (the goal may relax); or the pool stalled, or threads are blocked
       * (starvation injection and blocking compensation govern that — .NET also skips
       * hill climbing while a blocking adjustment is pending). */
      if (sim->pending_items == 0 && hill_retreat (sim))
        {
          sim->hill_pending = TRUE;
          awl_sim_schedule (sim, sim->now + HILL_PERIOD, EV_HILL, 0, NULL, FALSE);
        }
      sim->hill_last_rate = -1;
      sim->hill_last_move = 0;
      schedule_hill (sim);
      return;
    }

  move = hill_decide (sim, rate);
  if (move > 0)
    {
      if (sim->goal < sim->config.max_threads)
        {
          sim->goal++;
          emit_goal (sim, AWL_POOL_HILL_CLIMBING);
          pool_wake (sim);
        }
      else
        move = 0;
    }
  else if (move < 0 && !hill_retreat (sim))
    move = 0;
  sim->hill_last_rate = rate;
  sim->hill_last_move = move;
  schedule_hill (sim);
}

static AwlWorkItem *
pool_find_work (AwlSim    *sim,
                AwlThread *t,
                gint32    *how)
{
  AwlWorkItem *item;

  *how = 0;
  item = g_queue_pop_tail (&t->local);
  if (item == NULL)
    item = g_queue_pop_head (&sim->global);
  if (item == NULL)
    {
      guint n = sim->threads->len;

      /* Steal the oldest item of another worker, scanning from the next thread id. */
      for (guint k = 1; k <= n && item == NULL; k++)
        {
          AwlThread *v = g_ptr_array_index (sim->threads, (t->parent.id - 1 + k) % n);

          if (v != t && v->kind == AWL_THREAD_POOL && !g_queue_is_empty (&v->local))
            {
              item = g_queue_pop_head (&v->local);
              *how = 1;
            }
        }
    }
  if (item != NULL)
    {
      sim->pending_items--;
      sim->last_dequeue = sim->now;
      sim->worst_wait = MAX (sim->worst_wait, sim->now - item->enqueued);
      item->link = NULL;
    }
  return item;
}

/* ---------------------------------------------------------------------------------
 * Frames on threads
 * ------------------------------------------------------------------------------ */

static void
push_frame (AwlSim      *sim,
            AwlThread   *t,
            AwlFrame    *f,
            AwlDelivery  delivery,
            gboolean     emit_push)
{
  AwlFrameRt *rt = awl_frame_rt (sim, f);

  rt->delivery = delivery;
  f->below = t->top;
  t->top = f;
  /* Endless recursion: .NET throws a StackOverflowException that nothing can catch
   * and the process ends. Here the run ends, naming the budget. */
  if (++t->depth > sim->config.limit_call_depth)
    awl_sim_finish_limit (sim, AWL_LIMIT_CALL_DEPTH,
                          awl_sim_intern_printf (sim, "limit: more than %u nested calls on %s "
                                                 "(StackOverflowException: .NET ends the process)",
                                                 sim->config.limit_call_depth,
                                                 t->name ? t->name : "a thread"));
  if (emit_push && !(f->flags & AWL_FRAME_HIDDEN))
    awl_sim_emit (sim, AWL_EVENT_FRAME_PUSH, f->flags, t, rt->task ? rt->task->parent.id : 0,
                  f->id, f->below ? f->below->id : 0, 0, awl_sim_intern (sim, f->name));
}

static void
pop_frame (AwlSim    *sim,
           AwlThread *t,
           AwlFrame  *f,
           guint      how)
{
  g_assert (t->top == f);
  if (!(f->flags & AWL_FRAME_HIDDEN))
    awl_sim_emit (sim, AWL_EVENT_FRAME_POP, how, t, 0, f->id, 0, 0, NULL);
  t->top = f->below;
  f->below = NULL;
  t->depth--;
}

static void
set_resume (AwlFrame      *f,
            AwlResumeWith  with)
{
  if (f != NULL)
    ((AwlFrameRt *) f->rt)->resume = with;
}

static AwlResumeWith
resume_value (AwlValue v)
{
  return (AwlResumeWith) { AWL_RESUME_VALUE, v, NULL };
}

static AwlResumeWith
resume_exception (AwlObject *e)
{
  return (AwlResumeWith) { AWL_RESUME_EXCEPTION, awl_value_null (), e };
}

void
awl_sim_push_job (AwlSim    *sim,
                  AwlThread *t,
                  AwlJob    *job)
{
  if (t->top != NULL)
    g_queue_push_tail (&((AwlFrameRt *) t->top->rt)->jobs, job);
  else
    g_queue_push_tail (&t->base_jobs, job);
}

static void
start_job (AwlSim    *sim,
           AwlThread *t,
           AwlJob    *job)
{
  AwlFrame *f = job->frame;
  AwlFrameRt *rt = awl_frame_rt (sim, f);

  if (job->is_resume)
    {
      push_frame (sim, t, f, DELIVER_NONE, FALSE);
      rt->suspended = FALSE;
      rt->awaiting = NULL;
      awl_sim_emit (sim, AWL_EVENT_RESUME, job->how, t, job->awaited ? job->awaited->parent.id : 0,
                    f->id, job->flow, f->state, awl_sim_intern (sim, f->name));
    }
  else
    {
      rt->role = job->role;
      push_frame (sim, t, f, DELIVER_NONE, TRUE);
    }
  rt->resume = job->resume;
  g_free (job);
}

void
awl_sim_crash (AwlSim    *sim,
               AwlObject *exception,
               AwlThread *thread)
{
  if (sim->finished)
    return;
  sim->crash = exception;
  sim->crash_thread = awl_sim_thread_id (thread);
  sim->crash_line = awl_exception_get_line (exception);
  awl_sim_emit (sim, AWL_EVENT_EXCEPTION, 1, thread, 0, exception->id, 0, 0,
                awl_sim_intern_printf (sim, "%s: %s", awl_exception_get_type_name (exception),
                                       awl_exception_get_message (exception)));
  awl_sim_finish (sim, AWL_OUTCOME_CRASHED,
                  awl_sim_intern_printf (sim, "Unhandled exception. %s: %s",
                                         awl_exception_get_type_name (exception),
                                         awl_exception_get_message (exception)));
}

static void
crash_item (AwlSim    *sim,
            AwlThread *t,
            gpointer   data)
{
  awl_sim_crash (sim, data, t);
}

static void request_end (AwlSim *sim, guint index, gboolean failed);

/* A frame returned or threw: settle its task, hand the result to whoever waits for it,
 * free it. */
static void
frame_finish (AwlSim     *sim,
              AwlThread  *t,
              AwlFrame   *f,
              AwlValue    value,
              AwlObject  *exception)
{
  AwlFrameRt *rt = f->rt;
  AwlDelivery delivery = rt->delivery;
  AwlResumeWith to_caller;
  gboolean free_it = TRUE;

  if (exception)
    awl_sim_exception_set_line (sim, exception, f->line);
  pop_frame (sim, t, f, exception ? 1 : 0);

  to_caller = exception ? resume_exception (exception) : resume_value (value);

  switch (rt->role)
    {
    case ROLE_ASYNC:
      if (rt->task != NULL)
        {
          AwlTask *task = rt->task;

          task->frame = NULL;
          if (!rt->ever_awaited && !(f->flags & AWL_FRAME_HIDDEN))
            awl_sim_lint (sim, AWL_LINT_ASYNC_WITHOUT_AWAIT, f->line, awl_sim_thread_id (t),
                          awl_sim_intern_printf (sim, "async method %s completed without awaiting "
                                                 "anything: it ran synchronously", f->name));
          if (exception && awl_exception_is_cancellation (exception))
            awl_task_complete (sim, task, AWL_TASK_CANCELED, awl_value_null (), exception);
          else if (exception)
            awl_task_complete (sim, task, AWL_TASK_FAULTED, awl_value_null (), exception);
          else
            awl_task_complete (sim, task, AWL_TASK_RAN_TO_COMPLETION, value, NULL);
          to_caller = resume_value (awl_value_object (task));
        }
      else
        {
          if (exception)
            {
              /* async void: the exception goes to the captured context, or to the pool,
               * where nothing catches it. */
              AwlWorkItem *item = awl_work_item_new (sim, ITEM_CALLBACK,
                                                     awl_sim_intern (sim, "rethrow async void exception"));

              item->func = crash_item;
              item->func_data = exception;
              awl_sim_emit (sim, AWL_EVENT_EXCEPTION, 2, t, 0, exception->id, 0, 0,
                            awl_sim_intern_printf (sim, "%s: %s",
                                                   awl_exception_get_type_name (exception),
                                                   awl_exception_get_message (exception)));
              awl_sim_post (sim, rt->captured, item);
            }
          to_caller = resume_value (awl_value_null ());
        }
      break;

    case ROLE_ITERATOR:
      awl_enumerator_finished (sim, rt->enumerator, rt, exception, value);
      free_it = FALSE;
      break;

    case ROLE_TASK_BODY:
      if (exception)
        awl_task_complete (sim, rt->task, AWL_TASK_FAULTED, awl_value_null (), exception);
      else
        awl_task_complete (sim, rt->task, AWL_TASK_RAN_TO_COMPLETION, value, NULL);
      break;

    case ROLE_CTS_CALLBACK:
      if (exception && rt->cancel_batch != NULL
          && awl_cancel_batch_add (sim, rt->cancel_batch, exception))
        break;
      G_GNUC_FALLTHROUGH;
    case ROLE_CALLBACK:
    case ROLE_THREAD:
      if (exception && delivery != DELIVER_CALL)
        awl_sim_crash (sim, exception, t);
      break;

    case ROLE_WRAPPER:
      if (rt->request)
        request_end (sim, rt->request - 1, exception != NULL);
      else if (t == sim->main_thread)
        {
          if (exception)
            awl_sim_crash (sim, exception, t);
          else
            awl_sim_finish (sim, AWL_OUTCOME_COMPLETED, awl_sim_intern (sim, "completed"));
        }
      else if (exception)
        awl_sim_crash (sim, exception, t);
      else
        sim->entry_done = TRUE;
      break;

    case ROLE_CALLEE:
    default:
      break;
    }

  if (delivery == DELIVER_CALL)
    {
      if (rt->role != ROLE_ASYNC || rt->first_run)
        set_resume (t->top, to_caller);
    }
  if (free_it)
    awl_sim_free_frame (sim, f);
}

/* An async frame leaves the stack at an incomplete await (or a yield). */
static void
frame_suspend (AwlSim    *sim,
               AwlThread *t,
               AwlFrame  *f)
{
  AwlFrameRt *rt = f->rt;

  pop_frame (sim, t, f, 2);
  rt->suspended = TRUE;
  if (rt->delivery == DELIVER_CALL && rt->first_run)
    set_resume (t->top, resume_value (awl_value_object (rt->task)));
  rt->delivery = DELIVER_NONE;
  rt->first_run = FALSE;
}

void
awl_sim_block_semaphore (AwlSim       *sim,
                         AwlThread    *t,
                         AwlSemaphore *sem)
{
  thread_block (sim, t, AWL_BLOCK_SEMAPHORE, NULL, sem->parent.id, sem,
                awl_sim_intern_printf (sim, "SemaphoreSlim %u", sem->parent.id));
}

/* An iterator frame leaves the stack at a yield return. */
void
awl_sim_pop_suspended (AwlSim    *sim,
                       AwlThread *t,
                       AwlFrame  *f)
{
  AwlFrameRt *rt = f->rt;

  pop_frame (sim, t, f, 2);
  rt->suspended = TRUE;
  rt->delivery = DELIVER_NONE;
}

/* ---------------------------------------------------------------------------------
 * Actions
 * ------------------------------------------------------------------------------ */

static void
schedule_slice (AwlSim    *sim,
                AwlThread *t)
{
  t->slice = MIN (t->cpu_remaining, sim->config.quantum);
  t->gen++;
  awl_sim_schedule (sim, sim->now + t->slice, EV_SLICE, t->gen, t, TRUE);
}

static gboolean
do_await (AwlSim    *sim,
          AwlThread *t,
          AwlFrame  *f,
          AwlTask   *task,
          gboolean   coc)
{
  AwlFrameRt *rt = f->rt;
  AwlContext *ctx;
  AwlCont *cont;

  if (!(f->flags & (AWL_FRAME_ASYNC | AWL_FRAME_ASYNC_ITERATOR)))
    {
      rt->resume = resume_exception (awl_sim_exception_new (sim, "InvalidOperationException",
                                     "The 'await' operator can only be used within an async method."));
      return TRUE;
    }
  rt->ever_awaited = TRUE;
  if (awl_task_is_completed (&task->parent))
    {
      awl_sim_emit (sim, AWL_EVENT_AWAIT, 1, t, task->parent.id, f->id, 0, f->state,
                    awl_sim_task_label (sim, task));
      rt->resume = awl_task_resume_with (sim, task, AWL_WAIT_GET_RESULT);
      return TRUE;
    }

  ctx = coc ? awl_sim_current_context (sim, t) : NULL;
  awl_sim_emit (sim, AWL_EVENT_AWAIT, 0, t, task->parent.id, f->id,
                ctx ? ctx->kind : AWL_CONTEXT_NONE, f->state, awl_sim_task_label (sim, task));
  rt->awaiting = task;
  frame_suspend (sim, t, f);

  cont = g_new0 (AwlCont, 1);
  cont->kind = CONT_AWAIT;
  cont->frame = f;
  cont->context = ctx;
  awl_task_add_cont (sim, task, cont);
  return TRUE;
}

static gboolean
do_yield (AwlSim    *sim,
          AwlThread *t,
          AwlFrame  *f)
{
  AwlFrameRt *rt = f->rt;
  AwlContext *ctx = awl_sim_current_context (sim, t);
  AwlWorkItem *item;

  if (!(f->flags & (AWL_FRAME_ASYNC | AWL_FRAME_ASYNC_ITERATOR)))
    {
      rt->resume = resume_exception (awl_sim_exception_new (sim, "InvalidOperationException",
                                     "The 'await' operator can only be used within an async method."));
      return TRUE;
    }
  rt->ever_awaited = TRUE;
  awl_sim_emit (sim, AWL_EVENT_AWAIT, 0, t, 0, f->id, ctx ? ctx->kind : AWL_CONTEXT_NONE,
                f->state, awl_sim_intern (sim, "Task.Yield()"));
  frame_suspend (sim, t, f);

  /* Task.Yield posts to the context, else queues to the pool's global queue. */
  item = awl_work_item_new (sim, ITEM_RESUME, awl_sim_intern_printf (sim, "resume %s", f->name));
  item->frame = f;
  item->resume = resume_value (awl_value_null ());
  item->flow = ++sim->next_flow_id;
  item->how = ctx ? AWL_CONT_POSTED : AWL_CONT_QUEUED_GLOBAL;
  awl_sim_emit (sim, AWL_EVENT_CONTINUATION, item->how, t, 0, f->id, item->flow, 0, NULL);
  awl_sim_post (sim, ctx, item);
  return TRUE;
}

/* What a waiter resumes with when @task completed: the result or exception as
 * awl_task_resume_with(); a timed wait (Wait(ms)) gets true instead of a value. */
AwlResumeWith
awl_sim_waiter_resume (AwlSim  *sim,
                       AwlTask *task,
                       int      waiter_data)
{
  AwlResumeWith r = awl_task_resume_with (sim, task, AWL_WAITER_KIND (waiter_data));

  if ((waiter_data & AWL_WAITER_TIMED) && r.resume == AWL_RESUME_VALUE)
    r.value = awl_value_bool (TRUE);
  return r;
}

/* The timeout of a timed wait expired before the task completed: the waiter leaves the
 * task's continuation list and resumes with false. */
static void
on_wait_timeout (AwlSim    *sim,
                 AwlThread *t)
{
  AwlTask *task = t->blocked_task;
  AwlCont **link;

  g_assert (t->state == AWL_THREAD_STATE_BLOCKED && task != NULL);
  for (link = &task->conts; *link != NULL; link = &(*link)->next)
    if ((*link)->kind == CONT_WAITER && (*link)->thread == t)
      {
        AwlCont *c = *link;

        *link = c->next;
        if (task->conts_tail == c)
          {
            task->conts_tail = NULL;
            for (AwlCont *k = task->conts; k != NULL; k = k->next)
              task->conts_tail = k;
          }
        g_free (c);
        break;
      }
  awl_sim_unblock (sim, t, (AwlResumeWith) { AWL_RESUME_VALUE, awl_value_bool (FALSE), NULL });
}

static gboolean
do_wait (AwlSim      *sim,
         AwlThread   *t,
         AwlFrame    *f,
         AwlTask     *task,
         AwlWaitKind  kind,
         gboolean     timed,
         AwlTime      timeout,
         AwlStep     *s)
{
  AwlFrameRt *rt = f->rt;
  static const char * const how[] = { ".Result", ".Wait()", ".GetAwaiter().GetResult()" };
  int data = kind | (timed ? AWL_WAITER_TIMED : 0) | (timeout >= 0 ? AWL_WAITER_TIMER : 0);
  AwlCont *cont;

  if (awl_task_is_completed (&task->parent))
    {
      rt->resume = awl_sim_waiter_resume (sim, task, data);
      return TRUE;
    }
  if (timed && timeout == 0)
    {
      rt->resume = (AwlResumeWith) { AWL_RESUME_VALUE, awl_value_bool (FALSE), NULL };
      return TRUE;
    }

  /* Inline a not-yet-started task sitting in this thread's local queue (.NET does this
   * only for an infinite wait). */
  if (timeout < 0 &&
      task->item != NULL && task->item->queue == AWL_QUEUE_LOCAL && task->item->queue_owner == t)
    {
      AwlWorkItem *item = task->item;
      AwlJob *job = g_new0 (AwlJob, 1);

      g_queue_delete_link (&t->local, item->link);
      sim->pending_items--;
      awl_sim_emit (sim, AWL_EVENT_DEQUEUE, AWL_QUEUE_LOCAL, t, task->parent.id, t->parent.id,
                    item->id, 2, NULL);
      task->item = NULL;
      task->status = AWL_TASK_RUNNING;
      awl_sim_emit_task_status (sim, task);
      job->frame = item->frame;
      job->role = ROLE_TASK_BODY;
      job->resume = (AwlResumeWith) { AWL_RESUME_START, awl_value_null (), NULL };
      awl_frame_rt (sim, item->frame)->task = task;
      ((AwlFrameRt *) item->frame->rt)->in_task_run = TRUE;
      item->frame = NULL;
      g_free (item);
      g_queue_push_tail (&rt->jobs, job);
      /* Wait again once the inlined body has run. */
      rt->deferred = *s;
      rt->has_deferred = TRUE;
      return TRUE;
    }

  if (!(f->flags & AWL_FRAME_HIDDEN))
    awl_sim_lint (sim, AWL_LINT_SYNC_OVER_ASYNC, f->line, t->parent.id,
                  awl_sim_intern_printf (sim, "%s blocks thread %s in %s on %s: sync over async",
                                         f->name, t->name, how[kind],
                                         awl_sim_task_label (sim, task)));
  cont = g_new0 (AwlCont, 1);
  cont->kind = CONT_WAITER;
  cont->thread = t;
  cont->data = GINT_TO_POINTER (data);
  awl_task_add_cont (sim, task, cont);
  thread_block (sim, t, AWL_BLOCK_TASK_WAIT, task, 0, task,
                timeout >= 0 ? awl_sim_intern_printf (sim, ".Wait(%g ms)", AWL_TO_MS (timeout))
                             : awl_sim_intern (sim, how[kind]));
  if (t->kind == AWL_THREAD_POOL)
    awl_sim_pool_thread_blocked (sim, t);
  /* Stale (and no longer counted as foreground) once the task wakes the thread. */
  if (timeout >= 0)
    awl_sim_schedule (sim, sim->now + timeout, EV_WAIT_TIMEOUT, t->gen, t, TRUE);
  return FALSE;
}

static void
lint_task_run_io (AwlSim    *sim,
                  AwlThread *t,
                  AwlFrame  *f,
                  const char *label)
{
  for (AwlFrame *g = f; g != NULL; g = g->below)
    {
      AwlFrameRt *grt = g->rt;

      if (grt && grt->in_task_run)
        {
          awl_sim_lint (sim, AWL_LINT_TASK_RUN_IO, f->line, t->parent.id,
                        awl_sim_intern_printf (sim, "Task.Run wraps I/O (%s): it occupies a pool "
                                               "thread for work that needs none", label));
          return;
        }
    }
}

static AwlLockState *
lock_state (AwlSim    *sim,
            AwlObject *obj)
{
  AwlLockState *ls = g_hash_table_lookup (sim->locks, obj);

  if (ls == NULL)
    {
      ls = g_new0 (AwlLockState, 1);
      ls->object = obj;
      g_queue_init (&ls->waiters);
      g_hash_table_insert (sim->locks, obj, ls);
    }
  return ls;
}

static gboolean
do_lock (AwlSim    *sim,
         AwlThread *t,
         AwlObject *obj)
{
  AwlLockState *ls = lock_state (sim, obj);

  if (ls->owner == NULL || ls->owner == t)
    {
      ls->owner = t;
      awl_sim_emit (sim, AWL_EVENT_LOCK, ls->recursion == 0 ? 0 : 3, t, 0, obj->id, 0,
                    (gint32) ls->recursion + 1, NULL);
      ls->recursion++;
      return TRUE;
    }
  awl_sim_emit (sim, AWL_EVENT_LOCK, 2, t, 0, obj->id, ls->owner->parent.id, 0, NULL);
  g_queue_push_tail (&ls->waiters, t);
  thread_block (sim, t, AWL_BLOCK_LOCK, NULL, obj->id, ls,
                awl_sim_intern_printf (sim, "lock held by %s", ls->owner->name));
  return FALSE;
}

gboolean
awl_sim_lock_exit (AwlSim     *sim,
                   AwlObject  *obj,
                   AwlObject **error)
{
  AwlLockState *ls;
  AwlThread *t = sim->current;
  AwlThread *next;

  g_return_val_if_fail (sim != NULL && obj != NULL, FALSE);

  ls = g_hash_table_lookup (sim->locks, obj);
  if (ls == NULL || ls->owner != t || t == NULL)
    {
      if (error)
        *error = awl_sim_exception_new (sim, "SynchronizationLockException",
                                        "Object synchronization method was called from an "
                                        "unsynchronized block of code.");
      return FALSE;
    }
  if (--ls->recursion > 0)
    {
      awl_sim_emit (sim, AWL_EVENT_LOCK, 4, t, 0, obj->id, 0, (gint32) ls->recursion, NULL);
      return TRUE;
    }
  ls->owner = NULL;
  awl_sim_emit (sim, AWL_EVENT_LOCK, 1, t, 0, obj->id, 0, 0, NULL);
  next = g_queue_pop_head (&ls->waiters);
  if (next != NULL)
    {
      ls->owner = next;
      ls->recursion = 1;
      awl_sim_emit (sim, AWL_EVENT_LOCK, 0, next, 0, obj->id, 0, 1, NULL);
      awl_sim_unblock (sim, next, resume_value (awl_value_null ()));
    }
  return TRUE;
}

static gboolean
do_send (AwlSim    *sim,
         AwlThread *t,
         AwlFrame  *f,
         AwlFrame  *callee)
{
  AwlWorkItem *item;

  if (sim->ui_context == NULL || t == sim->ui_thread)
    {
      awl_frame_rt (sim, callee)->role = ROLE_CALLBACK;
      push_frame (sim, t, callee, DELIVER_CALL, TRUE);
      return TRUE;
    }
  item = awl_work_item_new (sim, ITEM_FRAME, awl_sim_intern_printf (sim, "Send %s", callee->name));
  item->frame = callee;
  item->sender = t;
  ui_enqueue (sim, item);
  thread_block (sim, t, AWL_BLOCK_SEND, NULL, 0, NULL, awl_sim_intern (sim, "Send to the UI thread"));
  return FALSE;
}


static void
block_with_wake (AwlSim        *sim,
                 AwlThread     *t,
                 AwlBlockReason reason,
                 AwlTime        ns,
                 AwlResumeWith  wake,
                 const char    *detail)
{
  thread_block (sim, t, reason, NULL, 0, NULL, detail);
  t->wake = wake;
  awl_sim_schedule (sim, sim->now + ns, EV_WAKE, t->gen, t, TRUE);
}

/* Performs @s for frame @f on thread @t. FALSE when the thread stops executing now
 * (it burns CPU, blocked or gave its core away). */
static gboolean
perform (AwlSim    *sim,
         AwlThread *t,
         AwlFrame  *f,
         AwlStep   *s)
{
  AwlFrameRt *rt = f->rt;

  rt->resume = resume_value (awl_value_null ());
  switch ((AwlAction) s->action)
    {
    case ACT_CONTINUE:
      return TRUE;

    case ACT_CPU:
      if (s->ns == 0)
        return TRUE;
      awl_sim_emit (sim, AWL_EVENT_CPU, 0, t, 0, s->ns, 0, 0, NULL);
      t->cpu_remaining = s->ns;
      schedule_slice (sim, t);
      return FALSE;

    case ACT_CALL:
      return awl_sim_do_call (sim, t, f, s->callee);

    case ACT_RETURN:
      frame_finish (sim, t, f, s->ret, NULL);
      return TRUE;

    case ACT_THROW:
      frame_finish (sim, t, f, awl_value_null (), s->object);
      return TRUE;

    case ACT_AWAIT:
      return do_await (sim, t, f, (AwlTask *) s->object, s->flag);

    case ACT_YIELD:
      return do_yield (sim, t, f);

    case ACT_WAIT:
      return do_wait (sim, t, f, (AwlTask *) s->object, s->flag, FALSE, -1, s);

    case ACT_WAIT_TIMEOUT:
      return do_wait (sim, t, f, (AwlTask *) s->object, s->flag, TRUE, s->ns, s);

    case ACT_SLEEP:
      if (f->flags & AWL_FRAME_ASYNC)
        awl_sim_lint (sim, AWL_LINT_SLEEP_IN_ASYNC, f->line, t->parent.id,
                      awl_sim_intern_printf (sim, "Thread.Sleep in async method %s blocks the "
                                             "thread; use await Task.Delay", f->name));
      if (s->ns == 0)
        return TRUE;
      block_with_wake (sim, t, AWL_BLOCK_SLEEP, s->ns, resume_value (awl_value_null ()),
                       awl_sim_intern (sim, "Thread.Sleep"));
      return FALSE;

    case ACT_SYNC_IO:
      {
        const char *label = awl_sim_intern (sim, s->label ? s->label : "I/O");
        guint id = ++sim->next_io_id;

        lint_task_run_io (sim, t, f, label);
        awl_sim_emit (sim, AWL_EVENT_IO_START, 1, t, 0, s->ns, id, 0, label);
        block_with_wake (sim, t, AWL_BLOCK_SYNC_IO, s->ns,
                         s->object ? resume_exception (s->object) : resume_value (awl_value_null ()),
                         label);
        /* IO_DONE is emitted when the thread wakes; remember the id in the wake slot. */
        t->blocked_object = id;
        return FALSE;
      }

    case ACT_LOCK:
      return do_lock (sim, t, s->object);

    case ACT_SEM_WAIT:
      return awl_sim_semaphore_wait_sync (sim, t, (AwlSemaphore *) s->object);

    case ACT_JOIN:
      {
        AwlThread *target = (AwlThread *) s->object;

        if (!target->started || target->exited || target == t)
          {
            if (!target->started)
              rt->resume = resume_exception (awl_sim_exception_new (sim, "ThreadStateException",
                                             "Thread has not been started."));
            return TRUE;
          }
        g_queue_push_tail (&target->joiners, t);
        thread_block (sim, t, AWL_BLOCK_JOIN, NULL, target->parent.id, target,
                      awl_sim_intern_printf (sim, "Join %s", target->name));
        return FALSE;
      }

    case ACT_YIELD_RETURN:
      return awl_sim_do_yield_return (sim, t, f, s->ret);

    case ACT_SEND:
      return do_send (sim, t, f, s->callee);

    case ACT_NONE:
    default:
      g_critical ("Frame %s answered no action; treating it as return", f->name);
      frame_finish (sim, t, f, awl_value_null (), NULL);
      return TRUE;
    }
}

gboolean
awl_sim_do_call (AwlSim    *sim,
                 AwlThread *t,
                 AwlFrame  *f,
                 AwlFrame  *callee)
{
  AwlFrameRt *crt = awl_frame_rt (sim, callee);

  if (callee->flags & AWL_FRAME_ASYNC_ITERATOR)
    {
      AwlEnumerator *e = awl_sim_alloc_object (sim, AWL_OBJECT_ENUMERATOR, sizeof *e);

      e->frame = callee;
      crt->role = ROLE_ITERATOR;
      crt->enumerator = e;
      set_resume (f, resume_value (awl_value_object (e)));
      return TRUE;
    }
  if (callee->flags & (AWL_FRAME_ASYNC | AWL_FRAME_ASYNC_VOID))
    {
      crt->role = ROLE_ASYNC;
      crt->first_run = TRUE;
      if (callee->flags & AWL_FRAME_ASYNC_VOID)
        {
          crt->captured = awl_sim_current_context (sim, t);
          if (!(f->flags & AWL_FRAME_HIDDEN))
            awl_sim_lint (sim, AWL_LINT_ASYNC_VOID, f->line, t->parent.id,
                          awl_sim_intern_printf (sim, "async void method %s: callers cannot await "
                                                 "it and its exceptions crash the process",
                                                 callee->name));
        }
      else
        {
          crt->task = awl_task_new (sim, AWL_TASK_KIND_ASYNC_METHOD, callee->name);
          crt->task->frame = callee;
        }
    }
  else if (crt->role != ROLE_CALLBACK)
    crt->role = ROLE_CALLEE;
  push_frame (sim, t, callee, DELIVER_CALL, TRUE);
  crt->resume = (AwlResumeWith) { AWL_RESUME_START, awl_value_null (), NULL };
  return TRUE;
}

/* ---------------------------------------------------------------------------------
 * The per-thread executor
 * ------------------------------------------------------------------------------ */

static void
start_item (AwlSim      *sim,
            AwlThread   *t,
            AwlWorkItem *item,
            gint32       how)
{
  gint64 owner = item->queue_owner ? item->queue_owner->parent.id : 0;

  t->item = item;
  awl_sim_emit (sim, AWL_EVENT_DEQUEUE, item->queue, t, item->task ? item->task->parent.id : 0,
                owner, item->id, how, NULL);
  if (item->context != NULL)
    {
      item->context->holder = t;
      item->context->in_pool = NULL;
      t->inside = item->context;
      awl_sim_emit (sim, AWL_EVENT_CONTEXT, 0, t, 0, item->context->id, 0, 0, NULL);
    }
  sim->completions++;

  switch (item->kind)
    {
    case ITEM_FRAME:
      {
        AwlFrame *f = item->frame;
        AwlFrameRt *rt = awl_frame_rt (sim, f);

        item->frame = NULL;
        if (item->task != NULL)
          {
            item->task->item = NULL;
            rt->task = item->task;
            rt->in_task_run = TRUE;
            item->task->status = AWL_TASK_RUNNING;
            awl_sim_emit_task_status (sim, item->task);
          }
        if (rt->role != ROLE_WRAPPER)
          rt->role = item->role;
        push_frame (sim, t, f, DELIVER_NONE, TRUE);
        rt->resume = (AwlResumeWith) { AWL_RESUME_START, awl_value_null (), NULL };
      }
      break;

    case ITEM_RESUME:
      {
        AwlJob *job = g_new0 (AwlJob, 1);

        job->frame = item->frame;
        job->resume = item->resume;
        job->flow = item->flow;
        job->awaited = item->awaited;
        job->is_resume = TRUE;
        job->how = item->how;
        item->frame = NULL;
        start_job (sim, t, job);
      }
      break;

    case ITEM_CALLBACK:
      item->func (sim, t, item->func_data);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
finish_item (AwlSim    *sim,
             AwlThread *t)
{
  AwlWorkItem *item = t->item;

  if (item == NULL)
    return;
  t->item = NULL;
  if (t->kind == AWL_THREAD_POOL)
    sim->pool_done++;
  if (item->sender != NULL)
    awl_sim_unblock (sim, item->sender, resume_value (awl_value_null ()));
  if (t->inside != NULL && item->context == t->inside)
    {
      AwlContext *ctx = t->inside;

      awl_sim_emit (sim, AWL_EVENT_CONTEXT, 1, t, 0, ctx->id, 0, 0, NULL);
      ctx->holder = NULL;
      t->inside = NULL;
      context_release_next (sim, ctx);
    }
  work_item_free (sim, item);
}

/* The thread's stack is empty: take the next work, or go idle / exit. TRUE when the
 * thread has something to run now. */
static gboolean
thread_next_work (AwlSim    *sim,
                  AwlThread *t)
{
  AwlWorkItem *item;
  gint32 how;

  finish_item (sim, t);
  if (sim->finished)
    return FALSE;

  switch (t->kind)
    {
    case AWL_THREAD_POOL:
      item = pool_find_work (sim, t, &how);
      if (item != NULL)
        {
          start_item (sim, t, item, how);
          return TRUE;
        }
      thread_go_idle (sim, t);
      return FALSE;

    case AWL_THREAD_UI:
      item = g_queue_pop_head (&sim->ui_queue);
      if (item != NULL)
        {
          start_item (sim, t, item, 0);
          return TRUE;
        }
      thread_go_idle (sim, t);
      return FALSE;

    case AWL_THREAD_MAIN:
    case AWL_THREAD_DEDICATED:
    default:
      thread_exit (sim, t);
      return FALSE;
    }
}

/* Runs thread @t, which holds a core, at the current instant until it burns CPU,
 * blocks or runs out of work. */
static gboolean
thread_execute (AwlSim    *sim,
                AwlThread *t)
{
  sim->current = t;

  if (t->cpu_remaining > 0)
    {
      schedule_slice (sim, t);
      return FALSE;
    }

  while (!sim->finished)
    {
      AwlFrame *f = t->top;
      AwlFrameRt *rt;
      AwlStep s;

      if (++sim->n_steps > sim->config.limit_events)
        {
          awl_sim_finish_limit (sim, AWL_LIMIT_EVENTS,
                          awl_sim_intern_printf (sim, "limit: more than %" G_GUINT64_FORMAT
                                                 " steps", sim->config.limit_events));
          break;
        }

      if (f == NULL)
        {
          AwlJob *job = g_queue_pop_head (&t->base_jobs);

          if (job != NULL)
            start_job (sim, t, job);
          else if (!thread_next_work (sim, t))
            break;
          continue;
        }

      rt = f->rt;
      if (!g_queue_is_empty (&rt->jobs))
        {
          start_job (sim, t, g_queue_pop_head (&rt->jobs));
          continue;
        }
      if (rt->pending_exception != NULL)
        {
          rt->resume = resume_exception (rt->pending_exception);
          rt->pending_exception = NULL;
          rt->has_deferred = FALSE;
        }
      else if (rt->has_deferred)
        {
          s = rt->deferred;
          rt->has_deferred = FALSE;
          if (!perform (sim, t, f, &s))
            break;
          continue;
        }

      memset (&s, 0, sizeof s);
      s.sim = sim;
      s.resume = rt->resume.resume;
      s.value = rt->resume.value;
      s.exception = rt->resume.exception;
      sim->stepping = f;
      f->klass->step (f, &s);
      sim->stepping = NULL;

      if (!g_queue_is_empty (&rt->jobs))
        {
          rt->deferred = s;
          rt->has_deferred = TRUE;
          continue;
        }
      if (!perform (sim, t, f, &s))
        break;
    }

  sim->current = NULL;
  return FALSE;
}

/* ---------------------------------------------------------------------------------
 * Environments: entry wrappers and requests
 * ------------------------------------------------------------------------------ */

typedef struct
{
  AwlFrame parent;
  int      phase;
  guint    request;
  gboolean is_main;
  AwlSim  *sim;
} EntryFrame;

static void
request_task_done (AwlSim  *sim,
                   AwlTask *task,
                   gpointer data)
{
  request_end (sim, GPOINTER_TO_UINT (data), task->status != AWL_TASK_RAN_TO_COMPLETION);
}

static void
entry_step (AwlFrame *frame,
            AwlStep  *s)
{
  EntryFrame *self = (EntryFrame *) frame;
  AwlSim *sim = self->sim;

  switch (self->phase)
    {
    case 0:
      {
        AwlFrame *f = sim->entry ? sim->entry (sim, self->request, sim->entry_data) : NULL;

        if (f == NULL)
          {
            awl_step_throw (s, awl_sim_exception_new (sim, "InvalidOperationException",
                                                      "The scenario has no entry method."));
            return;
          }
        self->phase = 1;
        awl_step_call (s, f);
      }
      return;

    case 1:
      if (s->resume == AWL_RESUME_EXCEPTION)
        {
          awl_step_throw (s, s->exception);
          return;
        }
      if (awl_value_get_object (s->value, AWL_OBJECT_TASK) != NULL)
        {
          AwlTask *task = (AwlTask *) s->value.o;

          if (self->is_main)
            {
              /* async Main: the host blocks in GetAwaiter().GetResult(). */
              self->phase = 2;
              task->observed = TRUE;
              awl_step_wait (s, &task->parent, AWL_WAIT_GET_RESULT);
              return;
            }
          if (self->request && !awl_task_is_completed (&task->parent))
            {
              /* The request ends when its task completes, not when the entry returns. */
              AwlCont *cont = g_new0 (AwlCont, 1);

              cont->kind = CONT_FUNC;
              cont->func = request_task_done;
              cont->data = GUINT_TO_POINTER (self->request - 1);
              task->observed = TRUE;
              awl_task_add_cont (sim, task, cont);
              ((AwlFrameRt *) frame->rt)->request = 0;
            }
          else if (self->request && task->status != AWL_TASK_RAN_TO_COMPLETION)
            {
              task->observed = TRUE;
              awl_step_throw (s, awl_sim_exception_new (sim, "Exception", "request failed"));
              return;
            }
        }
      awl_step_return (s, s->value);
      return;

    default:
      if (s->resume == AWL_RESUME_EXCEPTION)
        awl_step_throw (s, s->exception);
      else
        awl_step_return (s, s->value);
      return;
    }
}

static void
entry_free (AwlFrame *frame)
{
  g_free (frame);
}

static const AwlFrameClass entry_class = {
  .name = "<entry>",
  .flags = AWL_FRAME_HIDDEN,
  .step = entry_step,
  .free = entry_free,
};

static AwlFrame *
entry_frame_new (AwlSim   *sim,
                 guint     request,
                 gboolean  is_main)
{
  EntryFrame *self = g_new0 (EntryFrame, 1);
  AwlFrameRt *rt;

  awl_frame_init (&self->parent, &entry_class);
  self->sim = sim;
  self->request = request;
  self->is_main = is_main;
  rt = awl_frame_rt (sim, &self->parent);
  rt->role = ROLE_WRAPPER;
  rt->request = request;
  return &self->parent;
}

static void
request_end (AwlSim   *sim,
             guint     index,
             gboolean  failed)
{
  AwlTime start = g_array_index (sim->request_start, AwlTime, index);

  sim->requests_done++;
  awl_sim_emit (sim, AWL_EVENT_REQUEST_END, failed ? 1 : 0, sim->current, 0, index,
                sim->now - start, 0, NULL);
}

static void
on_request (AwlSim *sim,
            guint   index)
{
  AwlWorkItem *item;
  AwlContext *ctx = NULL;

  g_array_index (sim->request_start, AwlTime, index) = sim->now;
  sim->requests_started++;
  awl_sim_emit (sim, AWL_EVENT_REQUEST_START, 0, NULL, 0, index, 0, 0, NULL);

  item = awl_work_item_new (sim, ITEM_FRAME, awl_sim_intern_printf (sim, "request %u", index + 1));
  item->frame = entry_frame_new (sim, index + 1, FALSE);
  item->role = ROLE_WRAPPER;
  if (sim->config.environment == AWL_ENV_ASPNET_CLASSIC)
    ctx = context_new (sim, AWL_CONTEXT_ASPNET, index);
  awl_sim_post (sim, ctx, item);
}

/* ---------------------------------------------------------------------------------
 * Events
 * ------------------------------------------------------------------------------ */

static void
on_slice (AwlSim    *sim,
          AwlThread *t)
{
  t->cpu_remaining -= t->slice;
  t->slice = 0;
  if (t->cpu_remaining <= 0)
    {
      t->cpu_remaining = 0;
      runnable_push (sim, t);
      return;
    }
  if (!g_queue_is_empty (&sim->ready))
    {
      /* Round robin: the quantum is over and another thread waits for a core. */
      int core = t->core;

      t->core = -1;
      thread_set_state (sim, t, AWL_THREAD_STATE_READY, AWL_BLOCK_NONE, NULL, 0, NULL);
      t->core = core;
      thread_release_core (sim, t);
      g_queue_push_tail (&sim->ready, t);
      return;
    }
  schedule_slice (sim, t);
}

static void
on_wake (AwlSim    *sim,
         AwlThread *t)
{
  if (t->reason == AWL_BLOCK_SYNC_IO)
    {
      awl_sim_emit (sim, AWL_EVENT_IO_DONE, t->wake.exception ? 1 : 0, t, 0, 0,
                    t->blocked_object, 0, NULL);
    }
  awl_sim_unblock (sim, t, t->wake);
}

/* Cancelled timers and I/O stay in the heap; their foreground count was already
 * given back when they were cancelled, and they must not move the clock. */
static gboolean
event_is_stale (const AwlHeapEntry *e)
{
  switch ((AwlEvKind) (e->kind & 0x7fffffffu))
    {
    case EV_TIMER: return ((AwlTimer *) e->data)->cancelled;
    case EV_IO:    return ((AwlIo *) e->data)->cancelled;
    case EV_WAIT_TIMEOUT: return ((AwlThread *) e->data)->gen != e->gen;
    default:       return FALSE;
    }
}

static void
dispatch (AwlSim             *sim,
          const AwlHeapEntry *e)
{
  switch ((AwlEvKind) (e->kind & 0x7fffffffu))
    {
    case EV_SLICE:
      if (((AwlThread *) e->data)->gen == e->gen)
        on_slice (sim, e->data);
      break;
    case EV_WAKE:
      if (((AwlThread *) e->data)->gen == e->gen)
        on_wake (sim, e->data);
      break;
    case EV_WAIT_TIMEOUT:
      on_wait_timeout (sim, e->data);
      break;
    case EV_TIMER:
      awl_sim_fire_timer (sim, e->data);
      break;
    case EV_IO:
      awl_sim_finish_io (sim, e->data);
      break;
    case EV_GATE:
      on_gate (sim);
      break;
    case EV_INJECT:
      on_inject (sim);
      break;
    case EV_RETIRE:
      if (((AwlThread *) e->data)->gen == e->gen)
        on_retire (sim, e->data);
      break;
    case EV_REQUEST:
      on_request (sim, GPOINTER_TO_UINT (e->data));
      break;
    case EV_HILL:
      on_hill (sim);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* ---------------------------------------------------------------------------------
 * Set-up, run, end
 * ------------------------------------------------------------------------------ */

AwlSim *
awl_sim_new (const AwlConfig *config,
             AwlEntryFunc     entry,
             gpointer         user_data,
             GDestroyNotify   user_data_destroy)
{
  AwlSim *sim = g_new0 (AwlSim, 1);

  if (config)
    sim->config = *config;
  else
    awl_config_init (&sim->config);
  /* Clamp nonsense to something that cannot hang or divide by zero. */
  sim->config.cores = CLAMP (sim->config.cores, 1, 1024);
  sim->config.max_threads = CLAMP (sim->config.max_threads, 1, 32767);
  if (sim->config.quantum <= 0)
    sim->config.quantum = AWL_MS (10);
  if (sim->config.timer_resolution <= 0)
    sim->config.timer_resolution = 1;
  if (sim->config.limit_events == 0)
    sim->config.limit_events = 4000000;
  if (sim->config.limit_time <= 0)
    sim->config.limit_time = AWL_S (600);
  if (sim->config.limit_threads == 0)
    sim->config.limit_threads = 2000;
  if (sim->config.limit_tasks == 0)
    sim->config.limit_tasks = 1000000;
  if (sim->config.limit_call_depth == 0)
    sim->config.limit_call_depth = 10000;

  sim->entry = entry;
  sim->entry_data = user_data;
  sim->entry_destroy = user_data_destroy;
  sim->trace = awl_trace_new_internal (&sim->config);
  sim->rand = g_rand_new_with_seed (sim->config.seed);
  awl_heap_init (&sim->heap);
  sim->threads = g_ptr_array_new ();
  sim->objects = g_ptr_array_new ();
  sim->contexts = g_ptr_array_new ();
  sim->semaphores = g_ptr_array_new ();
  sim->ctses = g_ptr_array_new ();
  sim->tcses = g_ptr_array_new ();
  sim->timers = g_ptr_array_new_with_free_func (g_free);
  sim->ios = g_ptr_array_new_with_free_func (g_free);
  sim->locks = g_hash_table_new (NULL, NULL);
  sim->lint_seen = g_hash_table_new (NULL, NULL);
  sim->request_start = g_array_new (FALSE, TRUE, sizeof (AwlTime));
  sim->faulted = g_ptr_array_new ();
  sim->iterators = g_ptr_array_new ();
  sim->core_owner = g_new0 (AwlThread *, sim->config.cores);
  sim->min_threads = sim->config.min_threads ? sim->config.min_threads : sim->config.cores;
  sim->min_threads = MIN (sim->min_threads, sim->config.max_threads);
  sim->goal = sim->min_threads;
  sim->hill_last_rate = -1;
  g_queue_init (&sim->ready);
  g_queue_init (&sim->runnable);
  g_queue_init (&sim->global);
  g_queue_init (&sim->idle);
  g_queue_init (&sim->ui_queue);
  return sim;
}

static void
free_item_queue (AwlSim *sim,
                 GQueue *q)
{
  AwlWorkItem *item;

  while ((item = g_queue_pop_head (q)))
    work_item_free (sim, item);
}

void
awl_sim_free (AwlSim *sim)
{
  if (sim == NULL)
    return;

  free_item_queue (sim, &sim->global);
  free_item_queue (sim, &sim->ui_queue);
  for (guint i = 0; i < sim->contexts->len; i++)
    {
      AwlContext *ctx = g_ptr_array_index (sim->contexts, i);
      free_item_queue (sim, &ctx->pending);
      g_free (ctx);
    }
  for (guint i = 0; i < sim->threads->len; i++)
    {
      AwlThread *t = g_ptr_array_index (sim->threads, i);
      AwlJob *job;

      free_item_queue (sim, &t->local);
      if (t->item)
        work_item_free (sim, t->item);
      while ((job = g_queue_pop_head (&t->base_jobs)))
        g_free (job);
      g_queue_clear (&t->joiners);
    }
  /* Every frame still alive (suspended, on a stack, queued, never started). */
  while (sim->frames != NULL)
    awl_sim_free_frame (sim, sim->frames->frame);
  awl_sim_free_objects (sim);
  for (guint i = 0; i < sim->threads->len; i++)
    g_free (g_ptr_array_index (sim->threads, i));
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, sim->locks);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        g_queue_clear (&((AwlLockState *) value)->waiters);
        g_free (value);
      }
  }
  g_hash_table_unref (sim->locks);
  g_hash_table_unref (sim->lint_seen);
  g_ptr_array_unref (sim->threads);
  g_ptr_array_unref (sim->objects);
  g_ptr_array_unref (sim->contexts);
  g_ptr_array_unref (sim->semaphores);
  g_ptr_array_unref (sim->ctses);
  g_ptr_array_unref (sim->tcses);
  g_ptr_array_unref (sim->timers);
  g_ptr_array_unref (sim->ios);
  g_array_unref (sim->request_start);
  g_ptr_array_unref (sim->faulted);
  g_ptr_array_unref (sim->iterators);
  g_queue_clear (&sim->ready);
  g_queue_clear (&sim->runnable);
  g_queue_clear (&sim->idle);
  g_free (sim->core_owner);
  awl_heap_clear (&sim->heap);
  g_rand_free (sim->rand);
  if (sim->entry_destroy)
    sim->entry_destroy (sim->entry_data);
  awl_trace_unref (sim->trace);
  g_free (sim);
}

static void
setup (AwlSim *sim)
{
  AwlWorkItem *item;

  awl_sim_emit (sim, AWL_EVENT_POOL_GOAL, AWL_POOL_MIN, NULL, 0, sim->goal, 0, 0, NULL);
  switch (sim->config.environment)
    {
    case AWL_ENV_CONSOLE:
      sim->main_thread = thread_new (sim, AWL_THREAD_MAIN, "Main");
      push_frame (sim, sim->main_thread, entry_frame_new (sim, 0, TRUE), DELIVER_NONE, FALSE);
      thread_want_core (sim, sim->main_thread);
      break;

    case AWL_ENV_UI:
      sim->ui_thread = thread_new (sim, AWL_THREAD_UI, "UI");
      sim->ui_context = context_new (sim, AWL_CONTEXT_UI, 0);
      item = awl_work_item_new (sim, ITEM_FRAME, awl_sim_intern (sim, "UI event"));
      item->frame = entry_frame_new (sim, 0, FALSE);
      item->role = ROLE_WRAPPER;
      ui_enqueue (sim, item);
      break;

    case AWL_ENV_ASPNET_CLASSIC:
    case AWL_ENV_ASPNETCORE:
    default:
      if (sim->config.load_rps > 0 && sim->config.load_duration > 0)
        {
          double period = 1e9 / sim->config.load_rps;
          guint64 n = (guint64) ((double) sim->config.load_duration / period - 1e-9) + 1;

          n = MIN (n, (guint64) 1000000);
          sim->n_requests = n;
        }
      else
        sim->n_requests = 1;
      g_array_set_size (sim->request_start, sim->n_requests);
      for (guint i = 0; i < sim->n_requests; i++)
        {
          AwlTime at = sim->config.load_rps > 0
                       ? (AwlTime) ((double) i * 1e9 / sim->config.load_rps) : 0;
          awl_sim_schedule (sim, at, EV_REQUEST, 0, GUINT_TO_POINTER (i), TRUE);
        }
      break;
    }
}

static gboolean
env_done (AwlSim *sim)
{
  if (sim->config.environment == AWL_ENV_CONSOLE)
    return FALSE;
  if (sim->config.environment == AWL_ENV_UI && !sim->entry_done)
    return FALSE;
  if (sim->config.environment != AWL_ENV_UI && sim->requests_done < sim->n_requests)
    return FALSE;
  if (sim->pending_items > 0 || !g_queue_is_empty (&sim->ui_queue))
    return FALSE;
  for (guint i = 0; i < sim->threads->len; i++)
    {
      AwlThread *t = g_ptr_array_index (sim->threads, i);

      if (!t->exited && t->state != AWL_THREAD_STATE_IDLE)
        return FALSE;
    }
  return TRUE;
}

static guint
count_abandoned (AwlSim *sim)
{
  guint n = sim->pending_items + sim->pending_timers + sim->pending_io
            + g_queue_get_length (&sim->ui_queue);

  for (guint i = 0; i < sim->threads->len; i++)
    {
      AwlThread *t = g_ptr_array_index (sim->threads, i);

      if (t != sim->main_thread && !t->exited && t->top != NULL)
        n++;
    }
  return n;
}

static void
build_outcome (AwlSim *sim)
{
  AwlOutcome o = { 0 };
  AwlStats st = { 0 };
  const AwlEvent *events;
  guint n_events;

  o.kind = sim->outcome;
  o.end_time = sim->now;
  o.summary = sim->summary;
  o.limit = sim->outcome == AWL_OUTCOME_LIMIT ? sim->limit : AWL_LIMIT_NONE;
  if (sim->crash)
    {
      o.exception_type = awl_exception_get_type_name (sim->crash);
      o.exception_message = awl_exception_get_message (sim->crash);
      o.thread = sim->crash_thread;
      o.line = sim->crash_line;
    }
  if (sim->config.environment == AWL_ENV_CONSOLE && sim->outcome == AWL_OUTCOME_COMPLETED)
    o.abandoned = count_abandoned (sim);
  o.worst_queue_wait = sim->worst_wait;
  if (sim->starvation_injections > 0)
    o.starvation = awl_sim_intern_printf (sim, "Thread-pool starvation: work waited up to %.1f ms "
                                          "for a thread; the pool injected %u thread%s, one per "
                                          "500 ms", AWL_TO_MS (sim->worst_wait),
                                          sim->starvation_injections,
                                          sim->starvation_injections == 1 ? "" : "s");
  awl_trace_set_outcome (sim->trace, &o, NULL, 0);

  events = awl_trace_get_events (sim->trace, &n_events);
  (void) events;
  st.events = n_events;
  st.tasks = sim->ids[AWL_OBJECT_TASK];
  st.threads = sim->threads->len;
  st.peak_pool_threads = sim->pool_peak;
  st.requests = sim->n_requests;
  st.requests_completed = sim->requests_done;
  awl_trace_set_stats (sim->trace, &st);
}

AwlOutcomeKind
awl_sim_run (AwlSim       *sim,
             GCancellable *cancellable)
{
  AwlHeapEntry e;

  g_return_val_if_fail (sim != NULL, AWL_OUTCOME_LIMIT);
  g_return_val_if_fail (!sim->ran, sim->outcome);

  sim->ran = TRUE;
  setup (sim);

  while (!sim->finished)
    {
      AwlThread *t;

      while (!sim->finished && (t = g_queue_pop_head (&sim->runnable)))
        {
          t->runnable_queued = FALSE;
          if (t->core >= 0 && !t->exited)
            thread_execute (sim, t);
        }
      if (sim->finished)
        break;
      if (cancellable && g_cancellable_is_cancelled (cancellable))
        {
          awl_sim_finish_limit (sim, AWL_LIMIT_CANCELLED, awl_sim_intern (sim, "limit: cancelled"));
          break;
        }
      if (sim->n_foreground == 0)
        {
          if (env_done (sim))
            awl_sim_finish (sim, AWL_OUTCOME_COMPLETED, awl_sim_intern (sim, "completed"));
          else
            awl_sim_report_deadlock (sim);
          break;
        }
      if (!awl_heap_pop (&sim->heap, &e))
        break;
      if (event_is_stale (&e))
        continue;
      if (e.kind & 0x80000000u)
        sim->n_foreground--;
      if (e.time > sim->config.limit_time)
        {
          sim->now = sim->config.limit_time;
          awl_sim_finish_limit (sim, AWL_LIMIT_TIME,
                          awl_sim_intern_printf (sim, "limit: virtual time passed %.0f ms",
                                                 AWL_TO_MS (sim->config.limit_time)));
          break;
        }
      sim->now = MAX (sim->now, e.time);
      if (++sim->n_steps > sim->config.limit_events)
        {
          awl_sim_finish_limit (sim, AWL_LIMIT_EVENTS,
                          awl_sim_intern_printf (sim, "limit: more than %" G_GUINT64_FORMAT
                                                 " steps", sim->config.limit_events));
          break;
        }
      dispatch (sim, &e);
    }

  sim->current = NULL;
  awl_sim_end_lints (sim);
  awl_sim_emit (sim, AWL_EVENT_END, sim->outcome, NULL, 0, 0, 0, 0, sim->summary);
  build_outcome (sim);
  awl_trace_freeze (sim->trace);
  return sim->outcome;
}

/* ---------------------------------------------------------------------------------
 * Threads API
 * ------------------------------------------------------------------------------ */

AwlObject *
awl_sim_thread_new (AwlSim   *sim,
                    AwlFrame *start)
{
  AwlThread *t;

  g_return_val_if_fail (sim != NULL && start != NULL, NULL);

  t = thread_alloc (sim, AWL_THREAD_DEDICATED);
  t->start_frame = start;
  awl_frame_rt (sim, start)->role = ROLE_THREAD;
  /* Unstarted threads are objects, freed with the sim. */
  awl_sim_track_object (sim, t);
  return &t->parent;
}

gboolean
awl_sim_thread_start (AwlSim     *sim,
                      AwlObject  *thread,
                      AwlObject **error)
{
  AwlThread *t = (AwlThread *) thread;
  g_autofree char *name = NULL;

  g_return_val_if_fail (sim != NULL && thread && thread->type == AWL_OBJECT_THREAD, FALSE);

  if (t->started || t->start_frame == NULL)
    {
      if (error)
        *error = awl_sim_exception_new (sim, "ThreadStateException",
                                        "Thread is running or terminated; it cannot restart.");
      return FALSE;
    }
  /* The sim's thread table now owns it. */
  g_ptr_array_remove_fast (sim->objects, t);
  name = g_strdup_printf ("Thread-%u", ++sim->dedicated_names);
  thread_register (sim, t, name);
  push_frame (sim, t, t->start_frame, DELIVER_NONE, TRUE);
  t->start_frame = NULL;
  thread_want_core (sim, t);
  return TRUE;
}

static AwlThread *
dedicated_thread_for (AwlSim   *sim,
                      AwlFrame *frame,
                      AwlRole   role)
{
  AwlThread *t = thread_alloc (sim, AWL_THREAD_DEDICATED);
  g_autofree char *name = g_strdup_printf ("Thread-%u", ++sim->dedicated_names);

  thread_register (sim, t, name);
  awl_frame_rt (sim, frame)->role = role;
  push_frame (sim, t, frame, DELIVER_NONE, TRUE);
  ((AwlFrameRt *) frame->rt)->resume = (AwlResumeWith) { AWL_RESUME_START, awl_value_null (), NULL };
  thread_want_core (sim, t);
  return t;
}


void
awl_sim_start_dedicated (AwlSim   *sim,
                         AwlFrame *frame,
                         AwlTask  *task)
{
  awl_frame_rt (sim, frame)->task = task;
  task->status = AWL_TASK_RUNNING;
  awl_sim_emit_task_status (sim, task);
  dedicated_thread_for (sim, frame, ROLE_TASK_BODY);
}

guint
awl_thread_get_managed_id (const AwlObject *thread)
{
  g_return_val_if_fail (thread && thread->type == AWL_OBJECT_THREAD, 0);
  return ((const AwlThread *) thread)->managed_id;
}

gboolean
awl_thread_is_pool (const AwlObject *thread)
{
  g_return_val_if_fail (thread && thread->type == AWL_OBJECT_THREAD, FALSE);
  return ((const AwlThread *) thread)->kind == AWL_THREAD_POOL;
}

guint
awl_sim_current_thread_id (AwlSim *sim)
{
  g_return_val_if_fail (sim != NULL, 0);
  return sim->current ? sim->current->managed_id : 0;
}

AwlObject *
awl_sim_current_thread (AwlSim *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);
  return sim->current ? &sim->current->parent : NULL;
}

gboolean
awl_sim_set_min_threads (AwlSim *sim,
                         guint   worker)
{
  g_return_val_if_fail (sim != NULL, FALSE);

  if (worker > sim->config.max_threads)
    return FALSE;
  worker = MAX (worker, 1);
  sim->min_threads = worker;
  if (sim->goal < worker)
    {
      sim->goal = worker;
      emit_goal (sim, AWL_POOL_MIN);
      for (guint i = 0; i < worker && sim->pending_items > 0 && sim->pool_count < sim->goal; i++)
        pool_wake (sim);
    }
  if (sim->goal > sim->min_threads && !sim->hill_pending)
    {
      sim->hill_pending = TRUE;
      awl_sim_schedule (sim, (sim->now / HILL_PERIOD + 1) * HILL_PERIOD, EV_HILL, 0, NULL, FALSE);
    }
  return TRUE;
}

gboolean
awl_sim_current_thread_is_pool (AwlSim *sim)
{
  g_return_val_if_fail (sim != NULL, FALSE);
  return sim->current != NULL && sim->current->kind == AWL_THREAD_POOL;
}

guint
awl_sim_pool_thread_count (AwlSim *sim)
{
  g_return_val_if_fail (sim != NULL, 0);
  return sim->pool_count;
}

guint
awl_sim_pool_pending_work_items (AwlSim *sim)
{
  g_return_val_if_fail (sim != NULL, 0);
  return sim->pending_items;
}

void
awl_sim_stop (AwlSim     *sim,
              AwlLimit    limit,
              const char *reason)
{
  g_return_if_fail (sim != NULL);
  awl_sim_finish_limit (sim, limit,
                        awl_sim_intern_printf (sim, "limit: %s", reason ? reason : "stopped"));
}

void
awl_sim_output (AwlSim     *sim,
                const char *text)
{
  g_return_if_fail (sim != NULL);
  awl_sim_emit (sim, AWL_EVENT_OUTPUT, 0, sim->current, 0, 0, 0, 0,
                awl_trace_insert (sim->trace, text ? text : ""));
}

void
awl_sim_queue_user_work_item (AwlSim   *sim,
                              AwlFrame *frame)
{
  AwlWorkItem *item;

  g_return_if_fail (sim != NULL && frame != NULL);
  item = awl_work_item_new (sim, ITEM_FRAME, awl_sim_intern_printf (sim, "QueueUserWorkItem %s",
                                                                    frame->name));
  item->frame = frame;
  awl_frame_rt (sim, frame);
  item->role = ROLE_CALLBACK;
  awl_sim_queue_item (sim, item, FALSE);
}

void
awl_sim_context_post (AwlSim   *sim,
                      AwlFrame *callback)
{
  AwlWorkItem *item;

  g_return_if_fail (sim != NULL && callback != NULL);
  item = awl_work_item_new (sim, ITEM_FRAME, awl_sim_intern_printf (sim, "Post %s", callback->name));
  item->frame = callback;
  awl_frame_rt (sim, callback);
  item->role = ROLE_CALLBACK;
  awl_sim_post (sim, awl_sim_current_context (sim, sim->current), item);
}


void
awl_sim_run_inline (AwlSim   *sim,
                    AwlFrame *frame,
                    AwlRole   role)
{
  AwlJob *job = g_new0 (AwlJob, 1);

  awl_frame_rt (sim, frame);
  job->frame = frame;
  job->role = role;
  job->resume = (AwlResumeWith) { AWL_RESUME_START, awl_value_null (), NULL };
  if (sim->current)
    awl_sim_push_job (sim, sim->current, job);
  else
    {
      g_free (job);
      awl_sim_queue_user_work_item (sim, frame);
    }
}

void
awl_sim_emit_task_status (AwlSim  *sim,
                          AwlTask *task)
{
  const char *text = NULL;

  if (task->status == AWL_TASK_FAULTED && task->exceptions && task->exceptions->len)
    {
      AwlObject *e = g_ptr_array_index (task->exceptions, 0);
      text = awl_sim_intern_printf (sim, "%s: %s", awl_exception_get_type_name (e),
                                    awl_exception_get_message (e));
    }
  awl_sim_emit (sim, AWL_EVENT_TASK_STATUS, task->status, sim->current, task->parent.id,
                task->exceptions && task->exceptions->len
                ? ((AwlObject *) g_ptr_array_index (task->exceptions, 0))->id : 0,
                0, 0, text);
  awl_trace_task_status (sim->trace, task->parent.id, task->status, sim->now);
}
