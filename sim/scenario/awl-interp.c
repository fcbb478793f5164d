/* awl-interp.c
 *
 * The interpreter frame: an AwlFrame subclass that executes a compiled function's
 * instructions until it needs a runtime action (call, await, CPU, blocking wait, …),
 * answers it, and continues where it left off when the runtime steps it again. The
 * operand stack lives in the frame, so an `await` in the middle of an expression just
 * works.
 */

#include <math.h>
#include <string.h>

#include "awl-objects.h"

/* Instructions run per step before the frame yields, so that a busy loop lets the
 * runtime count events and honour cancellation. */
#define STEP_BUDGET 4096

typedef struct
{
  guint pc;
  guint sp;
} Handler;

typedef struct
{
  AwlFrame     parent;
  AwlRun      *run;
  AwlCode     *code;
  guint        pc;
  AwlValue    *slots;
  AwlValue    *stack;
  guint        sp;
  guint        stack_cap;
  AwlEnv      *env;
  GArray      *handlers;   /* Handler */
  gboolean     resume_push;
  gint         materialize_at;  /* stack index replaced by the materialized list, or -1 */
  gboolean     has_override;
  AwlValue     override;
  AwlObject   *when_all;
  gboolean     init_pending;
} IFrame;

static inline void
push (IFrame   *f,
      AwlValue  v)
{
  if (G_UNLIKELY (f->sp == f->stack_cap))
    {
      f->stack_cap = MAX (16, f->stack_cap * 2);
      f->stack = g_renew (AwlValue, f->stack, f->stack_cap);
    }
  f->stack[f->sp++] = v;
}

static inline AwlValue
pop (IFrame *f)
{
  g_assert (f->sp > 0);
  return f->stack[--f->sp];
}

static inline AwlValue
peek (IFrame *f)
{
  g_assert (f->sp > 0);
  return f->stack[f->sp - 1];
}

void
awl_interp_free (AwlFrame *frame)
{
  IFrame *f = (IFrame *) frame;
  g_free (f->slots);
  g_free (f->stack);
  if (f->handlers)
    g_array_unref (f->handlers);
  g_free (f);
}


AwlFrame *
awl_interp_frame_new (AwlRun         *run,
                      AwlCode        *code,
                      const AwlValue *args,
                      guint           n_args,
                      gpointer        env)
{
  IFrame *f = g_new0 (IFrame, 1);

  g_assert (code->klass.step == awl_interp_step);
  awl_frame_init (&f->parent, &code->klass);
  f->run = run;
  f->code = code;
  f->env = env;
  f->slots = g_new0 (AwlValue, MAX (code->n_slots, 1));
  for (guint i = 0; i < code->n_params; i++)
    {
      AwlValue v = i < n_args ? args[i] : awl_value_null ();
      if (i == 0 && code->func != NULL && (code->func->flags & AWL_FUNC_INSTANCE))
        v = awl_script_object_of (v);
      if (i < G_N_ELEMENTS (code->double_params) && code->double_params[i] && v.kind == AWL_VALUE_INT)
        v = awl_value_double ((double) v.i);
      f->slots[i] = v;
    }
  f->materialize_at = -1;
  f->parent.line = code->line;
  return &f->parent;
}

/* ----------------------------------------------------------------------------- */

static AwlObject *
runtime_exception (IFrame     *f,
                   const char *type,
                   const char *message)
{
  AwlObject *e = awl_scn_exception (f->run->sim, type, message);
  awl_sim_exception_set_line (f->run->sim, e, f->parent.line);
  return e;
}

/* Delivers @exc to the innermost handler; FALSE (after answering throw) if none. */
static gboolean
raise_exc (IFrame    *f,
       AwlStep   *s,
       AwlObject *exc)
{
  if (f->handlers && f->handlers->len > 0)
    {
      Handler h = g_array_index (f->handlers, Handler, f->handlers->len - 1);
      g_array_set_size (f->handlers, f->handlers->len - 1);
      f->sp = h.sp;
      push (f, awl_value_object (exc));
      f->pc = h.pc;
      return TRUE;
    }
  awl_step_throw (s, exc);
  return FALSE;
}

static gboolean
truthy (AwlValue v)
{
  switch (v.kind)
    {
    case AWL_VALUE_BOOL: return v.b;
    case AWL_VALUE_INT: return v.i != 0;
    case AWL_VALUE_DOUBLE: return v.d != 0;
    case AWL_VALUE_NULL: return FALSE;
    default: return TRUE;
    }
}

static gboolean
is_number (AwlValue v)
{
  return v.kind == AWL_VALUE_INT || v.kind == AWL_VALUE_DOUBLE;
}

static double
to_double (AwlValue v)
{
  return v.kind == AWL_VALUE_INT ? (double) v.i : v.kind == AWL_VALUE_DOUBLE ? v.d : 0;
}

/* Binary operators; FALSE with *exc set on a run-time fault. */
/* Integer operators in C#'s type @w: wrap-around, shift counts masked to the width,
 * unsigned division and comparison, MinValue / -1 an OverflowException. */
