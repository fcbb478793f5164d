/* awl-compile.c
 *
 * Compiles the syntax tree to per-function instruction lists for the operand-stack
 * interpreter (awl-interp.c). Names are resolved here with our own scopes so the back
 * end does not depend on the checker's annotations. Await points are numbered 0, 1, …
 * in source order per function, like the C# compiler's state machine.
 *
 * Closures: a function that contains lambdas keeps every variable in a box; a closure
 * copies its creating frame's slots (the boxes) plus that frame's own environment.
 * A declaration executed again (a loop body) makes a fresh box, so each iteration's
 * variable is captured separately, as in C#.
 *
 * try/finally: the finally body is compiled inline at every exit (normal, break,
 * continue, return) and once as the exception handler that rethrows.
 */

#include <string.h>

#include "awl-objects.h"
#include "awl-compile-ext.h"
#include "awl-task-types.h"

/* What little the compiler knows about a value's static type, enough to reject what
 * a C# compiler rejects ("a" - 1, calling an int). */
typedef enum { TY_UNKNOWN, TY_INT, TY_DOUBLE, TY_BOOL, TY_STRING } StaticType;

typedef struct
{
  const char *name;
  guint       slot;
  gboolean    is_double;
  StaticType  ty;
  AwlIntWidth width;   /* declared integer type: stores wrap to it */
  gboolean    by_ref;  /* a ref/out parameter: the slot holds the caller's box */
} Binding;

typedef enum { TRY_FINALLY, TRY_CATCH, TRY_CATCH_BODY, TRY_LOCK, TRY_AFOREACH } TryKind;

typedef struct
{
  TryKind   kind;
  gboolean  active;    /* a runtime handler is pushed */
  AwlStmt  *finally_block;
  guint     slot;      /* lock object / enumerator / caught exception */
  guint     state;     /* await foreach state */
} TryEntry;

typedef struct
{
  GArray   *breaks;     /* guint insn indices to patch */
  GArray   *continues;
  guint     n_trys;     /* trys depth at loop entry */
  gboolean  is_switch;  /* a switch statement: `break` leaves it, `continue` goes past it */
} LoopCtx;

typedef struct _FuncCtx FuncCtx;
struct _FuncCtx
{
  AwlCode    *code;
  FuncCtx    *parent;
  GArray     *bindings;  /* Binding */
  GArray     *marks;     /* guint */
  GArray     *trys;      /* TryEntry */
  GPtrArray  *loops;     /* LoopCtx* */
  GHashTable *states;    /* AwlExpr* / AwlStmt* → state + 1 */
  guint       ret_slot;
};

typedef struct
{
  AwlProgram     *prog;
  AwlUnit        *unit;
  FuncCtx        *f;
  GHashTable     *methods;  /* name → AwlCode* */
  GHashTable     *fields;   /* name → index + 1 */
  GHashTable     *knobs;    /* name → index + 1 */
  guint           n_errors;
  gboolean        front_end_failed;  /* report only what the checker cannot see */
  guint           lambda_counter;
  const char     *outer_name;
  const char     *klass;    /* class of the method being compiled, or NULL */
  gboolean        nonvirtual; /* the next method call is `base.M()`: no dynamic dispatch */
  gboolean        has_structs; /* the script declares structs: values read are copied */
  gboolean        receiver;   /* the next expression is a receiver (`p` in `p.X = 1`): no copy */
  GPtrArray      *struct_stack; /* structs whose default is being built (self-containment) */
  GPtrArray      *qualified; /* owns the "Class.name" keys of methods and fields */
  GArray         *pending_refs; /* copy-backs of out/ref arguments (awl-compile-everyday.c) */
} Compiler;

static void compile_expr (Compiler *c, AwlExpr *e);
static void compile_stmt (Compiler *c, AwlStmt *s);
static void compile_store_target (Compiler *c, AwlExpr *target);

/* ----------------------------------------------------------------------------- */

/* @always: also when the front end already failed (see error_extra). */
static void
error_valist (Compiler   *c,
              gboolean    always,
              guint       line,
              guint       col,
              const char *format,
              va_list     args) G_GNUC_PRINTF (5, 0);

static void
error_valist (Compiler   *c,
              gboolean    always,
              guint       line,
              guint       col,
              const char *format,
              va_list     args)
{
  g_autofree char *msg = g_strdup_vprintf (format, args);

  c->n_errors++;
  if (always || !c->front_end_failed)
    awl_diagnostics_add_literal (c->unit->diagnostics, AWL_SEVERITY_ERROR, line, col ? col : 1, 1, msg);
}

static void
error_at (Compiler   *c,
          guint       line,
          guint       col,
          const char *format,
          ...) G_GNUC_PRINTF (4, 5);

static void
error_at (Compiler   *c,
          guint       line,
          guint       col,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  error_valist (c, FALSE, line, col, format, args);
  va_end (args);
}

/* An error the front end's checker never reports (it needs types or the runtime's
 * tables), so it is reported even when the front end found other errors. */
