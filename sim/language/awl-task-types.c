/* awl-task-types.c
 *
 * A small static typing of expressions, only as far as tasks go: whether a value is
 * a Task, a Task<T>, a sequence of either, or something else, from declared types,
 * `var` initializers, methods' return types, lambdas' bodies and the few .NET calls
 * that make tasks. Anything it cannot follow is "unknown", never a guess.
 */

#include "awl-task-types.h"

#include <string.h>

/* Bound the walk through `var` initializers and nested expressions: its depth, and
 * the expressions typed for one question (a chain of `new[] { a[0], a[0] }` would
 * otherwise double the work at each step). */
#define MAX_DEPTH 32
#define MAX_VISITS 4096

typedef enum
{
  TY_UNKNOWN,
  TY_VOID,
  TY_VALUE,     /* not a task: int, string, a class of the script, … */
  TY_TASK,      /* Task */
  TY_TASK_OF,   /* Task<T> */
  TY_SEQ,       /* an array, a List<T>, an IEnumerable<T>: see elem */
} Kind;

typedef struct
{
  Kind        kind;
  Kind        elem;     /* TY_SEQ: the kind of its items */
  const char *name;     /* TY_VALUE: the type's simple name when known */
  guint       n_args;   /* TY_VALUE: its generic arity */
  const AwlTypeRef *ref; /* TY_VALUE: the type as written, when known (its type arguments) */
} Ty;

typedef struct
{
  const AwlAst *ast;
  guint         depth;
  guint         visits;
} Ctx;

static Ty expr_type (Ctx *cx, const AwlExpr *e);
static AwlWhenAllOverload overload_in (Ctx *cx, const AwlArg *args, guint n_args);

static Ty
ty (Kind kind)
{
  Ty t = { kind, TY_UNKNOWN, NULL, 0, NULL };

  return t;
}

static Ty
seq_of (Kind elem)
{
  Ty t = { TY_SEQ, elem, NULL, 0, NULL };

  return t;
}

static const char *
simple_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL ? dot + 1 : name;
}

static gboolean
is_sequence_type (const char *name)
{
  static const char * const seqs[] = {
    "List", "IEnumerable", "IList", "ICollection", "IReadOnlyList", "IReadOnlyCollection",
    "HashSet", "ISet", "Queue", "Stack", "ConcurrentBag", "ConcurrentQueue", NULL
  };

  return g_strv_contains (seqs, name);
}

static Kind
item_kind (Ty t)
{
  return t.kind == TY_SEQ ? TY_UNKNOWN : t.kind;
}

static Ty
type_ref_type (const AwlTypeRef *t)
{
  const char *name;
  Ty r;

  if (t == NULL)
    return ty (TY_UNKNOWN);
  name = simple_name (t->name);
  if (t->array_rank > 0)
    {
      AwlTypeRef element = *t;

      if (t->array_rank > 1)
        return seq_of (TY_VALUE);
      element.array_rank = 0;
      return seq_of (item_kind (type_ref_type (&element)));
    }
  if (t->nullable)
    return ty (TY_VALUE);
  if (g_str_equal (name, "void"))
    return ty (TY_VOID);
  if (g_str_equal (name, "Task"))
    return ty (t->n_args == 0 ? TY_TASK : TY_TASK_OF);
  if (is_sequence_type (name) && t->n_args == 1)
    return seq_of (item_kind (type_ref_type (t->args[0])));
  r = ty (TY_VALUE);
  r.name = name;
  r.n_args = t->n_args;
  r.ref = t;
  return r;
}

/* ---------------------------------------------------------------------------------
 * Variables declared with `var`: the type of their initializer
 * ------------------------------------------------------------------------------ */

typedef struct
{
  const AwlVar *var;
  const AwlStmt *found;   /* the DECL or FOREACH that declares it */
  guint          index;   /* DECL: its position */
} FindDecl;

static void find_decl_in (AwlExpr *expr, AwlStmt *stmt, gpointer user_data);

