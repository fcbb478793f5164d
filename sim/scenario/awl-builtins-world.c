/* awl-builtins-world.c
 *
 * The simulated world that replaces real I/O and work: Http.GetAsync/Get,
 * Db.QueryAsync/Query (asynchronous or blocking I/O taking a given time, failing on
 * demand) and Cpu.Work (CPU-bound work that needs a core).
 */

#include "awl-builtins-private.h"

static AwlBiResult
io_call (AwlBiCall *call,
         gboolean   is_async,
         gboolean   is_http)
{
  AwlSim *sim = call->sim;
  guint pos = bi_n_positional (call);
  const char *what;
  AwlTime ns;
  AwlValue *fail = bi_named_arg (call, "fail");
  AwlValue *failures = bi_named_arg (call, "failures");
  AwlValue *body = bi_named_arg (call, "body");
  AwlObject *token = NULL, *exc = NULL;
  AwlValue result;
  const char *label;
  guint count;

  if (pos < 2 || !bi_arg_time (call->args[1], &ns))
    return bi_throw (call, "ArgumentOutOfRangeException",
                     awl_sim_intern_printf (sim, "%s needs (%s, milliseconds)",
                                            call->site->member, is_http ? "url" : "sql"));
  what = bi_to_string (sim, call->args[0]);
  if (pos >= 3)
    token = bi_arg_token (call->args[2]);
  if (bi_named_arg (call, "token"))
    token = bi_arg_token (*bi_named_arg (call, "token"));
  if (bi_named_arg (call, "cancellationToken"))
    token = bi_arg_token (*bi_named_arg (call, "cancellationToken"));

  count = GPOINTER_TO_UINT (g_hash_table_lookup (call->run->failures, what)) + 1;
  g_hash_table_replace (call->run->failures, g_strdup (what), GUINT_TO_POINTER (count));

  if ((fail && fail->kind == AWL_VALUE_BOOL && fail->b) ||
      (failures && bi_arg_int (*failures, 0) >= (gint64) count))
    {
      if (is_http)
        exc = awl_sim_exception_new (sim, "HttpRequestException",
                                     "Response status code does not indicate success: 503 (Service Unavailable).");
      else
        exc = awl_sim_exception_new (sim, "TimeoutException",
                                     "Execution Timeout Expired. The timeout period elapsed prior to completion of the operation.");
    }

  if (is_http)
    {
      label = awl_sim_intern_printf (sim, "GET %s", what);
      /* body: stands for the server's answer (a JSON document to parse, say). */
      if (body != NULL && body->kind == AWL_VALUE_STRING)
        result = *body;
      else
        result = awl_value_string (awl_sim_intern_printf (sim, "response from %s", what));
    }
  else
    {
      label = awl_sim_intern_printf (sim, "SQL %s", what);
      result = awl_value_int (1);
    }

  if (is_async)
    return bi_value (call, awl_value_object (awl_sim_io_async (sim, label, ns, result, exc, token)));

  awl_step_sync_io (call->s, label, ns, exc);
  return bi_action_value (call, result);
}

/* data: 1 = asynchronous, + 2 = Http (else Db). */
AWL_BI (world_io)
{
  return io_call (call, (call->api->data & 1) != 0, (call->api->data & 2) != 0);
}

AWL_BI (cpu_work)
{
  AwlTime ns;

  if (!bi_arg_time (call->args[0], &ns))
    return bi_throw (call, "ArgumentOutOfRangeException", "Cpu.Work needs a non-negative number of milliseconds");
  awl_step_cpu (call->s, ns);
  return bi_action (call);
}

static const AwlKnownApi rows[] = {
  { "Http", "GetAsync", AWL_SM, 2, 6, "fail failures token body", 0, world_io, 3, "string s = await Http.GetAsync(\"https://x\", 10);" },
  { "Http", "Get", AWL_SM, 2, 5, "fail failures body", 0, world_io, 2, "string s = Http.Get(\"https://x\", 10);" },
  { "Db", "QueryAsync", AWL_SM, 2, 5, "fail failures token", 0, world_io, 1, "int n = await Db.QueryAsync(\"SELECT 1\", 10);" },
  { "Db", "Query", AWL_SM, 2, 4, "fail failures", 0, world_io, 0, "int n = Db.Query(\"SELECT 1\", 10);" },
  { "Cpu", "Work", AWL_SM, 1, 1, NULL, 0, cpu_work, 0, "Cpu.Work(5);" },
};

const AwlApiFamily awl_api_family_world = { "World", rows, G_N_ELEMENTS (rows) };
