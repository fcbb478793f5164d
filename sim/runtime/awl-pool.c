/* awl-pool.c
 *
 * The thread pool: work items, the global and local queues, stealing, and the thread count
 * (starvation injection, blocking compensation, hill climbing, retirement).
 */

#include "awl-pool-private.h"
#include "awl-context-private.h"
#include "awl-task-private.h"
#include "awl-thread-private.h"

#define GATE_PERIOD      AWL_MS (500)
#define RETIRE_AFTER     AWL_S (20)
#define HILL_PERIOD      AWL_MS (250)   /* one sample, at most one change: 4 per second */
/* Hill climbing with pool threads blocked (net8), fitted to .NET 10 (tests/runtime/dotnet/
 * hill-climbing-blocking.cs): the first thread after 3 samples (750 ms; measured 673–814 ms),
 * the second 17 samples later (5 s; measured 5.0–5.4 s), then one per 3 samples (measured
 * 0.6–2.5 s apart). */
#define HILL_BLOCKED_FIRST   3
#define HILL_BLOCKED_SECOND 17
#define HILL_BLOCKED_NEXT    3

static void pool_wake     (AwlSim *sim);
static void schedule_gate (AwlSim *sim);
static void schedule_hill (AwlSim *sim);
static void gate_touch    (AwlSim *sim);

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

void
awl_work_item_free (AwlSim      *sim,
                    AwlWorkItem *item)
{
  if (item->frame && item->kind == ITEM_FRAME)
    awl_sim_free_frame (sim, item->frame);
  g_free (item);
}

void
awl_pool_emit_queue (AwlSim      *sim,
                     AwlWorkItem *item)
{
  awl_sim_emit (sim, AWL_EVENT_QUEUE, item->queue, sim->current,
                item->task ? item->task->parent.id : 0,
                item->queue_owner ? item->queue_owner->parent.id
                : (item->queue == AWL_QUEUE_REQUEST && item->context ? item->context->id : 0),
                item->id, item->high ? 1 : 0, item->description);
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
  awl_pool_emit_queue (sim, item);
  gate_touch (sim);
  pool_wake (sim);
  schedule_hill (sim);
}

/* An expired timer's work item. Since .NET 7 the timer thread queues it to the pool's
 * high-priority queue, which a worker drains after its own local queue and before the
 * global queue: on a starved pool it runs on the next thread that becomes free, ahead of
 * everything queued globally (measured on .NET 10: tests/runtime/dotnet/
 * timer-high-priority-queue.cs). Mono and .NET Framework queue it to the global queue. */
void
awl_pool_queue_timer_item (AwlSim      *sim,
                           AwlWorkItem *item)
{
  if (sim->config.profile != AWL_PROFILE_NET8)
    {
      awl_sim_queue_item (sim, item, FALSE);
      return;
    }
  item->enqueued = sim->now;
  item->queue = AWL_QUEUE_GLOBAL;
  item->queue_owner = NULL;
  item->high = TRUE;
  g_queue_push_tail (&sim->high, item);
  item->link = sim->high.tail;
  sim->pending_items++;
  awl_pool_emit_queue (sim, item);
  gate_touch (sim);
  pool_wake (sim);
  schedule_hill (sim);
}

static AwlThread *
pool_thread_new (AwlSim *sim)
{
  g_autofree char *name = g_strdup_printf ("Pool-%u", ++sim->pool_names);
  AwlThread *t = awl_thread_new (sim, AWL_THREAD_POOL, name);

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
      awl_thread_want_core (sim, w);
      return;
    }
  if (sim->pool_count < sim->goal && sim->pool_count < sim->config.max_threads)
    {
      w = pool_thread_new (sim);
      awl_thread_want_core (sim, w);
      return;
    }
  schedule_gate (sim);
}

/* The gate thread's next tick after now. Profile netfx (Mono's monitor thread): every
 * 500 ms from process start. Profile net8: every 500 ms from the moment .NET's gate thread
 * started (see gate_touch). */
static AwlTime
gate_next_tick (AwlSim *sim)
{
  if (sim->config.profile != AWL_PROFILE_NET8)
    return (sim->now / GATE_PERIOD + 1) * GATE_PERIOD;
  return sim->gate_anchor + ((sim->now - sim->gate_anchor) / GATE_PERIOD + 1) * GATE_PERIOD;
}

/* net8: work was queued, which asks for a worker, and in .NET every such request makes
 * sure the gate thread runs. A gate that is not running starts now, so its ticks count
 * from this moment (a scenario's first pool work at 300 ms gets ticks at 800, 1300, …);
 * a running gate stops at its second tick in a row that finds no queued work. */
static void
gate_touch (AwlSim *sim)
{
  if (sim->config.profile != AWL_PROFILE_NET8)
    return;
  if (!sim->gate_running || sim->now >= sim->gate_stops)
    {
      sim->gate_running = TRUE;
      sim->gate_anchor = sim->now;
    }
  sim->gate_stops = MAX (sim->gate_stops, gate_next_tick (sim) + GATE_PERIOD);
}

static void
schedule_gate (AwlSim *sim)
{
  if (sim->gate_pending || sim->pending_items == 0
      || sim->pool_count >= sim->config.max_threads)
    return;
  sim->gate_pending = TRUE;
  awl_sim_schedule (sim, gate_next_tick (sim), EV_GATE, 0, NULL, TRUE);
}

