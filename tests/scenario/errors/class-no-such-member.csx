// @title error case
class Toaster { public static void Toast() { } }
class Coffee { }
static class Program
{
    static void Main() { Toaster.Brew(); var c = new Coffee(3); this.ToString(); }
}
