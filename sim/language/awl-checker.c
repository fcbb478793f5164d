/* awl-checker.c
 *
 * Checks that need no runtime: names, async/iterator rules, loops, argument counts
 * of known APIs, assignments to constants, @note lines and the entry method. It
 * also fills in the resolved parts of the tree (see awl-ast.h).
 *
 * Scopes are a hash table from name to a stack of bindings plus an undo log, so a
 * lookup is O(1) however many variables a method has.
 */

#include "awl-language-private.h"
#include "awl-known-api.h"

#include <string.h>

#define NOT_SUPPORTED "is not supported by Awaitlab's C# subset"
#define ARE_NOT_SUPPORTED "are not supported by Awaitlab's C# subset"

typedef struct _Binding Binding;
struct _Binding
{
  AwlVar  *var;
  Binding *prev;
};

typedef struct
{
  AwlUnit        *unit;
  AwlDiagnostics *diags;
  AwlArena       *arena;
  GHashTable     *bindings;   /* name → Binding* (innermost first) */
  GPtrArray      *log;        /* Binding* in push order */
  AwlFunction    *func;
  GPtrArray      *vars;       /* the current function's variables */
  GPtrArray      *lambdas;
  guint           loops;
  guint           switches;  /* switch statements around (break leaves them) */
  guint           locks;
  guint           catches;
  guint           finallies;
  guint           try_with_catch;
} Checker;

static void check_expr (Checker *c, AwlExpr *e);

/* The class of the method being checked (lambdas: of their outermost method). */
static const char *
current_class (Checker *c)
{
  AwlFunction *f = c->func;

  while (f != NULL && f->parent != NULL)
    f = f->parent;
  return f != NULL ? f->klass : NULL;
}

/* A method called by its simple name: the current class's first, then any class's. */
static AwlFunction *
find_method (Checker    *c,
             const char *name)
{
  AwlFunction *m = awl_ast_find_method_in (c->unit->ast, current_class (c), name);

  return m != NULL ? m : awl_ast_find_method (c->unit->ast, name);
}

static AwlField *
find_field (Checker    *c,
            const char *name)
{
  AwlField *f = awl_ast_find_field_in (c->unit->ast, current_class (c), name);

  return f != NULL ? f : awl_ast_find_field (c->unit->ast, name);
}

static gboolean
current_function_is_local (Checker *c)
{
  AwlFunction *f = c->func;

  while (f != NULL && f->parent != NULL)
    f = f->parent;
  return f != NULL && (f->flags & AWL_FUNC_LOCAL) != 0;
}

/* Whether the method being checked (or the method around the lambda) has `this`. */
static gboolean
in_instance_method (Checker *c)
{
  AwlFunction *f = c->func;

  while (f != NULL && f->parent != NULL)
    f = f->parent;
  return f != NULL && (f->flags & AWL_FUNC_INSTANCE) != 0;
}

/* Whether @name is a member that the current method's class, an exception class of
 * the script, inherits from .NET's Exception. */
static gboolean
is_inherited_exception_member (Checker    *c,
                               const char *name)
{
  static const char * const members[] = { "Message", "InnerException", "StackTrace", NULL };
  AwlFunction *f = c->func;

  while (f != NULL && f->parent != NULL)
    f = f->parent;
  return f != NULL && f->klass != NULL && g_strv_contains (members, name) &&
         awl_ast_class_exception_base (c->unit->ast, f->klass) != NULL;
}

/* Whether some class of the script has an instance field or method called @name. */
static gboolean
is_user_instance_member (Checker    *c,
                         const char *name)
{
  AwlAst *ast = c->unit->ast;

  if (awl_ast_is_anonymous_member (ast, name))
    return TRUE;
  for (guint i = 0; i < ast->n_fields; i++)
    if (awl_field_is_instance (ast->fields[i]) && strcmp (ast->fields[i]->name, name) == 0)
      return TRUE;
  for (guint i = 0; i < ast->n_methods; i++)
    if ((((ast->methods[i]->flags & AWL_FUNC_INSTANCE) && !(ast->methods[i]->flags & AWL_FUNC_CTOR)) ||
         (ast->methods[i]->flags & AWL_FUNC_EXTENSION)) &&
        strcmp (ast->methods[i]->name, name) == 0)
      return TRUE;
  /* A property with a body: its accessors are get_Name / set_Name. */
  for (guint i = 0; i < ast->n_methods; i++)
    if ((ast->methods[i]->flags & AWL_FUNC_ACCESSOR) && strcmp (ast->methods[i]->name + 4, name) == 0)
      return TRUE;
  return FALSE;
}

static void resolve_name (Checker *c, AwlExpr *e, gboolean as_callee);

/* An accessor (get_Name, else set_Name) of a property of the current class or its bases. */
static AwlFunction *
find_accessor (Checker    *c,
               const char *name)
{
  g_autofree char *get = g_strconcat ("get_", name, NULL);
  g_autofree char *set = g_strconcat ("set_", name, NULL);
  AwlFunction *m = awl_ast_find_method_in (c->unit->ast, current_class (c), get);

  if (m == NULL)
    m = awl_ast_find_method_in (c->unit->ast, current_class (c), set);
  return m != NULL && (m->flags & AWL_FUNC_ACCESSOR) && current_class (c) != NULL ? m : NULL;
}

static gboolean
class_has_static_getter (Checker    *c,
                         const char *klass,
                         const char *name)
{
  g_autofree char *get = g_strconcat ("get_", name, NULL);
  AwlFunction *m = awl_ast_find_method_in (c->unit->ast, klass, get);

  return m != NULL && (m->flags & AWL_FUNC_ACCESSOR) && !(m->flags & AWL_FUNC_INSTANCE);
}

/* Turns the NAME @e into `Class.NAME` (a static property used by its simple name). */
static void
make_class_member (Checker    *c,
                   AwlExpr    *e,
                   const char *klass)
{
  AwlExpr *target = awl_arena_new0 (c->arena, AwlExpr);
  const char *name = e->name.name;

  target->kind = AWL_EXPR_NAME;
  target->loc = e->loc;
  target->depth = 1;
  target->name.name = klass;
  target->name.kind = AWL_NAME_CLASS;
  memset (&e->member, 0, sizeof e->member);
  e->kind = AWL_EXPR_MEMBER;
  e->member.target = target;
  e->member.name = name;
  e->member.name_loc = e->loc;
  e->depth = 2;
}

/* Turns the NAME @e into `this.NAME` (an instance member used by its simple name). */
static void
make_this_member (Checker *c,
                  AwlExpr *e)
{
  AwlExpr *self = awl_arena_new0 (c->arena, AwlExpr);
  const char *name = e->name.name;

  self->kind = AWL_EXPR_NAME;
  self->loc = e->loc;
  self->depth = 1;
  self->name.name = "this";
  resolve_name (c, self, FALSE);

  memset (&e->member, 0, sizeof e->member);
  e->kind = AWL_EXPR_MEMBER;
  e->member.target = self;
  e->member.name = name;
  e->member.name_loc = e->loc;
  e->depth = 2;
}
static void check_stmt (Checker *c, AwlStmt *s);
static void check_function (Checker *c, AwlFunction *f);

/* An error at a location; awl_diagnostics_add checks the format. */
#define error_at(c, loc, ...) \
  awl_diagnostics_add ((c)->diags, AWL_SEVERITY_ERROR, (loc).line, (loc).col, 1, __VA_ARGS__)

/* ---------------------------------------------------------------------------- */
/* Scopes                                                                       */

static guint
scope_mark (Checker *c)
{
  return c->log->len;
}

static void
scope_pop (Checker *c,
           guint    mark)
{
  while (c->log->len > mark)
    {
      Binding *b = g_ptr_array_index (c->log, c->log->len - 1);

      if (b->prev != NULL)
        g_hash_table_insert (c->bindings, (gpointer) b->var->name, b->prev);
      else
        g_hash_table_remove (c->bindings, b->var->name);
      g_ptr_array_set_size (c->log, c->log->len - 1);
    }
}

