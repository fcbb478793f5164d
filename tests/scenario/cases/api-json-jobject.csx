// @title Newtonsoft.Json's JObject: parse what the server sent, read it back
// Checked against .NET 10 with Newtonsoft.Json 13.0.4 (`dotnet run`, `#:package`): every
// line below, the messages of the JsonReaderExceptions included, is what it printed.
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

static async Task Main()
{
    string json = await Http.GetAsync("https://api.example/user", 120,
        body: "{\"name\":\"Ada\",\"age\":36,\"tags\":[\"a\",\"b\"],\"inner\":{\"x\":1.5,\"ok\":true,\"n\":null}}");
    var o = JObject.Parse(json);
    Console.WriteLine(o);
    Console.WriteLine(o["name"]);
    Console.WriteLine((string)o["name"]);
    Console.WriteLine((int)o["age"] + 1);
    Console.WriteLine(o["tags"]);
    Console.WriteLine(o["inner"]["x"]);
    Console.WriteLine(o["missing"] == null);
    Console.WriteLine(o.ToString(Formatting.None));
    Console.WriteLine(o.Value<string>("name"));
    Console.WriteLine(o["inner"]["ok"]);
    Console.WriteLine(o.Count + " " + o.ContainsKey("age") + " " + ((JArray)o["tags"]).Count);
    Console.WriteLine(o["tags"][1]);
    Console.WriteLine(JObject.Parse("{\"e\":{},\"f\":[],\"d\":2.0,\"big\":1e20,\"s\":\"q\\\"uote\\n\",unquoted:1}"));
    string page = await Http.GetAsync("https://api.example/page", 50);
    string[] bad = { page, "[1,2]", "{\"a\":1", "{\"a\":x}", "{\"a\":{\"b\":[1,2,}}", "{\"a\":1}x", "", "42" };
    foreach (string text in bad)
    {
        try { JObject.Parse(text); }
        catch (JsonReaderException e) { Console.WriteLine(e.Message); }
    }
}