static void
find_decl_in (AwlExpr  *expr,
              AwlStmt  *stmt,
              gpointer  user_data)
{
  FindDecl *fd = user_data;

  /* Declarations are statements of the variable's own function: expressions only
   * hold nested lambdas, whose variables have another owner. */
  if (stmt == NULL || fd->found != NULL)
    return;
  if (stmt->kind == AWL_STMT_DECL && !stmt->decl.deconstruct)
    for (guint i = 0; i < stmt->decl.n_vars; i++)
      if (stmt->decl.vars[i] == fd->var)
        {
          fd->found = stmt;
          fd->index = i;
          return;
        }
  if (stmt->kind == AWL_STMT_FOREACH && stmt->foreach.var == fd->var)
    {
      fd->found = stmt;
      return;
    }
  awl_stmt_foreach_child (stmt, find_decl_in, fd);
}

static Ty
var_type (Ctx          *cx,
          const AwlVar *var)
{
  FindDecl fd = { var, NULL, 0 };

  if (var->type != NULL)
    return type_ref_type (var->type);
  if (var->owner == NULL || (var->kind != AWL_VAR_LOCAL && var->kind != AWL_VAR_FOREACH))
    return ty (TY_UNKNOWN);
  awl_function_foreach_child (var->owner, find_decl_in, &fd);
  if (fd.found == NULL)
    return ty (TY_UNKNOWN);
  if (fd.found->kind == AWL_STMT_FOREACH)
    {
      Ty coll = fd.found->foreach.is_await ? ty (TY_UNKNOWN)
                                           : expr_type (cx, fd.found->foreach.collection);

      return coll.kind == TY_SEQ ? ty (coll.elem) : ty (TY_UNKNOWN);
    }
  if (fd.found->decl.type != NULL)
    return type_ref_type (fd.found->decl.type);
  return expr_type (cx, fd.found->decl.inits[fd.index]);
}

/* ---------------------------------------------------------------------------------
 * Lambdas and methods
 * ------------------------------------------------------------------------------ */

typedef struct
{
  Ctx              *cx;
  Ty                value;      /* the type of the first `return expr;` */
  gboolean          returns;    /* some `return expr;` */
} FindReturn;

static void
find_return_in (AwlExpr  *expr,
                AwlStmt  *stmt,
                gpointer  user_data)
{
  FindReturn *fr = user_data;

  /* A nested lambda's returns are its own. */
  if (stmt == NULL || fr->returns)
    return;
  if (stmt->kind == AWL_STMT_RETURN && stmt->ret.value != NULL)
    {
      fr->returns = TRUE;
      fr->value = expr_type (fr->cx, stmt->ret.value);
      return;
    }
  awl_stmt_foreach_child (stmt, find_return_in, fr);
}

/* What a lambda's body evaluates to: the type of its expression, or of its first
 * `return expr;` (void when it has none). */
static Ty
lambda_body_type (Ctx               *cx,
                  const AwlFunction *fn)
{
  FindReturn fr = { cx, { TY_UNKNOWN }, FALSE };

  if (fn->flags & AWL_FUNC_EXPR_BODY)
    return expr_type (cx, fn->body_expr);
  if (fn->body == NULL)
    return ty (TY_UNKNOWN);
  awl_stmt_foreach_child (fn->body, find_return_in, &fr);
  return fr.returns ? fr.value : ty (TY_VOID);
}

/* The type of a delegate's result: a lambda's (an async one makes a Task or a
 * Task<T>) or a method group's return type. */
