/* awl-lexer.c
 *
 * C# tokens: identifiers and keywords, integer/real literals with suffixes, char
 * and string literals (regular, verbatim, interpolated), operators, comments.
 * `// @…` comments before the first code token are collected as directive lines;
 * `/ * @explain … * /` blocks anywhere as the explanation.
 *
 * Columns count characters, not bytes: continuation bytes of UTF-8 (10xxxxxx)
 * never advance the column.
 */

#include "awl-language-private.h"

#include <string.h>

typedef struct
{
  AwlLexer   *lx;
  const char *s;
  guint       pos;
  guint       end;
  guint       line;
  guint       col;
  GArray     *tokens;
  gboolean    top_level;
} Scan;

static const char * const keywords[] = {
  "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char",
  "checked", "class", "const", "continue", "decimal", "default", "delegate", "do",
  "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
  "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int",
  "interface", "internal", "is", "lock", "long", "namespace", "new", "null",
  "object", "operator", "out", "override", "params", "private", "protected",
  "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof",
  "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true",
  "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using",
  "virtual", "void", "volatile", "while", NULL
};

gboolean
awl_is_keyword (const char *word)
{
  /* Binary search: the table is sorted. */
  guint lo = 0, hi = G_N_ELEMENTS (keywords) - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int c = strcmp (word, keywords[mid]);

      if (c == 0)
        return TRUE;
      if (c < 0)
        hi = mid;
      else
        lo = mid + 1;
    }

  return FALSE;
}

void
awl_lexer_init (AwlLexer       *lx,
                const char     *src,
                gsize           src_len,
                AwlArena       *arena,
                AwlDiagnostics *diags)
{
  memset (lx, 0, sizeof *lx);
  lx->src = src;
  lx->src_len = src_len;
  lx->arena = arena;
  lx->diags = diags;
  lx->parts = g_array_new (FALSE, TRUE, sizeof (AwlLexInterpPart));
  lx->directives = g_array_new (FALSE, TRUE, sizeof (AwlDirectiveLine));
  lx->late_directives = g_array_new (FALSE, TRUE, sizeof (AwlDirectiveLine));
  lx->explains = g_array_new (FALSE, TRUE, sizeof (AwlDirectiveLine));
  lx->code_lines = g_array_new (FALSE, TRUE, sizeof (guint8));
}

void
awl_lexer_clear (AwlLexer *lx)
{
  g_clear_pointer (&lx->parts, g_array_unref);
  g_clear_pointer (&lx->directives, g_array_unref);
  g_clear_pointer (&lx->late_directives, g_array_unref);
  g_clear_pointer (&lx->explains, g_array_unref);
  g_clear_pointer (&lx->code_lines, g_array_unref);
}

/* ---------------------------------------------------------------------------- */

static inline int
peek (Scan *sc,
      guint ahead)
{
  guint p = sc->pos + ahead;

  return p < sc->end ? (guchar) sc->s[p] : -1;
}

static inline void
advance (Scan *sc)
{
  guchar c;

  if (sc->pos >= sc->end)
    return;
  c = sc->s[sc->pos++];
  if (c == '\n')
    {
      sc->line++;
      sc->col = 1;
    }
  else if ((c & 0xC0) != 0x80)
    sc->col++;
}

static void
error_at (Scan       *sc,
          guint       line,
          guint       col,
          const char *message)
{
  awl_diagnostics_add_literal (sc->lx->diags, AWL_SEVERITY_ERROR, line, col, 1, message);
}

static AwlToken *
push_token (Scan     *sc,
            AwlToken *tok)
{
  tok->end_line = sc->line;
  tok->end_col = sc->col;
  tok->end = sc->pos;
  tok->match = -1;
  g_array_append_val (sc->tokens, *tok);

  if (sc->top_level)
    {
      GArray *cl = sc->lx->code_lines;

      sc->lx->code_seen = TRUE;
      if (cl->len <= tok->line)
        g_array_set_size (cl, tok->line + 1);
      g_array_index (cl, guint8, tok->line) = 1;
    }

  return &g_array_index (sc->tokens, AwlToken, sc->tokens->len - 1);
}

static void
start_token (Scan     *sc,
             AwlToken *tok,
             AwlTokKind kind)
{
  memset (tok, 0, sizeof *tok);
  tok->kind = kind;
  tok->line = sc->line;
  tok->col = sc->col;
  tok->offset = sc->pos;
}

