/* awl-compile-everyday.c
 *
 * Compiles the everyday C# that awl-parser-everyday.c parses: tuples and their
 * deconstruction, `out`/`ref` arguments, patterns (`is`, switch arms) and switch
 * expressions. Everything is lowered to the interpreter's existing instructions:
 * a pattern is a test that leaves a bool, a switch expression a chain of tests.
 */

#include "awl-compile-ext.h"
#include "awl-objects.h"

#include <string.h>

static AwlLoc no_loc = { 0, 0 };

#define emit(c, op, a) awl_cx_emit (c, op, a, 0, NULL, no_loc)

/* ----------------------------------------------------------------------------- */
/* out / ref arguments                                                            */

/* One argument waiting for its call to return: the temporary slot holding its box.
 * Two pointers wide, the element size awl-compile.c gives the array. */
typedef struct
{
  AwlArg *arg;
  gsize   slot;
} PendingRef;

G_STATIC_ASSERT (sizeof (PendingRef) == 2 * sizeof (AwlExpr *));

void
awl_cx_push_ref_arg (AwlCx  *c,
                     AwlArg *arg)
{
  PendingRef ref = { arg, awl_cx_new_slot (c) };

  /* A `ref` argument starts with the variable's value, an `out` one with nothing. */
  if (arg->is_ref && arg->value != NULL)
    awl_cx_expr (c, arg->value);
  else
    awl_cx_const (c, awl_value_null ());
  emit (c, OP_NEW_BOX, ref.slot);
  emit (c, OP_LOAD, ref.slot);   /* the box itself */
  g_array_append_val (awl_cx_pending_refs (c), ref);
}

void
awl_cx_flush_refs (AwlCx *c,
                   guint  mark)
{
  GArray *pending = awl_cx_pending_refs (c);

  for (guint i = mark; i < pending->len; i++)
    {
      PendingRef *ref = &g_array_index (pending, PendingRef, i);
      AwlArg *arg = ref->arg;

      if (arg->out_var == NULL && arg->value == NULL)
        continue;   /* `out _` */
      emit (c, OP_LOAD_BOX, ref->slot);
      if (arg->out_var != NULL)
        awl_cx_declare_store (c, arg->out_var->name, arg->out_var->type);
      else if (arg->value->kind == AWL_EXPR_NAME)
        awl_cx_store_name (c, arg->value);
      else
        {
          emit (c, OP_POP, 0);
          awl_cx_error (c, arg->loc, "an `out`/`ref` argument that is not a variable or a static field "
                        "is not supported by Awaitlab's C# subset; use a local variable");
        }
    }
  g_array_set_size (pending, mark);
}

/* ----------------------------------------------------------------------------- */
/* Tuples                                                                         */

static AwlClassInfo *
tuple_class (AwlCx        *c,
             guint         n,
             const char  **names,
             const char  **fallback)
{
  AwlProgram *prog = awl_cx_program (c);
  AwlClassInfo *info = g_new0 (AwlClassInfo, 1);

  info->name = g_strdup_printf ("(tuple)#%u", g_hash_table_size (prog->classes));
  info->fields = g_ptr_array_new ();
  info->methods = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      const char *name = names != NULL ? names[i] : NULL;

      if (name == NULL && fallback != NULL)
        name = fallback[i];
      if (name == NULL || strcmp (name, "_") == 0)
        {
          g_autofree char *item = g_strdup_printf ("Item%u", i + 1);
          name = awl_cx_own_string (c, item);
        }
      g_ptr_array_add (info->fields, (gpointer) name);
    }
  g_hash_table_insert (prog->classes, info->name, info);
  return info;
}