static gboolean
int_binary (IFrame      *f,
            AwlBinaryOp  op,
            AwlIntWidth  w,
            gint64       ai,
            gint64       bi,
            AwlValue    *out,
            AwlObject  **exc)
{
  guint64 x = (guint64) ai, y = (guint64) bi;
  gboolean narrow = w == AWL_INT_I32 || w == AWL_INT_U32;
  guint shift = (guint) (bi & (narrow ? 31 : 63));
  gint64 r;

  switch (op)
    {
    case AWL_BINARY_ADD: r = (gint64) (x + y); break;
    case AWL_BINARY_SUB: r = (gint64) (x - y); break;
    case AWL_BINARY_MUL: r = (gint64) (x * y); break;
    case AWL_BINARY_DIV:
    case AWL_BINARY_MOD:
      if (bi == 0)
        {
          *exc = runtime_exception (f, "DivideByZeroException", "Attempted to divide by zero.");
          return FALSE;
        }
      if (bi == -1 && ((w == AWL_INT_I32 && ai == G_MININT32) ||
                       ((w == AWL_INT_I64 || w == AWL_INT_ANY) && ai == G_MININT64)))
        {
          /* .NET raises this for the remainder too (x64 idiv faults). */
          *exc = runtime_exception (f, "OverflowException", "Arithmetic operation resulted in an overflow.");
          return FALSE;
        }
      if (w == AWL_INT_U64)
        r = (gint64) (op == AWL_BINARY_DIV ? x / y : x % y);
      else
        r = op == AWL_BINARY_DIV ? ai / bi : ai % bi;
      break;
    case AWL_BINARY_SHL: r = (gint64) (x << shift); break;
    case AWL_BINARY_SHR:
      r = w == AWL_INT_U64 ? (gint64) (x >> shift)
        : w == AWL_INT_U32 ? (gint64) ((guint32) x >> shift)
        : ai >> shift;
      break;
    case AWL_BINARY_BIT_AND: r = ai & bi; break;
    case AWL_BINARY_BIT_OR: r = ai | bi; break;
    case AWL_BINARY_BIT_XOR: r = ai ^ bi; break;
    case AWL_BINARY_LT: *out = awl_value_bool (w == AWL_INT_U64 ? x < y : ai < bi); return TRUE;
    case AWL_BINARY_LE: *out = awl_value_bool (w == AWL_INT_U64 ? x <= y : ai <= bi); return TRUE;
    case AWL_BINARY_GT: *out = awl_value_bool (w == AWL_INT_U64 ? x > y : ai > bi); return TRUE;
    case AWL_BINARY_GE: *out = awl_value_bool (w == AWL_INT_U64 ? x >= y : ai >= bi); return TRUE;
    default:
      return FALSE;
    }
  *out = awl_value_int (awl_int_wrap (r, w));
  return TRUE;
}

static gboolean
binary (IFrame     *f,
        AwlBinaryOp op,
        AwlIntWidth width,
        AwlValue    a,
        AwlValue    b,
        AwlValue   *out,
        AwlObject **exc)
{
  AwlSim *sim = f->run->sim;

  if (awl_timespan_binary (sim, op, a, b, out) || awl_datetime_binary (sim, op, a, b, out))
    return TRUE;
  if (op == AWL_BINARY_EQ || op == AWL_BINARY_NE)
    {
      gboolean eq;
      if (!awl_record_equal (a, b, &eq))
        eq = awl_value_equal (a, b);
      *out = awl_value_bool (op == AWL_BINARY_EQ ? eq : !eq);
      return TRUE;
    }

  /* Delegates combine (events: handler += OnClick). */
  if ((op == AWL_BINARY_ADD || op == AWL_BINARY_SUB) && a.kind != AWL_VALUE_STRING &&
      b.kind != AWL_VALUE_STRING && awl_delegate_combine (sim, a, b, op == AWL_BINARY_SUB, out))
    return TRUE;

  if (op == AWL_BINARY_ADD && (a.kind == AWL_VALUE_STRING || b.kind == AWL_VALUE_STRING ||
                               (!is_number (a) && !is_number (b) && a.kind != AWL_VALUE_BOOL)))
    {
      g_autoptr(GString) str = NULL;

      /* s = s + s in a loop doubles: charge the copy before making it. */
      if (a.kind == AWL_VALUE_STRING && b.kind == AWL_VALUE_STRING &&
          !awl_run_charge (f->run, 1, strlen (a.s) + strlen (b.s)))
        {
          *out = awl_value_string ("");
          return TRUE;
        }
      str = g_string_new (NULL);
      awl_scn_value_format (a, str);
      awl_scn_value_format (b, str);
      *out = awl_value_string (a.kind == AWL_VALUE_STRING && b.kind == AWL_VALUE_STRING
                               ? awl_sim_intern (sim, str->str) : awl_run_intern (f->run, str->str));
      return TRUE;
    }

  if (a.kind == AWL_VALUE_BOOL && b.kind == AWL_VALUE_BOOL)
    {
      switch (op)
        {
        case AWL_BINARY_BIT_AND: *out = awl_value_bool (a.b && b.b); return TRUE;
        case AWL_BINARY_BIT_OR:  *out = awl_value_bool (a.b || b.b); return TRUE;
        case AWL_BINARY_BIT_XOR: *out = awl_value_bool (!a.b != !b.b); return TRUE;
        default: break;
        }
    }

  if (is_number (a) && is_number (b))
    {
      if (a.kind == AWL_VALUE_INT && b.kind == AWL_VALUE_INT)
        {
          *exc = NULL;
          if (int_binary (f, op, width, a.i, b.i, out, exc))
            return TRUE;
          if (*exc != NULL)
            return FALSE;
        }
      else
        {
          double x = to_double (a), y = to_double (b);
          switch (op)
            {
            case AWL_BINARY_ADD: *out = awl_value_double (x + y); return TRUE;
            case AWL_BINARY_SUB: *out = awl_value_double (x - y); return TRUE;
            case AWL_BINARY_MUL: *out = awl_value_double (x * y); return TRUE;
            case AWL_BINARY_DIV: *out = awl_value_double (x / y); return TRUE;
            case AWL_BINARY_MOD: *out = awl_value_double (fmod (x, y)); return TRUE;
            case AWL_BINARY_LT: *out = awl_value_bool (x < y); return TRUE;
            case AWL_BINARY_LE: *out = awl_value_bool (x <= y); return TRUE;
            case AWL_BINARY_GT: *out = awl_value_bool (x > y); return TRUE;
            case AWL_BINARY_GE: *out = awl_value_bool (x >= y); return TRUE;
            default: break;
            }
        }
    }

  if (a.kind == AWL_VALUE_NULL || b.kind == AWL_VALUE_NULL)
    {
      /* Lifted operators on nullables: comparisons are false, arithmetic is null. */
      if (op >= AWL_BINARY_LT && op <= AWL_BINARY_GE)
        *out = awl_value_bool (FALSE);
      else
        *out = awl_value_null ();
      return TRUE;
    }

  *exc = runtime_exception (f, "InvalidOperationException",
                            awl_sim_intern_printf (sim, "Operator '%s' cannot be applied to operands of type '%s' and '%s'",
                                                   awl_binary_op_to_string (op),
                                                   awl_value_describe_type (a), awl_value_describe_type (b)));
  return FALSE;
}

