/* awl-csharp-layout.c
 *
 * Where the scenario's declarations go in the generated program, decided on its
 * tokens (the syntax tree has no positions for class bodies or modifiers). The text
 * stays where it is written, inside the program's `partial class Scenario`:
 *
 *  - classes, structs, enums (and any other type) are kept as written, so they become
 *    nested types of Scenario: they see the knobs and the top-level methods, and the
 *    prelude's Console/Http/Db/Cpu (namespace Awaitlab) still win over System's;
 *  - `using` directives and `namespace` headers (with their braces) are blanked;
 *  - top-level statements become the body of a generated `AwaitlabTopLevel` method.
 *    For .NET its header is inserted before the first of them and its `}` after the
 *    last, so methods declared among them become local functions, as C# compiles
 *    them. Mono's mcs has no local functions: there the statements' lines are moved
 *    into the method, after the scenario's text, each run behind its own `#line`,
 *    and the methods and typed declarations among them stay Scenario's members;
 *  - a scenario entry declared in a class is reached through `AwaitlabEntry`
 *    forwarders inserted at the end of each enclosing class (a nested class's
 *    private members are out of Scenario's reach, and changing access modifiers
 *    would change what compiles).
 *
 * Nothing inserted holds a newline, so every line keeps its number behind `#line`.
 */

#include <string.h>

#include "awl-csharp-private.h"

#define TASK_TYPE "global::System.Threading.Tasks.Task"

static const AwlToken *
tok (AwlCsharpGen *gen,
     guint         i)
{
  return &g_array_index (gen->tokens, AwlToken, MIN (i, gen->tokens->len - 1));
}

static gboolean
tok_is_word (const AwlToken *t,
             const char     *word)
{
  return (t->kind == AWL_TOK_KEYWORD || t->kind == AWL_TOK_IDENT) && g_strcmp0 (t->text, word) == 0;
}

static gboolean
tok_is_punct (const AwlToken *t,
              AwlPunct        p)
{
  return t->kind == AWL_TOK_PUNCT && t->punct == p;
}

static gboolean
tok_is_modifier (const AwlToken *t)
{
  static const char * const mods[] = {
    "public", "private", "protected", "internal", "static", "sealed", "abstract",
    "partial", "unsafe", "readonly", "volatile", "async", "virtual", "override",
    "extern", "new", "const", "required", NULL
  };
  return (t->kind == AWL_TOK_KEYWORD || t->kind == AWL_TOK_IDENT) && g_strv_contains (mods, t->text);
}

/* `class`, `struct`, `interface`, `enum` or `record` starting a type declaration at
 * token @i. */
static gboolean
is_type_keyword (AwlCsharpGen *gen,
                 guint         i)
{
  const AwlToken *t = tok (gen, i);
  const AwlToken *n = tok (gen, i + 1);

  if (tok_is_word (t, "record"))
    return n->kind == AWL_TOK_IDENT || tok_is_word (n, "class") || tok_is_word (n, "struct");
  return (tok_is_word (t, "class") || tok_is_word (t, "struct") || tok_is_word (t, "interface") ||
          tok_is_word (t, "enum")) && n->kind == AWL_TOK_IDENT;
}

/* The first `{` or `;` from token @from, or the EOF token's index. */
static guint
header_end (AwlCsharpGen *gen,
            guint         from)
{
  guint j = from;

  for (; j < gen->tokens->len; j++)
    {
      const AwlToken *t = tok (gen, j);
      if (t->kind == AWL_TOK_EOF || tok_is_punct (t, P_SEMI) || tok_is_punct (t, P_LBRACE))
        break;
      /* A record's parameter list or a base's arguments. */
      if (tok_is_punct (t, P_LPAREN) && t->match > (gint) j)
        j = t->match;
    }
  return MIN (j, gen->tokens->len - 1);
}

/* Blanks tokens [from, to] and, for a `{`, its matching `}`. */
static void
blank_header (AwlCsharpGen *gen,
              guint         from,
              guint         to)
{
  const AwlToken *last = tok (gen, to);

  awl_csharp_blank_range (gen, tok (gen, from)->offset, last->end);
  if (tok_is_punct (last, P_LBRACE) && last->match >= 0)
    awl_csharp_blank_range (gen, tok (gen, last->match)->offset, tok (gen, last->match)->end);
}

