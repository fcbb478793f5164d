// @title Task.WaitAny returns the index of the first task; OrderBy sorts stably
async Task<int> After(int ms) { await Task.Delay(ms); return ms; }
void Main()
{
    int first = Task.WaitAny(After(300), After(100), After(200));
    Console.WriteLine($"first index {first}");
    var words = new List<string> { "pear", "fig", "apple", "kiwi" };
    Console.WriteLine(string.Join(",", words.OrderBy(w => w.Length)));
    Console.WriteLine(string.Join(",", new[] { 3, 1, 2 }.OrderBy(x => -x).ToList()));
}
