// @title an unhandled NullReferenceException crashes the run
class Program
{
    static List<string> names;
    static void Main()
    {
        Console.WriteLine("before");
        Console.WriteLine(names.Count);
        Console.WriteLine("never");
    }
}