/* ---------------------------------------------------------------------------- */
/* Comments                                                                     */

static void
record_line_comment (Scan  *sc,
                     guint  text_start,
                     guint  line,
                     guint  col_after_slashes)
{
  AwlDirectiveLine d;
  guint p = text_start;
  guint col = col_after_slashes;

  while (p < sc->pos && (sc->s[p] == ' ' || sc->s[p] == '\t'))
    {
      p++;
      col++;
    }
  if (p >= sc->pos || sc->s[p] != '@' || !sc->top_level)
    return;

  d.line = line;
  d.col = col;
  d.text = sc->s + p;
  d.length = sc->pos - p;
  if (d.length > 0 && d.text[d.length - 1] == '\r')
    d.length--;

  g_array_append_val (sc->lx->code_seen ? sc->lx->late_directives : sc->lx->directives, d);
}

static void
skip_line_comment (Scan *sc)
{
  guint line = sc->line;
  guint col;
  guint text_start;

  advance (sc);
  advance (sc);
  col = sc->col;
  text_start = sc->pos;
  while (sc->pos < sc->end && sc->s[sc->pos] != '\n')
    advance (sc);

  record_line_comment (sc, text_start, line, col);
}

static void
skip_block_comment (Scan *sc)
{
  guint line = sc->line, col = sc->col;
  guint text_start, p;
  guint at_line, at_col;

  advance (sc);
  advance (sc);
  text_start = sc->pos;

  /* Where the first non-blank character is, for `/ * @explain`. */
  {
    Scan probe = *sc;
    while (probe.pos < probe.end && g_ascii_isspace (probe.s[probe.pos]))
      advance (&probe);
    p = probe.pos;
    at_line = probe.line;
    at_col = probe.col;
  }

  while (sc->pos < sc->end && !(peek (sc, 0) == '*' && peek (sc, 1) == '/'))
    advance (sc);

  if (sc->pos >= sc->end)
    {
      error_at (sc, line, col, "unterminated comment: `/*` has no closing `*/`");
      return;
    }

  if (sc->top_level && p + 8 <= sc->pos && strncmp (sc->s + p, "@explain", 8) == 0)
    {
      AwlDirectiveLine d;

      d.line = at_line;
      d.col = at_col;
      d.text = sc->s + p;
      d.length = sc->pos - p;
      g_array_append_val (sc->lx->explains, d);
    }
  (void) text_start;

  advance (sc);
  advance (sc);
}

/* ---------------------------------------------------------------------------- */
/* Numbers                                                                      */

static gboolean
is_ident_start (int c)
{
  return c == '_' || g_ascii_isalpha (c) || c >= 0x80;
}

static gboolean
is_ident_char (int c)
{
  return c == '_' || g_ascii_isalnum (c) || c >= 0x80;
}

