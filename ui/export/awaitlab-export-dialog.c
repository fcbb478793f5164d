/* awaitlab-export-dialog.c */

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "awaitlab-export-dialog.h"
#include "awaitlab-export.h"

struct _AwaitlabExportDialog
{
  AdwWindow             parent_instance;

  AwaitlabExportSource *source;
  AwlScenario          *scenario;       /* re-runs for a trace when the document has none */
  AwlKnobValues        *knobs;
  gint64                playhead;
  gint64                end;            /* of the run */
  AdwToastOverlay      *toasts;         /* weak */
  GCancellable         *cancellable;
  gboolean              disposed;       /* the worker may finish after the widgets are gone */

  GtkWidget            *preview;
  AdwComboRow          *format_row;
  AdwComboRow          *view_row;
  AdwComboRow          *size_row;
  GtkWidget            *scale_row;
  GtkSpinButton        *scale_spin;
  GtkWidget            *playhead_row;
  GtkSwitch            *playhead_switch;
  GtkWidget            *fps_row;
  GtkSpinButton        *fps_spin;
  GtkWidget            *speed_row;
  GtkSpinButton        *speed_spin;
  GtkWidget            *from_row;
  GtkSpinButton        *from_spin;
  GtkWidget            *to_row;
  GtkSpinButton        *to_spin;
  GtkWidget            *range_error;
  GtkWidget            *narration_row;
  GtkSwitch            *narration_switch;
  GtkWidget            *caption_row;
  GtkCheckButton       *caption_check;
  GtkWidget            *copy_button;
  GtkWidget            *progress_box;
  GtkProgressBar       *progress_bar;
  GtkWidget            *error_label;
  GtkWidget            *export_button;
  GtkWidget            *cancel_button;
};

G_DEFINE_FINAL_TYPE (AwaitlabExportDialog, awaitlab_export_dialog, ADW_TYPE_WINDOW)

static const int sizes[][2] = { { 1280, 720 }, { 1920, 1080 }, { 960, 540 }, { 3840, 2160 } };

/* The video range in virtual ns; FALSE and @message (for the user) when it is
 * empty or leaves the run. */
static gboolean
get_range (AwaitlabExportDialog  *self,
           gint64                *from,
           gint64                *to,
           char                 **message)
{
  *from = llround (gtk_spin_button_get_value (self->from_spin) * 1e6);
  *to = llround (gtk_spin_button_get_value (self->to_spin) * 1e6);
  /* The spin buttons show whole microseconds: the end of the run, rounded, is
   * still the end of the run. */
  if (*to != self->end && llabs (*to - self->end) < 1000)
    *to = self->end;

  if (*from < 0 || *from >= *to)
    {
      *message = g_strdup (_("The range must start before it ends"));
      return FALSE;
    }
  if (*to > self->end)
    {
      *message = g_strdup_printf (_("The range must end within the run, at %.3f ms at most"),
                                  self->end / 1e6);
      return FALSE;
    }
  *message = NULL;
  return TRUE;
}