static AwlVar *
lookup_var (Checker    *c,
            const char *name)
{
  Binding *b = g_hash_table_lookup (c->bindings, name);

  return b != NULL ? b->var : NULL;
}

static void
declare (Checker *c,
         AwlVar  *v)
{
  AwlVar *existing = lookup_var (c, v->name);
  Binding *b;

  if (existing != NULL && existing->owner == c->func)
    error_at (c, v->loc, "a variable named `%s` is already declared in this method (line %u)",
              v->name, existing->loc.line);

  v->owner = c->func;
  v->slot = c->vars->len;
  g_ptr_array_add (c->vars, v);

  b = awl_arena_new0 (c->arena, Binding);
  b->var = v;
  b->prev = g_hash_table_lookup (c->bindings, v->name);
  g_hash_table_insert (c->bindings, (gpointer) v->name, b);
  g_ptr_array_add (c->log, b);
}

/* ---------------------------------------------------------------------------- */
/* Types                                                                        */

static void
check_type (Checker          *c,
            const AwlTypeRef *type)
{
  if (type == NULL)
    return;

  /* Outer.Inner names the nested class Inner. */
  if (strchr (type->name, '.') != NULL && awl_ast_has_class (c->unit->ast, strrchr (type->name, '.') + 1))
    ((AwlTypeRef *) type)->name = strrchr (type->name, '.') + 1;

  if (awl_ast_has_class (c->unit->ast, type->name) || awl_ast_is_enum (c->unit->ast, type->name) ||
      awl_ast_is_type_param (c->unit->ast, type->name))
    ;
  else if (!awl_known_api_is_type_name (type->name) && strcmp (type->name, "dynamic") != 0)
    error_at (c, type->loc, "the type `%s` " NOT_SUPPORTED, type->name);
  else if (strcmp (type->name, "dynamic") == 0)
    error_at (c, type->loc, "`dynamic` " NOT_SUPPORTED);

  for (guint i = 0; i < type->n_args; i++)
    check_type (c, type->args[i]);
}

static const char *
short_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL ? dot + 1 : name;
}

/* ---------------------------------------------------------------------------- */
/* Expressions                                                                  */

static gboolean
is_builtin_name (const AwlExpr *e)
{
  return e != NULL && e->kind == AWL_EXPR_NAME && e->name.kind == AWL_NAME_BUILTIN;
}

static void
resolve_name (Checker  *c,
              AwlExpr  *e,
              gboolean  as_callee)
{
  AwlExprName *n = &e->name;
  AwlVar *v;
  AwlFunction *m;
  AwlField *f;
  AwlKnob *k;

  if ((v = lookup_var (c, strcmp (n->name, "base") == 0 ? "this" : n->name)) != NULL)
    {
      n->kind = AWL_NAME_VAR;
      n->var = v;
      if (v->owner != c->func)
        v->captured = TRUE;
      if (v->owner != c->func && v->by_ref)
        error_at (c, e->loc, "the `ref`/`out` parameter `%s` cannot be used inside a lambda", v->name);
    }
  else if ((f = find_field (c, n->name)) != NULL)
    {
      n->kind = AWL_NAME_FIELD;
      n->field = f;
      if (awl_field_is_instance (f))
        {
          if (in_instance_method (c))
            {
              make_this_member (c, e);
              return;
            }
          error_at (c, e->loc, "an object reference is required for the non-static field `%s`", n->name);
        }
    }
  else if ((m = find_method (c, n->name)) != NULL)
    {
      n->kind = AWL_NAME_METHOD;
      n->func = m;
    }
  else if ((k = awl_directives_find_knob (c->unit->directives, n->name)) != NULL)
    {
      n->kind = AWL_NAME_KNOB;
      n->knob = k;
    }
  else if ((m = find_accessor (c, n->name)) != NULL)
    {
      /* A property with a body used by its simple name: `this.Name` or `Class.Name`. */
      if (m->flags & AWL_FUNC_INSTANCE)
        {
          if (in_instance_method (c))
            {
              make_this_member (c, e);
              return;
            }
          error_at (c, e->loc, "an object reference is required for the non-static property `%s`", n->name);
        }
      else
        make_class_member (c, e, m->klass);
      return;
    }
  else if (in_instance_method (c) && is_inherited_exception_member (c, n->name))
    {
      /* `Message` inside an exception class of the script: this.Message. */
      make_this_member (c, e);
      return;
    }
  else if (awl_ast_has_class (c->unit->ast, n->name) || awl_ast_is_enum (c->unit->ast, n->name))
    n->kind = AWL_NAME_CLASS;
  else if (awl_known_api_is_type (n->name) || awl_known_api_is_type_name (n->name))
    n->kind = AWL_NAME_BUILTIN;
  else if (strcmp (n->name, "this") == 0)
    error_at (c, e->loc, "`this` is not available in a static method");
  else if (as_callee)
    error_at (c, e->loc, "the method `%s` is not defined", n->name);
  else if (current_function_is_local (c))
    error_at (c, e->loc, "the name `%s` does not exist in the current context (a local function "
              "cannot use its enclosing method's variables in Awaitlab's C# subset; pass them as parameters)",
              n->name);
  else
    error_at (c, e->loc, "the name `%s` does not exist in the current context", n->name);

  for (guint i = 0; i < n->n_type_args; i++)
    check_type (c, n->type_args[i]);
}

static void
check_assignable (Checker    *c,
                  AwlExpr    *target,
                  AwlLoc      loc)
{
  if (target->kind != AWL_EXPR_NAME)
    return;

  switch (target->name.kind)
    {
    case AWL_NAME_KNOB:
      error_at (c, target->loc, "the knob `%s` is a constant; change it with `--set %s=…` or in the app, not in code",
                target->name.name, target->name.name);
      break;
    case AWL_NAME_VAR:
      if (target->name.var->is_const)
        error_at (c, target->loc, "`%s` is a constant and cannot be assigned", target->name.name);
      target->name.var->assigned = TRUE;
      break;
    case AWL_NAME_FIELD:
      if (target->name.field->modifiers & AWL_MOD_CONST)
        error_at (c, target->loc, "`%s` is a constant and cannot be assigned", target->name.name);
      break;
    case AWL_NAME_METHOD:
      error_at (c, target->loc, "`%s` is a method and cannot be assigned", target->name.name);
      break;
    case AWL_NAME_BUILTIN:
      error_at (c, target->loc, "`%s` is a type and cannot be assigned", target->name.name);
      break;
    case AWL_NAME_UNRESOLVED:
    default:
      break;
    }
}

static void
check_named_args (Checker           *c,
                  const AwlArg      *args,
                  guint              n_args,
                  const char        *what,
                  const char        *allowed)
{
  for (guint i = 0; i < n_args; i++)
    {
      g_auto(GStrv) names = NULL;

      if (args[i].name == NULL)
        continue;
      names = g_strsplit (allowed != NULL ? allowed : "", " ", -1);
      if (!g_strv_contains ((const char * const *) names, args[i].name))
        error_at (c, args[i].loc, "`%s` has no parameter named `%s`", what, args[i].name);
    }
}

static void
check_arg_count (Checker    *c,
                 AwlLoc      loc,
                 const char *what,
                 guint       n,
                 guint       min,
                 guint       max)
{
  if (n >= min && (max == AWL_API_VARIADIC || n <= max))
    return;

  if (min == max)
    error_at (c, loc, "`%s` takes %u argument%s, but %u %s given", what, min,
              min == 1 ? "" : "s", n, n == 1 ? "was" : "were");
  else if (max == AWL_API_VARIADIC)
    error_at (c, loc, "`%s` takes at least %u argument%s, but %u %s given", what, min,
              min == 1 ? "" : "s", n, n == 1 ? "was" : "were");
  else
    error_at (c, loc, "`%s` takes %u to %u arguments, but %u %s given", what, min, max,
              n, n == 1 ? "was" : "were");
}