/* Starvation: nothing was dequeued for a whole period. .NET (net8) needs *more than*
 * 500 ms since the last dequeue, and a new worker's first dequeue comes just after the
 * tick that created it: the next tick finds exactly 500 ms and skips, so with every
 * thread blocked .NET 10 adds one thread per 1000 ms, the first 1000 ms after the work
 * was queued (tests/runtime/dotnet/threadpool-injection.cs; /sim/threadpool/
 * starvation-injection-net8). Mono's monitor (netfx) accepts 500 ms: one per 500 ms. */
static gboolean
gate_starved (AwlSim *sim)
{
  AwlTime idle = sim->now - sim->last_dequeue;

  if (sim->config.profile == AWL_PROFILE_NET8)
    return idle > GATE_PERIOD;
  return idle >= GATE_PERIOD;
}

void
awl_pool_on_gate (AwlSim *sim)
{
  sim->gate_pending = FALSE;
  if (sim->pending_items == 0)
    return;
  /* A tick with queued work keeps .NET's gate thread running for two more ticks. */
  sim->gate_stops = MAX (sim->gate_stops, sim->now + 2 * GATE_PERIOD);
  /* Starvation: work is queued and nothing was dequeued for a whole period, and the
   * CPU is not saturated (< 80 % busy). Exactly one thread is added. */
  if (gate_starved (sim)
      && sim->busy_cores * 10 < sim->config.cores * 8
      && sim->pool_count < sim->config.max_threads)
    {
      AwlThread *w;

      sim->goal = MAX (sim->goal, sim->pool_count) + 1;
      sim->starvation_injections++;
      emit_goal (sim, AWL_POOL_STARVATION);
      w = pool_thread_new (sim);
      awl_thread_want_core (sim, w);
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

void
awl_pool_on_inject (AwlSim *sim)
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

void
awl_pool_on_retire (AwlSim    *sim,
                    AwlThread *t)
{
  if (t->exited || t->state != AWL_THREAD_STATE_IDLE || sim->pool_count <= sim->min_threads)
    return;
  g_queue_remove (&sim->idle, t);
  sim->pool_count--;
  if (sim->goal > MAX (sim->min_threads, sim->pool_count))
    sim->goal--;
  awl_thread_exit (sim, t);
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

/* Work is queued, items complete, and pool threads are blocked (not in a task wait being
 * compensated). .NET's hill climbing does not know about the blocking: its throughput
 * samples are noisy and it adds threads slowly (see HILL_BLOCKED_*). Awaitlab probes one
 * thread up after a run of such samples, only while a core is idle. */
static void
hill_blocked_probe (AwlSim *sim)
{
  guint wait = sim->hill_blocked_probes == 0 ? HILL_BLOCKED_FIRST
               : sim->hill_blocked_probes == 1 ? HILL_BLOCKED_SECOND : HILL_BLOCKED_NEXT;

  sim->hill_last_rate = -1;
  sim->hill_last_move = 0;
  if (++sim->hill_blocked_samples < wait || sim->busy_cores >= sim->config.cores
      || sim->goal >= sim->config.max_threads)
    return;
  sim->hill_blocked_samples = 0;
  sim->hill_blocked_probes++;
  sim->goal++;
  emit_goal (sim, AWL_POOL_HILL_CLIMBING);
  pool_wake (sim);
}

void
awl_pool_on_hill (AwlSim *sim)
{
  AwlTime dt = sim->now - sim->hill_last_time;
  guint64 done = sim->pool_done - sim->hill_last_done;
  double rate = dt > 0 ? (double) done * 1e9 / (double) dt : 0;
  int move = 0;

  sim->hill_pending = FALSE;
  sim->hill_last_time = sim->now;
  sim->hill_last_done = sim->pool_done;

  if (sim->pending_items > 0 && done > 0 && !sim->inject_pending && pool_has_blocked (sim)
      && sim->config.profile == AWL_PROFILE_NET8)
    {
      hill_blocked_probe (sim);
      schedule_hill (sim);
      return;
    }
  sim->hill_blocked_samples = 0;
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

/* @t takes @item, queued in its own local queue, to run it inline (a blocking wait on a
 * task not yet started). */
void
awl_pool_take_local (AwlSim      *sim,
                     AwlThread   *t,
                     AwlWorkItem *item)
{
  g_queue_delete_link (&t->local, item->link);
  sim->pending_items--;
}

/* A pool thread finished a work item: the throughput hill climbing samples. */
void
awl_pool_item_done (AwlSim *sim)
{
  sim->pool_done++;
  /* .NET records a completed work item as progress for the gate too. */
  if (sim->config.profile == AWL_PROFILE_NET8)
    sim->last_dequeue = sim->now;
}

/* A worker ran out of work: it waits, newest on top, and retires after RETIRE_AFTER. */
void
awl_pool_worker_idle (AwlSim    *sim,
                      AwlThread *t)
{
  t->idle_since = sim->now;
  t->gen++;
  g_queue_push_tail (&sim->idle, t);
  awl_sim_schedule (sim, sim->now + RETIRE_AFTER, EV_RETIRE, t->gen, t, FALSE);
}

AwlWorkItem *
awl_pool_find_work (AwlSim    *sim,
                    AwlThread *t,
                    gint32    *how)
{
  AwlWorkItem *item;

  *how = 0;
  item = g_queue_pop_tail (&t->local);
  if (item == NULL)
    item = g_queue_pop_head (&sim->high);
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