typedef struct
{
  gint first_member;   /* token index of the first file-level member, or -1 */
  gint first_type;     /* token index of the first file-level type or namespace, or -1 */
} FileLevel;

static void scan_members (AwlCsharpGen *gen, guint from, guint to, gint parent, FileLevel *file);

/* Members from token @from to @to (exclusive): blanks directives and namespace
 * headers, records types (recursing into their bodies) and skips everything else by
 * its brackets. @file is non-NULL at the file level, where top-level statements live. */
static void
scan_members (AwlCsharpGen *gen,
              guint         from,
              guint         to,
              gint          parent,
              FileLevel    *file)
{
  guint i = from;

  while (i < to)
    {
      const AwlToken *t = tok (gen, i);
      const AwlToken *n = tok (gen, i + 1);
      guint j, end;

      if (t->kind == AWL_TOK_EOF)
        break;

      /* A directive, not a `using (…)` statement or a `using T x = …;` declaration. */
      if (tok_is_word (t, "using") && !tok_is_punct (n, P_LPAREN) && !tok_is_word (n, "var") &&
          !(n->kind == AWL_TOK_IDENT && tok (gen, i + 2)->kind == AWL_TOK_IDENT &&
            tok_is_punct (tok (gen, i + 3), P_ASSIGN)) &&
          (file == NULL || file->first_member < 0))
        {
          end = header_end (gen, i);
          if (tok_is_punct (tok (gen, end), P_SEMI))
            g_ptr_array_add (gen->usings, g_strndup (gen->unit->text + t->offset,
                                                     tok (gen, end)->end - t->offset));
          blank_header (gen, i, end);
          i = end + 1;
          continue;
        }
      if (tok_is_word (t, "namespace"))
        {
          end = header_end (gen, i);
          blank_header (gen, i, end);
          if (file != NULL && file->first_type < 0)
            file->first_type = i;
          /* A block namespace's members; a file-scoped one's follow it. */
          if (tok_is_punct (tok (gen, end), P_LBRACE) && tok (gen, end)->match > (gint) end)
            {
              scan_members (gen, end + 1, tok (gen, end)->match, parent, NULL);
              i = tok (gen, end)->match + 1;
            }
          else
            {
              scan_members (gen, end + 1, to, parent, NULL);
              i = to;
            }
          continue;
        }

      /* [attributes] [modifiers] class|struct|interface|enum|record Name … { … } */
      j = i;
      while (j < to && (tok_is_modifier (tok (gen, j)) ||
                        (tok_is_punct (tok (gen, j), P_LBRACKET) && tok (gen, j)->match > (gint) j)))
        j = tok_is_punct (tok (gen, j), P_LBRACKET) ? (guint) tok (gen, j)->match + 1 : j + 1;
      if (j < to && is_type_keyword (gen, j))
        {
          /* `record class Name` / `record struct Name`: the name is one further. */
          guint kw = tok_is_word (tok (gen, j), "record") &&
                     (tok_is_word (tok (gen, j + 1), "class") || tok_is_word (tok (gen, j + 1), "struct"))
                     ? j + 1 : j;
          AwlCsharpType type = { tok (gen, kw + 1)->text, i, 0, 0, parent };

          end = header_end (gen, kw + 1);
          if (file != NULL && file->first_type < 0)
            file->first_type = i;
          if (tok_is_punct (tok (gen, end), P_LBRACE) && tok (gen, end)->match > (gint) end)
            {
              gint index = gen->types->len;

              type.open = end;
              type.close = tok (gen, end)->match;
              g_array_append_val (gen->types, type);
              scan_members (gen, end + 1, type.close, index, NULL);
              i = type.close + 1;
            }
          else
            i = end + 1;
          continue;
        }

      if (file != NULL && file->first_member < 0 && !tok_is_punct (t, P_SEMI))
        file->first_member = i;
      /* A member's bracketed parts (bodies, parameter lists, attributes). */
      if ((tok_is_punct (t, P_LBRACE) || tok_is_punct (t, P_LPAREN) || tok_is_punct (t, P_LBRACKET)) &&
          t->match > (gint) i)
        i = t->match + 1;
      else
        i++;
    }
}

static void
fix_interp_prefix (AwlCsharpGen   *gen,
                   const AwlToken *t)
{
  const char *s = gen->unit->text + t->offset;

  /* mcs only knows the C# 7 order `$@"…"`. */
  if (t->kind == AWL_TOK_INTERP && t->end - t->offset >= 2 && s[0] == '@' && s[1] == '$')
    awl_csharp_add_edit (gen, t->offset, 2, "$@");
}