static gboolean
unary (IFrame     *f,
       AwlUnaryOp  op,
       AwlValue    a,
       AwlValue   *out,
       AwlObject **exc)
{
  switch (op)
    {
    case AWL_UNARY_NOT:
      *out = awl_value_bool (!truthy (a));
      return TRUE;
    case AWL_UNARY_NEG:
      if (a.kind == AWL_VALUE_INT) { *out = awl_value_int ((gint64) (0 - (guint64) a.i)); return TRUE; }
      if (a.kind == AWL_VALUE_DOUBLE) { *out = awl_value_double (-a.d); return TRUE; }
      break;
    case AWL_UNARY_PLUS:
      if (is_number (a)) { *out = a; return TRUE; }
      break;
    case AWL_UNARY_BIT_NOT:
      if (a.kind == AWL_VALUE_INT) { *out = awl_value_int (~a.i); return TRUE; }
      break;
    default:
      break;
    }
  if (a.kind == AWL_VALUE_NULL)
    {
      *out = awl_value_null ();
      return TRUE;
    }
  *exc = runtime_exception (f, "InvalidOperationException",
                            awl_sim_intern_printf (f->run->sim, "Operator '%s' cannot be applied to an operand of type '%s'",
                                                   awl_unary_op_to_string (op), awl_value_describe_type (a)));
  return FALSE;
}

static AwlBox *
box_new (AwlSim   *sim,
         AwlValue  v)
{
  AwlBox *b = awl_sim_foreign_new (sim, &awl_box_class, sizeof (AwlBox));
  b->v = v;
  return b;
}

static AwlBox *
slot_box (IFrame *f,
          guint   slot)
{
  AwlBox *b = awl_value_get_foreign (f->slots[slot], &awl_box_class);
  if (b == NULL)
    {
      /* A variable declared on a path not taken yet (definite assignment makes this
       * rare): give it a box now. */
      b = box_new (f->run->sim, f->slots[slot]);
      f->slots[slot] = awl_value_object (b);
    }
  return b;
}

static AwlBox *
up_box (IFrame *f,
        guint   depth,
        guint   slot)
{
  AwlEnv *env = f->env;
  for (guint i = 1; i < depth && env; i++)
    env = env->up;
  if (env == NULL || slot >= env->n_slots)
    return NULL;
  return awl_value_get_foreign (env->slots[slot], &awl_box_class);
}

static AwlEnv *
capture_env (IFrame *f)
{
  AwlEnv *env = awl_sim_foreign_new (f->run->sim, &awl_env_class, sizeof (AwlEnv));
  env->n_slots = f->code->n_slots;
  env->slots = g_memdup2 (f->slots, sizeof (AwlValue) * MAX (env->n_slots, 1));
  env->up = f->env;
  return env;
}

static int
find_lazy (IFrame *f,
           guint   from)
{
  for (guint i = from; i < f->sp; i++)
    if (awl_value_get_foreign (f->stack[i], &awl_lazy_class))
      return i;
  return -1;
}

/* Starts materializing the lazy query at stack index @at; the instruction at pc is
 * executed again when the list comes back. */
static void
materialize (IFrame  *f,
             AwlStep *s,
             int      at)
{
  AwlLazy *lazy = awl_value_get_foreign (f->stack[at], &awl_lazy_class);
  f->materialize_at = at;
  awl_step_call (s, awl_materialize_frame (f->run, lazy));
}

/* An object of the script whose class overrides ToString, at stack index @from or
 * above: calls the override, and the instruction runs again with the string in
 * the object's place (Console.WriteLine(obj), $"{obj}", "x" + obj). */
static gboolean
user_to_string (IFrame  *f,
                AwlStep *s,
                guint    from)
{
  for (guint i = from; i < f->sp; i++)
    {
      AwlInstance *inst = awl_value_get_foreign (f->stack[i], &awl_instance_class);
      AwlCode *code = inst != NULL ? g_hash_table_lookup (inst->klass->methods, "ToString") : NULL;

      if (code != NULL && code->func != NULL && code->func->n_params == 1)
        {
          f->pc--;
          f->materialize_at = i;
          awl_step_call (s, awl_interp_frame_new (f->run, code, &f->stack[i], 1, NULL));
          return TRUE;
        }
    }
  return FALSE;
}

static void
do_interp (IFrame  *f,
           AwlInsn *insn)
{
  AwlExpr *e = insn->p;
  g_autoptr(GString) str = g_string_new (NULL);
  guint n = insn->a, k = 0;
  AwlValue *holes = &f->stack[f->sp - n];

  for (guint i = 0; i < e->interp.n_parts; i++)
    {
      AwlInterpPart *part = &e->interp.parts[i];
      if (part->expr == NULL)
        g_string_append (str, part->text ? part->text : "");
      else
        awl_format_with (holes[k++], part->format, part->alignment, part->has_alignment, str);
    }
  f->sp -= n;
  push (f, awl_value_string (awl_run_intern (f->run, str->str)));
}