static void
lex_number (Scan *sc)
{
  AwlToken tok;
  GString *digits = g_string_new (NULL);
  gboolean is_real = FALSE;
  gboolean overflow = FALSE;
  int base = 10;

  start_token (sc, &tok, AWL_TOK_INT);

  if (peek (sc, 0) == '0' && (peek (sc, 1) == 'x' || peek (sc, 1) == 'X'))
    base = 16;
  else if (peek (sc, 0) == '0' && (peek (sc, 1) == 'b' || peek (sc, 1) == 'B'))
    base = 2;

  if (base != 10)
    {
      advance (sc);
      advance (sc);
      while (peek (sc, 0) >= 0 &&
             (g_ascii_isxdigit (peek (sc, 0)) || peek (sc, 0) == '_'))
        {
          if (peek (sc, 0) != '_')
            g_string_append_c (digits, peek (sc, 0));
          advance (sc);
        }
    }
  else
    {
      while (peek (sc, 0) >= 0 && (g_ascii_isdigit (peek (sc, 0)) || peek (sc, 0) == '_'))
        {
          if (peek (sc, 0) != '_')
            g_string_append_c (digits, peek (sc, 0));
          advance (sc);
        }
      if (peek (sc, 0) == '.' && peek (sc, 1) >= 0 && g_ascii_isdigit (peek (sc, 1)))
        {
          is_real = TRUE;
          g_string_append_c (digits, '.');
          advance (sc);
          while (peek (sc, 0) >= 0 && (g_ascii_isdigit (peek (sc, 0)) || peek (sc, 0) == '_'))
            {
              if (peek (sc, 0) != '_')
                g_string_append_c (digits, peek (sc, 0));
              advance (sc);
            }
        }
      if ((peek (sc, 0) == 'e' || peek (sc, 0) == 'E') &&
          ((peek (sc, 1) >= 0 && g_ascii_isdigit (peek (sc, 1))) ||
           ((peek (sc, 1) == '+' || peek (sc, 1) == '-') &&
            peek (sc, 2) >= 0 && g_ascii_isdigit (peek (sc, 2)))))
        {
          is_real = TRUE;
          g_string_append_c (digits, 'e');
          advance (sc);
          if (peek (sc, 0) == '+' || peek (sc, 0) == '-')
            {
              g_string_append_c (digits, peek (sc, 0));
              advance (sc);
            }
          while (peek (sc, 0) >= 0 && g_ascii_isdigit (peek (sc, 0)))
            {
              g_string_append_c (digits, peek (sc, 0));
              advance (sc);
            }
        }
    }

  /* Suffixes. */
  switch (peek (sc, 0))
    {
    case 'f': case 'F':
      tok.suffix = AWL_SUFFIX_F; is_real = TRUE; advance (sc); break;
    case 'd': case 'D':
      if (base == 10) { tok.suffix = AWL_SUFFIX_D; is_real = TRUE; advance (sc); }
      break;
    case 'm': case 'M':
      tok.suffix = AWL_SUFFIX_M; is_real = TRUE; advance (sc); break;
    case 'l': case 'L':
      tok.suffix = AWL_SUFFIX_L; advance (sc);
      if (peek (sc, 0) == 'u' || peek (sc, 0) == 'U') { tok.suffix = AWL_SUFFIX_UL; advance (sc); }
      break;
    case 'u': case 'U':
      tok.suffix = AWL_SUFFIX_U; advance (sc);
      if (peek (sc, 0) == 'l' || peek (sc, 0) == 'L') { tok.suffix = AWL_SUFFIX_UL; advance (sc); }
      break;
    default:
      break;
    }

  if (peek (sc, 0) >= 0 && is_ident_char (peek (sc, 0)))
    {
      error_at (sc, sc->line, sc->col, "invalid suffix on a number");
      while (peek (sc, 0) >= 0 && is_ident_char (peek (sc, 0)))
        advance (sc);
    }

  if (digits->len == 0)
    {
      error_at (sc, tok.line, tok.col, "a number needs digits");
      g_string_append_c (digits, '0');
    }

  if (is_real && base != 10)
    {
      error_at (sc, tok.line, tok.col, "a hexadecimal or binary number cannot be real");
      is_real = FALSE;
    }

  if (is_real)
    {
      tok.kind = AWL_TOK_REAL;
      tok.v.d = g_ascii_strtod (digits->str, NULL);
    }
  else
    {
      guint64 value = 0;

      for (gsize i = 0; i < digits->len; i++)
        {
          int d = g_ascii_xdigit_value (digits->str[i]);
          if (d < 0 || d >= base)
            {
              error_at (sc, tok.line, tok.col, "invalid digit in a number");
              break;
            }
          if (value > (G_MAXUINT64 - d) / base)
            {
              overflow = TRUE;
              break;
            }
          value = value * base + d;
        }
      if (overflow || value > (guint64) G_MAXINT64)
        error_at (sc, tok.line, tok.col, "integer literal is too large");
      tok.v.i = overflow ? 0 : (gint64) value;
    }

  g_string_free (digits, TRUE);
  push_token (sc, &tok);
}

/* ---------------------------------------------------------------------------- */
/* Escapes, chars, strings                                                      */

/* Reads one escape after the backslash; returns the character or -1 on error
 * (reported). */
static gint64
lex_escape (Scan *sc)
{
  guint line = sc->line, col = sc->col;
  int c;
  int n_digits;
  gunichar value = 0;

  advance (sc); /* backslash */
  c = peek (sc, 0);
  switch (c)
    {
    case '\'': advance (sc); return '\'';
    case '"': advance (sc); return '"';
    case '\\': advance (sc); return '\\';
    case '0': advance (sc); return 0;
    case 'a': advance (sc); return 7;
    case 'b': advance (sc); return 8;
    case 'f': advance (sc); return 12;
    case 'n': advance (sc); return '\n';
    case 'r': advance (sc); return '\r';
    case 't': advance (sc); return '\t';
    case 'v': advance (sc); return 11;
    case 'u': case 'U': case 'x':
      n_digits = c == 'u' ? 4 : c == 'U' ? 8 : 0;
      advance (sc);
      {
        int got = 0;
        while (peek (sc, 0) >= 0 && g_ascii_isxdigit (peek (sc, 0)) &&
               (n_digits == 0 ? got < 4 : got < n_digits))
          {
            value = value * 16 + g_ascii_xdigit_value (peek (sc, 0));
            advance (sc);
            got++;
          }
        if (got == 0 || (n_digits > 0 && got != n_digits))
          {
            error_at (sc, line, col, "invalid Unicode escape sequence");
            return -1;
          }
        if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
          {
            error_at (sc, line, col, "the escape sequence is not a valid character");
            return -1;
          }
        return value;
      }
    default:
      error_at (sc, line, col, "unrecognized escape sequence");
      if (c >= 0)
        advance (sc);
      return -1;
    }
}

