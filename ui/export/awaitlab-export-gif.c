/* awaitlab-export-gif.c
 *
 * Animated GIF with giflib. Our pictures are flat colours, so one fixed global
 * palette does well: the renderer's exact state and thread colours (plain and
 * veiled), a ramp of greys, and a 6×6×6 cube for anti-aliased edges. Pixels map
 * through a lazily filled 18-bit lookup table; only the rectangle that changed
 * since the previous frame is written, which keeps files small.
 */

#include <errno.h>
#include <gif_lib.h>
#include <glib/gi18n.h>
#include <string.h>

#include "awaitlab-export-private.h"

#define LUT_UNSET 0xffff

typedef struct
{
  GifColorType colors[256];
  guint        n_colors;
  guint16     *lut;            /* 64×64×64 → palette index */
} Palette;

static void
add_color (Palette *p,
           double   r,
           double   g,
           double   b)
{
  if (p->n_colors >= 256)
    return;
  p->colors[p->n_colors].Red = (GifByteType)CLAMP (r * 255 + 0.5, 0, 255);
  p->colors[p->n_colors].Green = (GifByteType)CLAMP (g * 255 + 0.5, 0, 255);
  p->colors[p->n_colors].Blue = (GifByteType)CLAMP (b * 255 + 0.5, 0, 255);
  p->n_colors++;
}

static void
palette_init (Palette  *p,
              gboolean  dark)
{
  AwaitlabColor background, veil, red;
  double bg, veil_alpha;

  awaitlab_palette_background (dark, &background);
  awaitlab_palette_veil (dark, &veil, &veil_alpha);
  awaitlab_palette_deadlock (&red);
  bg = background.red;
  memset (p, 0, sizeof *p);
  for (guint s = 0; s < AWAITLAB_N_SPAN_STATES; s++)
    {
      AwaitlabColor c;

      awaitlab_state_color (s, &c);
      add_color (p, c.red, c.green, c.blue);
      /* Behind the playhead's veil. */
      awaitlab_color_blend (&veil, veil_alpha, &c, &c);
      add_color (p, c.red, c.green, c.blue);
    }
  for (guint t = 0; t < AWAITLAB_PALETTE_N_LANE_COLORS; t++)
    {
      AwaitlabColor c;

      awaitlab_thread_color (t, &c);
      add_color (p, c.red, c.green, c.blue);
    }
  add_color (p, red.red, red.green, red.blue);
  /* 14 state shades + 20 lanes + red + 9 greys + background + 210 colours of the
   * 6×6×6 cube (its greys are already there) = 255 of the 256 a GIF holds. */
  for (guint i = 0; i <= 8; i++)
    add_color (p, i / 8.0, i / 8.0, i / 8.0);
  add_color (p, bg, bg, bg);
  for (guint r = 0; r < 6; r++)
    for (guint g = 0; g < 6; g++)
      for (guint b = 0; b < 6; b++)
        if (r != g || g != b)
          add_color (p, r / 5.0, g / 5.0, b / 5.0);

  p->lut = g_new (guint16, 1 << 18);
  memset (p->lut, 0xff, sizeof (guint16) << 18);
}

static guint8
nearest (Palette *p,
         guint32  pixel)
{
  guint key = ((pixel >> 18) & 0x3f) << 12 | ((pixel >> 10) & 0x3f) << 6 | ((pixel >> 2) & 0x3f);
  int r, g, b, best = 0;
  guint best_d = G_MAXUINT;

  if (p->lut[key] != LUT_UNSET)
    return p->lut[key];

  r = (pixel >> 16) & 0xff;
  g = (pixel >> 8) & 0xff;
  b = pixel & 0xff;
  for (guint i = 0; i < p->n_colors; i++)
    {
      int dr = r - p->colors[i].Red, dg = g - p->colors[i].Green, db = b - p->colors[i].Blue;
      /* Weighted towards green as the eye is. */
      guint d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;

      if (d < best_d)
        best_d = d, best = i;
    }
  p->lut[key] = best;
  return best;
}

static const char *
gif_error_text (int code)
{
  const char *text = GifErrorString (code);
  return text ? text : "unknown error";
}

static void
set_gif_error (AwaitlabExportFile  *file,
               int                  code,
               GError             **error)
{
  int e = code == E_GIF_ERR_WRITE_FAILED || code == E_GIF_ERR_DISK_IS_FULL ? errno : 0;

  if (code == E_GIF_ERR_DISK_IS_FULL)
    e = ENOSPC;
  awaitlab_export_file_set_write_error (file, e, gif_error_text (code), error);
}

