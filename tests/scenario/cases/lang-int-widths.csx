// @title int, long, uint and byte wrap, shift and divide as C# does (checked against Mono)
using System;
class Program {
  static int Twice(int x) { return x * 2; }
  static void Main() {
    int a = int.MaxValue; a = a + 1; Console.WriteLine(a);
    int b = 1 << 33; Console.WriteLine(b);
    int sh = 33; Console.WriteLine(1 << sh);
    Console.WriteLine(-8 >> 33);
    long l = 1L << 65; Console.WriteLine(l);
    long big = 4000000000L; Console.WriteLine((int)big); Console.WriteLine((byte)big); Console.WriteLine((short)big);
    uint u = 0; u = u - 1; Console.WriteLine(u);
    uint v = 3000000000; Console.WriteLine(v + v); Console.WriteLine(v >> 1);
    int m = int.MinValue; int n = -1;
    try { Console.WriteLine(m / n); } catch (OverflowException e) { Console.WriteLine("div: " + e.Message); }
    try { Console.WriteLine(m % n); } catch (OverflowException e) { Console.WriteLine("mod: " + e.Message); }
    Console.WriteLine(-m);
    int i = int.MaxValue; i++; Console.WriteLine(i);
    int j = 2000000000; j += j; Console.WriteLine(j);
    Console.WriteLine(Twice(1500000000));
    var w = int.MaxValue; w = w * 3; Console.WriteLine(w);
    long big2 = int.MaxValue; big2 = big2 + 1; Console.WriteLine(big2);
    Console.WriteLine(int.MaxValue + (long) 1);
    Console.WriteLine((int) 3.99 + " " + (long) -2.5);
    byte by = 250; by += 10; Console.WriteLine(by);
    Console.WriteLine(~0u);
  }
}
