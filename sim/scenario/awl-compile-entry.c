/* awl-compile-entry.c
 *
 * An instance method as the scenario's entry: a form's click handler
 * (`partial class MainForm : Form { private async void Button_Click(object sender,
 * EventArgs e) … }`) runs on an object of its class, as the designer's code would
 * call it. The run starts in a small function of its own, the equivalent of
 * `new MainForm().Button_Click(null, null);`: the object gets its field initializers
 * and parameterless constructor, then the handler runs on it with null for every
 * parameter (the sender and the event arguments, as a static entry gets them).
 *
 * The function is made of syntax-tree nodes built here and compiled as any method
 * is; they are owned by the program (AwlProgram.strings), not by the tree.
 */

#include "awl-compile-ext.h"

static gpointer
node (AwlProgram *prog,
      gsize       size)
{
  gpointer p = g_malloc0 (size);

  g_ptr_array_add (prog->strings, p);
  return p;
}

static AwlExpr *
new_expr (AwlProgram  *prog,
          AwlExprKind  kind,
          AwlLoc       loc,
          guint        depth)
{
  AwlExpr *e = node (prog, sizeof (AwlExpr));

  e->kind = kind;
  e->loc = loc;
  e->depth = depth;
  return e;
}

AwlCode *
awl_cx_instance_entry (AwlCx   *c,
                       AwlCode *method)
{
  AwlProgram *prog = awl_cx_program (c);
  AwlFunction *handler = method->func;
  AwlFunction *func = node (prog, sizeof (AwlFunction));
  AwlTypeRef *type = node (prog, sizeof (AwlTypeRef));
  AwlExpr *object, *member, *call;
  guint n_args = handler->n_params > 0 ? handler->n_params - 1 : 0;   /* params[0] is `this` */
  g_autofree char *name = g_strdup_printf ("new %s().%s", handler->klass, handler->name);

  type->loc = handler->loc;
  type->name = handler->klass;
  object = new_expr (prog, AWL_EXPR_NEW, handler->loc, 1);
  object->new_obj.type = type;
  object->new_obj.has_args = TRUE;

  member = new_expr (prog, AWL_EXPR_MEMBER, handler->loc, 2);
  member->member.target = object;
  member->member.name = handler->name;
  member->member.name_loc = handler->loc;

  call = new_expr (prog, AWL_EXPR_CALL, handler->loc, 3);
  call->call.callee = member;
  call->call.n_args = n_args;
  call->call.args = node (prog, sizeof (AwlArg) * MAX (n_args, 1));
  for (guint i = 0; i < n_args; i++)
    {
      call->call.args[i].loc = handler->loc;
      call->call.args[i].value = new_expr (prog, AWL_EXPR_NULL, handler->loc, 1);
    }

  func->loc = handler->loc;
  func->name = handler->name;
  func->return_kind = AWL_RETURN_VOID;
  func->flags = AWL_FUNC_EXPR_BODY;
  func->body_expr = call;
  func->end_line = handler->loc.line;
  func->klass = handler->klass;
  return awl_cx_compile_extra (c, func, name);
}
