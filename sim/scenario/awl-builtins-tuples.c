/* awl-builtins-tuples.c
 *
 * Value tuples at run time: `(1, "a")` is an object of a class made by the compiler
 * (awl-compile-everyday.c) whose fields are the element names, Item1… where none is
 * given. Element names are kept with the value, so `t.Count` and `t.Item1` both work
 * wherever the tuple goes, and Console prints `(1, a)` as .NET does. The copy that
 * starts a `with` expression is here too.
 */

#include "awl-builtins-private.h"
#include "awl-compile-ext.h"

/* OP_NEW: the elements are the arguments. */
AWL_BI (tuple_new)
{
  const AwlClassInfo *klass = call->site->klass;
  AwlInstance *inst;

  if (!bi_charge (call, call->n_args, call->n_args * sizeof (AwlValue)))
    return bi_over_budget (call);
  inst = awl_sim_foreign_new (call->sim, &awl_instance_class, sizeof (AwlInstance));
  inst->klass = klass;
  inst->slots = g_new0 (AwlValue, MAX (klass->fields->len, 1));
  for (guint i = 0; i < call->n_args && i < klass->fields->len; i++)
    inst->slots[i] = call->args[i];
  return bi_value (call, awl_value_object (inst));
}

/* The same elements under the names of a declared tuple type. */
AWL_BI (tuple_rename)
{
  const AwlClassInfo *klass = call->site->klass;
  AwlInstance *from = awl_value_get_foreign (call->args[0], &awl_instance_class);
  AwlInstance *inst;

  if (from == NULL || !awl_instance_is_tuple (from) || from->klass->fields->len != klass->fields->len)
    return bi_value (call, call->args[0]);
  inst = awl_sim_foreign_new (call->sim, &awl_instance_class, sizeof (AwlInstance));
  inst->klass = klass;
  inst->slots = g_memdup2 (from->slots, klass->fields->len * sizeof (AwlValue));
  return bi_value (call, awl_value_object (inst));
}

const AwlKnownApi awl_tuple_ctor = { "ValueTuple", ".ctor", AWL_API_CONSTRUCTOR, 0, 7, NULL, 0, tuple_new, 0, NULL };
const AwlKnownApi awl_tuple_rename = { "ValueTuple", "(rename)", AWL_API_STATIC_METHOD, 1, 1, NULL, 0, tuple_rename, 0, NULL };

gboolean
awl_instance_is_tuple (const AwlInstance *inst)
{
  return inst->klass->name[0] == '(';
}

/* `t.Item2` of any tuple, whatever its elements are called. */
AwlValue *
awl_tuple_item (AwlInstance *inst,
                const char  *name)
{
  guint64 k;

  if (!awl_instance_is_tuple (inst) || !g_str_has_prefix (name, "Item") ||
      !g_ascii_string_to_unsigned (name + 4, 10, 1, inst->klass->fields->len, &k, NULL))
    return NULL;
  return &inst->slots[k - 1];
}

/* ValueTuple.ToString(): `(1, a)`. */
void
awl_tuple_to_string (AwlInstance *inst,
                     GString     *out)
{
  g_string_append_c (out, '(');
  for (guint i = 0; i < inst->klass->fields->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      awl_scn_value_format (inst->slots[i], out);
    }
  g_string_append_c (out, ')');
}

/* `x with { … }`: a shallow copy of a record, struct, tuple or anonymous object
 * (awl-compile-with.c sets the members on the copy). */
AWL_BI (record_clone)
{
  AwlInstance *from = awl_value_get_foreign (call->args[0], &awl_instance_class);
  AwlInstance *inst;

  if (call->args[0].kind == AWL_VALUE_NULL)
    return bi_null_reference (call);
  if (from == NULL)
    return bi_throw (call, "InvalidOperationException",
                     "a `with` expression needs a record, struct or anonymous object (Awaitlab)");
  if (!bi_charge (call, 1, sizeof (AwlInstance) + from->klass->fields->len * sizeof (AwlValue)))
    return bi_over_budget (call);
  inst = awl_sim_foreign_new (call->sim, &awl_instance_class, sizeof (AwlInstance));
  inst->klass = from->klass;
  inst->slots = g_memdup2 (from->slots, MAX (from->klass->fields->len, 1) * sizeof (AwlValue));
  return bi_value (call, awl_value_object (inst));
}

const AwlKnownApi awl_record_clone = { "<record>", "(with)", AWL_API_STATIC_METHOD, 1, 1, NULL, 0, record_clone, 0, NULL };