/* Min/max argument counts over every known type with an instance method @name. */
static gboolean
instance_method_range (const char *name,
                       guint      *min,
                       guint      *max)
{
  guint n;
  const AwlKnownApi * const *api = awl_known_api_instance_rows (name, &n);
  gboolean found = FALSE;

  *min = G_MAXUINT;
  *max = 0;
  for (guint i = 0; i < n; i++)
    if (api[i]->kind == AWL_API_INSTANCE_METHOD)
      {
        found = TRUE;
        *min = MIN (*min, api[i]->min_args);
        *max = MAX (*max, api[i]->max_args);
      }

  return found;
}

/* The dotted path of a chain of names starting at a builtin name (`System.Threading`,
 * `Task.Factory`), or NULL. */
static char *
builtin_path (const AwlExpr *e)
{
  g_autofree char *target = NULL;

  if (is_builtin_name (e))
    return g_strdup (e->name.name);
  if (e->kind != AWL_EXPR_MEMBER || e->member.null_conditional)
    return NULL;
  target = builtin_path (e->member.target);
  if (target == NULL)
    return NULL;
  return g_strdup_printf ("%s.%s", target, e->member.name);
}

/* The path if @e names a namespace or a type (not a static property such as
 * `Thread.CurrentThread`), else NULL. */
static char *
static_path (const AwlExpr *e)
{
  g_autofree char *path = builtin_path (e);

  if (path == NULL)
    return NULL;
  if (is_builtin_name (e) || awl_known_api_is_namespace (path) || awl_known_api_is_type (path))
    return g_steal_pointer (&path);
  return NULL;
}

/* `Outer.Inner` (a nested class named through its outer class) becomes the NAME
 * `Inner`: classes are found by their simple names. */
static void
flatten_nested_class (Checker *c,
                      AwlExpr *e)
{
  AwlExpr *t;

  if (e->kind != AWL_EXPR_MEMBER || !awl_ast_has_class (c->unit->ast, e->member.name))
    return;
  t = e->member.target;
  if (t->kind == AWL_EXPR_MEMBER)
    flatten_nested_class (c, t);
  if (t->kind != AWL_EXPR_NAME || !awl_ast_has_class (c->unit->ast, t->name.name) ||
      lookup_var (c, t->name.name) != NULL)
    return;
  {
    const char *inner = e->member.name;
    AwlLoc at = e->member.name_loc;

    memset (&e->name, 0, sizeof e->name);
    e->kind = AWL_EXPR_NAME;
    e->loc = at;
    e->depth = 1;
    e->name.name = inner;
  }
}

/* Whether @e is the bare name of a class of the script (not hidden by a variable or field). */
static gboolean
names_class (Checker       *c,
             AwlExpr       *e)
{
  flatten_nested_class (c, e);
  return e->kind == AWL_EXPR_NAME &&
         (awl_ast_has_class (c->unit->ast, e->name.name) || awl_ast_is_enum (c->unit->ast, e->name.name)) &&
         lookup_var (c, e->name.name) == NULL && find_field (c, e->name.name) == NULL;
}

/* A capitalised name that is nothing the script or the subset knows, used as the
 * receiver of a call: an unsupported .NET type such as `Parallel`. */
static gboolean
names_unknown_type (Checker       *c,
                    const AwlExpr *e)
{
  const char *n;

  if (e->kind != AWL_EXPR_NAME)
    return FALSE;
  n = e->name.name;
  return g_ascii_isupper (n[0]) && lookup_var (c, n) == NULL && find_field (c, n) == NULL &&
         find_method (c, n) == NULL && !awl_ast_has_class (c->unit->ast, n) &&
         !awl_ast_is_enum (c->unit->ast, n) && !awl_known_api_is_type (n) &&
         !awl_known_api_is_type_name (n) &&
         awl_directives_find_knob (c->unit->directives, n) == NULL;
}

static void
check_method_args (Checker     *c,
                   AwlExpr     *e,
                   AwlFunction *m,
                   AwlLoc       loc)
{
  guint skip = (m->flags & AWL_FUNC_INSTANCE) ? 1 : 0;
  guint min = 0, max = m->n_params - skip;

  for (guint i = skip; i < m->n_params; i++)
    {
      if (m->params[i]->default_value == NULL && !m->params[i]->is_params)
        min = i + 1 - skip;
      if (m->params[i]->is_params)
        max = AWL_API_VARIADIC;
    }
  check_arg_count (c, loc, m->name, e->call.n_args, min, max);
  for (guint i = 0; i < e->call.n_args; i++)
    {
      gboolean ok = e->call.args[i].name == NULL;

      for (guint j = skip; !ok && j < m->n_params; j++)
        ok = strcmp (m->params[j]->name, e->call.args[i].name) == 0;
      if (!ok)
        error_at (c, e->call.args[i].loc, "`%s` has no parameter named `%s`",
                  m->name, e->call.args[i].name);
    }
}

/* `SetSynchronizationContext(this)` inside a class deriving from SynchronizationContext:
 * a static method of the .NET base class by its simple name becomes `Base.Method`. */
static void
qualify_base_static (Checker *c,
                     AwlExpr *callee)
{
  const char *klass = current_class (c);
  const char *name = callee->name.name;
  AwlExpr *target;

  if (klass == NULL || lookup_var (c, name) != NULL || find_method (c, name) != NULL ||
      find_field (c, name) != NULL ||
      !awl_ast_class_extends_builtin (c->unit->ast, klass, "SynchronizationContext") ||
      awl_known_api_lookup ("SynchronizationContext", name, AWL_API_STATIC_METHOD) == NULL)
    return;
  target = awl_arena_new0 (c->arena, AwlExpr);
  target->kind = AWL_EXPR_NAME;
  target->loc = callee->loc;
  target->depth = 1;
  target->name.name = "SynchronizationContext";
  memset (&callee->member, 0, sizeof callee->member);
  callee->kind = AWL_EXPR_MEMBER;
  callee->member.target = target;
  callee->member.name = name;
  callee->member.name_loc = callee->loc;
  callee->depth = 2;
}

static void check_pattern (Checker *c, AwlPattern *pat);

/* `out var x` declares x in the enclosing scope; `out x` / `ref x` must be assignable;
 * a method of the script takes them exactly where its parameters are `ref`/`out`. */
static void
check_ref_args (Checker *c,
                AwlExpr *e)
{
  AwlExpr *callee = e->call.callee;
  AwlFunction *m = NULL;

  if (callee->kind == AWL_EXPR_NAME && callee->name.kind == AWL_NAME_METHOD)
    m = callee->name.func;
  else if (callee->kind == AWL_EXPR_MEMBER && callee->member.target->kind == AWL_EXPR_NAME &&
           callee->member.target->name.kind == AWL_NAME_CLASS)
    m = awl_ast_find_method_in (c->unit->ast, callee->member.target->name.name, callee->member.name);

  for (guint i = 0; i < e->call.n_args; i++)
    {
      AwlArg *a = &e->call.args[i];

      if ((a->is_ref || a->is_out) && a->value != NULL)
        {
          if (a->value->kind != AWL_EXPR_NAME && a->value->kind != AWL_EXPR_MEMBER &&
              a->value->kind != AWL_EXPR_INDEX)
            error_at (c, a->loc, "a `%s` argument must be a variable, a field or an element",
                      a->is_ref ? "ref" : "out");
          else
            check_assignable (c, a->value, a->loc);
        }
      if (m != NULL && a->name == NULL)
        {
          guint k = i + ((m->flags & AWL_FUNC_INSTANCE) ? 1 : 0);

          if (k < m->n_params && m->params[k]->by_ref != (a->is_ref || a->is_out))
            error_at (c, a->loc, m->params[k]->by_ref
                      ? "the parameter `%s` of `%s` is passed by `ref` or `out`: write `out %s` or `ref %s`"
                      : "the parameter `%s` of `%s` is not a `ref` or `out` parameter",
                      m->params[k]->name, m->name, m->params[k]->name, m->params[k]->name);
        }
      if (a->out_var != NULL)
        {
          check_type (c, a->out_var->type);
          if (c->func == NULL)
            error_at (c, a->out_var->loc, "an `out` variable cannot be declared in a field's initializer");
          else
            declare (c, a->out_var);
        }
    }
}

