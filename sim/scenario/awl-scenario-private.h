/* awl-scenario-private.h
 *
 * The compiled form of a scenario: per-function instruction lists for an operand-stack
 * interpreter, and the per-run state the interpreter frames share.
 */

#pragma once

#include "awl-scenario.h"
#include "awl-language.h"

G_BEGIN_DECLS

typedef enum
{
  OP_NOP,
  OP_LINE,            /* a = line */
  OP_CONST,           /* a = constant index */
  OP_POP,
  OP_DUP,
  OP_DUP2,
  OP_SWAP,
  OP_LOAD,            /* a = slot */
  OP_STORE,           /* a = slot (pops) */
  OP_LOAD_BOX,        /* a = slot holding a box */
  OP_STORE_BOX,
  OP_NEW_BOX,         /* a = slot: a fresh box (pops the initial value) */
  OP_LOAD_UP,         /* a = depth (>= 1), b = slot: a box in an enclosing env */
  OP_STORE_UP,
  OP_LOAD_FIELD,      /* a = field index */
  OP_STORE_FIELD,
  OP_LOAD_KNOB,       /* a = knob index */
  OP_UNARY,           /* a = AwlUnaryOp (NEG, PLUS, NOT, BIT_NOT) */
  OP_BINARY,          /* a = AwlBinaryOp (not AND/OR/COALESCE) */
  OP_TO_DOUBLE,
  OP_TO_INT,
  OP_JUMP,            /* a = target */
  OP_JUMP_IF_FALSE,   /* pops */
  OP_JUMP_IF_TRUE,    /* pops */
  OP_JUMP_IF_FALSE_OR_POP,
  OP_JUMP_IF_TRUE_OR_POP,
  OP_JUMP_IF_NOT_NULL_OR_POP,
  OP_JUMP_IF_NULL_KEEP,
  OP_CALL_METHOD,     /* p = AwlCode, a = nargs */
  OP_CALL_VALUE,      /* a = nargs; callee below the args */
  OP_CALL_STATIC,     /* p = AwlCallSite */
  OP_CALL_MEMBER,     /* p = AwlCallSite; target below the args */
  OP_GET_STATIC,      /* p = AwlCallSite */
  OP_GET_MEMBER,      /* p = AwlCallSite */
  OP_SET_MEMBER,      /* p = AwlCallSite; target, value */
  OP_INDEX_GET,       /* target, index */
  OP_INDEX_SET,       /* target, index, value */
  OP_NEW,             /* p = AwlCallSite (member = type name) */
  OP_NEW_ARRAY,       /* a = n elements on the stack */
  OP_NEW_ARRAY_SIZE,  /* size on the stack; b = default kind (0 null, 1 int, 2 double, 3 bool) */
  OP_CLOSURE,         /* p = AwlCode */
  OP_METHOD_GROUP,    /* p = AwlCode */
  OP_AWAIT,           /* a = state */
  OP_RETURN,          /* pops */
  OP_THROW,           /* pops */
  OP_TRY_PUSH,        /* a = handler pc */
  OP_TRY_POP,
  OP_IS_EXC,          /* p = type name: pops an exception, pushes bool */
  OP_IS_TYPE,         /* p = type name: pops value, pushes bool */
  OP_YIELD_RETURN,    /* pops */
  OP_LOCK_ENTER,      /* pops */
  OP_LOCK_EXIT,       /* pops */
  OP_ITER_START,      /* collection → iterator */
  OP_ITER_NEXT,       /* a = jump target when done, b = iterator slot: pushes current */
  OP_AE_MOVE_NEXT,    /* enumerator → Task<bool> */
  OP_AE_CURRENT,      /* enumerator → current */
  OP_AE_DISPOSE,      /* enumerator → task */
  OP_INTERP,          /* p = AwlExpr (INTERPOLATED), a = holes on the stack */
  OP_INIT_FIELDS,     /* runs the field initializer once per run */
  OP_CAST_CLASS,      /* p = type name, a = 1 for `as`: pops a value, pushes it if it is
                         one (else null for `as`, InvalidCastException for a cast) */
  OP_COPY_STRUCT,     /* the value on top, if a struct of the script, becomes a copy */
} AwlOp;

typedef struct _AwlCode AwlCode;

