// @title loops
void Main()
{
    for (int i = 0; i < 5; i++)
    {
        if (i == 1) continue;
        if (i == 4) break;
        Console.WriteLine($"for {i}");
    }
    int k = 0;
    while (k < 3) { k++; }
    Console.WriteLine($"while {k}");
    do { k--; } while (k > 10);
    Console.WriteLine($"do {k}");
    var names = new List<string> { "a", "b", "c" };
    foreach (var name in names)
    {
        if (name == "b") continue;
        Console.WriteLine($"foreach {name}");
    }
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            Console.WriteLine($"{i}{j}");
}