static void
error_extra (Compiler   *c,
             guint       line,
             guint       col,
             const char *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
error_extra (Compiler   *c,
             guint       line,
             guint       col,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  error_valist (c, TRUE, line, col, format, args);
  va_end (args);
}

static guint
emit_full (Compiler *c,
           AwlOp     op,
           gint32    a,
           gint32    b,
           gpointer  p,
           AwlLoc    loc)
{
  AwlInsn insn = { op, a, b, (int) loc.line, (int) loc.col, p };
  g_array_append_val (c->f->code->insns, insn);
  return c->f->code->insns->len - 1;
}

static AwlLoc no_loc = { 0, 0 };

#define emit(c, op, a)        emit_full (c, op, a, 0, NULL, no_loc)
#define emit_p(c, op, a, p)   emit_full (c, op, a, 0, p, no_loc)

static guint
here (Compiler *c)
{
  return c->f->code->insns->len;
}

static void
patch (Compiler *c,
       guint     at,
       guint     target)
{
  g_array_index (c->f->code->insns, AwlInsn, at).a = target;
}

static guint
add_const (Compiler *c,
           AwlValue  v)
{
  g_array_append_val (c->prog->consts, v);
  return c->prog->consts->len - 1;
}

static void
emit_const (Compiler *c,
            AwlValue  v)
{
  emit (c, OP_CONST, add_const (c, v));
}

static const char *
own_string (Compiler   *c,
            const char *s)
{
  char *copy = g_strdup (s);
  g_ptr_array_add (c->prog->strings, copy);
  return copy;
}

static void
emit_string (Compiler   *c,
             const char *s)
{
  emit_const (c, awl_value_string (own_string (c, s)));
}

static guint
new_slot (Compiler *c)
{
  return c->f->code->n_slots++;
}

/* ----------------------------------------------------------------------------- */
/* Scopes */

static void
scope_push (Compiler *c)
{
  guint n = c->f->bindings->len;
  g_array_append_val (c->f->marks, n);
}

static void
scope_pop (Compiler *c)
{
  guint n = g_array_index (c->f->marks, guint, c->f->marks->len - 1);
  g_array_set_size (c->f->marks, c->f->marks->len - 1);
  g_array_set_size (c->f->bindings, n);
}

static gboolean
type_is_double (const AwlTypeRef *t)
{
  return t != NULL && t->array_rank == 0 &&
         (g_str_equal (t->name, "double") || g_str_equal (t->name, "float") ||
          g_str_equal (t->name, "decimal") || g_str_equal (t->name, "Double"));
}

static gboolean
type_is_int (const AwlTypeRef *t)
{
  static const char * const ints[] = { "int", "long", "short", "byte", "uint", "ulong", "Int32", "Int64", NULL };
  return t != NULL && t->array_rank == 0 && g_strv_contains (ints, t->name);
}

static Binding *lookup (Compiler *c, const char *name, guint *depth);

static AwlIntWidth
type_ref_width (const AwlTypeRef *t)
{
  static const struct { const char *name; AwlIntWidth width; } widths[] = {
    { "int", AWL_INT_I32 }, { "Int32", AWL_INT_I32 }, { "uint", AWL_INT_U32 },
    { "long", AWL_INT_I64 }, { "Int64", AWL_INT_I64 }, { "ulong", AWL_INT_U64 },
    { "short", AWL_INT_I16 }, { "ushort", AWL_INT_U16 }, { "sbyte", AWL_INT_I8 },
    { "byte", AWL_INT_U8 },
  };

  if (t == NULL || t->array_rank > 0 || t->nullable)
    return AWL_INT_ANY;
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    if (g_str_equal (t->name, widths[i].name))
      return widths[i].width;
  return AWL_INT_ANY;
}

/* Arithmetic on types narrower than int happens in int. */
static AwlIntWidth
promote (AwlIntWidth w)
{
  return w >= AWL_INT_I16 ? AWL_INT_I32 : w;
}

static gboolean
is_unsigned (AwlIntWidth w)
{
  return w == AWL_INT_U32 || w == AWL_INT_U64;
}

/* C#'s binary numeric promotion; a non-negative int literal takes the unsigned
 * type of the other side, as a constant conversion does (u - 1 is a uint). */
static AwlIntWidth
promote_pair (AwlExpr     *le,
              AwlIntWidth  l,
              AwlExpr     *re,
              AwlIntWidth  r)
{
  l = promote (l);
  r = promote (r);
  if (l == AWL_INT_ANY || r == AWL_INT_ANY)
    return AWL_INT_ANY;
  if (is_unsigned (l) && re->kind == AWL_EXPR_INT && re->integer.suffix == AWL_SUFFIX_NONE &&
      re->integer.value >= 0 && (l == AWL_INT_U64 || re->integer.value <= G_MAXUINT32))
    return l;
  if (is_unsigned (r) && le->kind == AWL_EXPR_INT && le->integer.suffix == AWL_SUFFIX_NONE &&
      le->integer.value >= 0 && (r == AWL_INT_U64 || le->integer.value <= G_MAXUINT32))
    return r;
  if (l == AWL_INT_U64 || r == AWL_INT_U64)
    return AWL_INT_U64;
  if (l == AWL_INT_I64 || r == AWL_INT_I64)
    return AWL_INT_I64;
  if (l == AWL_INT_U32 && r == AWL_INT_U32)
    return AWL_INT_U32;
  if (l == AWL_INT_U32 || r == AWL_INT_U32)
    return AWL_INT_I64;
  return AWL_INT_I32;
}

/* The C# integer type of @e when the compiler can tell (AWL_INT_ANY otherwise). */
static AwlIntWidth
expr_int_width (Compiler *c,
                AwlExpr  *e)
{
  guint depth;
  Binding *b;

  if (e == NULL)
    return AWL_INT_ANY;
  switch (e->kind)
    {
    case AWL_EXPR_INT:
      {
        gint64 v = e->integer.value;
        switch (e->integer.suffix)
          {
          case AWL_SUFFIX_L: return AWL_INT_I64;
          case AWL_SUFFIX_UL: return AWL_INT_U64;
          case AWL_SUFFIX_U: return v >= 0 && v <= G_MAXUINT32 ? AWL_INT_U32 : AWL_INT_U64;
          default:
            return v >= G_MININT32 && v <= G_MAXINT32 ? AWL_INT_I32
                 : v >= 0 && v <= G_MAXUINT32 ? AWL_INT_U32 : AWL_INT_I64;
          }
      }
    case AWL_EXPR_NAME:
      b = lookup (c, e->name.name, &depth);
      return b ? promote (b->width) : AWL_INT_ANY;
    case AWL_EXPR_MEMBER:
      /* int.MaxValue, long.MinValue, … */
      if (e->member.target && e->member.target->kind == AWL_EXPR_NAME &&
          (g_str_equal (e->member.name, "MaxValue") || g_str_equal (e->member.name, "MinValue")))
        {
          AwlTypeRef t = { 0 };
          t.name = e->member.target->name.name;
          return promote (type_ref_width (&t));
        }
      return AWL_INT_ANY;
    case AWL_EXPR_CAST:
      return promote (type_ref_width (e->cast.type));
    case AWL_EXPR_UNARY:
      switch (e->unary.op)
        {
        case AWL_UNARY_NEG:
          {
            AwlIntWidth w = promote (expr_int_width (c, e->unary.operand));
            return w == AWL_INT_U32 ? AWL_INT_I64 : w;
          }
        case AWL_UNARY_NOT:
          return AWL_INT_ANY;
        default:
          return promote (expr_int_width (c, e->unary.operand));
        }
    case AWL_EXPR_BINARY:
      switch (e->binary.op)
        {
        case AWL_BINARY_ADD: case AWL_BINARY_SUB: case AWL_BINARY_MUL: case AWL_BINARY_DIV:
        case AWL_BINARY_MOD: case AWL_BINARY_BIT_AND: case AWL_BINARY_BIT_OR: case AWL_BINARY_BIT_XOR:
          return promote_pair (e->binary.left, expr_int_width (c, e->binary.left),
                               e->binary.right, expr_int_width (c, e->binary.right));
        case AWL_BINARY_SHL: case AWL_BINARY_SHR:
          return promote (expr_int_width (c, e->binary.left));
        default:
          return AWL_INT_ANY;
        }
    default:
      return AWL_INT_ANY;
    }
}

/* The type OP_BINARY computes in: the promoted operands (a shift: its left side). */
static AwlIntWidth
binary_width (Compiler *c,
              AwlExpr  *e)
{
  if (e->binary.op == AWL_BINARY_SHL || e->binary.op == AWL_BINARY_SHR)
    return promote (expr_int_width (c, e->binary.left));
  return promote_pair (e->binary.left, expr_int_width (c, e->binary.left),
                       e->binary.right, expr_int_width (c, e->binary.right));
}

static StaticType
type_ref_static (const AwlTypeRef *t)
{
  if (t == NULL || t->array_rank > 0 || t->nullable)
    return TY_UNKNOWN;
  if (type_is_int (t))
    return TY_INT;
  if (type_is_double (t))
    return TY_DOUBLE;
  if (g_str_equal (t->name, "bool"))
    return TY_BOOL;
  if (g_str_equal (t->name, "string"))
    return TY_STRING;
  return TY_UNKNOWN;
}

static guint
declare_typed (Compiler   *c,
               const char *name,
               gboolean    is_double,
               StaticType  ty)
{
  Binding b = { name, new_slot (c), is_double, ty, AWL_INT_ANY };
  g_array_append_val (c->f->bindings, b);
  return b.slot;
}

static guint
declare (Compiler   *c,
         const char *name,
         gboolean    is_double)
{
  return declare_typed (c, name, is_double, is_double ? TY_DOUBLE : TY_UNKNOWN);
}

static const char *
static_type_name (StaticType t)
{
  switch (t)
    {
    case TY_INT: return "int";
    case TY_DOUBLE: return "double";
    case TY_BOOL: return "bool";
    case TY_STRING: return "string";
    default: return "?";
    }
}

static StaticType
expr_static_type (Compiler *c,
                  AwlExpr  *e)
{
  guint depth;
  Binding *b;

  if (e == NULL)
    return TY_UNKNOWN;
  switch (e->kind)
    {
    case AWL_EXPR_BOOL: return TY_BOOL;
    case AWL_EXPR_INT: return TY_INT;
    case AWL_EXPR_DOUBLE: return TY_DOUBLE;
    case AWL_EXPR_STRING:
    case AWL_EXPR_INTERPOLATED: return TY_STRING;
    case AWL_EXPR_NAME:
      b = lookup (c, e->name.name, &depth);
      return b ? b->ty : TY_UNKNOWN;
    case AWL_EXPR_UNARY:
      if (e->unary.op == AWL_UNARY_NOT)
        return TY_BOOL;
      return expr_static_type (c, e->unary.operand);
    case AWL_EXPR_BINARY:
      {
        StaticType l = expr_static_type (c, e->binary.left), r = expr_static_type (c, e->binary.right);
        switch (e->binary.op)
          {
          case AWL_BINARY_LT: case AWL_BINARY_LE: case AWL_BINARY_GT: case AWL_BINARY_GE:
          case AWL_BINARY_EQ: case AWL_BINARY_NE: case AWL_BINARY_AND: case AWL_BINARY_OR:
            return TY_BOOL;
          case AWL_BINARY_ADD:
            if (l == TY_STRING || r == TY_STRING)
              return TY_STRING;
            G_GNUC_FALLTHROUGH;
          case AWL_BINARY_SUB: case AWL_BINARY_MUL: case AWL_BINARY_DIV: case AWL_BINARY_MOD:
            if (l == TY_INT && r == TY_INT)
              return TY_INT;
            if ((l == TY_INT || l == TY_DOUBLE) && (r == TY_INT || r == TY_DOUBLE))
              return TY_DOUBLE;
            return TY_UNKNOWN;
          default:
            return TY_UNKNOWN;
          }
      }
    default:
      return TY_UNKNOWN;
    }
}

/* Rejects operators C# has no overload for, on the types we know statically. */
static void
check_binary (Compiler *c,
              AwlExpr  *e)
{
  StaticType l = expr_static_type (c, e->binary.left), r = expr_static_type (c, e->binary.right);
  gboolean bad = FALSE;

  if (l == TY_UNKNOWN || r == TY_UNKNOWN)
    return;
  switch (e->binary.op)
    {
    case AWL_BINARY_ADD:
      bad = (l == TY_BOOL || r == TY_BOOL) && l != TY_STRING && r != TY_STRING;
      break;
    case AWL_BINARY_SUB: case AWL_BINARY_MUL: case AWL_BINARY_DIV: case AWL_BINARY_MOD:
    case AWL_BINARY_LT: case AWL_BINARY_LE: case AWL_BINARY_GT: case AWL_BINARY_GE:
      bad = l == TY_STRING || r == TY_STRING || l == TY_BOOL || r == TY_BOOL;
      break;
    case AWL_BINARY_AND: case AWL_BINARY_OR:
      bad = l != TY_BOOL || r != TY_BOOL;
      break;
    case AWL_BINARY_EQ: case AWL_BINARY_NE:
      bad = (l == TY_STRING) != (r == TY_STRING) || (l == TY_BOOL) != (r == TY_BOOL);
      break;
    default:
      break;
    }
  if (bad)
    error_extra (c, e->loc.line, e->loc.col,
              "operator `%s` cannot be applied to operands of type `%s` and `%s`",
              awl_binary_op_to_string (e->binary.op), static_type_name (l), static_type_name (r));
}

static Binding *
lookup (Compiler   *c,
        const char *name,
        guint      *depth)
{
  guint d = 0;

  for (FuncCtx *f = c->f; f != NULL; f = f->parent, d++)
    for (guint i = f->bindings->len; i > 0; i--)
      {
        Binding *b = &g_array_index (f->bindings, Binding, i - 1);
        if (g_str_equal (b->name, name))
          {
            *depth = d;
            return b;
          }
      }
  return NULL;
}

/* Stores the value on the stack into a freshly declared variable. */
static void
emit_declare_store (Compiler *c,
                    guint     slot)
{
  emit (c, c->f->code->boxed ? OP_NEW_BOX : OP_STORE, slot);
}

static void
emit_load_binding (Compiler *c,
                   Binding  *b,
                   guint     depth)
{
  if (depth > 0)
    emit_full (c, OP_LOAD_UP, depth, b->slot, NULL, no_loc);
  else
    emit (c, c->f->code->boxed || b->by_ref ? OP_LOAD_BOX : OP_LOAD, b->slot);
}

static void
emit_store_binding (Compiler *c,
                    Binding  *b,
                    guint     depth)
{
  if (b->is_double)
    emit (c, OP_TO_DOUBLE, 0);
  /* An int variable holds 32 bits: a += 1 past int.MaxValue wraps as in C#. */
  else if (b->width != AWL_INT_ANY && b->width != AWL_INT_I64 && b->width != AWL_INT_U64)
    emit_full (c, OP_TO_INT, 0, b->width, NULL, no_loc);
  if (depth > 0)
    emit_full (c, OP_STORE_UP, depth, b->slot, NULL, no_loc);
  else
    emit (c, c->f->code->boxed || b->by_ref ? OP_STORE_BOX : OP_STORE, b->slot);
}

/* ----------------------------------------------------------------------------- */
/* A small walker for the pre-passes */

typedef struct
{
  gboolean    has_lambda;
  gboolean    has_yield;
  GHashTable *states;
  guint       n_states;
} Scan;

static void scan_expr (Scan *s, AwlExpr *e);
static void scan_stmt (Scan *s, AwlStmt *st);

static void
scan_child (AwlExpr  *e,
            AwlStmt  *st,
            gpointer  user_data)
{
  if (e != NULL)
    scan_expr (user_data, e);
  else
    scan_stmt (user_data, st);
}

/* Await states are numbered in the order the awaits run: an await after its
 * operand, a do loop's body before its condition, a for loop's body before its
 * iterators. */
static void
scan_expr (Scan    *s,
           AwlExpr *e)
{
  if (e == NULL)
    return;
  switch (e->kind)
    {
    case AWL_EXPR_LAMBDA:
      s->has_lambda = TRUE;   /* own state machine */
      return;
    case AWL_EXPR_NAMEOF:
      return;                 /* folded to a string */
    default:
      awl_expr_foreach_child (e, scan_child, s);
      break;
    }
  if (e->kind == AWL_EXPR_AWAIT && s->states)
    g_hash_table_insert (s->states, e, GUINT_TO_POINTER (++s->n_states));
}

static void
scan_stmt (Scan    *s,
           AwlStmt *st)
{
  if (st == NULL)
    return;
  switch (st->kind)
    {
    case AWL_STMT_DO:
      scan_stmt (s, st->while_.body);
      scan_expr (s, st->while_.cond);
      break;
    case AWL_STMT_FOR:
      for (guint i = 0; i < st->for_.n_init; i++)
        scan_stmt (s, st->for_.init[i]);
      scan_expr (s, st->for_.cond);
      scan_stmt (s, st->for_.body);
      for (guint i = 0; i < st->for_.n_iter; i++)
        scan_expr (s, st->for_.iter[i]);
      break;
    case AWL_STMT_FOREACH:
      scan_expr (s, st->foreach.collection);
      if (st->foreach.is_await && s->states)
        g_hash_table_insert (s->states, st, GUINT_TO_POINTER (++s->n_states));
      scan_stmt (s, st->foreach.body);
      break;
    case AWL_STMT_YIELD_RETURN:
    case AWL_STMT_YIELD_BREAK:
      s->has_yield = TRUE;
      awl_stmt_foreach_child (st, scan_child, s);
      break;
    default:
      awl_stmt_foreach_child (st, scan_child, s);
      break;
    }
}

/* Whether a function contains a lambda anywhere (including nested ones). */
static gboolean
function_has_lambda (AwlFunction *func)
{
  Scan s = { 0 };
  scan_stmt (&s, func->body);
  scan_expr (&s, func->body_expr);
  return s.has_lambda;
}

/* ----------------------------------------------------------------------------- */
/* Exits through try/finally, lock and await foreach */

static void compile_block_inline (Compiler *c, AwlStmt *block);

static void
emit_dispose_enumerator (Compiler *c,
                         guint     slot,
                         guint     state)
{
  emit (c, OP_LOAD, slot);
  emit (c, OP_AE_DISPOSE, 0);
  emit (c, OP_AWAIT, state);
  emit (c, OP_POP, 0);
}

/* Emits the cleanup of the try entries from the top down to depth @to. */
static void
emit_exits (Compiler *c,
            guint     to)
{
  GArray *trys = c->f->trys;
  guint saved_len = trys->len;
  g_autoptr(GArray) saved = g_array_sized_new (FALSE, FALSE, sizeof (TryEntry), saved_len);

  g_array_append_vals (saved, trys->data, saved_len);
  for (guint i = saved_len; i > to; i--)
    {
      TryEntry e = g_array_index (saved, TryEntry, i - 1);

      g_array_set_size (trys, i - 1);
      if (e.active)
        emit (c, OP_TRY_POP, 0);
      switch (e.kind)
        {
        case TRY_FINALLY:
          compile_block_inline (c, e.finally_block);
          break;
        case TRY_LOCK:
          emit (c, OP_LOAD, e.slot);
          emit (c, OP_LOCK_EXIT, 0);
          break;
        case TRY_AFOREACH:
          emit_dispose_enumerator (c, e.slot, e.state);
          break;
        default:
          break;
        }
    }
  g_array_set_size (trys, 0);
  g_array_append_vals (trys, saved->data, saved_len);
}

static void
push_try (Compiler *c,
          TryKind   kind,
          gboolean  active,
          AwlStmt  *fin,
          guint     slot,
          guint     state)
{
  TryEntry e = { kind, active, fin, slot, state };
  g_array_append_val (c->f->trys, e);
}

static void
pop_try (Compiler *c)
{
  g_array_set_size (c->f->trys, c->f->trys->len - 1);
}

/* ----------------------------------------------------------------------------- */
/* Static paths: Task, System.Threading.Tasks.Task, Task.Factory, … */

static gboolean is_static_path (Compiler *c, AwlExpr *e);

static char *
static_path (AwlExpr *e)
{
  if (e->kind == AWL_EXPR_NAME)
    return g_strdup (e->name.name);
  if (e->kind == AWL_EXPR_MEMBER)
    {
      g_autofree char *t = static_path (e->member.target);
      return g_strconcat (t, ".", e->member.name, NULL);
    }
  return g_strdup ("?");
}

/* Members by simple name: the current class's first ("Class.name" keys), then any. */
static AwlCode *
find_method (Compiler   *c,
             const char *name)
{
  AwlCode *code = NULL;

  if (c->klass != NULL)
    {
      g_autofree char *key = g_strdup_printf ("%s.%s", c->klass, name);
      code = g_hash_table_lookup (c->methods, key);
    }
  return code != NULL ? code : g_hash_table_lookup (c->methods, name);
}

/* The field's index + 1, or 0. */
static guint
find_field (Compiler   *c,
            const char *name)
{
  gpointer v = NULL;

  if (c->klass != NULL)
    {
      g_autofree char *key = g_strdup_printf ("%s.%s", c->klass, name);
      v = g_hash_table_lookup (c->fields, key);
    }
  if (v == NULL)
    v = g_hash_table_lookup (c->fields, name);
  return GPOINTER_TO_UINT (v);
}

static gboolean
name_is_value (Compiler   *c,
               const char *name)
{
  guint depth;
  return lookup (c, name, &depth) != NULL ||
         find_field (c, name) != 0 ||
         g_hash_table_contains (c->knobs, name) ||
         find_method (c, name) != NULL;
}

static gboolean
is_static_path (Compiler *c,
                AwlExpr  *e)
{
  if (e->kind == AWL_EXPR_NAME)
    {
      if (name_is_value (c, e->name.name))
        return FALSE;
      return awl_builtin_type_exists (e->name.name) || g_str_equal (e->name.name, "System");
    }
  if (e->kind == AWL_EXPR_MEMBER && !e->member.null_conditional && is_static_path (c, e->member.target))
    {
      g_autofree char *path = static_path (e);
      g_autofree char *norm = awl_normalize_type (path);

      if (awl_builtin_type_exists (norm))
        return TRUE;
      /* A namespace prefix such as System.Threading. */
      {
        g_autofree char *tpath = static_path (e->member.target);
        g_autofree char *tnorm = awl_normalize_type (tpath);
        if (awl_builtin_static_lookup (tnorm, e->member.name) != NULL)
          return FALSE;
      }
      return g_str_has_prefix (path, "System");
    }
  return FALSE;
}

static AwlCallSite *
new_site (Compiler   *c,
          const char *type,
          const char *member,
          AwlArg     *args,
          guint       n_args,
          AwlLoc      loc)
{
  AwlCallSite *site = g_new0 (AwlCallSite, 1);
  guint n_named = 0;

  site->type = type ? own_string (c, type) : NULL;
  site->member = own_string (c, member);
  site->n_args = n_args;
  site->line = loc.line;
  site->col = loc.col;
  for (guint i = 0; args != NULL && i < n_args; i++)
    if (args[i].name)
      n_named++;
  site->n_named = n_named;
  if (n_named)
    {
      site->names = g_new0 (const char *, n_named);
      g_ptr_array_add (c->prog->strings, site->names);
      for (guint i = 0, j = 0; i < n_args; i++)
        if (args[i].name)
          site->names[j++] = args[i].name;
    }
  g_ptr_array_add (c->prog->sites, site);
  return site;
}

/* Positional arguments first, then named ones (in the order the site lists them). */
static void
compile_args (Compiler *c,
              AwlArg   *args,
              guint     n_args)
{
  for (guint i = 0; i < n_args; i++)
    if (args[i].name == NULL && (args[i].is_out || args[i].is_ref))
      awl_cx_push_ref_arg ((AwlCx *) c, &args[i]);
    else if (args[i].name == NULL)
      compile_expr (c, args[i].value);
  for (guint i = 0; i < n_args; i++)
    if (args[i].name != NULL)
      compile_expr (c, args[i].value);
}

/* ----------------------------------------------------------------------------- */
/* Expressions */

static AwlCode *compile_function (Compiler *c, AwlFunction *func, AwlCode *code);

static void
compile_name (Compiler *c,
              AwlExpr  *e)
{
  const char *name = g_str_equal (e->name.name, "base") ? "this" : e->name.name;
  guint depth;
  Binding *b = lookup (c, name, &depth);
  gpointer v;

  if (b != NULL)
    emit_load_binding (c, b, depth);
  else if ((v = GUINT_TO_POINTER (find_field (c, name))))
    emit (c, OP_LOAD_FIELD, GPOINTER_TO_UINT (v) - 1);
  else if ((v = g_hash_table_lookup (c->knobs, name)))
    emit (c, OP_LOAD_KNOB, GPOINTER_TO_UINT (v) - 1);
  else if ((v = find_method (c, name)) && (((AwlCode *) v)->func->flags & AWL_FUNC_INSTANCE) &&
           (b = lookup (c, "this", &depth)) != NULL)
    {
      /* An instance method as a delegate is bound to `this`. */
      emit_load_binding (c, b, depth);
      emit_full (c, OP_METHOD_GROUP, 0, 1, v, e->loc);
    }
  else if ((v = find_method (c, name)))
    emit_p (c, OP_METHOD_GROUP, 0, v);
  else if (awl_builtin_type_exists (name))
    {
      error_at (c, e->loc.line, e->loc.col, "`%s` is a type, which is not valid in this context", name);
      emit_const (c, awl_value_null ());
    }
  else
    {
      error_at (c, e->loc.line, e->loc.col, "the name `%s` does not exist in the current context", name);
      emit_const (c, awl_value_null ());
    }
}

static void
compile_store_target (Compiler *c,
                      AwlExpr  *target)
{
  /* The value to store is on the stack (for NAME only). */
  guint depth;
  Binding *b;
  gpointer v;

  b = lookup (c, target->name.name, &depth);
  if (b)
    emit_store_binding (c, b, depth);
  else if ((v = GUINT_TO_POINTER (find_field (c, target->name.name))))
    emit (c, OP_STORE_FIELD, GPOINTER_TO_UINT (v) - 1);
  else if (g_hash_table_contains (c->knobs, target->name.name))
    {
      error_at (c, target->loc.line, target->loc.col, "knob `%s` is a constant and cannot be assigned", target->name.name);
      emit (c, OP_POP, 0);
    }
  else
    {
      error_at (c, target->loc.line, target->loc.col, "the name `%s` does not exist in the current context", target->name.name);
      emit (c, OP_POP, 0);
    }
}

static AwlBinaryOp
assign_to_binary (AwlAssignOp op)
{
  switch (op)
    {
    case AWL_ASSIGN_ADD: return AWL_BINARY_ADD;
    case AWL_ASSIGN_SUB: return AWL_BINARY_SUB;
    case AWL_ASSIGN_MUL: return AWL_BINARY_MUL;
    case AWL_ASSIGN_DIV: return AWL_BINARY_DIV;
    case AWL_ASSIGN_MOD: return AWL_BINARY_MOD;
    case AWL_ASSIGN_AND: return AWL_BINARY_BIT_AND;
    case AWL_ASSIGN_OR:  return AWL_BINARY_BIT_OR;
    case AWL_ASSIGN_XOR: return AWL_BINARY_BIT_XOR;
    default:             return AWL_BINARY_COALESCE;
    }
}

/* The value computation of `target op= value` (@value NULL: of `target + delta`,
 * for ++/--) with the old value on the stack. */
static void
compile_combine (Compiler    *c,
                 AwlAssignOp  op,
                 AwlExpr     *value,
                 int          delta,
                 AwlLoc       loc)
{
  if (value == NULL)
    {
      emit_const (c, awl_value_int (delta));
      emit_full (c, OP_BINARY, AWL_BINARY_ADD, 0, NULL, loc);
      return;
    }
  if (op == AWL_ASSIGN_COALESCE)
    {
      guint j = emit (c, OP_JUMP_IF_NOT_NULL_OR_POP, 0);
      compile_expr (c, value);
      patch (c, j, here (c));
      return;
    }
  compile_expr (c, value);
  emit_full (c, OP_BINARY, assign_to_binary (op), 0, NULL, loc);
}

/* `Class.Prop = v` (also `+=`, `++`) on a static property with a body: its setter,
 * after its getter for compound forms. FALSE if @target is not one. */
static gboolean
compile_static_property_assign (Compiler    *c,
                                AwlExpr     *target,
                                AwlAssignOp  op,
                                AwlExpr     *value,
                                int          delta,
                                gboolean     post,
                                gboolean     want,
                                AwlLoc       loc)
{
  g_autofree char *set_key = NULL;
  g_autofree char *get_key = NULL;
  AwlCode *setter, *getter;

  if (target->kind != AWL_EXPR_MEMBER || target->member.target->kind != AWL_EXPR_NAME ||
      target->member.target->name.kind != AWL_NAME_CLASS)
    return FALSE;
  set_key = g_strdup_printf ("%s.set_%s", target->member.target->name.name, target->member.name);
  get_key = g_strdup_printf ("%s.get_%s", target->member.target->name.name, target->member.name);
  setter = g_hash_table_lookup (c->methods, set_key);
  getter = g_hash_table_lookup (c->methods, get_key);
  if (setter == NULL || !(setter->func->flags & AWL_FUNC_ACCESSOR) || (setter->func->flags & AWL_FUNC_INSTANCE))
    return FALSE;
  if (value != NULL && op == AWL_ASSIGN_SET)
    compile_expr (c, value);
  else if (getter == NULL)
    {
      error_at (c, loc.line, loc.col, "the property `%s` has no getter", target->member.name);
      emit_const (c, awl_value_null ());
    }
  else
    {
      emit_full (c, OP_CALL_METHOD, 0, 0, getter, loc);
      if (post && want)
        emit (c, OP_DUP, 0);
      compile_combine (c, op, value, delta, loc);
    }
  if (want && !post)
    emit (c, OP_DUP, 0);
  emit_full (c, OP_CALL_METHOD, 1, 0, setter, loc);
  emit (c, OP_POP, 0);
  return TRUE;
}

/* Assignment and ++/--: @value NULL with @delta ±1 for increments. Leaves the
 * expression's value on the stack when @want (post: old value). */
static void
compile_assign (Compiler    *c,
                AwlExpr     *target,
                AwlAssignOp  op,
                AwlExpr     *value,
                int          delta,
                gboolean     post,
                gboolean     want,
                AwlLoc       loc)
{
  gboolean is_set = value != NULL && op == AWL_ASSIGN_SET;

  if (value != NULL && op != AWL_ASSIGN_SET && op != AWL_ASSIGN_COALESCE &&
      (target->kind == AWL_EXPR_NAME ||
       (target->kind == AWL_EXPR_MEMBER && target->member.target->kind == AWL_EXPR_NAME)))
    {
      /* `total += price` with a user-defined `operator +`: total = total + price. */
      AwlExpr bin = { 0 };

      bin.kind = AWL_EXPR_BINARY;
      bin.loc = loc;
      bin.depth = MAX (target->depth, value->depth) + 1;
      bin.binary.op = assign_to_binary (op);
      bin.binary.left = target;
      bin.binary.right = value;
      if (awl_cx_user_operator_method ((AwlCx *) c, &bin) != NULL)
        {
          compile_assign (c, target, AWL_ASSIGN_SET, &bin, 0, post, want, loc);
          return;
        }
    }
  if (target->kind == AWL_EXPR_TUPLE)
    {
      awl_cx_deconstruct_assign ((AwlCx *) c, target, value, want);
      return;
    }
  if (compile_static_property_assign (c, target, op, value, delta, post, want, loc))
    return;
  switch (target->kind)
    {
    case AWL_EXPR_NAME:
      if (is_set && g_str_equal (target->name.name, "_") && !name_is_value (c, "_"))
        {
          /* A discard: evaluate, keep nothing. */
          compile_expr (c, value);
          if (!want)
            emit (c, OP_POP, 0);
          return;
        }
      if (is_set)
        compile_expr (c, value);
      else
        {
          compile_name (c, target);
          if (value == NULL && want && post)
            {
              /* `x++` as a value: the old value stays under the new one. */
              emit (c, OP_DUP, 0);
              compile_combine (c, op, NULL, delta, loc);
              compile_store_target (c, target);
              return;
            }
          compile_combine (c, op, value, delta, loc);
        }
      if (want)
        emit (c, OP_DUP, 0);
      compile_store_target (c, target);
      return;

    case AWL_EXPR_MEMBER:
      {
        AwlCallSite *site = new_site (c, NULL, target->member.name, NULL, 0, target->member.name_loc);
        /* `progress.ProgressChanged += h` reads an API property before setting it. */
        awl_builtin_member_bind (site);
        c->receiver = TRUE;
        compile_expr (c, target->member.target);
        if (is_set)
          compile_expr (c, value);
        else
          {
            emit (c, OP_DUP, 0);
            emit_full (c, OP_GET_MEMBER, 0, 0, site, loc);
            compile_combine (c, op, value, delta, loc);
          }
        emit_full (c, OP_SET_MEMBER, want, 0, site, loc);
        if (value == NULL && want && post)
          {
            /* `obj.X++` as a value is the old value: the new one minus the step. */
            emit_const (c, awl_value_int (delta));
            emit (c, OP_BINARY, AWL_BINARY_SUB);
          }
        return;
      }

    case AWL_EXPR_INDEX:
      compile_expr (c, target->index.target);
      compile_expr (c, target->index.index);
      if (is_set)
        compile_expr (c, value);
      else
        {
          emit (c, OP_DUP2, 0);
          emit_full (c, OP_INDEX_GET, 0, 0, NULL, loc);
          compile_combine (c, op, value, delta, loc);
        }
      emit_full (c, OP_INDEX_SET, want, 0, NULL, loc);
      if (value == NULL && want && post)
        {
          /* `xs[i]++` as a value is the old value. */
          emit_const (c, awl_value_int (delta));
          emit (c, OP_BINARY, AWL_BINARY_SUB);
        }
      return;

    default:
      error_at (c, target->loc.line, target->loc.col,
                "the left-hand side of an assignment must be a variable, field, property or indexer");
      if (value)
        compile_expr (c, value);
      if (!want)
        emit (c, OP_POP, 0);
      return;
    }
}

/* The class of the script an expression's value is known to have, or NULL. */
static const char *
expr_class (Compiler *c,
            AwlExpr  *e)
{
  AwlAst *ast = c->unit->ast;

  if (e->kind == AWL_EXPR_NAME && e->name.kind == AWL_NAME_VAR && e->name.var->type != NULL &&
      e->name.var->type->array_rank == 0 && awl_ast_has_class (ast, e->name.var->type->name))
    return e->name.var->type->name;
  if (e->kind == AWL_EXPR_NEW && e->new_obj.type != NULL && awl_ast_has_class (ast, e->new_obj.type->name))
    return e->new_obj.type->name;
  return NULL;
}

/* The instance method `name` of the class @target is known to have, or of the only
 * class that has one when no .NET member has that name. */
static AwlCode *
instance_method (Compiler   *c,
                 AwlExpr    *target,
                 const char *name)
{
  const char *klass = expr_class (c, target);
  AwlAst *ast = c->unit->ast;
  AwlCode *found = NULL;
  guint n = 0;

  if (klass != NULL)
    {
      g_autofree char *key = g_strdup_printf ("%s.%s", klass, name);
      AwlCode *code = g_hash_table_lookup (c->methods, key);
      return code != NULL && (code->func->flags & AWL_FUNC_INSTANCE) ? code : NULL;
    }
  /* `Http.GetAsync(…)` in a class that has its own GetAsync: a .NET type is not an
   * object of the script. */
  if (is_static_path (c, target))
    return NULL;
  if (awl_known_api_has_instance_member (name))
    return NULL;
  for (guint i = 0; i < ast->n_methods; i++)
    if ((ast->methods[i]->flags & AWL_FUNC_INSTANCE) && !(ast->methods[i]->flags & AWL_FUNC_CTOR) &&
        g_str_equal (ast->methods[i]->name, name))
      {
        g_autofree char *key = g_strdup_printf ("%s.%s", ast->methods[i]->klass, name);
        found = g_hash_table_lookup (c->methods, key);
        n++;
      }
  return n == 1 ? found : NULL;
}

/* Whether some class of the script has an instance field or method called @name. */
static gboolean
is_user_member (Compiler   *c,
                const char *name)
{
  AwlAst *ast = c->unit->ast;

  if (awl_ast_is_anonymous_member (ast, name))
    return TRUE;
  for (guint i = 0; i < ast->n_fields; i++)
    if (awl_field_is_instance (ast->fields[i]) && g_str_equal (ast->fields[i]->name, name))
      return TRUE;
  for (guint i = 0; i < ast->n_methods; i++)
    if ((ast->methods[i]->flags & AWL_FUNC_INSTANCE) && g_str_equal (ast->methods[i]->name, name))
      return TRUE;
  for (guint i = 0; i < ast->n_methods; i++)
    if ((ast->methods[i]->flags & AWL_FUNC_ACCESSOR) && g_str_equal (ast->methods[i]->name + 4, name))
      return TRUE;
  return FALSE;
}

/* Whether the expression passed to a `params T[]` parameter is already the array. */
static gboolean
looks_like_array (Compiler *c,
                  AwlExpr  *e)
{
  if (e->kind == AWL_EXPR_NEW_ARRAY)
    return TRUE;
  if (e->kind == AWL_EXPR_NAME && e->name.kind == AWL_NAME_VAR && e->name.var->type != NULL)
    return e->name.var->type->array_rank > 0 || g_str_equal (e->name.var->type->name, "List");
  return FALSE;
}

/* A struct value read from a variable, field or member is a copy (C#'s value
 * semantics); a receiver (`p` in `p.X = 1`, `p.Move()`) is the storage itself. */
static void
emit_struct_copy (Compiler *c,
                  gboolean  receiver)
{
  if (c->has_structs && !receiver)
    emit (c, OP_COPY_STRUCT, 0);
}

/* A virtual, abstract, override or interface method is found at run time in the
 * receiver's class (OP_CALL_METHOD's b = 1), except in a `base.M()` call. */
static gboolean
is_virtual_call (gboolean     nonvirtual,
                 AwlFunction *f)
{
  if (nonvirtual || !(f->flags & AWL_FUNC_INSTANCE) || (f->flags & AWL_FUNC_CTOR))
    return FALSE;
  return (f->flags & AWL_FUNC_ABSTRACT) ||
         (f->modifiers & (AWL_MOD_VIRTUAL | AWL_MOD_ABSTRACT | AWL_MOD_OVERRIDE));
}

/* A call of a method of the script: named arguments go to their slots, defaults fill
 * the rest, and the arguments of a `params` parameter are packed into an array. */
static void
compile_method_call (Compiler    *c,
                     AwlExpr     *e,
                     AwlCode     *code,
                     AwlArg      *args,
                     guint        n_args,
                     const char  *name,
                     AwlExpr     *self,
                     gboolean     self_on_stack)
{
  AwlFunction *f = code->func;
  g_autofree AwlExpr **slots = g_new0 (AwlExpr *, f->n_params + 1);
  g_autofree AwlArg **refs = g_new0 (AwlArg *, f->n_params + 1);   /* out/ref arguments */
  guint skip = (f->flags & AWL_FUNC_INSTANCE) ? 1 : 0;
  guint pos = skip;
  gboolean has_params = f->n_params > 0 && f->params[f->n_params - 1]->is_params;
  gboolean packed = FALSE;
  gboolean nonvirtual = c->nonvirtual;   /* `base.M()`: taken before the arguments' calls */

  c->nonvirtual = FALSE;

  for (guint i = 0; i < n_args; i++)
    {
      if (args[i].name == NULL)
        {
          if (pos < f->n_params)
            slots[pos] = args[i].value;
          if (pos < f->n_params && (args[i].is_out || args[i].is_ref))
            refs[pos] = &args[i];
          pos++;
        }
      else
        {
          gboolean found = FALSE;
          for (guint k = 0; k < f->n_params; k++)
            if (g_str_equal (f->params[k]->name, args[i].name))
              slots[k] = args[i].value, found = TRUE;
          if (!found)
            error_at (c, args[i].loc.line, args[i].loc.col,
                      "`%s` has no parameter named `%s`", name, args[i].name);
        }
    }
  if (has_params)
    {
      /* The expanded form packs the positional arguments from the params slot on,
       * unless exactly one array is passed there (the normal form). */
      guint from = f->n_params - 1;
      packed = pos != f->n_params || !looks_like_array (c, slots[from]);
    }
  else if (pos > f->n_params)
    error_at (c, e->loc.line, e->loc.col, "no overload for method `%s` takes %u arguments", name, n_args);
  if (skip && !self_on_stack)
    {
      c->receiver = TRUE;
      if (self != NULL)
        compile_expr (c, self);
      else
        emit_const (c, awl_value_null ());
    }
  for (guint k = skip; k < f->n_params; k++)
    {
      if (packed && k == f->n_params - 1)
        {
          guint n = 0, p = skip;
          for (guint i = 0; i < n_args; i++)
            if (args[i].name == NULL && p++ >= k)
              {
                compile_expr (c, args[i].value);
                n++;
              }
          emit (c, OP_NEW_ARRAY, n);
        }
      else if (refs[k])
        awl_cx_push_ref_arg ((AwlCx *) c, refs[k]);
      else if (slots[k])
        compile_expr (c, slots[k]);
      else if (f->params[k]->default_value)
        compile_expr (c, f->params[k]->default_value);
      else
        {
          error_at (c, e->loc.line, e->loc.col,
                    "there is no argument given that corresponds to the parameter `%s` of `%s`",
                    f->params[k]->name, name);
          emit_const (c, awl_value_null ());
        }
    }
  emit_full (c, OP_CALL_METHOD, f->n_params, is_virtual_call (nonvirtual, f), code, e->loc);
}

/* Interlocked.X(ref target, …): the function gets target's value and answers the
 * value to store back; the step runs without interruption, so it is atomic as in .NET.
 * The call's value is the new value, or the old one (Exchange, CompareExchange). */
static void
compile_ref_call (Compiler    *c,
                  AwlExpr     *e,
                  AwlCallSite *site,
                  AwlArg      *args,
                  guint        n_args)
{
  AwlExpr *target = args[0].value;
  gboolean returns_old = (site->api->flags & AWL_API_RETURNS_OLD) != 0;

  if (target->kind == AWL_EXPR_NAME)
    {
      compile_name (c, target);
      if (returns_old)
        emit (c, OP_DUP, 0);
      compile_args (c, args + 1, n_args - 1);
      emit_full (c, OP_CALL_STATIC, n_args, 0, site, e->loc);
      if (!returns_old)
        emit (c, OP_DUP, 0);
      compile_store_target (c, target);
      return;
    }
  if (target->kind == AWL_EXPR_MEMBER && !returns_old)
    {
      AwlCallSite *field = new_site (c, NULL, target->member.name, NULL, 0, target->member.name_loc);
      awl_builtin_member_bind (field);
      compile_expr (c, target->member.target);
      emit (c, OP_DUP, 0);
      emit_full (c, OP_GET_MEMBER, 0, 0, field, e->loc);
      compile_args (c, args + 1, n_args - 1);
      emit_full (c, OP_CALL_STATIC, n_args, 0, site, e->loc);
      emit_full (c, OP_SET_MEMBER, 1, 0, field, e->loc);
      return;
    }
  if (target->kind == AWL_EXPR_MEMBER)
    {
      /* Interlocked.Exchange/CompareExchange(ref obj.field, …): the call's value is the
       * field's old value, so the object, the old and the new value go through
       * temporaries. */
      AwlCallSite *field = new_site (c, NULL, target->member.name, NULL, 0, target->member.name_loc);
      guint obj = new_slot (c), old = new_slot (c), fresh = new_slot (c);

      awl_builtin_member_bind (field);
      compile_expr (c, target->member.target);
      emit (c, OP_STORE, obj);
      emit (c, OP_LOAD, obj);
      emit_full (c, OP_GET_MEMBER, 0, 0, field, e->loc);
      emit (c, OP_DUP, 0);
      emit (c, OP_STORE, old);
      compile_args (c, args + 1, n_args - 1);
      emit_full (c, OP_CALL_STATIC, n_args, 0, site, e->loc);
      emit (c, OP_STORE, fresh);
      emit (c, OP_LOAD, obj);
      emit (c, OP_LOAD, fresh);
      emit_full (c, OP_SET_MEMBER, 0, 0, field, e->loc);
      emit (c, OP_LOAD, old);
      return;
    }
  error_at (c, target->loc.line, target->loc.col,
            "`%s.%s(ref …)` needs a variable or a field as its first argument", site->type, site->member);
  emit_const (c, awl_value_null ());
}

/* `base.M(…)`: the base class's method, without dynamic dispatch; on a .NET base
 * (SynchronizationContext) what .NET's own method does. */
static void
compile_base_call (Compiler *c,
                   AwlExpr  *e)
{
  AwlExpr *callee = e->call.callee;
  AwlAst *ast = c->unit->ast;
  const char *base = c->klass ? awl_ast_class_base (ast, c->klass) : NULL;
  AwlCode *code = NULL;

  if (base != NULL && awl_ast_has_class (ast, base))
    {
      g_autofree char *key = g_strdup_printf ("%s.%s", base, callee->member.name);
      code = g_hash_table_lookup (c->methods, key);
    }
  if (code != NULL && !(code->func->flags & AWL_FUNC_ABSTRACT))
    {
      c->nonvirtual = TRUE;
      compile_method_call (c, e, code, e->call.args, e->call.n_args, callee->member.name,
                           callee->member.target, FALSE);
      return;
    }
  if (base != NULL && awl_ast_class_extends_builtin (ast, c->klass, "SynchronizationContext") &&
      code == NULL && e->call.n_args == 2 &&
      (g_str_equal (callee->member.name, "Post") || g_str_equal (callee->member.name, "Send")))
    {
      /* SynchronizationContext's own Post queues d(state) to the pool; Send runs it. */
      AwlCallSite *site = new_site (c, "SynchronizationContext", callee->member.name, e->call.args,
                                    e->call.n_args, e->loc);

      site->api = g_str_equal (callee->member.name, "Post") ? &awl_context_base_post : &awl_context_base_send;
      compile_args (c, e->call.args, e->call.n_args);
      emit_full (c, OP_CALL_STATIC, e->call.n_args, 0, site, e->loc);
      return;
    }
  if (code == NULL && ((g_str_equal (callee->member.name, "ToString") && e->call.n_args == 0) ||
                       (g_str_equal (callee->member.name, "Equals") && e->call.n_args == 1)))
    {
      /* object.ToString (the object's class name) and object.Equals (identity). */
      AwlCallSite *site = new_site (c, "object", callee->member.name, e->call.args, e->call.n_args, e->loc);

      site->api = g_str_equal (callee->member.name, "ToString") ? &awl_object_base_to_string
                                                                : &awl_object_base_equals;
      compile_name (c, callee->member.target);
      compile_args (c, e->call.args, e->call.n_args);
      emit_full (c, OP_CALL_STATIC, e->call.n_args + 1, 0, site, e->loc);
      return;
    }
  error_at (c, callee->member.name_loc.line, callee->member.name_loc.col,
            code != NULL ? "`base.%s` is abstract and cannot be called"
                         : "the base class has no method `%s` that `base.` can call",
            callee->member.name);
  emit_const (c, awl_value_null ());
}

/* `x.M(args)` where M is an extension method of a static class of the script:
 * the static call `M(x, args)`. FALSE if M is not one (or x's own member wins). */
static gboolean
compile_extension_call (Compiler *c,
                        AwlExpr  *e)
{
  AwlExpr *callee = e->call.callee;
  AwlExpr *target = callee->member.target;
  AwlAst *ast = c->unit->ast;
  AwlFunction *ext = NULL;
  g_autofree AwlArg *args = NULL;
  AwlCode *code;

  if (target->kind == AWL_EXPR_NAME && (target->name.kind == AWL_NAME_CLASS ||
                                        target->name.kind == AWL_NAME_BUILTIN))
    return FALSE;
  for (guint i = 0; i < ast->n_methods; i++)
    if ((ast->methods[i]->flags & AWL_FUNC_EXTENSION) && g_str_equal (ast->methods[i]->name, callee->member.name))
      {
        ext = ast->methods[i];
        break;
      }
  if (ext == NULL || instance_method (c, target, callee->member.name) != NULL)
    return FALSE;
  {
    g_autofree char *key = g_strdup_printf ("%s.%s", ext->klass, ext->name);
    code = g_hash_table_lookup (c->methods, key);
  }
  if (code == NULL)
    return FALSE;
  args = g_new0 (AwlArg, e->call.n_args + 1);
  args[0].loc = target->loc;
  args[0].value = target;
  if (e->call.n_args > 0)
    memcpy (args + 1, e->call.args, sizeof (AwlArg) * e->call.n_args);
  compile_method_call (c, e, code, args, e->call.n_args + 1, callee->member.name, NULL, FALSE);
  return TRUE;
}

static void
compile_call (Compiler *c,
              AwlExpr  *e)
{
  AwlExpr *callee = e->call.callee;
  AwlArg *args = e->call.args;
  guint n_args = e->call.n_args;

  if (callee->kind == AWL_EXPR_NAME)
    {
      const char *name = callee->name.name;
      guint depth;
      AwlCode *code;

      if (lookup (c, name, &depth) == NULL && find_field (c, name) == 0 &&
          (code = find_method (c, name)) != NULL)
        {
          compile_method_call (c, e, code, args, n_args, name, NULL, FALSE);
          return;
        }
    }

  if (callee->kind == AWL_EXPR_MEMBER && callee->member.target->kind == AWL_EXPR_NAME &&
      g_str_equal (callee->member.target->name.name, "base"))
    {
      compile_base_call (c, e);
      return;
    }
  if (callee->kind == AWL_EXPR_MEMBER && compile_extension_call (c, e))
    return;

  /* Class.Method(…) on a class of the script. */
  if (callee->kind == AWL_EXPR_MEMBER && callee->member.target->kind == AWL_EXPR_NAME &&
      callee->member.target->name.kind == AWL_NAME_CLASS)
    {
      g_autofree char *key = g_strdup_printf ("%s.%s", callee->member.target->name.name, callee->member.name);
      AwlCode *code = g_hash_table_lookup (c->methods, key);

      if (code == NULL)
        {
          error_at (c, callee->member.name_loc.line, callee->member.name_loc.col,
                    "the class `%s` has no method `%s`", callee->member.target->name.name, callee->member.name);
          emit_const (c, awl_value_null ());
          return;
        }
      compile_method_call (c, e, code, args, n_args, callee->member.name, NULL, FALSE);
      return;
    }

  /* obj.Method(…) on an object of a class of the script, bound at compile time. */
  if (callee->kind == AWL_EXPR_MEMBER && !callee->member.null_conditional)
    {
      AwlCode *code = instance_method (c, callee->member.target, callee->member.name);

      if (code != NULL)
        {
          compile_method_call (c, e, code, args, n_args, callee->member.name, callee->member.target, FALSE);
          return;
        }
    }

  if (callee->kind == AWL_EXPR_MEMBER && is_static_path (c, callee->member.target))
    {
      g_autofree char *path = static_path (callee->member.target);
      g_autofree char *type = awl_normalize_type (path);
      const AwlKnownApi *api = awl_builtin_static_lookup (type, callee->member.name);
      AwlCallSite *site;

      if (api == NULL || api->kind != AWL_API_STATIC_METHOD)
        {
          error_at (c, callee->member.name_loc.line, callee->member.name_loc.col,
                    "`%s.%s` is not a method known to Awaitlab's C# subset", type, callee->member.name);
          emit_const (c, awl_value_null ());
          return;
        }
      site = new_site (c, type, callee->member.name, args, n_args, e->loc);
      site->api = api;
      /* C# binds WhenAll to its generic overload when every task is a Task<T>; an
       * unknown type keeps the non-generic one. */
      if (g_str_equal (type, "Task") && g_str_equal (callee->member.name, "WhenAll"))
        site->generic_tasks = awl_when_all_overload (c->unit->ast, args, n_args) == AWL_WHEN_ALL_OVERLOAD_GENERIC;
      if (api->flags & AWL_API_REF_FIRST)
        {
          compile_ref_call (c, e, site, args, n_args);
          return;
        }
      compile_args (c, args, n_args);
      emit_full (c, OP_CALL_STATIC, n_args, 0, site, e->loc);
      return;
    }

  if (callee->kind == AWL_EXPR_MEMBER)
    {
      AwlCallSite *site = new_site (c, NULL, callee->member.name, args, n_args, e->loc);
      guint skip = 0;

      if (!awl_builtin_member_bind (site) && !is_user_member (c, callee->member.name))
        {
          error_at (c, callee->member.name_loc.line, callee->member.name_loc.col,
                    "the method `%s` is not known to Awaitlab's C# subset",
                    callee->member.name);
          emit_const (c, awl_value_null ());
          return;
        }
      awl_cx_nullable_site ((AwlCx *) c, site, callee->member.target, callee->member.name_loc);
      c->receiver = TRUE;
      compile_expr (c, callee->member.target);
      if (callee->member.null_conditional)
        skip = emit (c, OP_JUMP_IF_NULL_KEEP, 0);
      compile_args (c, args, n_args);
      emit_full (c, OP_CALL_MEMBER, n_args, 0, site, e->loc);
      if (callee->member.null_conditional)
        patch (c, skip, here (c));
      return;
    }

  /* A delegate value: f(x) */
  if (expr_static_type (c, callee) != TY_UNKNOWN)
    error_extra (c, callee->loc.line, callee->loc.col,
              "a value of type `%s` is not a method or delegate and cannot be called",
              static_type_name (expr_static_type (c, callee)));
  compile_expr (c, callee);
  for (guint i = 0; i < n_args; i++)
    compile_expr (c, args[i].value);
  emit_full (c, OP_CALL_VALUE, n_args, 0, NULL, e->loc);
}

static void
compile_member (Compiler *c,
                AwlExpr  *e)
{
  AwlCallSite *site;
  guint skip = 0;

  if (e->member.target->kind == AWL_EXPR_NAME && g_str_equal (e->member.target->name.name, "base") &&
      c->klass != NULL && awl_ast_class_base (c->unit->ast, c->klass) != NULL)
    {
      /* base.Property: the base class's getter, without dynamic dispatch. */
      g_autofree char *key = g_strdup_printf ("%s.get_%s", awl_ast_class_base (c->unit->ast, c->klass),
                                              e->member.name);
      AwlCode *getter = g_hash_table_lookup (c->methods, key);

      if (getter != NULL && (getter->func->flags & AWL_FUNC_ACCESSOR))
        {
          c->nonvirtual = TRUE;
          compile_method_call (c, e, getter, NULL, 0, e->member.name, e->member.target, FALSE);
          return;
        }
    }
  if (e->member.target->kind == AWL_EXPR_NAME && e->member.target->name.kind == AWL_NAME_CLASS &&
      awl_ast_is_enum (c->unit->ast, e->member.target->name.name))
    {
      /* Enum.Member: its name (prints and compares as .NET's enum values do). */
      emit_string (c, e->member.name);
      return;
    }
  if (e->member.target->kind == AWL_EXPR_NAME && e->member.target->name.kind == AWL_NAME_CLASS)
    {
      /* Class.field */
      g_autofree char *key = g_strdup_printf ("%s.%s", e->member.target->name.name, e->member.name);
      gpointer v = g_hash_table_lookup (c->fields, key);
      g_autofree char *get = g_strdup_printf ("%s.get_%s", e->member.target->name.name, e->member.name);
      AwlCode *getter = v == NULL ? g_hash_table_lookup (c->methods, get) : NULL;

      if (getter != NULL && (getter->func->flags & AWL_FUNC_ACCESSOR))
        {
          /* A static property with a body: its getter. */
          compile_method_call (c, e, getter, NULL, 0, e->member.name, NULL, FALSE);
          return;
        }
      if (v == NULL)
        {
          error_at (c, e->member.name_loc.line, e->member.name_loc.col,
                    "the class `%s` has no static field `%s`", e->member.target->name.name, e->member.name);
          emit_const (c, awl_value_null ());
          return;
        }
      emit (c, OP_LOAD_FIELD, GPOINTER_TO_UINT (v) - 1);
      return;
    }

  if (is_static_path (c, e->member.target))
    {
      g_autofree char *path = static_path (e->member.target);
      g_autofree char *type = awl_normalize_type (path);
      const AwlKnownApi *api = awl_builtin_static_lookup (type, e->member.name);

      if (api == NULL || api->kind == AWL_API_STATIC_METHOD)
        {
          error_at (c, e->member.name_loc.line, e->member.name_loc.col,
                    "`%s.%s` is not known to Awaitlab's C# subset", type, e->member.name);
          emit_const (c, awl_value_null ());
          return;
        }
      site = new_site (c, type, e->member.name, NULL, 0, e->loc);
      site->api = api;
      emit_full (c, OP_GET_STATIC, 0, 0, site, e->loc);
      return;
    }

  site = new_site (c, NULL, e->member.name, NULL, 0, e->member.name_loc);
  if (!awl_builtin_member_bind (site) && !is_user_member (c, e->member.name))
    {
      error_at (c, e->member.name_loc.line, e->member.name_loc.col,
                "`%s` is not a member known to Awaitlab's C# subset", e->member.name);
      emit_const (c, awl_value_null ());
      return;
    }
  awl_cx_nullable_site ((AwlCx *) c, site, e->member.target, e->member.name_loc);
  c->receiver = TRUE;
  compile_expr (c, e->member.target);
  if (e->member.null_conditional)
    skip = emit (c, OP_JUMP_IF_NULL_KEEP, 0);
  emit_full (c, OP_GET_MEMBER, 0, 0, site, e->loc);
  if (e->member.null_conditional)
    patch (c, skip, here (c));
}

static int
default_kind (const AwlTypeRef *t)
{
  if (t == NULL || t->nullable)   /* an `int?`'s default is null */
    return 0;
  if (type_is_int (t))
    return 1;
  if (type_is_double (t))
    return 2;
  if (g_str_equal (t->name, "bool"))
    return 3;
  return 0;
}

static void emit_default (Compiler *c, const AwlTypeRef *t);

/* The fields of a new struct value (on the stack) at their defaults. A struct that
 * contains itself (an error in C#) gets null there instead of recursing. */
static void
compile_struct_field_defaults (Compiler   *c,
                               const char *klass)
{
  AwlAst *ast = c->unit->ast;

  if (c->struct_stack == NULL)
    c->struct_stack = g_ptr_array_new ();
  g_ptr_array_add (c->struct_stack, (gpointer) klass);
  for (guint i = 0; i < ast->n_fields; i++)
    {
      AwlField *f = ast->fields[i];
      AwlCallSite *set;

      if (!awl_field_is_instance (f) || !g_str_equal (f->klass, klass))
        continue;
      set = new_site (c, NULL, f->name, NULL, 0, f->loc);
      emit (c, OP_DUP, 0);
      if (f->init)
        compile_expr (c, f->init);
      else if (f->type != NULL && g_ptr_array_find_with_equal_func (c->struct_stack, f->type->name,
                                                                    g_str_equal, NULL))
        emit_const (c, awl_value_null ());
      else
        emit_default (c, f->type);
      emit_full (c, OP_SET_MEMBER, 0, 0, set, f->loc);
    }
  g_ptr_array_set_size (c->struct_stack, c->struct_stack->len - 1);
  if (c->struct_stack->len == 0)
    g_clear_pointer (&c->struct_stack, g_ptr_array_unref);
}

static void
emit_default (Compiler         *c,
              const AwlTypeRef *t)
{
  if (t != NULL && t->array_rank == 0 && !t->nullable && awl_ast_get_class (c->unit->ast, t->name) != NULL &&
      (awl_ast_get_class (c->unit->ast, t->name)->flags & AWL_CLASS_STRUCT))
    {
      /* A struct's default: an object with every field at its default. */
      AwlCallSite *site = new_site (c, t->name, t->name, NULL, 0, t->loc);

      site->api = &awl_instance_ctor;
      site->klass = g_hash_table_lookup (c->prog->classes, t->name);
      emit_full (c, OP_NEW, 0, 0, site, t->loc);
      compile_struct_field_defaults (c, t->name);
      return;
    }
  switch (default_kind (t))
    {
    case 1: emit_const (c, awl_value_int (0)); break;
    case 2: emit_const (c, awl_value_double (0)); break;
    case 3: emit_const (c, awl_value_bool (FALSE)); break;
    default: emit_const (c, awl_value_null ()); break;
    }
}

/* The constructor of @klass, or of its nearest base class that has one. */
static AwlCode *
nearest_ctor (Compiler   *c,
              const char *klass)
{
  for (guint depth = 0; klass != NULL && depth < 64; depth++)
    {
      g_autofree char *key = g_strdup_printf ("%s.%s", klass, klass);
      AwlCode *code = g_hash_table_lookup (c->methods, key);

      if (code != NULL && (code->func->flags & AWL_FUNC_CTOR) && g_str_equal (code->func->klass, klass))
        return code;
      klass = awl_ast_class_base (c->unit->ast, klass);
    }
  return NULL;
}

/* A constructor first runs `: this(…)`, or `: base(…)` (written or implied). */
static void
compile_ctor_init (Compiler    *c,
                   AwlFunction *func)
{
  AwlAst *ast = c->unit->ast;
  AwlExpr self = { 0 }, call = { 0 };
  AwlCode *target;

  if (awl_cx_exception_base_init ((AwlCx *) c, func))
    return;
  if (func->init_kind == 2)
    target = nearest_ctor (c, func->klass);
  else
    target = nearest_ctor (c, awl_ast_class_base (ast, func->klass));
  if (target == NULL || target->func == func)
    {
      if (func->n_init_args > 0 || func->init_kind == 2)
        error_at (c, func->loc.line, func->loc.col, "`%s` has no constructor that `: %s(…)` can call",
                  func->init_kind == 2 ? func->klass : "the base class", func->init_kind == 2 ? "this" : "base");
      return;
    }
  self.kind = AWL_EXPR_NAME;
  self.loc = func->loc;
  self.depth = 1;
  self.name.name = "this";
  self.name.kind = AWL_NAME_VAR;
  self.name.var = func->params[0];
  call.kind = AWL_EXPR_CALL;
  call.loc = func->loc;
  compile_method_call (c, &call, target, func->init_args, func->n_init_args, target->func->klass, &self, FALSE);
  emit (c, OP_POP, 0);
}

/* `new C(args) { F = v }` for a class of the script: a fresh object, its instance
 * fields initialised in declaration order, then its constructor. */
static void
compile_new_instance (Compiler *c,
                      AwlExpr  *e)
{
  const char *klass = e->new_obj.type->name;
  AwlAst *ast = c->unit->ast;
  AwlCallSite *site = new_site (c, klass, klass, NULL, 0, e->loc);
  g_autofree char *ctor_key = g_strdup_printf ("%s.%s", klass, klass);
  AwlCode *ctor = g_hash_table_lookup (c->methods, ctor_key);
  const char *saved = c->klass;

  site->api = &awl_instance_ctor;
  site->klass = g_hash_table_lookup (c->prog->classes, klass);
  emit_full (c, OP_NEW, 0, 0, site, e->loc);

  c->klass = klass;
  for (guint i = 0; i < ast->n_fields; i++)
    {
      AwlField *f = ast->fields[i];
      AwlCallSite *set;

      if (!awl_field_is_instance (f) || !awl_class_inherits (ast, klass, f->klass))
        continue;
      set = new_site (c, NULL, f->name, NULL, 0, f->loc);
      emit (c, OP_DUP, 0);
      if (f->init)
        compile_expr (c, f->init);
      else
        emit_default (c, f->type);
      if (type_is_double (f->type))
        emit (c, OP_TO_DOUBLE, 0);
      emit_full (c, OP_SET_MEMBER, 0, 0, set, f->loc);
    }
  c->klass = saved;

  if (ctor == NULL || !(ctor->func->flags & AWL_FUNC_CTOR))
    {
      /* No constructor of its own: the implicit one runs the nearest base's. */
      AwlCode *base_ctor = nearest_ctor (c, awl_ast_class_base (ast, klass));

      if (base_ctor != NULL && e->new_obj.n_args == 0)
        ctor = base_ctor;
    }
  if (ctor != NULL && (ctor->func->flags & AWL_FUNC_CTOR))
    {
      emit (c, OP_DUP, 0);
      compile_method_call (c, e, ctor, e->new_obj.args, e->new_obj.n_args, klass, NULL, TRUE);
      emit (c, OP_POP, 0);
    }
  else if (e->new_obj.n_args > 0)
    error_at (c, e->loc.line, e->loc.col, "the class `%s` has no constructor that takes arguments", klass);

  for (guint i = 0; i < e->new_obj.n_init; i++)
    {
      AwlExpr *init = e->new_obj.init[i];

      if (init->kind == AWL_EXPR_ASSIGN && init->assign.target->kind == AWL_EXPR_NAME)
        {
          AwlCallSite *set = new_site (c, NULL, init->assign.target->name.name, NULL, 0, init->loc);
          emit (c, OP_DUP, 0);
          compile_expr (c, init->assign.value);
          emit_full (c, OP_SET_MEMBER, 0, 0, set, init->loc);
        }
      else
        error_at (c, init->loc.line, init->loc.col, "only `Name = value` initializers work on objects of a class");
    }
  awl_cx_exception_wrap ((AwlCx *) c, klass, e->loc);
}

/* `new { A = 1, b, x.C }`: an object of a class made for this expression, whose
 * fields are the members in order (.NET prints it as `{ A = 1, b = 2, C = 3 }`). */
static void
compile_new_anonymous (Compiler *c,
                       AwlExpr  *e)
{
  AwlClassInfo *info = g_new0 (AwlClassInfo, 1);
  AwlCallSite *site = new_site (c, NULL, "<anonymous>", NULL, 0, e->loc);

  info->name = g_strdup_printf ("<anonymous>#%u", g_hash_table_size (c->prog->classes));
  info->fields = g_ptr_array_new ();
  info->methods = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (c->prog->classes, info->name, info);
  site->api = &awl_instance_ctor;
  site->klass = info;
  emit_full (c, OP_NEW, 0, 0, site, e->loc);

  for (guint i = 0; i < e->new_obj.n_init; i++)
    {
      AwlExpr *el = e->new_obj.init[i];
      AwlExpr *value = el;
      const char *name;
      AwlCallSite *set;

      if (el->kind == AWL_EXPR_ASSIGN && el->assign.target->kind == AWL_EXPR_NAME)
        {
          name = el->assign.target->name.name;
          value = el->assign.value;
        }
      else if (el->kind == AWL_EXPR_NAME)
        name = el->name.name;
      else if (el->kind == AWL_EXPR_MEMBER)
        name = el->member.name;
      else
        continue;
      g_ptr_array_add (info->fields, (gpointer) name);
      set = new_site (c, NULL, name, NULL, 0, el->loc);
      emit (c, OP_DUP, 0);
      compile_expr (c, value);
      emit_full (c, OP_SET_MEMBER, 0, 0, set, el->loc);
    }
}

static void
compile_new (Compiler *c,
             AwlExpr  *e)
{
  g_autofree char *type = e->new_obj.type ? awl_normalize_type (e->new_obj.type->name) : g_strdup ("?");
  const AwlKnownApi *api = awl_builtin_ctor_lookup (type);
  AwlCallSite *site;

  if (e->new_obj.anonymous)
    {
      compile_new_anonymous (c, e);
      return;
    }
  if (e->new_obj.type == NULL)
    {
      /* A target-typed new() without a declared type: the checker reported it. */
      emit_const (c, awl_value_null ());
      return;
    }

  /* A class of the script wins over a .NET type of that name (`OrderFailedException`). */
  if (e->new_obj.type != NULL && awl_ast_has_class (c->unit->ast, e->new_obj.type->name))
    {
      compile_new_instance (c, e);
      return;
    }

  if (api == NULL || e->new_obj.type == NULL)
    {
      AwlLoc at = e->new_obj.type ? e->new_obj.type->loc : e->loc;
      /* The checker already named an unknown type; say it once. */
      if (!c->front_end_failed)
        error_extra (c, at.line, at.col,
                     "type `%s` is not supported by Awaitlab's C# subset", type);
      emit_const (c, awl_value_null ());
      return;
    }
  site = new_site (c, type, type, e->new_obj.args, e->new_obj.n_args, e->loc);
  site->api = api;
  compile_args (c, e->new_obj.args, e->new_obj.n_args);
  emit_full (c, OP_NEW, e->new_obj.n_args, 0, site, e->loc);

  for (guint i = 0; i < e->new_obj.n_init; i++)
    {
      AwlExpr *init = e->new_obj.init[i];

      if (init->kind == AWL_EXPR_ASSIGN && init->assign.target->kind == AWL_EXPR_NAME)
        {
          AwlCallSite *set = new_site (c, NULL, init->assign.target->name.name, NULL, 0, init->loc);
          emit (c, OP_DUP, 0);
          compile_expr (c, init->assign.value);
          emit_full (c, OP_SET_MEMBER, 0, 0, set, init->loc);
        }
      else if (init->kind == AWL_EXPR_INIT_LIST)
        {
          AwlCallSite *add = new_site (c, NULL, "Add", NULL, init->init_list.n_elements, init->loc);
          awl_builtin_member_bind (add);
          emit (c, OP_DUP, 0);
          for (guint k = 0; k < init->init_list.n_elements; k++)
            compile_expr (c, init->init_list.elements[k]);
          emit_full (c, OP_CALL_MEMBER, init->init_list.n_elements, 0, add, init->loc);
          emit (c, OP_POP, 0);
        }
      else
        {
          AwlCallSite *add = new_site (c, NULL, "Add", NULL, 1, init->loc);
          awl_builtin_member_bind (add);
          emit (c, OP_DUP, 0);
          compile_expr (c, init);
          emit_full (c, OP_CALL_MEMBER, 1, 0, add, init->loc);
          emit (c, OP_POP, 0);
        }
    }
}

static void
compile_lambda (Compiler *c,
                AwlExpr  *e)
{
  AwlFunction *func = e->lambda.func;
  AwlCode *code;

  if (func == NULL)
    {
      error_at (c, e->loc.line, e->loc.col, "incomplete lambda");
      emit_const (c, awl_value_null ());
      return;
    }
  code = g_new0 (AwlCode, 1);

  c->lambda_counter++;
  if (func->name && *func->name)
    code->name = g_strdup (func->name);
  else
    code->name = g_strdup_printf ("%s.lambda#%u", c->outer_name, c->lambda_counter);
  code->func = func;
  code->parent = c->f->code;
  g_ptr_array_add (c->prog->codes, code);
  compile_function (c, func, code);
  emit_full (c, OP_CLOSURE, 0, 0, code, e->loc);
}

static void
compile_expr (Compiler *c,
              AwlExpr  *e)
{
  gboolean receiver = c->receiver;

  c->receiver = FALSE;
  if (e == NULL)
    {
      emit_const (c, awl_value_null ());
      return;
    }

  switch (e->kind)
    {
    case AWL_EXPR_NULL: emit_const (c, awl_value_null ()); break;
    case AWL_EXPR_BOOL: emit_const (c, awl_value_bool (e->boolean)); break;
    case AWL_EXPR_INT: emit_const (c, awl_value_int (e->integer.value)); break;
    case AWL_EXPR_DOUBLE: emit_const (c, awl_value_double (e->real.value)); break;
    case AWL_EXPR_CHAR:
      {
        char buf[8] = { 0 };
        g_unichar_to_utf8 (e->character, buf);
        emit_string (c, buf);
        break;
      }
    case AWL_EXPR_STRING: emit_string (c, e->string.value ? e->string.value : ""); break;
    case AWL_EXPR_INTERPOLATED:
      {
        guint n = 0;
        for (guint i = 0; i < e->interp.n_parts; i++)
          if (e->interp.parts[i].expr)
            {
              compile_expr (c, e->interp.parts[i].expr);
              n++;
            }
        emit_full (c, OP_INTERP, n, 0, e, e->loc);
        break;
      }
    case AWL_EXPR_NAME:
      compile_name (c, e);
      emit_struct_copy (c, receiver);
      break;
    case AWL_EXPR_MEMBER:
      if (e->member.target == NULL || e->member.name == NULL)
        goto incomplete;
      compile_member (c, e);
      emit_struct_copy (c, receiver);
      break;
    case AWL_EXPR_CALL:
      if (e->call.callee == NULL)
        goto incomplete;
      {
        guint mark = c->pending_refs->len;
        compile_call (c, e);
        awl_cx_flush_refs ((AwlCx *) c, mark);
      }
      break;
    case AWL_EXPR_INDEX:
      {
        guint skip = 0;
        compile_expr (c, e->index.target);
        if (e->index.null_conditional)
          skip = emit (c, OP_JUMP_IF_NULL_KEEP, 0);
        compile_expr (c, e->index.index);
        emit_full (c, OP_INDEX_GET, 0, 0, NULL, e->loc);
        if (e->index.null_conditional)
          patch (c, skip, here (c));
        break;
      }
    case AWL_EXPR_NEW: compile_new (c, e); break;
    case AWL_EXPR_NEW_ARRAY:
      if (e->new_array.size && !e->new_array.has_init)
        {
          compile_expr (c, e->new_array.size);
          emit_full (c, OP_NEW_ARRAY_SIZE, 0, default_kind (e->new_array.element_type), NULL, e->loc);
        }
      else
        {
          for (guint i = 0; i < e->new_array.n_elements; i++)
            {
              compile_expr (c, e->new_array.elements[i]);
              if (type_is_double (e->new_array.element_type))
                emit (c, OP_TO_DOUBLE, 0);
            }
          emit_full (c, OP_NEW_ARRAY, e->new_array.n_elements, 0, NULL, e->loc);
        }
      break;
    case AWL_EXPR_INIT_LIST:
      for (guint i = 0; i < e->init_list.n_elements; i++)
        compile_expr (c, e->init_list.elements[i]);
      emit_full (c, OP_NEW_ARRAY, e->init_list.n_elements, 0, NULL, e->loc);
      break;
    case AWL_EXPR_UNARY:
      switch (e->unary.op)
        {
        case AWL_UNARY_PRE_INC:
        case AWL_UNARY_PRE_DEC:
        case AWL_UNARY_POST_INC:
        case AWL_UNARY_POST_DEC:
          compile_assign (c, e->unary.operand, AWL_ASSIGN_ADD, NULL,
                          (e->unary.op == AWL_UNARY_PRE_INC || e->unary.op == AWL_UNARY_POST_INC) ? 1 : -1,
                          e->unary.op == AWL_UNARY_POST_INC || e->unary.op == AWL_UNARY_POST_DEC,
                          TRUE, e->loc);
          break;
        default:
          {
            AwlIntWidth w = expr_int_width (c, e);

            compile_expr (c, e->unary.operand);
            emit_full (c, OP_UNARY, e->unary.op, 0, NULL, e->loc);
            /* -int.MinValue is int.MinValue; ~0u is uint.MaxValue. */
            if (w == AWL_INT_I32 || w == AWL_INT_U32)
              emit_full (c, OP_TO_INT, 0, w, NULL, no_loc);
            break;
          }
        }
      break;
    case AWL_EXPR_BINARY:
      {
        guint j;
        if (awl_cx_user_operator ((AwlCx *) c, e))   /* `a + b` of a class with operator + */
          break;
        compile_expr (c, e->binary.left);
        switch (e->binary.op)
          {
          case AWL_BINARY_AND:
            j = emit (c, OP_JUMP_IF_FALSE_OR_POP, 0);
            compile_expr (c, e->binary.right);
            patch (c, j, here (c));
            break;
          case AWL_BINARY_OR:
            j = emit (c, OP_JUMP_IF_TRUE_OR_POP, 0);
            compile_expr (c, e->binary.right);
            patch (c, j, here (c));
            break;
          case AWL_BINARY_COALESCE:
            j = emit (c, OP_JUMP_IF_NOT_NULL_OR_POP, 0);
            compile_expr (c, e->binary.right);
            patch (c, j, here (c));
            break;
          default:
            compile_expr (c, e->binary.right);
            emit_full (c, OP_BINARY, e->binary.op, binary_width (c, e), NULL, e->loc);
            break;
          }
        check_binary (c, e);
        break;
      }
    case AWL_EXPR_ASSIGN:
      compile_assign (c, e->assign.target, e->assign.op, e->assign.value, 0, FALSE, TRUE, e->loc);
      break;
    case AWL_EXPR_CONDITIONAL:
      {
        guint jf, je;
        compile_expr (c, e->conditional.cond);
        jf = emit (c, OP_JUMP_IF_FALSE, 0);
        compile_expr (c, e->conditional.then_expr);
        je = emit (c, OP_JUMP, 0);
        patch (c, jf, here (c));
        compile_expr (c, e->conditional.else_expr);
        patch (c, je, here (c));
        break;
      }
    case AWL_EXPR_AWAIT:
      {
        guint state = GPOINTER_TO_UINT (g_hash_table_lookup (c->f->states, e));
        if (!c->f->code->is_async)
          error_at (c, e->loc.line, e->loc.col,
                    "the `await` operator can only be used within an async method");
        compile_expr (c, e->await.operand);
        emit_full (c, OP_AWAIT, state ? state - 1 : 0, 0, NULL, e->loc);
        break;
      }
    case AWL_EXPR_LAMBDA: compile_lambda (c, e); break;
    case AWL_EXPR_SWITCH: awl_cx_switch ((AwlCx *) c, e); break;
    case AWL_EXPR_TUPLE: awl_cx_tuple ((AwlCx *) c, e, NULL); break;
    case AWL_EXPR_WITH: awl_cx_with ((AwlCx *) c, e); break;
    case AWL_EXPR_IS:
      if (e->is.pattern != NULL)
        {
          awl_cx_is_pattern ((AwlCx *) c, e);
          break;
        }
      {
        guint tmp = new_slot (c);
        compile_expr (c, e->is.operand);
        emit (c, OP_STORE, tmp);
        emit (c, OP_LOAD, tmp);
        if (e->is.type == NULL)
          {
            emit_const (c, awl_value_null ());
            emit (c, OP_BINARY, AWL_BINARY_EQ);
          }
        else
          emit_full (c, OP_IS_TYPE, 0, 0, (gpointer) own_string (c, e->is.type->name), e->loc);
        if (e->is.var)
          {
            emit (c, OP_LOAD, tmp);
            emit_declare_store (c, declare (c, e->is.var->name, FALSE));
          }
        if (e->is.negated)
          emit (c, OP_UNARY, AWL_UNARY_NOT);
        break;
      }
    case AWL_EXPR_CAST:
      compile_expr (c, e->cast.operand);
      awl_cx_nullable_cast ((AwlCx *) c, e);
      if (e->cast.as_operator || awl_ast_get_class (c->unit->ast, e->cast.type->name) != NULL)
        emit_full (c, OP_CAST_CLASS, e->cast.as_operator, 0,
                   (gpointer) own_string (c, e->cast.type->name), e->loc);
      else if (type_is_int (e->cast.type) || type_ref_width (e->cast.type) != AWL_INT_ANY)
        emit_full (c, OP_TO_INT, 0, type_ref_width (e->cast.type), NULL, no_loc);
      else if (type_is_double (e->cast.type))
        emit (c, OP_TO_DOUBLE, 0);
      break;
    case AWL_EXPR_DEFAULT: emit_default (c, e->default_value.type); break;
    case AWL_EXPR_TYPEOF: emit_string (c, e->type_of.type ? e->type_of.type->name : ""); break;
    case AWL_EXPR_NAMEOF: emit_string (c, e->name_of.value ? e->name_of.value : ""); break;
    case AWL_EXPR_THROW:
      compile_expr (c, e->throw_expr.operand);
      emit_full (c, OP_THROW, 0, 0, NULL, e->loc);
      break;
    default:
      error_at (c, e->loc.line, e->loc.col, "this expression is not supported by Awaitlab's C# subset");
      emit_const (c, awl_value_null ());
      break;
    }
  return;

incomplete:
  error_at (c, e->loc.line, e->loc.col, "incomplete expression");
  emit_const (c, awl_value_null ());
}

/* ----------------------------------------------------------------------------- */
/* Statements */

static void
emit_line (Compiler *c,
           AwlStmt  *s)
{
  emit_full (c, OP_LINE, s->loc.line, 0, NULL, s->loc);
}

static void
compile_block_inline (Compiler *c,
                      AwlStmt  *block)
{
  if (block == NULL)
    return;
  scope_push (c);
  if (block->kind == AWL_STMT_BLOCK)
    for (guint i = 0; i < block->block.n_stmts; i++)
      compile_stmt (c, block->block.stmts[i]);
  else
    compile_stmt (c, block);
  scope_pop (c);
}

static LoopCtx *
loop_push (Compiler *c)
{
  LoopCtx *l = g_new0 (LoopCtx, 1);
  l->breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  l->continues = g_array_new (FALSE, FALSE, sizeof (guint));
  l->n_trys = c->f->trys->len;
  g_ptr_array_add (c->f->loops, l);
  return l;
}

static void
loop_pop (Compiler *c,
          guint     continue_target,
          guint     break_target)
{
  LoopCtx *l = g_ptr_array_steal_index (c->f->loops, c->f->loops->len - 1);
  for (guint i = 0; i < l->breaks->len; i++)
    patch (c, g_array_index (l->breaks, guint, i), break_target);
  for (guint i = 0; i < l->continues->len; i++)
    patch (c, g_array_index (l->continues, guint, i), continue_target);
  g_array_unref (l->breaks);
  g_array_unref (l->continues);
  g_free (l);
}

/* An expression whose value is not used (a statement, a for loop's iterator):
 * assignments and ++/-- store without leaving a value behind. */
static void
compile_effect (Compiler *c,
                AwlExpr  *e)
{
  if (e->kind == AWL_EXPR_ASSIGN)
    compile_assign (c, e->assign.target, e->assign.op, e->assign.value, 0, FALSE, FALSE, e->loc);
  else if (e->kind == AWL_EXPR_UNARY && e->unary.op >= AWL_UNARY_PRE_INC)
    compile_assign (c, e->unary.operand, AWL_ASSIGN_ADD, NULL,
                    (e->unary.op == AWL_UNARY_PRE_INC || e->unary.op == AWL_UNARY_POST_INC) ? 1 : -1,
                    FALSE, FALSE, e->loc);
  else
    {
      compile_expr (c, e);
      emit (c, OP_POP, 0);
    }
}

static void
compile_decl (Compiler *c,
              AwlStmt  *s)
{
  if (s->decl.deconstruct)
    {
      awl_cx_deconstruct ((AwlCx *) c, s);
      return;
    }
  for (guint i = 0; i < s->decl.n_vars; i++)
    {
      AwlVar *v = s->decl.vars[i];
      AwlTypeRef *t;

      if (v == NULL)
        continue;
      t = v->type ? v->type : s->decl.type;
      gboolean dbl = type_is_double (t);

      StaticType ty = t ? type_ref_static (t) : expr_static_type (c, s->decl.inits[i]);
      if (s->decl.inits[i] != NULL)
        awl_cx_nullable_convert ((AwlCx *) c, t, s->decl.inits[i]);

      if (s->decl.inits[i] && awl_cx_named_tuple ((AwlCx *) c, s->decl.inits[i], t))
        ;
      else if (s->decl.inits[i] && !(s->decl.inits[i]->kind == AWL_EXPR_DEFAULT &&
                                     s->decl.inits[i]->default_value.type == NULL))
        compile_expr (c, s->decl.inits[i]);
      else
        emit_default (c, t);   /* also `int x = default;` */
      if (dbl)
        emit (c, OP_TO_DOUBLE, 0);
      {
        /* `var x = …` takes the initializer's integer type. */
        AwlIntWidth w = t ? type_ref_width (t) : expr_int_width (c, s->decl.inits[i]);
        guint slot;

        if (w != AWL_INT_ANY && w != AWL_INT_I64 && w != AWL_INT_U64)
          emit_full (c, OP_TO_INT, 0, w, NULL, no_loc);
        slot = declare_typed (c, v->name, dbl, ty);
        g_array_index (c->f->bindings, Binding, c->f->bindings->len - 1).width = w;
        emit_declare_store (c, slot);
      }
    }
}

static void
compile_foreach (Compiler *c,
                 AwlStmt  *s)
{
  guint top, exit_jump;
  AwlVar *v = s->foreach.var;

  if (v == NULL || s->foreach.collection == NULL)
    {
      error_at (c, s->loc.line, s->loc.col, "incomplete foreach statement");
      return;
    }

  scope_push (c);
  if (!s->foreach.is_await)
    {
      guint it = new_slot (c);
      compile_expr (c, s->foreach.collection);
      emit_full (c, OP_ITER_START, 0, 0, NULL, s->foreach.collection->loc);
      emit (c, OP_STORE, it);
      loop_push (c);
      top = here (c);
      emit_line (c, s);
      exit_jump = emit_full (c, OP_ITER_NEXT, 0, it, NULL, s->loc);
      scope_push (c);
      emit_declare_store (c, declare (c, v->name, type_is_double (v->type)));
      compile_block_inline (c, s->foreach.body);
      scope_pop (c);
      emit (c, OP_JUMP, top);
      patch (c, exit_jump, here (c));
      loop_pop (c, top, here (c));
    }
  else
    {
      guint e = new_slot (c), exc = new_slot (c);
      guint state = GPOINTER_TO_UINT (g_hash_table_lookup (c->f->states, s));
      guint handler, jend;

      state = state ? state - 1 : 0;
      if (!c->f->code->is_async)
        error_at (c, s->loc.line, s->loc.col,
                  "`await foreach` can only be used within an async method");
      compile_expr (c, s->foreach.collection);
      emit (c, OP_STORE, e);
      handler = emit (c, OP_TRY_PUSH, 0);
      push_try (c, TRY_AFOREACH, TRUE, NULL, e, state);
      loop_push (c);
      top = here (c);
      emit_line (c, s);
      emit (c, OP_LOAD, e);
      emit_full (c, OP_AE_MOVE_NEXT, 0, 0, NULL, s->loc);
      emit_full (c, OP_AWAIT, state, 0, NULL, s->loc);
      exit_jump = emit (c, OP_JUMP_IF_FALSE, 0);
      scope_push (c);
      emit (c, OP_LOAD, e);
      emit (c, OP_AE_CURRENT, 0);
      emit_declare_store (c, declare (c, v->name, type_is_double (v->type)));
      compile_block_inline (c, s->foreach.body);
      scope_pop (c);
      emit (c, OP_JUMP, top);
      patch (c, exit_jump, here (c));
      {
        /* break lands here too: the entry is still active then */
        guint brk = here (c);
        pop_try (c);
        emit (c, OP_TRY_POP, 0);
        emit_full (c, OP_LINE, s->loc.line, 0, NULL, s->loc);
        emit_dispose_enumerator (c, e, state);
        jend = emit (c, OP_JUMP, 0);
        loop_pop (c, top, brk);
      }
      patch (c, handler, here (c));
      emit (c, OP_STORE, exc);
      emit_dispose_enumerator (c, e, state);
      emit (c, OP_LOAD, exc);
      emit_full (c, OP_THROW, 0, 1, NULL, s->loc);
      patch (c, jend, here (c));
    }
  scope_pop (c);
}

static void
compile_try (Compiler *c,
             AwlStmt  *s)
{
  AwlStmt *fin = s->try_.finally_block;
  guint fin_handler = 0, jend_fin = 0;

  if (fin)
    {
      fin_handler = emit (c, OP_TRY_PUSH, 0);
      push_try (c, TRY_FINALLY, TRUE, fin, 0, 0);
    }

  if (s->try_.n_catches > 0)
    {
      guint catch_handler = emit (c, OP_TRY_PUSH, 0);
      guint exc = new_slot (c);
      g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
      guint j;

      push_try (c, TRY_CATCH, TRUE, NULL, 0, 0);
      compile_block_inline (c, s->try_.body);
      pop_try (c);
      emit (c, OP_TRY_POP, 0);
      j = emit (c, OP_JUMP, 0);
      g_array_append_val (ends, j);

      patch (c, catch_handler, here (c));
      emit (c, OP_STORE, exc);
      push_try (c, TRY_CATCH_BODY, FALSE, NULL, exc, 0);
      for (guint i = 0; i < s->try_.n_catches; i++)
        {
          AwlCatch *k = &s->try_.catches[i];
          guint next1 = G_MAXUINT, next2 = G_MAXUINT;

          scope_push (c);
          if (k->type == NULL)
            {
              /* `catch { }` catches every exception, but not the runtime's marker that
               * unwinds a disposed iterator (it matches no exception type). */
              emit (c, OP_LOAD, exc);
              emit_full (c, OP_IS_EXC, 0, 0, (gpointer) own_string (c, "Exception"), k->loc);
              next1 = emit (c, OP_JUMP_IF_FALSE, 0);
            }
          else
            {
              g_autofree char *tn = awl_normalize_type (k->type->name);
              if (!awl_exception_type_is_known (tn) && !awl_known_api_is_exception_type (tn) &&
                  !awl_ast_has_class (c->unit->ast, tn))   /* the checker judged it */
                error_extra (c, k->type->loc.line, k->type->loc.col,
                          "`%s` is not an exception type known to Awaitlab", k->type->name);
              emit (c, OP_LOAD, exc);
              emit_full (c, OP_IS_EXC, 0, 0, (gpointer) own_string (c, tn), k->loc);
              next1 = emit (c, OP_JUMP_IF_FALSE, 0);
            }
          if (k->var)
            {
              emit (c, OP_LOAD, exc);
              emit_declare_store (c, declare (c, k->var->name, FALSE));
            }
          if (k->filter)
            {
              compile_expr (c, k->filter);
              next2 = emit (c, OP_JUMP_IF_FALSE, 0);
            }
          compile_block_inline (c, k->body);
          j = emit (c, OP_JUMP, 0);
          g_array_append_val (ends, j);
          scope_pop (c);
          if (next1 != G_MAXUINT)
            patch (c, next1, here (c));
          if (next2 != G_MAXUINT)
            patch (c, next2, here (c));
        }
      emit (c, OP_LOAD, exc);
      emit_full (c, OP_THROW, 0, 1, NULL, s->loc);
      pop_try (c);
      for (guint i = 0; i < ends->len; i++)
        patch (c, g_array_index (ends, guint, i), here (c));
    }
  else
    compile_block_inline (c, s->try_.body);

  if (fin)
    {
      guint exc = new_slot (c);

      pop_try (c);
      emit (c, OP_TRY_POP, 0);
      compile_block_inline (c, fin);
      jend_fin = emit (c, OP_JUMP, 0);
      patch (c, fin_handler, here (c));
      emit (c, OP_STORE, exc);
      compile_block_inline (c, fin);
      emit (c, OP_LOAD, exc);
      emit_full (c, OP_THROW, 0, 1, NULL, s->loc);
      patch (c, jend_fin, here (c));
    }
}

static void
compile_return (Compiler *c,
                AwlStmt  *s,
                gboolean  has_value)
{
  const AwlTypeRef *rt = awl_cx_return_tuple_type (c->f->code->func);

  if (has_value && awl_cx_named_tuple ((AwlCx *) c, s->ret.value, rt))
    ;
  else if (has_value)
    compile_expr (c, s->ret.value);
  else
    emit_const (c, awl_value_null ());
  if (c->f->trys->len > 0)
    {
      emit (c, OP_STORE, c->f->ret_slot);
      emit_exits (c, 0);
      emit (c, OP_LOAD, c->f->ret_slot);
    }
  emit_full (c, OP_RETURN, 0, 0, NULL, s->loc);
}

static void
compile_stmt (Compiler *c,
              AwlStmt  *s)
{
  if (s == NULL)
    return;

  if (s->kind != AWL_STMT_BLOCK && s->kind != AWL_STMT_EMPTY)
    emit_line (c, s);

  switch (s->kind)
    {
    case AWL_STMT_BLOCK:
      compile_block_inline (c, s);
      break;
    case AWL_STMT_EMPTY:
      break;
    case AWL_STMT_EXPR:
      compile_effect (c, s->expr.expr);
      break;
    case AWL_STMT_DECL:
      compile_decl (c, s);
      break;
    case AWL_STMT_IF:
      {
        guint jf, je;
        compile_expr (c, s->if_.cond);
        jf = emit (c, OP_JUMP_IF_FALSE, 0);
        compile_block_inline (c, s->if_.then_stmt);
        if (s->if_.else_stmt)
          {
            je = emit (c, OP_JUMP, 0);
            patch (c, jf, here (c));
            compile_block_inline (c, s->if_.else_stmt);
            patch (c, je, here (c));
          }
        else
          patch (c, jf, here (c));
        break;
      }
    case AWL_STMT_WHILE:
      {
        guint top = here (c) - 1, jf;   /* include the LINE */
        loop_push (c);
        compile_expr (c, s->while_.cond);
        jf = emit (c, OP_JUMP_IF_FALSE, 0);
        compile_block_inline (c, s->while_.body);
        emit (c, OP_JUMP, top);
        patch (c, jf, here (c));
        loop_pop (c, top, here (c));
        break;
      }
    case AWL_STMT_DO:
      {
        guint top = here (c), cont;
        loop_push (c);
        compile_block_inline (c, s->while_.body);
        cont = here (c);
        compile_expr (c, s->while_.cond);
        emit (c, OP_JUMP_IF_TRUE, top);
        loop_pop (c, cont, here (c));
        break;
      }
    case AWL_STMT_FOR:
      {
        guint top, jf = G_MAXUINT, cont;
        scope_push (c);
        for (guint i = 0; i < s->for_.n_init; i++)
          compile_stmt (c, s->for_.init[i]);
        loop_push (c);
        top = here (c);
        emit_line (c, s);
        if (s->for_.cond)
          {
            compile_expr (c, s->for_.cond);
            jf = emit (c, OP_JUMP_IF_FALSE, 0);
          }
        compile_block_inline (c, s->for_.body);
        cont = here (c);
        emit_line (c, s);
        for (guint i = 0; i < s->for_.n_iter; i++)
          compile_effect (c, s->for_.iter[i]);
        emit (c, OP_JUMP, top);
        if (jf != G_MAXUINT)
          patch (c, jf, here (c));
        loop_pop (c, cont, here (c));
        scope_pop (c);
        break;
      }
    case AWL_STMT_FOREACH:
      compile_foreach (c, s);
      break;
    case AWL_STMT_SWITCH:
      awl_cx_switch_statement ((AwlCx *) c, s);
      break;
    case AWL_STMT_BREAK:
    case AWL_STMT_CONTINUE:
      {
        LoopCtx *l;
        guint j;
        if (c->f->loops->len == 0)
          {
            error_at (c, s->loc.line, s->loc.col, "no enclosing loop out of which to break or continue");
            break;
          }
        l = g_ptr_array_index (c->f->loops, c->f->loops->len - 1);
        for (guint k = c->f->loops->len; s->kind == AWL_STMT_CONTINUE && l->is_switch && k > 1; k--)
          l = g_ptr_array_index (c->f->loops, k - 2);   /* the loop around the switch */
        if (l->is_switch && s->kind == AWL_STMT_CONTINUE)
          {
            error_at (c, s->loc.line, s->loc.col, "no enclosing loop out of which to continue");
            break;
          }
        emit_exits (c, l->n_trys);
        j = emit (c, OP_JUMP, 0);
        g_array_append_val (s->kind == AWL_STMT_BREAK ? l->breaks : l->continues, j);
        break;
      }
    case AWL_STMT_RETURN:
      compile_return (c, s, s->ret.value != NULL);
      break;
    case AWL_STMT_YIELD_BREAK:
      compile_return (c, s, FALSE);
      break;
    case AWL_STMT_YIELD_RETURN:
      compile_expr (c, s->ret.value);
      emit_full (c, OP_YIELD_RETURN, 0, 0, NULL, s->loc);
      break;
    case AWL_STMT_THROW:
      if (s->ret.value)
        {
          compile_expr (c, s->ret.value);
          emit_full (c, OP_THROW, 0, 0, NULL, s->loc);
        }
      else
        {
          gboolean found = FALSE;
          for (guint i = c->f->trys->len; i > 0; i--)
            {
              TryEntry *t = &g_array_index (c->f->trys, TryEntry, i - 1);
              if (t->kind == TRY_CATCH_BODY)
                {
                  emit (c, OP_LOAD, t->slot);
                  emit_full (c, OP_THROW, 0, 1, NULL, s->loc);
                  found = TRUE;
                  break;
                }
            }
          if (!found)
            error_at (c, s->loc.line, s->loc.col,
                      "a throw statement with no arguments is not allowed outside of a catch clause");
        }
      break;
    case AWL_STMT_TRY:
      compile_try (c, s);
      break;
    case AWL_STMT_LOCK:
      {
        guint obj = new_slot (c), exc = new_slot (c), handler, jend;
        compile_expr (c, s->lock.target);
        emit (c, OP_DUP, 0);
        emit (c, OP_STORE, obj);
        emit_full (c, OP_LOCK_ENTER, 0, 0, NULL, s->loc);
        handler = emit (c, OP_TRY_PUSH, 0);
        push_try (c, TRY_LOCK, TRUE, NULL, obj, 0);
        compile_block_inline (c, s->lock.body);
        pop_try (c);
        emit (c, OP_TRY_POP, 0);
        emit (c, OP_LOAD, obj);
        emit (c, OP_LOCK_EXIT, 0);
        jend = emit (c, OP_JUMP, 0);
        patch (c, handler, here (c));
        emit (c, OP_STORE, exc);
        emit (c, OP_LOAD, obj);
        emit (c, OP_LOCK_EXIT, 0);
        emit (c, OP_LOAD, exc);
        emit_full (c, OP_THROW, 0, 1, NULL, s->loc);
        patch (c, jend, here (c));
        break;
      }
    default:
      error_at (c, s->loc.line, s->loc.col, "this statement is not supported by Awaitlab's C# subset");
      break;
    }
}

/* ----------------------------------------------------------------------------- */
/* Functions */

/* @states (AwlExpr* / AwlStmt* → await state + 1) becomes the context's. */
static void
func_ctx_init (FuncCtx    *f,
               AwlCode    *code,
               GHashTable *states)
{
  f->code = code;
  f->bindings = g_array_new (FALSE, FALSE, sizeof (Binding));
  f->marks = g_array_new (FALSE, FALSE, sizeof (guint));
  f->trys = g_array_new (FALSE, FALSE, sizeof (TryEntry));
  f->loops = g_ptr_array_new ();
  f->states = states;
}

static void
func_ctx_clear (FuncCtx *f)
{
  g_array_unref (f->bindings);
  g_array_unref (f->marks);
  g_array_unref (f->trys);
  g_ptr_array_unref (f->loops);
  g_hash_table_unref (f->states);
}

/* Awaitlab has no full type inference, so whether a lambda that is not async returns a
 * Task is decided from what it returns: a call to a method declared Task / Task<T>, a
 * Task factory (Task.Delay, WhenAll, WhenAny, Run, FromResult, …), an *Async API, or a
 * `.Task` property (TaskCompletionSource). C# then binds Task.Run to its Func<Task> /
 * Func<Task<T>> overload, which unwraps. */
static gboolean
expr_returns_task (Compiler *c,
                   AwlExpr  *e)
{
  static const char * const task_factories[] = {
    "Delay", "WhenAll", "WhenAny", "Run", "FromResult", "FromException", "FromCanceled", NULL
  };
  AwlExpr *callee;
  AwlCode *code;
  guint depth;

  if (e == NULL)
    return FALSE;
  if (e->kind == AWL_EXPR_MEMBER)
    return g_str_equal (e->member.name, "Task") || g_str_equal (e->member.name, "CompletedTask");
  if (e->kind != AWL_EXPR_CALL)
    return FALSE;
  callee = e->call.callee;
  if (callee->kind == AWL_EXPR_NAME)
    return lookup (c, callee->name.name, &depth) == NULL
           && (code = g_hash_table_lookup (c->methods, callee->name.name)) != NULL
           && (code->func->return_kind == AWL_RETURN_TASK
               || code->func->return_kind == AWL_RETURN_TASK_OF);
  if (callee->kind != AWL_EXPR_MEMBER)
    return FALSE;
  if (callee->member.target->kind == AWL_EXPR_NAME
      && g_str_equal (callee->member.target->name.name, "Task")
      && g_strv_contains (task_factories, callee->member.name))
    return TRUE;
  return g_str_has_suffix (callee->member.name, "Async");
}

static gboolean
stmt_returns_task (Compiler *c,
                   AwlStmt  *s)
{
  if (s == NULL)
    return FALSE;
  switch (s->kind)
    {
    case AWL_STMT_RETURN:
      return expr_returns_task (c, s->ret.value);
    case AWL_STMT_BLOCK:
      for (guint i = 0; i < s->block.n_stmts; i++)
        if (stmt_returns_task (c, s->block.stmts[i]))
          return TRUE;
      return FALSE;
    case AWL_STMT_IF:
      return stmt_returns_task (c, s->if_.then_stmt) || stmt_returns_task (c, s->if_.else_stmt);
    default:
      return FALSE;
    }
}

static AwlCode *
compile_function (Compiler    *c,
                  AwlFunction *func,
                  AwlCode     *code)
{
  FuncCtx f = { 0 };
  FuncCtx *saved = c->f;
  Scan scan = { 0 };

  scan.states = g_hash_table_new (NULL, NULL);
  scan_stmt (&scan, func->body);
  scan_expr (&scan, func->body_expr);

  code->func = func;
  code->line = func->loc.line;
  code->is_async = (func->flags & AWL_FUNC_ASYNC) != 0;
  code->is_iterator = scan.has_yield || (func->flags & AWL_FUNC_ITERATOR) != 0;
  code->boxed = function_has_lambda (func);
  code->n_params = func->n_params;
  code->insns = g_array_new (FALSE, FALSE, sizeof (AwlInsn));
  code->klass.name = code->name;
  code->klass.step = awl_interp_step;
  code->klass.free = awl_interp_free;
  if (code->is_async)
    code->klass.flags |= AWL_FRAME_ASYNC;
  if (code->is_async && func->return_kind == AWL_RETURN_VOID && !(func->flags & AWL_FUNC_LAMBDA))
    code->klass.flags |= AWL_FRAME_ASYNC_VOID;
  if (func->flags & AWL_FUNC_ASYNC_VOID)
    code->klass.flags |= AWL_FRAME_ASYNC_VOID;
  if (code->is_iterator)
    {
      if (func->return_kind == AWL_RETURN_ASYNC_ENUMERABLE || code->is_async)
        code->klass.flags = AWL_FRAME_ASYNC | AWL_FRAME_ASYNC_ITERATOR;
      else if (func->return_kind == AWL_RETURN_ENUMERABLE)
        error_extra (c, func->loc.line, func->loc.col,
                  "synchronous iterators (IEnumerable<T> with yield) are not supported by Awaitlab; use IAsyncEnumerable<T>");
    }
  if (scan.n_states > 0)
    code->klass.flags |= AWL_FRAME_HAS_AWAIT;
  if (func->flags & AWL_FUNC_LAMBDA)
    code->klass.flags |= AWL_FRAME_LAMBDA;
  if ((func->flags & AWL_FUNC_LAMBDA) && !code->is_async
      && (expr_returns_task (c, func->body_expr) || stmt_returns_task (c, func->body)))
    code->klass.flags |= AWL_FRAME_RETURNS_TASK;

  func_ctx_init (&f, code, scan.states);
  f.parent = (func->flags & AWL_FUNC_LAMBDA) ? saved : NULL;
  c->f = &f;

  for (guint i = 0; i < func->n_params; i++)
    {
      gboolean dbl = type_is_double (func->params[i]->type);
      guint slot = declare_typed (c, func->params[i]->name, dbl, type_ref_static (func->params[i]->type));
      g_array_index (c->f->bindings, Binding, c->f->bindings->len - 1).width = type_ref_width (func->params[i]->type);
      if (i < G_N_ELEMENTS (code->double_params))
        code->double_params[i] = dbl;
      g_array_index (c->f->bindings, Binding, c->f->bindings->len - 1).by_ref = func->params[i]->by_ref;
      if (code->boxed && !func->params[i]->by_ref)
        {
          emit (c, OP_LOAD, slot);
          emit (c, OP_NEW_BOX, slot);
        }
    }
  f.ret_slot = new_slot (c);

  /* await points for the code view */
  {
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init (&it, scan.states);
    while (g_hash_table_iter_next (&it, &key, &value))
      {
        AwlScenarioAwait p = { code->name, GPOINTER_TO_INT (value) - 1, 0, 0 };
        /* AwlExpr and AwlStmt both start with kind then loc. */
        AwlExpr *e = key;
        p.line = e->loc.line;
        p.col = e->loc.col;
        g_array_append_val (c->prog->await_points, p);
      }
  }

  if (func->body_expr)
    {
      AwlLoc loc = func->body_expr->loc;
      emit_full (c, OP_LINE, loc.line, 0, NULL, loc);
      if (!awl_cx_named_tuple ((AwlCx *) c, func->body_expr, awl_cx_return_tuple_type (func)))
        compile_expr (c, func->body_expr);
      emit_full (c, OP_RETURN, 0, 0, NULL, loc);
    }
  else
    {
      if ((func->flags & AWL_FUNC_CTOR) && func->n_params > 0)
        compile_ctor_init (c, func);
      compile_block_inline (c, func->body);
      emit_full (c, OP_LINE, func->end_line ? func->end_line : func->loc.line, 0, NULL, no_loc);
      emit_const (c, awl_value_null ());
      emit (c, OP_RETURN, 0);
    }

  func_ctx_clear (&f);
  c->f = saved;
  return code;
}

static int
compare_await (gconstpointer a,
               gconstpointer b)
{
  const AwlScenarioAwait *x = a, *y = b;
  if (x->line != y->line)
    return x->line - y->line;
  return x->col - y->col;
}

static void
compile_fields (Compiler *c)
{
  AwlAst *ast = c->unit->ast;
  AwlCode *code = g_new0 (AwlCode, 1);
  FuncCtx f = { 0 };

  code->name = g_strdup ("<static fields>");
  code->klass.name = code->name;
  code->klass.step = awl_interp_step;
  code->klass.free = awl_interp_free;
  code->insns = g_array_new (FALSE, FALSE, sizeof (AwlInsn));
  func_ctx_init (&f, code, g_hash_table_new (NULL, NULL));
  c->f = &f;
  c->outer_name = "<static fields>";

  for (guint i = 0; i < ast->n_fields; i++)
    {
      AwlField *fd = ast->fields[i];
      if (awl_field_is_instance (fd))
        continue;
      c->klass = fd->klass;
      emit_full (c, OP_LINE, fd->loc.line, 0, NULL, fd->loc);
      if (fd->init)
        compile_expr (c, fd->init);
      else
        emit_default (c, fd->type);
      if (type_is_double (fd->type))
        emit (c, OP_TO_DOUBLE, 0);
      emit (c, OP_STORE_FIELD, i);
    }
  emit_const (c, awl_value_null ());
  emit (c, OP_RETURN, 0);
  c->f = NULL;
  func_ctx_clear (&f);
  c->prog->init = code;
  g_ptr_array_add (c->prog->codes, code);
}

static void
code_free (gpointer data)
{
  AwlCode *code = data;
  g_free (code->name);
  if (code->insns)
    g_array_unref (code->insns);
  g_free (code);
}

static void
site_free (gpointer data)
{
  AwlCallSite *site = data;
  g_free (site);
}

static void
class_info_free (gpointer data)
{
  AwlClassInfo *info = data;

  g_ptr_array_unref (info->fields);
  g_hash_table_unref (info->methods);
  g_clear_pointer (&info->is_a, g_hash_table_unref);
  g_clear_pointer (&info->printed, g_array_unref);
  g_free (info->name);
  g_free (info);
}

void
awl_program_free (AwlProgram *prog)
{
  if (prog == NULL)
    return;
  g_ptr_array_unref (prog->codes);
  g_array_unref (prog->consts);
  g_ptr_array_unref (prog->sites);
  g_ptr_array_unref (prog->strings);
  g_array_unref (prog->await_points);
  g_hash_table_unref (prog->classes);
  g_free (prog);
}

AwlProgram *
awl_program_compile (AwlUnit *unit)
{
  AwlProgram *prog = g_new0 (AwlProgram, 1);
  Compiler c = { 0 };
  AwlAst *ast = unit->ast;
  const char *entry = awl_directives_get_entry (unit->directives);

  prog->unit = unit;
  prog->codes = g_ptr_array_new_with_free_func (code_free);
  prog->consts = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  prog->strings = g_ptr_array_new_with_free_func (g_free);
  prog->sites = g_ptr_array_new_with_free_func (site_free);
  prog->await_points = g_array_new (FALSE, FALSE, sizeof (AwlScenarioAwait));
  prog->classes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, class_info_free);
  prog->n_fields = ast->n_fields;

  c.prog = prog;
  c.unit = unit;
  c.front_end_failed = awl_unit_has_errors (unit);
  c.methods = g_hash_table_new (g_str_hash, g_str_equal);
  c.fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  c.qualified = g_ptr_array_new_with_free_func (g_free);
  c.pending_refs = g_array_new (FALSE, FALSE, sizeof (AwlExpr *) * 2);
  c.knobs = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < ast->n_classes; i++)
    {
      AwlClassInfo *info = g_new0 (AwlClassInfo, 1);
      info->name = g_strdup (ast->classes[i]);
      info->fields = g_ptr_array_new ();
      info->methods = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (prog->classes, info->name, info);
    }
  for (guint i = 0; i < ast->n_fields; i++)
    {
      AwlField *f = ast->fields[i];
      if (awl_field_is_instance (f))
        {
          AwlClassInfo *info = g_hash_table_lookup (prog->classes, f->klass);
          g_ptr_array_add (info->fields, (gpointer) f->name);
          continue;
        }
      if (!g_hash_table_contains (c.fields, f->name))
        g_hash_table_insert (c.fields, (gpointer) f->name, GUINT_TO_POINTER (i + 1));
      if (f->klass != NULL)
        {
          char *key = g_strdup_printf ("%s.%s", f->klass, f->name);
          g_ptr_array_add (c.qualified, key);
          if (!g_hash_table_contains (c.fields, key))
            g_hash_table_insert (c.fields, key, GUINT_TO_POINTER (i + 1));
        }
    }
  for (guint i = 0; i < unit->directives->knobs->len; i++)
    {
      AwlKnob *k = g_ptr_array_index (unit->directives->knobs, i);
      g_hash_table_insert (c.knobs, k->name, GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < ast->n_methods; i++)
    {
      AwlCode *code = g_new0 (AwlCode, 1);
      code->name = g_strdup (ast->methods[i]->name);
      code->func = ast->methods[i];
      g_ptr_array_add (prog->codes, code);
      if (!g_hash_table_contains (c.methods, code->name))
        g_hash_table_insert (c.methods, code->name, code);
      if (code->func->flags & AWL_FUNC_INSTANCE)
        {
          AwlClassInfo *info = g_hash_table_lookup (prog->classes, code->func->klass);
          if (info != NULL && !g_hash_table_contains (info->methods, code->name))
            g_hash_table_insert (info->methods, code->name, code);
        }
      if (code->func->klass != NULL)
        {
          char *key = g_strdup_printf ("%s.%s", code->func->klass, code->name);
          g_ptr_array_add (c.qualified, key);
          if (!g_hash_table_contains (c.methods, key))
            g_hash_table_insert (c.methods, key, code);
        }
    }

  awl_classes_link (prog, ast, c.methods, c.fields, c.qualified);
  for (guint i = 0; i < ast->n_classes; i++)
    if (awl_ast_get_class (ast, ast->classes[i]) != NULL &&
        (awl_ast_get_class (ast, ast->classes[i])->flags & AWL_CLASS_STRUCT))
      c.has_structs = TRUE;
  compile_fields (&c);

  for (guint i = 0; i < ast->n_methods; i++)
    {
      AwlCode *code = g_ptr_array_index (prog->codes, i);
      c.lambda_counter = 0;
      c.outer_name = code->name;
      c.klass = ast->methods[i]->klass;
      compile_function (&c, ast->methods[i], code);
    }

  prog->entry = g_hash_table_lookup (c.methods, entry);
  if (prog->entry == NULL)
    error_at (&c, unit->directives->last_line ? unit->directives->last_line : 1, 1,
              "the entry method `%s` is not defined (add it or name another one with @entry)", entry);
  else if (prog->entry->func->flags & AWL_FUNC_INSTANCE)
    prog->entry = awl_cx_instance_entry ((AwlCx *) &c, prog->entry);   /* a form's handler */
  else if (prog->entry->func->n_params > 0)
    {
      for (guint i = 0; i < prog->entry->func->n_params; i++)
        if (prog->entry->func->params[i]->default_value == NULL)
          prog->entry_takes_args = TRUE;
    }

  g_array_sort (prog->await_points, compare_await);
  awl_diagnostics_sort (unit->diagnostics);

  g_hash_table_unref (c.methods);
  g_hash_table_unref (c.fields);
  g_ptr_array_unref (c.qualified);
  g_array_unref (c.pending_refs);
  g_hash_table_unref (c.knobs);

  if (c.n_errors > 0)
    {
      awl_program_free (prog);
      return NULL;
    }
  return prog;
}

