/* awaitlab-export-video.c
 *
 * WebM and MP4 through GStreamer: appsrc → videoconvert → I420 → encoder →
 * muxer → filesink. Frames are drawn straight into the buffers pushed to appsrc
 * (no copy); appsrc blocks when its queue is full, so drawing on this thread and
 * encoding on the streaming threads overlap on two cores.
 */

#include <glib/gi18n.h>
#include <gst/gst.h>
#include <gst/app/gstappsrc.h>
#include <math.h>

#include "awaitlab-export-private.h"

typedef struct
{
  const char *element;
  const char *plugin;
  const char *package;
} Plugin;

static const Plugin plugins[] = {
  { "appsrc", "app", "gstreamer1.0-plugins-base" },
  { "videoconvert", "videoconvertscale", "gstreamer1.0-plugins-base" },
  { "capsfilter", "coreelements", "gstreamer1.0 (core)" },
  { "filesink", "coreelements", "gstreamer1.0 (core)" },
  { "x264enc", "x264", "gstreamer1.0-plugins-ugly" },
  { "openh264enc", "openh264", "gstreamer1.0-plugins-bad" },
  { "h264parse", "videoparsersbad", "gstreamer1.0-plugins-bad" },
  { "mp4mux", "isomp4", "gstreamer1.0-plugins-good" },
  { "vp8enc", "vpx", "gstreamer1.0-plugins-good" },
  { "vp9enc", "vpx", "gstreamer1.0-plugins-good" },
  { "webmmux", "matroska", "gstreamer1.0-plugins-good" },
};

static const Plugin *
plugin_for (const char *element)
{
  for (guint i = 0; i < G_N_ELEMENTS (plugins); i++)
    if (g_str_equal (plugins[i].element, element))
      return &plugins[i];
  return NULL;
}

static char *
describe_element (const char *element)
{
  const Plugin *p = plugin_for (element);

  if (p == NULL)
    return g_strdup_printf ("“%s”", element);
  return g_strdup_printf (_("“%s” (GStreamer plugin “%s”, Debian package %s)"),
                          element, p->plugin, p->package);
}

static GstElement *
make (const char  *element,
      GError     **error)
{
  GstElement *e = gst_element_factory_make (element, NULL);

  if (e == NULL)
    {
      g_autofree char *what = describe_element (element);
      g_set_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_MISSING_PLUGIN,
                   _("Cannot encode: the GStreamer element %s is not installed"), what);
    }
  return e;
}

static gboolean
have (const char *element)
{
  g_autoptr(GstElementFactory) factory = gst_element_factory_find (element);
  return factory != NULL;
}

/* The encoder and muxer chain for @format, already added to @pipeline and
 * linked in order; returns the first element and sets @last to the muxer. */
static GstElement *
make_encoder (GstElement            *pipeline,
              AwaitlabExportFormat   format,
              int                    fps,
              int                    width,
              int                    height,
              GstElement           **last,
              GError               **error)
{
  GstElement *chain[3] = { NULL };
  guint n = 0;

  if (format == AWAITLAB_EXPORT_MP4)
    {
      if (have ("x264enc"))
        {
          chain[n] = make ("x264enc", error);
          /* Flat synthetic pictures compress well even at the fastest preset;
           * zerolatency drops lookahead and B-frames, which buy little here. */
          gst_util_set_object_arg (G_OBJECT (chain[n]), "speed-preset", "ultrafast");
          gst_util_set_object_arg (G_OBJECT (chain[n]), "tune", "zerolatency");
          g_object_set (chain[n], "key-int-max", (guint)(fps * 2), "bitrate", (guint)MAX (1000, width * height / 250), NULL);
          n++;
        }
      else if (have ("openh264enc"))
        chain[n++] = make ("openh264enc", error);
      else
        {
          g_autofree char *a = describe_element ("x264enc");
          g_autofree char *b = describe_element ("openh264enc");
          g_set_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_MISSING_PLUGIN,
                       _("Cannot encode H.264 for MP4: neither %s nor %s is installed"), a, b);
          return NULL;
        }
      if (have ("h264parse"))
        chain[n++] = make ("h264parse", error);
      if (!(chain[n++] = make ("mp4mux", error)))
        goto fail;
    }
  else
    {
      const char *enc = have ("vp8enc") ? "vp8enc" : have ("vp9enc") ? "vp9enc" : NULL;

      if (enc == NULL)
        {
          g_autofree char *a = describe_element ("vp8enc");
          g_set_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_MISSING_PLUGIN,
                       _("Cannot encode WebM: the GStreamer element %s is not installed"), a);
          return NULL;
        }
      chain[n] = make (enc, error);
      /* Realtime deadline with the fastest speed setting: good enough for flat
       * colours, several times faster than the "good" deadline. */
      g_object_set (chain[n], "deadline", (gint64)1, "cpu-used", 8, "threads", 2,
                    "target-bitrate", MAX (500000, width * height * 2), NULL);
      gst_util_set_object_arg (G_OBJECT (chain[n]), "end-usage", "vbr");
      g_object_set (chain[n], "keyframe-max-dist", fps * 2, NULL);
      n++;
      if (!(chain[n++] = make ("webmmux", error)))
        goto fail;
    }

  for (guint i = 0; i < n; i++)
    gst_bin_add (GST_BIN (pipeline), chain[i]);
  for (guint i = 0; i + 1 < n; i++)
    if (!gst_element_link (chain[i], chain[i + 1]))
      {
        g_set_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_FAILED,
                     _("Cannot link the GStreamer elements %s and %s"),
                     GST_ELEMENT_NAME (chain[i]), GST_ELEMENT_NAME (chain[i + 1]));
        return NULL;
      }
  *last = chain[n - 1];
  return chain[0];