static void
append_unichar (GString *s,
                gint64   c)
{
  if (c >= 0)
    g_string_append_unichar (s, (gunichar) c);
}

static void
lex_char (Scan *sc)
{
  AwlToken tok;
  gint64 value = 0;

  start_token (sc, &tok, AWL_TOK_CHAR);
  advance (sc);

  if (peek (sc, 0) == '\\')
    value = lex_escape (sc);
  else if (peek (sc, 0) == '\'' || peek (sc, 0) == '\n' || peek (sc, 0) < 0)
    {
      error_at (sc, tok.line, tok.col, "empty character literal");
      value = -1;
    }
  else
    {
      const char *p = sc->s + sc->pos;
      value = g_utf8_get_char_validated (p, sc->end - sc->pos);
      if (value < 0)
        value = '?';
      advance (sc);
      while (sc->pos < sc->end && (((guchar) sc->s[sc->pos]) & 0xC0) == 0x80)
        advance (sc);
    }

  if (peek (sc, 0) != '\'')
    {
      error_at (sc, tok.line, tok.col, "unterminated character literal (a char holds one character; use \"…\" for a string)");
      tok.bad = TRUE;
      while (peek (sc, 0) >= 0 && peek (sc, 0) != '\'' && peek (sc, 0) != '\n')
        advance (sc);
      if (peek (sc, 0) == '\'')
        advance (sc);
    }
  else
    advance (sc);

  tok.v.c = value < 0 ? '?' : (gunichar) value;
  push_token (sc, &tok);
}

/* A regular or verbatim string; sc->pos is at the opening quote. */
static void
lex_string_body (Scan     *sc,
                 AwlToken *tok,
                 gboolean  verbatim)
{
  GString *value = g_string_new (NULL);

  advance (sc); /* " */
  for (;;)
    {
      int c = peek (sc, 0);

      if (c < 0 || (!verbatim && c == '\n'))
        {
          error_at (sc, tok->line, tok->col, "unterminated string literal");
          tok->bad = TRUE;
          break;
        }
      if (c == '"')
        {
          if (verbatim && peek (sc, 1) == '"')
            {
              g_string_append_c (value, '"');
              advance (sc);
              advance (sc);
              continue;
            }
          advance (sc);
          break;
        }
      if (c == '\\' && !verbatim)
        {
          append_unichar (value, lex_escape (sc));
          continue;
        }
      if (c == '\r' && verbatim && peek (sc, 1) == '\n')
        {
          advance (sc);
          continue;
        }
      g_string_append_c (value, c);
      advance (sc);
    }

  tok->kind = AWL_TOK_STRING;
  tok->verbatim = verbatim;
  tok->text = awl_arena_strndup (sc->lx->arena, value->str, value->len);
  tok->length = value->len;
  g_string_free (value, TRUE);
}

static void lex_interpolated (Scan *sc, gboolean verbatim, guint prefix_len);

