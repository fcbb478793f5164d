// @title s = s + s until the memory budget ends the run
void Main()
{
    string s = "x".PadLeft(1000000);
    while (true) s = s + s;
}
