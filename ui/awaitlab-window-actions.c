/* awaitlab-window-actions.c
 *
 * What the user can ask the window for: one callback per action, the keys
 * bound to them, and the media keys that work whatever has the focus.
 */

#include <glib/gi18n.h>

#include "awaitlab-window-private.h"
#include "export/awaitlab-export-dialog.h"

/* ------------------------------------------------------------------------- */
/* Playback                                                                  */

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  awaitlab_workspace_toggle_playing (AWAITLAB_WINDOW (widget)->workspace);
}

static void
step_forward_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  awaitlab_workspace_step (AWAITLAB_WINDOW (widget)->workspace, 1);
}

static void
step_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  awaitlab_workspace_step (AWAITLAB_WINDOW (widget)->workspace, -1);
}

static void
seek_start_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  awaitlab_workspace_seek_start (AWAITLAB_WINDOW (widget)->workspace);
}

static void
seek_end_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  awaitlab_workspace_seek_end (AWAITLAB_WINDOW (widget)->workspace);
}

static void
next_bookmark_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  awaitlab_workspace_jump_bookmark (AWAITLAB_WINDOW (widget)->workspace, 1);
}

static void
previous_bookmark_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  awaitlab_workspace_jump_bookmark (AWAITLAB_WINDOW (widget)->workspace, -1);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);

  awaitlab_time_range_fit (awaitlab_timeline_view_get_time_range (self->timeline_view));
}

/* ------------------------------------------------------------------------- */
/* Layout                                                                    */

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  awaitlab_sidebar_focus_search (self->sidebar);
}

static void
inspector_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);

  awaitlab_window_set_inspector_visible (self, !gtk_widget_get_visible (GTK_WIDGET (self->inspector)));
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);

  awaitlab_window_set_compare (self, !awaitlab_workspace_get_compare (self->workspace));
}

static void
presentation_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);

  awaitlab_window_set_presentation (self, !self->presentation);
}

static void
scale_by (AwaitlabWindow *self,
          double          delta)
{
  double s = awaitlab_timeline_view_get_scale (self->timeline_view) + delta;

  awaitlab_timeline_view_set_scale (self->timeline_view, s);
  awaitlab_code_view_set_font_scale (self->code_view, MAX (0.5, s));
}

static void
bigger_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  scale_by (AWAITLAB_WINDOW (widget), 0.25);
}

static void
smaller_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  scale_by (AWAITLAB_WINDOW (widget), -0.25);
}

/* ------------------------------------------------------------------------- */
/* Files and editing                                                         */

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  _awaitlab_window_run_text (AWAITLAB_WINDOW (widget));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  _awaitlab_window_new_scenario (AWAITLAB_WINDOW (widget));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);

  if (self->file != NULL)
    _awaitlab_window_save (self, self->file);
  else
    _awaitlab_window_save_as (self);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _awaitlab_window_save_as (AWAITLAB_WINDOW (widget));
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  AwaitlabWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        awaitlab_window_open_file (self, file);
    }
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Scenario"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("C# scenarios (*.csx)"));
  gtk_file_filter_add_pattern (filter, "*.csx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);
  AwaitlabDocument *document = awaitlab_workspace_get_document (self->workspace);

  if (document == NULL)
    return;
  awaitlab_export_dialog_present (GTK_WINDOW (self), self->toasts, document,
                                  awaitlab_playback_get_time (awaitlab_workspace_get_playback (self->workspace)));
}

/* ------------------------------------------------------------------------- */
/* Keys that work whatever has the focus                                     */

/* The user is typing: the focus is an entry's text or the editable code. */
static gboolean
typing (AwaitlabWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return FALSE;
  if (GTK_IS_TEXT (focus))
    return TRUE;
  return GTK_IS_TEXT_VIEW (focus) && gtk_text_view_get_editable (GTK_TEXT_VIEW (focus));
}

/* An open popover (the speed list, a menu) gets its keys: its events come
 * from its own surface. */
static gboolean
in_popover (AwaitlabWindow *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (self->media_keys);
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));

  return event != NULL && native != NULL && gdk_event_get_surface (event) != gtk_native_get_surface (native);
}