static gboolean
is_type (AwlValue    v,
         const char *type)
{
  AwlObject *o;
  if (v.kind == AWL_VALUE_NULL)
    return FALSE;
  if (g_str_equal (type, "object") || g_str_equal (type, "Object"))
    return TRUE;
  if (awl_value_get_foreign (v, &awl_instance_class) != NULL)
    return awl_instance_is_a (v, type);
  if ((o = awl_value_get_object (v, AWL_OBJECT_EXCEPTION)))
    return awl_exception_is_a (o, type);
  switch (v.kind)
    {
    case AWL_VALUE_BOOL: return g_str_equal (type, "bool");
    case AWL_VALUE_INT: return g_str_equal (type, "int") || g_str_equal (type, "long");
    case AWL_VALUE_DOUBLE: return g_str_equal (type, "double");
    case AWL_VALUE_STRING: return g_str_equal (type, "string") || g_str_equal (type, "String");
    default: break;
    }
  return g_str_has_prefix (type, awl_value_describe_type (v));
}

/* Prepares a builtin call with the operands on the stack. */
static void
bi_init (IFrame    *f,
         AwlStep   *s,
         AwlBiCall *call,
         AwlInsn   *insn,
         guint      n_args,
         gboolean   has_target)
{
  memset (call, 0, sizeof *call);
  call->run = f->run;
  call->sim = f->run->sim;
  call->s = s;
  call->frame = &f->parent;
  call->site = insn->p;
  call->n_args = n_args;
  call->args = &f->stack[f->sp - n_args];
  if (has_target)
    call->target = f->stack[f->sp - n_args - 1];
}

/* Applies a builtin's answer. Returns TRUE to keep running instructions. */
static gboolean
bi_finish (IFrame      *f,
           AwlStep     *s,
           AwlBiCall   *call,
           AwlBiResult  r,
           guint        n_pop)
{
  f->sp -= n_pop;
  switch (r)
    {
    case BI_VALUE:
      push (f, call->result);
      return TRUE;
    case BI_VALUE_YIELD:
      push (f, call->result);
      awl_step_continue (s);
      return FALSE;
    case BI_ACTION:
      f->resume_push = TRUE;
      f->has_override = call->has_override;
      f->override = call->override;
      f->when_all = call->when_all;
      return FALSE;
    case BI_THROW:
    default:
      if (awl_exception_get_line (call->exception) == 0)
        awl_sim_exception_set_line (f->run->sim, call->exception, f->parent.line);
      return raise_exc (f, s, call->exception);
    }
}

