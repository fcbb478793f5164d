/* awl-language-private.h
 *
 * Internals shared by the front end's files: the arena every tree node lives in,
 * tokens, the lexer, directive-line parsing and the checker.
 */

#pragma once

#include "awl-ast.h"
#include "awl-diagnostic.h"
#include "awl-directives.h"
#include "awl-parser.h"

G_BEGIN_DECLS

/* Nesting deeper than this (blocks, parentheses, operator chains) is an error, so
 * that no recursive walk of a tree can overflow the stack. */
#define AWL_MAX_NESTING 200
/* Measured: every recursive walk of an expression takes well under 400 bytes of
 * stack a level, so 2,500 levels (a sum of 2,500 terms) fit in 1 MB, far below the
 * 8 MB of a thread, sanitizers included. */
#define AWL_MAX_EXPR_DEPTH 2500

/* ---------------------------------------------------------------------------- */
/* Arena                                                                        */

typedef struct _AwlArena AwlArena;

AwlArena    *awl_arena_new       (void);
void         awl_arena_free      (AwlArena   *arena);
gpointer     awl_arena_alloc0    (AwlArena   *arena,
                                  gsize       size);
/* Copies @n pointers from @src into the arena (NULL if n == 0). */
gpointer    *awl_arena_dup_ptrs  (AwlArena   *arena,
                                  gpointer   *src,
                                  guint       n);
const char  *awl_arena_intern    (AwlArena   *arena,
                                  const char *str);
const char  *awl_arena_intern_len (AwlArena  *arena,
                                  const char *str,
                                  gsize       len);
/* A copy that is not interned (may contain NULs). */
const char  *awl_arena_strndup   (AwlArena   *arena,
                                  const char *str,
                                  gsize       len);

#define awl_arena_new0(arena, Type) ((Type *) awl_arena_alloc0 ((arena), sizeof (Type)))

typedef struct
{
  AwlArena   *arena;
  GHashTable *methods;   /* name → AwlFunction* (first declaration) */
  GHashTable *fields;    /* name → AwlField* */
  GHashTable *members;   /* "Class.name" → AwlFunction* / AwlField* (first declaration) */
  GHashTable *classes;   /* class name → itself */
  GHashTable *anon_members; /* names of the members of anonymous types (`new { A = 1 }`) */
  GHashTable *enums;     /* enum name → GPtrArray of member names */
  GHashTable *type_params; /* type parameter names of generic methods */
  GHashTable *class_decls; /* class name → AwlClassDecl* (awl-ast-types.c) */
} AwlAstPrivate;

/* awl-ast-types.c: records a class declaration (the first one of a name wins). */
void         awl_ast_add_class_decl (AwlAst       *ast,
                                     AwlClassDecl *decl);

AwlAst      *awl_ast_new         (void);
AwlArena    *awl_ast_get_arena   (AwlAst *ast);

/* ---------------------------------------------------------------------------- */
/* Tokens                                                                       */

typedef enum
{
  AWL_TOK_EOF,
  AWL_TOK_IDENT,
  AWL_TOK_KEYWORD,
  AWL_TOK_INT,
  AWL_TOK_REAL,
  AWL_TOK_CHAR,
  AWL_TOK_STRING,
  AWL_TOK_INTERP,
  AWL_TOK_PUNCT,
  AWL_TOK_ERROR,        /* a bad character; already reported */
} AwlTokKind;

typedef enum
{
  P_NONE,
  P_LBRACE, P_RBRACE, P_LPAREN, P_RPAREN, P_LBRACKET, P_RBRACKET,
  P_SEMI, P_COMMA, P_DOT, P_COLON, P_COLONCOLON, P_QUESTION, P_QQ, P_QQ_ASSIGN,
  P_QDOT, P_ARROW, P_ASSIGN, P_EQ, P_NE, P_LT, P_LE, P_GT, P_GE,
  P_PLUS, P_MINUS, P_STAR, P_SLASH, P_PERCENT, P_INC, P_DEC,
  P_PLUS_ASSIGN, P_MINUS_ASSIGN, P_STAR_ASSIGN, P_SLASH_ASSIGN, P_PERCENT_ASSIGN,
  P_AND_AND, P_OR_OR, P_NOT, P_AMP, P_PIPE, P_CARET, P_TILDE,
  P_AMP_ASSIGN, P_PIPE_ASSIGN, P_CARET_ASSIGN, P_SHL, P_SHL_ASSIGN,
  P_POINTER_ARROW, P_DOTDOT, P_HASH,
} AwlPunct;

