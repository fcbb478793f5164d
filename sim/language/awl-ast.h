/* awl-ast.h
 *
 * The syntax tree of a scenario's C# subset.
 *
 * Every node lives in the AwlAst's arena and is freed with it: consumers never free
 * nodes, and never keep pointers into a tree after awl_ast_free(). Every string in
 * the tree (names, literals) is NUL-terminated and owned by the tree; identifiers are
 * interned, so two equal names in one tree are the same pointer.
 *
 * Every node has a position (AwlLoc: 1-based line and column, the column counted in
 * characters). Statement lines are the lines the trace and the code view use.
 *
 * After parsing, the checker (see awl-parser.h) fills in the "resolved" parts:
 * which declaration each name refers to (AwlExprName.kind/.var/.func/.field/.knob),
 * the variables of each function with their slots, which variables are captured by
 * lambdas, whether a function is an iterator, and the await state numbers. With
 * AWL_PARSE_NO_CHECK those stay at their zero values.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AwlAst      AwlAst;
typedef struct _AwlTypeRef  AwlTypeRef;
typedef struct _AwlExpr     AwlExpr;
typedef struct _AwlStmt     AwlStmt;
typedef struct _AwlVar      AwlVar;
typedef struct _AwlFunction AwlFunction;
typedef struct _AwlField    AwlField;
typedef struct _AwlCatch    AwlCatch;
typedef struct _AwlArg      AwlArg;
typedef struct _AwlInterpPart AwlInterpPart;
typedef struct _AwlPattern  AwlPattern;
typedef struct _AwlSwitchArm AwlSwitchArm;
/* Declared in awl-directives.h; a name in code may resolve to a knob. */
typedef struct _AwlKnob     AwlKnob;

typedef struct
{
  guint line;   /* 1-based */
  guint col;    /* 1-based, in characters */
} AwlLoc;

/* ---------------------------------------------------------------------------- */
/* Types as written                                                             */

/* `int`, `string`, `Task<int>`, `List<string>`, `int[]`, `IAsyncEnumerable<int>`,
 * `System.Threading.Tasks.Task` (name = the dotted name as written). Keyword types
 * keep their keyword (`int`, `bool`, `string`, `object`, `double`, `long`, `void`,
 * `var` is never a type: a `var` declaration has type == NULL). */
struct _AwlTypeRef
{
  AwlLoc       loc;
  const char  *name;        /* interned; "int", "Task", "List", "System.Exception" */
  AwlTypeRef **args;        /* generic arguments, n_args of them */
  guint        n_args;
  guint        array_rank;  /* number of [] suffixes: int[] = 1, int[][] = 2 */
  guint        nullable : 1;/* T? */
  const char **tuple_names; /* `(int Count, string Name)`: name = "ValueTuple", args = the
                               element types, tuple_names[i] = a name or NULL; NULL if
                               no element is named */
};

/* What a method returns, classified once so the compiler need not look at names. */
typedef enum
{
  AWL_RETURN_VOID,              /* void (with ASYNC: async void) */
  AWL_RETURN_TASK,              /* Task */
  AWL_RETURN_TASK_OF,           /* Task<T> */
  AWL_RETURN_VALUE_TASK,        /* ValueTask */
  AWL_RETURN_VALUE_TASK_OF,     /* ValueTask<T> */
  AWL_RETURN_ASYNC_ENUMERABLE,  /* IAsyncEnumerable<T> */
  AWL_RETURN_ENUMERABLE,        /* IEnumerable<T> (a synchronous iterator) */
  AWL_RETURN_PLAIN,             /* any other type: int, string, List<int>, … */
} AwlReturnKind;

/* ---------------------------------------------------------------------------- */
/* Variables (parameters, locals, loop and catch variables)                      */

typedef enum
{
  AWL_VAR_PARAM,          /* a method or lambda parameter */
  AWL_VAR_LOCAL,          /* `var x = …;` / `int x;` / `const int X = 1;` */
  AWL_VAR_FOREACH,        /* the variable of foreach / await foreach */
  AWL_VAR_CATCH,          /* catch (Exception ex) */
  AWL_VAR_PATTERN,        /* `x is Exception e` */
} AwlVarKind;