/* Skips a nested literal inside an interpolation hole without producing tokens. */
static void
skip_nested_literal (Scan *sc)
{
  int c = peek (sc, 0);

  if (c == '$' || (c == '@' && peek (sc, 1) == '$'))
    {
      GArray *saved = sc->tokens;
      GArray *scratch = g_array_new (FALSE, TRUE, sizeof (AwlToken));
      gboolean saved_top = sc->top_level;
      gboolean verbatim = (c == '@' || peek (sc, 1) == '@');
      guint saved_parts = sc->lx->parts->len;

      sc->tokens = scratch;
      sc->top_level = FALSE;
      lex_interpolated (sc, verbatim, verbatim ? 2 : 1);
      sc->tokens = saved;
      sc->top_level = saved_top;
      g_array_unref (scratch);
      /* The parts of a skipped literal belong to nobody yet: the hole is lexed again
       * when it is parsed. Kept, they would become parts of the enclosing string
       * (printed twice) and every level would double the work. */
      g_array_set_size (sc->lx->parts, saved_parts);
      return;
    }
  if (c == '@' && peek (sc, 1) == '"')
    {
      AwlToken tok;
      start_token (sc, &tok, AWL_TOK_STRING);
      advance (sc);
      lex_string_body (sc, &tok, TRUE);
      return;
    }
  if (c == '"')
    {
      AwlToken tok;
      start_token (sc, &tok, AWL_TOK_STRING);
      lex_string_body (sc, &tok, FALSE);
      return;
    }
  if (c == '\'')
    {
      advance (sc);
      while (peek (sc, 0) >= 0 && peek (sc, 0) != '\'' && peek (sc, 0) != '\n')
        {
          if (peek (sc, 0) == '\\')
            advance (sc);
          advance (sc);
        }
      if (peek (sc, 0) == '\'')
        advance (sc);
    }
}

/* Scans one `{ … }` hole; sc->pos is just after the `{`. Returns FALSE if the
 * string ended inside it (reported). */
static gboolean
lex_hole (Scan             *sc,
          AwlLexInterpPart *part,
          gboolean          verbatim)
{
  int depth = 0;
  guint open_line = sc->line, open_col = sc->col - 1;

  while (peek (sc, 0) == ' ' || peek (sc, 0) == '\t')
    advance (sc);
  part->is_hole = TRUE;
  part->expr_start = sc->pos;
  part->line = sc->line;
  part->col = sc->col;

  for (;;)
    {
      int c = peek (sc, 0);

      if (c < 0 || (c == '\n' && !verbatim))
        {
          error_at (sc, open_line, open_col, "unterminated interpolation hole: `{` has no closing `}`");
          part->expr_end = sc->pos;
          return FALSE;
        }
      if (depth == 0 && (c == '}' || c == ',' || c == ':'))
        break;
      if (c == '(' || c == '[' || c == '{')
        depth++;
      else if (c == ')' || c == ']' || c == '}')
        depth--;
      if (c == '"' || c == '\'' || c == '$' || (c == '@' && (peek (sc, 1) == '"' || peek (sc, 1) == '$')))
        {
          if (c == '$' && peek (sc, 1) != '"' && peek (sc, 1) != '@')
            advance (sc);
          else
            skip_nested_literal (sc);
          continue;
        }
      advance (sc);
    }

  part->expr_end = sc->pos;
  while (part->expr_end > part->expr_start &&
         (sc->s[part->expr_end - 1] == ' ' || sc->s[part->expr_end - 1] == '\t'))
    part->expr_end--;

  if (peek (sc, 0) == ',')
    {
      gboolean negative = FALSE;
      gint64 value = 0;
      gboolean any = FALSE;
      guint line = sc->line, col = sc->col;

      advance (sc);
      while (peek (sc, 0) == ' ')
        advance (sc);
      if (peek (sc, 0) == '-')
        {
          negative = TRUE;
          advance (sc);
        }
      while (peek (sc, 0) >= 0 && g_ascii_isdigit (peek (sc, 0)))
        {
          if (value < 100000)
            value = value * 10 + (peek (sc, 0) - '0');
          any = TRUE;
          advance (sc);
        }
      while (peek (sc, 0) == ' ')
        advance (sc);
      if (!any)
        error_at (sc, line, col, "expected a number (the alignment) after `,` in an interpolation hole");
      part->has_alignment = TRUE;
      part->alignment = negative ? -(gint) value : (gint) value;
    }

  if (peek (sc, 0) == ':')
    {
      guint fstart;

      advance (sc);
      fstart = sc->pos;
      while (peek (sc, 0) >= 0 && peek (sc, 0) != '}' && peek (sc, 0) != '"' && peek (sc, 0) != '\n')
        advance (sc);
      part->format = awl_arena_intern_len (sc->lx->arena, sc->s + fstart, sc->pos - fstart);
    }

  if (peek (sc, 0) != '}')
    {
      error_at (sc, open_line, open_col, "unterminated interpolation hole: `{` has no closing `}`");
      return FALSE;
    }
  advance (sc);

  return TRUE;
}

