/* awaitlab-window-editing.c
 *
 * The window as an editor: opening with a prompt for unsaved edits, New,
 * Save, Save As, and Ctrl+Enter, which hands the text to the workspace (one
 * parse, on a worker) and shows its diagnostics.
 */

#include <glib/gi18n.h>
#include <string.h>

#include "awaitlab-window-private.h"
#include "awl-diagnostic.h"

/* What File → New starts from: small, runnable, and showing every directive. */
static const char new_template[] =
  "// @title     My scenario\n"
  "// @topic     Context and ConfigureAwait\n"
  "// @knob      UseConfigureAwait = false \"Add ConfigureAwait(false) to the await\"\n"
  "// @quiz      Which thread prints \"after the await\"?\n"
  "// @answer    A ThreadPool thread\n"
  "// @choice    Main\n"
  "// @why       A console app has no SynchronizationContext, so the continuation runs on the pool.\n"
  "\n"
  "async Task<string> LoadAsync()\n"
  "{\n"
  "    Console.WriteLine(\"before the await\");\n"
  "    string data = await Http.GetAsync(\"https://example.org\", 100).ConfigureAwait(!UseConfigureAwait);\n"
  "    Console.WriteLine(\"after the await\");\n"
  "    return data;\n"
  "}\n"
  "\n"
  "void Main()\n"
  "{\n"
  "    LoadAsync().GetAwaiter().GetResult();\n"
  "}\n";

gboolean
_awaitlab_window_is_modified (AwaitlabWindow *self)
{
  return gtk_text_buffer_get_modified (awaitlab_code_view_get_buffer (self->code_view));
}

void
_awaitlab_window_update_title (AwaitlabWindow *self)
{
  AwaitlabDocument *document = awaitlab_workspace_get_document (self->workspace);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *questions;

  if (document == NULL)
    return;

  questions = awaitlab_document_get_questions (document);
  if (self->file != NULL)
    subtitle = g_file_get_basename (self->file);
  else if (questions != NULL)
    subtitle = g_strdup_printf (_("Question %s · %s · built-in (edits go to a copy)"), questions,
                                awaitlab_document_get_topic (document) ?: "");
  else
    subtitle = g_strdup (_("Not saved yet"));

  title = g_strdup_printf ("%s%s", _awaitlab_window_is_modified (self) ? "• " : "",
                           awaitlab_document_get_title (document));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
}

/* ------------------------------------------------------------------------- */
/* Unsaved changes                                                           */

void
_awaitlab_window_clear_pending (AwaitlabWindow *self)
{
  if (self->pending_destroy != NULL && self->pending_data != NULL)
    self->pending_destroy (self->pending_data);
  self->pending = NULL;
  self->pending_data = NULL;
  self->pending_destroy = NULL;
  self->save_then_pending = FALSE;
}

static void
run_pending (AwaitlabWindow *self)
{
  AwaitlabPendingFunc func = self->pending;
  gpointer data = self->pending_data;
  GDestroyNotify destroy = self->pending_destroy;

  self->pending = NULL;
  self->pending_data = NULL;
  self->pending_destroy = NULL;
  self->save_then_pending = FALSE;
  if (func != NULL)
    func (self, data);
  if (destroy != NULL && data != NULL)
    destroy (data);
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     AwaitlabWindow   *self)
{
  if (g_str_equal (response, "discard"))
    {
      gtk_text_buffer_set_modified (awaitlab_code_view_get_buffer (self->code_view), FALSE);
      run_pending (self);
    }
  else if (g_str_equal (response, "save"))
    {
      if (self->file == NULL)
        {
          /* Continue once the file chooser has saved. */
          self->save_then_pending = TRUE;
          _awaitlab_window_save_as (self);
        }
      else if (_awaitlab_window_save (self, self->file))
        run_pending (self);
      else
        _awaitlab_window_clear_pending (self);
    }
  else
    _awaitlab_window_clear_pending (self);
}

/* Runs @func now, or after the user agreed to save or discard the edits. */
void
_awaitlab_window_confirm_then (AwaitlabWindow      *self,
                               AwaitlabPendingFunc  func,
                               gpointer             data,
                               GDestroyNotify       destroy)
{
  AwaitlabDocument *document = awaitlab_workspace_get_document (self->workspace);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!_awaitlab_window_is_modified (self))
    {
      func (self, data);
      if (destroy != NULL && data != NULL)
        destroy (data);
      return;
    }

  _awaitlab_window_clear_pending (self);
  self->pending = func;
  self->pending_data = data;
  self->pending_destroy = destroy;

  if (self->confirm_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirm_dialog));
  body = g_strdup_printf (_("“%s” has unsaved changes. Changes which are not saved will be lost."),
                          document ? awaitlab_document_get_title (document) : _("The scenario"));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response), self);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->confirm_dialog);
  self->confirm_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------- */
/* Opening                                                                   */

static void
do_open_file (AwaitlabWindow *self,
              gpointer        data)
{
  GFile *file = data;
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  awaitlab_sidebar_select_resource (self->sidebar, NULL);
  g_set_object (&self->file, file);
  awaitlab_workspace_load (self->workspace, file, NULL);
}

void
awaitlab_window_open_file (AwaitlabWindow *self,
                           GFile          *file)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  _awaitlab_window_confirm_then (self, do_open_file, g_object_ref (file), g_object_unref);
}

static void
do_open_resource (AwaitlabWindow *self,
                  gpointer        data)
{
  const char *resource_path = data;

  awaitlab_sidebar_select_resource (self->sidebar, resource_path);
  /* Built-in scenarios open as copies: Save asks where to write. */
  g_clear_object (&self->file);
  awaitlab_workspace_load (self->workspace, NULL, resource_path);
}

