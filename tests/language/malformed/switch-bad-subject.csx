// @title A switch statement whose subject does not parse
void Main()
{
    switch (1 + { case 1: Console.WriteLine(1); break; }
}