typedef struct
{
  const char  *text;      /* literal text (escapes resolved) */
  guint        expr_start;/* byte offsets of the hole's expression (0,0 = text part) */
  guint        expr_end;
  guint        line;      /* position of the hole's expression */
  guint        col;
  const char  *format;    /* NULL if none */
  gint         alignment;
  guint        has_alignment : 1;
  guint        is_hole : 1;
} AwlLexInterpPart;

typedef struct
{
  AwlTokKind       kind;
  AwlPunct         punct;
  guint            line;
  guint            col;
  guint            end_line;    /* position just after the token */
  guint            end_col;
  guint            offset;      /* byte offsets in the source */
  guint            end;
  const char      *text;        /* IDENT/KEYWORD: interned name; STRING: value */
  gsize            length;      /* STRING: byte length of the value */
  union
  {
    gint64   i;
    double   d;
    gunichar c;
  } v;
  AwlNumberSuffix  suffix;
  guint            verbatim : 1;
  guint            bad : 1;       /* the lexer reported an error about it */
  guint            first_part;  /* INTERP: index into the lexer's parts */
  guint            n_parts;
  gint             match;       /* brackets: index of the matching bracket, or -1 */
} AwlToken;

typedef struct
{
  guint        line;      /* of the `@` */
  guint        col;
  const char  *text;      /* from the `@` to the end of the comment (no newline) */
  gsize        length;
} AwlDirectiveLine;

typedef struct
{
  const char      *src;
  gsize            src_len;
  AwlArena        *arena;
  AwlDiagnostics  *diags;
  GArray          *parts;       /* AwlLexInterpPart, shared by every token stream */
  GArray          *directives;  /* AwlDirectiveLine: `// @…` before the first code */
  GArray          *late_directives; /* AwlDirectiveLine: `// @…` after code started */
  GArray          *explains;    /* AwlDirectiveLine: `/ * @explain … * /` blocks */
  gboolean         code_seen;
  GArray          *code_lines;  /* guint8 per line: 1 if a token starts on it */
} AwlLexer;

void     awl_lexer_init      (AwlLexer       *lx,
                              const char     *src,
                              gsize           src_len,
                              AwlArena       *arena,
                              AwlDiagnostics *diags);
void     awl_lexer_clear     (AwlLexer       *lx);
/* Tokenizes src[start, end) starting at (line, col); appends to @tokens (AwlToken)
 * and ends with an EOF token. Brackets are matched within the stream. */
void     awl_lexer_tokenize  (AwlLexer       *lx,
                              guint           start,
                              guint           end,
                              guint           line,
                              guint           col,
                              gboolean        top_level,
                              GArray         *tokens);

gboolean awl_is_keyword      (const char     *word);

/* ---------------------------------------------------------------------------- */
/* Directives                                                                   */

void     awl_directives_parse_line    (AwlDirectives          *dirs,
                                       AwlDiagnostics         *diags,
                                       const AwlDirectiveLine *line);
void     awl_directives_parse_explain (AwlDirectives          *dirs,
                                       AwlDiagnostics         *diags,
                                       const AwlDirectiveLine *block);
/* awl-directive-values.c: a whole decimal or floating-point number, nothing after it. */
gboolean awl_directive_parse_int64    (const char             *text,
                                       gint64                 *out);
gboolean awl_directive_parse_double   (const char             *text,
                                       double                 *out);
/* Whole-file checks: @title present, quizzes complete, @expect-when keys. */
void     awl_directives_finish        (AwlDirectives          *dirs,
                                       AwlDiagnostics         *diags);

/* ---------------------------------------------------------------------------- */
/* Checker                                                                      */

void     awl_check_unit               (AwlUnit                *unit,
                                       const guint8           *code_lines,
                                       guint                   n_lines);
/* awl-checker-types.c: base lists, override/abstract, extension methods. */
void     awl_check_types              (AwlUnit                *unit);

G_END_DECLS
