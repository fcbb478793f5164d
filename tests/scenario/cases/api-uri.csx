// @title System.Uri: parts of an absolute URI
void Main() {
 var u = new Uri("https://learn.microsoft.com/dotnet/csharp?view=net-8.0");
 Console.WriteLine($"{u.Scheme} {u.Host} {u.AbsolutePath} {u.Port} {u.Query}");
 Console.WriteLine(new Uri("http://example.com").AbsolutePath);
 Console.WriteLine(u);
 try { new Uri("not a uri"); } catch (UriFormatException e) { Console.WriteLine(e.Message); }
}