void
awl_cx_tuple (AwlCx            *c,
              AwlExpr          *e,
              const AwlTypeRef *type)
{
  AwlCallSite *site;

  for (guint i = 0; i < e->tuple.n_elements; i++)
    awl_cx_expr (c, e->tuple.elements[i]);
  site = awl_cx_site (c, NULL, "(tuple)", e->tuple.n_elements, e->loc);
  site->api = &awl_tuple_ctor;
  site->klass = tuple_class (c, e->tuple.n_elements,
                             type != NULL && type->n_args == e->tuple.n_elements ? type->tuple_names : NULL,
                             e->tuple.names);
  awl_cx_emit (c, OP_NEW, e->tuple.n_elements, 0, site, e->loc);
}

gboolean
awl_cx_named_tuple (AwlCx            *c,
                    AwlExpr          *value,
                    const AwlTypeRef *type)
{
  AwlCallSite *site;

  if (value == NULL || type == NULL || type->tuple_names == NULL)
    return FALSE;
  if (value->kind == AWL_EXPR_TUPLE)
    {
      awl_cx_tuple (c, value, type);
      return TRUE;
    }
  /* Any other tuple value (a call's result): the same elements under the names. */
  awl_cx_expr (c, value);
  site = awl_cx_site (c, NULL, "(tuple)", 1, value->loc);
  site->api = &awl_tuple_rename;
  site->klass = tuple_class (c, type->n_args, type->tuple_names, NULL);
  awl_cx_emit (c, OP_CALL_STATIC, 1, 0, site, value->loc);
  return TRUE;
}

const AwlTypeRef *
awl_cx_return_tuple_type (AwlFunction *func)
{
  const AwlTypeRef *rt = func != NULL && !(func->flags & AWL_FUNC_LAMBDA) ? func->return_type : NULL;

  /* `Task<(int Count, string Name)>`: the names are those of the tuple inside. */
  if (rt != NULL && rt->tuple_names == NULL && rt->n_args == 1)
    rt = rt->args[0];
  return rt != NULL && rt->tuple_names != NULL ? rt : NULL;
}

/* Pushes element @i (0-based) of the tuple in @slot. */
static void
load_item (AwlCx  *c,
           guint   slot,
           guint   i,
           AwlLoc  loc)
{
  g_autofree char *item = g_strdup_printf ("Item%u", i + 1);
  AwlCallSite *site = awl_cx_site (c, NULL, item, 0, loc);

  awl_builtin_member_bind (site);
  emit (c, OP_LOAD, slot);
  awl_cx_emit (c, OP_GET_MEMBER, 0, 0, site, loc);
}

void
awl_cx_deconstruct (AwlCx   *c,
                    AwlStmt *decl)
{
  guint tmp = awl_cx_new_slot (c);

  awl_cx_expr (c, decl->decl.inits[0]);
  emit (c, OP_STORE, tmp);
  for (guint i = 0; i < decl->decl.n_vars; i++)
    {
      AwlVar *v = decl->decl.vars[i];

      if (strcmp (v->name, "_") == 0)
        continue;
      load_item (c, tmp, i, v->loc);
      awl_cx_declare_store (c, v->name, v->type);
    }
}

void
awl_cx_deconstruct_assign (AwlCx    *c,
                           AwlExpr  *target,
                           AwlExpr  *value,
                           gboolean  want)
{
  guint tmp = awl_cx_new_slot (c);

  /* The whole right side first: `(a, b) = (b, a)` swaps. */
  awl_cx_expr (c, value);
  emit (c, OP_STORE, tmp);
  for (guint i = 0; i < target->tuple.n_elements; i++)
    {
      AwlExpr *el = target->tuple.elements[i];

      if (el->kind == AWL_EXPR_NAME && strcmp (el->name.name, "_") == 0)
        continue;
      if (el->kind != AWL_EXPR_NAME)
        {
          awl_cx_error (c, el->loc, "deconstruction into a member or an element is not supported by "
                        "Awaitlab's C# subset; use variables");
          continue;
        }
      load_item (c, tmp, i, el->loc);
      awl_cx_store_name (c, el);
    }
  if (want)
    emit (c, OP_LOAD, tmp);
}