typedef struct
{
  const char  *type;      /* normalized static type ("Task", "Task.Factory") or NULL */
  const char  *member;    /* member or type name for NEW */
  guint        n_args;    /* total args on the stack */
  guint        n_named;   /* the last n_named args are named */
  const char **names;     /* n_named names */
  int          line, col;
  const AwlKnownApi        *api;        /* static member / constructor: its row */
  gpointer                  klass;      /* `new C(…)` of a class of the script: its AwlClassInfo */
  const AwlKnownApi * const *members;   /* instance member: the rows of that name */
  guint                     n_members;
  gboolean                  generic_tasks; /* Task.WhenAll bound to WhenAll<TResult> (awl-task-types.h) */
} AwlCallSite;

typedef struct
{
  guint8    op;
  gint32    a;
  gint32    b;
  int       line;
  int       col;
  gpointer  p;
} AwlInsn;

struct _AwlCode
{
  AwlFrameClass  klass;         /* name + flags + step */
  char          *name;
  AwlFunction   *func;          /* NULL for the field initializer */
  AwlCode       *parent;
  guint          n_params;
  guint          n_slots;
  gboolean       boxed;         /* contains lambdas: every variable lives in a box */
  gboolean       is_async;
  gboolean       is_iterator;
  gboolean       double_params[16];
  GArray        *insns;         /* AwlInsn */
  int            line;
};

typedef struct
{
  char          *name;
  AwlKnobType    type;
  AwlKnobValue   value;
} AwlCompiledKnob;

/* A class of the script at run time: its instance fields and methods, inherited
 * ones included (awl-compile-types.c links them). */
typedef struct
{
  char        *name;
  GPtrArray   *fields;    /* instance field names (const char *), slot order: base's first */
  GHashTable  *methods;   /* name → AwlCode* of its instance methods (overrides win) */
  GHashTable  *is_a;      /* names of itself, its base classes and interfaces (NULL: itself) */
  gboolean     is_record; /* prints `Name { X = 1 }` and compares by value */
  gboolean     is_struct; /* copied when read (value semantics); Equals compares fields */
  GArray      *printed;   /* records: slot indices (guint) of the public fields ToString shows */
  gboolean     linked;
} AwlClassInfo;



typedef struct _AwlProgram
{
  AwlUnit       *unit;
  GPtrArray     *codes;         /* AwlCode*, methods first (ast order) then lambdas */
  AwlCode       *init;          /* field initializer */
  AwlCode       *entry;
  GArray        *consts;        /* AwlValue (strings owned by the program) */
  GPtrArray     *strings;       /* owned strings */
  GPtrArray     *sites;         /* AwlCallSite* */
  guint          n_fields;
  GArray        *await_points;  /* AwlScenarioAwait */
  gboolean       entry_takes_args;
  GHashTable    *classes;       /* class name → AwlClassInfo* */
} AwlProgram;

/* Compiles a unit without errors; on failure adds diagnostics to unit->diagnostics
 * and returns NULL. */
AwlProgram *awl_program_compile (AwlUnit *unit);
void        awl_program_free    (AwlProgram *program);

/* awl-compile-types.c */
/* Gives every class its inherited fields and methods and what it `is`; adds
 * "Derived.member" keys for inherited members to @methods and @fields (the compiler's
 * lookup tables), with the keys it makes owned by @keys. */
void        awl_classes_link       (AwlProgram   *prog,
                                    const AwlAst *ast,
                                    GHashTable   *methods,
                                    GHashTable   *fields,
                                    GPtrArray    *keys);
/* Whether @klass is @ancestor or derives from it through base classes (not interfaces). */
gboolean    awl_class_inherits     (const AwlAst *ast,
                                    const char   *klass,
                                    const char   *ancestor);
/* Whether the object @v is of the class or interface @type of the script (FALSE for
 * values that are not objects of the script). */
gboolean    awl_instance_is_a      (AwlValue      v,
                                    const char   *type);
/* A copy of the struct value @v (nested structs copied too), or @v itself if it is
 * not a struct of the script. */
AwlValue    awl_struct_copy        (AwlSim       *sim,
                                    AwlValue      v);
/* Record equality (same record class and equal fields); FALSE with *eq untouched when
 * a or b is not a record. */
gboolean    awl_record_equal       (AwlValue      a,
                                    AwlValue      b,
                                    gboolean     *eq);