static void
flush_text_part (Scan    *sc,
                 GString *text)
{
  AwlLexInterpPart part = { 0 };

  if (text->len == 0)
    return;
  part.text = awl_arena_strndup (sc->lx->arena, text->str, text->len);
  g_array_append_val (sc->lx->parts, part);
  g_string_truncate (text, 0);
}

/* $"…", $@"…", @$"…" — sc->pos is at the first prefix character. */
static void
lex_interpolated (Scan     *sc,
                  gboolean  verbatim,
                  guint     prefix_len)
{
  AwlToken tok;
  GString *text = g_string_new (NULL);
  GArray *holes = g_array_new (FALSE, TRUE, sizeof (AwlLexInterpPart));
  guint first_part = sc->lx->parts->len;

  start_token (sc, &tok, AWL_TOK_INTERP);
  for (guint i = 0; i < prefix_len; i++)
    advance (sc);
  advance (sc); /* " */

  for (;;)
    {
      int c = peek (sc, 0);

      if (c < 0 || (!verbatim && c == '\n'))
        {
          error_at (sc, tok.line, tok.col, "unterminated string literal");
          tok.bad = TRUE;
          break;
        }
      if (c == '"')
        {
          if (verbatim && peek (sc, 1) == '"')
            {
              g_string_append_c (text, '"');
              advance (sc);
              advance (sc);
              continue;
            }
          advance (sc);
          break;
        }
      if (c == '{' && peek (sc, 1) == '{')
        {
          g_string_append_c (text, '{');
          advance (sc);
          advance (sc);
          continue;
        }
      if (c == '}' && peek (sc, 1) == '}')
        {
          g_string_append_c (text, '}');
          advance (sc);
          advance (sc);
          continue;
        }
      if (c == '}')
        {
          error_at (sc, sc->line, sc->col, "a `}` in an interpolated string must be doubled: `}}`");
          advance (sc);
          continue;
        }
      if (c == '{')
        {
          AwlLexInterpPart part = { 0 };

          flush_text_part (sc, text);
          advance (sc);
          part.text = "";
          if (!lex_hole (sc, &part, verbatim))
            {
              tok.bad = TRUE;
              if (part.expr_end > part.expr_start)
                g_array_append_val (sc->lx->parts, part);
              break;
            }
          if (part.expr_end == part.expr_start)
            error_at (sc, part.line, part.col, "empty interpolation hole: expected an expression between `{` and `}`");
          else
            g_array_append_val (sc->lx->parts, part);
          continue;
        }
      if (c == '\\' && !verbatim)
        {
          append_unichar (text, lex_escape (sc));
          continue;
        }
      g_string_append_c (text, c);
      advance (sc);
    }

  flush_text_part (sc, text);
  tok.verbatim = verbatim;
  tok.first_part = first_part;
  tok.n_parts = sc->lx->parts->len - first_part;
  push_token (sc, &tok);
  g_string_free (text, TRUE);
  g_array_unref (holes);
}

/* ---------------------------------------------------------------------------- */
/* Punctuators                                                                  */

typedef struct { const char *text; AwlPunct punct; } PunctDef;

/* Longest first within each leading character. `>` is always lexed alone (and `>=`)
 * so that `List<List<int>>` parses; the parser joins `>` `>` into a shift. */
static const PunctDef puncts[] = {
  { "?\?=", P_QQ_ASSIGN }, { "<<=", P_SHL_ASSIGN },
  { "??", P_QQ }, { "?.", P_QDOT }, { "=>", P_ARROW }, { "==", P_EQ }, { "!=", P_NE },
  { "<=", P_LE }, { ">=", P_GE }, { "++", P_INC }, { "--", P_DEC },
  { "+=", P_PLUS_ASSIGN }, { "-=", P_MINUS_ASSIGN }, { "*=", P_STAR_ASSIGN },
  { "/=", P_SLASH_ASSIGN }, { "%=", P_PERCENT_ASSIGN }, { "&&", P_AND_AND },
  { "||", P_OR_OR }, { "&=", P_AMP_ASSIGN }, { "|=", P_PIPE_ASSIGN },
  { "^=", P_CARET_ASSIGN }, { "<<", P_SHL }, { "->", P_POINTER_ARROW },
  { "::", P_COLONCOLON }, { "..", P_DOTDOT },
  { "{", P_LBRACE }, { "}", P_RBRACE }, { "(", P_LPAREN }, { ")", P_RPAREN },
  { "[", P_LBRACKET }, { "]", P_RBRACKET }, { ";", P_SEMI }, { ",", P_COMMA },
  { ".", P_DOT }, { ":", P_COLON }, { "?", P_QUESTION }, { "=", P_ASSIGN },
  { "<", P_LT }, { ">", P_GT }, { "+", P_PLUS }, { "-", P_MINUS }, { "*", P_STAR },
  { "/", P_SLASH }, { "%", P_PERCENT }, { "!", P_NOT }, { "&", P_AMP },
  { "|", P_PIPE }, { "^", P_CARET }, { "~", P_TILDE }, { "#", P_HASH },
};