struct _AwlVar
{
  AwlLoc       loc;       /* of the name */
  const char  *name;      /* interned */
  AwlTypeRef  *type;      /* NULL for `var` and untyped lambda parameters */
  AwlVarKind   kind;
  AwlFunction *owner;     /* the function (method or lambda) that declares it */
  guint        slot;      /* index in owner->vars (checker) */
  guint        is_const : 1;
  guint        captured : 1;   /* read or written by a nested lambda (checker) */
  guint        assigned : 1;   /* assigned after its declaration (checker) */
  AwlExpr     *default_value;  /* parameters only: `int n = 3`, else NULL */
  guint        is_params : 1;  /* `params T[] xs` */
  guint        by_ref : 1;     /* `ref T x` / `out T x` parameter: its slot holds the
                                  caller's box (awl-compile-everyday.c) */
};

/* ---------------------------------------------------------------------------- */
/* Expressions                                                                  */

typedef enum
{
  AWL_EXPR_NULL,          /* null */
  AWL_EXPR_BOOL,          /* true / false */
  AWL_EXPR_INT,           /* 42, 42L, 0x2A */
  AWL_EXPR_DOUBLE,        /* 1.5, 2d, 3f, 1e3, 2.5m */
  AWL_EXPR_CHAR,          /* 'a' */
  AWL_EXPR_STRING,        /* "text", @"verbatim" */
  AWL_EXPR_INTERPOLATED,  /* $"got {data}", $@"…", @$"…" */
  AWL_EXPR_NAME,          /* x, Task, Console, Foo<int> */
  AWL_EXPR_MEMBER,        /* target.Name, target?.Name, target.Name<T> */
  AWL_EXPR_CALL,          /* callee(args) */
  AWL_EXPR_INDEX,         /* target[index] */
  AWL_EXPR_NEW,           /* new T(args), new T(args) { init… }, new T { init… } */
  AWL_EXPR_NEW_ARRAY,     /* new T[n], new T[] { … }, new[] { … } */
  AWL_EXPR_INIT_LIST,     /* a nested `{ a, b }` inside an initializer */
  AWL_EXPR_UNARY,         /* -x !x ~x +x ++x --x x++ x-- */
  AWL_EXPR_BINARY,        /* a + b, a && b, a ?? b, … */
  AWL_EXPR_ASSIGN,        /* a = b, a += b, … */
  AWL_EXPR_CONDITIONAL,   /* c ? a : b */
  AWL_EXPR_AWAIT,         /* await x */
  AWL_EXPR_LAMBDA,        /* x => …, (a, b) => …, async () => { … } */
  AWL_EXPR_IS,            /* x is T, x is T name, x is null, x is not null */
  AWL_EXPR_CAST,          /* (int)x */
  AWL_EXPR_DEFAULT,       /* default, default(T) */
  AWL_EXPR_TYPEOF,        /* typeof(T) */
  AWL_EXPR_NAMEOF,        /* nameof(x) — folded to its string by the parser too */
  AWL_EXPR_THROW,         /* `x ?? throw new …` (throw expression) */
  AWL_EXPR_SWITCH,        /* `x switch { 1 => "a", > 5 => "b", _ => "c" }` */
  AWL_EXPR_TUPLE,         /* `(1, "a")`, `(Count: 1, Name: "a")` */
  AWL_EXPR_WITH,          /* `order with { Total = 0 }` (awl-parser-with.c) */
} AwlExprKind;

typedef enum
{
  AWL_SUFFIX_NONE,
  AWL_SUFFIX_L,   /* long: 1L */
  AWL_SUFFIX_U,   /* 1u */
  AWL_SUFFIX_UL,  /* 1ul */
  AWL_SUFFIX_F,   /* float: 1.5f */
  AWL_SUFFIX_D,   /* double: 1d */
  AWL_SUFFIX_M,   /* decimal: 1.5m */
} AwlNumberSuffix;

