// @title Select with an async lambda starts every task at once
async Task<string> Fetch(int id)
{
    Console.WriteLine($"start {id}");
    string body = await Http.GetAsync($"https://api.example/{id}", 100 * id);
    return $"{id}:{body.Length}";
}
async Task Main()
{
    var tasks = Enumerable.Range(1, 3).Select(id => Fetch(id)).ToArray();
    Console.WriteLine($"{tasks.Length} tasks started");
    string[] results = await Task.WhenAll(tasks);
    Console.WriteLine(string.Join(" ", results));
    var doubled = new List<int> { 1, 2, 3 }.Select(async x => { await Task.Delay(x); return x * 2; }).ToList();
    foreach (var t in doubled) Console.WriteLine(await t);
}
