/* awaitlab-window-layout.c
 *
 * How the window fits its size, from 900×700 to 4K. The template does most of
 * it: the sidebar folds only below the views' minimum width, the Inspector sits
 * beside the views or slides over them (both AdwFlaps), the banners float over
 * the views instead of pushing them down. Here: the side tabs' drop-down (shown
 * by an AdwSqueezer when the tab buttons do not fit) and presentation mode,
 * whose type and lines grow with the window.
 */

#include <glib/gi18n.h>
#include <math.h>

#include "awaitlab-window-private.h"

/* ------------------------------------------------------------------------- */
/* The side tabs as a drop-down                                              */

static void
on_side_dropdown_selected (AwaitlabWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->side_dropdown);
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->side_stack);

  if (selected != GTK_INVALID_LIST_POSITION && !gtk_selection_model_is_selected (pages, selected))
    gtk_selection_model_select_item (pages, selected, TRUE);
}

static void
on_side_page_changed (AwaitlabWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->side_stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    if (gtk_selection_model_is_selected (pages, i))
      {
        if (gtk_drop_down_get_selected (self->side_dropdown) != i)
          gtk_drop_down_set_selected (self->side_dropdown, i);
        return;
      }
}

/* The drop-down lists the stack's own pages, so a new tab needs no code here. */
static void
setup_side_dropdown (AwaitlabWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->side_stack);

  gtk_drop_down_set_expression (self->side_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STACK_PAGE, NULL, "title"));
  gtk_drop_down_set_model (self->side_dropdown, G_LIST_MODEL (pages));
  on_side_page_changed (self);
  g_signal_connect_swapped (self->side_dropdown, "notify::selected",
                            G_CALLBACK (on_side_dropdown_selected), self);
  g_signal_connect_swapped (self->side_stack, "notify::visible-child",
                            G_CALLBACK (on_side_page_changed), self);
}

/* ------------------------------------------------------------------------- */
/* The Inspector as a sheet                                                  */

/* Folded, the Inspector lies over the views: a shadow says so. */
static void
on_inspector_folded (AwaitlabWindow *self)
{
  if (adw_flap_get_folded (self->inspector_flap))
    gtk_widget_add_css_class (GTK_WIDGET (self->inspector), "sheet");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->inspector), "sheet");
}

/* ------------------------------------------------------------------------- */
/* Presentation mode: bigger everything, for projectors.                     */

/* How much larger than at 1600×1000 a presentation draws, in 1/20 steps so
 * that small resizes do not restyle the window. The height decides (a
 * projector is read from the back of the room); a narrow window caps it so the
 * controls still fit across. */
static double
presentation_factor (int width,
                     int height)
{
  double f = MIN (height / 1000.0, width / 1250.0);

  f = CLAMP (f, 0.8, 3.0);
  return floor (f * 20.0 + 0.5) / 20.0;
}

/* The code gets more of a projector's width and the timeline most of its
 * height; run from an idle, once the panes have their size. */
static void
place_presentation_panes (AwaitlabWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->hpaned));
  int height = gtk_widget_get_height (GTK_WIDGET (self->vpaned));

  if (width > 0)
    gtk_paned_set_position (self->hpaned, (int) (width * 0.58));
  if (height > 0)
    gtk_paned_set_position (self->vpaned, (int) (height * 0.40));
}