static void
run (IFrame  *f,
     AwlStep *s)
{
  AwlRun *r = f->run;
  AwlSim *sim = r->sim;
  AwlInsn *insns = (AwlInsn *) f->code->insns->data;
  guint budget = STEP_BUDGET;
  AwlObject *exc = NULL;
  AwlValue a, b, v;

  for (;;)
    {
      AwlInsn *insn;

      if (G_UNLIKELY (--budget == 0))
        {
          r->insns += STEP_BUDGET;
          if (r->insns > r->insn_limit)
            {
              /* A runaway loop: end the run naming the budget. */
              r->insns -= STEP_BUDGET;
              awl_run_charge (r, STEP_BUDGET, 0);
              r->stopped = TRUE;
            }
          else
            {
              awl_step_continue (s);
              return;
            }
        }
      if (G_UNLIKELY (r->stopped))
        {
          /* A budget ran out (here or in a built-in): burn a slice of CPU to get
           * back to the runtime's event loop, which ends the run there. */
          f->pc = MAX (f->pc, 1) - 1;
          awl_step_cpu (s, AWL_MS (1));
          return;
        }

      insn = &insns[f->pc++];
      switch ((AwlOp) insn->op)
        {
        case OP_NOP:
          break;
        case OP_LINE:
          f->parent.line = insn->a;
          if (r->lines_seen && insn->a > 0 && (guint) insn->a < r->n_lines_seen)
            r->lines_seen[insn->a] = TRUE;
          break;
        case OP_CONST:
          push (f, r->consts[insn->a]);
          break;
        case OP_POP:
          f->sp--;
          break;
        case OP_DUP:
          push (f, peek (f));
          break;
        case OP_DUP2:
          a = f->stack[f->sp - 2];
          b = f->stack[f->sp - 1];
          push (f, a);
          push (f, b);
          break;
        case OP_SWAP:
          a = f->stack[f->sp - 2];
          f->stack[f->sp - 2] = f->stack[f->sp - 1];
          f->stack[f->sp - 1] = a;
          break;
        case OP_LOAD:
          push (f, f->slots[insn->a]);
          break;
        case OP_STORE:
          f->slots[insn->a] = pop (f);
          break;
        case OP_LOAD_BOX:
          push (f, slot_box (f, insn->a)->v);
          break;
        case OP_STORE_BOX:
          slot_box (f, insn->a)->v = pop (f);
          break;
        case OP_NEW_BOX:
          f->slots[insn->a] = awl_value_object (box_new (sim, pop (f)));
          break;
        case OP_LOAD_UP:
          {
            AwlBox *bx = up_box (f, insn->a, insn->b);
            push (f, bx ? bx->v : awl_value_null ());
            break;
          }
        case OP_STORE_UP:
          {
            AwlBox *bx = up_box (f, insn->a, insn->b);
            v = pop (f);
            if (bx)
              bx->v = v;
            break;
          }
        case OP_LOAD_FIELD:
          push (f, r->fields[insn->a]);
          break;
        case OP_STORE_FIELD:
          r->fields[insn->a] = pop (f);
          break;
        case OP_LOAD_KNOB:
          push (f, r->knobs[insn->a]);
          break;
        case OP_UNARY:
          a = pop (f);
          if (!unary (f, insn->a, a, &v, &exc))
            goto throw_exc;
          push (f, v);
          break;
        case OP_BINARY:
          if (insn->a == AWL_BINARY_ADD && (f->stack[f->sp - 1].kind == AWL_VALUE_STRING ||
                                            f->stack[f->sp - 2].kind == AWL_VALUE_STRING) &&
              user_to_string (f, s, f->sp - 2))
            return;
          b = pop (f);
          a = pop (f);
          if (!binary (f, insn->a, insn->b, a, b, &v, &exc))
            goto throw_exc;
          push (f, v);
          break;
        case OP_TO_DOUBLE:
          if (peek (f).kind == AWL_VALUE_INT)
            f->stack[f->sp - 1] = awl_value_double ((double) peek (f).i);
          break;
        case OP_TO_INT:
          if (peek (f).kind == AWL_VALUE_DOUBLE)
            {
              double d = peek (f).d;
              f->stack[f->sp - 1] = awl_value_int (isfinite (d) && fabs (d) < 9.2e18 ? (gint64) d : G_MININT64);
            }
          /* (int) 4000000000L, int x = … past int.MaxValue: C#'s unchecked wrap. */
          if (insn->b != AWL_INT_ANY && peek (f).kind == AWL_VALUE_INT)
            f->stack[f->sp - 1] = awl_value_int (awl_int_wrap (peek (f).i, insn->b));
          break;
        case OP_JUMP:
          f->pc = insn->a;
          break;
        case OP_JUMP_IF_FALSE:
          if (!truthy (pop (f)))
            f->pc = insn->a;
          break;
        case OP_JUMP_IF_TRUE:
          if (truthy (pop (f)))
            f->pc = insn->a;
          break;
        case OP_JUMP_IF_FALSE_OR_POP:
          if (!truthy (peek (f)))
            f->pc = insn->a;
          else
            f->sp--;
          break;
        case OP_JUMP_IF_TRUE_OR_POP:
          if (truthy (peek (f)))
            f->pc = insn->a;
          else
            f->sp--;
          break;
        case OP_JUMP_IF_NOT_NULL_OR_POP:
          if (!awl_value_is_null (peek (f)))
            f->pc = insn->a;
          else
            f->sp--;
          break;
        case OP_JUMP_IF_NULL_KEEP:
          if (awl_value_is_null (peek (f)))
            f->pc = insn->a;
          break;

        case OP_CALL_METHOD:
          {
            AwlCode *code = insn->p;
            AwlFrame *callee;
            if (insn->b == 1)
              {
                /* A virtual call: the receiver's class has the method to run. */
                AwlValue self = awl_script_object_of (f->stack[f->sp - insn->a]);
                AwlInstance *inst = awl_value_get_foreign (self, &awl_instance_class);
                AwlCode *override = inst != NULL ? g_hash_table_lookup (inst->klass->methods, code->name) : NULL;
                if (awl_value_is_null (self))
                  {
                    exc = runtime_exception (f, "NullReferenceException", "Object reference not set to an instance of an object.");
                    goto throw_exc;
                  }
                if (override != NULL)
                  code = override;
              }
            callee = awl_interp_frame_new (r, code, &f->stack[f->sp - insn->a], insn->a, NULL);
            f->sp -= insn->a;
            f->resume_push = TRUE;
            awl_step_call (s, callee);
            return;
          }
        case OP_CALL_VALUE:
          {
            AwlValue callee = f->stack[f->sp - insn->a - 1];
            AwlClosure *cl = awl_value_get_foreign (callee, &awl_closure_class);
            AwlList *multicast = awl_value_get_foreign (callee, &awl_multicast_class);
            AwlFrame *frame;

            if (awl_value_get_foreign (callee, &awl_post_callback_class) != NULL)
              {
                /* d(state) in a SynchronizationContext's Post: the continuation runs here. */
                AwlBiCall call;
                bi_init (f, s, &call, insn, insn->a, TRUE);
                if (!bi_finish (f, s, &call, awl_post_callback_invoke (&call), insn->a + 1))
                  return;
                break;
              }

            if (multicast != NULL)
              {
                frame = awl_multicast_frame_new (r, multicast, &f->stack[f->sp - insn->a], insn->a);
                f->sp -= insn->a + 1;
                f->resume_push = TRUE;
                awl_step_call (s, frame);
                return;
              }
            if (cl == NULL)
              {
                exc = runtime_exception (f, awl_value_is_null (callee) ? "NullReferenceException" : "InvalidOperationException",
                                         awl_value_is_null (callee) ? "Object reference not set to an instance of an object."
                                                                    : "the value is not a delegate");
                goto throw_exc;
              }
            frame = awl_closure_frame (r, cl, &f->stack[f->sp - insn->a], insn->a);
            f->sp -= insn->a + 1;
            f->resume_push = TRUE;
            awl_step_call (s, frame);
            return;
          }
        case OP_CALL_STATIC:
        case OP_NEW:
          {
            AwlBiCall call;
            int lz = find_lazy (f, f->sp - insn->a);
            if (lz >= 0)
              {
                f->pc--;
                materialize (f, s, lz);
                return;
              }
            if (insn->op == OP_CALL_STATIC && ((AwlCallSite *) insn->p)->type != NULL &&
                g_str_equal (((AwlCallSite *) insn->p)->type, "Console") &&
                user_to_string (f, s, f->sp - insn->a))
              return;
            bi_init (f, s, &call, insn, insn->a, FALSE);
            if (!bi_finish (f, s, &call,
                            insn->op == OP_NEW ? awl_builtin_new (&call) : awl_builtin_call_static (&call),
                            insn->a))
              return;
            break;
          }
        case OP_GET_STATIC:
          {
            AwlBiCall call;
            bi_init (f, s, &call, insn, 0, FALSE);
            if (!bi_finish (f, s, &call, awl_builtin_get_static (&call), 0))
              return;
            break;
          }
        case OP_CALL_MEMBER:
          {
            AwlBiCall call;
            AwlCallSite *site = insn->p;
            gboolean lazy_ok = g_str_equal (site->member, "Select") || g_str_equal (site->member, "Where");
            int lz = find_lazy (f, f->sp - insn->a - (lazy_ok ? 0 : 1));
            if (lz >= 0)
              {
                f->pc--;
                materialize (f, s, lz);
                return;
              }
            bi_init (f, s, &call, insn, insn->a, TRUE);
            if (!bi_finish (f, s, &call, awl_builtin_call_member (&call), insn->a + 1))
              return;
            break;
          }
        case OP_GET_MEMBER:
          {
            AwlBiCall call;
            int lz = find_lazy (f, f->sp - 1);
            if (lz >= 0)
              {
                f->pc--;
                materialize (f, s, lz);
                return;
              }
            bi_init (f, s, &call, insn, 0, TRUE);
            if (!bi_finish (f, s, &call, awl_builtin_get_member (&call), 1))
              return;
            break;
          }
        case OP_SET_MEMBER:
          {
            AwlBiCall call;
            AwlBiResult res;
            bi_init (f, s, &call, insn, 1, TRUE);
            v = f->stack[f->sp - 1];
            res = awl_builtin_set_member (&call);
            if (res == BI_VALUE)
              {
                f->sp -= 2;
                if (insn->a)
                  push (f, v);
                break;
              }
            if (res == BI_ACTION)
              {
                /* A property setter runs: the assignment's value is the value set. */
                f->sp -= 2;
                f->resume_push = insn->a != 0;
                f->has_override = TRUE;
                f->override = v;
                f->when_all = NULL;
                return;
              }
            if (!bi_finish (f, s, &call, res, 2))
              return;
            break;
          }
        case OP_INDEX_GET:
          {
            AwlBiCall call;
            int lz = find_lazy (f, f->sp - 2);
            if (lz >= 0)
              {
                f->pc--;
                materialize (f, s, lz);
                return;
              }
            bi_init (f, s, &call, insn, 1, TRUE);
            if (!bi_finish (f, s, &call, awl_builtin_index_get (&call), 2))
              return;
            break;
          }
        case OP_INDEX_SET:
          {
            AwlBiCall call;
            AwlBiResult res;
            bi_init (f, s, &call, insn, 2, TRUE);
            v = f->stack[f->sp - 1];
            res = awl_builtin_index_set (&call);
            if (res == BI_VALUE)
              {
                f->sp -= 3;
                if (insn->a)
                  push (f, v);
                break;
              }
            if (!bi_finish (f, s, &call, res, 3))
              return;
            break;
          }
        case OP_NEW_ARRAY:
          {
            AwlList *l = awl_list_new_from (sim, TRUE, &f->stack[f->sp - insn->a], insn->a);
            f->sp -= insn->a;
            push (f, awl_value_object (l));
            break;
          }
        case OP_NEW_ARRAY_SIZE:
          {
            AwlList *l;
            AwlValue def;
            a = pop (f);
            if (a.kind != AWL_VALUE_INT || a.i < 0)
              {
                exc = runtime_exception (f, "OverflowException", "Arithmetic operation resulted in an overflow.");
                goto throw_exc;
              }
            if (!awl_run_charge (r, a.i / 4 + 1, (guint64) a.i * sizeof (AwlValue)))
              {
                push (f, awl_value_null ());
                break;
              }
            l = awl_list_new (sim, TRUE);
            def = insn->b == 1 ? awl_value_int (0) : insn->b == 2 ? awl_value_double (0) :
                  insn->b == 3 ? awl_value_bool (FALSE) : awl_value_null ();
            for (gint64 i = 0; i < a.i; i++)
              g_array_append_val (l->items, def);
            push (f, awl_value_object (l));
            break;
          }
        case OP_CLOSURE:
        case OP_METHOD_GROUP:
          {
            AwlClosure *cl = awl_sim_foreign_new (sim, &awl_closure_class, sizeof (AwlClosure));
            cl->code = insn->p;
            cl->env = insn->op == OP_CLOSURE ? capture_env (f) : NULL;
            if (insn->op == OP_METHOD_GROUP && insn->b == 1)
              {
                cl->bound = TRUE;
                cl->self = pop (f);
              }
            push (f, awl_value_object (cl));
            break;
          }
        case OP_AWAIT:
          {
            AwlAwaitable *aw;
            AwlObject *task;

            a = pop (f);
            f->parent.state = insn->a;
            f->resume_push = TRUE;
            f->has_override = FALSE;
            f->when_all = NULL;
            if ((task = awl_value_get_object (a, AWL_OBJECT_TASK)))
              {
                if (awl_task_get_kind (task) == AWL_TASK_KIND_WHEN_ALL)
                  f->when_all = task;
                awl_step_await (s, task, TRUE);
                return;
              }
            if ((aw = awl_value_get_foreign (a, &awl_awaitable_class)))
              {
                if (awl_task_get_kind (aw->task) == AWL_TASK_KIND_WHEN_ALL)
                  f->when_all = aw->task;
                awl_step_await (s, aw->task, aw->capture);
                return;
              }
            if (awl_value_get_foreign (a, &awl_yield_class))
              {
                awl_step_await_yield (s);
                return;
              }
            f->resume_push = FALSE;
            if (awl_value_is_null (a))
              exc = runtime_exception (f, "NullReferenceException", "Object reference not set to an instance of an object.");
            else
              exc = runtime_exception (f, "InvalidOperationException",
                                       awl_sim_intern_printf (sim, "a value of type '%s' cannot be awaited",
                                                              awl_value_describe_type (a)));
            goto throw_exc;
          }
        case OP_RETURN:
          v = pop (f);
          awl_step_return (s, v);
          return;
        case OP_THROW:
          a = pop (f);
          exc = awl_value_get_object (a, AWL_OBJECT_EXCEPTION);
          if (exc == NULL)
            exc = runtime_exception (f, "NullReferenceException", "Object reference not set to an instance of an object.");
          else if (insn->b == 0 || awl_exception_get_line (exc) == 0)
            awl_sim_exception_set_line (sim, exc, f->parent.line);
          goto throw_exc;
        case OP_TRY_PUSH:
          {
            Handler h = { insn->a, f->sp };
            if (f->handlers == NULL)
              f->handlers = g_array_new (FALSE, FALSE, sizeof (Handler));
            g_array_append_val (f->handlers, h);
            break;
          }
        case OP_TRY_POP:
          g_assert (f->handlers && f->handlers->len > 0);
          g_array_set_size (f->handlers, f->handlers->len - 1);
          break;
        case OP_IS_EXC:
          a = pop (f);
          exc = awl_value_get_object (a, AWL_OBJECT_EXCEPTION);
          push (f, awl_value_bool (exc != NULL && awl_exception_is_a (exc, insn->p)));
          exc = NULL;
          break;
        case OP_IS_TYPE:
          a = pop (f);
          push (f, awl_value_bool (is_type (a, insn->p)));
          break;
        case OP_COPY_STRUCT:
          f->stack[f->sp - 1] = awl_struct_copy (sim, f->stack[f->sp - 1]);
          break;
        case OP_CAST_CLASS:
          a = pop (f);
          if (awl_value_is_null (a) || is_type (a, insn->p))
            push (f, a);
          else if (insn->a)
            push (f, awl_value_null ());
          else
            {
              exc = runtime_exception (f, "InvalidCastException",
                                       awl_sim_intern_printf (sim, "Unable to cast object of type '%s' to type '%s'.",
                                                              awl_value_describe_type (a), (const char *) insn->p));
              goto throw_exc;
            }
          break;
        case OP_YIELD_RETURN:
          v = pop (f);
          f->resume_push = FALSE;
          awl_step_yield_return (s, v);
          return;
        case OP_LOCK_ENTER:
          a = pop (f);
          if (a.kind != AWL_VALUE_OBJECT)
            {
              exc = runtime_exception (f, a.kind == AWL_VALUE_NULL ? "ArgumentNullException" : "InvalidOperationException",
                                       a.kind == AWL_VALUE_NULL ? "Value cannot be null. (Parameter 'obj')"
                                                                : "lock needs a reference type");
              goto throw_exc;
            }
          f->resume_push = FALSE;
          awl_step_lock_enter (s, a.o);
          return;
        case OP_LOCK_EXIT:
          a = pop (f);
          if (a.kind == AWL_VALUE_OBJECT && !awl_sim_lock_exit (sim, a.o, &exc))
            goto throw_exc;
          break;
        case OP_ITER_START:
          {
            AwlList *l;
            AwlIter *it;
            int lz = find_lazy (f, f->sp - 1);
            if (lz >= 0)
              {
                f->pc--;
                materialize (f, s, lz);
                return;
              }
            a = pop (f);
            l = awl_value_get_foreign (a, &awl_list_class);
            if (l == NULL)
              {
                AwlObject *ex = awl_value_get_object (a, AWL_OBJECT_EXCEPTION);
                if (awl_value_is_null (a))
                  {
                    exc = runtime_exception (f, "NullReferenceException", "Object reference not set to an instance of an object.");
                    goto throw_exc;
                  }
                if ((l = awl_enumerable_items (sim, a)) != NULL)
                  ;
                else if (a.kind == AWL_VALUE_STRING)
                  {
                    const char *p = a.s;
                    l = awl_list_new (sim, TRUE);
                    for (; *p; p = g_utf8_next_char (p))
                      {
                        char buf[8] = { 0 };
                        g_unichar_to_utf8 (g_utf8_get_char (p), buf);
                        v = awl_value_string (awl_sim_intern (sim, buf));
                        g_array_append_val (l->items, v);
                      }
                  }
                else if (ex == NULL)
                  {
                    exc = runtime_exception (f, "InvalidOperationException",
                                             awl_sim_intern_printf (sim, "foreach cannot iterate over a value of type '%s'",
                                                                    awl_value_describe_type (a)));
                    goto throw_exc;
                  }
                else
                  {
                    l = awl_list_new (sim, FALSE);
                    for (guint i = 0; i < awl_exception_get_n_inner (ex); i++)
                      {
                        v = awl_value_object (awl_exception_get_inner (ex, i));
                        g_array_append_val (l->items, v);
                      }
                  }
              }
            it = awl_sim_foreign_new (sim, &awl_iter_class, sizeof (AwlIter));
            it->list = l;
            it->version = l->version;
            push (f, awl_value_object (it));
            break;
          }
        case OP_ITER_NEXT:
          {
            AwlIter *it = awl_value_get_foreign (f->slots[insn->b], &awl_iter_class);
            if (it != NULL && awl_iter_stale (it))
              {
                exc = runtime_exception (f, "InvalidOperationException",
                                         "Collection was modified; enumeration operation may not execute.");
                goto throw_exc;
              }
            if (it == NULL || it->index >= it->list->items->len)
              f->pc = insn->a;
            else
              push (f, g_array_index (it->list->items, AwlValue, it->index++));
            break;
          }
        case OP_AE_MOVE_NEXT:
        case OP_AE_DISPOSE:
          {
            AwlObject *en;
            a = pop (f);
            en = awl_value_get_object (a, AWL_OBJECT_ENUMERATOR);
            if (en == NULL && awl_channel_enumerator_op (sim, a, insn->op, &v))
              {
                push (f, v);
                awl_step_continue (s);
                return;
              }
            if (en == NULL)
              {
                exc = runtime_exception (f, awl_value_is_null (a) ? "NullReferenceException" : "InvalidOperationException",
                                         awl_value_is_null (a) ? "Object reference not set to an instance of an object."
                                                               : "await foreach needs an IAsyncEnumerable<T>");
                goto throw_exc;
              }
            if (insn->op == OP_AE_MOVE_NEXT)
              {
                push (f, awl_value_object (awl_sim_enumerator_move_next_async (sim, en)));
                awl_step_continue (s);
                return;
              }
            /* DisposeAsync may resume the iterator inline to run its finally blocks. */
            push (f, awl_value_object (awl_sim_enumerator_dispose_async (sim, en)));
            awl_step_continue (s);
            return;
          }
        case OP_AE_CURRENT:
          {
            AwlValue cur = pop (f);
            AwlObject *en = awl_value_get_object (cur, AWL_OBJECT_ENUMERATOR);
            if (en == NULL && awl_channel_enumerator_op (sim, cur, OP_AE_CURRENT, &v))
              push (f, v);
            else
              push (f, en ? awl_enumerator_get_current (en) : awl_value_null ());
            break;
          }
        case OP_INTERP:
          if (user_to_string (f, s, f->sp - insn->a))
            return;
          do_interp (f, insn);
          break;
        case OP_INIT_FIELDS:
          break;
        default:
          g_assert_not_reached ();
        }
      continue;

    throw_exc:
      if (!raise_exc (f, s, exc))
        return;
      exc = NULL;
    }
}