/* What C# 7.2 lacks and only the tokens show. */
static void
check_tokens (AwlCsharpGen *gen)
{
  for (guint i = 0; i + 1 < gen->tokens->len; i++)
    {
      const AwlToken *t = tok (gen, i);
      const AwlToken *n = tok (gen, i + 1);

      if (tok_is_word (t, "await") && tok_is_word (n, "using"))
        awl_csharp_not_exportable (gen, t->line, "`await using` needs C# 8");
      else if (tok_is_word (t, "using") &&
               (tok_is_word (n, "var") ||
                (n->kind == AWL_TOK_IDENT && tok (gen, i + 2)->kind == AWL_TOK_IDENT &&
                 tok_is_punct (tok (gen, i + 3), P_ASSIGN))))
        awl_csharp_not_exportable (gen, t->line, "`using` declarations need C# 8");
      else if (tok_is_word (t, "init") && (tok_is_punct (n, P_SEMI) || tok_is_punct (n, P_LBRACE)) &&
               i > 0 && (tok_is_punct (tok (gen, i - 1), P_SEMI) || tok_is_punct (tok (gen, i - 1), P_LBRACE)))
        awl_csharp_not_exportable (gen, t->line, "`init` accessors need C# 9");
    }
}

/* Token index of the token starting at byte @offset, or -1. */
static gint
token_at (AwlCsharpGen *gen,
          gsize         offset)
{
  guint lo = 0, hi = gen->tokens->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (tok (gen, mid)->offset < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < gen->tokens->len && tok (gen, lo)->offset == offset ? (gint) lo : -1;
}

/* The line of the `;` that ends the declaration whose name is at @loc. */
static guint
declaration_end_line (AwlCsharpGen *gen,
                      AwlLoc        loc)
{
  gsize off;
  gint i;

  if (!awl_csharp_loc_to_offset (gen, loc, &off) || (i = token_at (gen, off)) < 0)
    return loc.line;
  for (; (guint) i < gen->tokens->len && tok (gen, i)->kind != AWL_TOK_EOF; i++)
    {
      const AwlToken *t = tok (gen, i);
      if (tok_is_punct (t, P_SEMI))
        return t->line;
      if ((tok_is_punct (t, P_LBRACE) || tok_is_punct (t, P_LPAREN) || tok_is_punct (t, P_LBRACKET)) &&
          t->match > i)
        i = t->match;
    }
  return loc.line;
}

static gboolean
overlaps (guint a,
          guint b,
          guint c,
          guint d)
{
  return a <= d && c <= b;
}

/* Mono: the lines the top-level statements take, which move whole. A line they
 * share with a declaration cannot move (the declaration stays): refused. */
static void
find_moved_lines (AwlCsharpGen  *gen,
                  const AwlStmt *body)
{
  const AwlAst *ast = gen->unit->ast;

  gen->moved_lines = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  for (guint i = 0; i < body->block.n_stmts; i++)
    {
      const AwlStmt *st = body->block.stmts[i];
      guint range[2] = { st->loc.line, MAX (st->loc.line, st->end_line) };
      guint clash = 0;

      for (guint k = 0; k < ast->n_methods && clash == 0; k++)
        {
          const AwlFunction *m = ast->methods[k];
          guint first = m->return_type != NULL ? MIN (m->return_type->loc.line, m->loc.line) : m->loc.line;
          if (!(m->flags & AWL_FUNC_TOP_LEVEL) && overlaps (range[0], range[1], first, m->end_line))
            clash = first;
        }
      for (guint k = 0; k < ast->n_fields && clash == 0; k++)
        {
          const AwlField *f = ast->fields[k];
          guint first = f->type != NULL ? MIN (f->type->loc.line, f->loc.line) : f->loc.line;
          if (overlaps (range[0], range[1], first, declaration_end_line (gen, f->loc)))
            clash = first;
        }
      for (guint k = 0; k < gen->types->len && clash == 0; k++)
        {
          const AwlCsharpType *t = &g_array_index (gen->types, AwlCsharpType, k);
          if (overlaps (range[0], range[1], tok (gen, t->first)->line, tok (gen, t->close)->line))
            clash = tok (gen, t->first)->line;
        }
      if (clash != 0)
        {
          awl_csharp_refuse (gen, range[0], "a top-level statement shares a line with a "
                             "declaration (line %u); for Mono the statements move into a "
                             "method of their own", clash);
          return;
        }
      if (gen->moved_lines->len > 0)
        {
          guint *last = &g_array_index (gen->moved_lines, guint, gen->moved_lines->len * 2 - 1);
          if (range[0] <= *last + 1)
            {
              *last = MAX (*last, range[1]);
              continue;
            }
        }
      g_array_append_vals (gen->moved_lines, range, 1);
    }
}

/* The top-level statements' region: from the first file-level member to the first
 * type or namespace (C# requires them first: CS8803). Every statement must be in it. */
static void
find_region (AwlCsharpGen    *gen,
             const FileLevel *file)
{
  const AwlAst *ast = gen->unit->ast;
  const AwlFunction *top = NULL;
  guint last;

  for (guint i = 0; i < ast->n_methods && top == NULL; i++)
    if (ast->methods[i]->flags & AWL_FUNC_TOP_LEVEL)
      top = ast->methods[i];
  if (top == NULL || top->body == NULL || file->first_member < 0 ||
      (file->first_type >= 0 && file->first_type < file->first_member))
    {
      if (top != NULL)
        awl_csharp_refuse (gen, top->loc.line, "top-level statements after a type declaration "
                           "(C# requires them before the first class or namespace: CS8803)");
      return;
    }

  /* The region ends with the last token before the first type (or the EOF token). */
  last = file->first_type >= 0 ? (guint) file->first_type : gen->tokens->len - 1;
  gen->has_region = TRUE;
  gen->region_start = tok (gen, file->first_member)->offset;
  gen->region_end = tok (gen, last - 1)->end;

  for (guint i = 0; i < top->body->block.n_stmts; i++)
    if (!awl_csharp_in_region (gen, top->body->block.stmts[i]->loc))
      {
        awl_csharp_refuse (gen, top->body->block.stmts[i]->loc.line,
                           "top-level statements after a type declaration (C# requires them "
                           "before the first class or namespace: CS8803)");
        gen->has_region = FALSE;
        return;
      }
  if (gen->target == AWL_CSHARP_TARGET_MONO)
    find_moved_lines (gen, top->body);
}

void
awl_csharp_layout_scan (AwlCsharpGen *gen)
{
  g_autoptr(AwlDiagnostics) diags = awl_diagnostics_new (gen->unit->filename, "", 0);
  FileLevel file = { -1, -1 };
  AwlLexer lx;

  gen->arena = awl_arena_new ();
  gen->tokens = g_array_new (FALSE, TRUE, sizeof (AwlToken));
  gen->types = g_array_new (FALSE, FALSE, sizeof (AwlCsharpType));
  gen->usings = g_ptr_array_new_with_free_func (g_free);
  awl_lexer_init (&lx, gen->unit->text, gen->unit->length, gen->arena, diags);
  awl_lexer_tokenize (&lx, 0, gen->unit->length, 1, 1, TRUE, gen->tokens);
  awl_lexer_clear (&lx);

  for (guint k = 0; k < gen->tokens->len; k++)
    fix_interp_prefix (gen, tok (gen, k));
  scan_members (gen, 0, gen->tokens->len, -1, &file);
  /* The types become Scenario's nested types, and one may not share its name (CS0542). */
  for (guint k = 0; k < gen->types->len; k++)
    if (g_strcmp0 (g_array_index (gen->types, AwlCsharpType, k).name, "Scenario") == 0)
      awl_csharp_refuse (gen, tok (gen, g_array_index (gen->types, AwlCsharpType, k).open)->line,
                         "a type named `Scenario`, the name of the class the program keeps the "
                         "scenario in");
  find_region (gen, &file);
  check_tokens (gen);
}

gboolean
awl_csharp_in_region (AwlCsharpGen *gen,
                      AwlLoc        loc)
{
  gsize off;

  return gen->has_region && awl_csharp_loc_to_offset (gen, loc, &off) &&
         off >= gen->region_start && off < gen->region_end;
}

/* A method or field declared among the top-level statements is a local function or
 * a local variable there: access modifiers are blanked (the subset accepts them),
 * as are `static`/`readonly` on a variable, and `static` on a local function for
 * C# 7.2 (static local functions came with C# 8). */
void
awl_csharp_layout_member (AwlCsharpGen *gen,
                          AwlLoc        type_loc,
                          gboolean      is_method)
{
  gsize off;
  gint i;

  if (!awl_csharp_loc_to_offset (gen, type_loc, &off) || (i = token_at (gen, off)) < 0)
    return;
  for (i--; i >= 0 && tok_is_modifier (tok (gen, i)); i--)
    {
      const AwlToken *t = tok (gen, i);
      gboolean blank;

      if (tok_is_word (t, "async") || tok_is_word (t, "const") || tok_is_word (t, "unsafe"))
        blank = FALSE;
      else if (tok_is_word (t, "static"))
        blank = !is_method || gen->target == AWL_CSHARP_TARGET_MONO;
      else
        blank = TRUE;
      if (blank)
        awl_csharp_blank_range (gen, t->offset, t->end);
    }
}

/* The generated method around the top-level statements (they may await; `args` is
 * theirs, as in C#). */
/* Whether @loc is among the top-level statements that stay where they are (.NET). */
gboolean
awl_csharp_wraps (AwlCsharpGen *gen,
                  AwlLoc        loc)
{
  return gen->target == AWL_CSHARP_TARGET_DOTNET && awl_csharp_in_region (gen, loc);
}

void
awl_csharp_layout_region (AwlCsharpGen *gen)
{
  if (!gen->has_region || gen->target != AWL_CSHARP_TARGET_DOTNET)
    return;
  awl_csharp_add_edit (gen, gen->region_start, 0,
                       "static async " TASK_TYPE " " AWL_CSHARP_TOP_LEVEL " (string[] args) { ");
  awl_csharp_add_edit (gen, gen->region_end, 0, " }");
}

/* Mono: moves the statements' lines out of @code (they are left empty there) into
 * the returned AwaitlabTopLevel method, each run behind a `#line` naming its place;
 * NULL when there is nothing to move. */
char *
awl_csharp_layout_move (AwlCsharpGen *gen,
                        char        **code,
                        const char   *line_file)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) method = NULL;
  guint n_lines;

  if (!gen->has_region || gen->moved_lines == NULL || gen->moved_lines->len == 0)
    return NULL;

  lines = g_strsplit (*code, "\n", -1);
  n_lines = g_strv_length (lines);
  method = g_string_new ("    static async " TASK_TYPE " " AWL_CSHARP_TOP_LEVEL " (string[] args)\n"
                         "    {\n");
  for (guint r = 0; r < gen->moved_lines->len; r++)
    {
      guint first = g_array_index (gen->moved_lines, guint, r * 2);
      guint last = g_array_index (gen->moved_lines, guint, r * 2 + 1);

      g_string_append_printf (method, "#line %u \"%s\"\n", first, line_file);
      for (guint l = first; l <= last && l <= n_lines; l++)
        {
          g_string_append_printf (method, "%s\n", lines[l - 1]);
          lines[l - 1][0] = '\0';
        }
    }
  g_string_append (method, "#line default\n    }\n");
  g_free (*code);
  *code = g_strjoinv ("\n", lines);
  return g_string_free (g_steal_pointer (&method), FALSE);
}