typedef enum
{
  AWL_UNARY_NEG,          /* -x */
  AWL_UNARY_PLUS,         /* +x */
  AWL_UNARY_NOT,          /* !x */
  AWL_UNARY_BIT_NOT,      /* ~x */
  AWL_UNARY_PRE_INC,      /* ++x */
  AWL_UNARY_PRE_DEC,      /* --x */
  AWL_UNARY_POST_INC,     /* x++ */
  AWL_UNARY_POST_DEC,     /* x-- */
} AwlUnaryOp;

typedef enum
{
  AWL_BINARY_ADD, AWL_BINARY_SUB, AWL_BINARY_MUL, AWL_BINARY_DIV, AWL_BINARY_MOD,
  AWL_BINARY_SHL, AWL_BINARY_SHR,
  AWL_BINARY_LT, AWL_BINARY_LE, AWL_BINARY_GT, AWL_BINARY_GE,
  AWL_BINARY_EQ, AWL_BINARY_NE,
  AWL_BINARY_BIT_AND, AWL_BINARY_BIT_XOR, AWL_BINARY_BIT_OR,
  AWL_BINARY_AND,         /* && */
  AWL_BINARY_OR,          /* || */
  AWL_BINARY_COALESCE,    /* ?? */
} AwlBinaryOp;

typedef enum
{
  AWL_ASSIGN_SET,         /* = */
  AWL_ASSIGN_ADD,         /* += */
  AWL_ASSIGN_SUB,         /* -= */
  AWL_ASSIGN_MUL,         /* *= */
  AWL_ASSIGN_DIV,         /* /= */
  AWL_ASSIGN_MOD,         /* %= */
  AWL_ASSIGN_AND,         /* &= */
  AWL_ASSIGN_OR,          /* |= */
  AWL_ASSIGN_XOR,         /* ^= */
  AWL_ASSIGN_COALESCE,    /* ??= */
} AwlAssignOp;

/* What a name refers to, filled in by the checker. */
typedef enum
{
  AWL_NAME_UNRESOLVED,    /* not checked, or an error was reported */
  AWL_NAME_VAR,           /* .var: parameter or local (maybe of an enclosing function) */
  AWL_NAME_FIELD,         /* .field: a static field or const of the script */
  AWL_NAME_METHOD,        /* .func: a method of the script (called or used as a group) */
  AWL_NAME_KNOB,          /* .knob: a @knob constant */
  AWL_NAME_BUILTIN,       /* a known .NET / simulated-world type or namespace:
                             Task, Console, Http, System, … (see awl-known-api.h) */
  AWL_NAME_CLASS,         /* a class declared in the script (`Toaster` in `Toaster.ToastAsync()`) */
} AwlNameKind;

/* One argument of a call or constructor: `x`, or a named one `fail: true`. */
struct _AwlArg
{
  AwlLoc       loc;
  const char  *name;   /* interned, or NULL for a positional argument */
  AwlExpr     *value;
  gboolean     is_ref; /* `ref x` */
  gboolean     is_out; /* `out x`, `out var x`, `out int x`, `out _` */
  AwlVar      *out_var; /* `out var x` / `out int x`: the variable declared, else NULL */
};

/* Patterns of `is` and `switch` (awl-parser-everyday.c). */
typedef enum
{
  AWL_PAT_DISCARD,        /* `_` */
  AWL_PAT_NULL,           /* `null` */
  AWL_PAT_CONST,          /* `1`, `"a"`, `Stage.Done` (value) */
  AWL_PAT_RELATIONAL,     /* `> 5`, `<= 0` (op, value) */
  AWL_PAT_TYPE,           /* `int`, `Exception e` (type, var) */
  AWL_PAT_VAR,            /* `var x` (var) */
  AWL_PAT_NOT,            /* `not P` (left) */
  AWL_PAT_AND,            /* `P and Q` */
  AWL_PAT_OR,             /* `P or Q` */
  AWL_PAT_PROPERTY,       /* `{ Length: > 3, Name: "a" }`, `Foo { X: 1 } f` (type, var optional) */
  AWL_PAT_TUPLE,          /* `(1, _)`, `(> 0, "a")` (props = the elements, prop_names NULL) */
} AwlPatternKind;