static Ty
delegate_result (Ctx           *cx,
                 const AwlExpr *e)
{
  if (e == NULL)
    return ty (TY_UNKNOWN);
  if (e->kind == AWL_EXPR_NAME && e->name.kind == AWL_NAME_METHOD && e->name.func != NULL)
    return type_ref_type (e->name.func->return_type);
  if (e->kind != AWL_EXPR_LAMBDA || e->lambda.func == NULL)
    return ty (TY_UNKNOWN);
  if (e->lambda.func->flags & AWL_FUNC_ASYNC)
    {
      const AwlFunction *fn = e->lambda.func;

      if (fn->flags & AWL_FUNC_EXPR_BODY)
        {
          /* `async () => await F()` is a Task<T> exactly when the body has a value. */
          Ty body = expr_type (cx, fn->body_expr);

          if (body.kind == TY_UNKNOWN)
            return body;
          return ty (body.kind == TY_VOID ? TY_TASK : TY_TASK_OF);
        }
      {
        FindReturn fr = { cx, { TY_UNKNOWN }, FALSE };

        if (fn->body != NULL)
          awl_stmt_foreach_child (fn->body, find_return_in, &fr);
        return ty (fr.returns ? TY_TASK_OF : TY_TASK);
      }
    }
  return lambda_body_type (cx, e->lambda.func);
}

/* ---------------------------------------------------------------------------------
 * Calls
 * ------------------------------------------------------------------------------ */

/* "Task", "Task.Factory", "Enumerable" for a path of .NET names; NULL otherwise. */
static gboolean
builtin_path (const AwlExpr *e,
              GString       *out)
{
  if (e->kind == AWL_EXPR_NAME)
    {
      if (e->name.kind != AWL_NAME_BUILTIN)
        return FALSE;
      g_string_append (out, e->name.name);
      return TRUE;
    }
  if (e->kind == AWL_EXPR_MEMBER && builtin_path (e->member.target, out))
    {
      g_string_append_c (out, '.');
      g_string_append (out, e->member.name);
      return TRUE;
    }
  return FALSE;
}

static gboolean
path_is (const char *path,
         const char *suffix)
{
  gsize lp = strlen (path), ls = strlen (suffix);

  return lp >= ls && strcmp (path + lp - ls, suffix) == 0 &&
         (lp == ls || path[lp - ls - 1] == '.');
}

static const AwlExpr *
first_positional (const AwlExpr *call)
{
  for (guint i = 0; i < call->call.n_args; i++)
    if (call->call.args[i].name == NULL)
      return call->call.args[i].value;
  return NULL;
}

/* Task.Run(f) unwraps a delegate that returns a task; a value makes a Task<T>. */
static Ty
run_result (Ty result)
{
  switch (result.kind)
    {
    case TY_VOID: case TY_TASK: return ty (TY_TASK);
    case TY_VALUE: case TY_TASK_OF: case TY_SEQ: return ty (TY_TASK_OF);
    default: return ty (TY_UNKNOWN);
    }
}

static Ty
task_static_call (Ctx           *cx,
                  const char    *member,
                  const AwlExpr *call,
                  const AwlExpr *callee)
{
  if (g_str_equal (member, "Run"))
    return run_result (delegate_result (cx, first_positional (call)));
  if (g_str_equal (member, "Delay"))
    return ty (TY_TASK);
  if (g_str_equal (member, "FromResult") || g_str_equal (member, "WhenAny"))
    return ty (TY_TASK_OF);
  if (g_str_equal (member, "FromException") || g_str_equal (member, "FromCanceled"))
    return ty (callee->member.n_type_args > 0 ? TY_TASK_OF : TY_TASK);
  if (g_str_equal (member, "WhenAll"))
    switch (overload_in (cx, call->call.args, call->call.n_args))
      {
      case AWL_WHEN_ALL_OVERLOAD_GENERIC: return ty (TY_TASK_OF);
      case AWL_WHEN_ALL_OVERLOAD_NON_GENERIC: return ty (TY_TASK);
      default: return ty (TY_UNKNOWN);
      }
  return ty (TY_UNKNOWN);
}

/* A method of the script called on an object or a class: the class's method when
 * the receiver's class is known, else the one return type all methods of that name
 * agree on. */
static Ty
script_method (Ctx        *cx,
               const char *klass,
               const char *member)
{
  Ty found = ty (TY_UNKNOWN);
  gboolean any = FALSE;

  if (klass != NULL && awl_ast_has_class (cx->ast, klass))
    {
      AwlFunction *fn = awl_ast_find_method_in (cx->ast, klass, member);

      if (fn != NULL)
        return type_ref_type (fn->return_type);
    }
  for (guint i = 0; i < cx->ast->n_methods; i++)
    {
      const AwlFunction *fn = cx->ast->methods[i];
      Ty t;

      if (!g_str_equal (fn->name, member))
        continue;
      t = type_ref_type (fn->return_type);
      if (any && (t.kind != found.kind || t.elem != found.elem))
        return ty (TY_UNKNOWN);
      found = t;
      any = TRUE;
    }
  return found;
}