static void
check_call (Checker *c,
            AwlExpr *e)
{
  AwlExpr *callee = e->call.callee;

  if (callee->kind == AWL_EXPR_NAME)
    qualify_base_static (c, callee);

  if (callee->kind == AWL_EXPR_MEMBER && names_unknown_type (c, callee->member.target))
    {
      /* Parallel.ForEach(…), Channel.CreateUnbounded<int>(): one precise error. */
      error_at (c, callee->member.target->loc, "`%s.%s` " NOT_SUPPORTED " (the type `%s` is not one it knows)",
                callee->member.target->name.name, callee->member.name, callee->member.target->name.name);
      for (guint i = 0; i < e->call.n_args; i++)
        check_expr (c, e->call.args[i].value);
      return;
    }
  if (callee->kind == AWL_EXPR_MEMBER && names_class (c, callee->member.target))
    {
      /* Class.Method(…) */
      const char *klass = callee->member.target->name.name;

      callee->member.target->name.kind = AWL_NAME_CLASS;
      AwlFunction *m = awl_ast_find_method_in (c->unit->ast, klass, callee->member.name);

      if (m == NULL)
        error_at (c, callee->member.name_loc, "the class `%s` has no method `%s`", klass, callee->member.name);
      else if (m->flags & AWL_FUNC_INSTANCE)
        error_at (c, callee->member.name_loc, "an object reference is required for the non-static method `%s.%s`",
                  klass, callee->member.name);
      else
        check_method_args (c, e, m, callee->member.name_loc);
    }
  else if (callee->kind == AWL_EXPR_NAME)
    {
      resolve_name (c, callee, TRUE);
      if (callee->name.kind == AWL_NAME_METHOD && (callee->name.func->flags & AWL_FUNC_INSTANCE))
        {
          AwlFunction *m = callee->name.func;

          if (m->flags & AWL_FUNC_CTOR)
            error_at (c, callee->loc, "a constructor is called with `new %s(…)`", m->name);
          else if (in_instance_method (c))
            {
              check_method_args (c, e, m, callee->loc);
              make_this_member (c, callee);
            }
          else
            error_at (c, callee->loc, "an object reference is required for the non-static method `%s`", m->name);
        }
      else if (callee->name.kind == AWL_NAME_METHOD)
        check_method_args (c, e, callee->name.func, callee->loc);
      else if (callee->name.kind == AWL_NAME_BUILTIN || callee->name.kind == AWL_NAME_FIELD ||
               callee->name.kind == AWL_NAME_KNOB || callee->name.kind == AWL_NAME_CLASS)
        {
          if (callee->name.kind == AWL_NAME_BUILTIN || callee->name.kind == AWL_NAME_CLASS)
            error_at (c, callee->loc, "`%s` is a type, not a method", callee->name.name);
        }
    }
  else if (callee->kind == AWL_EXPR_MEMBER)
    {
      AwlExpr *target = callee->member.target;

      check_expr (c, target);
      for (guint i = 0; i < callee->member.n_type_args; i++)
        check_type (c, callee->member.type_args[i]);

      g_autofree char *path = static_path (target);

      if (path != NULL && !awl_known_api_is_namespace (path))
        {
          const AwlKnownApi *api = awl_known_api_lookup (path, callee->member.name,
                                                         AWL_API_STATIC_METHOD);
          g_autofree char *norm = awl_known_api_normalize_type (path);
          g_autofree char *what = g_strdup_printf ("%s.%s", norm, callee->member.name);

          if (api == NULL)
            error_at (c, callee->member.name_loc, "`%s` is not a method known to Awaitlab's C# subset",
                      what);
          else
            {
              check_arg_count (c, callee->member.name_loc, what, e->call.n_args,
                               api->min_args, api->max_args);
              check_named_args (c, e->call.args, e->call.n_args, what, api->named_args);
              for (guint i = 0; i < e->call.n_args; i++)
                if (e->call.args[i].is_out != (i + 1 == e->call.n_args && (api->flags & AWL_API_OUT_LAST)))
                  error_at (c, e->call.args[i].loc, e->call.args[i].is_out
                            ? "`%s` has no `out` parameter here" : "`%s` takes its last argument by `out`", what);
                else if (e->call.args[i].is_ref != (i == 0 && (api->flags & AWL_API_REF_FIRST)))
                  error_at (c, e->call.args[i].loc, e->call.args[i].is_ref
                            ? "`ref` arguments " ARE_NOT_SUPPORTED " except for Interlocked"
                            : "`%s` takes its first argument by `ref`", what);
                else if (e->call.args[i].is_ref && e->call.args[i].value->kind != AWL_EXPR_NAME &&
                         e->call.args[i].value->kind != AWL_EXPR_MEMBER)
                  error_at (c, e->call.args[i].loc, "a `ref` argument must be a variable or a field");
            }
        }
      else if (path != NULL)
        error_at (c, callee->member.name_loc, "`%s.%s` is not a method known to Awaitlab's C# subset",
                  path, callee->member.name);
      else
        {
          guint min, max;

          if (is_user_instance_member (c, callee->member.name))
            ; /* the compiler matches the arguments once it knows the class */
          else if (!instance_method_range (callee->member.name, &min, &max))
            {
              if (awl_known_api_has_instance_member (callee->member.name))
                error_at (c, callee->member.name_loc, "`%s` is a property, not a method", callee->member.name);
              else
                error_at (c, callee->member.name_loc, "the method `%s` is not known to Awaitlab's C# subset",
                          callee->member.name);
            }
          else
            check_arg_count (c, callee->member.name_loc, callee->member.name, e->call.n_args, min, max);
        }
    }
  else
    check_expr (c, callee);

  for (guint i = 0; i < e->call.n_args; i++)
    check_expr (c, e->call.args[i].value);
  check_ref_args (c, e);
}

static void
check_member (Checker *c,
              AwlExpr *e)
{
  AwlExpr *target = e->member.target;
  g_autofree char *path = NULL;

  if (names_class (c, target) && awl_ast_is_enum (c->unit->ast, target->name.name))
    {
      target->name.kind = AWL_NAME_CLASS;
      if (!awl_ast_has_enum_member (c->unit->ast, target->name.name, e->member.name))
        error_at (c, e->member.name_loc, "the enum `%s` has no member `%s`", target->name.name, e->member.name);
      return;
    }
  if (names_class (c, target))
    {
      target->name.kind = AWL_NAME_CLASS;
      if (awl_ast_find_field_in (c->unit->ast, target->name.name, e->member.name) == NULL &&
          !class_has_static_getter (c, target->name.name, e->member.name))
        error_at (c, e->member.name_loc, "the class `%s` has no static field `%s`",
                  target->name.name, e->member.name);
      return;
    }
  check_expr (c, target);
  for (guint i = 0; i < e->member.n_type_args; i++)
    check_type (c, e->member.type_args[i]);

  path = static_path (target);
  if (path != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s.%s", path, e->member.name);

      /* A namespace, a type in one (System.Threading.Tasks.Task) or a static member. */
      if (awl_known_api_is_namespace (full) || awl_known_api_is_type (full) ||
          awl_known_api_is_type_name (full))
        return;
      if (!awl_known_api_is_namespace (path) &&
          awl_known_api_lookup_static (path, e->member.name) != NULL)
        return;
      {
        g_autofree char *norm = awl_known_api_normalize_type (path);
        error_at (c, e->member.name_loc, "`%s.%s` is not known to Awaitlab's C# subset",
                  norm, e->member.name);
      }
      return;
    }

  if (!awl_known_api_has_instance_member (e->member.name) && !is_user_instance_member (c, e->member.name))
    error_at (c, e->member.name_loc, "`%s` is not a member known to Awaitlab's C# subset",
              e->member.name);
}

/* `T x = new(…)`: the `new` gets the declared type. */
static void
give_target_type (AwlExpr    *init,
                  AwlTypeRef *type)
{
  if (init != NULL && init->kind == AWL_EXPR_NEW && init->new_obj.target_typed &&
      init->new_obj.type == NULL && type != NULL)
    init->new_obj.type = type;
}

