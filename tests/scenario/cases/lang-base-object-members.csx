// @title base.ToString() and base.Equals() reach System.Object: the runtime class name and identity
using System;
class A
{
    public override string ToString() => "A says " + base.ToString();
    public override bool Equals(object o) => base.Equals(o);
}
class B : A { }
class Program
{
    static void Main()
    {
        var b = new B();
        Console.WriteLine(b);
        Console.WriteLine(new A());
        Console.WriteLine(b.Equals(b));
        Console.WriteLine(b.Equals(new B()));
    }
}
