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
#include "awl-output-file.h"

AwaitlabExportFile *
awaitlab_export_file_new (const char  *path,
                          const char  *input,
                          GError     **error)
{
  g_autoptr(AwaitlabExportFile) self = g_new0 (AwaitlabExportFile, 1);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) refused = NULL;
  int fd, saved;

  self->fd = -1;
  if (!awl_output_check_path (path, input, &refused))
    {
      g_set_error_literal (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_NOT_WRITABLE,
                           refused->message);
      return NULL;
    }
  /* A run killed in the middle (kill -9) leaves its temporary file; ours carry the
   * process id, so the next export to the same place can tell and remove them. */
  awl_output_remove_stale_parts (path);

  self->path = g_strdup (path);
  self->temp_path = awl_output_temp_template (path);
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
  self->fd = fd;

  return g_steal_pointer (&self);
}

cairo_status_t
awaitlab_export_file_cairo_write (void                *closure,
                                  const unsigned char *data,
                                  unsigned int         length)
{
  AwaitlabExportFile *self = closure;
  g_autoptr(GError) error = NULL;

  if (self->write_errno != 0 || self->fd < 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!awl_output_write_all (self->fd, self->path, data, length, &error))
    {
      self->write_errno = g_error_matches (error, AWL_OUTPUT_ERROR, AWL_OUTPUT_ERROR_NO_SPACE) ? ENOSPC : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

gboolean
awaitlab_export_file_close_stream (AwaitlabExportFile  *self,
                                   GError             **error)
{
  int fd = self->fd;

  self->fd = -1;
  if (fd >= 0 && ((fsync (fd) != 0 && errno != EINVAL) | (close (fd) != 0)))
    {
      awaitlab_export_file_set_write_error (self, errno, g_strerror (errno), error);
      return FALSE;
    }
  return TRUE;
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
  if (self->fd >= 0)
    close (self->fd);
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
