/* awaitlab-window-status.c
 *
 * The status slot under the transport: two lines (three in presentation mode
 * on a narrow window) for the narration or, at the end of a run that did not
 * complete, the outcome. What it says never changes its height (banners must
 * not move what the pointer is on), so a long text is
 * made to fit instead: its type steps down until it fits two lines at the
 * slot's current width. If it still does not, the rest is one hover (tooltip)
 * or one click ("Show all", a popover with the whole text) away.
 */

#include <glib/gi18n.h>

#include "awaitlab-window-private.h"

/* The type sizes tried, largest first: the smallest is still readable from
 * the back of a room in presentation mode (its type is larger). */
static const double fit_scales[] = { 1.0, 0.9, 0.8, 0.72 };

/* How many lines @label's current text takes at @width pixels with its type
 * scaled by @scale. */
static int
count_lines (GtkLabel *label,
             int       width,
             double    scale)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (label), NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* The narration is plain text (it may hold "<"), the outcome markup. */
  if (gtk_label_get_use_markup (label))
    pango_layout_set_markup (layout, gtk_label_get_label (label), -1);
  else
    pango_layout_set_text (layout, gtk_label_get_label (label), -1);
  if (pango_layout_get_attributes (layout) != NULL)
    {
      pango_attr_list_unref (attrs);
      attrs = pango_attr_list_copy (pango_layout_get_attributes (layout));
    }
  pango_attr_list_insert_before (attrs, pango_attr_scale_new (scale));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_wrap (layout, gtk_label_get_wrap_mode (label));
  pango_layout_set_width (layout, width * PANGO_SCALE);
  return pango_layout_get_line_count (layout);
}

/* Gives @label the largest type at which its text fits @lines lines of
 * @width pixels; TRUE if it fits at all. */
static gboolean
fit_label (GtkLabel *label,
           int       width,
           int       lines)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  double scale = fit_scales[G_N_ELEMENTS (fit_scales) - 1];
  gboolean fits = FALSE;

  if (width <= 0 || *gtk_label_get_label (label) == 0)
    {
      gtk_label_set_attributes (label, NULL);
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fit_scales) && !fits; i++)
    if (count_lines (label, width, fit_scales[i]) <= lines)
      {
        scale = fit_scales[i];
        fits = TRUE;
      }
  gtk_label_set_lines (label, lines);
  if (scale < 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  gtk_label_set_attributes (label, scale < 1.0 ? attrs : NULL);
  /* Whatever is cut is one hover away. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), fits ? NULL : gtk_label_get_text (label));
  return fits;
}

/* The width the label's text gets: its own once laid out, else what the slot
 * leaves it (the slot's padding, and in the outcome its icon and button). */
static int
text_width (AwaitlabWindow *self,
            GtkLabel       *label)
{
  int slot = gtk_widget_get_width (GTK_WIDGET (self->status_slot));
  int others = 0;

  if (gtk_widget_get_mapped (GTK_WIDGET (label)) && gtk_widget_get_width (GTK_WIDGET (label)) > 0)
    return gtk_widget_get_width (GTK_WIDGET (label));
  if (label == self->outcome_label)
    for (GtkWidget *child = gtk_widget_get_first_child (self->outcome_banner); child;
         child = gtk_widget_get_next_sibling (child))
      if (child != GTK_WIDGET (label))
        {
          int nat;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
          others += nat + gtk_box_get_spacing (GTK_BOX (self->outcome_banner));
        }
  return slot - 32 - others;
}

/* Two lines; three in presentation mode on a narrow window, where the large
 * type leaves a long outcome too little room. The slot's height follows the
 * window and the mode, never what the slot says. */
static int
slot_lines (AwaitlabWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->status_slot));

  return self->presentation && width > 0 && width < 1100 ? 3 : 2;
}

/* Fits the narration and the outcome to the slot as it is now. */
void
_awaitlab_window_fit_status (AwaitlabWindow *self)
{
  int lines = slot_lines (self);
  GtkLabel *blank = GTK_LABEL (gtk_overlay_get_child (self->status_slot));

  /* The blank child's lines make the slot's height. */
  if (gtk_label_get_lines (self->status_label) != lines)
    gtk_label_set_text (blank, lines == 3 ? " \n \n " : " \n ");
  fit_label (self->status_label, text_width (self, self->status_label), lines);
  fit_label (self->outcome_label, text_width (self, self->outcome_label), lines);
  /* The popover always holds the whole outcome, at the window's type. */
  gtk_label_set_markup (self->outcome_full_label, gtk_label_get_label (self->outcome_label));
  self->status_fitted_size[0] = gtk_widget_get_width (GTK_WIDGET (self->status_slot));
  self->status_fitted_size[1] = gtk_widget_get_height (GTK_WIDGET (self->status_slot));
}

static gboolean
refit_idle (gpointer data)
{
  AwaitlabWindow *self = data;

  self->status_fit_source = 0;
  _awaitlab_window_fit_status (self);
  return G_SOURCE_REMOVE;
}

/* Fits again once the current layout is done (before the next frame: a
 * lower priority may wait behind frames on a busy machine). */
void
_awaitlab_window_queue_fit_status (AwaitlabWindow *self)
{
  if (self->status_fit_source == 0)
    self->status_fit_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refit_idle, self, NULL);
}

/* The overlay asks where each overlay goes at every allocation: the moment
 * to notice that the slot's width or height changed (a resize, or a new type
 * size: restyling is done by then). */
static gboolean
on_slot_position (GtkOverlay   *overlay,
                  GtkWidget    *widget,
                  GdkRectangle *allocation,
                  gpointer      data)
{
  AwaitlabWindow *self = data;

  if (gtk_widget_get_width (GTK_WIDGET (overlay)) != self->status_fitted_size[0] ||
      gtk_widget_get_height (GTK_WIDGET (overlay)) != self->status_fitted_size[1])
    _awaitlab_window_queue_fit_status (self);
  /* The outcome gets the slot, exactly: never taller, whatever its icon,
   * button and bold type ask for (its text was fitted to the slot). */
  if (widget == self->outcome_banner)
    {
      allocation->x = 0;
      allocation->y = 0;
      allocation->width = gtk_widget_get_width (GTK_WIDGET (overlay));
      allocation->height = gtk_widget_get_height (GTK_WIDGET (overlay));
      return TRUE;
    }
  return FALSE;
}

void
_awaitlab_window_status_init (AwaitlabWindow *self)
{
  g_signal_connect (self->status_slot, "get-child-position", G_CALLBACK (on_slot_position), self);
}

void
_awaitlab_window_status_dispose (AwaitlabWindow *self)
{
  g_clear_handle_id (&self->status_fit_source, g_source_remove);
}