struct _AwlPattern
{
  AwlPatternKind kind;
  AwlLoc         loc;
  AwlExpr       *value;       /* CONST, RELATIONAL */
  AwlBinaryOp    op;          /* RELATIONAL: LT, LE, GT, GE */
  AwlTypeRef    *type;        /* TYPE; PROPERTY (or NULL) */
  AwlVar        *var;         /* TYPE, VAR, PROPERTY designation, or NULL */
  AwlPattern    *left;        /* NOT, AND, OR */
  AwlPattern    *right;       /* AND, OR */
  const char   **prop_names;  /* PROPERTY: the members */
  AwlPattern   **props;       /* PROPERTY, TUPLE: the sub-patterns */
  guint          n_props;
};

/* One arm of a switch expression: `pattern when guard => result`. */
struct _AwlSwitchArm
{
  AwlLoc       loc;
  AwlPattern  *pattern;
  AwlExpr     *guard;         /* `when …`, else NULL */
  AwlExpr     *result;
};

/* A piece of an interpolated string: either literal text (expr == NULL) or a hole
 * `{expr,alignment:format}`. */
struct _AwlInterpPart
{
  const char  *text;        /* literal text with escapes resolved ("" for holes) */
  AwlExpr     *expr;        /* NULL for literal text */
  const char  *format;      /* `{x:F2}` → "F2"; NULL if none */
  gint         alignment;   /* `{x,5}` → 5, `{x,-5}` → -5 */
  guint        has_alignment : 1;
};

typedef struct { const char *name; AwlTypeRef **type_args; guint n_type_args;
                 AwlNameKind kind; AwlVar *var; AwlFunction *func; AwlField *field;
                 AwlKnob *knob; } AwlExprName;

struct _AwlExpr
{
  AwlExprKind kind;
  AwlLoc      loc;     /* where the expression starts (for binary: its operator) */
  guint       depth;   /* height of this subtree (1 = leaf); bounded by the parser */
  union
  {
    gboolean boolean;                                            /* BOOL */
    struct { gint64 value; AwlNumberSuffix suffix; } integer;     /* INT */
    struct { double value; AwlNumberSuffix suffix; } real;        /* DOUBLE */
    gunichar character;                                          /* CHAR */
    struct { const char *value; gsize length; gboolean verbatim; } string; /* STRING */
    struct { AwlInterpPart *parts; guint n_parts; } interp;        /* INTERPOLATED */
    AwlExprName name;                                            /* NAME */
    struct { AwlExpr *target; const char *name; AwlLoc name_loc;
             AwlTypeRef **type_args; guint n_type_args;
             gboolean null_conditional; } member;                /* MEMBER */
    struct { AwlExpr *callee; AwlArg *args; guint n_args; } call;  /* CALL */
    struct { AwlExpr *target; AwlExpr *index;
             gboolean null_conditional; } index;                 /* INDEX */
    struct { AwlTypeRef *type; AwlArg *args; guint n_args;
             gboolean has_args;         /* `new T()` vs `new T { … }` */
             AwlExpr **init; guint n_init;
             gboolean has_init;
             gboolean target_typed;     /* `new(…)`: type is the declaration's (checker) */
             gboolean anonymous;        /* `new { A = 1, b }`: type is "<anonymous>" */ } new_obj;                       /* NEW: init elements are
                                               values (collection initializer), ASSIGN to a
                                               NAME (object initializer) or INIT_LIST */
    struct { AwlTypeRef *element_type;  /* NULL for new[] */
             AwlExpr *size;             /* new T[n], else NULL */
             AwlExpr **elements; guint n_elements;
             gboolean has_init; } new_array;                     /* NEW_ARRAY */
    struct { AwlExpr **elements; guint n_elements; } init_list;  /* INIT_LIST */
    struct { AwlUnaryOp op; AwlExpr *operand; } unary;           /* UNARY */
    struct { AwlBinaryOp op; AwlExpr *left; AwlExpr *right; } binary; /* BINARY */
    struct { AwlAssignOp op; AwlExpr *target; AwlExpr *value; } assign; /* ASSIGN */
    struct { AwlExpr *cond; AwlExpr *then_expr; AwlExpr *else_expr; } conditional;
    struct { AwlExpr *operand;
             guint state; /* await state in its function, 0-based (checker) */ } await;
    struct { AwlFunction *func; } lambda;                        /* LAMBDA */
    struct { AwlExpr *operand;
             AwlTypeRef *type;    /* NULL for `is null` / `is not null` */
             AwlVar *var;         /* `is T name`, else NULL */
             gboolean negated;
             AwlPattern *pattern; /* any other pattern (then type/var are NULL) */ } is; /* IS */
    struct { AwlTypeRef *type; AwlExpr *operand;
             gboolean as_operator; /* `x as T`: null instead of an exception */ } cast; /* CAST */
    struct { AwlTypeRef *type; } default_value;                  /* DEFAULT (type may be NULL) */
    struct { AwlTypeRef *type; } type_of;                        /* TYPEOF */
    struct { AwlExpr *operand; const char *value; } name_of;     /* NAMEOF: value = the name */
    struct { AwlExpr *operand; } throw_expr;                     /* THROW */
    struct { AwlExpr *subject; AwlSwitchArm *arms; guint n_arms; } switch_; /* SWITCH */
    struct { AwlExpr **elements; const char **names;             /* names[i] may be NULL */
             guint n_elements; } tuple;                         /* TUPLE */
    struct { AwlExpr *operand;
             AwlExpr **init; guint n_init; } with;               /* WITH: init elements are
                                               ASSIGN (`=`) to a NAME, one per member */
  };
};