/* ----------------------------------------------------------------------------- */
/* Patterns                                                                       */

/* Pushes member @path ("Length", "Address.City") of the value in @slot. */
static void
load_path (AwlCx      *c,
           guint       slot,
           const char *path,
           AwlLoc      loc)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  emit (c, OP_LOAD, slot);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      AwlCallSite *site = awl_cx_site (c, NULL, parts[i], 0, loc);

      awl_builtin_member_bind (site);
      awl_cx_emit (c, OP_GET_MEMBER, 0, 0, site, loc);
    }
}

static void compile_pattern (AwlCx *c, AwlPattern *pat, guint slot);

/* `subject != null`, leaving a bool. */
static void
not_null (AwlCx *c,
          guint  slot)
{
  emit (c, OP_LOAD, slot);
  awl_cx_const (c, awl_value_null ());
  emit (c, OP_BINARY, AWL_BINARY_NE);
}

static void
declare_subject (AwlCx  *c,
                 AwlVar *var,
                 guint   slot)
{
  if (var == NULL)
    return;
  emit (c, OP_LOAD, slot);
  awl_cx_declare_store (c, var->name, var->type);
}

/* Each sub-pattern of a property or positional pattern, all of which must hold. */
static void
compile_members (AwlCx      *c,
                 AwlPattern *pat,
                 guint       slot)
{
  GArray *fails = g_array_new (FALSE, FALSE, sizeof (guint));
  guint j;

  if (pat->type != NULL)
    {
      emit (c, OP_LOAD, slot);
      awl_cx_emit (c, OP_IS_TYPE, 0, 0, (gpointer) awl_cx_own_string (c, pat->type->name), pat->loc);
    }
  else
    not_null (c, slot);
  j = emit (c, OP_JUMP_IF_FALSE_OR_POP, 0);
  g_array_append_val (fails, j);
  for (guint i = 0; i < pat->n_props; i++)
    {
      guint sub = awl_cx_new_slot (c);

      if (pat->kind == AWL_PAT_PROPERTY)
        load_path (c, slot, pat->prop_names[i], pat->props[i]->loc);
      else
        load_item (c, slot, i, pat->props[i]->loc);
      emit (c, OP_STORE, sub);
      compile_pattern (c, pat->props[i], sub);
      j = emit (c, OP_JUMP_IF_FALSE_OR_POP, 0);
      g_array_append_val (fails, j);
    }
  awl_cx_const (c, awl_value_bool (TRUE));
  for (guint i = 0; i < fails->len; i++)
    awl_cx_patch (c, g_array_index (fails, guint, i), awl_cx_here (c));
  g_array_unref (fails);
  declare_subject (c, pat->var, slot);
}

