/* awaitlab-application.c
 *
 * The GtkApplication: opens files and questions, app-wide actions, the
 * preferences, and the offscreen --screenshot mode used for docs and reviews.
 */

#include <glib/gi18n.h>
#include <stdlib.h>

#include "awaitlab-application.h"
#include "awaitlab-screenshot.h"
#include "awaitlab-window-private.h"

#define APP_ID "org.awaitlab.Awaitlab"

struct _AwaitlabApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;

  /* Command line */
  guint           question;
  char           *screenshot;
  char           *time;
  char           *panel;
  gboolean        inspector;
  gboolean        compare;
  gboolean        presentation;
  guint           compare_started : 1;
  int             width;
  int             height;

  /* Screenshot mode */
  AwaitlabWindow *shot_window;
  guint           shot_source;
  guint           shot_frames;
  guint           settled_frames;
  int             exit_status;
};

G_DEFINE_FINAL_TYPE (AwaitlabApplication, awaitlab_application, ADW_TYPE_APPLICATION)

/* "end", "250ms", "1.5s", "40us", "900ns"; a bare number is milliseconds. */
static gboolean
parse_time (const char *text,
            gint64     *out)
{
  char *end = NULL;
  double value;

  if (g_strcmp0 (text, "end") == 0)
    {
      *out = -1;
      return TRUE;
    }

  value = g_ascii_strtod (text, &end);
  if (end == text || value < 0)
    return FALSE;

  if (*end == 0 || g_str_equal (end, "ms"))
    *out = (gint64)(value * 1e6);
  else if (g_str_equal (end, "s"))
    *out = (gint64)(value * 1e9);
  else if (g_str_equal (end, "us") || g_str_equal (end, "µs"))
    *out = (gint64)(value * 1e3);
  else if (g_str_equal (end, "ns"))
    *out = (gint64)value;
  else
    return FALSE;

  return TRUE;
}

static void
finish_screenshot (AwaitlabApplication *self,
                   int                  status)
{
  self->exit_status = status;
  g_clear_handle_id (&self->shot_source, g_source_remove);
  g_application_quit (G_APPLICATION (self));
}

static gboolean
screenshot_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  AwaitlabApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  /* Let layout and a couple of frames settle (revealers, scrolling). */
  if (self->shot_frames == 2)
    awaitlab_code_view_rescroll (awaitlab_window_get_code_view (AWAITLAB_WINDOW (widget)));
  /* The code view relays its lines out over several frames after the
   * presentation font and the last scroll; its note follows. The picture
   * waits until that has held still for two frames (its last move laid out). */
  if (awaitlab_code_view_get_settled (awaitlab_window_get_code_view (AWAITLAB_WINDOW (widget))))
    self->settled_frames++;
  else
    self->settled_frames = 0;
  if (++self->shot_frames < 6 || !gtk_widget_get_mapped (widget) ||
      (self->settled_frames < 2 && self->shot_frames < 120))
    {
      gtk_widget_queue_draw (widget);
      return G_SOURCE_CONTINUE;
    }

  /* The first frames after mapping may not have produced a render node yet;
   * keep trying for a while before calling it a failure. */
  if (!awaitlab_screenshot_widget (widget, self->screenshot, &error))
    {
      if (self->shot_frames < 120)
        {
          gtk_widget_queue_draw (widget);
          return G_SOURCE_CONTINUE;
        }
      g_printerr ("awaitlab: %s\n", error->message);
      finish_screenshot (self, 1);
    }
  else
    finish_screenshot (self, 0);

  return G_SOURCE_REMOVE;
}