/* check_method_args reads a call's arguments; a `new` has the same ones. */
static AwlExpr *
e_as_call (Checker *c,
           AwlExpr *e)
{
  AwlExpr *call = awl_arena_new0 (c->arena, AwlExpr);

  call->kind = AWL_EXPR_CALL;
  call->loc = e->loc;
  call->call.args = e->new_obj.args;
  call->call.n_args = e->new_obj.n_args;
  return call;
}

static void
check_new (Checker *c,
           AwlExpr *e)
{
  AwlTypeRef *type = e->new_obj.type;
  const AwlKnownApi *api;

  if (e->new_obj.anonymous)
    {
      for (guint i = 0; i < e->new_obj.n_init; i++)
        {
          AwlExpr *el = e->new_obj.init[i];

          if (el->kind == AWL_EXPR_ASSIGN && el->assign.target->kind == AWL_EXPR_NAME &&
              el->assign.op == AWL_ASSIGN_SET)
            check_expr (c, el->assign.value);
          else if (el->kind == AWL_EXPR_NAME || el->kind == AWL_EXPR_MEMBER)
            check_expr (c, el);
          else
            error_at (c, el->loc, "a member of an anonymous type needs a name: `Name = value`");
        }
      return;
    }
  if (type == NULL)
    {
      error_at (c, e->loc, "target-typed `new(…)` needs a declared type here (`T x = new(…)`); write `new T(…)`");
      for (guint i = 0; i < e->new_obj.n_args; i++)
        check_expr (c, e->new_obj.args[i].value);
      return;
    }
  check_type (c, type);
  if (awl_ast_get_class (c->unit->ast, type->name) != NULL &&
      (awl_ast_get_class (c->unit->ast, type->name)->flags & (AWL_CLASS_ABSTRACT | AWL_CLASS_INTERFACE)))
    error_at (c, e->loc, "cannot create an instance of the %s `%s`",
              (awl_ast_get_class (c->unit->ast, type->name)->flags & AWL_CLASS_INTERFACE) ? "interface" : "abstract class",
              type->name);
  if (awl_ast_has_class (c->unit->ast, type->name))
    {
      AwlFunction *ctor = awl_ast_find_method_in (c->unit->ast, type->name, type->name);

      if (ctor != NULL && (ctor->flags & AWL_FUNC_CTOR))
        check_method_args (c, e_as_call (c, e), ctor, e->loc);
      else if (e->new_obj.n_args > 0)
        error_at (c, e->loc, "the class `%s` has no constructor that takes arguments", type->name);
    }
  else if (awl_known_api_is_type_name (type->name) && e->new_obj.has_args)
    {
      api = awl_known_api_lookup (type->name, ".ctor", AWL_API_CONSTRUCTOR);
      if (api != NULL)
        {
          g_autofree char *what = g_strdup_printf ("new %s", short_name (type->name));
          check_arg_count (c, e->loc, what, e->new_obj.n_args, api->min_args, api->max_args);
        }
    }
  for (guint i = 0; i < e->new_obj.n_args; i++)
    check_expr (c, e->new_obj.args[i].value);
  for (guint i = 0; i < e->new_obj.n_init; i++)
    {
      AwlExpr *el = e->new_obj.init[i];

      /* `new T { Name = value }`: Name is a member, not a variable. */
      if (el->kind == AWL_EXPR_ASSIGN && el->assign.target->kind == AWL_EXPR_NAME)
        check_expr (c, el->assign.value);
      else
        check_expr (c, el);
    }
}

static void
check_child (AwlExpr  *e,
             AwlStmt  *s,
             gpointer  user_data)
{
  if (e != NULL)
    check_expr (user_data, e);
  else
    check_stmt (user_data, s);
}

/* `_` that names no variable or field: a discard. */
static gboolean
is_discard (Checker       *c,
            const AwlExpr *e)
{
  return e->kind == AWL_EXPR_NAME && strcmp (e->name.name, "_") == 0 &&
         lookup_var (c, "_") == NULL && find_field (c, "_") == NULL;
}

/* A pattern's constants and types, and its variables declared in the current scope.
 * A single name taken for a type that is a variable, field or knob is a constant. */
static void
check_pattern (Checker    *c,
               AwlPattern *pat)
{
  if (pat == NULL)
    return;
  if (pat->kind == AWL_PAT_TYPE && pat->var == NULL && pat->type->n_args == 0 &&
      pat->type->array_rank == 0 && strchr (pat->type->name, '.') == NULL &&
      (lookup_var (c, pat->type->name) != NULL || find_field (c, pat->type->name) != NULL ||
       awl_directives_find_knob (c->unit->directives, pat->type->name) != NULL))
    {
      AwlExpr *name = awl_arena_new0 (c->arena, AwlExpr);

      name->kind = AWL_EXPR_NAME;
      name->loc = pat->loc;
      name->depth = 1;
      name->name.name = pat->type->name;
      pat->kind = AWL_PAT_CONST;
      pat->value = name;
      pat->type = NULL;
    }
  check_expr (c, pat->value);
  if (pat->kind == AWL_PAT_TYPE || pat->kind == AWL_PAT_PROPERTY)
    check_type (c, pat->type);
  check_pattern (c, pat->left);
  check_pattern (c, pat->right);
  for (guint i = 0; i < pat->n_props; i++)
    check_pattern (c, pat->props[i]);
  if (pat->var != NULL)
    {
      if (c->func == NULL)
        error_at (c, pat->var->loc, "a pattern variable cannot be declared in a field's initializer");
      else
        declare (c, pat->var);
    }
}

static void
check_expr (Checker *c,
            AwlExpr *e)
{
  if (e == NULL)
    return;

  switch (e->kind)
    {
    case AWL_EXPR_NAME:
      resolve_name (c, e, FALSE);
      if (e->name.kind == AWL_NAME_BUILTIN && awl_known_api_is_type_name (e->name.name) &&
          !awl_known_api_is_type (e->name.name))
        {
          /* A keyword type like `int` alone is parsed only before `.`; fine. */
        }
      break;
    case AWL_EXPR_MEMBER:
      check_member (c, e);
      break;
    case AWL_EXPR_CALL:
      check_call (c, e);
      break;
    case AWL_EXPR_NEW:
      check_new (c, e);
      break;
    case AWL_EXPR_NEW_ARRAY:
      check_type (c, e->new_array.element_type);
      check_expr (c, e->new_array.size);
      for (guint i = 0; i < e->new_array.n_elements; i++)
        check_expr (c, e->new_array.elements[i]);
      break;
    case AWL_EXPR_UNARY:
      check_expr (c, e->unary.operand);
      if (e->unary.op >= AWL_UNARY_PRE_INC)
        check_assignable (c, e->unary.operand, e->loc);
      break;
    case AWL_EXPR_ASSIGN:
      if (is_discard (c, e->assign.target))
        {
          /* `_ = SomethingAsync();` */
          if (e->assign.op != AWL_ASSIGN_SET)
            error_at (c, e->loc, "a discard `_` can only be assigned with `=`");
          check_expr (c, e->assign.value);
          break;
        }
      check_expr (c, e->assign.target);
      check_expr (c, e->assign.value);
      check_assignable (c, e->assign.target, e->loc);
      break;
    case AWL_EXPR_AWAIT:
      check_expr (c, e->await.operand);
      if (c->func == NULL)
        error_at (c, e->loc, "`await` cannot be used in a field's initializer");
      else if (!(c->func->flags & AWL_FUNC_ASYNC))
        {
          if (c->func->flags & AWL_FUNC_LAMBDA)
            error_at (c, e->loc, "`await` can only be used in an async lambda; write `async () => …`");
          else
            error_at (c, e->loc, "`await` can only be used in an async method; mark `%s` with `async` and make it return Task",
                      c->func->name);
        }
      else if (c->locks > 0)
        error_at (c, e->loc, "`await` cannot be used inside a `lock` block (the lock belongs to a thread)");
      if (c->func != NULL)
        e->await.state = c->func->n_awaits++;
      break;
    case AWL_EXPR_LAMBDA:
      check_function (c, e->lambda.func);
      break;
    case AWL_EXPR_WITH:
      /* `x with { Name = v }`: Name is a member of x's type (the compiler checks it). */
      check_expr (c, e->with.operand);
      for (guint i = 0; i < e->with.n_init; i++)
        check_expr (c, e->with.init[i]->assign.value);
      break;
    case AWL_EXPR_SWITCH:
      check_expr (c, e->switch_.subject);
      for (guint i = 0; i < e->switch_.n_arms; i++)
        {
          guint mark = scope_mark (c);

          check_pattern (c, e->switch_.arms[i].pattern);
          check_expr (c, e->switch_.arms[i].guard);
          check_expr (c, e->switch_.arms[i].result);
          scope_pop (c, mark);
        }
      break;
    case AWL_EXPR_IS:
      check_expr (c, e->is.operand);
      check_pattern (c, e->is.pattern);
      check_type (c, e->is.type);
      if (e->is.var != NULL)
        {
          if (c->func == NULL)
            error_at (c, e->is.var->loc, "a pattern variable cannot be declared in a field's initializer");
          else
            declare (c, e->is.var);
        }
      break;
    case AWL_EXPR_CAST:
      check_type (c, e->cast.type);
      check_expr (c, e->cast.operand);
      break;
    case AWL_EXPR_DEFAULT:
      check_type (c, e->default_value.type);
      break;
    case AWL_EXPR_TYPEOF:
      check_type (c, e->type_of.type);
      break;
    default:
      /* Literals, and nodes with nothing to check but what is inside them
       * (`nameof(x)` only needs x to exist). */
      awl_expr_foreach_child (e, check_child, c);
      break;
    }
}