void
awl_interp_step (AwlFrame *frame,
                 AwlStep  *s)
{
  IFrame *f = (IFrame *) frame;

  switch (s->resume)
    {
    case AWL_RESUME_START:
      if (f->init_pending)
        {
          /* The entry runs the static field initializers first, once per run. */
          f->init_pending = FALSE;
          f->run->fields_done = TRUE;
          f->resume_push = FALSE;
          awl_step_call (s, awl_interp_frame_new (f->run, f->run->program->init, NULL, 0, NULL));
          return;
        }
      break;
    case AWL_RESUME_VALUE:
      if (f->materialize_at >= 0)
        {
          f->stack[f->materialize_at] = s->value;
          f->materialize_at = -1;
        }
      else if (f->resume_push)
        {
          AwlValue v = s->value;
          if (f->has_override)
            v = f->override;
          else if (f->when_all)
            v = awl_when_all_result (f->run->sim, f->when_all);
          push (f, v);
        }
      f->resume_push = FALSE;
      f->has_override = FALSE;
      f->when_all = NULL;
      break;
    case AWL_RESUME_EXCEPTION:
      f->resume_push = FALSE;
      f->has_override = FALSE;
      f->when_all = NULL;
      f->materialize_at = -1;
      if (!raise_exc (f, s, s->exception))
        return;
      break;
    }
  run (f, s);
}

