/* awl-builtins-keyvalue.c
 *
 * KeyValuePair<TKey, TValue>: what `foreach (var kv in dict)` gives for a
 * Dictionary or ConcurrentDictionary (awl-builtins-concurrent.c makes the pairs).
 * `kv.Key`, `kv.Value`, `foreach (var (k, v) in dict)` (its Deconstruct, which the
 * compiler reaches as the elements Item1/Item2) and ToString's `[key, value]`.
 */

#include "awl-builtins-private.h"

typedef struct
{
  AwlForeign  parent;
  AwlValue    key;
  AwlValue    value;
} AwlKeyValue;

static void
key_value_to_string (AwlForeign *self,
                     GString    *out)
{
  AwlKeyValue *kv = (AwlKeyValue *) self;

  g_string_append_c (out, '[');
  awl_scn_value_format (kv->key, out);
  g_string_append (out, ", ");
  awl_scn_value_format (kv->value, out);
  g_string_append_c (out, ']');
}

static const AwlForeignClass key_value_class = { "KeyValuePair", NULL, key_value_to_string };

AwlValue
awl_key_value_new (AwlSim   *sim,
                   AwlValue  key,
                   AwlValue  value)
{
  AwlKeyValue *kv = awl_sim_foreign_new (sim, &key_value_class, sizeof (AwlKeyValue));

  kv->key = key;
  kv->value = value;
  return awl_value_object (kv);
}

gboolean
awl_key_value_item (AwlValue    pair,
                    const char *name,
                    AwlValue   *out)
{
  AwlKeyValue *kv = awl_value_get_foreign (pair, &key_value_class);

  if (kv == NULL || (!g_str_equal (name, "Item1") && !g_str_equal (name, "Item2")))
    return FALSE;
  *out = name[4] == '1' ? kv->key : kv->value;
  return TRUE;
}

/* Key (data 0) and Value (data 1). */
AWL_BI (key_value_part)
{
  AwlKeyValue *kv = awl_value_get_foreign (call->target, &key_value_class);

  return bi_value (call, call->api->data ? kv->value : kv->key);
}

#define D "var d = new Dictionary<string, int>(); d.Add(\"a\", 1); "

static const AwlKnownApi rows[] = {
  { "KeyValuePair", "Key", AWL_IP, 0, 0, NULL, 0, key_value_part, 0, D "foreach (var kv in d) Console.WriteLine(kv.Key);" },
  { "KeyValuePair", "Value", AWL_IP, 0, 0, NULL, 0, key_value_part, 1, D "foreach (var kv in d) Console.WriteLine(kv.Value); foreach (var (k, v) in d) Console.WriteLine($\"{k}={v}\");" },
};

#undef D

const AwlApiFamily awl_api_family_key_value = { "KeyValuePair", rows, G_N_ELEMENTS (rows) };