/* ---------------------------------------------------------------------------- */
/* Statements                                                                   */

static const char *
return_type_text (AwlFunction *f,
                  char       **tmp)
{
  *tmp = awl_type_ref_to_string (f->return_type);
  return *tmp;
}

static void
check_return (Checker *c,
              AwlStmt *s)
{
  AwlFunction *f = c->func;
  g_autofree char *rt = NULL;
  gboolean is_async;

  check_expr (c, s->ret.value);
  if (f == NULL || (f->flags & AWL_FUNC_LAMBDA))
    return;

  if (f->flags & AWL_FUNC_ITERATOR)
    {
      if (s->ret.value != NULL)
        error_at (c, s->loc, "an iterator cannot return a value; use `yield return` (or `yield break` to stop)");
      else
        error_at (c, s->loc, "an iterator ends with `yield break`, not `return`");
      return;
    }

  is_async = (f->flags & AWL_FUNC_ASYNC) != 0;
  switch (f->return_kind)
    {
    case AWL_RETURN_VOID:
      if (s->ret.value != NULL)
        error_at (c, s->ret.value->loc, "`%s` returns void; `return` cannot have a value", f->name);
      break;
    case AWL_RETURN_TASK:
    case AWL_RETURN_VALUE_TASK:
      if (is_async && s->ret.value != NULL)
        error_at (c, s->ret.value->loc, "`%s` is an async method returning %s; `return` cannot have a value",
                  f->name, return_type_text (f, &rt));
      else if (!is_async && s->ret.value == NULL)
        error_at (c, s->loc, "`%s` returns %s; `return` needs a value", f->name, return_type_text (f, &rt));
      break;
    case AWL_RETURN_TASK_OF:
    case AWL_RETURN_VALUE_TASK_OF:
    case AWL_RETURN_PLAIN:
    case AWL_RETURN_ENUMERABLE:
    case AWL_RETURN_ASYNC_ENUMERABLE:
    default:
      if (s->ret.value == NULL)
        error_at (c, s->loc, "`%s` returns %s; `return` needs a value", f->name, return_type_text (f, &rt));
      break;
    }
}

static void
check_yield (Checker *c,
             AwlStmt *s)
{
  AwlFunction *f = c->func;
  const char *what = s->kind == AWL_STMT_YIELD_RETURN ? "yield return" : "yield break";

  check_expr (c, s->ret.value);
  if (f == NULL)
    return;
  if (f->flags & AWL_FUNC_LAMBDA)
    {
      error_at (c, s->loc, "`%s` cannot be used in a lambda", what);
      return;
    }
  if (f->return_kind != AWL_RETURN_ENUMERABLE && f->return_kind != AWL_RETURN_ASYNC_ENUMERABLE)
    {
      g_autofree char *rt = awl_type_ref_to_string (f->return_type);
      error_at (c, s->loc, "`%s` can only be used in a method returning IEnumerable<T> or IAsyncEnumerable<T>; `%s` returns %s",
                what, f->name, rt);
      return;
    }
  if (s->kind == AWL_STMT_YIELD_RETURN)
    {
      if (c->finallies > 0)
        error_at (c, s->loc, "`yield return` cannot be used in a `finally` block");
      else if (c->catches > 0)
        error_at (c, s->loc, "`yield return` cannot be used in a `catch` block");
      else if (c->try_with_catch > 0)
        error_at (c, s->loc, "`yield return` cannot be used in a `try` block that has a `catch`");
    }
}

static void
check_try (Checker *c,
           AwlStmt *s)
{
  gboolean caught_all = FALSE;

  if (s->try_.n_catches > 0)
    c->try_with_catch++;
  check_stmt (c, s->try_.body);
  if (s->try_.n_catches > 0)
    c->try_with_catch--;

  for (guint i = 0; i < s->try_.n_catches; i++)
    {
      AwlCatch *k = &s->try_.catches[i];
      guint mark = scope_mark (c);
      guint saved_try = c->try_with_catch;

      if (caught_all)
        error_at (c, k->loc, "this `catch` is unreachable: a previous `catch` already catches every exception");
      if (k->type != NULL)
        {
          if (awl_ast_has_class (c->unit->ast, k->type->name))
            {
              if (awl_ast_class_exception_base (c->unit->ast, k->type->name) == NULL)
                error_at (c, k->type->loc, "`%s` is not an exception type: a caught type must derive from "
                          "`Exception`", k->type->name);
            }
          else if (!awl_known_api_is_exception_type (k->type->name) &&
                   !g_str_has_suffix (k->type->name, "Exception"))
            error_at (c, k->type->loc, "`%s` is not an exception type", k->type->name);
        }
      if (k->filter == NULL &&
          (k->type == NULL || strcmp (short_name (k->type->name), "Exception") == 0))
        caught_all = TRUE;

      if (k->var != NULL)
        declare (c, k->var);
      check_expr (c, k->filter);
      c->try_with_catch = 0;
      c->catches++;
      check_stmt (c, k->body);
      c->catches--;
      c->try_with_catch = saved_try;
      scope_pop (c, mark);
    }

  if (s->try_.finally_block != NULL)
    {
      guint saved_catches = c->catches, saved_try = c->try_with_catch;

      c->finallies++;
      check_stmt (c, s->try_.finally_block);
      c->finallies--;
      c->catches = saved_catches;
      c->try_with_catch = saved_try;
    }
}

/* A switch statement: each section's labels are `is` tests (declaring their
 * pattern variables in the section's scope), then its statements, which may not
 * run on into the next section (C#'s "control cannot fall through"). */
static void
check_switch (Checker *c,
              AwlStmt *s)
{
  check_expr (c, s->switch_.subject);
  for (guint i = 0; i < s->switch_.n_sections; i++)
    {
      AwlSwitchSection *sec = &s->switch_.sections[i];
      guint mark = scope_mark (c);
      AwlStmt *last = sec->n_stmts > 0 ? sec->stmts[sec->n_stmts - 1] : NULL;

      for (guint k = 0; k < sec->n_labels; k++)
        {
          check_expr (c, sec->labels[k].test);
          check_expr (c, sec->labels[k].guard);
        }
      c->switches++;
      for (guint k = 0; k < sec->n_stmts; k++)
        check_stmt (c, sec->stmts[k]);
      c->switches--;
      if (last == NULL || !(last->kind == AWL_STMT_BREAK || last->kind == AWL_STMT_RETURN ||
                            last->kind == AWL_STMT_THROW || last->kind == AWL_STMT_CONTINUE ||
                            last->kind == AWL_STMT_YIELD_BREAK || last->kind == AWL_STMT_BLOCK))
        error_at (c, sec->labels[sec->n_labels - 1].loc,
                  "control cannot fall through from one case label to another: end the section "
                  "with `break;`, `return`, `throw` or `continue;`");
      scope_pop (c, mark);
    }
}

