/* awl-output-file.c
 *
 * See the header for the rules. lstat() tells a link, device or FIFO from a
 * regular file; the identity of the input is its device and inode, so a second
 * name (a hard link, "./X.csx") is recognised too.
 */

#include "awl-output-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK (awl-output-error-quark, awl_output_error)

gboolean
awl_output_check_path (const char  *path,
                       const char  *input,
                       GError     **error)
{
  struct stat out_st, in_st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (*path == '\0')
    {
      g_set_error_literal (error, AWL_OUTPUT_ERROR, AWL_OUTPUT_ERROR_REFUSED,
                           "the output file name is empty");
      return FALSE;
    }
  if (lstat (path, &out_st) != 0)
    return TRUE;   /* a new file */

  if (S_ISLNK (out_st.st_mode))
    {
      g_autofree char *target = g_file_read_link (path, NULL);
      g_set_error (error, AWL_OUTPUT_ERROR, AWL_OUTPUT_ERROR_REFUSED,
                   "%s is a symbolic link (to %s); give the file it points to, to write there",
                   path, target ? target : "?");
      return FALSE;
    }
  if (!S_ISREG (out_st.st_mode))
    {
      const char *what = S_ISDIR (out_st.st_mode) ? "a folder"
                       : S_ISFIFO (out_st.st_mode) ? "a FIFO"
                       : S_ISSOCK (out_st.st_mode) ? "a socket"
                       : "a device";
      g_set_error (error, AWL_OUTPUT_ERROR, AWL_OUTPUT_ERROR_REFUSED,
                   "%s is %s, not a regular file; nothing was written", path, what);
      return FALSE;
    }
  if (input != NULL && stat (input, &in_st) == 0 &&
      in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino)
    {
      g_set_error (error, AWL_OUTPUT_ERROR, AWL_OUTPUT_ERROR_REFUSED,
                   "%s is the scenario being read; refusing to write over it", path);
      return FALSE;
    }
  return TRUE;
}

char *
awl_output_temp_template (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.%d.XXXXXX.part", base, (int) getpid ());

  return g_build_filename (dir, name, NULL);
}

void
awl_output_remove_stale_parts (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      const char *rest;
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".part"))
        continue;
      /* Only ours: ".BASE.PID.XXXXXX.part" with six random characters. */
      rest = name + strlen (prefix);
      pid = g_ascii_strtoll (rest, &end, 10);
      if (end == rest || pid <= 0 || pid > G_MAXINT || *end != '.' ||
          strlen (end) != strlen (".XXXXXX.part"))
        continue;
      /* A process that still runs may be writing it right now. */
      if (kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      {
        g_autofree char *full = g_build_filename (dir, name, NULL);
        struct stat st;

        if (lstat (full, &st) == 0 && S_ISREG (st.st_mode))
          g_unlink (full);
      }
    }
}

static void
set_errno_error (GError    **error,
                 int         saved,
                 const char *what,
                 const char *path)
{
  g_set_error (error, AWL_OUTPUT_ERROR,
               saved == ENOSPC || saved == EDQUOT ? AWL_OUTPUT_ERROR_NO_SPACE : AWL_OUTPUT_ERROR_FAILED,
               "could not %s %s: %s", what, path,
               saved == ENOSPC || saved == EDQUOT ? "the disk is full" : g_strerror (saved));
}

gboolean
awl_output_write_all (int          fd,
                      const char  *path,
                      const void  *data,
                      gsize        length,
                      GError     **error)
{
  const char *p = data;

  while (length > 0)
    {
      gssize n = write (fd, p, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          set_errno_error (error, n < 0 ? errno : ENOSPC, "write", path);
          return FALSE;
        }
      p += n;
      length -= n;
    }
  return TRUE;
}

gboolean
awl_output_write_file (const char  *path,
                       const char  *input,
                       const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autofree char *temp = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (!awl_output_check_path (path, input, error))
    return FALSE;
  awl_output_remove_stale_parts (path);

  temp = awl_output_temp_template (path);
  fd = g_mkstemp_full (temp, O_WRONLY, 0644);
  if (fd < 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      set_errno_error (error, errno, "create a file in", dir);
      return FALSE;
    }
  if (!awl_output_write_all (fd, path, data, length, error))
    {
      close (fd);
      g_unlink (temp);
      return FALSE;
    }
  if (fsync (fd) != 0 && errno != EINVAL && errno != EROFS)
    {
      set_errno_error (error, errno, "write", path);
      close (fd);
      g_unlink (temp);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      set_errno_error (error, errno, "write", path);
      g_unlink (temp);
      return FALSE;
    }
  if (g_rename (temp, path) != 0)
    {
      set_errno_error (error, errno, "replace", path);
      g_unlink (temp);
      return FALSE;
    }
  return TRUE;
}

gboolean
awl_output_finish_stdout (GError **error)
{
  gboolean ok = TRUE;

  errno = 0;
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      set_errno_error (error, errno ? errno : EIO, "write to", "standard output");
      ok = FALSE;
    }
  fflush (stderr);
  return ok;
}
