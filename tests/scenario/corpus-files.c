/* corpus-files.c
 *
 * See corpus-files.h.
 */

#include <string.h>

#include "corpus-files.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
corpus_files_list_stems (const char *dir,
                         const char *suffix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  GPtrArray *stems = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, suffix))
      g_ptr_array_add (stems, g_strndup (name, strlen (name) - strlen (suffix)));
  g_ptr_array_sort (stems, compare_names);

  return stems;
}