static void
get_options (AwaitlabExportDialog  *self,
             AwaitlabExportOptions *options)
{
  g_autofree char *message = NULL;
  gint64 from, to;

  AwaitlabExportFormat format = adw_combo_row_get_selected (self->format_row);
  guint size = MIN (adw_combo_row_get_selected (self->size_row), G_N_ELEMENTS (sizes) - 1);

  awaitlab_export_options_init (options, format);
  options->view = adw_combo_row_get_selected (self->view_row) == 1 ? AWAITLAB_EXPORT_VIEW_FULL
                                                                  : AWAITLAB_EXPORT_VIEW_TIMELINE;
  options->width = sizes[size][0];
  options->height = sizes[size][1];
  options->scale = gtk_spin_button_get_value (self->scale_spin);
  options->time = gtk_switch_get_active (self->playhead_switch) && self->playhead >= 0
                ? self->playhead : AWAITLAB_EXPORT_TIME_END;
  options->fps = gtk_spin_button_get_value_as_int (self->fps_spin);
  options->speed = gtk_spin_button_get_value (self->speed_spin);
  if (get_range (self, &from, &to, &message))
    {
      options->from = from;
      options->to = to == self->end ? AWAITLAB_EXPORT_TIME_END : to;
    }
  options->narration = gtk_switch_get_active (self->narration_switch);
  options->caption = gtk_check_button_get_active (self->caption_check);
  options->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
update_rows (AwaitlabExportDialog *self)
{
  AwaitlabExportFormat format = adw_combo_row_get_selected (self->format_row);
  AwaitlabExportKind kind = awaitlab_export_get_format_info (format)->kind;
  gboolean video = kind == AWAITLAB_EXPORT_KIND_VIDEO;
  gboolean trace = kind == AWAITLAB_EXPORT_KIND_DATA;
  gboolean steps = kind == AWAITLAB_EXPORT_KIND_STEPS;
  GArray *bookmarks = awaitlab_export_source_get_bookmarks (self->source);
  gboolean busy = self->cancellable != NULL;
  g_autofree char *message = NULL;
  gint64 from, to;
  gboolean range_ok = !video || get_range (self, &from, &to, &message);

  gtk_label_set_text (GTK_LABEL (self->range_error), message ? message : "");
  gtk_widget_set_visible (self->range_error, !range_ok);
  gtk_widget_set_visible (self->from_row, video);
  gtk_widget_set_visible (self->to_row, video);
  gtk_widget_set_visible (self->scale_row, format == AWAITLAB_EXPORT_PNG || steps);
  gtk_widget_set_visible (self->playhead_row, kind == AWAITLAB_EXPORT_KIND_PICTURE);
  gtk_widget_set_visible (self->fps_row, video);
  gtk_widget_set_visible (self->speed_row, video);
  gtk_widget_set_visible (GTK_WIDGET (self->view_row), !trace);
  gtk_widget_set_visible (GTK_WIDGET (self->size_row), !trace);
  gtk_widget_set_visible (self->narration_row, !trace && !steps);
  gtk_widget_set_visible (self->caption_row, !trace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.copy-image", !trace);
  gtk_widget_set_sensitive (self->export_button,
                            !busy && range_ok && (!trace || self->scenario != NULL ||
                                      awaitlab_export_source_get_trace (self->source) != NULL) &&
                            (!steps || (bookmarks != NULL && bookmarks->len > 0)));
  gtk_widget_queue_draw (self->preview);
}

/* As on the command line, videos get the narration line by default, pictures not. */
static void
format_changed (AwaitlabExportDialog *self)
{
  AwaitlabExportFormat format = adw_combo_row_get_selected (self->format_row);

  gtk_switch_set_active (self->narration_switch, awaitlab_export_format_is_video (format));
  update_rows (self);
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  AwaitlabExportDialog *self = data;
  AwaitlabExportOptions options;
  gint64 playhead;
  double scale;

  if (self->source == NULL)
    return;
  get_options (self, &options);
  /* Videos: the playhead, kept inside the range exported. */
  playhead = options.time;
  if (awaitlab_export_format_is_video (options.format))
    {
      playhead = self->playhead;
      if (playhead < 0 || (options.to != AWAITLAB_EXPORT_TIME_END && playhead > options.to))
        playhead = options.to;
      else
        playhead = MAX (playhead, options.from);
    }
  /* The picture as it will be, shrunk to fit, letterboxed. */
  scale = MIN (width / (double)options.width, height / (double)options.height);
  cairo_translate (cr, (width - options.width * scale) / 2, (height - options.height * scale) / 2);
  cairo_scale (cr, scale, scale);
  awaitlab_export_draw (self->source, &options, cr, playhead, options.width, options.height);
}

static void
show_in_folder (GtkButton *button,
                GFile     *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  const char *uris[] = { uri, NULL };
  g_autoptr(GVariant) reply = NULL;

  /* The file manager selects the file; without one, open the folder. */
  if (bus != NULL)
    reply = g_dbus_connection_call_sync (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                                         "org.freedesktop.FileManager1", "ShowItems",
                                         g_variant_new ("(^ass)", uris, ""), NULL,
                                         G_DBUS_CALL_FLAGS_NONE, 2000, NULL, NULL);
  if (reply == NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *parent_uri = g_file_get_uri (parent);
      g_app_info_launch_default_for_uri (parent_uri, NULL, NULL);
    }
}

static void
open_file (AdwToast *toast,
           GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static void
toast_done (AwaitlabExportDialog *self,
            GFile                *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = g_strdup_printf (_("Exported %s"), name);
  AdwToast *toast;
  GtkWidget *box, *label, *button;

  if (self->toasts == NULL)
    return;

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Open"));
  adw_toast_set_timeout (toast, 8);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_file), g_object_ref (file),
                         (GClosureNotify)(void (*)(void))g_object_unref, 0);

  /* A toast has one button; the second action sits next to the title. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new (title);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  button = gtk_button_new_with_label (_("Show in folder"));
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_data (button, "clicked", G_CALLBACK (show_in_folder), g_object_ref (file),
                         (GClosureNotify)(void (*)(void))g_object_unref, 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  adw_toast_set_custom_title (toast, box);

  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
set_busy (AwaitlabExportDialog *self,
          gboolean              busy)
{
  if (!busy)
    g_clear_object (&self->cancellable);
  gtk_widget_set_visible (self->progress_box, busy);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  update_rows (self);
}

static void
on_progress (double   fraction,
             guint    frame,
             guint    n_frames,
             gpointer data)
{
  AwaitlabExportDialog *self = data;
  g_autofree char *text = g_strdup_printf (_("Frame %u of %u"), frame, n_frames);

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(AwaitlabExportDialog) self = data;
  g_autoptr(GError) error = NULL;
  GFile *file = g_object_get_data (G_OBJECT (result), "file");
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self->disposed)
    {
      g_clear_object (&self->cancellable);
      if (ok)
        toast_done (self, file);
      return;
    }

  if (!ok)
    {
      set_busy (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (GTK_LABEL (self->error_label), error->message);
          gtk_widget_set_visible (self->error_label, TRUE);
        }
      return;
    }

  set_busy (self, FALSE);
  toast_done (self, file);
  gtk_window_destroy (GTK_WINDOW (self));
}

typedef struct
{
  AwaitlabExportSource  *source;
  AwlScenario           *scenario;
  AwlKnobValues         *knobs;
  AwaitlabExportOptions  options;
  char                  *path;
  AwaitlabExportDialog  *dialog;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->source, awaitlab_export_source_unref);
  g_clear_pointer (&job->scenario, awl_scenario_unref);
  g_clear_pointer (&job->knobs, awl_knob_values_free);
  g_free (job->path);
  g_free (job);
}

static gboolean
progress_idle (gpointer data)
{
  gpointer *args = data;
  AwaitlabExportDialog *self = args[0];
  double *values = args[1];

  if (self->cancellable != NULL && !self->disposed)
    on_progress (values[0], values[1], values[2], self);
  g_object_unref (self);
  g_free (values);
  g_free (args);
  return G_SOURCE_REMOVE;
}

static void
worker_progress (double   fraction,
                 guint    frame,
                 guint    n_frames,
                 gpointer data)
{
  Job *job = data;
  static gint64 last;
  gint64 now = g_get_monotonic_time ();
  gpointer *args;
  double *values;

  /* A few updates a second are enough for a progress bar. */
  if (now - last < 50000 && frame != n_frames)
    return;
  last = now;
  values = g_new (double, 3);
  values[0] = fraction, values[1] = frame, values[2] = n_frames;
  args = g_new (gpointer, 2);
  args[0] = g_object_ref (job->dialog);
  args[1] = values;
  g_idle_add (progress_idle, args);
}

/* On the worker thread. A document made without a trace (from a bare timeline)
 * can still export one by re-simulating its scenario with the same knobs: runs
 * are deterministic, so it is the same run. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(AwaitlabExportSource) source = NULL;
  GError *error = NULL;

  if (job->options.format == AWAITLAB_EXPORT_TRACE &&
      awaitlab_export_source_get_trace (job->source) == NULL && job->scenario != NULL)
    {
      source = awaitlab_export_source_new_from_scenario (job->scenario, job->knobs, cancellable, &error);
      if (source != NULL)
        awaitlab_export_source_set_input_path (source, awaitlab_export_source_get_input_path (job->source));
    }
  else
    source = awaitlab_export_source_ref (job->source);

  if (source == NULL ||
      !awaitlab_export_to_file (source, &job->options, job->path, worker_progress, job, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
awaitlab_export_dialog_export_to (AwaitlabExportDialog *self,
                                  GFile                *file)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (AWAITLAB_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->cancellable == NULL);

  /* An empty range or one outside the run: the message is already inline. */
  update_rows (self);
  if (gtk_widget_get_visible (self->range_error))
    return;

  job = g_new0 (Job, 1);
  job->source = awaitlab_export_source_ref (self->source);
  job->scenario = self->scenario ? awl_scenario_ref (self->scenario) : NULL;
  job->knobs = self->knobs ? awl_knob_values_copy (self->knobs) : NULL;
  job->path = g_file_get_path (file);
  job->dialog = self;
  get_options (self, &job->options);

  if (job->path == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->error_label), _("Exports need a local file"));
      gtk_widget_set_visible (self->error_label, TRUE);
      job_free (job);
      return;
    }

  gtk_widget_set_visible (self->error_label, FALSE);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  task = g_task_new (NULL, self->cancellable, export_done, g_object_ref (self));
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, export_thread);
}

