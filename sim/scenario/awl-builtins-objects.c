/* awl-builtins-objects.c
 *
 * SynchronizationContext subclasses written in a scenario: installing one with
 * SetSynchronizationContext, the `d` (SendOrPostCallback) its Post override gets
 * for each continuation, and what `base.Post` / `base.Send` do (.NET's default
 * context: Post queues to the pool, Send runs inline).
 */

#include "awl-builtins-private.h"

/* The callback of one posted item: invoking it runs the item on the invoking thread. */
typedef struct
{
  AwlForeign   parent;
  AwlWorkItem *item;     /* NULL once it ran */
} AwlPostCallback;

static void
post_callback_finalize (AwlForeign *self)
{
  AwlPostCallback *cb = (AwlPostCallback *) self;

  /* The override never invoked it: the continuation never runs (as in .NET). */
  g_clear_pointer (&cb->item, awl_work_item_discard);
}

static void
post_callback_to_string (AwlForeign *self,
                         GString    *out)
{
  g_string_append (out, "System.Threading.SendOrPostCallback");
}

const AwlForeignClass awl_post_callback_class = { "SendOrPostCallback", post_callback_finalize,
                                                  post_callback_to_string };

/* The runtime posts @item to the context object @object: a frame running the
 * object's Post(d, state) override, or NULL (no override: the runtime queues the
 * item to the pool, which is what SynchronizationContext.Post does). */
static AwlFrame *
custom_post (AwlSim      *sim,
             AwlValue     object,
             AwlWorkItem *item,
             gpointer     data)
{
  AwlRun *run = data;
  AwlInstance *inst = awl_value_get_foreign (object, &awl_instance_class);
  AwlCode *code = inst != NULL ? g_hash_table_lookup (inst->klass->methods, "Post") : NULL;
  AwlPostCallback *cb;
  AwlValue args[3];

  if (code == NULL || code->func == NULL || code->func->n_params != 3)
    return NULL;
  cb = awl_sim_foreign_new (sim, &awl_post_callback_class, sizeof (AwlPostCallback));
  cb->item = item;
  args[0] = object;
  args[1] = awl_value_object (cb);
  args[2] = awl_value_null ();
  return awl_interp_frame_new (run, code, args, 3, NULL);
}

gboolean
awl_custom_context_current (AwlSim   *sim,
                            AwlValue *out)
{
  AwlContext *ctx = awl_sim_get_custom_context (sim);

  if (ctx == NULL)
    return FALSE;
  *out = awl_context_get_object (ctx);
  return TRUE;
}

AWL_BI (set_sync_context)
{
  AwlInstance *inst = awl_value_get_foreign (call->args[0], &awl_instance_class);

  if (awl_value_is_null (call->args[0]))
    {
      awl_sim_set_sync_context (call->sim, NULL);
      return bi_value (call, awl_value_null ());
    }
  if (inst == NULL)
    {
      /* SynchronizationContext.Current saved and put back: the thread's own context
       * (UI, request) is there again once no custom one is installed. */
      awl_sim_set_sync_context (call->sim, NULL);
      return bi_value (call, awl_value_null ());
    }
  if (inst->klass->is_a == NULL || !g_hash_table_contains (inst->klass->is_a, "SynchronizationContext"))
    return bi_throw (call, "InvalidCastException",
                     awl_sim_intern_printf (call->sim, "Unable to cast object of type '%s' to type "
                                            "'System.Threading.SynchronizationContext'.", inst->klass->name));
  if (inst->context == NULL)
    inst->context = awl_sim_context_new_custom (call->sim, call->args[0], custom_post, call->run);
  awl_sim_set_sync_context (call->sim, inst->context);
  return bi_value (call, awl_value_null ());
}

AwlBiResult
awl_post_callback_invoke (AwlBiCall *call)
{
  AwlPostCallback *cb = awl_value_get_foreign (call->target, &awl_post_callback_class);
  AwlWorkItem *item;

  if (cb == NULL)
    return bi_null_reference (call);
  if (cb->item == NULL)
    return bi_throw (call, "InvalidOperationException",
                     "this continuation already ran: a posted callback resumes its await once (Awaitlab)");
  item = g_steal_pointer (&cb->item);
  awl_sim_run_posted (call->sim, item);
  /* The continuation runs on this thread before the caller's next step. */
  return bi_value_yield (call, awl_value_null ());
}

