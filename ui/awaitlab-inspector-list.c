/* awaitlab-inspector-list.c */

#include "awaitlab-inspector-list.h"

/* Lists longer than this scroll on their own, this high. */
#define MAX_SHORT_ROWS  30
#define MAX_LIST_HEIGHT 360

struct _AwaitlabInspectorRow
{
  GObject  parent_instance;

  char    *markup;
  char    *badge;
  char    *badge_class;
  char    *method;
  int      lane;
  guint    line;
};

G_DEFINE_FINAL_TYPE (AwaitlabInspectorRow, awaitlab_inspector_row, G_TYPE_OBJECT)

static void
awaitlab_inspector_row_finalize (GObject *object)
{
  AwaitlabInspectorRow *self = AWAITLAB_INSPECTOR_ROW (object);

  g_free (self->markup);
  g_free (self->badge);
  g_free (self->badge_class);
  g_free (self->method);

  G_OBJECT_CLASS (awaitlab_inspector_row_parent_class)->finalize (object);
}

static void
awaitlab_inspector_row_class_init (AwaitlabInspectorRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = awaitlab_inspector_row_finalize;
}

static void
awaitlab_inspector_row_init (AwaitlabInspectorRow *self)
{
  self->lane = -1;
}

/* A row: Pango @markup, an optional @badge; @lane (or -1) and @line (or 0)
 * say what activating it shows. */
AwaitlabInspectorRow *
awaitlab_inspector_row_new (const char *markup,
                            const char *badge,
                            const char *badge_class,
                            int         lane,
                            guint       line)
{
  AwaitlabInspectorRow *self = g_object_new (AWAITLAB_TYPE_INSPECTOR_ROW, NULL);

  self->markup = g_strdup (markup);
  self->badge = g_strdup (badge);
  self->badge_class = g_strdup (badge_class);
  self->lane = lane;
  self->line = line;
  return self;
}

const char *
awaitlab_inspector_row_get_markup (AwaitlabInspectorRow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_INSPECTOR_ROW (self), NULL);
  return self->markup;
}

const char *
awaitlab_inspector_row_get_badge (AwaitlabInspectorRow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_INSPECTOR_ROW (self), NULL);
  return self->badge;
}

int
awaitlab_inspector_row_get_lane (AwaitlabInspectorRow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_INSPECTOR_ROW (self), -1);
  return self->lane;
}

guint
awaitlab_inspector_row_get_line (AwaitlabInspectorRow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_INSPECTOR_ROW (self), 0);
  return self->line;
}

const char *
awaitlab_inspector_row_get_method (AwaitlabInspectorRow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_INSPECTOR_ROW (self), NULL);
  return self->method;
}

/* The async method whose state machine activating the row shows. */
void
awaitlab_inspector_row_set_method (AwaitlabInspectorRow *self,
                                   const char           *method)
{
  g_return_if_fail (AWAITLAB_IS_INSPECTOR_ROW (self));

  g_free (self->method);
  self->method = g_strdup (method);
}

/* ------------------------------------------------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* GTK 4.8's list view sizes a row at its natural width, so a wrapped
   * label would be clipped: lines end in "…" and the tooltip has it all. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (badge, "state-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  AwaitlabInspectorRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *badge = gtk_widget_get_last_child (box);
  const char *previous = g_object_get_data (G_OBJECT (badge), "badge-class");

  gtk_label_set_markup (GTK_LABEL (label), row->markup);
  gtk_widget_set_tooltip_markup (label, row->markup);
  gtk_widget_set_visible (badge, row->badge != NULL);
  gtk_label_set_text (GTK_LABEL (badge), row->badge ? row->badge : "");
  /* Recycled widgets keep the last row's colour unless it is taken off. */
  if (previous != NULL)
    gtk_widget_remove_css_class (badge, previous);
  if (row->badge_class != NULL)
    gtk_widget_add_css_class (badge, row->badge_class);
  g_object_set_data_full (G_OBJECT (badge), "badge-class", g_strdup (row->badge_class), g_free);
  gtk_list_item_set_activatable (item, row->lane >= 0 || row->line > 0 || row->method != NULL);
}

static void
on_items_changed (GListModel *store,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GtkWidget  *scroller)
{
  gboolean tall = g_list_model_get_n_items (store) > MAX_SHORT_ROWS;

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  tall ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
  gtk_widget_set_size_request (scroller, -1, tall ? MAX_LIST_HEIGHT : -1);
}

GtkWidget *
awaitlab_inspector_list_new (GListStore   *store,
                             GtkListView **view)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (store))));
  GtkWidget *list;
  GtkWidget *scroller;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  list = gtk_list_view_new (selection, g_object_ref (factory));
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list), TRUE);
  gtk_widget_add_css_class (list, "boxed-list");

  /* A long list scrolls inside a fixed height, so only the rows in sight get
   * widgets; a short one shows whole (a list view outside a scroller makes
   * all its rows). The store is filled after this: decide when it changes. */
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  g_signal_connect_object (store, "items-changed", G_CALLBACK (on_items_changed), scroller, 0);
  if (view != NULL)
    *view = GTK_LIST_VIEW (list);
  return scroller;
}

/* FALSE if @view is not an Inspector list (a drop-down's popup, say). */
gboolean
awaitlab_inspector_list_append_text (GtkListView *view,
                                     GString     *out)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));

  if (model == NULL || g_list_model_get_item_type (model) != AWAITLAB_TYPE_INSPECTOR_ROW)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AwaitlabInspectorRow) row = g_list_model_get_item (model, i);
      g_autofree char *text = NULL;

      if (!pango_parse_markup (row->markup, -1, 0, NULL, &text, NULL, NULL))
        text = g_strdup (row->markup);
      g_string_append_printf (out, "%s\n", text);
      if (row->badge != NULL)
        g_string_append_printf (out, "%s\n", row->badge);
    }
  return TRUE;
}
