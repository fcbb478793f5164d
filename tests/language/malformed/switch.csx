// @title t
void Main()
{
    switch (1) { case 1: Console.WriteLine(1); }
}