fail:
  /* Not yet in the bin: sink the floating references before dropping them. */
  for (guint i = 0; i < n; i++)
    if (chain[i] != NULL)
      gst_object_unref (gst_object_ref_sink (chain[i]));
  return NULL;
}

static GstElement *
build_pipeline (const AwaitlabExportOptions  *options,
                const char                   *temp_path,
                GstElement                  **out_src,
                GError                      **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new ("awaitlab-export");
  g_autoptr(GstCaps) src_caps = NULL;
  g_autoptr(GstCaps) yuv_caps = NULL;
  GstElement *src, *convert, *filter, *encoder, *mux = NULL, *sink;
  guint frame_bytes = options->width * options->height * 4;

  if (!(src = make ("appsrc", error)))
    return NULL;
  gst_bin_add (GST_BIN (pipeline), src);
  if (!(convert = make ("videoconvert", error)))
    return NULL;
  gst_bin_add (GST_BIN (pipeline), convert);
  if (!(filter = make ("capsfilter", error)))
    return NULL;
  gst_bin_add (GST_BIN (pipeline), filter);
  if (!(sink = make ("filesink", error)))
    return NULL;
  gst_bin_add (GST_BIN (pipeline), sink);
  if (!(encoder = make_encoder (pipeline, options->format, options->fps,
                                options->width, options->height, &mux, error)))
    return NULL;

  /* Cairo's ARGB32 is BGRA in memory on little-endian machines; the frames are
   * opaque, so BGRx. */
  src_caps = gst_caps_new_simple ("video/x-raw",
                                  "format", G_TYPE_STRING, G_BYTE_ORDER == G_LITTLE_ENDIAN ? "BGRx" : "xRGB",
                                  "width", G_TYPE_INT, options->width,
                                  "height", G_TYPE_INT, options->height,
                                  "framerate", GST_TYPE_FRACTION, options->fps, 1,
                                  "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                                  NULL);
  /* Not blocking: push_frames() waits for room itself, watching the bus, so a
   * failed sink (disk full) or a cancel never leaves us stuck in a push. */
  g_object_set (src, "caps", src_caps, "format", GST_FORMAT_TIME, "block", FALSE,
                "max-bytes", (guint64)frame_bytes * 3, "is-live", FALSE, NULL);
  g_object_set (convert, "n-threads", 2, NULL);
  yuv_caps = gst_caps_from_string ("video/x-raw,format=I420");
  g_object_set (filter, "caps", yuv_caps, NULL);
  g_object_set (sink, "location", temp_path, "sync", FALSE, NULL);

  if (!gst_element_link_many (src, convert, filter, encoder, NULL) ||
      !gst_element_link (mux, sink))
    {
      g_set_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_FAILED,
                   _("Cannot link the video pipeline (%s)"), GST_ELEMENT_NAME (encoder));
      return NULL;
    }

  *out_src = src;
  return g_steal_pointer (&pipeline);
}

static void
set_gst_error (GstMessage  *message,
               const char  *temp_path,
               GError     **error)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;
  int code = AWAITLAB_EXPORT_ERROR_FAILED;

  gst_message_parse_error (message, &gst_error, &debug);
  if (gst_error->domain == GST_RESOURCE_ERROR)
    {
      if (gst_error->code == GST_RESOURCE_ERROR_NO_SPACE_LEFT)
        code = AWAITLAB_EXPORT_ERROR_NO_SPACE;
      else if (gst_error->code == GST_RESOURCE_ERROR_OPEN_WRITE ||
               gst_error->code == GST_RESOURCE_ERROR_OPEN_READ_WRITE ||
               gst_error->code == GST_RESOURCE_ERROR_WRITE)
        code = AWAITLAB_EXPORT_ERROR_NOT_WRITABLE;
    }
  g_set_error (error, AWAITLAB_EXPORT_ERROR, code,
               code == AWAITLAB_EXPORT_ERROR_NO_SPACE ? _("Could not write the video: the disk is full")
                                                      : _("Could not encode the video: %s (%s)"),
               gst_error->message, GST_OBJECT_NAME (GST_MESSAGE_SRC (message)));
}