/* ----------------------------------------------------------------------------- */
/* Runs */

AwlRun *
awl_run_new (AwlProgram     *program,
             const AwlValue *knobs,
             guint           n_knobs)
{
  AwlRun *r = g_new0 (AwlRun, 1);
  r->program = program;
  r->knobs = g_memdup2 (knobs, sizeof (AwlValue) * MAX (n_knobs, 1));
  r->n_knobs = n_knobs;
  r->fields = g_new0 (AwlValue, MAX (program->n_fields, 1));
  r->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->insn_limit = G_MAXUINT64;
  r->byte_limit = AWL_BUDGET_BYTES;
  return r;
}

void
awl_run_free (gpointer data)
{
  AwlRun *r = data;
  g_free (r->knobs);
  g_free (r->fields);
  g_free (r->consts);
  g_free (r->lines_seen);
  g_hash_table_unref (r->failures);
  g_clear_pointer (&r->partial, g_hash_table_unref);
  g_free (r);
}

/* Binds the run to its sim (interns the program's constants there). */
void
awl_run_attach (AwlRun *r,
                AwlSim *sim)
{
  GArray *consts = r->program->consts;

  r->sim = sim;
  r->consts = g_new0 (AwlValue, MAX (consts->len, 1));
  for (guint i = 0; i < consts->len; i++)
    {
      AwlValue v = g_array_index (consts, AwlValue, i);
      if (v.kind == AWL_VALUE_STRING)
        v = awl_value_string (awl_sim_intern (sim, v.s));
      r->consts[i] = v;
    }
  r->yield_object = awl_sim_foreign_new (sim, &awl_yield_class, sizeof (AwlForeign));
  /* Knob strings are interned too (knobs are bool/int/double, so nothing to do). */
}