static void
apply_presentation_scale (AwaitlabWindow *self)
{
  double f = self->presentation ? self->presentation_factor : 1.0;
  g_autofree char *css = NULL;
  int icon, check;

  awaitlab_timeline_view_set_scale (self->timeline_view, self->presentation ? 1.5 * f : 1.0);
  awaitlab_code_view_set_font_scale (self->code_view, self->presentation ? 1.6 * f : 1.0);
  awaitlab_queues_view_set_scale (self->queues_view, self->presentation ? MAX (1.0, 1.25 * f) : 1.0);
  gtk_drawing_area_set_content_height (self->legend, self->presentation ? (int)(38 * f + 0.5) : 26);

  if (!self->presentation)
    return;
  place_presentation_panes (self);
  if (self->presentation_css == NULL)
    {
      self->presentation_css = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                  GTK_STYLE_PROVIDER (self->presentation_css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
    }
  /* Icons, radio buttons and the scrubber's knob grow with the type. */
  icon = (int) (16 * 1.5 * f + 0.5);
  check = (int) (14 * 1.25 * f + 0.5);
  css = g_strdup_printf ("window.presentation { font-size: %.1fpt; }\n"
                         "window.presentation separator,\n"
                         "window.presentation paned > separator { min-width: %dpx; min-height: %dpx; }\n"
                         "window.presentation image { -gtk-icon-size: %dpx; }\n"
                         "window.presentation check, window.presentation radio"
                         " { min-width: %dpx; min-height: %dpx; -gtk-icon-size: %dpx; }\n"
                         "window.presentation scale slider { min-width: %dpx; min-height: %dpx; }\n"
                         "window.presentation button.circular { min-width: %dpx; min-height: %dpx; }\n"
                         /* libadwaita's text styles have fixed sizes: make them relative. */
                         "window.presentation .title-3 { font-size: 1.25em; }\n"
                         "window.presentation .heading { font-size: 1em; }\n"
                         "window.presentation .caption, window.presentation .caption-heading { font-size: 0.85em; }\n",
                         16.0 * f, MAX (2, (int)(2 * f + 0.5)), MAX (2, (int)(2 * f + 0.5)),
                         icon, check, check, check, check + 6, check + 6, icon + 14, icon + 14);
  gtk_css_provider_load_from_data (self->presentation_css, css, -1);
}

static gboolean
update_presentation_scale (gpointer data)
{
  AwaitlabWindow *self = data;

  self->scale_source = 0;
  apply_presentation_scale (self);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------- */
/* The dividers' first places                                                */

/* Until the user moves a divider, it starts in proportion to the window (the
 * schema's defaults suit a 1400×900 window, not 900×700 or 4K); once moved, the
 * remembered position wins. */
static gboolean
place_default_panes (gpointer data)
{
  AwaitlabWindow *self = data;
  g_autoptr(GVariant) side = NULL;
  g_autoptr(GVariant) timeline = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (self->hpaned));
  int height = gtk_widget_get_height (GTK_WIDGET (self->vpaned));

  self->panes_source = 0;
  if (self->settings == NULL || self->presentation || width <= 0 || height <= 0)
    return G_SOURCE_REMOVE;
  side = g_settings_get_user_value (self->settings, "code-side-position");
  timeline = g_settings_get_user_value (self->settings, "code-timeline-position");
  /* The code gets just over half, and in a small window what the side pane
   * (explanation, knobs) can spare. */
  if (side == NULL)
    gtk_paned_set_position (self->hpaned, MAX ((int) (width * 0.55), MIN (640, width - 260)));
  if (timeline == NULL)
    gtk_paned_set_position (self->vpaned, (int) (height * 0.42));
  return G_SOURCE_REMOVE;
}

static gboolean
update_compare_layout_idle (gpointer data)
{
  AwaitlabWindow *self = data;

  self->compare_source = 0;
  _awaitlab_window_update_compare_layout (self);
  return G_SOURCE_REMOVE;
}

/* Called after every allocation of the window: restyling there would lay the
 * window out again inside its own layout, so it waits for an idle. */
void
_awaitlab_window_layout_allocated (AwaitlabWindow *self,
                                   int             width,
                                   int             height)
{
  if (!self->panes_placed && gtk_widget_get_width (GTK_WIDGET (self->hpaned)) > 0)
    {
      self->panes_placed = TRUE;
      self->panes_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, place_default_panes, self, NULL);
    }

  if (width == self->allocated[0] && height == self->allocated[1])
    return;
  self->allocated[0] = width;
  self->allocated[1] = height;
  self->presentation_factor = presentation_factor (width, height);
  if (awaitlab_workspace_get_compare (self->workspace) && self->compare_source == 0)
    self->compare_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_compare_layout_idle, self, NULL);
  if (self->presentation && self->scale_source == 0)
    self->scale_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_presentation_scale, self, NULL);
}

/* The minimum heights of the timelines. With Compare the two timelines and
 * their labels share the height one timeline asks for alone, so turning it on
 * never grows the window; presentation mode's larger type elsewhere leaves
 * the timeline (which scrolls) less. */
