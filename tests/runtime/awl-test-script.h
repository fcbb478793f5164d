/* awl-test-script.h
 *
 * Test support: a tiny op-list frame class built from C calls, with eight value
 * registers per frame (0..7) and eight shared by all frames of a test (8..15), to hand-build work items for the runtime tests. Each op's source line is
 * its index + 1, so lints and outputs can be checked against op numbers.
 */

#pragma once

#include "awl-runtime.h"

G_BEGIN_DECLS

typedef struct _AwlTestScript AwlTestScript;

/* A new script (owned by the test registry; freed by awl_test_scripts_free_all()). */
AwlTestScript *awl_test_script_new        (const char *name, AwlFrameFlags flags);
/* Exceptions resumed into this script are printed as "caught Type: message" instead of
 * propagating. */
void awl_test_script_catch_all            (AwlTestScript *s);
void awl_test_script_cpu                  (AwlTestScript *s, AwlTime ns);
void awl_test_script_output               (AwlTestScript *s, const char *text);
void awl_test_script_print                (AwlTestScript *s, int reg);          /* prints R[reg] */
void awl_test_script_sleep                (AwlTestScript *s, AwlTime ns);
void awl_test_script_sync_io              (AwlTestScript *s, AwlTime ns, gboolean fail);
void awl_test_script_delay                (AwlTestScript *s, int dest, AwlTime ns, int token_reg);
void awl_test_script_io                   (AwlTestScript *s, int dest, AwlTime ns, gboolean fail, const char *result);
void awl_test_script_await                (AwlTestScript *s, int reg, gboolean coc, int dest);
void awl_test_script_await_yield          (AwlTestScript *s);
void awl_test_script_wait                 (AwlTestScript *s, int reg, AwlWaitKind kind, int dest);
/* task.Wait(timeout) (awl_step_wait_timeout): dest gets true/false. */
void awl_test_script_wait_timeout         (AwlTestScript *s, int reg, AwlWaitKind kind, AwlTime timeout, int dest);
void awl_test_script_call                 (AwlTestScript *s, AwlTestScript *callee, int dest);
void awl_test_script_run                  (AwlTestScript *s, AwlTestScript *body, int dest);
void awl_test_script_start_new            (AwlTestScript *s, AwlTestScript *body, AwlTaskOptions o, int dest);
void awl_test_script_return               (AwlTestScript *s, int reg);          /* -1 = null */
void awl_test_script_return_string        (AwlTestScript *s, const char *value);
void awl_test_script_throw                (AwlTestScript *s, const char *type, const char *message);
void awl_test_script_tcs_new              (AwlTestScript *s, int dest, AwlTaskOptions o);
void awl_test_script_tcs_task             (AwlTestScript *s, int dest, int tcs_reg);
void awl_test_script_tcs_set              (AwlTestScript *s, int tcs_reg, const char *value);
void awl_test_script_when_all             (AwlTestScript *s, int dest, int first, int n);
/* The generic Task.WhenAll<TResult> (AWL_WHEN_ALL_ARGUMENT_ORDER). */
void awl_test_script_when_all_of          (AwlTestScript *s, int dest, int first, int n);
void awl_test_script_when_any             (AwlTestScript *s, int dest, int first, int n);
void awl_test_script_sem_new              (AwlTestScript *s, int dest, guint initial);
/* new SemaphoreSlim(initial, max). */
void awl_test_script_sem_new_max          (AwlTestScript *s, int dest, guint initial, guint max);
void awl_test_script_sem_wait             (AwlTestScript *s, int sem);
/* WaitAsync(cts.Token). */
void awl_test_script_sem_wait_async_token (AwlTestScript *s, int dest, int sem, int cts);
void awl_test_script_sem_wait_async       (AwlTestScript *s, int dest, int sem);
void awl_test_script_sem_release          (AwlTestScript *s, int sem);
void awl_test_script_cts_new              (AwlTestScript *s, int dest, AwlTime delay);
void awl_test_script_cts_cancel           (AwlTestScript *s, int cts);
void awl_test_script_cts_cancel_after     (AwlTestScript *s, int cts, AwlTime delay);
void awl_test_script_register             (AwlTestScript *s, int cts, AwlTestScript *callback);
void awl_test_script_object_new           (AwlTestScript *s, int dest);
void awl_test_script_lock                 (AwlTestScript *s, int obj);
void awl_test_script_unlock               (AwlTestScript *s, int obj);
void awl_test_script_thread_new           (AwlTestScript *s, int dest, AwlTestScript *body);
void awl_test_script_thread_start         (AwlTestScript *s, int thread);
void awl_test_script_join                 (AwlTestScript *s, int thread);
void awl_test_script_yield_return         (AwlTestScript *s, const char *value);
void awl_test_script_await_foreach        (AwlTestScript *s, int enumerator);   /* prints each */
void awl_test_script_set_min_threads      (AwlTestScript *s, guint n);
void awl_test_script_set_int              (AwlTestScript *s, int dest, gint64 v);
void awl_test_script_print_exception_of   (AwlTestScript *s, int task_reg);    /* Task.Exception */