/* ---------------------------------------------------------------------------- */
/* Statements                                                                   */

typedef enum
{
  AWL_STMT_BLOCK,         /* { … } */
  AWL_STMT_EMPTY,         /* ; */
  AWL_STMT_EXPR,          /* a call, assignment, ++/--, await, `new T()` */
  AWL_STMT_DECL,          /* var x = 1; int a, b = 2; const int N = 3; */
  AWL_STMT_IF,
  AWL_STMT_WHILE,
  AWL_STMT_DO,            /* do { … } while (c); */
  AWL_STMT_FOR,
  AWL_STMT_FOREACH,       /* foreach and await foreach */
  AWL_STMT_BREAK,
  AWL_STMT_CONTINUE,
  AWL_STMT_RETURN,        /* value may be NULL */
  AWL_STMT_THROW,         /* value NULL = rethrow (`throw;`) */
  AWL_STMT_TRY,
  AWL_STMT_LOCK,
  AWL_STMT_YIELD_RETURN,
  AWL_STMT_YIELD_BREAK,
  AWL_STMT_SWITCH,        /* switch (x) { case P when g: … } (awl-parser-switch.c) */
} AwlStmtKind;

/* One `case P when g:` or `default:` of a switch statement. */
typedef struct
{
  AwlLoc       loc;
  AwlExpr     *test;      /* `subject is P` on the switch's hidden variable; NULL for default */
  AwlExpr     *guard;     /* `when …`, else NULL */
} AwlSwitchLabel;

/* The labels of a switch section and the statements they lead to. */
typedef struct
{
  AwlSwitchLabel *labels;
  guint           n_labels;
  AwlStmt       **stmts;
  guint           n_stmts;
} AwlSwitchSection;

struct _AwlCatch
{
  AwlLoc       loc;       /* of the `catch` keyword */
  AwlTypeRef  *type;      /* NULL for `catch { }` (catches everything) */
  AwlVar      *var;       /* `catch (Exception ex)`, else NULL */
  AwlExpr     *filter;    /* `when (…)`, else NULL */
  AwlStmt     *body;      /* a BLOCK */
};

