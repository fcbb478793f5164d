/* awaitlab-application.h */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AWAITLAB_TYPE_APPLICATION (awaitlab_application_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabApplication, awaitlab_application, AWAITLAB, APPLICATION, AdwApplication)

AwaitlabApplication *awaitlab_application_new             (void);
int                  awaitlab_application_get_exit_status (AwaitlabApplication *self);

G_END_DECLS