static gboolean
screenshot_poll (gpointer user_data)
{
  AwaitlabApplication *self = user_data;
  AwaitlabWindow *window = self->shot_window;
  AwaitlabPlayback *playback;
  gint64 time = -1;

  if (awaitlab_window_get_busy (window))
    return G_SOURCE_CONTINUE;

  /* Compare mode runs B once A is there. */
  if (self->compare && !self->compare_started && awaitlab_window_get_document (window) != NULL)
    {
      self->compare_started = TRUE;
      awaitlab_window_set_compare (window, TRUE);
      return G_SOURCE_CONTINUE;
    }

  self->shot_source = 0;
  if (self->panel != NULL)
    awaitlab_window_show_panel (window, self->panel);
  if (self->inspector)
    awaitlab_window_set_inspector_visible (window, TRUE);
  if (self->presentation)
    awaitlab_window_set_presentation (window, TRUE);

  if (awaitlab_window_get_error_text (window) != NULL)
    {
      g_printerr ("awaitlab: %s\n", awaitlab_window_get_error_text (window));
      finish_screenshot (self, 1);
      return G_SOURCE_REMOVE;
    }

  playback = awaitlab_window_get_playback (window);
  if (self->time != NULL)
    parse_time (self->time, &time);
  if (awaitlab_window_get_document (window) == NULL)
    ;
  else if (self->time == NULL || time < 0)
    awaitlab_playback_seek_end (playback);
  else
    awaitlab_playback_seek_time (playback, time);

  gtk_widget_add_tick_callback (GTK_WIDGET (window), screenshot_tick, self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  return G_SOURCE_REMOVE;
}

static AwaitlabWindow *
get_window (AwaitlabApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (awaitlab_window_new (GTK_APPLICATION (self)));
      if (self->width > 0 && self->height > 0)
        {
          gtk_window_unmaximize (window);
          gtk_window_set_default_size (window, self->width, self->height);
        }
    }

  return AWAITLAB_WINDOW (window);
}

static void
start (AwaitlabApplication *self,
       GFile               *file)
{
  AwaitlabWindow *window = get_window (self);

  if (file != NULL)
    awaitlab_window_open_file (window, file);
  else if (self->question > 0 && !awaitlab_window_open_question (window, self->question))
    {
      g_printerr (_("awaitlab: no scenario answers question %u\n"), self->question);
      if (self->screenshot != NULL)
        {
          self->exit_status = 1;
          gtk_window_destroy (GTK_WINDOW (window));
          return;
        }
    }

  gtk_window_present (GTK_WINDOW (window));
  if (self->presentation && self->screenshot == NULL)
    awaitlab_window_set_presentation (window, TRUE);

  if (self->screenshot != NULL)
    {
      /* A picture of the final state, not of a revealer halfway open. */
      g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
      self->shot_window = window;
      self->shot_source = g_timeout_add (50, screenshot_poll, self);
    }
}

static void
awaitlab_application_activate (GApplication *app)
{
  start (AWAITLAB_APPLICATION (app), NULL);
}

static void
awaitlab_application_open (GApplication  *app,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  start (AWAITLAB_APPLICATION (app), n_files > 0 ? files[0] : NULL);
}