struct _AwlStmt
{
  AwlStmtKind kind;
  AwlLoc      loc;        /* where the statement starts */
  guint       end_line;   /* the line of its last token (`}` for blocks) */
  union
  {
    struct { AwlStmt **stmts; guint n_stmts; } block;                 /* BLOCK */
    struct { AwlExpr *expr; } expr;                                   /* EXPR */
    struct { AwlTypeRef *type;     /* NULL for var */
             AwlVar **vars; AwlExpr **inits; /* inits[i] may be NULL */
             guint n_vars;
             gboolean is_const;
             gboolean deconstruct; /* `var (a, b) = e;`, `(int a, string b) = e;`:
                                      inits[0] = e, each var has its own type */ } decl; /* DECL */
    struct { AwlExpr *cond; AwlStmt *then_stmt; AwlStmt *else_stmt; } if_; /* IF */
    struct { AwlExpr *cond; AwlStmt *body; } while_;                  /* WHILE, DO */
    struct { AwlStmt **init; guint n_init;   /* one DECL or several EXPR statements */
             AwlExpr *cond;                  /* NULL = forever */
             AwlExpr **iter; guint n_iter;
             AwlStmt *body; } for_;                                   /* FOR */
    struct { gboolean is_await;
             AwlVar *var;
             AwlExpr *collection;
             AwlStmt *body;
             guint state;   /* await foreach: await state of MoveNextAsync (checker) */
           } foreach;                                                 /* FOREACH */
    struct { AwlExpr *value; } ret;           /* RETURN, THROW, YIELD_RETURN */
    struct { AwlStmt *body;                   /* BLOCK */
             AwlCatch *catches; guint n_catches;
             AwlStmt *finally_block;          /* BLOCK or NULL */ } try_; /* TRY */
    struct { AwlExpr *target; AwlStmt *body; } lock;                  /* LOCK */
    struct { AwlExpr *subject;   /* the NAME of the hidden variable the parser declared */
             AwlSwitchSection *sections; guint n_sections; } switch_; /* SWITCH */
  };
};

/* ---------------------------------------------------------------------------- */
/* Functions: top-level methods and lambdas share one shape                     */

typedef enum
{
  AWL_MOD_STATIC    = 1 << 0,
  AWL_MOD_ASYNC     = 1 << 1,
  AWL_MOD_PUBLIC    = 1 << 2,
  AWL_MOD_PRIVATE   = 1 << 3,
  AWL_MOD_PROTECTED = 1 << 4,
  AWL_MOD_INTERNAL  = 1 << 5,
  AWL_MOD_READONLY  = 1 << 6,
  AWL_MOD_CONST     = 1 << 7,
  AWL_MOD_VOLATILE  = 1 << 8,
  AWL_MOD_VIRTUAL   = 1 << 9,
  AWL_MOD_OVERRIDE  = 1 << 10,
  AWL_MOD_ABSTRACT  = 1 << 11,
  AWL_MOD_SEALED    = 1 << 12,
} AwlModifiers;

typedef enum
{
  AWL_FUNC_ASYNC       = 1 << 0,   /* `async` method or lambda */
  AWL_FUNC_LAMBDA      = 1 << 1,
  AWL_FUNC_ITERATOR    = 1 << 2,   /* contains yield (checker; parser sets it too) */
  AWL_FUNC_EXPR_BODY   = 1 << 3,   /* `=> expr` body: see body_expr */
  AWL_FUNC_ASYNC_VOID  = 1 << 4,   /* async method returning void */
  AWL_FUNC_INSTANCE    = 1 << 5,   /* a non-static method of a class: params[0] is `this` */
  AWL_FUNC_CTOR        = 1 << 6,   /* a constructor (also INSTANCE; named as its class) */
  AWL_FUNC_TOP_LEVEL   = 1 << 7,   /* the Main made of the file's top-level statements */
  AWL_FUNC_LOCAL       = 1 << 8,   /* a local function, hoisted to a static method */
  AWL_FUNC_ABSTRACT    = 1 << 9,   /* no body: `abstract` or declared in an interface */
  AWL_FUNC_EXTENSION   = 1 << 10,  /* `static T M(this X x, …)` in a static class */
  AWL_FUNC_ACCESSOR    = 1 << 11,  /* a property's `get`/`set` body (named get_X / set_X) */
} AwlFunctionFlags;