AWL_BI (post_callback_invoke)
{
  return awl_post_callback_invoke (call);
}

/* base.Post(d, state): queue d(state) to the pool, as SynchronizationContext.Post does. */
static int
base_post (AwlBiCall *call)
{
  AwlPostCallback *cb = awl_value_get_foreign (call->args[0], &awl_post_callback_class);
  AwlFrame *frame;

  if (cb != NULL)
    {
      if (cb->item == NULL)
        return bi_throw (call, "InvalidOperationException",
                         "this continuation already ran: a posted callback resumes its await once (Awaitlab)");
      awl_sim_queue_posted (call->sim, g_steal_pointer (&cb->item));
      return bi_value (call, awl_value_null ());
    }
  frame = bi_action_arg_frame (call, call->args[0], 1);
  if (frame == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'd')");
  awl_sim_queue_user_work_item (call->sim, frame);
  return bi_value (call, awl_value_null ());
}

/* base.Send(d, state): d(state) now, on this thread. */
static int
base_send (AwlBiCall *call)
{
  AwlFrame *frame;

  if (awl_value_get_foreign (call->args[0], &awl_post_callback_class) != NULL)
    {
      AwlValue d = call->target;
      AwlBiResult r;

      call->target = call->args[0];
      r = awl_post_callback_invoke (call);
      call->target = d;
      return r;
    }
  frame = bi_action_arg_frame (call, call->args[0], 1);
  if (frame == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'd')");
  awl_step_call (call->s, frame);
  return bi_action_value (call, awl_value_null ());
}

const AwlKnownApi awl_context_base_post = { "SynchronizationContext", "Post", AWL_API_STATIC_METHOD, 2, 2, NULL, 0,
                                            base_post, 0, NULL, 0 };
const AwlKnownApi awl_context_base_send = { "SynchronizationContext", "Send", AWL_API_STATIC_METHOD, 2, 2, NULL, 0,
                                            base_send, 0, NULL, 0 };

/* object.ToString(): the name of the object's class, whatever overrides it. */
static int
object_base_to_string (AwlBiCall *call)
{
  AwlInstance *inst = awl_value_get_foreign (call->args[0], &awl_instance_class);

  if (inst == NULL)
    return bi_null_reference (call);
  return bi_value (call, awl_value_string (awl_sim_intern (call->sim, inst->klass->name)));
}

/* object.Equals(o): the same object. */
static int
object_base_equals (AwlBiCall *call)
{
  return bi_value (call, awl_value_bool (awl_value_equal (call->args[0], call->args[1])));
}

const AwlKnownApi awl_object_base_to_string = { "object", "ToString", AWL_API_STATIC_METHOD, 1, 1, NULL, 0,
                                                object_base_to_string, 0, NULL, 0 };
const AwlKnownApi awl_object_base_equals = { "object", "Equals", AWL_API_STATIC_METHOD, 2, 2, NULL, 0,
                                             object_base_equals, 0, NULL, 0 };

#define CTX "class Ctx : SynchronizationContext { public override void Post(SendOrPostCallback d, object s) { ThreadPool.QueueUserWorkItem(_ => d.Invoke(s)); } }\n"

static const AwlKnownApi rows[] = {
  { "SynchronizationContext", "SetSynchronizationContext", AWL_SM, 1, 1, NULL, 0, set_sync_context, 0,
    CTX "SynchronizationContext.SetSynchronizationContext(new Ctx()); await Task.Delay(1);" },
  { "SendOrPostCallback", "Invoke", AWL_IM, 1, 1, NULL, 0, post_callback_invoke, 0,
    CTX "SynchronizationContext.SetSynchronizationContext(new Ctx()); await Task.Yield();" },
};

#undef CTX

const AwlApiFamily awl_api_family_objects = { "Objects", rows, G_N_ELEMENTS (rows) };
