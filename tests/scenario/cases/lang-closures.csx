// @title closures
void Main()
{
    var actions = new List<Func<int>>();
    foreach (var i in new[] { 1, 2, 3 })
        actions.Add(() => i * 10);
    foreach (var a in actions) Console.WriteLine(a());
    var shared = new List<Func<int>>();
    for (int j = 0; j < 3; j++)
        shared.Add(() => j);
    foreach (var a in shared) Console.WriteLine(a());
    int counter = 0;
    Action inc = () => counter++;
    inc(); inc();
    Console.WriteLine(counter);
    Func<int, Func<int, int>> adder = x => y => x + y;
    Console.WriteLine(adder(3)(4));
    Func<int, int> twice = v => v * 2;
    Console.WriteLine(twice(21));
}