struct _AwlFunction
{
  AwlLoc         loc;           /* of the name (methods) or of the lambda's first token */
  const char    *name;          /* methods: the name; lambdas: "Outer.lambda#N" (1-based
                                   in source order within the outermost method) */
  guint          flags;         /* AwlFunctionFlags */
  guint          modifiers;     /* AwlModifiers as written (methods) */
  AwlTypeRef    *return_type;   /* methods; NULL for lambdas */
  AwlReturnKind  return_kind;   /* methods; lambdas: AWL_RETURN_PLAIN */
  AwlVar       **params;
  guint          n_params;
  AwlStmt       *body;          /* a BLOCK; NULL when FLAG_EXPR_BODY */
  AwlExpr       *body_expr;     /* `=> expr`; NULL otherwise */
  guint          end_line;      /* line of the closing `}` or of the expression's end */
  AwlFunction   *parent;        /* lambdas: the enclosing function; methods: NULL */
  const char    *klass;         /* methods: the innermost enclosing class, or NULL */
  AwlArg        *init_args;     /* constructors: `: base(…)` / `: this(…)` arguments */
  guint          n_init_args;
  guint          init_kind;     /* constructors: 0 none, 1 `: base(…)`, 2 `: this(…)` */

  /* Filled in by the checker. */
  AwlVar       **vars;          /* params first, then locals in declaration order */
  guint          n_vars;
  guint          n_awaits;      /* await states 0 … n_awaits-1 */
  AwlFunction  **lambdas;       /* lambdas directly inside this function */
  guint          n_lambdas;
};

/* A static field or const at the top level (or in the ignored enclosing class). */
struct _AwlField
{
  AwlLoc       loc;        /* of the name */
  guint        modifiers;  /* AwlModifiers */
  AwlTypeRef  *type;
  const char  *name;       /* interned */
  AwlExpr     *init;       /* may be NULL (default value) */
  guint        index;      /* position in AwlAst.fields */
  const char  *klass;      /* the innermost enclosing class, or NULL */
};

/* ---------------------------------------------------------------------------- */
/* The whole file                                                               */

struct _AwlAst
{
  AwlFunction **methods;      /* in source order */
  guint         n_methods;
  AwlField    **fields;       /* in source order */
  guint         n_fields;
  const char  **classes;      /* names of the classes declared, in source order */
  guint         n_classes;
  guint         first_code_line;  /* line of the first token of code (0 if none) */

  /*< private >*/
  gpointer      priv;
};

void          awl_ast_free          (AwlAst     *ast);
AwlFunction  *awl_ast_find_method   (const AwlAst *ast,
                                     const char *name);
AwlField     *awl_ast_find_field    (const AwlAst *ast,
                                     const char *name);
/* A method or field of class @klass (NULL: any class; the first declared). */
AwlFunction  *awl_ast_find_method_in (const AwlAst *ast,
                                      const char   *klass,
                                      const char   *name);
AwlField     *awl_ast_find_field_in (const AwlAst *ast,
                                     const char   *klass,
                                     const char   *name);
gboolean      awl_ast_has_class     (const AwlAst *ast,
                                     const char   *name);
/* A type parameter of a generic method of the script (`T` in `Task<T> RetryAsync<T>(…)`). */
gboolean      awl_ast_is_type_param (const AwlAst *ast,
                                     const char   *name);
/* Enums of the script: `enum Color { Red, Green }`. */
gboolean      awl_ast_is_enum       (const AwlAst *ast,
                                     const char   *name);
gboolean      awl_ast_has_enum_member (const AwlAst *ast,
                                       const char   *enum_name,
                                       const char   *member);
/* Classes, interfaces, records and structs of the script and what they derive from
 * (awl-ast-types.c). */
typedef enum
{
  AWL_CLASS_INTERFACE = 1 << 0,
  AWL_CLASS_ABSTRACT  = 1 << 1,
  AWL_CLASS_STATIC    = 1 << 2,
  AWL_CLASS_RECORD    = 1 << 3,
  AWL_CLASS_STRUCT    = 1 << 4,
} AwlClassFlags;

typedef struct
{
  AwlLoc        loc;        /* of the name */
  const char   *name;       /* interned */
  guint         flags;      /* AwlClassFlags */
  AwlTypeRef  **bases;      /* the base list as written after `:` */
  guint         n_bases;
  AwlVar      **record_params; /* `record Point(int X, int Y)`: its positional parameters */
  guint         n_record_params;
} AwlClassDecl;

const AwlClassDecl *awl_ast_get_class  (const AwlAst *ast,
                                        const char   *name);