static Ty
member_call (Ctx           *cx,
             const AwlExpr *call)
{
  const AwlExpr *callee = call->call.callee;
  const char *member = callee->member.name;
  g_autoptr(GString) path = g_string_new (NULL);
  Ty target;

  if (builtin_path (callee->member.target, path))
    {
      if (path_is (path->str, "Task"))
        return task_static_call (cx, member, call, callee);
      if (path_is (path->str, "Task.Factory") && g_str_equal (member, "StartNew"))
        {
          /* StartNew does not unwrap: an async lambda gives a Task<Task>. */
          Ty r = delegate_result (cx, first_positional (call));

          return r.kind == TY_UNKNOWN ? r : ty (r.kind == TY_VOID ? TY_TASK : TY_TASK_OF);
        }
      if (path_is (path->str, "Http") || path_is (path->str, "Db"))
        return ty (g_str_has_suffix (member, "Async") ? TY_TASK_OF : TY_VALUE);
      if (path_is (path->str, "Parallel") && g_str_equal (member, "ForEachAsync"))
        return ty (TY_TASK);
      /* The void calls a Task.Run body most often makes. */
      if (path_is (path->str, "Console") || path_is (path->str, "Cpu") ||
          (path_is (path->str, "Thread") && g_str_equal (member, "Sleep")))
        return ty (g_str_has_prefix (member, "Read") ? TY_VALUE : TY_VOID);
      return ty (TY_UNKNOWN);
    }
  if (callee->member.target->kind == AWL_EXPR_NAME &&
      callee->member.target->name.kind == AWL_NAME_CLASS)
    return script_method (cx, callee->member.target->name.name, member);

  target = expr_type (cx, callee->member.target);
  if (g_str_equal (member, "Select"))
    {
      Ty r = delegate_result (cx, first_positional (call));

      return seq_of (item_kind (r));
    }
  if (target.kind == TY_SEQ)
    {
      static const char * const same[] = {
        "ToList", "ToArray", "Where", "Take", "Skip", "Reverse", "OrderBy",
        "OrderByDescending", "Distinct", "AsEnumerable", "Concat", "Append", "Prepend", NULL
      };

      if (g_strv_contains (same, member))
        return target;
    }
  if ((target.kind == TY_TASK || target.kind == TY_TASK_OF) &&
      (g_str_equal (member, "WaitAsync") || g_str_equal (member, "ConfigureAwait")))
    return g_str_equal (member, "WaitAsync") ? target : ty (TY_VALUE);
  if ((target.kind == TY_TASK || target.kind == TY_TASK_OF) && g_str_equal (member, "ContinueWith"))
    return run_result (delegate_result (cx, first_positional (call)));
  if (target.kind == TY_VALUE && target.name != NULL && g_str_equal (target.name, "SemaphoreSlim") &&
      g_str_equal (member, "WaitAsync"))
    return ty (first_positional (call) != NULL ? TY_TASK_OF : TY_TASK);
  if (target.kind == TY_VALUE && target.name != NULL && awl_ast_has_class (cx->ast, target.name))
    return script_method (cx, target.name, member);
  if (target.kind == TY_UNKNOWN || target.kind == TY_VALUE)
    return script_method (cx, NULL, member);
  return ty (TY_UNKNOWN);
}

static Ty
call_type (Ctx           *cx,
           const AwlExpr *e)
{
  const AwlExpr *callee = e->call.callee;

  if (callee->kind == AWL_EXPR_NAME && callee->name.kind == AWL_NAME_METHOD && callee->name.func != NULL)
    return type_ref_type (callee->name.func->return_type);
  if (callee->kind == AWL_EXPR_MEMBER)
    return member_call (cx, e);
  return ty (TY_UNKNOWN);
}

