/* awl-context-private.h
 *
 * Synchronization contexts (UI, classic ASP.NET) and the environments that drive a run
 * (console Main, UI event, web requests).
 */

#pragma once

#include "awl-pool-private.h"

G_BEGIN_DECLS

struct _AwlContext
{
  AwlContextKind kind;
  guint          id;                   /* request index for ASP.NET */
  AwlThread     *holder;               /* ASP.NET: thread inside */
  GQueue         pending;              /* ASP.NET: items waiting for the context */
  AwlWorkItem   *in_pool;              /* ASP.NET: the item released to the pool */
  AwlValue       object;               /* CUSTOM: the scenario's context object */
  AwlContextPostFunc post;             /* CUSTOM: runs its Post (awl-context-custom.c) */
  gpointer       post_data;
};

/* awl-context-custom.c */
void awl_context_custom_post (AwlSim *sim, AwlContext *ctx, AwlWorkItem *item);

/* awl-context.c */
AwlContext *awl_sim_current_context (AwlSim *sim, AwlThread *thread);
void awl_context_ui_enqueue (AwlSim *sim, AwlWorkItem *item);
void awl_sim_post (AwlSim *sim, AwlContext *ctx, AwlWorkItem *item);
void awl_context_release_next (AwlSim *sim, AwlContext *ctx);
void awl_env_request_end (AwlSim *sim, guint index, gboolean failed);
void awl_env_on_request (AwlSim *sim, guint index);
void awl_env_setup (AwlSim *sim);
gboolean awl_env_is_main_entry (AwlSim *sim, AwlThread *thread, AwlFrame *frame);
gboolean awl_env_done (AwlSim *sim);

G_END_DECLS