void
awaitlab_window_open_resource (AwaitlabWindow *self,
                               const char     *resource_path)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));
  g_return_if_fail (resource_path != NULL);

  _awaitlab_window_confirm_then (self, do_open_resource, g_strdup (resource_path), g_free);
}

gboolean
awaitlab_window_open_question (AwaitlabWindow *self,
                               guint           number)
{
  AwaitlabCatalogueItem *item;

  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), FALSE);

  if (!(item = awaitlab_catalogue_find_question (awaitlab_sidebar_get_catalogue (self->sidebar), number)))
    return FALSE;

  awaitlab_window_open_resource (self, awaitlab_catalogue_item_get_resource (item));
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Ctrl+Enter and New                                                        */

void
_awaitlab_window_run_text (AwaitlabWindow *self)
{
  AwaitlabDocument *document = awaitlab_workspace_get_document (self->workspace);
  g_autofree char *text = awaitlab_code_view_dup_text (self->code_view);
  g_autoptr(AwlKnobValues) knobs = awaitlab_knobs_dup_values (self->knobs);

  /* With B's knobs on show, A keeps its own. */
  if (awaitlab_workspace_get_compare (self->workspace) &&
      gtk_toggle_button_get_active (self->knob_b_button) && document != NULL)
    {
      g_clear_pointer (&knobs, awl_knob_values_free);
      knobs = awl_knob_values_copy (awaitlab_document_get_knobs (document));
    }
  awaitlab_workspace_run_text (self->workspace, text, self->file,
                               document ? awaitlab_document_get_resource_path (document) : NULL,
                               knobs, TRUE);
}

/* The workspace parsed an edited text: underline and list what it found;
 * with errors nothing ran, so go to the first one. */
void
_awaitlab_window_show_diagnostics (AwaitlabWindow *self)
{
  const AwlDiagnostics *diags = awaitlab_workspace_get_diagnostics (self->workspace);
  g_autoptr(GArray) problems = g_array_new (FALSE, FALSE, sizeof (AwaitlabCodeProblem));
  guint n = diags ? awl_diagnostics_get_n_items (diags) : 0;
  guint n_errors = diags ? awl_diagnostics_get_n_errors (diags) : 0;

  for (guint i = 0; i < n; i++)
    {
      const AwlDiagnostic *d = awl_diagnostics_get_item (diags, i);
      AwaitlabCodeProblem p = { d->line, d->col, d->length, d->severity == AWL_SEVERITY_ERROR, d->message };

      if (d->severity != AWL_SEVERITY_NOTE)
        g_array_append_val (problems, p);
    }
  awaitlab_code_view_set_problems (self->code_view, (AwaitlabCodeProblem *)(gpointer)problems->data, problems->len);
  awaitlab_diagnostics_list_set_diagnostics (self->diagnostics_list, diags);

  if (n_errors > 0)
    {
      g_autofree char *msg = g_strdup_printf (ngettext ("The scenario has %u error: see the list under the code",
                                                        "The scenario has %u errors: see the list under the code",
                                                        n_errors), n_errors);

      awaitlab_diagnostics_list_activate_first (self->diagnostics_list);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (msg));
    }
}

static void
do_new (AwaitlabWindow *self,
        gpointer        data)
{
  g_clear_object (&self->file);
  awaitlab_sidebar_select_resource (self->sidebar, NULL);
  awaitlab_workspace_run_text (self->workspace, new_template, NULL, NULL, NULL, FALSE);
}

void
_awaitlab_window_new_scenario (AwaitlabWindow *self)
{
  _awaitlab_window_confirm_then (self, do_new, NULL, NULL);
}

/* ------------------------------------------------------------------------- */
/* Saving                                                                    */

/* g_file_replace_contents() writes a temporary file and renames it over the
 * target, so a failed save leaves the old file and the editor untouched. */
gboolean
_awaitlab_window_save (AwaitlabWindow *self,
                       GFile          *file)
{
  g_autofree char *text = awaitlab_code_view_dup_text (self->code_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *message = g_strdup_printf (_("%s could not be written: %s. Your edits are still in the editor."),
                                                  name, error->message);
      _awaitlab_window_show_error (self, _("Could Not Save"), message);
      return FALSE;
    }

  g_set_object (&self->file, file);
  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  gtk_text_buffer_set_modified (awaitlab_code_view_get_buffer (self->code_view), FALSE);
  _awaitlab_window_update_title (self);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Saved")));
  return TRUE;
}

/* Scenarios are .csx files. */
static GFile *
with_csx_suffix (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;

  if (g_str_has_suffix (base, ".csx"))
    return g_object_ref (file);
  name = g_strconcat (base, ".csx", NULL);
  parent = g_file_get_parent (file);
  return g_file_get_child (parent, name);
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  AwaitlabWindow  *self)
{
  gboolean saved = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (chosen != NULL)
        {
          g_autoptr(GFile) file = with_csx_suffix (chosen);
          saved = _awaitlab_window_save (self, file);
        }
    }

  if (self->save_then_pending)
    {
      if (saved)
        run_pending (self);
      else
        _awaitlab_window_clear_pending (self);
    }
  g_object_unref (dialog);
}

void
_awaitlab_window_save_as (AwaitlabWindow *self)
{
  AwaitlabDocument *document = awaitlab_workspace_get_document (self->workspace);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Save Scenario"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("C# scenarios (*.csx)"));
  gtk_file_filter_add_pattern (filter, "*.csx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), self->file, NULL);
  else
    {
      const char *res = document ? awaitlab_document_get_resource_path (document) : NULL;
      g_autofree char *name = res ? g_path_get_basename (res) : g_strdup ("scenario.csx");

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
