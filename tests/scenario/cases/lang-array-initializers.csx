// @title array initializers without new
static readonly string[] urls = { "https://a", "https://b" };
async Task Main() {
 int[] delays = { 30, 10, 20 };
 var tasks = new List<Task<string>>();
 for (int i = 0; i < urls.Length; i++) tasks.Add(Http.GetAsync(urls[i], delays[i]));
 string[] pages = await Task.WhenAll(tasks);
 Console.WriteLine($"{delays.Length} {string.Join(" | ", pages)}");
}
