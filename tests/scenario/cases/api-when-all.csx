// @title WhenAll ends at the longest task and returns the results in order
async Task<int> After(int ms) { await Task.Delay(ms); Console.WriteLine($"{ms} done"); return ms; }
async Task Main()
{
    int[] results = await Task.WhenAll(After(300), After(100), After(200));
    Console.WriteLine(string.Join(",", results));
    var tasks = new List<Task<int>>();
    for (int i = 1; i <= 3; i++) tasks.Add(After(i * 10));
    int[] more = await Task.WhenAll(tasks);
    Console.WriteLine(more.Sum());
    int[] sel = await Task.WhenAll(Enumerable.Range(1, 2).Select(i => After(i * 5)));
    Console.WriteLine(sel.Length);
}
