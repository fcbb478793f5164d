// @title Replace that doubles a string meets the memory budget
void Main()
{
    string s = "a".PadLeft(1000000, 'a');
    while (true) s = s.Replace("a", "aa");
}
