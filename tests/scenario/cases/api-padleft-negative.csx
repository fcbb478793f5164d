// @title PadLeft with a negative width throws as .NET does
void Main()
{
    try { "x".PadLeft(-1); } catch (ArgumentOutOfRangeException e) { Console.WriteLine(e.Message); }
    Console.WriteLine("x".PadLeft(3) + "|" + "x".PadRight(3) + "|" + "x".PadLeft(3, (char) 46) + "x".PadRight(3, (char) 45));
}