/* A media key: its action, unless the user is typing. Declining (FALSE) lets
 * the key go on to the focused widget. */
static gboolean
media_key (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);

  if (typing (self) || in_popover (self))
    return FALSE;
  return gtk_widget_activate_action (widget, user_data, NULL);
}

/* A key that works even while typing: Ctrl+Enter runs, F10 shows the Inspector. */
static gboolean
command_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);

  if (in_popover (self))
    return FALSE;
  return gtk_widget_activate_action (widget, user_data, NULL);
}

/* Escape in the code view hands the keys back to the timeline. */
static gboolean
leave_code (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->code_view)))
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));
}

static void
add_key (GtkShortcutController *controller,
         guint                  keyval,
         GdkModifierType        modifiers,
         GtkShortcutFunc        func,
         const char            *action_name)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                          gtk_callback_action_new (func, (gpointer)action_name, NULL)));
}

/* The capture phase sees every key before the focused widget does, so a
 * focused button, scale or list cannot swallow Space or the arrows; the
 * callbacks decline while the user types. */
void
_awaitlab_window_actions_init (AwaitlabWindow *self)
{
  GtkShortcutController *keys = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());

  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (keys), "media-keys");
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (keys), GTK_PHASE_CAPTURE);
  add_key (keys, GDK_KEY_space, 0, media_key, "win.play");
  add_key (keys, GDK_KEY_Right, 0, media_key, "win.step-forward");
  add_key (keys, GDK_KEY_Left, 0, media_key, "win.step-back");
  add_key (keys, GDK_KEY_Home, 0, media_key, "win.seek-start");
  add_key (keys, GDK_KEY_End, 0, media_key, "win.seek-end");
  add_key (keys, GDK_KEY_Page_Down, 0, media_key, "win.next-bookmark");
  add_key (keys, GDK_KEY_Page_Up, 0, media_key, "win.previous-bookmark");
  add_key (keys, GDK_KEY_Return, GDK_CONTROL_MASK, command_key, "win.run");
  add_key (keys, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, command_key, "win.run");
  add_key (keys, GDK_KEY_F10, 0, command_key, "win.inspector");
  add_key (keys, GDK_KEY_Escape, 0, leave_code, NULL);
  self->media_keys = GTK_EVENT_CONTROLLER (keys);
  gtk_widget_add_controller (GTK_WIDGET (self), self->media_keys);
}

/* Playback and editing need a run; export needs a document. */
void
_awaitlab_window_actions_update (AwaitlabWindow *self)
{
  static const char *actions[] = {
    "win.play", "win.step-forward", "win.step-back", "win.seek-start", "win.seek-end",
    "win.next-bookmark", "win.previous-bookmark", "win.zoom-fit",
    "win.run", "win.save", "win.save-as", "win.compare",
  };
  AwaitlabDocument *document = awaitlab_workspace_get_document (self->workspace);
  gboolean have = awaitlab_playback_get_timeline (awaitlab_workspace_get_playback (self->workspace)) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", document != NULL);
}

void
_awaitlab_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.step-forward", NULL, step_forward_action);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, step_back_action);
  gtk_widget_class_install_action (widget_class, "win.seek-start", NULL, seek_start_action);
  gtk_widget_class_install_action (widget_class, "win.seek-end", NULL, seek_end_action);
  gtk_widget_class_install_action (widget_class, "win.next-bookmark", NULL, next_bookmark_action);
  gtk_widget_class_install_action (widget_class, "win.previous-bookmark", NULL, previous_bookmark_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.inspector", NULL, inspector_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "win.presentation", NULL, presentation_action);
  gtk_widget_class_install_action (widget_class, "win.bigger", NULL, bigger_action);
  gtk_widget_class_install_action (widget_class, "win.smaller", NULL, smaller_action);
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);

  /* Ordinary bindings: a focused text entry sees these first (bubble phase).
   * Ctrl+Enter is listed once, with Return, so menus show "Ctrl+Enter"; the
   * media keys above also take Ctrl+KP_Enter. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, 0, "win.inspector", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.compare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.bigger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.bigger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.smaller", NULL);
}
