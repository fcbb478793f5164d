/* awl-parser-collections.c
 *
 * C# 12's collection expressions: `[a, b, c]` and `[]`. The parser reads one as an
 * array `new[] { a, b, c }`; where the target type is known (a declaration, a field,
 * a `return`) and is a collection class such as `List<T>`, the checker makes it
 * `new List<T> { a, b, c }`. Spread elements (`..xs`) are reported as unsupported.
 */

#include "awl-parser-ext.h"

AwlExpr *
awl_px_parse_collection (AwlPx *p)
{
  AwlToken *open = awl_px_peek (p, 0);
  g_autoptr(GPtrArray) elems = g_ptr_array_new ();
  AwlExpr *e = awl_px_new_expr (p, AWL_EXPR_NEW_ARRAY, (AwlLoc) { open->line, open->col });
  guint depth = 0;

  awl_px_next (p);   /* [ */
  while (!tok_is_punct (awl_px_peek (p, 0), P_RBRACKET) && awl_px_peek (p, 0)->kind != AWL_TOK_EOF)
    {
      AwlExpr *el;

      if (tok_is_punct (awl_px_peek (p, 0), P_DOTDOT))
        {
          awl_px_error (p, awl_px_peek (p, 0),
                        "spread elements (`..`) in collection expressions are not supported by "
                        "Awaitlab's C# subset");
          return NULL;
        }
      el = awl_px_parse_expr (p);
      if (el == NULL)
        return NULL;
      depth = MAX (depth, el->depth);
      g_ptr_array_add (elems, el);
      if (!awl_px_accept (p, P_COMMA))
        break;
    }
  if (!awl_px_expect (p, P_RBRACKET))
    return NULL;
  e->new_array.has_init = TRUE;
  e->new_array.n_elements = elems->len;
  e->new_array.elements = (AwlExpr **) awl_arena_dup_ptrs (awl_px_arena (p), elems->pdata, elems->len);
  return awl_px_finish_depth (p, e, depth);
}

/* The collection classes a collection expression may build with an initializer:
 * C# calls their Add for each element. Any other target (an array, an interface such
 * as IEnumerable<T>, no target) keeps the array. */
static gboolean
is_collection_class (const AwlTypeRef *type)
{
  static const char * const classes[] = {
    "List", "HashSet", "Queue", "Stack", "ConcurrentBag", "ConcurrentQueue", "LinkedList",
    "SortedSet", "Collection", NULL
  };
  const char *name = type->name, *dot = strrchr (name, '.');

  return type->array_rank == 0 && g_strv_contains (classes, dot ? dot + 1 : name);
}

void
awl_collection_give_target_type (AwlExpr    *init,
                                 AwlTypeRef *type)
{
  AwlExpr **elements;
  guint n;

  if (init == NULL || type == NULL || init->kind != AWL_EXPR_NEW_ARRAY ||
      init->new_array.element_type != NULL || init->new_array.size != NULL ||
      !is_collection_class (type))
    return;
  elements = init->new_array.elements;
  n = init->new_array.n_elements;
  init->kind = AWL_EXPR_NEW;
  memset (&init->new_obj, 0, sizeof init->new_obj);
  init->new_obj.type = type;
  init->new_obj.init = elements;
  init->new_obj.n_init = n;
  init->new_obj.has_init = TRUE;
}