/* ----------------------------------------------------------------------------- */
/* What awl-compile-everyday.c may use (see awl-compile-ext.h) */

guint awl_cx_emit (AwlCx *c, AwlOp op, gint32 a, gint32 b, gpointer p, AwlLoc loc)
{ return emit_full ((Compiler *) c, op, a, b, p, loc); }
guint awl_cx_here (AwlCx *c) { return here ((Compiler *) c); }
void awl_cx_patch (AwlCx *c, guint at, guint target) { patch ((Compiler *) c, at, target); }
guint awl_cx_new_slot (AwlCx *c) { return new_slot ((Compiler *) c); }
void awl_cx_const (AwlCx *c, AwlValue v) { emit_const ((Compiler *) c, v); }
void awl_cx_string (AwlCx *c, const char *s) { emit_string ((Compiler *) c, s); }
const char *awl_cx_own_string (AwlCx *c, const char *s) { return own_string ((Compiler *) c, s); }
void awl_cx_expr (AwlCx *c, AwlExpr *e) { compile_expr ((Compiler *) c, e); }
void awl_cx_store_name (AwlCx *c, AwlExpr *target) { compile_store_target ((Compiler *) c, target); }
void awl_cx_scope_push (AwlCx *c) { scope_push ((Compiler *) c); }
void awl_cx_scope_pop (AwlCx *c) { scope_pop ((Compiler *) c); }
AwlProgram *awl_cx_program (AwlCx *c) { return ((Compiler *) c)->prog; }
AwlAst *awl_cx_ast (AwlCx *c) { return ((Compiler *) c)->unit->ast; }
const char *awl_cx_class (AwlCx *c) { return ((Compiler *) c)->klass; }
GArray *awl_cx_pending_refs (AwlCx *c) { return ((Compiler *) c)->pending_refs; }
AwlFunction *awl_cx_function (AwlCx *c) { return ((Compiler *) c)->f ? ((Compiler *) c)->f->code->func : NULL; }

