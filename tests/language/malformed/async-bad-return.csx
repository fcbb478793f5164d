// @title t
async int Main()
{
    return 1;
}
