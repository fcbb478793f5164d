// @title Task.Run with sync and async lambdas and a method group
static int Compute() { Cpu.Work(40); return 40; }
async Task Main()
{
    int a = await Task.Run(() => { Cpu.Work(30); return 7; });
    Console.WriteLine($"a={a}");
    int b = await Task.Run(async () => { await Task.Delay(20); return 8; });
    Console.WriteLine($"b={b}");
    int c = await Task.Run(Compute);
    Console.WriteLine($"c={c}");
    await Task.Run(() => Console.WriteLine("void lambda"));
}