static Ty
member_type (Ctx           *cx,
             const AwlExpr *e)
{
  g_autoptr(GString) path = g_string_new (NULL);
  Ty target;

  if (builtin_path (e->member.target, path))
    return path_is (path->str, "Task") && g_str_equal (e->member.name, "CompletedTask")
           ? ty (TY_TASK) : ty (TY_UNKNOWN);
  target = expr_type (cx, e->member.target);
  if (target.kind == TY_VALUE && target.name != NULL && g_str_equal (e->member.name, "Task") &&
      g_str_equal (target.name, "TaskCompletionSource"))
    return ty (target.n_args > 0 ? TY_TASK_OF : TY_TASK);
  /* Lazy<T>.Value is a T (Lazy<Task<string>> is the async-lazy pattern). */
  if (target.kind == TY_VALUE && target.name != NULL && g_str_equal (e->member.name, "Value") &&
      g_str_equal (target.name, "Lazy") && target.ref != NULL && target.ref->n_args == 1)
    return type_ref_type (target.ref->args[0]);
  if (target.kind == TY_VALUE && target.name != NULL && awl_ast_has_class (cx->ast, target.name))
    {
      AwlField *f = awl_ast_find_field_in (cx->ast, target.name, e->member.name);

      return f != NULL ? type_ref_type (f->type) : ty (TY_UNKNOWN);
    }
  return ty (TY_UNKNOWN);
}

/* The best common type of `new[] { … }`: Task<T> items with a plain Task make Task[]. */
static Ty
implicit_array (Ctx           *cx,
                AwlExpr      **elements,
                guint          n)
{
  Kind common = TY_UNKNOWN;

  for (guint i = 0; i < n; i++)
    {
      Kind k = item_kind (expr_type (cx, elements[i]));

      if (k != TY_TASK && k != TY_TASK_OF)
        return seq_of (k == TY_VALUE ? TY_VALUE : TY_UNKNOWN);
      if (common == TY_UNKNOWN || k == TY_TASK)
        common = k;
    }
  return seq_of (common);
}

static Ty
expr_type_at (Ctx           *cx,
              const AwlExpr *e)
{
  switch (e->kind)
    {
    case AWL_EXPR_BOOL: case AWL_EXPR_INT: case AWL_EXPR_DOUBLE: case AWL_EXPR_CHAR:
    case AWL_EXPR_STRING: case AWL_EXPR_INTERPOLATED: case AWL_EXPR_IS: case AWL_EXPR_TYPEOF:
    case AWL_EXPR_NAMEOF: case AWL_EXPR_TUPLE:
      return ty (TY_VALUE);
    case AWL_EXPR_NAME:
      if (e->name.kind == AWL_NAME_VAR && e->name.var != NULL)
        return var_type (cx, e->name.var);
      if (e->name.kind == AWL_NAME_FIELD && e->name.field != NULL)
        return type_ref_type (e->name.field->type);
      return ty (TY_UNKNOWN);
    case AWL_EXPR_CALL:
      return call_type (cx, e);
    case AWL_EXPR_MEMBER:
      return member_type (cx, e);
    case AWL_EXPR_INDEX:
      {
        Ty t = expr_type (cx, e->index.target);

        return t.kind == TY_SEQ ? ty (t.elem) : ty (TY_UNKNOWN);
      }
    case AWL_EXPR_NEW:
      return e->new_obj.target_typed || e->new_obj.anonymous ? ty (TY_UNKNOWN)
                                                             : type_ref_type (e->new_obj.type);
    case AWL_EXPR_NEW_ARRAY:
      if (e->new_array.element_type != NULL)
        return seq_of (item_kind (type_ref_type (e->new_array.element_type)));
      return implicit_array (cx, e->new_array.elements, e->new_array.n_elements);
    case AWL_EXPR_CAST:
      return type_ref_type (e->cast.type);
    case AWL_EXPR_ASSIGN:
      return expr_type (cx, e->assign.target);
    case AWL_EXPR_CONDITIONAL:
      {
        Ty a = expr_type (cx, e->conditional.then_expr), b = expr_type (cx, e->conditional.else_expr);

        return a.kind == b.kind && a.elem == b.elem ? a : ty (TY_UNKNOWN);
      }
    case AWL_EXPR_AWAIT:
      {
        Ty t = expr_type (cx, e->await.operand);

        if (t.kind == TY_TASK)
          return ty (TY_VOID);
        /* Awaiting WhenAny gives a task; other Task<T> give their value. */
        if (t.kind == TY_TASK_OF && !(e->await.operand->kind == AWL_EXPR_CALL &&
                                      e->await.operand->call.callee->kind == AWL_EXPR_MEMBER &&
                                      g_str_equal (e->await.operand->call.callee->member.name, "WhenAny")))
          return ty (TY_VALUE);
        return ty (TY_UNKNOWN);
      }
    default:
      return ty (TY_UNKNOWN);
    }
}