/* The innermost declared type whose body holds @loc, or -1. */
static gint
type_at (AwlCsharpGen *gen,
         AwlLoc        loc)
{
  gsize off;
  gint found = -1;

  if (!awl_csharp_loc_to_offset (gen, loc, &off))
    return -1;
  for (guint i = 0; i < gen->types->len; i++)
    {
      const AwlCsharpType *t = &g_array_index (gen->types, AwlCsharpType, i);
      if (off > tok (gen, t->open)->offset && off < tok (gen, t->close)->offset)
        found = i;   /* outer types come first: the last match is the innermost */
    }
  return found;
}

/* The body of Scenario.AwaitlabEntry when @entry is declared in a class, given
 * @body, the statements that start it from there (one line): the entry's class gets
 * that as its own AwaitlabEntry and each enclosing class a forwarder (see the top of
 * the file). NULL when Scenario can call the entry itself. */
char *
awl_csharp_layout_entry (AwlCsharpGen      *gen,
                         const AwlFunction *entry,
                         const char        *body)
{
  gint index;
  g_autofree char *inner = NULL;

  if (entry->flags & AWL_FUNC_TOP_LEVEL)
    return NULL;
  if (awl_csharp_in_region (gen, entry->loc))
    {
      awl_csharp_refuse (gen, entry->loc.line, "the entry `%s` is a local function of the "
                         "top-level statements, which nothing outside them can call", entry->name);
      return NULL;
    }
  index = type_at (gen, entry->loc);
  if (index < 0)
    return NULL;

  inner = g_strdup (body);
  while (index >= 0)
    {
      const AwlCsharpType *t = &g_array_index (gen->types, AwlCsharpType, index);
      g_autofree char *member = g_strdup_printf ("internal static " TASK_TYPE " AwaitlabEntry "
                                                 "(int request) { %s } ", inner);

      awl_csharp_add_edit (gen, tok (gen, t->close)->offset, 0, member);
      g_free (inner);
      inner = g_strdup_printf ("return %s.AwaitlabEntry (request);", t->name);
      index = t->parent;
    }
  return g_steal_pointer (&inner);
}

