// @title exc
int Depth(int n) { if (n == 0) throw new InvalidOperationException("bottom"); return Depth(n - 1); }
int F()
{
    try { return 1; }
    finally { Console.WriteLine("finally in F"); }
}
void Main()
{
    try { Depth(3); }
    catch (ArgumentException) { Console.WriteLine("wrong"); }
    catch (InvalidOperationException ex) when (ex.Message == "nope") { Console.WriteLine("filtered"); }
    catch (Exception ex) { Console.WriteLine($"caught {ex.GetType().Name}: {ex.Message}"); }
    finally { Console.WriteLine("finally 1"); }
    Console.WriteLine(F());
    try
    {
        try { throw new TimeoutException(); }
        catch (Exception) { Console.WriteLine("rethrowing"); throw; }
    }
    catch (TimeoutException t) { Console.WriteLine(t.Message); }
    var wrapped = new InvalidOperationException("outer", new ArgumentException("inner"));
    Console.WriteLine(wrapped.InnerException.Message);
    Console.WriteLine(wrapped);
    for (int i = 0; i < 3; i++)
    {
        try { if (i == 1) break; Console.WriteLine($"body {i}"); }
        finally { Console.WriteLine($"finally {i}"); }
    }
    try { int z = 0; Console.WriteLine(5 / z); }
    catch (DivideByZeroException e) { Console.WriteLine(e.Message); }
    try { string s = null; Console.WriteLine(s.Length); }
    catch (NullReferenceException e) { Console.WriteLine(e.Message); }
    try { var l = new List<int>(); Console.WriteLine(l[3]); }
    catch (ArgumentOutOfRangeException e) { Console.WriteLine(e.Message); }
    try { var a = new int[1]; a[2] = 1; }
    catch (IndexOutOfRangeException e) { Console.WriteLine(e.Message); }
    throw new Exception("boom");
}
