/* awaitlab-knobs.c */

#include <glib/gi18n.h>
#include <stdlib.h>

#include "awaitlab-knobs.h"

static const char * const environments[] = { "console", "ui", "aspnet-classic", "aspnetcore", NULL };
static const char * const profiles[] = { "net8", "netfx", NULL };

struct _AwaitlabKnobs
{
  GtkWidget      parent_instance;

  GtkWidget     *scroller;
  GtkWidget     *box;
  AwlKnobValues *values;     /* what the user set */
  GHashTable    *shown;      /* name → current text (overrides over defaults) */
  GHashTable    *widgets;    /* name → row widget (switch / spin / combo row) */
  guint          building : 1;
};

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AwaitlabKnobs, awaitlab_knobs, GTK_TYPE_WIDGET)

static void
awaitlab_knobs_dispose (GObject *object)
{
  AwaitlabKnobs *self = (AwaitlabKnobs *)object;

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->values, awl_knob_values_free);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->widgets, g_hash_table_unref);

  G_OBJECT_CLASS (awaitlab_knobs_parent_class)->dispose (object);
}

static void
awaitlab_knobs_class_init (AwaitlabKnobsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = awaitlab_knobs_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
awaitlab_knobs_init (AwaitlabKnobs *self)
{
  self->values = awl_knob_values_new ();
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->box);
}

GtkWidget *
awaitlab_knobs_new (void)
{
  return g_object_new (AWAITLAB_TYPE_KNOBS, NULL);
}

static void
user_set (AwaitlabKnobs *self,
          const char    *name,
          const char    *value)
{
  if (self->building || g_strcmp0 (g_hash_table_lookup (self->shown, name), value) == 0)
    return;
  g_hash_table_insert (self->shown, g_strdup (name), g_strdup (value));
  awl_knob_values_set (self->values, name, value);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_switch (GtkSwitch     *sw,
           GParamSpec    *pspec,
           AwaitlabKnobs *self)
{
  user_set (self, g_object_get_data (G_OBJECT (sw), "knob"), gtk_switch_get_active (sw) ? "true" : "false");
}

static void
on_spin (GtkSpinButton *spin,
         AwaitlabKnobs *self)
{
  g_autofree char *text = NULL;

  if (gtk_spin_button_get_digits (spin) == 0)
    text = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));
  else
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      text = g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", gtk_spin_button_get_value (spin)));
    }
  user_set (self, g_object_get_data (G_OBJECT (spin), "knob"), text);
}

static void
on_combo (AdwComboRow   *row,
          GParamSpec    *pspec,
          AwaitlabKnobs *self)
{
  const char * const *choices = g_object_get_data (G_OBJECT (row), "choices");
  guint i = adw_combo_row_get_selected (row);

  if (i < g_strv_length ((char **)choices))
    user_set (self, g_object_get_data (G_OBJECT (row), "knob"), choices[i]);
}

static GtkWidget *
add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle,
         GtkWidget  *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  if (GTK_IS_SWITCH (suffix))
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), suffix);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
add_bool (AwaitlabKnobs *self,
          GtkWidget     *group,
          const char    *name,
          const char    *label,
          const char    *value)
{
  GtkWidget *sw = gtk_switch_new ();

  gtk_switch_set_active (GTK_SWITCH (sw), g_strcmp0 (value, "true") == 0);
  g_object_set_data_full (G_OBJECT (sw), "knob", g_strdup (name), g_free);
  g_signal_connect (sw, "notify::active", G_CALLBACK (on_switch), self);
  add_row (group, name, label, sw);
  g_hash_table_insert (self->widgets, g_strdup (name), sw);
}

static void
add_number (AwaitlabKnobs *self,
            GtkWidget     *group,
            const char    *name,
            const char    *label,
            const char    *value,
            double         lower,
            double         upper,
            guint          digits)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, digits ? 0.1 : 1);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), g_ascii_strtod (value ? value : "0", NULL));
  g_object_set_data_full (G_OBJECT (spin), "knob", g_strdup (name), g_free);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin), self);
  add_row (group, name, label, spin);
  g_hash_table_insert (self->widgets, g_strdup (name), spin);
}

static void
add_choice (AwaitlabKnobs      *self,
            GtkWidget          *group,
            const char         *name,
            const char         *title,
            const char * const *choices,
            const char         *value)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new ((const char **)choices)));
  for (guint i = 0; choices[i]; i++)
    if (g_strcmp0 (choices[i], value) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  g_object_set_data_full (G_OBJECT (row), "knob", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (row), "choices", (gpointer)choices);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_hash_table_insert (self->widgets, g_strdup (name), row);
}