/* The base class of @klass: a class of the script, a .NET class the subset lets
 * scripts derive from (`SynchronizationContext`), or NULL. */
const char   *awl_ast_class_base       (const AwlAst *ast,
                                        const char   *klass);
/* Whether @klass is @type, derives from it or implements it (directly or not). */
gboolean      awl_ast_class_is_a       (const AwlAst *ast,
                                        const char   *klass,
                                        const char   *type);
/* Whether @klass derives (directly or not) from the .NET class @builtin. */
gboolean      awl_ast_class_extends_builtin (const AwlAst *ast,
                                             const char   *klass,
                                             const char   *builtin);

/* The .NET exception class @klass (a class of the script) derives from, directly or
 * through its base classes ("Exception", "InvalidOperationException"), or NULL. */
const char   *awl_ast_class_exception_base (const AwlAst *ast,
                                            const char   *klass);

/* Whether some anonymous type (`new { Name = … }`) has a member @name. */
gboolean      awl_ast_is_anonymous_member (const AwlAst *ast,
                                           const char   *name);

/* A compact S-expression of the tree, one line per statement, for tests and
 * debugging: (method Main async Task (params) (block (decl var x (int 1)) …)). */
char         *awl_ast_dump          (const AwlAst *ast);
char         *awl_expr_dump         (const AwlExpr *expr);

const char   *awl_expr_kind_to_string  (AwlExprKind  kind);
const char   *awl_stmt_kind_to_string  (AwlStmtKind  kind);
const char   *awl_binary_op_to_string  (AwlBinaryOp  op);   /* "+", "&&", … */
const char   *awl_unary_op_to_string   (AwlUnaryOp   op);
const char   *awl_assign_op_to_string  (AwlAssignOp  op);
/* The method a user-defined operator is (`op_Addition` for +), or NULL
 * (awl-parser-operators.c). */
const char   *awl_binary_op_method_name (AwlBinaryOp op);

/* Visiting children, for passes that only traverse the tree.
 *
 * Calls @func once per non-NULL direct child of a node, with exactly one of
 * @expr and @stmt set. The order is the order of the node's fields, which is the
 * order the checker numbers await states in: a `do` loop's condition before its
 * body, a `for` loop's iterators before its body, a `try` body before each
 * catch's filter and body, then `finally`. A lambda's children are its
 * parameters' default values and its body (block or expression); a `nameof`'s is
 * its operand. Types, declared variables and catch variables are not children.
 * The walk does not recurse: @func decides whether to descend (usually by
 * calling its own walker on the child). */
typedef void (*AwlAstChildFunc) (AwlExpr  *expr,
                                 AwlStmt  *stmt,
                                 gpointer  user_data);

void          awl_expr_foreach_child    (const AwlExpr      *expr,
                                         AwlAstChildFunc     func,
                                         gpointer            user_data);
void          awl_stmt_foreach_child    (const AwlStmt      *stmt,
                                         AwlAstChildFunc     func,
                                         gpointer            user_data);
/* A pattern's expressions (constants, relational bounds), left to right. */
void          awl_pattern_foreach_child (const AwlPattern  *pattern,
                                         AwlAstChildFunc    func,
                                         gpointer           user_data);
/* A function's children: its parameters' default values, then its body. */
void          awl_function_foreach_child (const AwlFunction *function,
                                          AwlAstChildFunc    func,
                                          gpointer           user_data);

/* Formats a type as C# writes it: "Task<int>", "int[]", "List<string>". */
char         *awl_type_ref_to_string   (const AwlTypeRef *type);

/* An instance field: declared in a class without `static` or `const`. */
static inline gboolean
awl_field_is_instance (const AwlField *field)
{
  return field->klass != NULL && (field->modifiers & (AWL_MOD_STATIC | AWL_MOD_CONST)) == 0;
}

/* TRUE if the method's body was written as `async` and returns a task-like type,
 * IAsyncEnumerable or void. Shortcut for (flags & AWL_FUNC_ASYNC). */
static inline gboolean
awl_function_is_async (const AwlFunction *func)
{
  return (func->flags & AWL_FUNC_ASYNC) != 0;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwlAst, awl_ast_free)

G_END_DECLS