static gboolean
write_frame (GifFileType *gif,
             const guint8 *indices,
             const guint8 *previous,
             int           width,
             int           height,
             int           delay,
             int          *code)
{
  GifByteType ext[4];
  GraphicsControlBlock gcb = { DISPOSE_DO_NOT, false, delay, NO_TRANSPARENT_COLOR };
  int x0 = 0, y0 = 0, x1 = width - 1, y1 = height - 1;

  if (previous != NULL)
    {
      x0 = width, y0 = height, x1 = -1, y1 = -1;
      for (int y = 0; y < height; y++)
        {
          const guint8 *a = indices + (gsize)y * width, *b = previous + (gsize)y * width;

          if (memcmp (a, b, width) == 0)
            continue;
          y0 = MIN (y0, y);
          y1 = y;
          for (int x = 0; x < width; x++)
            if (a[x] != b[x])
              {
                x0 = MIN (x0, x);
                x1 = MAX (x1, x);
              }
        }
      /* Nothing moved: a one-pixel frame still carries the delay. */
      if (x1 < 0)
        x0 = x1 = y0 = y1 = 0;
    }

  EGifGCBToExtension (&gcb, ext);
  if (EGifPutExtension (gif, GRAPHICS_EXT_FUNC_CODE, 4, ext) == GIF_ERROR ||
      EGifPutImageDesc (gif, x0, y0, x1 - x0 + 1, y1 - y0 + 1, false, NULL) == GIF_ERROR)
    {
      *code = gif->Error;
      return FALSE;
    }
  for (int y = y0; y <= y1; y++)
    if (EGifPutLine (gif, (GifPixelType *)indices + (gsize)y * width + x0, x1 - x0 + 1) == GIF_ERROR)
      {
        *code = gif->Error;
        return FALSE;
      }
  return TRUE;
}

static gboolean
write_header (GifFileType *gif,
              Palette     *palette,
              int          width,
              int          height,
              int         *code)
{
  ColorMapObject *map = GifMakeMapObject (256, palette->colors);
  static const GifByteType loop[3] = { 1, 0, 0 };   /* loop forever */
  gboolean ok;

  EGifSetGifVersion (gif, true);
  ok = EGifPutScreenDesc (gif, width, height, 8, 0, map) != GIF_ERROR &&
       EGifPutExtensionLeader (gif, APPLICATION_EXT_FUNC_CODE) != GIF_ERROR &&
       EGifPutExtensionBlock (gif, 11, "NETSCAPE2.0") != GIF_ERROR &&
       EGifPutExtensionBlock (gif, 3, loop) != GIF_ERROR &&
       EGifPutExtensionTrailer (gif) != GIF_ERROR;
  GifFreeMapObject (map);
  if (!ok)
    *code = gif->Error;
  return ok;
}

gboolean
awaitlab_export_gif (AwaitlabExportSource        *source,
                     const AwaitlabExportOptions *options,
                     AwaitlabExportFile          *file,
                     AwaitlabExportProgress       progress,
                     gpointer                     progress_data,
                     GCancellable                *cancellable,
                     GError                     **error)
{
  g_autoptr(AwaitlabExportPainter) painter = awaitlab_export_painter_new (source, options);
  guint n_frames = awaitlab_export_count_frames (source, options);
  int width = options->width, height = options->height;
  g_autofree guint8 *indices = g_malloc ((gsize)width * height);
  g_autofree guint8 *previous = g_malloc ((gsize)width * height);
  cairo_surface_t *surface;
  GifFileType *gif;
  Palette palette;
  gboolean ok = TRUE;
  int code = 0, close_code = 0;

  gif = EGifOpenFileName (file->temp_path, false, &code);
  if (gif == NULL)
    {
      set_gif_error (file, code, error);
      return FALSE;
    }

  palette_init (&palette, options->dark);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  ok = write_header (gif, &palette, width, height, &code);

  for (guint i = 0; ok && i < n_frames; i++)
    {
      cairo_t *cr;
      const guint8 *data;
      int stride, delay;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }

      cr = cairo_create (surface);
      awaitlab_export_painter_draw (painter, cr, awaitlab_export_painter_seek (painter, i, n_frames),
                                   width, height);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (int y = 0; y < height; y++)
        {
          const guint32 *row = (const guint32 *)(data + (gsize)y * stride);
          guint8 *out = indices + (gsize)y * width;

          for (int x = 0; x < width; x++)
            out[x] = nearest (&palette, row[x]);
        }

      /* Centiseconds, spread so the total stays exact at any frame rate. */
      delay = (int)((i + 1) * 100 / options->fps) - (int)(i * 100 / options->fps);
      ok = write_frame (gif, indices, i > 0 ? previous : NULL, width, height, delay, &code);
      memcpy (previous, indices, (gsize)width * height);

      if (ok && progress != NULL)
        progress ((i + 1) / (double)n_frames, i + 1, n_frames, progress_data);
    }

  cairo_surface_destroy (surface);
  g_free (palette.lut);

  if (EGifCloseFile (gif, &close_code) == GIF_ERROR && ok)
    {
      ok = FALSE;
      code = close_code;
    }
  if (!ok && code != 0 && (error == NULL || *error == NULL))
    set_gif_error (file, code, error);
  return ok;
}
