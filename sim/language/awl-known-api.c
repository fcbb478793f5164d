/* awl-known-api.c
 *
 * The table of .NET and simulated-world members the subset knows. Static members
 * are checked strictly (an unknown `Task.Foo` is an error); instance members only
 * by name, since the front end has no types.
 */

#include "awl-known-api.h"

#include <string.h>

/* The families, each defined next to its implementations. */
extern const AwlApiFamily awl_api_family_task;
extern const AwlApiFamily awl_api_family_threading;
extern const AwlApiFamily awl_api_family_collections;
extern const AwlApiFamily awl_api_family_text;
extern const AwlApiFamily awl_api_family_exceptions;
extern const AwlApiFamily awl_api_family_world;
extern const AwlApiFamily awl_api_family_net;
extern const AwlApiFamily awl_api_family_nullable;
extern const AwlApiFamily awl_api_family_context;
extern const AwlApiFamily awl_api_family_objects;
extern const AwlApiFamily awl_api_family_datetime;
extern const AwlApiFamily awl_api_family_concurrent;
extern const AwlApiFamily awl_api_family_channels;
extern const AwlApiFamily awl_api_family_parallel;
extern const AwlApiFamily awl_api_family_progress;
extern const AwlApiFamily awl_api_family_lazy;
extern const AwlApiFamily awl_api_family_linq;
extern const AwlApiFamily awl_api_family_strings;
extern const AwlApiFamily awl_api_family_channel_options;
extern const AwlApiFamily awl_api_family_key_value;
extern const AwlApiFamily awl_api_family_queue_stack;
extern const AwlApiFamily awl_api_family_linq_join;
extern const AwlApiFamily awl_api_family_linq_sets;
extern const AwlApiFamily awl_api_family_linq_fold;
extern const AwlApiFamily awl_api_family_json;

static const AwlApiFamily * const families[] = {
  &awl_api_family_task,
  &awl_api_family_threading,
  &awl_api_family_collections,
  &awl_api_family_text,
  &awl_api_family_exceptions,
  &awl_api_family_world,
  &awl_api_family_net,
  &awl_api_family_nullable,
  &awl_api_family_context,
  &awl_api_family_objects,
  &awl_api_family_datetime,
  &awl_api_family_concurrent,
  &awl_api_family_channels,
  &awl_api_family_parallel,
  &awl_api_family_progress,
  &awl_api_family_lazy,
  &awl_api_family_linq,
  &awl_api_family_strings,
  &awl_api_family_channel_options,
  &awl_api_family_key_value,
  &awl_api_family_queue_stack,
  &awl_api_family_linq_join,
  &awl_api_family_linq_sets,
  &awl_api_family_linq_fold,
  &awl_api_family_json,
};

typedef struct
{
  GPtrArray  *all;        /* const AwlKnownApi * */
  GHashTable *instance;   /* member → GPtrArray of instance rows */
} Index;

/* Built once, then only read (runs may use it from several threads). */
static const Index *
get_index (void)
{
  static gsize index;

  if (g_once_init_enter (&index))
    {
      Index *ix = g_new0 (Index, 1);

      ix->all = g_ptr_array_new ();
      ix->instance = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint f = 0; f < G_N_ELEMENTS (families); f++)
        for (guint i = 0; i < families[f]->n_rows; i++)
          {
            const AwlKnownApi *a = &families[f]->rows[i];
            GPtrArray *rows;

            g_ptr_array_add (ix->all, (gpointer) a);
            if (a->kind != AWL_API_INSTANCE_METHOD && a->kind != AWL_API_INSTANCE_PROPERTY)
              continue;
            rows = g_hash_table_lookup (ix->instance, a->member);
            if (rows == NULL)
              g_hash_table_insert (ix->instance, (gpointer) a->member, rows = g_ptr_array_new ());
            g_ptr_array_add (rows, (gpointer) a);
          }
      g_once_init_leave (&index, (gsize) ix);
    }
  return (const Index *) index;
}

/* Type names usable in declarations besides the ones that have members above. */
static const char * const extra_types[] = {
  "bool", "byte", "char", "decimal", "double", "float", "int", "long", "object",
  "sbyte", "short", "string", "uint", "ulong", "ushort", "void", "String", "Int32",
  "Int64", "Boolean", "Double", "Object",
  "IEnumerable", "IList", "ICollection", "IReadOnlyList", "Func", "Action",
  "CancellationToken", "Thread", "TaskAwaiter", "ConfiguredTaskAwaitable",
  "EventArgs", "IAsyncEnumerable", "IAsyncEnumerator", "ValueTask", "Task",
  "IDisposable", "Random", "Dictionary", "Type", "EventHandler", "ValueTuple",
  "IProgress", "IGrouping", "KeyValuePair", "IDictionary", "IReadOnlyDictionary",
  "System", NULL
};

static const char * const exception_types[] = {
  "Exception", "InvalidOperationException", "HttpRequestException",
  "OperationCanceledException", "TaskCanceledException", "AggregateException",
  "ArgumentException", "ArgumentNullException", "ArgumentOutOfRangeException",
  "TimeoutException", "NotImplementedException", "NotSupportedException",
  "DivideByZeroException", "NullReferenceException", "ObjectDisposedException",
  "IndexOutOfRangeException", "FormatException", "IOException",
  "SemaphoreFullException", "ApplicationException", "UriFormatException", "OverflowException",
  "SwitchExpressionException", "ChannelClosedException", "KeyNotFoundException", NULL
};