/* An error already on the bus, without waiting. */
static gboolean
bus_failed (GstBus      *bus,
            const char  *temp_path,
            GError     **error)
{
  g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

  if (message == NULL)
    return FALSE;
  set_gst_error (message, temp_path, error);
  return TRUE;
}

/* Back-pressure: at most @max_bytes queued in appsrc. While waiting, errors
 * from the encoder or the file and cancellation end the export. */
static gboolean
wait_for_room (GstElement    *src,
               GstBus        *bus,
               guint64        max_bytes,
               const char    *temp_path,
               GCancellable  *cancellable,
               GError       **error)
{
  for (;;)
    {
      g_autoptr(GstMessage) message = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (gst_app_src_get_current_level_bytes (GST_APP_SRC (src)) < max_bytes)
        return !bus_failed (bus, temp_path, error);

      message = gst_bus_timed_pop_filtered (bus, 2 * GST_MSECOND, GST_MESSAGE_ERROR);
      if (message != NULL)
        {
          set_gst_error (message, temp_path, error);
          return FALSE;
        }
    }
}

static gboolean
push_frames (AwaitlabExportSource        *source,
             const AwaitlabExportOptions *options,
             GstElement                  *src,
             GstBus                      *bus,
             const char                  *temp_path,
             AwaitlabExportProgress       progress,
             gpointer                     progress_data,
             GCancellable                *cancellable,
             GError                     **error)
{
  g_autoptr(AwaitlabExportPainter) painter = awaitlab_export_painter_new (source, options);
  guint n_frames = awaitlab_export_count_frames (source, options);
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_RGB24, options->width);
  gsize size = (gsize)stride * options->height;

  for (guint i = 0; i < n_frames; i++)
    {
      GstBuffer *buffer;
      GstMapInfo map;
      cairo_surface_t *surface;
      cairo_t *cr;
      GstFlowReturn ret;

      if (!wait_for_room (src, bus, size * 3, temp_path, cancellable, error))
        return FALSE;

      buffer = gst_buffer_new_allocate (NULL, size, NULL);
      gst_buffer_map (buffer, &map, GST_MAP_WRITE);
      surface = cairo_image_surface_create_for_data (map.data, CAIRO_FORMAT_RGB24,
                                                     options->width, options->height, stride);
      cr = cairo_create (surface);
      awaitlab_export_painter_draw (painter, cr, awaitlab_export_painter_seek (painter, i, n_frames),
                                   options->width, options->height);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      gst_buffer_unmap (buffer, &map);

      GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (i, GST_SECOND, options->fps);
      GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (i + 1, GST_SECOND, options->fps) -
                                     GST_BUFFER_PTS (buffer);
      ret = gst_app_src_push_buffer (GST_APP_SRC (src), buffer);
      if (ret != GST_FLOW_OK)
        {
          if (!bus_failed (bus, temp_path, error))
            g_set_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_FAILED,
                         _("The encoder stopped: %s"), gst_flow_get_name (ret));
          return FALSE;
        }
      if (progress != NULL)
        progress ((i + 1) / (double)n_frames, i + 1, n_frames, progress_data);
    }
  return TRUE;
}

/* Waits for the muxer to finish the file (EOS) or an error. */
static gboolean
finish (GstElement    *src,
        GstBus        *bus,
        const char    *temp_path,
        GCancellable  *cancellable,
        GError       **error)
{
  gst_app_src_end_of_stream (GST_APP_SRC (src));

  for (;;)
    {
      g_autoptr(GstMessage) message = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      message = gst_bus_timed_pop_filtered (bus, 100 * GST_MSECOND,
                                            GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
      if (message == NULL)
        continue;
      if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
        return TRUE;
      set_gst_error (message, temp_path, error);
      return FALSE;
    }
}

gboolean
awaitlab_export_video (AwaitlabExportSource        *source,
                       const AwaitlabExportOptions *options,
                       const char                  *temp_path,
                       AwaitlabExportProgress       progress,
                       gpointer                     progress_data,
                       GCancellable                *cancellable,
                       GError                     **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  GstElement *src = NULL;
  gboolean ok;

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  pipeline = build_pipeline (options, temp_path, &src, error);
  if (pipeline == NULL)
    return FALSE;

  bus = gst_element_get_bus (pipeline);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (!bus_failed (bus, temp_path, error))
        g_set_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_FAILED,
                     _("Could not start the video encoder"));
      gst_element_set_state (pipeline, GST_STATE_NULL);
      return FALSE;
    }

  ok = push_frames (source, options, src, bus, temp_path, progress, progress_data, cancellable, error) &&
       finish (src, bus, temp_path, cancellable, error);

  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}
