// @title error case
void Main()
{
    switch (3)
    {
        case 3:
            continue;
    }
}
