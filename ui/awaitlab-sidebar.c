/* awaitlab-sidebar.c */

#include <glib/gi18n.h>
#include <adwaita.h>

#include "awaitlab-sidebar.h"
#include "awaitlab-document.h"

/* How many recent files the sidebar lists. */
#define MAX_RECENT 8

struct _AwaitlabSidebar
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *box;
  GtkSearchEntry     *search_entry;
  GtkListBox         *catalogue_list;
  GtkLabel           *no_results;
  GtkLabel           *recent_header;
  GtkListBox         *recent_list;

  GListModel         *catalogue;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
};

G_DEFINE_FINAL_TYPE (AwaitlabSidebar, awaitlab_sidebar, GTK_TYPE_WIDGET)

enum {
  OPEN_RESOURCE,
  OPEN_FILE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_catalogue_row (gpointer item,
                      gpointer user_data)
{
  AwaitlabCatalogueItem *entry = item;
  GtkWidget *row = adw_action_row_new ();
  const char *questions = awaitlab_catalogue_item_get_questions (entry);
  g_auto(GStrv) numbers = g_strsplit_set (questions ? questions : "·", ", ", 2);
  GtkWidget *badge = gtk_label_new (numbers[0]);

  gtk_widget_add_css_class (badge, "question-number");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), awaitlab_catalogue_item_get_title (entry));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (entry), g_object_unref);

  return row;
}

static void
catalogue_header (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  AwaitlabCatalogueItem *item = g_object_get_data (G_OBJECT (row), "item");
  AwaitlabCatalogueItem *prev = before ? g_object_get_data (G_OBJECT (before), "item") : NULL;
  GtkWidget *header;

  if (prev != NULL &&
      g_strcmp0 (awaitlab_catalogue_item_get_topic (item), awaitlab_catalogue_item_get_topic (prev)) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (awaitlab_catalogue_item_get_topic (item));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "topic-header");
  gtk_list_box_row_set_header (row, header);
}

static gboolean
catalogue_filter (gpointer item,
                  gpointer user_data)
{
  AwaitlabSidebar *self = user_data;

  return awaitlab_catalogue_item_matches (item, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Filters now; GtkSearchEntry delays search-changed while the user types. */
static void
on_search_changed (AwaitlabSidebar *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_widget_set_visible (GTK_WIDGET (self->no_results),
                          g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0);
}

static void
open_item (AwaitlabSidebar       *self,
           AwaitlabCatalogueItem *item)
{
  g_signal_emit (self, signals[OPEN_RESOURCE], 0, awaitlab_catalogue_item_get_resource (item));
}

/* Enter opens the first result of what was typed, even when it was typed
 * faster than the delayed search-changed: filter first, then open. */
static void
on_search_activate (AwaitlabSidebar *self)
{
  g_autoptr(AwaitlabCatalogueItem) item = NULL;

  on_search_changed (self);
  if ((item = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0)))
    open_item (self, item);
}

static void
on_catalogue_row_activated (AwaitlabSidebar *self,
                            GtkListBoxRow   *row)
{
  AwaitlabCatalogueItem *item = g_object_get_data (G_OBJECT (row), "item");

  if (item != NULL)
    open_item (self, item);
}

static void
on_recent_row_activated (AwaitlabSidebar *self,
                         GtkListBoxRow   *row)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");

  if (uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_signal_emit (self, signals[OPEN_FILE], 0, file);
    }
}

static void
fill_recent (AwaitlabSidebar *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))))
    gtk_list_box_remove (self->recent_list, child);

  for (GList *l = items; l != NULL && shown < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      GtkWidget *row;

      if (!g_str_has_suffix (uri, ".csx") || !gtk_recent_info_exists (info))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_recent_info_get_display_name (info));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("text-x-generic-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uri), g_free);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }

  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_header), shown > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), shown > 0);
}

static void
load_catalogue (AwaitlabSidebar *self)
{
  g_autoptr(GError) error = NULL;

  self->catalogue = awaitlab_catalogue_load (&error);
  if (self->catalogue == NULL)
    {
      g_warning ("Could not load the catalogue: %s", error->message);
      self->catalogue = G_LIST_MODEL (g_list_store_new (AWAITLAB_TYPE_CATALOGUE_ITEM));
    }

  self->filter = gtk_custom_filter_new (catalogue_filter, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (self->catalogue),
                                              GTK_FILTER (g_object_ref (self->filter)));
  gtk_list_box_bind_model (self->catalogue_list, G_LIST_MODEL (self->filtered),
                           create_catalogue_row, self, NULL);
  gtk_list_box_set_header_func (self->catalogue_list, catalogue_header, NULL, NULL);
}

static void
awaitlab_sidebar_dispose (GObject *object)
{
  AwaitlabSidebar *self = AWAITLAB_SIDEBAR (object);

  if (self->catalogue_list != NULL)
    gtk_list_box_bind_model (self->catalogue_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AWAITLAB_TYPE_SIDEBAR);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->catalogue);

  G_OBJECT_CLASS (awaitlab_sidebar_parent_class)->dispose (object);
}

static void
awaitlab_sidebar_class_init (AwaitlabSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = awaitlab_sidebar_dispose;

  /* A built-in scenario was chosen: its resource path. */
  signals[OPEN_RESOURCE] =
    g_signal_new ("open-resource", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A recent file was chosen. */
  signals[OPEN_FILE] =
    g_signal_new ("open-file", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/awaitlab/Awaitlab/ui/awaitlab-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, AwaitlabSidebar, box);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabSidebar, catalogue_list);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabSidebar, no_results);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabSidebar, recent_header);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabSidebar, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_catalogue_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated);
}

static void
awaitlab_sidebar_init (AwaitlabSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  load_catalogue (self);
  fill_recent (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed", G_CALLBACK (fill_recent),
                           self, G_CONNECT_SWAPPED);
}

GListModel *
awaitlab_sidebar_get_catalogue (AwaitlabSidebar *self)
{
  g_return_val_if_fail (AWAITLAB_IS_SIDEBAR (self), NULL);
  return self->catalogue;
}

/* Shows which question is open however it was opened; NULL selects none. */
void
awaitlab_sidebar_select_resource (AwaitlabSidebar *self,
                                  const char      *resource_path)
{
  g_return_if_fail (AWAITLAB_IS_SIDEBAR (self));

  gtk_list_box_unselect_all (self->catalogue_list);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->catalogue_list));
       row != NULL && resource_path != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      AwaitlabCatalogueItem *item = g_object_get_data (G_OBJECT (row), "item");

      if (item != NULL && g_strcmp0 (awaitlab_catalogue_item_get_resource (item), resource_path) == 0)
        gtk_list_box_select_row (self->catalogue_list, GTK_LIST_BOX_ROW (row));
    }
}

void
awaitlab_sidebar_focus_search (AwaitlabSidebar *self)
{
  g_return_if_fail (AWAITLAB_IS_SIDEBAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
awaitlab_sidebar_set_search (AwaitlabSidebar *self,
                             const char      *text)
{
  g_return_if_fail (AWAITLAB_IS_SIDEBAR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_search_changed (self);
}

guint
awaitlab_sidebar_get_n_results (AwaitlabSidebar *self)
{
  g_return_val_if_fail (AWAITLAB_IS_SIDEBAR (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}