/* `using   System.Linq ;` as `using System.Linq;`. */
static char *
normalize_using (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (s->len > 0 && s->str[s->len - 1] != ' ')
            g_string_append_c (s, ' ');
          continue;
        }
      if (*p == ';' && s->len > 0 && s->str[s->len - 1] == ' ')
        g_string_truncate (s, s->len - 1);
      g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

/* Whether a console project on .NET has the namespace or type a `using` names: the
 * base library's System.*, but not the UI and web frameworks real code imports
 * (System.Windows.Forms, System.Web) nor Microsoft.* and other packages. */
static gboolean
dotnet_has (const char *normal)
{
  const char *name = normal + strlen ("using ");
  const char *eq = strchr (name, '=');

  if (g_str_has_prefix (name, "static "))
    name += strlen ("static ");
  if (eq != NULL)
    for (name = eq + 1; *name == ' '; name++)
      ;
  if (g_str_has_prefix (name, "global::"))
    name += strlen ("global::");
  if (g_str_has_prefix (name, "Newtonsoft.Json"))
    return TRUE;   /* the program references the package (awl_csharp_uses_newtonsoft) */
  return (g_str_has_prefix (name, "System.") || g_str_has_prefix (name, "System;")) &&
         !g_str_has_prefix (name, "System.Windows") && !g_str_has_prefix (name, "System.Web");
}