/* Leaves whether the value in @slot matches @pat; declares the pattern's variables. */
static void
compile_pattern (AwlCx      *c,
                 AwlPattern *pat,
                 guint       slot)
{
  guint j;

  switch (pat->kind)
    {
    case AWL_PAT_DISCARD:
      awl_cx_const (c, awl_value_bool (TRUE));
      break;
    case AWL_PAT_NULL:
      emit (c, OP_LOAD, slot);
      awl_cx_const (c, awl_value_null ());
      emit (c, OP_BINARY, AWL_BINARY_EQ);
      break;
    case AWL_PAT_CONST:
      emit (c, OP_LOAD, slot);
      awl_cx_expr (c, pat->value);
      emit (c, OP_BINARY, AWL_BINARY_EQ);
      break;
    case AWL_PAT_RELATIONAL:
      /* null never matches `> 5`. */
      not_null (c, slot);
      j = emit (c, OP_JUMP_IF_FALSE_OR_POP, 0);
      emit (c, OP_LOAD, slot);
      awl_cx_expr (c, pat->value);
      awl_cx_emit (c, OP_BINARY, pat->op, 0, NULL, pat->loc);
      awl_cx_patch (c, j, awl_cx_here (c));
      break;
    case AWL_PAT_TYPE:
      emit (c, OP_LOAD, slot);
      awl_cx_emit (c, OP_IS_TYPE, 0, 0, (gpointer) awl_cx_own_string (c, pat->type->name), pat->loc);
      declare_subject (c, pat->var, slot);
      break;
    case AWL_PAT_VAR:
      declare_subject (c, pat->var, slot);
      awl_cx_const (c, awl_value_bool (TRUE));
      break;
    case AWL_PAT_NOT:
      compile_pattern (c, pat->left, slot);
      emit (c, OP_UNARY, AWL_UNARY_NOT);
      break;
    case AWL_PAT_AND:
    case AWL_PAT_OR:
      compile_pattern (c, pat->left, slot);
      j = emit (c, pat->kind == AWL_PAT_AND ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP, 0);
      compile_pattern (c, pat->right, slot);
      awl_cx_patch (c, j, awl_cx_here (c));
      break;
    case AWL_PAT_PROPERTY:
    case AWL_PAT_TUPLE:
      compile_members (c, pat, slot);
      break;
    default:
      awl_cx_error (c, pat->loc, "this pattern is not supported by Awaitlab's C# subset");
      awl_cx_const (c, awl_value_bool (FALSE));
      break;
    }
}

void
awl_cx_is_pattern (AwlCx   *c,
                   AwlExpr *e)
{
  guint tmp = awl_cx_new_slot (c);

  awl_cx_expr (c, e->is.operand);
  emit (c, OP_STORE, tmp);
  compile_pattern (c, e->is.pattern, tmp);
}

/* ----------------------------------------------------------------------------- */
/* Switch expressions                                                             */

void
awl_cx_switch (AwlCx   *c,
               AwlExpr *e)
{
  guint tmp = awl_cx_new_slot (c);
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (guint));
  const AwlKnownApi *ctor = awl_builtin_ctor_lookup ("SwitchExpressionException");
  AwlCallSite *site;

  awl_cx_expr (c, e->switch_.subject);
  emit (c, OP_STORE, tmp);
  for (guint i = 0; i < e->switch_.n_arms; i++)
    {
      AwlSwitchArm *arm = &e->switch_.arms[i];
      guint next_arm, no_guard = 0, end;

      awl_cx_scope_push (c);
      compile_pattern (c, arm->pattern, tmp);
      next_arm = emit (c, OP_JUMP_IF_FALSE, 0);
      if (arm->guard != NULL)
        {
          awl_cx_expr (c, arm->guard);
          no_guard = emit (c, OP_JUMP_IF_FALSE, 0);
        }
      awl_cx_expr (c, arm->result);
      end = emit (c, OP_JUMP, 0);
      g_array_append_val (ends, end);
      awl_cx_patch (c, next_arm, awl_cx_here (c));
      if (arm->guard != NULL)
        awl_cx_patch (c, no_guard, awl_cx_here (c));
      awl_cx_scope_pop (c);
    }

  /* No arm matched: .NET throws SwitchExpressionException naming the value. */
  awl_cx_string (c, "Non-exhaustive switch expression failed to match its input.\nUnmatched value was ");
  emit (c, OP_LOAD, tmp);
  emit (c, OP_BINARY, AWL_BINARY_ADD);
  awl_cx_string (c, ".");
  emit (c, OP_BINARY, AWL_BINARY_ADD);
  site = awl_cx_site (c, "SwitchExpressionException", "SwitchExpressionException", 1, e->loc);
  site->api = ctor;
  awl_cx_emit (c, OP_NEW, 1, 0, site, e->loc);
  awl_cx_emit (c, OP_THROW, 0, 0, NULL, e->loc);

  for (guint i = 0; i < ends->len; i++)
    awl_cx_patch (c, g_array_index (ends, guint, i), awl_cx_here (c));
  g_array_unref (ends);
}