void
awaitlab_export_dialog_set_format (AwaitlabExportDialog *self,
                                   AwaitlabExportFormat  format)
{
  g_return_if_fail (AWAITLAB_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format < AWAITLAB_EXPORT_N_FORMATS);

  adw_combo_row_set_selected (self->format_row, format);
}

void
awaitlab_export_dialog_set_speed (AwaitlabExportDialog *self,
                                  double                ms_per_second)
{
  g_return_if_fail (AWAITLAB_IS_EXPORT_DIALOG (self));
  gtk_spin_button_set_value (self->speed_spin, ms_per_second);
}

gboolean
awaitlab_export_dialog_get_busy (AwaitlabExportDialog *self)
{
  g_return_val_if_fail (AWAITLAB_IS_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

static void
chooser_response (GtkNativeDialog      *chooser,
                  int                   response,
                  AwaitlabExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      awaitlab_export_dialog_export_to (self, file);
    }
  g_object_unref (chooser);
}

static char *
suggested_name (AwaitlabExportDialog *self,
                AwaitlabExportFormat  format)
{
  const char *title = awaitlab_export_source_get_title (self->source);
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = title; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        g_string_append_unichar (name, g_unichar_tolower (c));
      else if (name->len > 0 && name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_append (name, "awaitlab");
  if (awaitlab_export_format_extension (format) != NULL)
    g_string_append_printf (name, ".%s", awaitlab_export_format_extension (format));
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
export_clicked (AwaitlabExportDialog *self)
{
  GtkFileChooserNative *chooser;
  AwaitlabExportFormat format = adw_combo_row_get_selected (self->format_row);
  g_autofree char *name = suggested_name (self, format);
  /* Steps are a folder of pictures: pick (or make) the folder. */
  gboolean folder = awaitlab_export_get_format_info (format)->kind == AWAITLAB_EXPORT_KIND_STEPS;

  chooser = gtk_file_chooser_native_new (folder ? _("Export Steps to a Folder") : _("Export"), GTK_WINDOW (self),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (!folder)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GdkTexture *
awaitlab_export_dialog_render_texture (AwaitlabExportDialog *self)
{
  AwaitlabExportOptions options;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  GdkTexture *texture;
  cairo_t *cr;
  int width, height;

  g_return_val_if_fail (AWAITLAB_IS_EXPORT_DIALOG (self), NULL);

  get_options (self, &options);
  width = (int)ceil (options.width * options.scale);
  height = (int)ceil (options.height * options.scale);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_set_device_scale (surface, options.scale, options.scale);
  cr = cairo_create (surface);
  awaitlab_export_draw (self->source, &options, cr,
                        awaitlab_export_format_is_video (options.format) ? self->playhead : options.time,
                        options.width, options.height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is premultiplied BGRA in memory on little-endian machines. */
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * height);
  texture = gdk_memory_texture_new (width, height,
                                    G_BYTE_ORDER == G_LITTLE_ENDIAN ? GDK_MEMORY_B8G8R8A8_PREMULTIPLIED
                                                                    : GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
                                    bytes, cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

static void
copy_image (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AwaitlabExportDialog *self = AWAITLAB_EXPORT_DIALOG (widget);
  g_autoptr(GdkTexture) texture = awaitlab_export_dialog_render_texture (self);

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  if (self->toasts != NULL)
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Image copied")));
}

static void
cancel_clicked (AwaitlabExportDialog *self)
{
  /* Cancelling removes the temporary file; the dialog stays for another try. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
close_request (GtkWindow *window)
{
  AwaitlabExportDialog *self = AWAITLAB_EXPORT_DIALOG (window);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return FALSE;
}

static void
awaitlab_export_dialog_dispose (GObject *object)
{
  AwaitlabExportDialog *self = AWAITLAB_EXPORT_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AWAITLAB_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (awaitlab_export_dialog_parent_class)->dispose (object);
}

static void
awaitlab_export_dialog_finalize (GObject *object)
{
  AwaitlabExportDialog *self = AWAITLAB_EXPORT_DIALOG (object);

  g_clear_pointer (&self->source, awaitlab_export_source_unref);
  g_clear_pointer (&self->scenario, awl_scenario_unref);
  g_clear_pointer (&self->knobs, awl_knob_values_free);
  g_clear_object (&self->cancellable);
  if (self->toasts != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->toasts), (gpointer *)&self->toasts);
  G_OBJECT_CLASS (awaitlab_export_dialog_parent_class)->finalize (object);
}

static void
awaitlab_export_dialog_class_init (AwaitlabExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = awaitlab_export_dialog_dispose;
  object_class->finalize = awaitlab_export_dialog_finalize;
  window_class->close_request = close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/awaitlab/Awaitlab/export/awaitlab-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, view_row);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, playhead_row);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, playhead_switch);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, fps_row);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, fps_spin);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, speed_row);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, speed_spin);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, from_spin);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, to_spin);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, range_error);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, narration_row);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, narration_switch);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, caption_row);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, caption_check);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabExportDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked);
  gtk_widget_class_install_action (widget_class, "export.copy-image", NULL, copy_image);
}

/* The format list comes from the one format table, so the dialog offers exactly
 * what the command line does. */
static void
fill_formats (AwaitlabExportDialog *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const AwaitlabExportFormatInfo *formats;
  guint n;

  formats = awaitlab_export_get_formats (&n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _(formats[i].label));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (list));
}

static void
awaitlab_export_dialog_init (AwaitlabExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_formats (self);

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->preview), draw_preview, self, NULL);
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (format_changed), self);
  g_signal_connect_swapped (self->view_row, "notify::selected", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->size_row, "notify::selected", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->playhead_switch, "notify::active", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->narration_switch, "notify::active", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->caption_check, "notify::active", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->from_spin, "value-changed", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->to_spin, "value-changed", G_CALLBACK (update_rows), self);
}

AwaitlabExportDialog *
awaitlab_export_dialog_new (GtkWindow        *parent,
                            AdwToastOverlay  *toasts,
                            AwaitlabDocument *document,
                            gint64            playhead)
{
  AwaitlabExportDialog *self;
  AwaitlabTimeline *timeline;
  gint64 end;

  g_return_val_if_fail (AWAITLAB_IS_DOCUMENT (document), NULL);

  self = g_object_new (AWAITLAB_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  timeline = awaitlab_document_get_timeline (document);
  /* The run on screen, knobs included: its trace for the Chrome trace export. */
  self->source = awaitlab_export_source_new (timeline, awaitlab_document_get_trace (document),
                                             awaitlab_document_get_title (document),
                                             awaitlab_document_get_source (document),
                                             awaitlab_document_get_explanation (document));
  self->playhead = playhead;
  if (awaitlab_document_get_file (document) != NULL)
    {
      g_autofree char *input = g_file_get_path (awaitlab_document_get_file (document));
      awaitlab_export_source_set_input_path (self->source, input);
    }
  if (awaitlab_document_get_scenario (document) != NULL)
    {
      self->scenario = awl_scenario_ref (awaitlab_document_get_scenario (document));
      /* The steps export stops at the run's bookmarks. */
      awaitlab_export_source_set_scenario (self->source, self->scenario);
    }
  if (awaitlab_document_get_knobs (document) != NULL)
    self->knobs = awl_knob_values_copy (awaitlab_document_get_knobs (document));
  if (toasts != NULL)
    {
      self->toasts = toasts;
      g_object_add_weak_pointer (G_OBJECT (toasts), (gpointer *)&self->toasts);
    }

  /* A speed that plays the run in about ten seconds. */
  end = awaitlab_timeline_get_end_time (timeline);
  gtk_spin_button_set_value (self->speed_spin, MAX (0.1, end / 1e6 / 10.0));
  /* Videos play the whole run unless narrowed. */
  self->end = end;
  gtk_spin_button_set_value (self->from_spin, 0);
  gtk_spin_button_set_value (self->to_spin, end / 1e6);
  gtk_switch_set_active (self->playhead_switch, playhead >= 0 && playhead < end);
  update_rows (self);

  return self;
}

void
awaitlab_export_dialog_present (GtkWindow        *parent,
                                AdwToastOverlay  *toasts,
                                AwaitlabDocument *document,
                                gint64            playhead)
{
  AwaitlabExportDialog *self = awaitlab_export_dialog_new (parent, toasts, document, playhead);

  if (self != NULL)
    gtk_window_present (GTK_WINDOW (self));
}