static void
check_stmt (Checker *c,
            AwlStmt *s)
{
  guint mark;

  if (s == NULL)
    return;

  switch (s->kind)
    {
    case AWL_STMT_BLOCK:
      mark = scope_mark (c);
      for (guint i = 0; i < s->block.n_stmts; i++)
        check_stmt (c, s->block.stmts[i]);
      scope_pop (c, mark);
      break;
    case AWL_STMT_DECL:
      if (s->decl.deconstruct)
        {
          check_expr (c, s->decl.inits[0]);
          for (guint i = 0; i < s->decl.n_vars; i++)
            if (strcmp (s->decl.vars[i]->name, "_") != 0)
              {
                check_type (c, s->decl.vars[i]->type);
                declare (c, s->decl.vars[i]);
              }
          break;
        }
      check_type (c, s->decl.type);
      for (guint i = 0; i < s->decl.n_vars; i++)
        {
          give_target_type (s->decl.inits[i], s->decl.type);
          check_expr (c, s->decl.inits[i]);
          if (s->decl.type == NULL && s->decl.inits[i] != NULL &&
              s->decl.inits[i]->kind == AWL_EXPR_NULL)
            error_at (c, s->decl.vars[i]->loc, "`var %s = null` has no type; write the type instead of `var`",
                      s->decl.vars[i]->name);
          if (s->decl.type == NULL && s->decl.inits[i] != NULL &&
              s->decl.inits[i]->kind == AWL_EXPR_LAMBDA)
            error_at (c, s->decl.vars[i]->loc, "a lambda needs a delegate type: write `Func<…> %s = …` instead of `var`",
                      s->decl.vars[i]->name);
          declare (c, s->decl.vars[i]);
        }
      break;
    case AWL_STMT_WHILE:
    case AWL_STMT_DO:
      check_expr (c, s->while_.cond);
      c->loops++;
      check_stmt (c, s->while_.body);
      c->loops--;
      break;
    case AWL_STMT_FOR:
      mark = scope_mark (c);
      for (guint i = 0; i < s->for_.n_init; i++)
        check_stmt (c, s->for_.init[i]);
      check_expr (c, s->for_.cond);
      for (guint i = 0; i < s->for_.n_iter; i++)
        check_expr (c, s->for_.iter[i]);
      c->loops++;
      check_stmt (c, s->for_.body);
      c->loops--;
      scope_pop (c, mark);
      break;
    case AWL_STMT_FOREACH:
      check_expr (c, s->foreach.collection);
      if (s->foreach.is_await)
        {
          if (!(c->func->flags & AWL_FUNC_ASYNC))
            error_at (c, s->loc, "`await foreach` can only be used in an async method or lambda");
          else if (c->locks > 0)
            error_at (c, s->loc, "`await foreach` cannot be used inside a `lock` block");
          s->foreach.state = c->func->n_awaits++;
        }
      mark = scope_mark (c);
      check_type (c, s->foreach.var->type);
      declare (c, s->foreach.var);
      c->loops++;
      check_stmt (c, s->foreach.body);
      c->loops--;
      scope_pop (c, mark);
      break;
    case AWL_STMT_BREAK:
      if (c->loops == 0 && c->switches == 0)
        error_at (c, s->loc, "`break` is not inside a loop or switch");
      break;
    case AWL_STMT_SWITCH:
      check_switch (c, s);
      break;
    case AWL_STMT_CONTINUE:
      if (c->loops == 0)
        error_at (c, s->loc, "`continue` is not inside a loop");
      break;
    case AWL_STMT_RETURN:
      check_return (c, s);
      break;
    case AWL_STMT_THROW:
      check_expr (c, s->ret.value);
      if (s->ret.value == NULL && c->catches == 0)
        error_at (c, s->loc, "`throw;` (rethrow) can only be used inside a `catch` block");
      break;
    case AWL_STMT_TRY:
      check_try (c, s);
      break;
    case AWL_STMT_LOCK:
      check_expr (c, s->lock.target);
      c->locks++;
      check_stmt (c, s->lock.body);
      c->locks--;
      break;
    case AWL_STMT_YIELD_RETURN:
    case AWL_STMT_YIELD_BREAK:
      check_yield (c, s);
      break;
    default:
      /* `;`, expression statements and `if`: nothing to check but what is inside. */
      awl_stmt_foreach_child (s, check_child, c);
      break;
    }
}

/* ---------------------------------------------------------------------------- */
/* Functions                                                                    */

static void
check_signature (Checker     *c,
                 AwlFunction *f)
{
  gboolean is_async = (f->flags & AWL_FUNC_ASYNC) != 0;
  gboolean is_iter = (f->flags & AWL_FUNC_ITERATOR) != 0;
  g_autofree char *rt = NULL;

  if (f->flags & AWL_FUNC_LAMBDA)
    return;

  check_type (c, f->return_type);
  rt = awl_type_ref_to_string (f->return_type);
  for (guint i = 0; i < f->n_params; i++)
    if (f->params[i]->by_ref && (is_async || is_iter))
      error_at (c, f->params[i]->loc, "%s cannot have `ref` or `out` parameters (`%s`); return a value or a tuple instead",
                is_async ? "an async method" : "an iterator", f->params[i]->name);

  if (is_async)
    {
      switch (f->return_kind)
        {
        case AWL_RETURN_VOID:
        case AWL_RETURN_TASK:
        case AWL_RETURN_TASK_OF:
        case AWL_RETURN_VALUE_TASK:
        case AWL_RETURN_VALUE_TASK_OF:
          if (is_iter)
            error_at (c, f->loc, "an async iterator must return IAsyncEnumerable<T>, not %s", rt);
          break;
        case AWL_RETURN_ASYNC_ENUMERABLE:
          if (!is_iter)
            error_at (c, f->loc, "`%s` returns IAsyncEnumerable<T> and is async, so it must use `yield return`",
                      f->name);
          break;
        case AWL_RETURN_ENUMERABLE:
        case AWL_RETURN_PLAIN:
        default:
          error_at (c, f->return_type->loc,
                    "an async method must return void, Task, Task<T>, ValueTask, ValueTask<T> or IAsyncEnumerable<T>, not %s",
                    rt);
          break;
        }
    }
  else if (f->return_kind == AWL_RETURN_ASYNC_ENUMERABLE && is_iter)
    error_at (c, f->loc, "an iterator returning IAsyncEnumerable<T> must be `async`");

  if ((f->return_kind == AWL_RETURN_TASK_OF || f->return_kind == AWL_RETURN_VALUE_TASK_OF ||
       f->return_kind == AWL_RETURN_ASYNC_ENUMERABLE || f->return_kind == AWL_RETURN_ENUMERABLE) &&
      f->return_type->n_args != 1)
    error_at (c, f->return_type->loc, "`%s` needs exactly one type argument", short_name (f->return_type->name));
}

