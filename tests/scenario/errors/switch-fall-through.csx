// @title error case
void Main()
{
    int n = 2;
    switch (n)
    {
        case 1:
            Console.WriteLine("one");
        case 2:
            Console.WriteLine("two");
            break;
    }
}
