// @title index out of range inside an async method faults its task
async Task<int> PickAsync(int[] values, int i)
{
    await Task.Delay(10);
    return values[i];
}
async Task Main()
{
    try { Console.WriteLine(await PickAsync(new[] { 1, 2 }, 5)); }
    catch (IndexOutOfRangeException e) { Console.WriteLine($"caught: {e.Message}"); }
    int zero = 0;
    Console.WriteLine(10 / zero);
}
