// @title error case
void Main() { int a = 1; Console.WriteLine(ref a); Interlocked.Increment(a); }
