/* awaitlab-export-file.c
 *
 * The temporary file lives in the target folder so the final rename is atomic
 * (same file system) and a full or read-only disk shows up before any work.
 */

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "awaitlab-export-private.h"

AwaitlabExportFile *
awaitlab_export_file_new (const char  *path,
                          GError     **error)
{
  g_autoptr(AwaitlabExportFile) self = g_new0 (AwaitlabExportFile, 1);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX.part", base);
  int fd, saved;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write %s: it is a folder"), path);
      return NULL;
    }

  self->path = g_strdup (path);
  self->temp_path = g_build_filename (dir, name, NULL);
  fd = g_mkstemp_full (self->temp_path, O_RDWR, 0644);
  if (fd < 0)
    {
      saved = errno;
      g_clear_pointer (&self->temp_path, g_free);
      g_set_error (error, AWAITLAB_EXPORT_ERROR,
                   saved == ENOSPC ? AWAITLAB_EXPORT_ERROR_NO_SPACE : AWAITLAB_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot write to the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }
  close (fd);

  return g_steal_pointer (&self);
}

gboolean
awaitlab_export_file_commit (AwaitlabExportFile  *self,
                             GError             **error)
{
  int saved;

  g_assert (!self->committed);

  if (g_rename (self->temp_path, self->path) != 0)
    {
      saved = errno;
      g_set_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot replace %s: %s"), self->path, g_strerror (saved));
      return FALSE;
    }
  self->committed = TRUE;
  return TRUE;
}

void
awaitlab_export_file_free (AwaitlabExportFile *self)
{
  if (self == NULL)
    return;
  if (!self->committed && self->temp_path != NULL)
    g_unlink (self->temp_path);
  g_free (self->path);
  g_free (self->temp_path);
  g_free (self);
}

/* cairo and encoders seldom keep errno: when a write failed, a folder with no
 * free blocks left is the likely reason, so ask the file system. */
void
awaitlab_export_file_set_write_error (AwaitlabExportFile  *self,
                                      int                  saved_errno,
                                      const char          *what,
                                      GError             **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  struct statvfs st;
  gboolean full = saved_errno == ENOSPC || saved_errno == EDQUOT;

  if (!full && statvfs (dir, &st) == 0)
    full = st.f_bavail == 0;

  if (full)
    g_set_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_NO_SPACE,
                 _("Could not write %s: the disk is full"), self->path);
  else if (saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM)
    g_set_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_NOT_WRITABLE,
                 _("Could not write %s: %s"), self->path, g_strerror (saved_errno));
  else
    g_set_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_FAILED,
                 _("Could not write %s: %s"), self->path, what);
}
