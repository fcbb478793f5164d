// @title await in the middle of expressions
async Task<int> ValueAsync(int v, int ms)
{
    await Task.Delay(ms);
    return v;
}
async Task Main()
{
    int b = 1 + await ValueAsync(5, 50) * 2;
    Console.WriteLine($"b={b}");
    Console.WriteLine($"sum={await ValueAsync(1, 10) + await ValueAsync(2, 20)}");
    bool both = await ValueAsync(1, 5) == 1 && await ValueAsync(0, 5) == 0;
    Console.WriteLine(both);
    var list = new List<int> { await ValueAsync(7, 5), await ValueAsync(8, 5) };
    Console.WriteLine(string.Join("+", list));
}
