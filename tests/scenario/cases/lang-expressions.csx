// @title casts, is, ternary, nameof, default, strings
void Main()
{
    double d = 7.9;
    int i = (int)d;
    Console.WriteLine(i);
    Console.WriteLine((double)i / 2);
    object o = "text";
    Console.WriteLine(o is string);
    Console.WriteLine(o is int);
    Exception e = new TimeoutException();
    if (e is OperationCanceledException) Console.WriteLine("wrong");
    if (e is TimeoutException t) Console.WriteLine($"pattern: {t.Message}");
    string s = null;
    Console.WriteLine(s is null);
    Console.WriteLine(s?.Length ?? -1);
    Console.WriteLine(nameof(Main));
    int z = default;
    Console.WriteLine(z);
    string word = "Awaitlab";
    Console.WriteLine($"{word.Length} {word.ToUpper()} {word.Substring(0, 5)} {word.Contains("lab")}");
    Console.WriteLine(word[0]);
    Console.WriteLine(1 < 2 == true);
    Console.WriteLine(5 & 3 | 8 ^ 1);
    Console.WriteLine(1 << 4);
    Console.WriteLine(Math.Max(3, 9) + Math.Min(2.5, 1));
}