static gboolean
lex_punct (Scan *sc)
{
  for (guint i = 0; i < G_N_ELEMENTS (puncts); i++)
    {
      const char *t = puncts[i].text;
      gsize n = strlen (t);

      if (sc->pos + n <= sc->end && memcmp (sc->s + sc->pos, t, n) == 0)
        {
          AwlToken tok;

          start_token (sc, &tok, AWL_TOK_PUNCT);
          tok.punct = puncts[i].punct;
          for (gsize k = 0; k < n; k++)
            advance (sc);
          push_token (sc, &tok);
          return TRUE;
        }
    }

  return FALSE;
}

/* ---------------------------------------------------------------------------- */

static void
lex_ident (Scan     *sc,
           gboolean  verbatim_ident)
{
  AwlToken tok;
  guint start;

  start_token (sc, &tok, AWL_TOK_IDENT);
  if (verbatim_ident)
    advance (sc);
  start = sc->pos;
  while (peek (sc, 0) >= 0 && is_ident_char (peek (sc, 0)))
    advance (sc);

  tok.text = awl_arena_intern_len (sc->lx->arena, sc->s + start, sc->pos - start);
  if (!verbatim_ident && awl_is_keyword (tok.text))
    tok.kind = AWL_TOK_KEYWORD;
  push_token (sc, &tok);
}

/* `#region`, `#nullable …`, `#pragma …` lines are ignored; other preprocessor
 * directives are errors. */
static void
lex_preprocessor (Scan *sc)
{
  guint line = sc->line, col = sc->col;
  guint start;
  g_autofree char *word = NULL;

  advance (sc);
  while (peek (sc, 0) == ' ' || peek (sc, 0) == '\t')
    advance (sc);
  start = sc->pos;
  while (peek (sc, 0) >= 0 && g_ascii_isalpha (peek (sc, 0)))
    advance (sc);
  word = g_strndup (sc->s + start, sc->pos - start);
  while (sc->pos < sc->end && sc->s[sc->pos] != '\n')
    advance (sc);

  if (g_str_equal (word, "region") || g_str_equal (word, "endregion") ||
      g_str_equal (word, "nullable") || g_str_equal (word, "pragma"))
    return;

  if (*word == '\0')
    error_at (sc, line, col, "unexpected character `#`");
  else
    awl_diagnostics_add (sc->lx->diags, AWL_SEVERITY_ERROR, line, col, 1,
                         "the preprocessor directive `#%s` is not supported by Awaitlab's C# subset",
                         word);
}

static void
lex_unexpected (Scan *sc)
{
  AwlToken tok;
  gunichar c = g_utf8_get_char_validated (sc->s + sc->pos, sc->end - sc->pos);
  char buf[8] = { 0 };

  start_token (sc, &tok, AWL_TOK_ERROR);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    c = '?';
  if (c < 0x20 || c == 0x7F)
    awl_diagnostics_add (sc->lx->diags, AWL_SEVERITY_ERROR, sc->line, sc->col, 1,
                         "unexpected control character U+%04X", c);
  else
    {
      g_unichar_to_utf8 (c, buf);
      awl_diagnostics_add (sc->lx->diags, AWL_SEVERITY_ERROR, sc->line, sc->col, 1,
                           "unexpected character `%s`", buf);
    }
  advance (sc);
  while (sc->pos < sc->end && (((guchar) sc->s[sc->pos]) & 0xC0) == 0x80)
    advance (sc);
  push_token (sc, &tok);
}

