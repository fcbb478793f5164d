/* awl-compile-types.c
 *
 * Inheritance at run time: each class of the script gets its base classes' instance
 * fields (slots before its own) and methods (its overrides replace them), and the
 * set of names it `is` (itself, its base classes, its interfaces and theirs), which
 * `is`, `as`, casts and dynamic dispatch consult. The compiler's tables also learn
 * "Derived.member" for inherited members, so a derived class finds them by simple
 * name as C# does.
 */

#include "awl-objects.h"

#include <string.h>

#define MAX_DEPTH 64

static const char *
simple_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL ? dot + 1 : name;
}

gboolean
awl_class_inherits (const AwlAst *ast,
                    const char   *klass,
                    const char   *ancestor)
{
  for (guint depth = 0; klass != NULL && depth < MAX_DEPTH; depth++)
    {
      if (g_str_equal (klass, ancestor))
        return TRUE;
      klass = awl_ast_class_base (ast, klass);
    }
  return FALSE;
}

static void
add_is_a (const AwlAst *ast,
          GHashTable   *set,
          const char   *name,
          guint         depth)
{
  const AwlClassDecl *decl;

  if (depth > MAX_DEPTH || g_hash_table_contains (set, name))
    return;
  g_hash_table_add (set, (gpointer) name);
  decl = awl_ast_get_class (ast, name);
  for (guint i = 0; decl != NULL && i < decl->n_bases; i++)
    add_is_a (ast, set, simple_name (decl->bases[i]->name), depth + 1);
}

static void
link_class (AwlProgram   *prog,
            const AwlAst *ast,
            AwlClassInfo *info,
            guint         depth)
{
  const char *base_name;
  const AwlClassDecl *decl;
  AwlClassInfo *base;

  if (info->linked || depth > MAX_DEPTH)
    return;
  info->linked = TRUE;
  decl = awl_ast_get_class (ast, info->name);
  info->is_record = decl != NULL && (decl->flags & AWL_CLASS_RECORD) != 0;
  info->is_struct = decl != NULL && (decl->flags & AWL_CLASS_STRUCT) != 0;
  info->is_a = g_hash_table_new (g_str_hash, g_str_equal);
  add_is_a (ast, info->is_a, info->name, 0);

  base_name = awl_ast_class_base (ast, info->name);
  base = base_name != NULL ? g_hash_table_lookup (prog->classes, base_name) : NULL;
  if (base == NULL)
    return;
  link_class (prog, ast, base, depth + 1);

  /* The base's slots first, so that a base method finds its fields wherever the
   * object was made. */
  {
    GPtrArray *own = info->fields;

    info->fields = g_ptr_array_new ();
    for (guint i = 0; i < base->fields->len; i++)
      g_ptr_array_add (info->fields, base->fields->pdata[i]);
    for (guint i = 0; i < own->len; i++)
      g_ptr_array_add (info->fields, own->pdata[i]);
    g_ptr_array_unref (own);
  }
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, base->methods);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (!g_hash_table_contains (info->methods, key))
        g_hash_table_insert (info->methods, key, value);
  }
}

/* "Derived.name" → what "Base.name" maps to, for every member of every base class
 * (the nearest declaration wins). */
static void
inherit_keys (const AwlAst *ast,
              const char   *klass,
              GHashTable   *table,
              GPtrArray    *keys)
{
  g_autoptr(GPtrArray) add_keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) add_values = g_ptr_array_new ();
  const char *base = awl_ast_class_base (ast, klass);

  for (guint depth = 0; base != NULL && depth < MAX_DEPTH; depth++)
    {
      GHashTableIter iter;
      gpointer key, value;
      gsize len = strlen (base);

      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *k = key;

          if (strncmp (k, base, len) == 0 && k[len] == '.' && strchr (k + len + 1, '.') == NULL)
            {
              char *mine = g_strdup_printf ("%s.%s", klass, k + len + 1);

              if (g_hash_table_contains (table, mine))
                {
                  g_free (mine);
                  continue;
                }
              g_ptr_array_add (add_keys, mine);
              g_ptr_array_add (add_values, value);
            }
        }
      /* Insert after each level so a nearer base shadows a farther one. */
      for (guint i = 0; i < add_keys->len; i++)
        if (!g_hash_table_contains (table, add_keys->pdata[i]))
          {
            g_hash_table_insert (table, add_keys->pdata[i], add_values->pdata[i]);
            g_ptr_array_add (keys, add_keys->pdata[i]);
          }
        else
          g_free (add_keys->pdata[i]);
      g_ptr_array_set_size (add_keys, 0);
      g_ptr_array_set_size (add_values, 0);
      base = awl_ast_class_base (ast, base);
    }
}

