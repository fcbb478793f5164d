// @title Bench: 100,000 awaited tasks
// @expect outcome completed
// @expect output "100000 tasks, total 100000"
async Task<int> StepAsync(int i)
{
    await Task.Delay(1 + i % 10);
    return 1;
}

async Task Main()
{
    var tasks = new List<Task<int>>();
    for (int i = 0; i < 100000; i++)
        tasks.Add(StepAsync(i));
    int total = 0;
    foreach (var t in tasks)
        total += await t;
    Console.WriteLine($"{tasks.Count} tasks, total {total}");
}