static void
match_brackets (GArray *tokens,
                guint   first)
{
  GArray *stack = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = first; i < tokens->len; i++)
    {
      AwlToken *t = &g_array_index (tokens, AwlToken, i);

      if (t->kind != AWL_TOK_PUNCT)
        continue;
      if (t->punct == P_LPAREN || t->punct == P_LBRACKET || t->punct == P_LBRACE)
        g_array_append_val (stack, i);
      else if (t->punct == P_RPAREN || t->punct == P_RBRACKET || t->punct == P_RBRACE)
        {
          AwlPunct want = t->punct == P_RPAREN ? P_LPAREN :
                          t->punct == P_RBRACKET ? P_LBRACKET : P_LBRACE;
          /* Only pair with the nearest open bracket of the same kind if it is on top;
           * otherwise leave both unmatched (the parser reports it). */
          if (stack->len > 0)
            {
              guint top = g_array_index (stack, guint, stack->len - 1);
              AwlToken *o = &g_array_index (tokens, AwlToken, top);

              if (o->punct == want)
                {
                  o->match = i;
                  t->match = top;
                  g_array_set_size (stack, stack->len - 1);
                }
            }
        }
    }

  g_array_unref (stack);
}

void
awl_lexer_tokenize (AwlLexer *lx,
                    guint     start,
                    guint     end,
                    guint     line,
                    guint     col,
                    gboolean  top_level,
                    GArray   *tokens)
{
  Scan sc = { lx, lx->src, start, end, line, col, tokens, top_level };
  guint first = tokens->len;
  AwlToken eof;

  while (sc.pos < sc.end)
    {
      int c = peek (&sc, 0);

      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
        {
          advance (&sc);
          continue;
        }
      if (c == '/' && peek (&sc, 1) == '/')
        {
          skip_line_comment (&sc);
          continue;
        }
      if (c == '/' && peek (&sc, 1) == '*')
        {
          skip_block_comment (&sc);
          continue;
        }
      if (g_ascii_isdigit (c) || (c == '.' && peek (&sc, 1) >= 0 && g_ascii_isdigit (peek (&sc, 1))))
        {
          lex_number (&sc);
          continue;
        }
      if (c == '"')
        {
          AwlToken tok;

          if (peek (&sc, 1) == '"' && peek (&sc, 2) == '"')
            {
              error_at (&sc, sc.line, sc.col, "raw string literals (`\"\"\"`) are not supported by Awaitlab's C# subset");
              /* Skip to the closing triple quote to avoid a cascade. */
              advance (&sc); advance (&sc); advance (&sc);
              while (sc.pos < sc.end && !(peek (&sc, 0) == '"' && peek (&sc, 1) == '"' && peek (&sc, 2) == '"'))
                advance (&sc);
              advance (&sc); advance (&sc); advance (&sc);
              continue;
            }
          start_token (&sc, &tok, AWL_TOK_STRING);
          lex_string_body (&sc, &tok, FALSE);
          push_token (&sc, &tok);
          continue;
        }
      if (c == '@' && peek (&sc, 1) == '"')
        {
          AwlToken tok;

          start_token (&sc, &tok, AWL_TOK_STRING);
          advance (&sc);
          lex_string_body (&sc, &tok, TRUE);
          push_token (&sc, &tok);
          continue;
        }
      if (c == '$' && peek (&sc, 1) == '"')
        {
          lex_interpolated (&sc, FALSE, 1);
          continue;
        }
      if ((c == '$' && peek (&sc, 1) == '@' && peek (&sc, 2) == '"') ||
          (c == '@' && peek (&sc, 1) == '$' && peek (&sc, 2) == '"'))
        {
          lex_interpolated (&sc, TRUE, 2);
          continue;
        }
      if (c == '$' && peek (&sc, 1) == '$')
        {
          error_at (&sc, sc.line, sc.col, "raw interpolated strings (`$$\"\"\"`) are not supported by Awaitlab's C# subset");
          advance (&sc);
          advance (&sc);
          continue;
        }
      if (c == '\'')
        {
          lex_char (&sc);
          continue;
        }
      if (c == '@' && peek (&sc, 1) >= 0 && is_ident_start (peek (&sc, 1)))
        {
          lex_ident (&sc, TRUE);
          continue;
        }
      if (is_ident_start (c))
        {
          lex_ident (&sc, FALSE);
          continue;
        }
      if (c == '#' && top_level)
        {
          lex_preprocessor (&sc);
          continue;
        }
      if (lex_punct (&sc))
        continue;
      lex_unexpected (&sc);
    }

  memset (&eof, 0, sizeof eof);
  eof.kind = AWL_TOK_EOF;
  eof.line = eof.end_line = sc.line;
  eof.col = eof.end_col = sc.col;
  eof.offset = eof.end = sc.pos;
  eof.match = -1;
  g_array_append_val (tokens, eof);

  match_brackets (tokens, first);
}
