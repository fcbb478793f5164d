// @title lock serialises two threads
static object gate = new object();
static int counter;
void Work()
{
    lock (gate)
    {
        int seen = counter;
        Thread.Sleep(50);
        counter = seen + 1;
        Console.WriteLine($"counter={counter}");
    }
}
void Main()
{
    var t1 = new Thread(Work);
    var t2 = new Thread(Work);
    t1.Start(); t2.Start();
    t1.Join(); t2.Join();
    Console.WriteLine($"final={counter}");
}
