// @title PadLeft(2000000000) is a memory limit, not a silent clamp
void Main()
{
    Console.WriteLine("before");
    string s = "x".PadLeft(2000000000);
    Console.WriteLine(s.Length);
}