static Ty
expr_type (Ctx           *cx,
           const AwlExpr *e)
{
  Ty t;

  if (e == NULL || cx->depth >= MAX_DEPTH || ++cx->visits > MAX_VISITS)
    return ty (TY_UNKNOWN);
  cx->depth++;
  t = expr_type_at (cx, e);
  cx->depth--;
  return t;
}

/* ---------------------------------------------------------------------------------
 * Overload resolution
 * ------------------------------------------------------------------------------ */

static AwlWhenAllOverload
overload_for (Kind item)
{
  switch (item)
    {
    case TY_TASK_OF: return AWL_WHEN_ALL_OVERLOAD_GENERIC;
    case TY_TASK: return AWL_WHEN_ALL_OVERLOAD_NON_GENERIC;
    default: return AWL_WHEN_ALL_OVERLOAD_UNKNOWN;
    }
}

static AwlWhenAllOverload
overload_in (Ctx          *cx,
             const AwlArg *args,
             guint         n_args)
{
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (Ty));
  gboolean all_generic = TRUE;

  for (guint i = 0; i < n_args; i++)
    if (args[i].name == NULL || g_str_equal (args[i].name, "tasks"))
      {
        Ty t = expr_type (cx, args[i].value);

        g_array_append_val (kinds, t);
      }
  /* One collection: its element type decides (a Task[] holding Task<int>s is a Task[]). */
  if (kinds->len == 1 && g_array_index (kinds, Ty, 0).kind == TY_SEQ)
    return overload_for (g_array_index (kinds, Ty, 0).elem);
  if (kinds->len == 0)
    return AWL_WHEN_ALL_OVERLOAD_UNKNOWN;
  /* `params`: one plain Task makes every Task<T> convert to Task. */
  for (guint i = 0; i < kinds->len; i++)
    {
      Kind k = g_array_index (kinds, Ty, i).kind;

      if (k == TY_TASK)
        return AWL_WHEN_ALL_OVERLOAD_NON_GENERIC;
      if (k != TY_TASK_OF)
        all_generic = FALSE;
    }
  return all_generic ? AWL_WHEN_ALL_OVERLOAD_GENERIC : AWL_WHEN_ALL_OVERLOAD_UNKNOWN;
}

AwlWhenAllOverload
awl_when_all_overload (const AwlAst *ast,
                       const AwlArg *args,
                       guint         n_args)
{
  Ctx cx = { ast, 0, 0 };

  g_return_val_if_fail (ast != NULL, AWL_WHEN_ALL_OVERLOAD_UNKNOWN);
  g_return_val_if_fail (args != NULL || n_args == 0, AWL_WHEN_ALL_OVERLOAD_UNKNOWN);

  return overload_in (&cx, args, n_args);
}

const char *
awl_when_all_overload_to_string (AwlWhenAllOverload overload)
{
  switch (overload)
    {
    case AWL_WHEN_ALL_OVERLOAD_GENERIC: return "WhenAll<TResult>";
    case AWL_WHEN_ALL_OVERLOAD_NON_GENERIC: return "WhenAll";
    default: return "unknown";
    }
}