gboolean
awl_csharp_uses_newtonsoft (AwlCsharpGen *gen)
{
  for (guint i = 0; gen->usings != NULL && i < gen->usings->len; i++)
    {
      g_autofree char *normal = normalize_using (g_ptr_array_index (gen->usings, i));

      if (strstr (normal, "Newtonsoft.Json") != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The scenario's `using` directives go to the top of the program (they are blanked
 * where they stand, inside a class): .NET needs them for namespaces the prelude does
 * not import (System.Collections.Concurrent, System.Threading.Channels, aliases,
 * `using static`). For Mono only those known to be in its default assemblies, since
 * mcs stops at a namespace it cannot find. Those the prelude imports are left out. */
void
awl_csharp_append_usings (AwlCsharpGen *gen,
                          GString      *out)
{
  static const char * const prelude[] = {
    "using System;", "using System.Collections.Generic;", "using System.Diagnostics;",
    "using System.Globalization;", "using System.Linq;", "using System.Runtime.InteropServices;",
    "using System.Text;", "using System.Threading;", "using System.Threading.Tasks;", NULL
  };
  static const char * const mono[] = {
    "using System.Collections.Concurrent;", "using System.IO;", NULL
  };

  for (guint i = 0; gen->usings != NULL && i < gen->usings->len; i++)
    {
      g_autofree char *normal = normalize_using (g_ptr_array_index (gen->usings, i));

      if (g_strv_contains (prelude, normal))
        continue;
      if (gen->target == AWL_CSHARP_TARGET_MONO ? !g_strv_contains (mono, normal) : !dotnet_has (normal))
        continue;
      g_string_append_printf (out, "%s\n", normal);
    }
}

void
awl_csharp_layout_clear (AwlCsharpGen *gen)
{
  g_clear_pointer (&gen->tokens, g_array_unref);
  g_clear_pointer (&gen->types, g_array_unref);
  g_clear_pointer (&gen->moved_lines, g_array_unref);
  g_clear_pointer (&gen->usings, g_ptr_array_unref);
  g_clear_pointer (&gen->arena, awl_arena_free);
}
