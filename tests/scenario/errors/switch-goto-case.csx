// @title error case
void Main()
{
    switch (3)
    {
        default:
            break;
        case 1:
            goto case 3;
    }
}