static void
gstring_free_all (gpointer s)
{
  g_string_free (s, TRUE);
}

void
awl_run_write (AwlRun     *r,
               const char *text)
{
  gpointer key = GUINT_TO_POINTER (awl_sim_current_thread_id (r->sim));
  GString *s;

  if (r->partial == NULL)
    r->partial = g_hash_table_new_full (NULL, NULL, NULL, gstring_free_all);
  s = g_hash_table_lookup (r->partial, key);
  if (s == NULL)
    g_hash_table_insert (r->partial, key, (s = g_string_new (NULL)));
  g_string_append (s, text);
}

char *
awl_run_take_line (AwlRun     *r,
                   const char *text)
{
  gpointer key = GUINT_TO_POINTER (awl_sim_current_thread_id (r->sim));
  GString *s = r->partial ? g_hash_table_lookup (r->partial, key) : NULL;
  char *line;

  if (s == NULL)
    return g_strdup (text);
  line = g_strconcat (s->str, text, NULL);
  g_hash_table_remove (r->partial, key);
  return line;
}

AwlFrame *
awl_run_entry (AwlSim   *sim,
               guint     request_index,
               gpointer  user_data)
{
  AwlRun *r = user_data;
  IFrame *f;

  if (r->program->entry == NULL)
    return NULL;
  f = (IFrame *) awl_interp_frame_new (r, r->program->entry, NULL, 0, NULL);
  if (!r->fields_done && r->program->n_fields > 0)
    {
      f->init_pending = TRUE;
      r->fields_done = TRUE;
    }
  return &f->parent;
}