static void
check_function (Checker     *c,
                AwlFunction *f)
{
  AwlFunction *saved_func = c->func;
  GPtrArray *saved_vars = c->vars;
  GPtrArray *saved_lambdas = c->lambdas;
  guint saved_loops = c->loops, saved_locks = c->locks, saved_catches = c->catches;
  guint saved_switches = c->switches;
  guint saved_finallies = c->finallies, saved_try = c->try_with_catch;
  guint mark = scope_mark (c);

  if (saved_lambdas != NULL && (f->flags & AWL_FUNC_LAMBDA))
    g_ptr_array_add (saved_lambdas, f);

  c->func = f;
  c->vars = g_ptr_array_new ();
  c->lambdas = g_ptr_array_new ();
  c->loops = c->locks = c->catches = c->finallies = c->try_with_catch = c->switches = 0;
  f->n_awaits = 0;

  check_signature (c, f);
  for (guint i = 0; i < f->n_params; i++)
    {
      check_type (c, f->params[i]->type);
      if (f->params[i]->default_value != NULL)
        check_expr (c, f->params[i]->default_value);
      declare (c, f->params[i]);
    }
  for (guint i = 0; i < f->n_init_args; i++)
    check_expr (c, f->init_args[i].value);

  if (f->body_expr != NULL)
    {
      check_expr (c, f->body_expr);
      if (!(f->flags & AWL_FUNC_LAMBDA) && f->return_kind == AWL_RETURN_VOID && !(f->flags & AWL_FUNC_ASYNC))
        {
          /* `void F() => expr;` is fine when expr is a statement expression. */
        }
    }
  else
    check_stmt (c, f->body);

  f->n_vars = c->vars->len;
  f->vars = (AwlVar **) awl_arena_dup_ptrs (c->arena, c->vars->pdata, c->vars->len);
  f->n_lambdas = c->lambdas->len;
  f->lambdas = (AwlFunction **) awl_arena_dup_ptrs (c->arena, c->lambdas->pdata, c->lambdas->len);
  g_ptr_array_unref (c->vars);
  g_ptr_array_unref (c->lambdas);

  scope_pop (c, mark);
  c->func = saved_func;
  c->vars = saved_vars;
  c->lambdas = saved_lambdas;
  c->loops = saved_loops;
  c->switches = saved_switches;
  c->locks = saved_locks;
  c->catches = saved_catches;
  c->finallies = saved_finallies;
  c->try_with_catch = saved_try;
}

/* ---------------------------------------------------------------------------- */

static void
check_duplicates (Checker *c)
{
  AwlAst *ast = c->unit->ast;
  AwlDirectives *dirs = c->unit->directives;

  for (guint i = 0; i < ast->n_methods; i++)
    {
      AwlFunction *m = ast->methods[i];
      AwlFunction *first = awl_ast_find_method_in (ast, m->klass, m->name);
      AwlField *field = awl_ast_find_field_in (ast, m->klass, m->name);

      if (first != m && ((first->flags | m->flags) & AWL_FUNC_TOP_LEVEL))
        {
          AwlFunction *top = (first->flags & AWL_FUNC_TOP_LEVEL) ? first : m;
          AwlFunction *other = top == first ? m : first;
          error_at (c, top->loc, "top-level statements make the program's `Main`, but `Main` is also declared on line %u",
                    other->loc.line);
        }
      else if (first != m)
        error_at (c, m->loc, "the method `%s` is already defined on line %u (overloads " ARE_NOT_SUPPORTED ")",
                  m->name, first->loc.line);
      if (field != NULL)
        error_at (c, m->loc, "`%s` is already a field (line %u)", m->name, field->loc.line);
    }
  for (guint i = 0; i < ast->n_fields; i++)
    {
      AwlField *f = ast->fields[i];
      AwlField *first = awl_ast_find_field_in (ast, f->klass, f->name);

      if (first != f)
        error_at (c, f->loc, "the field `%s` is already defined on line %u", f->name, first->loc.line);
    }
  for (guint i = 0; i < dirs->knobs->len; i++)
    {
      AwlKnob *k = g_ptr_array_index (dirs->knobs, i);

      if (awl_ast_find_method (ast, k->name) != NULL || awl_ast_find_field (ast, k->name) != NULL)
        error_at (c, k->loc, "the knob `%s` has the same name as a method or field of the code", k->name);
    }
}

/* An instance method as the entry (a form's handler) runs on `new Klass()`. */
static void
check_instance_entry (Checker     *c,
                      AwlFunction *m)
{
  const AwlClassDecl *decl = awl_ast_get_class (c->unit->ast, m->klass);
  AwlFunction *ctor = awl_ast_find_method_in (c->unit->ast, m->klass, m->klass);

  if (m->n_params > 3)
    error_at (c, m->loc, "the entry method `%s` must take no parameters (or `object sender, EventArgs e`)",
              m->name);
  if (decl != NULL && (decl->flags & (AWL_CLASS_ABSTRACT | AWL_CLASS_INTERFACE)))
    error_at (c, m->loc, "the entry method `%s` is an instance method of the %s `%s`, which Awaitlab "
              "cannot create; make it a method of a concrete class", m->name,
              (decl->flags & AWL_CLASS_INTERFACE) ? "interface" : "abstract class", m->klass);
  else if (ctor != NULL && (ctor->flags & AWL_FUNC_CTOR))
    for (guint i = 1; i < ctor->n_params; i++)
      if (ctor->params[i]->default_value == NULL && !ctor->params[i]->is_params)
        {
          error_at (c, m->loc, "the entry method `%s` runs on `new %s()`, but the constructor of `%s` "
                    "needs arguments; give `%s` a parameterless constructor", m->name, m->klass,
                    m->klass, m->klass);
          break;
        }
}

static void
check_entry (Checker *c)
{
  AwlDirectives *dirs = c->unit->directives;
  AwlAst *ast = c->unit->ast;
  const char *entry = awl_directives_get_entry (dirs);
  AwlFunction *m = awl_ast_find_method (ast, entry);
  AwlLoc loc = { MAX (ast->first_code_line, 1), 1 };

  if (ast->n_methods == 0 && ast->n_fields == 0)
    {
      /* An earlier error (an unterminated comment, a syntax error) may have eaten
       * the code; saying there is none would send the author the wrong way. */
      if (awl_diagnostics_has_errors (c->diags))
        return;
      error_at (c, loc, "the scenario has no code: write at least the entry method `%s`", entry);
      return;
    }
  if (m == NULL)
    {
      error_at (c, loc, "the entry method `%s` is not defined (the %s environment starts there%s)",
                entry, awl_scenario_env_to_string (dirs->environment),
                dirs->entry == NULL ? "; name another with `@entry`" : "");
      return;
    }
  if ((m->flags & AWL_FUNC_INSTANCE) && m->klass != NULL)
    check_instance_entry (c, m);
  else if (m->n_params > 2)
    error_at (c, m->loc, "the entry method `%s` must take no parameters (or `string[] args`, or `object sender, EventArgs e`)",
              entry);
}

static void
check_notes (Checker      *c,
             const guint8 *code_lines,
             guint         n_lines)
{
  AwlDirectives *dirs = c->unit->directives;
  guint total = 1;

  for (gsize i = 0; i < c->unit->length; i++)
    if (c->unit->text[i] == '\n')
      total++;

  for (guint i = 0; i < dirs->notes->len; i++)
    {
      AwlNote *n = g_ptr_array_index (dirs->notes, i);

      if (n->target_line > total)
        error_at (c, n->loc, "`@note L%u` points past the end of the file (it has %u lines)",
                  n->target_line, total);
      else if (n->target_line >= n_lines || code_lines[n->target_line] == 0)
        error_at (c, n->loc, "`@note L%u` points at line %u, which has no code", n->target_line,
                  n->target_line);
    }
}

void
awl_check_unit (AwlUnit      *unit,
                const guint8 *code_lines,
                guint         n_lines)
{
  Checker c = { 0 };
  AwlAst *ast = unit->ast;

  c.unit = unit;
  c.diags = unit->diagnostics;
  c.arena = awl_ast_get_arena (ast);
  c.bindings = g_hash_table_new (g_str_hash, g_str_equal);
  c.log = g_ptr_array_new ();

  check_duplicates (&c);
  awl_check_types (unit);

  for (guint i = 0; i < ast->n_fields; i++)
    {
      AwlField *f = ast->fields[i];

      check_type (&c, f->type);
      give_target_type (f->init, f->type);
      check_expr (&c, f->init);
    }
  for (guint i = 0; i < ast->n_methods; i++)
    check_function (&c, ast->methods[i]);

  check_entry (&c);
  check_notes (&c, code_lines, n_lines);

  g_hash_table_unref (c.bindings);
  g_ptr_array_unref (c.log);
}
