/* awl-builtins-net.c
 *
 * System.Uri: parsing an absolute URI into the parts .NET exposes (GLib's GUri does
 * the RFC 3986 work).
 */

#include "awl-builtins-private.h"

typedef struct
{
  AwlForeign  parent;
  GUri       *uri;
} Uri;

static void
uri_finalize (AwlForeign *self)
{
  g_clear_pointer (&((Uri *) self)->uri, g_uri_unref);
}

/* Uri.ToString(): the URI as given, normalised by GLib. */
static void
uri_to_string (AwlForeign *self,
               GString    *out)
{
  g_autofree char *s = g_uri_to_string (((Uri *) self)->uri);
  g_string_append (out, s);
}

static const AwlForeignClass uri_class = { "Uri", uri_finalize, uri_to_string };

AWL_BI (uri_new)
{
  g_autoptr(GError) error = NULL;
  GUri *parsed;
  Uri *u;

  if (call->args[0].kind != AWL_VALUE_STRING)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'uriString')");
  parsed = g_uri_parse (call->args[0].s, G_URI_FLAGS_NONE, &error);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    {
      g_clear_pointer (&parsed, g_uri_unref);
      return bi_throw (call, "UriFormatException", "Invalid URI: The format of the URI could not be determined.");
    }
  u = awl_sim_foreign_new (call->sim, &uri_class, sizeof (Uri));
  u->uri = parsed;
  return bi_value (call, awl_value_object (u));
}

static GUri *
target_uri (AwlBiCall *call)
{
  return ((Uri *) call->target.o)->uri;
}

static AwlValue
interned (AwlBiCall  *call,
          const char *s)
{
  return awl_value_string (awl_sim_intern (call->sim, s ? s : ""));
}

AWL_BI (uri_host)
{
  return bi_value (call, interned (call, g_uri_get_host (target_uri (call))));
}

AWL_BI (uri_scheme)
{
  return bi_value (call, interned (call, g_uri_get_scheme (target_uri (call))));
}

/* AbsolutePath: "/" when the URI has none, as .NET answers. */
AWL_BI (uri_absolute_path)
{
  const char *path = g_uri_get_path (target_uri (call));
  return bi_value (call, interned (call, path && *path ? path : "/"));
}

/* Port: the explicit one, else the scheme's default (80, 443), else -1. */
AWL_BI (uri_port)
{
  GUri *u = target_uri (call);
  int port = g_uri_get_port (u);
  const char *scheme = g_uri_get_scheme (u);

  if (port < 0)
    port = g_strcmp0 (scheme, "https") == 0 ? 443 : g_strcmp0 (scheme, "http") == 0 ? 80 : -1;
  return bi_value (call, awl_value_int (port));
}

AWL_BI (uri_query)
{
  const char *q = g_uri_get_query (target_uri (call));
  g_autofree char *s = q ? g_strconcat ("?", q, NULL) : NULL;
  return bi_value (call, interned (call, s));
}

static const AwlKnownApi rows[] = {
  { "Uri", ".ctor", AWL_CT, 1, 1, NULL, 0, uri_new, 0, "var u = new Uri(\"https://learn.microsoft.com/dotnet?x=1\");" },
  { "Uri", "Host", AWL_IP, 0, 0, NULL, 0, uri_host, 0, "string h = new Uri(\"https://example.com/a\").Host;" },
  { "Uri", "Scheme", AWL_IP, 0, 0, NULL, 0, uri_scheme, 0, "string s = new Uri(\"https://example.com/a\").Scheme;" },
  { "Uri", "AbsolutePath", AWL_IP, 0, 0, NULL, 0, uri_absolute_path, 0, "string p = new Uri(\"https://example.com/a/b\").AbsolutePath;" },
  { "Uri", "Port", AWL_IP, 0, 0, NULL, 0, uri_port, 0, "int p = new Uri(\"https://example.com/a\").Port;" },
  { "Uri", "Query", AWL_IP, 0, 0, NULL, 0, uri_query, 0, "string q = new Uri(\"https://example.com/a?x=1\").Query;" },
};

const AwlApiFamily awl_api_family_net = { "Net", rows, G_N_ELEMENTS (rows) };