void
awl_cx_error (AwlCx *c, AwlLoc loc, const char *message)
{
  error_at ((Compiler *) c, loc.line, loc.col, "%s", message);
}

AwlCallSite *
awl_cx_site (AwlCx *c, const char *type, const char *member, guint n_args, AwlLoc loc)
{
  AwlCallSite *site = new_site ((Compiler *) c, type, member, NULL, 0, loc);

  site->n_args = n_args;
  return site;
}

void
awl_cx_declare_store (AwlCx *cx, const char *name, AwlTypeRef *type)
{
  Compiler *c = (Compiler *) cx;
  gboolean dbl = type_is_double (type);
  guint slot = declare_typed (c, name, dbl, type ? type_ref_static (type) : TY_UNKNOWN);

  g_array_index (c->f->bindings, Binding, c->f->bindings->len - 1).width = type_ref_width (type);
  if (dbl)
    emit (c, OP_TO_DOUBLE, 0);
  emit_declare_store (c, slot);
}
void awl_cx_default (AwlCx *c, AwlTypeRef *type) { emit_default ((Compiler *) c, type); }
void awl_cx_stmt (AwlCx *c, AwlStmt *s) { compile_stmt ((Compiler *) c, s); }

void
awl_cx_call_method (AwlCx *cx, AwlExpr *e, const char *klass, const char *name, AwlArg *args, guint n_args)
{
  Compiler *c = (Compiler *) cx;
  g_autofree char *key = g_strdup_printf ("%s.%s", klass, name);
  AwlCode *code = g_hash_table_lookup (c->methods, key);

  if (code == NULL)
    {
      emit_const (c, awl_value_null ());
      return;
    }
  compile_method_call (c, e, code, args, n_args, name, NULL, FALSE);
}
void awl_cx_switch_push (AwlCx *c) { loop_push ((Compiler *) c)->is_switch = TRUE; }
void awl_cx_switch_pop (AwlCx *c, guint break_target) { loop_pop ((Compiler *) c, break_target, break_target); }

AwlCode *
awl_cx_compile_extra (AwlCx *cx, AwlFunction *func, const char *name)
{
  Compiler *c = (Compiler *) cx;
  AwlCode *code = g_new0 (AwlCode, 1);

  code->name = g_strdup (name);
  code->func = func;
  g_ptr_array_add (c->prog->codes, code);
  c->lambda_counter = 0;
  c->outer_name = code->name;
  c->klass = func->klass;
  return compile_function (c, func, code);
}