/* Ops after this call form a finally block: an exception in the ops before it jumps
 * there, and is rethrown at the end (the DisposeAsync marker included). */
void awl_test_script_finally              (AwlTestScript *s);
void awl_test_script_quwi                 (AwlTestScript *s, AwlTestScript *body);
void awl_test_script_context_post         (AwlTestScript *s, AwlTestScript *body);
void awl_test_script_send                 (AwlTestScript *s, AwlTestScript *body);
void awl_test_script_from_exception       (AwlTestScript *s, int dest, const char *type, const char *message);
void awl_test_script_from_canceled        (AwlTestScript *s, int dest);
void awl_test_script_from_result          (AwlTestScript *s, int dest, const char *value);
void awl_test_script_throw_if_canceled    (AwlTestScript *s, int cts);
void awl_test_script_move_next           (AwlTestScript *s, int dest, int enumerator);
void awl_test_script_print_current        (AwlTestScript *s, int enumerator);
void awl_test_script_dispose              (AwlTestScript *s, int dest, int enumerator);
void awl_test_script_print_when_all_results (AwlTestScript *s, int task_reg);
void awl_test_script_print_thread_id      (AwlTestScript *s, int thread_reg);  /* -1 = current */
void awl_test_script_print_status         (AwlTestScript *s, int task_reg);

/* A frame running @s. */
AwlFrame *awl_test_script_instantiate     (AwlSim *sim, AwlTestScript *s);
/* Frees every script created so far. */
void      awl_test_scripts_free_all       (void);

/* Runs @main (as Main / Button_Click / each request) with @config; returns the trace. */
AwlTrace *awl_test_run                    (const AwlConfig *config, AwlTestScript *main);
/* "T Thread text; …" with T in ms (%g). Free with g_free. */
char     *awl_test_output                 (AwlTrace *trace);
/* TRUE if a lint of @kind exists; *line set to its line. */
gboolean  awl_test_has_lint               (AwlTrace *trace, AwlLintKind kind, int *line);

/* Shorthands shared by the runtime test programs. */
#define S(name)   awl_test_script_new (name, 0)
#define A(name)   awl_test_script_new (name, AWL_FRAME_ASYNC)
#define AV(name)  awl_test_script_new (name, AWL_FRAME_ASYNC | AWL_FRAME_ASYNC_VOID)
#define IT(name)  awl_test_script_new (name, AWL_FRAME_ASYNC_ITERATOR)

#define ASSERT_OUTPUT(trace, expected) G_STMT_START { \
  g_autofree char *_out = awl_test_output (trace); \
  g_assert_cmpstr (_out, ==, expected); } G_STMT_END

/* The default configuration with @env and @cores. */
static inline AwlConfig
config (AwlEnvironment env,
        guint          cores)
{
  AwlConfig c;

  awl_config_init (&c);
  c.environment = env;
  c.cores = cores;
  return c;
}

/* Ends a test: frees the trace and every script. */
static inline void
teardown (AwlTrace *trace)
{
  awl_trace_unref (trace);
  awl_test_scripts_free_all ();
}

G_END_DECLS
