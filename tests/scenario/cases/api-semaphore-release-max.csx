// @title Release(int.MaxValue) is cheap; a second one is SemaphoreFullException
void Main()
{
    var s = new SemaphoreSlim(0);
    Console.WriteLine(s.Release(int.MaxValue));
    Console.WriteLine(s.CurrentCount);
    try { s.Release(int.MaxValue); } catch (SemaphoreFullException) { Console.WriteLine("full"); }
}