static const char *
last_segment (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL ? dot + 1 : name;
}

static const char * const namespaces[] = {
  "System", "Threading", "Tasks", "Collections", "Generic", "Linq", "Net", "Diagnostics",
  "Concurrent", "Channels", "Http", "Text", "IO", NULL
};

gboolean
awl_known_api_is_namespace (const char *dotted)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (dotted != NULL, FALSE);

  parts = g_strsplit (dotted, ".", -1);
  if (!g_str_equal (parts[0], "System"))
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    if (!g_strv_contains (namespaces, parts[i]))
      return FALSE;
  return TRUE;
}

char *
awl_known_api_normalize_type (const char *dotted)
{
  static const struct { const char *alias; const char *keyword; } aliases[] = {
    { "String", "string" }, { "Int32", "int" }, { "Object", "object" }, { "Boolean", "bool" },
    { "Double", "double" }, { "Int64", "long" },
  };
  g_auto(GStrv) parts = NULL;
  guint n, i = 0;

  g_return_val_if_fail (dotted != NULL, NULL);

  parts = g_strsplit (dotted, ".", -1);
  n = g_strv_length (parts);
  /* Namespaces are stripped, but not a last segment: `Http.GetAsync`'s Http is a type. */
  while (i + 1 < n && g_strv_contains (namespaces, parts[i]) &&
         !(i + 2 == n && g_str_equal (parts[i], "Http")))
    i++;
  if (i + 1 == n)
    for (guint k = 0; k < G_N_ELEMENTS (aliases); k++)
      if (g_str_equal (parts[i], aliases[k].alias))
        return g_strdup (aliases[k].keyword);
  return g_strjoinv (".", parts + i);
}

gboolean
awl_known_api_is_exception_type (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return g_strv_contains (exception_types, last_segment (name));
}

gboolean
awl_known_api_is_type (const char *name)
{
  const char *n;

  g_return_val_if_fail (name != NULL, FALSE);

  g_autofree char *norm = awl_known_api_normalize_type (name);
  const Index *ix = get_index ();

  n = norm;
  for (guint i = 0; i < ix->all->len; i++)
    {
      const AwlKnownApi *a = ix->all->pdata[i];
      if (strcmp (a->type, n) == 0 &&
          (a->kind == AWL_API_STATIC_METHOD || a->kind == AWL_API_STATIC_PROPERTY ||
           a->kind == AWL_API_ENUM_VALUE || a->kind == AWL_API_CONSTRUCTOR))
        return TRUE;
    }

  return strcmp (n, "System") == 0 || awl_known_api_is_exception_type (n);
}

gboolean
awl_known_api_is_type_name (const char *name)
{
  const char *n;

  g_return_val_if_fail (name != NULL, FALSE);

  g_autofree char *norm = awl_known_api_normalize_type (name);
  const Index *ix = get_index ();

  n = norm;
  if (g_strv_contains (extra_types, n) || awl_known_api_is_exception_type (n) ||
      g_strv_contains (extra_types, last_segment (n)))
    return TRUE;
  for (guint i = 0; i < ix->all->len; i++)
    if (strcmp (((const AwlKnownApi *) ix->all->pdata[i])->type, n) == 0)
      return TRUE;

  return FALSE;
}

const AwlKnownApi *
awl_known_api_lookup (const char *type,
                      const char *member,
                      AwlApiKind  kind)
{
  g_autofree char *t = NULL;
  const Index *ix = get_index ();

  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (member != NULL, NULL);

  t = awl_known_api_normalize_type (type);
  for (guint i = 0; i < ix->all->len; i++)
    {
      const AwlKnownApi *a = ix->all->pdata[i];
      if (a->kind == kind && strcmp (a->type, t) == 0 && strcmp (a->member, member) == 0)
        return a;
    }

  /* Every exception type has Exception's constructor. */
  if (kind == AWL_API_CONSTRUCTOR && strcmp (member, ".ctor") == 0 &&
      awl_known_api_is_exception_type (t))
    return awl_known_api_lookup ("Exception", ".ctor", kind);

  return NULL;
}

const AwlKnownApi *
awl_known_api_lookup_static (const char *type,
                             const char *member)
{
  const AwlKnownApi *a;

  if ((a = awl_known_api_lookup (type, member, AWL_API_STATIC_METHOD)) != NULL)
    return a;
  if ((a = awl_known_api_lookup (type, member, AWL_API_STATIC_PROPERTY)) != NULL)
    return a;
  return awl_known_api_lookup (type, member, AWL_API_ENUM_VALUE);
}

gboolean
awl_known_api_has_instance_member (const char *member)
{
  g_return_val_if_fail (member != NULL, FALSE);

  return g_hash_table_contains (get_index ()->instance, member);
}

const AwlKnownApi * const *
awl_known_api_get_all (guint *n_items)
{
  const Index *ix = get_index ();

  if (n_items != NULL)
    *n_items = ix->all->len;
  return (const AwlKnownApi * const *) ix->all->pdata;
}

const AwlKnownApi * const *
awl_known_api_instance_rows (const char *member,
                             guint      *n_items)
{
  GPtrArray *rows;

  g_return_val_if_fail (member != NULL, NULL);

  rows = g_hash_table_lookup (get_index ()->instance, member);
  *n_items = rows ? rows->len : 0;
  return rows ? (const AwlKnownApi * const *) rows->pdata : NULL;
}
