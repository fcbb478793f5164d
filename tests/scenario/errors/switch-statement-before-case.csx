// @title error case
void Main()
{
    switch (3)
    {
        Console.WriteLine(1);
    }
}
