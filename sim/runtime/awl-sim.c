/* awl-sim.c
 *
 * The run loop: configuration, the event queue and the foreground count that keeps a run
 * alive, trace emission, object tracking, set-up, the run and its outcome.
 */

#include <string.h>

#include "awl-sim-private.h"
#include "awl-cancel-private.h"
#include "awl-context-private.h"
#include "awl-deadlock-private.h"
#include "awl-sync-private.h"
#include "awl-timer-private.h"

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
  /* The modern profile models .NET 6 to 10 (pinned to .NET 10 measurements); its name
   * stays "net8", the other versions are aliases. */
  static const char * const modern[] = { "net8", "net6", "net7", "net9", "net10", "dotnet" };

  g_return_val_if_fail (str != NULL && profile != NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (modern); i++)
    if (g_ascii_strcasecmp (str, modern[i]) == 0)
      {
        *profile = AWL_PROFILE_NET8;
        return TRUE;
      }
  if (g_ascii_strcasecmp (str, "netfx") == 0 || g_ascii_strcasecmp (str, "mono") == 0)
    {
      *profile = AWL_PROFILE_NETFX;
      return TRUE;
    }
  return FALSE;
}

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

/* A foreground event that is still in the heap will never act (a cancelled timer or
 * I/O, a timed wait that woke early): it no longer keeps the run alive. Paired with
 * awl_sim_schedule (…, TRUE); the run loop releases the others as it pops them. */
void
awl_sim_release_foreground (AwlSim *sim)
{
  g_assert (sim->n_foreground > 0);
  sim->n_foreground--;
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
        awl_thread_on_slice (sim, e->data);
      break;
    case EV_WAKE:
      if (((AwlThread *) e->data)->gen == e->gen)
        awl_thread_on_wake (sim, e->data);
      break;
    case EV_WAIT_TIMEOUT:
      awl_sim_on_wait_timeout (sim, e->data);
      break;
    case EV_TIMER:
      awl_sim_fire_timer (sim, e->data);
      break;
    case EV_IO:
      awl_sim_finish_io (sim, e->data);
      break;
    case EV_GATE:
      awl_pool_on_gate (sim);
      break;
    case EV_INJECT:
      awl_pool_on_inject (sim);
      break;
    case EV_RETIRE:
      if (((AwlThread *) e->data)->gen == e->gen)
        awl_pool_on_retire (sim, e->data);
      break;
    case EV_REQUEST:
      awl_env_on_request (sim, GPOINTER_TO_UINT (e->data));
      break;
    case EV_HILL:
      awl_pool_on_hill (sim);
      break;
    default:
      g_assert_not_reached ();
    }
}

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
  g_queue_init (&sim->high);
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
    awl_work_item_free (sim, item);
}

void
awl_sim_free (AwlSim *sim)
{
  if (sim == NULL)
    return;

  free_item_queue (sim, &sim->global);
  free_item_queue (sim, &sim->high);
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
        awl_work_item_free (sim, t->item);
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

/* Nothing can move any more and the program has not finished: the run ends as a deadlock,
 * explained by the analyser's wait-for chain. */
static void
finish_deadlocked (AwlSim *sim)
{
  g_autoptr(AwlDeadlockReport) report = awl_deadlock_analyse (sim);

  awl_sim_finish (sim, AWL_OUTCOME_DEADLOCK,
                  awl_sim_intern_printf (sim, "deadlock: %s", (char *) report->chain->pdata[0]));
  awl_trace_set_outcome (sim->trace, NULL, (const char * const *) report->chain->pdata,
                         report->chain->len);
  awl_trace_set_deadlock_participants (sim->trace, (const guint *) report->threads->data,
                                       report->threads->len, (const guint *) report->tasks->data,
                                       report->tasks->len, report->cycle_start);
}

AwlOutcomeKind
awl_sim_run (AwlSim       *sim,
             GCancellable *cancellable)
{
  AwlHeapEntry e;

  g_return_val_if_fail (sim != NULL, AWL_OUTCOME_LIMIT);
  g_return_val_if_fail (!sim->ran, sim->outcome);

  sim->ran = TRUE;
  awl_env_setup (sim);

  while (!sim->finished)
    {
      AwlThread *t;

      while (!sim->finished && (t = g_queue_pop_head (&sim->runnable)))
        {
          t->runnable_queued = FALSE;
          if (t->core >= 0 && !t->exited)
            awl_thread_execute (sim, t);
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
          if (awl_env_done (sim))
            awl_sim_finish (sim, AWL_OUTCOME_COMPLETED, awl_sim_intern (sim, "completed"));
          else
            finish_deadlocked (sim);
          break;
        }
      if (!awl_heap_pop (&sim->heap, &e))
        break;
      if (event_is_stale (&e))
        continue;
      if (e.kind & 0x80000000u)
        awl_sim_release_foreground (sim);
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
awl_sim_free_objects (AwlSim *sim)
{
  for (guint i = 0; i < sim->objects->len; i++)
    {
      AwlObject *o = g_ptr_array_index (sim->objects, i);

      switch (o->type)
        {
        case AWL_OBJECT_TASK:
          awl_task_free_internal ((AwlTask *) o);
          break;
        case AWL_OBJECT_EXCEPTION:
          g_clear_pointer (&((AwlException *) o)->inner, g_ptr_array_unref);
          break;
        case AWL_OBJECT_SEMAPHORE:
          g_queue_clear (&((AwlSemaphore *) o)->sync_waiters);
          g_queue_clear (&((AwlSemaphore *) o)->async_waiters);
          break;
        case AWL_OBJECT_CTS:
          g_ptr_array_unref (((AwlCts *) o)->callbacks);
          break;
        case AWL_OBJECT_THREAD:
          g_queue_clear (&((AwlThread *) o)->joiners);
          break;
        case AWL_OBJECT_FOREIGN:
          if (((AwlForeign *) o)->klass->finalize)
            ((AwlForeign *) o)->klass->finalize ((AwlForeign *) o);
          break;
        default:
          break;
        }
      g_free (o);
    }
  g_ptr_array_set_size (sim->objects, 0);
}
