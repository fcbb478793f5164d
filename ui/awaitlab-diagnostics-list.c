/* awaitlab-diagnostics-list.c */

#include <glib/gi18n.h>

#include "awaitlab-diagnostics-list.h"
#include "awl-diagnostic.h"

struct _AwaitlabDiagnosticsList
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkRevealer *revealer;
  GtkListBox  *list;
};

G_DEFINE_FINAL_TYPE (AwaitlabDiagnosticsList, awaitlab_diagnostics_list, GTK_TYPE_WIDGET)

enum {
  LINE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_row_activated (AwaitlabDiagnosticsList *self,
                  GtkListBoxRow           *row)
{
  guint line = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "line"));

  if (line > 0)
    g_signal_emit (self, signals[LINE_ACTIVATED], 0, line);
}

static void
awaitlab_diagnostics_list_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AWAITLAB_TYPE_DIAGNOSTICS_LIST);
  G_OBJECT_CLASS (awaitlab_diagnostics_list_parent_class)->dispose (object);
}

static void
awaitlab_diagnostics_list_class_init (AwaitlabDiagnosticsListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = awaitlab_diagnostics_list_dispose;

  /* A row was activated: the 1-based line of its diagnostic. */
  signals[LINE_ACTIVATED] =
    g_signal_new ("line-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/awaitlab/Awaitlab/ui/awaitlab-diagnostics-list.ui");
  gtk_widget_class_bind_template_child (widget_class, AwaitlabDiagnosticsList, revealer);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabDiagnosticsList, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
awaitlab_diagnostics_list_init (AwaitlabDiagnosticsList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static GtkWidget *
create_row (const AwlDiagnostic *d)
{
  g_autofree char *message = g_markup_escape_text (d->message, -1);
  g_autofree char *markup = g_strdup_printf ("<span foreground=\"%s\"><b>%s</b></span>  line %u, column %u: %s",
                                             d->severity == AWL_SEVERITY_ERROR ? "#c01c28" : "#9c6e03",
                                             awl_severity_to_string (d->severity), d->line, d->col, message);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data (G_OBJECT (row), "line", GUINT_TO_POINTER (d->line));
  return row;
}

/* Lists the errors and warnings of @diagnostics (NULL: none). Notes belong to
 * the error above them and get no row. */
void
awaitlab_diagnostics_list_set_diagnostics (AwaitlabDiagnosticsList *self,
                                           const AwlDiagnostics    *diagnostics)
{
  GtkWidget *child;
  guint n = diagnostics ? awl_diagnostics_get_n_items (diagnostics) : 0;

  g_return_if_fail (AWAITLAB_IS_DIAGNOSTICS_LIST (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; i < n; i++)
    {
      const AwlDiagnostic *d = awl_diagnostics_get_item (diagnostics, i);

      if (d->severity != AWL_SEVERITY_NOTE)
        gtk_list_box_append (self->list, create_row (d));
    }
  /* The list holds at most AWL_DIAGNOSTICS_MAX_ITEMS rows; say how many more. */
  if (diagnostics != NULL && awl_diagnostics_get_n_dropped (diagnostics) > 0)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more errors and warnings not shown"),
                                               awl_diagnostics_get_n_dropped (diagnostics));
      GtkWidget *label = gtk_label_new (more);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_append (self->list, row);
    }
  gtk_revealer_set_reveal_child (self->revealer, awaitlab_diagnostics_list_get_n_rows (self) > 0);
}

guint
awaitlab_diagnostics_list_get_n_rows (AwaitlabDiagnosticsList *self)
{
  guint n = 0;

  g_return_val_if_fail (AWAITLAB_IS_DIAGNOSTICS_LIST (self), 0);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->list)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

void
awaitlab_diagnostics_list_activate_first (AwaitlabDiagnosticsList *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (AWAITLAB_IS_DIAGNOSTICS_LIST (self));
  if ((row = gtk_list_box_get_row_at_index (self->list, 0)))
    on_row_activated (self, row);
}