static const char *
shown_value (AwaitlabKnobs       *self,
             const AwlKnobValues *values,
             const char          *name,
             const char          *fallback)
{
  const char *v = values ? awl_knob_values_get (values, name) : NULL;

  g_hash_table_insert (self->shown, g_strdup (name), g_strdup (v ? v : fallback));
  return g_hash_table_lookup (self->shown, name);
}

void
awaitlab_knobs_set_scenario (AwaitlabKnobs       *self,
                             AwlScenario         *scenario,
                             const AwlKnobValues *values)
{
  const AwlScenarioKnob *knobs;
  const AwlConfig *config;
  GtkWidget *child, *group;
  char buf[32];
  guint n;

  g_return_if_fail (AWAITLAB_IS_KNOBS (self));

  self->building = TRUE;
  while ((child = gtk_widget_get_first_child (self->box)))
    gtk_box_remove (GTK_BOX (self->box), child);
  g_hash_table_remove_all (self->shown);
  g_hash_table_remove_all (self->widgets);
  awl_knob_values_free (self->values);
  self->values = values ? awl_knob_values_copy (values) : awl_knob_values_new ();

  if (scenario == NULL)
    {
      self->building = FALSE;
      return;
    }

  knobs = awl_scenario_get_knobs (scenario, &n);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Scenario"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         n ? _("Changing a knob runs the scenario again at once.")
                                           : _("This scenario declares no @knob."));
  gtk_box_append (GTK_BOX (self->box), group);
  for (guint i = 0; i < n; i++)
    {
      const char *v = shown_value (self, values, knobs[i].name, knobs[i].default_value);

      if (knobs[i].type == AWL_SCENARIO_KNOB_BOOL)
        add_bool (self, group, knobs[i].name, knobs[i].label, v);
      else
        add_number (self, group, knobs[i].name, knobs[i].label, v, -1000, 1000000,
                    knobs[i].type == AWL_SCENARIO_KNOB_DOUBLE ? 2 : 0);
    }

  config = awl_scenario_get_config (scenario);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Runtime"));
  gtk_box_append (GTK_BOX (self->box), group);
  add_choice (self, group, "environment", _("Environment"), environments,
              shown_value (self, values, "environment", awl_environment_to_string (config->environment)));
  g_snprintf (buf, sizeof buf, "%u", config->cores);
  add_number (self, group, "cores", _("CPU cores"), shown_value (self, values, "cores", buf), 1, 64, 0);
  g_snprintf (buf, sizeof buf, "%u", config->min_threads);
  add_number (self, group, "min-threads", _("Minimum pool threads (0 = cores)"),
              shown_value (self, values, "min-threads", buf), 0, 1000, 0);
  add_choice (self, group, "runtime", _("Runtime profile"), profiles,
              shown_value (self, values, "runtime", awl_profile_to_string (config->profile)));

  self->building = FALSE;
}

AwlKnobValues *
awaitlab_knobs_dup_values (AwaitlabKnobs *self)
{
  g_return_val_if_fail (AWAITLAB_IS_KNOBS (self), NULL);
  return awl_knob_values_copy (self->values);
}

const char *
awaitlab_knobs_get_value (AwaitlabKnobs *self,
                          const char    *name)
{
  g_return_val_if_fail (AWAITLAB_IS_KNOBS (self), NULL);
  return g_hash_table_lookup (self->shown, name);
}

gboolean
awaitlab_knobs_set_value (AwaitlabKnobs *self,
                          const char    *name,
                          const char    *value)
{
  GtkWidget *widget;

  g_return_val_if_fail (AWAITLAB_IS_KNOBS (self), FALSE);

  if (!(widget = g_hash_table_lookup (self->widgets, name)))
    return FALSE;

  if (GTK_IS_SWITCH (widget))
    gtk_switch_set_active (GTK_SWITCH (widget), g_strcmp0 (value, "true") == 0);
  else if (GTK_IS_SPIN_BUTTON (widget))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), g_ascii_strtod (value, NULL));
  else if (ADW_IS_COMBO_ROW (widget))
    {
      const char * const *choices = g_object_get_data (G_OBJECT (widget), "choices");

      for (guint i = 0; choices[i]; i++)
        if (g_str_equal (choices[i], value))
          adw_combo_row_set_selected (ADW_COMBO_ROW (widget), i);
    }
  return g_strcmp0 (g_hash_table_lookup (self->shown, name), value) == 0;
}
