/* awl-csharp-private.h
 *
 * What the generator's files share: the state of one generation and the in-place
 * edits of the scenario's text. awl-csharp.c walks the syntax tree and writes the
 * program; awl-csharp-layout.c decides, on the tokens, where the scenario's
 * declarations go (classes, top-level statements, the entry's path).
 */

#pragma once

#include <glib.h>

#include "awl-csharp.h"
#include "awl-language.h"
#include "awl-language-private.h"

/* One in-place edit of the scenario's text: @remove bytes at @offset replaced by
 * @insert. Edits never add or remove a newline, so every line keeps its number. */
typedef struct
{
  gsize  offset;
  gsize  remove;
  char  *insert;
  guint  seq;      /* order of addition (see compare_edits) */
} AwlCsharpEdit;

/* A type declared in the scenario (class, struct, interface, enum, record): kept
 * where it is written, so it becomes a nested type of the program's Scenario class. */
typedef struct
{
  const char *name;
  guint       first;    /* token index of its first modifier (or of the keyword) */
  guint       open;     /* token index of its `{` */
  guint       close;    /* token index of the matching `}` */
  gint        parent;   /* index of the enclosing type in Gen.types, or -1 */
} AwlCsharpType;

typedef struct
{
  const AwlUnit  *unit;
  AwlCsharpTarget target;
  const char     *part;          /* one scenario of a bundle, or NULL */
  GArray         *line_starts;   /* gsize byte offset of each line (index 0 = line 1) */
  GArray         *edits;         /* AwlCsharpEdit */
  GHashTable     *knobs;         /* name → AwlKnobValue* (effective values) */
  double          longest_ms;    /* longest constant delay/work seen */
  gboolean        unknown_delay; /* a delay whose length is not a constant */
  char           *not_exportable;/* first reason, or NULL */

  /* The layout (awl-csharp-layout.c). */
  GArray         *tokens;        /* AwlToken of the whole text */
  AwlArena       *arena;         /* the tokens' strings */
  GArray         *types;         /* AwlCsharpType, outer before inner */
  gboolean        has_region;    /* top-level statements: [region_start, region_end) */
  gsize           region_start;
  gsize           region_end;
  GArray         *moved_lines;   /* Mono: guint pairs (first, last) of the statements' lines */
  GPtrArray      *usings;        /* the scenario's `using` directives, as written */
} AwlCsharpGen;

/* What the program calls the method made of the top-level statements, and the
 * scenario's own `Main` (the program has its own entry point). */
#define AWL_CSHARP_TOP_LEVEL "AwaitlabTopLevel"
#define AWL_CSHARP_ENTRY_RENAMED "ScenarioMain"

/* Edits (awl-csharp.c). */
gboolean awl_csharp_loc_to_offset   (AwlCsharpGen *gen,
                                     AwlLoc        loc,
                                     gsize        *out);
void     awl_csharp_add_edit        (AwlCsharpGen *gen,
                                     gsize         offset,
                                     gsize         remove,
                                     const char   *insert);
void     awl_csharp_blank_range     (AwlCsharpGen *gen,
                                     gsize         start,
                                     gsize         end);
void     awl_csharp_not_exportable  (AwlCsharpGen *gen,
                                     guint         line,
                                     const char   *format,
                                     ...) G_GNUC_PRINTF (3, 4);
/* A reason to refuse on every target (not a C# version's limit). */
void     awl_csharp_refuse          (AwlCsharpGen *gen,
                                     guint         line,
                                     const char   *format,
                                     ...) G_GNUC_PRINTF (3, 4);

/* Layout (awl-csharp-layout.c). */
void     awl_csharp_layout_scan     (AwlCsharpGen *gen);
gboolean awl_csharp_in_region       (AwlCsharpGen *gen,
                                     AwlLoc        loc);
void     awl_csharp_layout_member   (AwlCsharpGen *gen,
                                     AwlLoc        type_loc,
                                     gboolean      is_method);
gboolean awl_csharp_wraps           (AwlCsharpGen *gen,
                                     AwlLoc        loc);
void     awl_csharp_layout_region   (AwlCsharpGen *gen);
char    *awl_csharp_layout_move     (AwlCsharpGen *gen,
                                     char        **code,
                                     const char   *line_file);
char    *awl_csharp_layout_entry    (AwlCsharpGen      *gen,
                                     const AwlFunction *entry,
                                     const char        *call);
/* Whether the scenario imports Newtonsoft.Json (JObject): a package, not the SDK. */
gboolean awl_csharp_uses_newtonsoft  (AwlCsharpGen *gen);
void     awl_csharp_append_usings   (AwlCsharpGen *gen,
                                     GString      *out);
void     awl_csharp_layout_clear    (AwlCsharpGen *gen);