void
_awaitlab_window_update_timeline_heights (AwaitlabWindow *self)
{
  gboolean compare = awaitlab_workspace_get_compare (self->workspace);
  GtkWidget *scroller_a = gtk_widget_get_ancestor (GTK_WIDGET (self->timeline_view), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *scroller_b = gtk_widget_get_ancestor (GTK_WIDGET (self->timeline_view_b), GTK_TYPE_SCROLLED_WINDOW);
  int alone = self->presentation ? 120 : 180;

  gtk_widget_set_size_request (scroller_a, -1, compare ? 60 : alone);
  gtk_widget_set_size_request (scroller_b, -1, 60);
}

/* Compare in a short window (900×700): two timelines under the code, the
 * legend, the queues and the transport left each about 60 px. There the
 * queues strip (it shows run A only) makes way and the divider moves up, so
 * that the timelines, what Compare is for, get most of the height; leaving
 * Compare (or a taller window) puts both back. */
#define COMPARE_SHORT_HEIGHT 1000

void
_awaitlab_window_update_compare_layout (AwaitlabWindow *self)
{
  gboolean compare = awaitlab_workspace_get_compare (self->workspace);
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  gboolean shortened = compare && height > 0 && height < COMPARE_SHORT_HEIGHT;

  if (shortened == self->compare_short)
    return;
  self->compare_short = shortened;
  gtk_widget_set_visible (GTK_WIDGET (self->queues_view), !shortened);
  if (self->presentation)
    return;
  if (shortened)
    {
      int vpaned = gtk_widget_get_height (GTK_WIDGET (self->vpaned));

      self->compare_saved_vpane = gtk_paned_get_position (self->vpaned);
      _awaitlab_window_bind_panes (self, FALSE);
      /* The code keeps a few lines around the executing one. */
      gtk_paned_set_position (self->vpaned, MAX (120, (int) (vpaned * 0.24)));
    }
  else
    {
      gtk_paned_set_position (self->vpaned, self->compare_saved_vpane);
      _awaitlab_window_bind_panes (self, TRUE);
    }
}

/* For a projector and a clicker: full screen, no sidebar or header bar,
 * larger type and thicker lines, the explanation tab in front (E hides it);
 * PageDown/PageUp move between bookmarks; Escape or F5 leaves. */
void
awaitlab_window_set_presentation (AwaitlabWindow *self,
                                  gboolean        presentation)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));

  presentation = !!presentation;
  if (presentation == self->presentation)
    return;
  self->presentation = presentation;
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    self->presentation_factor = presentation_factor (gtk_widget_get_width (GTK_WIDGET (self)),
                                                     gtk_widget_get_height (GTK_WIDGET (self)));
  _awaitlab_window_update_timeline_heights (self);
  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), !presentation);
  if (presentation)
    {
      self->saved_panes[0] = gtk_paned_get_position (self->hpaned);
      self->saved_panes[1] = gtk_paned_get_position (self->vpaned);
      _awaitlab_window_bind_panes (self, FALSE);
      self->flap_was_revealed = adw_flap_get_reveal_flap (self->flap);
      adw_flap_set_reveal_flap (self->flap, FALSE);
      gtk_stack_set_visible_child_name (self->side_stack, "explanation");
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      adw_flap_set_reveal_flap (self->flap, self->flap_was_revealed);
      gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->side_stack)), TRUE);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_unfullscreen (GTK_WINDOW (self));
      gtk_paned_set_position (self->hpaned, self->saved_panes[0]);
      gtk_paned_set_position (self->vpaned, self->saved_panes[1]);
      _awaitlab_window_bind_panes (self, TRUE);
      /* Compare in a short window arranges the panes again. */
      if (self->compare_short)
        {
          self->compare_short = FALSE;
          _awaitlab_window_update_compare_layout (self);
        }
    }
  apply_presentation_scale (self);
  /* Full screen and the hidden header change the panes' size: place them
   * again once laid out. */
  if (presentation && self->scale_source == 0)
    self->scale_source = g_idle_add_full (G_PRIORITY_LOW, update_presentation_scale, self, NULL);
}

gboolean
awaitlab_window_get_presentation (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), FALSE);
  return self->presentation;
}

/* E in presentation mode: the side panel (explanation, output) comes and goes. */
void
_awaitlab_window_toggle_side_panel (AwaitlabWindow *self)
{
  GtkWidget *pane = gtk_widget_get_parent (GTK_WIDGET (self->side_stack));

  gtk_widget_set_visible (pane, !gtk_widget_get_visible (pane));
}

/* ------------------------------------------------------------------------- */

void
_awaitlab_window_layout_init (AwaitlabWindow *self)
{
  self->presentation_factor = 1.0;
  setup_side_dropdown (self);
  /* The narration and the outcome never make their slot taller. */
  gtk_overlay_set_clip_overlay (self->status_slot, GTK_WIDGET (self->status_label), TRUE);
  gtk_overlay_set_clip_overlay (self->status_slot, self->outcome_banner, TRUE);
  g_signal_connect_swapped (self->inspector_flap, "notify::folded",
                            G_CALLBACK (on_inspector_folded), self);
  on_inspector_folded (self);
}

void
_awaitlab_window_layout_dispose (AwaitlabWindow *self)
{
  g_clear_handle_id (&self->scale_source, g_source_remove);
  g_clear_handle_id (&self->panes_source, g_source_remove);
  g_clear_handle_id (&self->compare_source, g_source_remove);
  if (self->presentation_css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->presentation_css));
  g_clear_object (&self->presentation_css);
}