/* A record prints its public fields and auto-properties, base classes' first. */
static void
record_printed (const AwlAst *ast,
                AwlClassInfo *info)
{
  info->printed = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint slot = 0; slot < info->fields->len; slot++)
    for (guint i = 0; i < ast->n_fields; i++)
      {
        AwlField *f = ast->fields[i];

        if (awl_field_is_instance (f) && (f->modifiers & AWL_MOD_PUBLIC) &&
            awl_class_inherits (ast, info->name, f->klass) && g_str_equal (f->name, info->fields->pdata[slot]))
          {
            g_array_append_val (info->printed, slot);
            break;
          }
      }
}

void
awl_classes_link (AwlProgram   *prog,
                  const AwlAst *ast,
                  GHashTable   *methods,
                  GHashTable   *fields,
                  GPtrArray    *keys)
{
  for (guint i = 0; i < ast->n_classes; i++)
    {
      AwlClassInfo *info = g_hash_table_lookup (prog->classes, ast->classes[i]);

      if (info != NULL)
        link_class (prog, ast, info, 0);
      if (info != NULL && info->is_record && info->printed == NULL)
        record_printed (ast, info);
      inherit_keys (ast, ast->classes[i], methods, keys);
      inherit_keys (ast, ast->classes[i], fields, keys);
    }
}

gboolean
awl_instance_is_a (AwlValue    v,
                   const char *type)
{
  AwlInstance *inst = awl_value_get_foreign (v, &awl_instance_class);

  if (inst == NULL)
    return FALSE;
  if (inst->klass->is_a == NULL)
    return g_str_equal (inst->klass->name, simple_name (type));
  return g_hash_table_contains (inst->klass->is_a, simple_name (type));
}

static gboolean
record_equal (AwlValue  a,
              AwlValue  b,
              gboolean *eq,
              guint     depth)
{
  AwlInstance *x = awl_value_get_foreign (a, &awl_instance_class);
  AwlInstance *y = awl_value_get_foreign (b, &awl_instance_class);

  if (x == NULL || y == NULL || !(x->klass->is_record || x->klass->is_struct) ||
      !(y->klass->is_record || y->klass->is_struct))
    return FALSE;
  if (x->klass != y->klass || depth > MAX_DEPTH)
    {
      *eq = x == y;
      return TRUE;
    }
  *eq = TRUE;
  for (guint i = 0; i < x->klass->fields->len && *eq; i++)
    {
      gboolean inner;

      if (record_equal (x->slots[i], y->slots[i], &inner, depth + 1))
        *eq = inner;
      else
        *eq = awl_value_equal (x->slots[i], y->slots[i]);
    }
  return TRUE;
}

gboolean
awl_record_equal (AwlValue  a,
                  AwlValue  b,
                  gboolean *eq)
{
  return record_equal (a, b, eq, 0);
}

static AwlValue
struct_copy (AwlSim   *sim,
             AwlValue  v,
             guint     depth)
{
  AwlInstance *inst = awl_value_get_foreign (v, &awl_instance_class);
  AwlInstance *copy;

  if (inst == NULL || !inst->klass->is_struct || depth > MAX_DEPTH)
    return v;
  copy = awl_sim_foreign_new (sim, &awl_instance_class, sizeof (AwlInstance));
  copy->klass = inst->klass;
  copy->slots = g_new0 (AwlValue, MAX (inst->klass->fields->len, 1));
  for (guint i = 0; i < inst->klass->fields->len; i++)
    copy->slots[i] = struct_copy (sim, inst->slots[i], depth + 1);
  return awl_value_object (copy);
}

AwlValue
awl_struct_copy (AwlSim   *sim,
                 AwlValue  v)
{
  return struct_copy (sim, v, 0);
}