static int
awaitlab_application_handle_local_options (GApplication *app,
                                           GVariantDict *options)
{
  AwaitlabApplication *self = AWAITLAB_APPLICATION (app);
  const char *size = NULL;
  int question = 0;
  gint64 t;

  if (g_variant_dict_lookup (options, "question", "i", &question))
    {
      if (question < 1)
        {
          g_printerr (_("awaitlab: --question wants a question number from 1\n"));
          return 2;
        }
      self->question = question;
    }
  g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot);
  g_variant_dict_lookup (options, "time", "s", &self->time);
  g_variant_dict_lookup (options, "panel", "s", &self->panel);
  g_variant_dict_lookup (options, "inspector", "b", &self->inspector);
  g_variant_dict_lookup (options, "compare", "b", &self->compare);
  g_variant_dict_lookup (options, "presentation", "b", &self->presentation);

  if (g_variant_dict_lookup (options, "size", "&s", &size) &&
      (sscanf (size, "%dx%d", &self->width, &self->height) != 2 ||
       self->width < 200 || self->height < 200 || self->width > 8192 || self->height > 8192))
    {
      g_printerr (_("awaitlab: --size wants WIDTHxHEIGHT, for example 1600x1000\n"));
      return 2;
    }
  if (self->time != NULL && !parse_time (self->time, &t))
    {
      g_printerr (_("awaitlab: --time wants “end” or a time such as 250ms or 1.5s\n"));
      return 2;
    }

  /* The screenshot renders the real window, which needs a display; say so plainly
   * instead of GTK's "cannot open display" (pictures without one: `awaitlab export`). */
  if (self->screenshot != NULL && !gtk_init_check ())
    {
      g_printerr (_("awaitlab: --screenshot renders the window and needs a display (X11 or Wayland).\n"
                    "Run it under a virtual one, e.g. `xvfb-run -a awaitlab --screenshot OUT.png`,\n"
                    "or export the timeline without a display: `awaitlab export FILE --png OUT.png`.\n"));
      return 1;
    }

  /* A screenshot is its own short-lived instance, never a remote call. */
  if (self->screenshot != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
awaitlab_application_finalize (GObject *object)
{
  AwaitlabApplication *self = (AwaitlabApplication *)object;

  g_clear_object (&self->settings);
  g_free (self->screenshot);
  g_free (self->panel);
  g_free (self->time);

  G_OBJECT_CLASS (awaitlab_application_parent_class)->finalize (object);
}

static void
apply_color_scheme (AwaitlabApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    value = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static void
awaitlab_application_startup (GApplication *app)
{
  AwaitlabApplication *self = AWAITLAB_APPLICATION (app);
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;
  static const char *quit[] = { "<Control>q", NULL };
  static const char *prefs[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (awaitlab_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs);

  source = g_settings_schema_source_get_default ();
  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    {
      self->settings = g_settings_new (APP_ID);
      g_signal_connect_object (self->settings, "changed::color-scheme",
                               G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
      apply_color_scheme (self);
    }
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Close each window as its close button would, so unsaved edits are asked
   * about; the application ends when the last window is gone. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  static const char *developers[] = { "The Awaitlab authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (parent,
                         "application-name", _("Awaitlab"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Awaitlab authors"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "comments", _("Watch .NET async/await execute: threads, the ThreadPool, "
                                       "SynchronizationContext, tasks and awaits, simulated and animated."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static gboolean
scheme_to_selected (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *s = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_str_equal (s, "light") ? 1 : g_str_equal (s, "dark") ? 2 : 0);
  return TRUE;
}

static GVariant *
selected_to_scheme (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  static const char *schemes[] = { "default", "light", "dark" };
  return g_variant_new_string (schemes[MIN (g_value_get_uint (value), 2)]);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  AwaitlabApplication *self = user_data;
  static const char *styles[] = { N_("Follow System"), N_("Light"), N_("Dark"), NULL };
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *style = adw_combo_row_new ();
  GtkWidget *presentation = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; styles[i]; i++)
    gtk_string_list_append (names, _(styles[i]));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Appearance"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (style), _("Style"));
  adw_combo_row_set_model (ADW_COMBO_ROW (style), G_LIST_MODEL (names));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (presentation), _("Presentation Mode"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (presentation), _("Larger text and lanes for projectors (F5)"));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (presentation), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (presentation), toggle);

  if (self->settings != NULL)
    {
      g_settings_bind_with_mapping (self->settings, "color-scheme", style, "selected",
                                    G_SETTINGS_BIND_DEFAULT, scheme_to_selected, selected_to_scheme,
                                    NULL, NULL);
      g_settings_bind (self->settings, "presentation-mode", toggle, "active", G_SETTINGS_BIND_DEFAULT);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), style);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), presentation);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_set_transient_for (GTK_WINDOW (window),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

static void
awaitlab_application_class_init (AwaitlabApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = awaitlab_application_finalize;
  app_class->activate = awaitlab_application_activate;
  app_class->open = awaitlab_application_open;
  app_class->startup = awaitlab_application_startup;
  app_class->handle_local_options = awaitlab_application_handle_local_options;
}

static void
awaitlab_application_init (AwaitlabApplication *self)
{
  static const GOptionEntry entries[] = {
    { "question", 'q', 0, G_OPTION_ARG_INT, NULL, N_("Open the scenario answering question N"), "N" },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Render the window to a PNG file and quit"), "OUT.png" },
    { "time", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Playhead for --screenshot: “end” or a time like 250ms"), "T" },
    { "size", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Window size for --screenshot"), "WxH" },
    { "panel", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Side panel to show: explanation, output, knobs or lints"), "NAME" },
    { "inspector", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the Inspector"), NULL },
    { "compare", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start in compare mode (B flips the first switch)"), NULL },
    { "presentation", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start in presentation mode (full screen; F5 or Escape leaves)"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
}

AwaitlabApplication *
awaitlab_application_new (void)
{
  return g_object_new (AWAITLAB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/awaitlab/Awaitlab",
                       NULL);
}

int
awaitlab_application_get_exit_status (AwaitlabApplication *self)
{
  g_return_val_if_fail (AWAITLAB_IS_APPLICATION (self), 1);
  return self->exit_status;
}
