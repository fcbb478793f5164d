/* awl-compile-ext.h
 *
 * The parts of the compiler that live outside awl-compile.c: tuples,
 * deconstruction, `out`/`ref` arguments, patterns and switch expressions
 * (awl-compile-everyday.c). They reach the compiler's state only through the
 * functions below, which awl-compile.c exports; the compiler is an opaque AwlCx.
 */

#pragma once

#include "awl-scenario-private.h"

G_BEGIN_DECLS

typedef struct _AwlCx AwlCx;   /* awl-compile.c's Compiler */

/* Exported by awl-compile.c. */
guint        awl_cx_emit          (AwlCx *c, AwlOp op, gint32 a, gint32 b, gpointer p, AwlLoc loc);
guint        awl_cx_here          (AwlCx *c);
void         awl_cx_patch         (AwlCx *c, guint at, guint target);
guint        awl_cx_new_slot      (AwlCx *c);
void         awl_cx_const         (AwlCx *c, AwlValue v);
void         awl_cx_string        (AwlCx *c, const char *s);
/* default(T) */
void         awl_cx_default       (AwlCx *c, AwlTypeRef *type);
const char  *awl_cx_own_string    (AwlCx *c, const char *s);
void         awl_cx_expr          (AwlCx *c, AwlExpr *e);
/* Declares @name (typed by @type, NULL = untyped) in the current scope and stores the
 * value on the stack into it. */
void         awl_cx_declare_store (AwlCx *c, const char *name, AwlTypeRef *type);
/* Stores the value on the stack into the variable or static field @target (a NAME). */
void         awl_cx_store_name    (AwlCx *c, AwlExpr *target);
void         awl_cx_scope_push    (AwlCx *c);
void         awl_cx_scope_pop     (AwlCx *c);
void         awl_cx_error         (AwlCx *c, AwlLoc loc, const char *message);
AwlCallSite *awl_cx_site          (AwlCx *c, const char *type, const char *member, guint n_args, AwlLoc loc);
AwlProgram  *awl_cx_program       (AwlCx *c);
/* The copy-backs of `out`/`ref` arguments waiting for their call (see below). */
GArray      *awl_cx_pending_refs  (AwlCx *c);
/* The function being compiled (NULL for field initializers). */
AwlFunction *awl_cx_function      (AwlCx *c);

AwlAst      *awl_cx_ast           (AwlCx *c);
/* The class of the method being compiled, or NULL. */
const char  *awl_cx_class         (AwlCx *c);

/* Defined in awl-compile-nullable.c: nullable value types (`int?`). */

/* The type an expression is declared with (a variable, field, property, method
 * result, awaited method result or cast), or NULL if not known. */
const AwlTypeRef *awl_cx_declared_type (AwlCx *c, AwlExpr *e);
gboolean     awl_cx_type_is_nullable_value (const AwlTypeRef *t);
/* A member site on @target: tags it with `T?` when the target is one, and reports
 * HasValue/Value/GetValueOrDefault on a plain value type. */
void         awl_cx_nullable_site (AwlCx *c, AwlCallSite *site, AwlExpr *target, AwlLoc name_loc);
/* Reports `int x = null;` and `int x = n;` for an `int? n`. */
void         awl_cx_nullable_convert (AwlCx *c, const AwlTypeRef *to, AwlExpr *value);
/* After a cast's operand: `(int)n` of an `int?` reads n.Value (throws when empty). */
void         awl_cx_nullable_cast (AwlCx *c, AwlExpr *cast);

/* Defined in awl-compile-everyday.c. */

/* `out`/`ref` arguments: pushes a box for @arg and remembers to copy its value back
 * into the variable once the call returned (awl_cx_flush_refs, with the pending
 * count taken before the call was compiled). */
void         awl_cx_push_ref_arg  (AwlCx *c, AwlArg *arg);
void         awl_cx_flush_refs    (AwlCx *c, guint mark);
void         awl_cx_tuple         (AwlCx *c, AwlExpr *e, const AwlTypeRef *type);
/* A value whose declared type is a named tuple: @value compiled with those names. */
gboolean     awl_cx_named_tuple   (AwlCx *c, AwlExpr *value, const AwlTypeRef *type);
/* The tuple type a method returns (`(int A, string B)` or in `Task<…>`), or NULL. */
const AwlTypeRef *awl_cx_return_tuple_type (AwlFunction *func);
void         awl_cx_deconstruct   (AwlCx *c, AwlStmt *decl);
void         awl_cx_deconstruct_assign (AwlCx *c, AwlExpr *target, AwlExpr *value, gboolean want);
void         awl_cx_is_pattern    (AwlCx *c, AwlExpr *e);
void         awl_cx_switch        (AwlCx *c, AwlExpr *e);

/* Runtime side (awl-compile-everyday.c): a tuple is an AwlInstance whose class name
 * starts with '(' and whose fields are its element names (or Item1, Item2, …). */
extern const AwlKnownApi awl_tuple_ctor;    /* OP_NEW: the elements are the arguments */
extern const AwlKnownApi awl_tuple_rename;  /* OP_CALL_STATIC: the same tuple with the site's names */
extern const AwlKnownApi awl_record_clone;  /* OP_CALL_STATIC: a shallow copy of a script object */

/* Compiles @func (not part of the syntax tree) as a method called @name. */
AwlCode     *awl_cx_compile_extra (AwlCx *c, AwlFunction *func, const char *name);

/* Defined in awl-compile-entry.c: the function that starts an instance entry
 * (`new MainForm().Button_Click(null, null)`). */
AwlCode     *awl_cx_instance_entry (AwlCx *c, AwlCode *method);

/* Defined in awl-compile-exceptions.c: exception classes of the script. */
extern const AwlKnownApi awl_exception_base_ctor;  /* (this, [message, [inner]]): `: base(…)` */
extern const AwlKnownApi awl_exception_wrap;       /* (object) → the exception it is */
/* Compiles a constructor's `: base(…)` when it reaches a .NET exception class. */
gboolean     awl_cx_exception_base_init (AwlCx *c, AwlFunction *ctor);
/* After `new C(…)` of an exception class: the object becomes the exception. */
void         awl_cx_exception_wrap (AwlCx *c, const char *klass, AwlLoc loc);

void         awl_cx_stmt          (AwlCx *c, AwlStmt *s);
/* A switch statement's `break` target: push before its sections, pop at its end. */
void         awl_cx_switch_push   (AwlCx *c);
void         awl_cx_switch_pop    (AwlCx *c, guint break_target);

/* Calls the method @klass.@name of the script with @args (as written in @e). */
void         awl_cx_call_method   (AwlCx *c, AwlExpr *e, const char *klass, const char *name,
                                   AwlArg *args, guint n_args);

/* Defined in awl-compile-operators.c: `a + b` on a class with `operator +`. */
AwlFunction *awl_cx_user_operator_method (AwlCx *c, AwlExpr *e);
gboolean     awl_cx_user_operator (AwlCx *c, AwlExpr *e);

/* Defined in awl-compile-switch.c. */
void         awl_cx_switch_statement (AwlCx *c, AwlStmt *s);

/* Defined in awl-compile-with.c: `x with { Name = v, … }`. */
void         awl_cx_with          (AwlCx *c, AwlExpr *e);

G_END_DECLS