/* One run's state, shared by every interpreter frame of the run. */
typedef struct
{
  AwlProgram  *program;
  AwlSim      *sim;
  AwlValue    *consts;
  AwlValue    *fields;
  AwlValue    *knobs;
  guint        n_knobs;
  gboolean     fields_done;
  GHashTable  *failures;        /* url → calls so far (for failures: N) */
  guint64      insns;           /* instructions executed (runaway loop guard) */
  guint64      insn_limit;
  guint64      bytes;           /* strings, arrays and collections made so far */
  guint64      byte_limit;
  guint        output_lines;    /* console lines written */
  guint64      output_bytes;
  gboolean     stopped;         /* a budget ran out: the run ends after this step */
  GCancellable *cancellable;    /* cancelled to stop a runaway run */
  gboolean    *lines_seen;      /* line → reached (for @note checks) */
  guint        n_lines_seen;
  gpointer     yield_object;    /* the Task.Yield() awaitable */
  GHashTable  *partial;         /* thread id → GString: Console.Write text awaiting a newline */
} AwlRun;

/* C#'s integer types: OP_BINARY's and OP_TO_INT's b say which one a result has, so
 * that the interpreter wraps and masks as C# does (AWL_INT_ANY: not known, 64-bit). */
typedef enum
{
  AWL_INT_ANY,
  AWL_INT_I32,   /* int */
  AWL_INT_U32,   /* uint */
  AWL_INT_I64,   /* long */
  AWL_INT_U64,   /* ulong (kept in 64 bits; printed signed above long.MaxValue) */
  AWL_INT_I16,   /* short */
  AWL_INT_U16,   /* ushort, char */
  AWL_INT_I8,    /* sbyte */
  AWL_INT_U8,    /* byte */
} AwlIntWidth;

/* @v wrapped to @width as an unchecked C# conversion does. */
static inline gint64
awl_int_wrap (gint64      v,
              AwlIntWidth width)
{
  switch (width)
    {
    case AWL_INT_I32: return (gint32) (guint32) v;
    case AWL_INT_U32: return (guint32) v;
    case AWL_INT_I16: return (gint16) (guint16) v;
    case AWL_INT_U16: return (guint16) v;
    case AWL_INT_I8:  return (gint8) (guint8) v;
    case AWL_INT_U8:  return (guint8) v;
    default:          return v;
    }
}

/* Budgets (awl-budget.c; docs/scenario-language.md, "Limits"). */
#define AWL_BUDGET_BYTES        (G_GUINT64_CONSTANT (128) << 20)
#define AWL_BUDGET_OUTPUT_LINES 100000u
#define AWL_BUDGET_OUTPUT_BYTES (16u << 20)

/* Charges @work instructions (plus one per 16 of @bytes) and @bytes of memory
 * before doing that much. FALSE when a budget runs out: the run is then stopped
 * (outcome LIMIT naming the budget) and the caller must not do the work. */
gboolean    awl_run_charge        (AwlRun *run, guint64 work, guint64 bytes);
/* Charges one console line of @length bytes; FALSE past the output budget. */
gboolean    awl_run_charge_output (AwlRun *run, gsize length);
/* Interns @text made by the run, charged to its budgets ("" once they ran out). */
const char *awl_run_intern        (AwlRun *run, const char *text);

AwlRun   *awl_run_new   (AwlProgram *program, const AwlValue *knobs, guint n_knobs);
void      awl_run_free  (gpointer run);
void      awl_run_attach (AwlRun *run, AwlSim *sim);
/* Console.Write: text kept until the thread's next WriteLine. */
void      awl_run_write  (AwlRun *run, const char *text);
/* Console.WriteLine: the thread's pending Write text + @text (newly allocated). */
char     *awl_run_take_line (AwlRun *run, const char *text);
AwlFrame *awl_run_entry (AwlSim *sim, guint request_index, gpointer user_data);

/* Builtins (awl-builtins.c): binding call sites to rows of the API table
 * (awl-known-api.h); NULL / FALSE if unknown. */
const AwlKnownApi *awl_builtin_static_lookup (const char *type, const char *member);
const AwlKnownApi *awl_builtin_ctor_lookup   (const char *type);
gboolean    awl_builtin_member_bind   (AwlCallSite *site);
gboolean    awl_builtin_type_exists   (const char *type);
/* Whether a member site's receiver is statically `T?` (awl-builtins-nullable.c). */
gboolean    awl_builtin_nullable_receiver (const AwlCallSite *site);
/* "System.Threading.Tasks.Task" → "Task" (a newly allocated string). */
char       *awl_normalize_type        (const char *dotted);

/* The frame class functions of every compiled function (set by the compiler so that
 * the program is never written to while runs use it). */
void        awl_interp_step           (AwlFrame *frame, AwlStep *step);
void        awl_interp_free           (AwlFrame *frame);

/* Interpreter entry points used by builtins. */
AwlFrame   *awl_interp_frame_new      (AwlRun *run, AwlCode *code, const AwlValue *args,
                                       guint n_args, gpointer env);

G_END_DECLS
